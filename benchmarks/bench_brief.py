"""How long the meeting brief takes to reach a PDF on the reference journal.

    python benchmarks/bench_brief.py [--db PATH] [--runs 7]

Without ``--db`` the reference journal (10,000 people, 200,000 interactions, 400,000
exchanges) is generated once with ``winwin_desktop.demo.build_large`` into the temporary
folder and reused by later runs (and by the other benchmarks). The brief is for the
person in the most interactions (at least 2,000 at full size). Figures are medians over
``--runs`` warm runs; the first run, which also imports matplotlib, is shown on its own,
and so is the whole ``winwin brief`` command in a fresh process.

Target (DESIGN.md): brief to PDF within 1.5 s.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

# Run from a checkout without installing: the package sits one folder up.
REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

TARGET_MS = 1500


def reference_journal(path: Path | None) -> Path:
    from winwin_desktop.store import open_journal

    if path is None:
        path = Path(tempfile.gettempdir()) / "winwin-bench" / "reference.db"
        if not path.exists():
            from winwin_desktop.demo import build_large

            path.parent.mkdir(parents=True, exist_ok=True)
            print(f"Generating the reference journal at {path} (about a minute, once)…")
            build_large(path)
            return path
    open_journal(path)
    return path


def busiest_person() -> tuple[int, str, int]:
    """(id, name, number of interactions) of the person in the most interactions."""
    from peewee import fn

    from winwin_desktop.store.models import Interaction, Participant, Person

    count = fn.COUNT(Participant.id)
    row = (
        Participant.select(Participant.person, count)
        .join(Interaction)
        .where(Participant.deleted_at.is_null() & Interaction.deleted_at.is_null())
        .group_by(Participant.person)
        .order_by(count.desc())
        .limit(1)
        .tuples()
        .get()
    )
    return row[0], Person.get_by_id(row[0]).name, row[1]


def timed(action: Callable[[], object], runs: int) -> tuple[float, list[float]]:
    """(first run, later runs) in milliseconds."""
    samples = []
    for _ in range(runs + 1):
        started = time.perf_counter()
        action()
        samples.append((time.perf_counter() - started) * 1000)
    return samples[0], samples[1:]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", type=Path, help="a journal to measure (default: the reference)")
    parser.add_argument("--runs", type=int, default=7, help="warm runs per measure (default 7)")
    args = parser.parse_args(argv)

    path = reference_journal(args.db)

    from PySide6.QtGui import QPageLayout, QPageSize, QPdfWriter

    from winwin_desktop.charts.brief_chart import chart_colours, status_pills
    from winwin_desktop.formats.brief import chart as brief_chart
    from winwin_desktop.formats.brief import pdf as brief_pdf
    from winwin_desktop.formats.brief.model import Artwork
    from winwin_desktop.journal.brief import gather_brief

    art = Artwork(status_pills(), chart_colours())

    brief_pdf.ensure_gui_application()
    person_id, name, interaction_count = busiest_person()
    today = dt.date.today()
    scratch = tempfile.TemporaryDirectory(prefix="winwin-brief-bench-")
    out = Path(scratch.name)
    a4 = QPageSize(QPageSize.PageSizeId.A4)
    pages: dict[str, int] = {}
    rows: list[tuple[str, str, float, list[float]]] = []

    def brief_to_pdf() -> None:
        pages["pdf"] = brief_pdf.write_pdf(
            gather_brief([person_id], today), out / "b.pdf", a4, art=art
        )

    rows.append(
        (
            f"Brief to PDF: {name} ({interaction_count:,} interactions)",
            f"{TARGET_MS} ms",
            *timed(brief_to_pdf, args.runs),
        )
    )
    brief = gather_brief([person_id], today)
    exchanges = len(brief.people[0].balance_points)
    rows.append(
        (
            "    of which gather_brief",
            "",
            *timed(lambda: gather_brief([person_id], today), args.runs),
        )
    )
    width_in = brief_pdf.page_layout(a4).paintRect(QPageLayout.Unit.Point).width() / 72
    height_in = width_in * brief_pdf.CHART_ASPECT
    points = brief.people[0].balance_points
    rows.append(
        (
            "    of which the chart as a 220 dpi PNG",
            "",
            *timed(
                lambda: brief_chart.chart_png(
                    points,
                    today,
                    365,
                    width_in,
                    height_in,
                    brief_pdf.CHART_DPI,
                    art.chart,
                    brief_pdf.FONT_FAMILIES,
                ),
                args.runs,
            ),
        )
    )

    def layout_and_paint() -> None:
        writer = QPdfWriter(str(out / "c.pdf"))
        writer.setPageLayout(brief_pdf.page_layout(a4))
        brief_pdf.render(brief, writer, art=art)

    rows.append(("    of which document, layout and PDF", "", *timed(layout_and_paint, args.runs)))

    env = {**os.environ, "PYTHONPATH": str(REPO)}
    command = [sys.executable, "-m", "winwin_desktop", "brief", name, "-o", str(out / "cli.pdf")]
    command += ["--db", str(path), "--paper", "a4"]

    def cli() -> None:
        subprocess.run(command, env=env, check=True, capture_output=True)

    rows.append(("`winwin brief NAME -o FILE.pdf` in a fresh process", "", *timed(cli, 2)))

    print()
    print(f"Journal: {path}  ({exchanges:,} exchanges with {name}; {pages['pdf']} pages, A4)")
    print(f"{'action':<62} {'target':>8} {'first':>8} {'median':>8} {'min':>8} {'max':>8}")
    for label, target, first, warm in rows:
        print(
            f"{label:<62} {target:>8} {first:>6.0f}ms {statistics.median(warm):>6.0f}ms "
            f"{min(warm):>6.0f}ms {max(warm):>6.0f}ms"
        )
    print(f"(median, min and max of {args.runs} warm runs; 'first' includes loading the fonts)")
    scratch.cleanup()
    return 0


if __name__ == "__main__":
    sys.exit(main())
