"""What starting costs: the window's first paint and the subcommands load nothing heavy.

Each start runs in a fresh Python process (a module imported by an earlier test would
hide a heavy import), which reports the modules loaded once it is done.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
# psycopg: only a journal on a server needs it (peewee would import it with itself).
HEAVY = (
    "matplotlib",
    "numpy",
    "vobject",
    "icalendar",
    "sqlcipher3",
    "rapidfuzz",
    "PIL",
    "psycopg",
)
# A start builds only the page it shows; the others, the dialogs and the brief's PDF code
# load when first asked for.
UNSHOWN_PAGES = {
    "people": "winwin_desktop.ui.people_page",
    "today": "winwin_desktop.ui.today_page",
    "overview": "winwin_desktop.ui.overview_page",
    "search": "winwin_desktop.ui.search_page",
    "trash": "winwin_desktop.ui.trash_page",
}
LOADED_WHEN_ASKED = (
    "winwin_desktop.ui.log_dialog",
    "winwin_desktop.ui.settings_dialog",
    "winwin_desktop.ui.merge_dialog",
    "winwin_desktop.formats.brief.pdf",
    "winwin_desktop.journal.brief",
    "winwin_desktop.journal.agenda",  # the calendar, read once Next meetings is shown
)
PROBE = """
import json, sys
from winwin_desktop.cli import main
status = main(sys.argv[1:])
print("PROBE " + json.dumps({"status": status, "modules": sorted(sys.modules)}))
"""


def _start(args: list[str], home: Path, **env: str) -> tuple[dict, str]:
    environment = {
        **os.environ,
        "QT_QPA_PLATFORM": "offscreen",
        "PYTHONPATH": str(REPO),
        "HOME": str(home),
        "XDG_DATA_HOME": str(home / "data"),
        "XDG_CONFIG_HOME": str(home / "config"),
        **env,
    }
    environment.pop("WINWIN_DB", None)
    done = subprocess.run(
        [sys.executable, "-c", PROBE, *args],
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
    )
    lines = [line for line in done.stdout.splitlines() if line.startswith("PROBE ")]
    assert lines, f"no report from {args}: {done.stderr[-2000:]}"
    return json.loads(lines[-1].removeprefix("PROBE ")), done.stdout


def test_the_window_paints_before_anything_heavy_is_imported(isolated_home, tmp_path):
    from winwin_desktop.demo import build_demo
    from winwin_desktop.store import close_journal

    journal = build_demo(tmp_path / "demo.db")  # people, charts to draw, reflections
    close_journal()
    report, output = _start(
        ["--db", str(journal)], isolated_home, WINWIN_EXIT_AFTER_FIRST_PAINT="1"
    )
    assert report["status"] == 0
    assert "first-paint " in output
    assert "PySide6.QtWidgets" in report["modules"]  # the window did start
    assert [m for m in HEAVY if m in report["modules"]] == []
    # It opens on the People page (a journal with people, no page remembered).
    assert UNSHOWN_PAGES["people"] in report["modules"]
    unshown = [m for page, m in UNSHOWN_PAGES.items() if page != "people"]
    assert [m for m in (*unshown, *LOADED_WHEN_ASKED) if m in report["modules"]] == []


def test_an_empty_journal_opens_on_the_welcome_page_without_building_the_others(
    isolated_home, tmp_path
):
    report, output = _start(
        ["--db", str(tmp_path / "new.db")], isolated_home, WINWIN_EXIT_AFTER_FIRST_PAINT="1"
    )
    assert report["status"] == 0
    assert "first-paint " in output
    assert UNSHOWN_PAGES["today"] in report["modules"]  # its welcome page
    unshown = [m for page, m in UNSHOWN_PAGES.items() if page != "today"]
    assert [m for m in (*unshown, *LOADED_WHEN_ASKED) if m in report["modules"]] == []


@pytest.mark.parametrize(
    "command",
    [
        ["people"],
        ["people", "--json"],
        ["search", "pilot"],
        ["log", "Zoë Brontë", "--title", "Call", "--gave", "advice:3", "--new"],
        ["due"],
        ["reflect", "A good day with @Zoë Brontë."],
        ["check"],
    ],
    ids=lambda command: " ".join(command[:2]),
)
def test_subcommands_load_neither_qt_widgets_nor_charts(isolated_home, tmp_path, command):
    journal = tmp_path / "journal.db"
    seeded, _ = _start(["--db", str(journal), "person", "add", "Zoë Brontë"], isolated_home)
    assert seeded["status"] == 0
    report, _ = _start(["--db", str(journal), *command], isolated_home)
    assert report["status"] == 0
    loaded = report["modules"]
    assert not any(m.startswith("PySide6") for m in loaded)
    assert [m for m in HEAVY if m in loaded] == []


def test_the_brief_command_draws_without_qt_widgets(isolated_home, tmp_path):
    journal = tmp_path / "journal.db"
    _start(["--db", str(journal), "person", "add", "Zoë Brontë"], isolated_home)
    report, _ = _start(
        ["--db", str(journal), "brief", "Zoë Brontë", "-o", str(tmp_path / "brief.pdf")],
        isolated_home,
    )
    assert report["status"] == 0
    assert (tmp_path / "brief.pdf").read_bytes().startswith(b"%PDF")
    assert "PySide6.QtGui" in report["modules"]  # the PDF writer
    assert "PySide6.QtWidgets" not in report["modules"]
