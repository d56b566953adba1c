"""`winwin --self-check`: the headless check a packaged build is tested with."""

from __future__ import annotations

import io
import os
import subprocess
import sys
from pathlib import Path

from winwin_desktop import __version__
from winwin_desktop.cli import main
from winwin_desktop.selfcheck import run_self_check

REPO = Path(__file__).resolve().parent.parent
STEPS = [
    "open a temporary journal",
    "log an interaction",
    "search",
    "render a chart to PNG",
    "write a brief to PDF",
    "find the app icon and menu entry",
]


def test_every_step_passes_in_a_fresh_process_and_the_users_journal_is_untouched(
    isolated_home,
):
    environment = {
        **os.environ,
        "PYTHONPATH": str(REPO),
        "HOME": str(isolated_home),
        "XDG_DATA_HOME": str(isolated_home / "data"),
        "XDG_CONFIG_HOME": str(isolated_home / "config"),
    }
    environment.pop("QT_QPA_PLATFORM", None)  # it must go headless by itself
    environment.pop("WINWIN_DB", None)
    done = subprocess.run(
        [sys.executable, "-m", "winwin_desktop", "--self-check"],
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    assert [line.split(":")[0] for line in lines[:-1]] == [
        f"ok {number}/6 {step}" for number, step in enumerate(STEPS, start=1)
    ]
    assert "gave 3, received 4" in lines[1]
    assert "brief.pdf, 1 page" in lines[4]
    assert lines[5].endswith(
        f"8 icon sizes and winwin.desktop in {REPO / 'winwin_desktop' / 'resources'}"
    )
    assert lines[-1] == f"WinWin {__version__}: all 6 checks passed."
    assert not (isolated_home / "data" / "WinWin").exists()


def test_a_failing_step_is_one_line_naming_it_and_exit_1(monkeypatch):
    from winwin_desktop.journal import search as search_module

    monkeypatch.setattr(search_module, "search", lambda *args, **kwargs: [])
    out, err = io.StringIO(), io.StringIO()
    assert run_self_check(out, err) == 1
    assert [line.split(":")[0] for line in out.getvalue().splitlines()] == [
        "ok 1/6 open a temporary journal",
        "ok 2/6 log an interaction",
    ]
    assert err.getvalue() == (
        "winwin: self-check failed at step 3 (search): "
        "RuntimeError: searching “pilot” did not find “Self-check call about the pilot”\n"
    )


def test_self_check_with_a_subcommand_is_refused(capsys):
    assert main(["--self-check", "people"]) == 2
    assert capsys.readouterr().err == (
        "winwin: --self-check runs on its own temporary journal; leave out the rest.\n"
    )
