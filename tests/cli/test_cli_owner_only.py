"""Everything the command line creates is its owner's only, as the window's files are,
whatever the umask of the shell that runs it."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from tests.helpers.cli import run_winwin, user_env


@pytest.fixture
def umask_022():
    """The usual umask of a shell, under which new files are world-readable."""
    previous = os.umask(0o022)
    yield
    os.umask(previous)


def test_journal_backups_exports_and_briefs_from_the_command_line_are_owner_only(
    tmp_path, umask_022
):
    env = user_env(tmp_path)
    journal = tmp_path / "new folder" / "journal.db"
    out = tmp_path / "out"
    out.mkdir()
    commands = [
        ["person", "add", "Ada Lovelace", "--email", "ada@example.org"],
        ["log", "Ada Lovelace", "--title", "Kick-off", "--gave", "advice:3:market map"],
        ["reflect", "A good first meeting with @Ada Lovelace."],
        ["backup"],
        ["backup", "--to", str(out / "copy.db")],
        ["export", "--format", "json", "-o", str(out / "all.json")],
        ["export", "--format", "csv", "-o", str(out / "csv")],
        ["export", "--format", "markdown", "-o", str(out / "all.md")],
        ["brief", "Ada Lovelace", "-o", str(out / "ada.md")],
        ["check"],
    ]
    for args in commands:
        done = run_winwin([*args, "--db", str(journal)], env, cwd=tmp_path)
        assert done.returncode == 0, (args, done.stderr)

    created = [p for p in tmp_path.rglob("*") if p != out]
    files = {p.relative_to(tmp_path) for p in created if p.is_file()}
    # What the commands were asked for is there (and so checked below).
    assert {
        Path("new folder/journal.db"),
        Path("out/copy.db"),
        Path("out/all.json"),
        Path("out/all.md"),
        Path("out/ada.md"),
    } <= files
    assert any(p.parts[:2] == ("new folder", "backups") for p in files)
    assert any(p.parts[:2] == ("out", "csv") for p in files)
    readable_by_others = {
        str(p.relative_to(tmp_path)): oct(stat.S_IMODE(p.stat().st_mode))
        for p in created
        if stat.S_IMODE(p.stat().st_mode) & 0o077
    }
    assert readable_by_others == {}
