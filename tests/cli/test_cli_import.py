"""``winwin import``, run as a user runs it: a separate process on a temporary journal."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from tests.helpers.cli import run_winwin, user_env
from tests.helpers.journals import open_again
from winwin_desktop.journal import people
from winwin_desktop.store import close_journal

REPO = Path(__file__).resolve().parents[2]
FIXTURES = REPO / "tests" / "fixtures" / "import"


@pytest.fixture
def winwin(tmp_path, journal_path, passphrase):
    """Run a subcommand on the test's journal, in Berlin's time zone. An encrypted journal
    is made here, empty, and its passphrase given in WINWIN_PASSPHRASE; a plain one is
    made by the first command."""
    if passphrase:
        open_again(journal_path, passphrase)
        close_journal()
    env = user_env(tmp_path, passphrase=passphrase, TZ="Europe/Berlin")
    return lambda *args: run_winwin([*args, "--db", str(journal_path)], env, tmp_path)


@pytest.fixture
def names(journal_path, passphrase):
    """The names of the people in the test's journal."""

    def read() -> list[str]:
        open_again(journal_path, passphrase)
        try:
            return [name for _, name in people.people_names()]
        finally:
            close_journal()

    return read


@pytest.mark.both_journal_kinds
def test_import_vcards_then_again(names, winwin):
    first = winwin("import", str(FIXTURES / "apple_contacts_3.0.vcf"))
    assert first.returncode == 0, first.stderr
    assert first.stdout == (
        "apple_contacts_3.0.vcf (vCard contacts (.vcf)): 2 records: 2 new.\n2 people added.\n"
    )
    again = winwin("import", str(FIXTURES / "apple_contacts_3.0.vcf"))
    assert again.stdout == (
        "apple_contacts_3.0.vcf (vCard contacts (.vcf)): 2 records: 2 already in the journal.\n"
        "Nothing needed importing.\n"
    )
    assert names() == ["Northwind Traders", "Zoë Brontë-Nuñez"]


def test_skipped_rows_are_reported_with_their_line(winwin):
    result = winwin("import", str(FIXTURES / "linkedin_Connections.csv"))
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines() == [
        "linkedin_Connections.csv (Contacts in CSV (LinkedIn, Google, Outlook, other)): "
        "5 records: 3 new, 2 skipped.",
        "  skipped: line 7: This row was skipped: it has no name.",
        "  skipped: line 8: This row was skipped: its “Connected On” value “31 Feb 2024” is "
        "not a real date.",
        "3 people added.",
    ]


@pytest.mark.both_journal_kinds
def test_dry_run_writes_nothing(names, winwin, journal_path, passphrase):
    open_again(journal_path, passphrase)  # a dry run creates no journal: there is one
    close_journal()
    result = winwin("import", str(FIXTURES / "google_contacts.csv"), "--dry-run")
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines()[-1] == "Dry run: nothing was written."
    assert names() == []


@pytest.mark.both_journal_kinds
def test_a_csv_of_its_own_shape_needs_map(names, winwin):
    csv = str(FIXTURES / "custom_latin1_semicolon.csv")
    refused = winwin("import", csv)
    assert refused.returncode == 2
    assert refused.stdout == ""
    assert refused.stderr.startswith(
        "winwin: custom_latin1_semicolon.csv, line 1: none of its columns"
    )
    assert refused.stderr.count("\n") == 1
    mapped = winwin("import", csv, "--map", "Nom complet=name,Courriel=email,Société=organisation")
    assert mapped.returncode == 0, mapped.stderr
    assert sorted(names()) == ["René Lévesque", "Éloïse Caron"]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--map", "Nom complet"], "winwin: --map “Nom complet” should be COLUMN=FIELD"),
        (["--format", "pdf"], "winwin: “pdf” is not a format WinWin imports"),
    ],
)
def test_bad_options(winwin, args, message):
    result = winwin("import", str(FIXTURES / "custom_latin1_semicolon.csv"), *args)
    assert result.returncode == 2
    assert result.stderr.startswith(message)


@pytest.mark.parametrize(
    ("name", "place"),
    [
        ("noise.bin", "noise.bin, line 1: "),
        ("empty.vcf", "empty.vcf: "),
        ("truncated.ics", "truncated.ics: "),
        ("nowhere.vcf", "nowhere.vcf: it cannot be opened"),
    ],
)
def test_broken_files_exit_2_with_the_file_and_place(names, winwin, name, place):
    result = winwin("import", str(FIXTURES / name))
    assert result.returncode == 2
    assert result.stderr.startswith(f"winwin: {place}")
    assert result.stderr.rstrip().endswith("Nothing was imported.")
    assert result.stderr.count("\n") == 1
    assert names() == []


@pytest.mark.both_journal_kinds
def test_calendar_ignores_strangers_unless_asked(names, winwin):
    winwin("import", str(FIXTURES / "apple_contacts_3.0.vcf"))
    ics = str(FIXTURES / "calendar.ics")
    result = winwin("import", ics, "--format", "ics", "--since", "2025-01-01")
    assert result.returncode == 0, result.stderr
    assert "Not in the journal, so left out: Wei Lim <wei@lim.example>," in result.stdout
    assert "add them with --add-unknown." in result.stdout
    # The intro call and the five weekly syncs with Zoë (all past by now).
    assert result.stdout.splitlines()[-1] == "6 interactions added."
    added = winwin("import", ics, "--add-unknown", "--since", "2025-01-01")
    # Minh, Wei, Jürgen, Piotr and an unnamed address; the other four meetings.
    assert added.stdout.splitlines()[-1] == "5 people added, 4 interactions added."
    assert "Wei Lim" in names()


@pytest.mark.both_journal_kinds
def test_jrnl(winwin):
    result = winwin("import", str(FIXTURES / "jrnl_export.json"))
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines()[-1] == "3 days of reflections written."


def test_repeating_meetings_go_back_a_year_by_default_and_say_what_was_left_out(names, winwin):
    winwin("import", str(FIXTURES / "apple_contacts_3.0.vcf"))
    result = winwin("import", str(FIXTURES / "calendar.ics"))
    assert result.returncode == 0, result.stderr
    # "Today" is Berlin's, where the command ran (between 23:00 and midnight UTC it is
    # already tomorrow there).
    today = dt.datetime.now(ZoneInfo("Europe/Berlin")).date()
    since = (today - dt.timedelta(days=365)).isoformat()
    # The five weekly syncs of May 2025 are more than a year ago.
    assert f"5 earlier occurrences of repeating meetings, before {since}, left out" in (
        result.stdout
    )
    assert result.stdout.splitlines()[-1] == "1 interaction added."


def test_since_must_be_a_date(names, winwin):
    result = winwin("import", str(FIXTURES / "calendar.ics"), "--since", "last year")
    assert result.returncode == 2
    assert result.stderr == (
        "winwin: --since “last year” is not a date; write it as YYYY-MM-DD, e.g. 2024-01-31.\n"
    )
