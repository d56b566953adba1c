"""Names typed on the command line: accents and case ignored as in the window, and two
people who share a name told apart by organisation or email (``log``, ``brief``,
``--they-owe NAME:…``, ``--introduced-by``)."""

from __future__ import annotations

import datetime as dt
import io
import sys

import pytest

from winwin_desktop import cli
from winwin_desktop.journal import interactions, people, promises, reflections
from winwin_desktop.store import close_journal, open_journal
from winwin_desktop.text import short_day

AMBIGUOUS = (
    "winwin: Two people are called “Sam Lee”; say which one, e.g. “Sam Lee (Globex)” or "
    "“Sam Lee (Initech)”.\n"
)


@pytest.fixture
def winwin(journal_path, monkeypatch, capsys):
    """Run ``winwin`` in this process on the test's journal: (exit code, stdout, stderr)."""
    monkeypatch.setattr(sys, "stdin", io.StringIO())

    def run(*args: str) -> tuple[int, str, str]:
        code = cli.main([*args, "--db", str(journal_path)])
        out, err = capsys.readouterr()
        return code, out, err

    return run


@pytest.fixture
def namesakes(journal_path):
    """Two Sam Lees (Globex, Initech) and Zoë."""
    open_journal(journal_path)
    try:
        ids = {
            "globex": people.add_person(
                "Sam Lee", organisation="Globex", emails=["sam@globex.example"]
            ).id,
            "initech": people.add_person(
                "Sam Lee", organisation="Initech", emails=["sam@initech.example"]
            ).id,
            "zoe": people.add_person("Zoë Brontë-Nuñez").id,
        }
    finally:
        close_journal()
    return ids


def logged(journal_path) -> list[tuple[str, list[int], list[tuple[int, str]]]]:
    """(title, participant ids, (person id, promise text) of its promises) of each log."""
    open_journal(journal_path)
    try:
        found = []
        for person_id in {p.id for p in people.people_summaries()}:
            for interaction in interactions.timeline(person_id):
                entry = (
                    interaction.title,
                    sorted(pid for pid, _ in interaction.participants),
                    [
                        (p.person_id, p.text)
                        for p in promises.promises_of_interaction(interaction.id)
                    ],
                )
                if entry not in found:
                    found.append(entry)
        return found
    finally:
        close_journal()


def test_a_name_without_its_accents_is_found_as_in_the_window(namesakes, winwin, journal_path):
    # The log dialog always matched "zoe" to Zoë; the command line used to say "Nobody
    # called “zoe brontë-nunez”" (it ignored case only).
    code, out, err = winwin("log", "zoe bronte-nunez", "--title", "Call")
    assert (code, err) == (0, "")
    assert out == "Logged “Call” with Zoë Brontë-Nuñez (gave 0, received 0).\n"
    assert logged(journal_path) == [("Call", [namesakes["zoe"]], [])]


@pytest.mark.parametrize(
    "args",
    [
        ("log", "Sam Lee", "--title", "Call"),
        ("log", "Zoë Brontë-Nuñez, sam lee", "--title", "Call", "--new"),
        ("brief", "Sam Lee", "-o", "brief.md"),
        ("person", "add", "Ada", "--introduced-by", "Sam Lee"),
        (
            "log",
            "Sam Lee (Globex), Sam Lee (Initech)",
            "--title",
            "Call",
            "--they-owe",
            "Sam Lee:the deck",
        ),
    ],
)
def test_a_name_two_people_share_is_refused_saying_how_to_say_which(
    namesakes, winwin, journal_path, tmp_path, monkeypatch, args
):
    monkeypatch.chdir(tmp_path)
    code, out, err = winwin(*args)
    assert (code, out) == (2, "")
    if args[-1] == "Sam Lee:the deck":
        assert err == (
            "winwin: Several people in this log are called “Sam Lee”; say which one, e.g. "
            "“Sam Lee (Globex)” or “Sam Lee (Initech)”.\n"
        )
    else:
        typed = "sam lee" if "sam lee" in args[1] else "Sam Lee"
        assert err == AMBIGUOUS.replace("“Sam Lee”;", f"“{typed}”;")
    assert logged(journal_path) == []
    assert not (tmp_path / "brief.md").exists()
    open_journal(journal_path)
    try:
        assert [p.name for p in people.people_summaries()].count("Ada") == 0
    finally:
        close_journal()


def test_name_with_organisation_and_email_say_which(namesakes, winwin, journal_path):
    code, out, err = winwin(
        "log",
        "Sam Lee (Globex), sam@initech.example",
        "--title",
        "Call",
        "--they-owe",
        "sam@initech.example:the deck",
        "--i-owe",
        "Sam Lee (Globex):an intro",
        "--gave",
        "Sam Lee (Globex):advice:2",
    )
    assert (code, err) == (0, ""), err
    assert out == (
        "Logged “Call” with Sam Lee, Sam Lee (gave 2, received 0); promised Sam Lee: an intro; "
        "Sam Lee promised: the deck.\n"
    )
    assert logged(journal_path) == [
        (
            "Call",
            sorted([namesakes["globex"], namesakes["initech"]]),
            [(namesakes["globex"], "an intro"), (namesakes["initech"], "the deck")],
        )
    ]


def test_one_namesake_in_the_log_is_meant_by_the_bare_name(namesakes, winwin, journal_path):
    code, _, err = winwin(
        "log", "Sam Lee (Initech)", "--title", "Call", "--they-owe", "Sam Lee:the deck"
    )
    assert (code, err) == (0, "")
    assert logged(journal_path) == [
        ("Call", [namesakes["initech"]], [(namesakes["initech"], "the deck")])
    ]


def test_new_adds_a_namesake_with_the_organisation_typed(namesakes, winwin, journal_path):
    code, out, err = winwin("log", "Sam Lee (Acme)", "--title", "Call", "--new")
    assert (code, err) == (0, "")
    assert out.endswith("; new in the journal: Sam Lee.\n")
    open_journal(journal_path)
    try:
        added = [p for p in people.people_summaries() if p.organisation == "Acme"]
        assert [p.name for p in added] == ["Sam Lee"]
    finally:
        close_journal()


def test_brief_and_introduced_by_take_the_same_forms(
    namesakes, winwin, journal_path, tmp_path, monkeypatch
):
    monkeypatch.chdir(tmp_path)
    code, out, err = winwin("brief", "Sam Lee (Initech)", "-o", "brief.md")
    assert (code, err) == (0, ""), err
    assert "Sam Lee" in (tmp_path / "brief.md").read_text(encoding="utf-8")
    assert winwin("person", "add", "Ada", "--introduced-by", "sam@globex.example")[0] == 0
    open_journal(journal_path)
    try:
        ada = next(p for p in people.people_summaries() if p.name == "Ada")
        assert people.get_person(ada.id).introduced_by_id == namesakes["globex"]
    finally:
        close_journal()


def test_a_mention_two_people_share_is_refused_and_the_forms_say_which(
    namesakes, winwin, journal_path
):
    code, out, err = winwin("reflect", "Lunch with @Sam Lee.", "--date", "2026-03-02")
    assert (code, out) == (2, "")
    assert err == (
        "winwin: Two people are called “Sam Lee”; say which one, e.g. “@Sam Lee (Globex)” or "
        "“@Sam Lee (Initech)”.\n"
    )
    code, out, err = winwin(
        "reflect",
        "Lunch with @Sam Lee (Initech), then wrote to @sam@globex.example.",
        "--date",
        "2026-03-02",
    )
    assert (code, err) == (0, "")
    day = short_day(dt.date(2026, 3, 2), dt.date.today())
    assert out == f"Added to the reflection of {day} (mentions: Sam Lee, Sam Lee).\n"
    open_journal(journal_path)
    try:
        saved = reflections.get_reflection("2026-03-02")
        assert saved.text == "Lunch with @Sam Lee (Initech), then wrote to @sam@globex.example."
        assert sorted(pid for pid, _ in saved.mentions) == sorted(
            [namesakes["globex"], namesakes["initech"]]
        )
    finally:
        close_journal()
