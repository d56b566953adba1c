"""`winwin person add NAME --introduced-by NAME`: who introduced a person, from the shell."""

from __future__ import annotations

from tests.helpers.cli import run_winwin, user_env
from winwin_desktop.journal import people
from winwin_desktop.store import close_journal, open_journal


def test_person_add_records_who_introduced_them(tmp_path, journal_path):
    def winwin(*args):
        return run_winwin([*args, "--db", str(journal_path)], user_env(tmp_path), tmp_path)

    assert winwin("person", "add", "Rahel Tesfaye").returncode == 0
    added = winwin("person", "add", "Zoë Brontë-Nuñez", "--introduced-by", "  rahel  TESFAYE ")
    assert (added.returncode, added.stdout, added.stderr) == (0, "Added Zoë Brontë-Nuñez.\n", "")

    unknown = winwin("person", "add", "Minh Hoang", "--introduced-by", "Nobody Known")
    assert unknown.returncode == 2
    assert unknown.stdout == ""
    assert unknown.stderr == (
        "winwin: Nobody called “Nobody Known” is in the journal; check the spelling or add "
        "them first.\n"
    )

    open_journal(journal_path)
    try:
        zoe = people.find_person("Zoë Brontë-Nuñez")
        assert zoe.introduced_by_name == "Rahel Tesfaye"
        assert people.find_person("Minh Hoang") is None  # nothing written
    finally:
        close_journal()
