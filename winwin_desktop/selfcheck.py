"""``winwin --self-check``: prove, without a screen, that this installation works.

Runs what a day of journaling needs, end to end, on a temporary journal that is thrown
away afterwards (the user's own journal is never opened): open the journal, log an
interaction with value both ways, find it again with search, draw the balance chart to a
PNG file, write the meeting brief as a PDF, and find the files shipped inside the package
(the app icon, the menu entry). One line per step on stdout; the first
step that fails stops the check with one line on stderr naming it, and exit status 1.

It is what a packaged build is tested with: it touches the bundled migrations, SQLite's
FTS5, matplotlib (Agg, and the QtAgg backend the window uses), Qt's offscreen platform,
its fonts and its PDF writer.
"""

from __future__ import annotations

import datetime as dt
import os
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

from winwin_desktop import __version__
from winwin_desktop.text import plural

EXIT_OK = 0
EXIT_FAILED = 1

PERSON = "Zoë Brontë-Nuñez"
TITLE = "Self-check call about the pilot"


class _Check:
    """What the steps hand on to each other."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.journal = folder / "self-check.db"
        self.person_id = 0
        self.today = dt.date.today()


def run_self_check(out=None, err=None) -> int:
    """Run every step; returns the exit status (0 when all passed)."""
    out = out or sys.stdout
    err = err or sys.stderr
    # Headless: Qt draws fonts and the PDF without a display, even where there is one.
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    steps: list[tuple[str, Callable[[_Check], str]]] = [
        ("open a temporary journal", _open_journal),
        ("log an interaction", _log_interaction),
        ("search", _search),
        ("render a chart to PNG", _render_chart),
        ("write a brief to PDF", _write_brief),
        ("find the app icon and menu entry", _find_resources),
    ]
    with tempfile.TemporaryDirectory(prefix="winwin-self-check-") as folder:
        check = _Check(Path(folder))
        try:
            for number, (name, step) in enumerate(steps, start=1):
                try:
                    detail = step(check)
                except Exception as exc:  # noqa: BLE001 (any failure is the check's answer)
                    reason = str(exc).strip().splitlines()[0] if str(exc).strip() else ""
                    print(
                        f"winwin: self-check failed at step {number} ({name}): "
                        f"{type(exc).__name__}{': ' + reason if reason else ''}",
                        file=err,
                        flush=True,
                    )
                    return EXIT_FAILED
                print(f"ok {number}/{len(steps)} {name}: {detail}", file=out, flush=True)
        finally:
            from winwin_desktop.store import close_journal

            close_journal()
    print(f"WinWin {__version__}: all {len(steps)} checks passed.", file=out, flush=True)
    return EXIT_OK


def _open_journal(check: _Check) -> str:
    from winwin_desktop.store import open_journal
    from winwin_desktop.store.migrate import applied_migrations

    db = open_journal(check.journal)
    applied = applied_migrations(db)
    if not applied:
        raise RuntimeError("no schema migration ran; the migrations folder is missing")
    return f"{check.journal} (schema: {len(applied)} migrations, last {applied[-1]})"


def _log_interaction(check: _Check) -> str:
    from winwin_desktop.journal import interactions, people
    from winwin_desktop.journal.interactions import ExchangeData

    person = people.add_person(PERSON, organisation="Acme Robotics")
    check.person_id = person.id
    logged = interactions.log_interaction(
        date=check.today,
        title=TITLE,
        participant_ids=[person.id],
        kind="call",
        exchanges=[
            ExchangeData(person.id, "given", "advice", 3, "market map"),
            ExchangeData(person.id, "received", "introduction", 4, "CFO intro"),
        ],
    )
    summary = people.person_summary(person.id)
    if (summary.given, summary.received, summary.interactions) != (3, 4, 1):
        raise RuntimeError(
            f"the journal reads back gave {summary.given}, received {summary.received} "
            f"over {summary.interactions} interactions instead of 3, 4 and 1"
        )
    return f"“{logged.title}” with {PERSON}: gave 3, received 4"


def _search(check: _Check) -> str:
    from winwin_desktop.journal.search import search

    hits = search("pilot")
    if not any(hit.kind == "interaction" and hit.title == TITLE for hit in hits):
        raise RuntimeError(f"searching “pilot” did not find “{TITLE}”")
    people_hits = search("brontë nunez")  # accents and case do not matter
    if not any(hit.title == PERSON for hit in people_hits):
        raise RuntimeError(f"searching “brontë nunez” did not find {PERSON}")
    return f"“pilot” found the interaction, “brontë nunez” found {PERSON}"


def _render_chart(check: _Check) -> str:
    # The window draws through QtAgg: a build that lacks it would fail on the first chart.
    import matplotlib.backends.backend_qtagg  # noqa: F401
    from matplotlib.backends.backend_agg import FigureCanvasAgg

    from winwin_desktop.charts.balance_chart import BalanceChart
    from winwin_desktop.journal import balance

    chart = BalanceChart()
    chart.update(balance.exchange_records([check.person_id]), end=check.today)
    FigureCanvasAgg(chart.figure)
    path = check.folder / "balance.png"
    chart.figure.savefig(path, dpi=80)
    data = path.read_bytes()
    if not data.startswith(b"\x89PNG") or len(data) < 2000:
        raise RuntimeError(f"{path.name} is not a drawn PNG image ({len(data)} bytes)")
    return f"{path.name}, {len(data):,} bytes"


def _write_brief(check: _Check) -> str:
    from winwin_desktop.charts import brief_chart
    from winwin_desktop.formats.brief import pdf as brief_pdf
    from winwin_desktop.formats.brief.model import Artwork
    from winwin_desktop.journal.brief import gather_brief

    path = check.folder / "brief.pdf"
    pages = brief_pdf.write_pdf(
        gather_brief([check.person_id], check.today),
        path,
        brief_pdf.paper_size("a4"),
        art=Artwork(brief_chart.status_pills(), brief_chart.chart_colours()),
    )
    data = path.read_bytes()
    if not data.startswith(b"%PDF") or pages < 1:
        raise RuntimeError(f"{path.name} is not a PDF ({len(data)} bytes)")
    return f"{path.name}, {plural(pages, 'page')}, {len(data):,} bytes"


def _find_resources(check: _Check) -> str:
    from winwin_desktop.resources import ICON_SIZES, app_icon_files, resource_path

    icons = app_icon_files()
    entry = resource_path("winwin.desktop")
    if entry is None or len(icons) != len(ICON_SIZES):
        raise RuntimeError(
            f"{len(icons)} of {len(ICON_SIZES)} icon sizes and "
            f"{'the' if entry else 'no'} menu entry found inside the package"
        )
    return f"{len(icons)} icon sizes and {entry.name} in {entry.parent}"
