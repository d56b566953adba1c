"""How long the balance chart and the overview take on the reference journal.

    python benchmarks/bench_charts.py [--db PATH] [--runs 7]

Without ``--db`` the reference journal (10,000 people, 200,000 interactions, 400,000
exchanges) is generated once with ``winwin_desktop.demo.build_large`` into the temporary
folder and reused by later runs. The figures are medians over ``--runs`` warm runs; the
first run of each widget, which also imports matplotlib, is shown on its own line.

Targets (DESIGN.md): a person with 2,000 interactions, chart included, within 200 ms;
the overview of 10,000 people within 400 ms.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

# Run from a checkout without installing: the package sits one folder up.
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

TARGET_PERSON_MS = 200
TARGET_OVERVIEW_MS = 400


def reference_journal(path: Path | None) -> Path:
    from winwin_desktop.store import open_journal

    if path is not None:
        open_journal(path)
        return path
    path = Path(tempfile.gettempdir()) / "winwin-bench" / "reference.db"
    if path.exists():
        open_journal(path)
        return path
    from winwin_desktop.demo import build_large

    path.parent.mkdir(parents=True, exist_ok=True)
    print(f"Generating the reference journal at {path} (about a minute, once)…", flush=True)
    started = time.perf_counter()
    build_large(path, progress=_progress)
    print(f"\rGenerated in {time.perf_counter() - started:.0f} s.{' ' * 20}", flush=True)
    return path


def _progress(fraction: float) -> None:
    print(f"\r  {fraction:5.1%}", end="", flush=True)


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

    from PySide6.QtWidgets import QApplication

    app = QApplication.instance() or QApplication(sys.argv[:1])
    path = reference_journal(args.db)

    from winwin_desktop.analytics import person_balances
    from winwin_desktop.journal import balance, people
    from winwin_desktop.ui.balance_tab import BalanceTab
    from winwin_desktop.ui.overview_page import OverviewPage

    person_id, name, interaction_count = busiest_person()
    today = dt.date.today()
    rules = balance.status_rules()
    rows: list[tuple[str, str, float, list[float]]] = []

    # (a) one person, chart included ------------------------------------------------------
    tab = BalanceTab()
    tab.resize(900, 560)
    tab.show()
    app.processEvents()

    def open_person() -> None:
        tab.show_person(person_id)
        tab.canvas.draw()  # the real QtAgg canvas, at the tab's size

    first, warm = timed(open_person, args.runs)
    rows.append(
        (f"Balance tab: {name} ({interaction_count:,} interactions)", "200 ms", first, warm)
    )
    records = balance.exchange_records([person_id])
    exchange_count = len(records)
    chart = tab.chart

    def person_parts() -> None:
        found = balance.exchange_records([person_id])
        person_balances(found, today, rules)
        chart.update(found, end=today)
        tab.canvas.draw()

    rows.append(
        (
            "  exchange_records + analytics + update + draw",
            "200 ms",
            *timed(person_parts, args.runs),
        )
    )
    rows.append(
        (
            "    of which exchange_records([id])",
            "",
            *timed(lambda: balance.exchange_records([person_id]), args.runs),
        )
    )
    rows.append(
        (
            "    of which BalanceChart.update",
            "",
            *timed(lambda: chart.update(records, end=today), args.runs),
        )
    )
    rows.append(("    of which canvas.draw", "", *timed(tab.canvas.draw, args.runs)))
    tab.close()

    # (b) the overview of every person ----------------------------------------------------
    from matplotlib.backends.backend_agg import FigureCanvasAgg

    from winwin_desktop.charts.overview_chart import OverviewChart

    names = dict(people.people_names())
    scatter = OverviewChart()
    FigureCanvasAgg(scatter.figure)
    scatter.figure.set_size_inches(7.4, 3.9)
    found: dict = {}

    def overview_parts() -> None:
        found["balances"] = {
            pid: b for pid, b in balance.status_table(today).items() if b.exchanges
        }
        scatter.update(found["balances"], names, rules)
        scatter.figure.canvas.draw()

    first, warm = timed(overview_parts, args.runs)
    people_count = len(found["balances"])
    labels = len(scatter.drawn_labels())
    rows.append(
        (
            f"Overview: status_table() + OverviewChart.update + draw ({people_count:,} dots, "
            f"{labels} labels)",
            "400 ms",
            first,
            warm,
        )
    )
    rows.append(
        ("    of which status_table()", "", *timed(lambda: balance.status_table(today), args.runs))
    )
    rows.append(
        (
            "    of which OverviewChart.update + draw",
            "",
            *timed(
                lambda: (
                    scatter.update(found["balances"], names, rules),
                    scatter.figure.canvas.draw(),
                ),
                args.runs,
            ),
        )
    )

    page = OverviewPage()
    page.resize(1130, 760)
    page.show()
    app.processEvents()

    def whole_page() -> None:
        page.reload()
        for canvas in (page.scatter_canvas, page.categories_canvas, page.network_canvas):
            canvas.draw()

    rows.append(("Overview page: reload() + three charts drawn", "", *timed(whole_page, args.runs)))
    page.close()

    print()
    print(f"Journal: {path}  ({exchange_count:,} exchanges for {name})")
    print(f"{'action':<78} {'target':>7} {'first':>8} {'median':>8} {'min':>8} {'max':>8}")
    for label, target, first, warm in rows:
        print(
            f"{label:<78} {target:>7} {first:>6.0f}ms {statistics.median(warm):>6.0f}ms "
            f"{min(warm):>6.0f}ms {max(warm):>6.0f}ms"
        )
    print(f"(median, min and max of {args.runs} warm runs; 'first' includes importing matplotlib)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
