"""``winwin settings me``: your own addresses from the command line, on the journal that
``--db`` names wherever it is written (DESIGN.md: every subcommand accepts ``--db``)."""

from __future__ import annotations

import argparse

import pytest

from tests.helpers.cli import run_winwin, user_env
from winwin_desktop.cli.parser import build_parser
from winwin_desktop.journal import people
from winwin_desktop.store import close_journal, open_journal

CALENDAR = """BEGIN:VCALENDAR
VERSION:2.0
PRODID:-//Test//EN
BEGIN:VEVENT
UID:budget-1
DTSTAMP:20250301T080000Z
DTSTART:20250310T090000Z
SUMMARY:Budget review
ORGANIZER;CN=Sam:mailto:sam@me.example
ATTENDEE;CN=Ann Lee;PARTSTAT=ACCEPTED:mailto:ann@partner.example
END:VEVENT
END:VCALENDAR
"""


def leaf_commands(parser: argparse.ArgumentParser, path: tuple[str, ...] = ()):
    """Every command a user can type, with its parser: ``("settings", "me")``, …"""
    groups = [a for a in parser._actions if isinstance(a, argparse._SubParsersAction)]
    if not groups:
        yield path, parser
    for group in groups:
        for name, sub in group.choices.items():
            yield from leaf_commands(sub, (*path, name))


def test_every_command_takes_db_after_its_name():
    commands = dict(leaf_commands(build_parser()))
    assert ("settings", "me") in commands
    without = [
        " ".join(path)
        for path, parser in commands.items()
        if not any("--db" in action.option_strings for action in parser._actions)
    ]
    assert without == []


@pytest.mark.needs_file("the calendar import and the journal are files in tmp_path")
def test_settings_me_with_db_after_keeps_you_out_of_an_import(tmp_path):
    env = user_env(tmp_path)
    journal = tmp_path / "journal.db"
    calendar = tmp_path / "calendar.ics"
    calendar.write_text(CALENDAR, encoding="utf-8")
    db = ["--db", str(journal)]

    assert run_winwin(["person", "add", "Ann Lee", *db], env, tmp_path).returncode == 0
    added = run_winwin(["settings", "me", "add", "Sam@Me.example", *db], env, tmp_path)
    assert (added.returncode, added.stderr) == (0, "")
    assert added.stdout == "Your addresses (never imported as a person): Sam@Me.example.\n"
    listed = run_winwin(["settings", "me", "list", *db], env, tmp_path)
    assert listed.stdout == "Sam@Me.example\n"

    imported = run_winwin(["import", str(calendar), "--add-unknown", *db], env, tmp_path)
    assert imported.returncode == 0, imported.stderr
    open_journal(journal)
    try:
        assert [name for _, name in people.people_names()] == ["Ann Lee"]
    finally:
        close_journal()

    removed = run_winwin(["settings", "me", "remove", "sam@me.example", *db], env, tmp_path)
    assert removed.stdout == "Your addresses (never imported as a person): none.\n"
    # The user's data folder was never touched: no journal was made there.
    assert not list((tmp_path / "home").rglob("*.db"))
