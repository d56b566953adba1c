"""``winwin log`` with promises, ``winwin reflect`` and ``winwin due``, run as a user runs
them: a separate process on a temporary journal."""

from __future__ import annotations

import datetime as dt
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.helpers.cli import run_winwin, user_env
from winwin_desktop.analytics.attention import I_OWE, KEPT, THEY_OWE
from winwin_desktop.journal import interactions, people, promises, reflections, today
from winwin_desktop.journal.interactions import ExchangeData
from winwin_desktop.store import close_journal, open_journal
from winwin_desktop.text import short_day

REPO = Path(__file__).resolve().parents[2]
ZOE, MINH = "Zoë Brontë-Nuñez", "Minh Hoang"


@pytest.fixture
def winwin(tmp_path, journal_path):
    """Run a subcommand on the test's journal, with home and data folders in ``tmp_path``."""
    env = user_env(tmp_path)
    return lambda *args: run_winwin([*args, "--db", str(journal_path)], env, tmp_path)


class Journal:
    """The test's journal, opened in this process only for the length of one call."""

    def __init__(self, path: Path) -> None:
        self.path = path

    def __call__(self, use_case, *args, **kwargs):
        open_journal(self.path)
        try:
            return use_case(*args, **kwargs)
        finally:
            close_journal()

    def everything(self) -> tuple:
        """Every person, interaction, promise and reflection, to compare before and after."""

        def read():
            rows = [people.people_summaries()]
            rows.append([interactions.timeline(p.id) for p in rows[0]])
            rows.append(promises.promises())
            days = reflections.days_with_reflections()
            rows.append([reflections.get_reflection(day) for day in sorted(days)])
            return rows

        return self(read)


@pytest.fixture
def journal_at(journal_path):
    return Journal(journal_path)


@pytest.fixture
def seeded(journal_at):
    """Zoë and Minh, and one call with both on 2026-09-01."""

    def seed():
        zoe = people.add_person(ZOE)
        minh = people.add_person(MINH)
        interactions.log_interaction("2026-09-01", "Kick-off", [zoe.id, minh.id])
        return zoe.id, minh.id

    return journal_at(seed)


def promise_rows(journal_at: Journal) -> list[tuple]:
    def read():
        return [
            (p.person_name, p.owed_by, p.text, p.due, p.interaction_id is not None)
            for p in promises.promises()
        ]

    return journal_at(read)


# ---- log with promises --------------------------------------------------------------------


def test_log_records_promises_with_the_interaction(seeded, winwin, journal_at):
    result = winwin(
        "log",
        ZOE,
        "--title",
        "Call",
        "--date",
        "2026-11-27",
        "--i-owe",
        "send the deck@2026-12-01",
        "--they-owe",
        "an intro to their CFO",
        "--i-owe",
        "email zoe@acme.example the notes",
    )
    assert (result.returncode, result.stderr) == (0, "")
    assert result.stdout == (
        "Logged “Call” with Zoë Brontë-Nuñez (gave 0, received 0);"
        " promised: send the deck (due 2026-12-01);"
        " promised: email zoe@acme.example the notes;"
        " they promised: an intro to their CFO.\n"
    )
    assert promise_rows(journal_at) == [
        (ZOE, I_OWE, "send the deck", dt.date(2026, 12, 1), True),
        (ZOE, I_OWE, "email zoe@acme.example the notes", None, True),
        (ZOE, THEY_OWE, "an intro to their CFO", None, True),
    ]

    def linked_to_the_call():
        [call] = [i for i in interactions.timeline(seeded[0]) if i.title == "Call"]
        return {p.interaction_id for p in promises.promises()} == {call.id}

    assert journal_at(linked_to_the_call)


def test_with_several_people_a_promise_names_its_person_or_goes_to_the_first(
    seeded, winwin, journal_at
):
    result = winwin(
        "log",
        f"{MINH}, {ZOE}",
        "--title",
        "Dinner",
        "--date",
        "2026-11-27",
        "--i-owe",
        "zoë BRONTË-nuñez:send the deck@2026-12-01",
        "--i-owe",
        "the reading list@2026-12-03",
        "--they-owe",
        f"{ZOE}: an intro",
        "--they-owe",
        "Re: the contract@2026-12-02",
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout == (
        "Logged “Dinner” with Minh Hoang, Zoë Brontë-Nuñez (gave 0, received 0);"
        " promised Zoë Brontë-Nuñez: send the deck (due 2026-12-01);"
        " promised Minh Hoang: the reading list (due 2026-12-03);"
        " Zoë Brontë-Nuñez promised: an intro;"
        " Minh Hoang promised: Re: the contract (due 2026-12-02).\n"
    )
    assert promise_rows(journal_at) == [
        (ZOE, I_OWE, "send the deck", dt.date(2026, 12, 1), True),
        (MINH, THEY_OWE, "Re: the contract", dt.date(2026, 12, 2), True),
        (MINH, I_OWE, "the reading list", dt.date(2026, 12, 3), True),
        (ZOE, THEY_OWE, "an intro", None, True),
    ]


def test_log_help_documents_promises(winwin):
    result = winwin("log", "--help")
    assert result.returncode == 0
    help_text = " ".join(result.stdout.split())
    assert "--i-owe PROMISE" in help_text and "--they-owe PROMISE" in help_text
    assert (
        "PROMISE is [PERSON:]TEXT[@YYYY-MM-DD], e.g. “send the deck@2026-12-01”: the part after"
        " the last @ is the due date; without PERSON, the promise is owed to (or by) the first"
        " person named." in help_text
    )


LOG_ZOE = ("log", ZOE, "--title", "Call", "--date", "2026-11-27")


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            (*LOG_ZOE, "--i-owe", "the deck@2026-13-45"),
            "2026-13-45 is not a date; write it as YYYY-MM-DD.",
        ),
        (
            (*LOG_ZOE, "--they-owe", "an intro@2026-02-30"),
            "2026-02-30 is not a date; write it as YYYY-MM-DD.",
        ),
        ((*LOG_ZOE, "--i-owe", "the deck@12"), "12 is not a date; write it as YYYY-MM-DD."),
        (
            (*LOG_ZOE, "--i-owe", "the deck@"),
            "--i-owe “the deck@” ends with @ but no date; write it as TEXT@YYYY-MM-DD.",
        ),
        ((*LOG_ZOE, "--i-owe", ""), "Say what was promised."),
        ((*LOG_ZOE, "--they-owe", "   @2026-12-01"), "Say what was promised."),
        ((*LOG_ZOE, "--i-owe", f"{ZOE}:  "), "Say what was promised."),
        (
            (*LOG_ZOE, "--i-owe", f"{MINH}:the deck"),
            "“Minh Hoang” is not one of the people in this log; add them to it or leave the name out.",
        ),
        # Everything else is fine, and Ada is new: she must not be added either.
        (
            (
                "log",
                f"Ada, {ZOE}",
                "--title",
                "Call",
                "--new",
                "--i-owe",
                "x@2026-12-01",
                "--they-owe",
                "",
            ),
            "Say what was promised.",
        ),
    ],
)
def test_bad_promises_exit_2_with_one_line_and_write_nothing(
    seeded, winwin, journal_at, args, message
):
    before = journal_at.everything()
    result = winwin(*args)
    assert (result.returncode, result.stdout, result.stderr) == (2, "", f"winwin: {message}\n")
    assert journal_at.everything() == before


# ---- reflect ------------------------------------------------------------------------------


def test_reflect_appends_paragraphs_and_links_mentions(seeded, winwin, journal_at):
    zoe, minh = seeded
    result = winwin("reflect", "Helped @zoe brontë-nuñez with the deck.", "--date", "2026-10-15")
    assert (result.returncode, result.stderr) == (0, "")
    day = short_day(dt.date(2026, 10, 15), dt.date.today())  # "Thu 15 Oct", a human date
    assert result.stdout == f"Added to the reflection of {day} (mentions: Zoë Brontë-Nuñez).\n"
    # Unquoted words are one paragraph too.
    result = winwin(
        "reflect", "Quiet", "evening.", "@Minh", "Hoang", "called.", "--date", "2026-10-15"
    )
    assert result.stdout == f"Added to the reflection of {day} (mentions: Minh Hoang).\n"
    assert winwin("reflect", "A note about zoe@acme.example").stdout == (
        f"Added to the reflection of {short_day(dt.date.today(), dt.date.today())}.\n"
    )

    day = journal_at(reflections.get_reflection, "2026-10-15")
    assert (
        day.text == "Helped @zoe brontë-nuñez with the deck.\n\nQuiet evening. @Minh Hoang called."
    )
    assert day.mentions == [(minh, MINH), (zoe, ZOE)]
    assert journal_at(reflections.get_reflection, dt.date.today()).text == (
        "A note about zoe@acme.example"
    )


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("reflect", ""), "Write something to add to the reflection."),
        (("reflect", "  ", "\n"), "Write something to add to the reflection."),
        (
            ("reflect", "Lunch with @Rahel Tesfaye."),
            "Nobody called “Rahel” is in the journal; add them first or drop the @.",
        ),
        (
            ("reflect", "@Zoë Brontë-Nuñez and @Zoe", "--date", "2026-10-15"),
            "Nobody called “Zoe” is in the journal; add them first or drop the @.",
        ),
        (
            ("reflect", "A day.", "--date", "2026-02-30"),
            "2026-02-30 is not a date; write it as YYYY-MM-DD.",
        ),
    ],
)
def test_bad_reflections_exit_2_with_one_line_and_write_nothing(
    seeded, winwin, journal_at, args, message
):
    journal_at(reflections.save_reflection, "2026-10-15", "Morning.")
    before = journal_at.everything()
    result = winwin(*args)
    assert (result.returncode, result.stdout, result.stderr) == (2, "", f"winwin: {message}\n")
    assert journal_at.everything() == before


def test_reflect_without_text_is_a_usage_error(winwin):
    result = winwin("reflect")
    assert result.returncode == 2
    assert result.stderr.startswith("usage: winwin reflect")


# ---- due ----------------------------------------------------------------------------------


def test_due_on_an_empty_journal(winwin, journal_path):
    open_journal(journal_path)
    close_journal()
    result = winwin("due")
    assert (result.returncode, result.stdout, result.stderr) == (
        0,
        "Nothing is due in the next 7 days, and nobody needs attention.\n",
        "",
    )
    assert json.loads(winwin("due", "--json").stdout) == {"promises": [], "attention": []}


@pytest.fixture
def busy(journal_at):
    """Hand-made data around each boundary, relative to the real today."""
    now = dt.date.today()

    def ago(days: int) -> dt.date:
        return now - dt.timedelta(days=days)

    def seed():
        def person(
            name: str, last_contact: dt.date | None, cadence: int | None = None, exchanges=()
        ):
            found = people.add_person(name, cadence_days=cadence)
            if last_contact:
                interactions.log_interaction(
                    last_contact,
                    "Catch-up",
                    [found.id],
                    exchanges=[ExchangeData(found.id, d, "advice", p) for d, p in exchanges],
                )
            return found.id

        zoe = person(ZOE, ago(31), cadence=30)  # one day past her cadence
        minh = person(MINH, ago(30), cadence=30)  # exactly at it
        # Gave 6, received 1: one-sided, but contacted two days ago.
        person("Rahel Tesfaye", ago(2), exchanges=[("given", 3), ("given", 3), ("received", 1)])
        # Received 4, gave 2 (ratio 2): win-win, no reason.
        person("Grace Hopper", ago(2), exchanges=[("given", 2), ("received", 2), ("received", 2)])
        bo = person("Bo", ago(61))  # default cadence 60: one day past, snooze ended yesterday
        today.snooze(bo, 0, today=ago(1))
        piotr = person("Piotr", ago(100))  # snoozed until today: hidden
        today.snooze(piotr, 0, today=now)
        ada = person("Ada", ago(100))  # archived: hidden
        people.set_archived(ada, True)
        person("Linus", None)  # never contacted: nothing to be late on

        promises.add_promise(minh, I_OWE, "send the deck", now + dt.timedelta(days=7))
        promises.add_promise(minh, THEY_OWE, "the CFO intro", ago(1))
        promises.add_promise(zoe, THEY_OWE, "the floor plan", now)
        promises.add_promise(zoe, I_OWE, "a book", now + dt.timedelta(days=8))
        promises.add_promise(zoe, I_OWE, "someday")
        kept = promises.add_promise(zoe, I_OWE, "kept already", ago(5))
        promises.set_status(kept.id, KEPT)
        promises.add_promise(ada, I_OWE, "for the archived", ago(3))

    journal_at(seed)
    return now


def test_due_json_lists_promises_and_people_with_reasons(busy, winwin):
    now = busy
    result = winwin("due", "--json")
    assert (result.returncode, result.stderr) == (0, "")
    assert json.loads(result.stdout) == {
        "promises": [
            {
                "person": "Ada",
                "owed_by": "me",
                "text": "for the archived",
                "due": (now - dt.timedelta(days=3)).isoformat(),
                "overdue": True,
            },
            {
                "person": MINH,
                "owed_by": "them",
                "text": "the CFO intro",
                "due": (now - dt.timedelta(days=1)).isoformat(),
                "overdue": True,
            },
            {
                "person": ZOE,
                "owed_by": "them",
                "text": "the floor plan",
                "due": now.isoformat(),
                "overdue": False,
            },
            {
                "person": MINH,
                "owed_by": "me",
                "text": "send the deck",
                "due": (now + dt.timedelta(days=7)).isoformat(),
                "overdue": False,
            },
        ],
        # Minh's overdue promise is listed once, above. Bo and Zoë are a day past their
        # cadence (not yet half of it again), and Rahel's only reason is that I give
        # more: not on a list to act on today.
        "attention": [],
    }


def test_due_prints_two_sections(busy, winwin):
    now = busy
    result = winwin("due")
    assert (result.returncode, result.stderr) == (0, "")
    # The dates as the window says them, in a column as wide as the longest of them.
    days = [short_day(now + dt.timedelta(days=n), now) for n in (-3, -1, 0, 7)]
    width = max(map(len, days))
    day = dict(zip((-3, -1, 0, 7), (d.ljust(width) for d in days), strict=True))
    assert all(d[:3] in ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun") for d in days)
    assert "-" not in "".join(days)  # no ISO date
    assert result.stdout.splitlines() == [
        "Promises due in the next 7 days or overdue",
        f"  {day[-3]}  You promised Ada: for the archived — overdue by 3 days",
        f"  {day[-1]}  Minh Hoang promised you: the CFO intro — overdue by 1 day",
        f"  {day[0]}  Zoë Brontë-Nuñez promised you: the floor plan — due today",
        f"  {day[7]}  You promised Minh Hoang: send the deck — due in 7 days",
        "",
        "People who need attention",
        "  Nobody.",  # Minh's overdue promise is said once, above
    ]


def test_due_with_only_promises_says_nobody_needs_attention(journal_at, winwin):
    def seed():
        zoe = people.add_person(ZOE)
        interactions.log_interaction(dt.date.today(), "Call", [zoe.id])
        promises.add_promise(zoe.id, I_OWE, "the deck", dt.date.today() + dt.timedelta(days=1))

    journal_at(seed)
    assert winwin("due").stdout.splitlines() == [
        "Promises due in the next 7 days or overdue",
        f"  {short_day(dt.date.today() + dt.timedelta(days=1), dt.date.today())}"
        "  You promised Zoë Brontë-Nuñez: the deck — due tomorrow",
        "",
        "People who need attention",
        "  Nobody.",
    ]


def test_the_new_subcommands_import_neither_qt_nor_matplotlib(seeded, journal_path):
    script = (
        "import sys\n"
        "from winwin_desktop.cli import main\n"
        f"db = ['--db', {str(journal_path)!r}]\n"
        "codes = [main(['due', *db]), main(['reflect', 'A day.', *db]),\n"
        "         main(['log', 'Minh Hoang', '--title', 'Call', '--i-owe', 'a note', *db])]\n"
        "heavy = sorted({m.split('.')[0] for m in sys.modules if m.startswith(('PySide6', 'matplotlib'))})\n"
        "print(codes, heavy)\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", script],
        env={**os.environ, "PYTHONPATH": str(REPO)},
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=60,
    )
    assert result.stdout.splitlines()[-1] == "[0, 0, 0] []", result.stderr
