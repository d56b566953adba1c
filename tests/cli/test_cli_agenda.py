"""``winwin agenda`` and ``winwin brief --next / --meeting``, run as a user runs them, on
a calendar written relative to the real now (the command reads the clock)."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from tests.helpers.cli import run_winwin, user_env
from tests.helpers.journals import build_demo_journal
from winwin_desktop.private_files import KEEP_PRIVATE
from winwin_desktop.store import close_journal
from winwin_desktop.text import short_day


def said(moment: dt.datetime) -> str:
    """A meeting's start as people read it: "Mon 7 Dec 10:00"."""
    return f"{short_day(moment.date(), dt.date.today())} {moment:%H:%M}"


def event(uid: str, title: str, start: dt.datetime, *attendees: str, extra: str = "") -> str:
    lines = [
        "BEGIN:VEVENT",
        f"UID:{uid}",
        f"SUMMARY:{title}",
        f"DTSTART:{start:%Y%m%dT%H%M%S}",  # floating: the computer's own time
        *(f"ATTENDEE;CN={name}:mailto:{name.split()[0].lower()}@x.example" for name in attendees),
        *([extra] if extra else []),
        "END:VEVENT",
    ]
    return "\r\n".join(lines)


@pytest.fixture(scope="module")
def setup(tmp_path_factory):
    folder = tmp_path_factory.mktemp("agenda")
    journal = folder / "demo.db"
    build_demo_journal(journal, None, seed=7, today=dt.date.today())
    close_journal()
    soon = dt.datetime.now().replace(second=0, microsecond=0) + dt.timedelta(hours=2)
    events = [
        event("pilot", "Pilot review", soon + dt.timedelta(days=1), "Piotr Kowalski", "Dana Out"),
        event("sync", "Sync with Zoë", soon, "Zoë Brontë-Nuñez"),
        event("later", "Quarterly with Ingrid", soon + dt.timedelta(days=20), "Ingrid Håkansson"),
        event("gone", "Cancelled", soon, "Ingrid Håkansson", extra="STATUS:CANCELLED"),
        event("solo", "Dentist", soon + dt.timedelta(days=2)),
    ]
    calendar = folder / "work.ics"
    calendar.write_text(
        "BEGIN:VCALENDAR\r\nVERSION:2.0\r\n" + "\r\n".join(events) + "\r\nEND:VCALENDAR\r\n",
        encoding="utf-8",
    )
    return journal, calendar, soon


@pytest.fixture
def winwin(setup, tmp_path):
    journal, _, _ = setup
    env = user_env(tmp_path, drop=("LC_ALL", "LC_PAPER", "QT_QPA_PLATFORM"))
    return lambda *args: run_winwin([*args, "--db", str(journal)], env, tmp_path, timeout=120)


def test_agenda_lists_the_coming_week_with_people_in_the_journal(setup, winwin):
    _, calendar, soon = setup
    result = winwin("agenda", "--calendar", str(calendar), "--json")
    assert result.returncode == 0, result.stderr
    found = json.loads(result.stdout)
    assert [(m["uid"], m["title"], m["people"], m["others"]) for m in found] == [
        ("sync", "Sync with Zoë", ["Zoë Brontë-Nuñez"], []),
        ("pilot", "Pilot review", ["Piotr Kowalski"], ["Dana Out"]),
    ]
    start = dt.datetime.fromisoformat(found[0]["start"])
    assert start.utcoffset() is not None and start.replace(tzinfo=None) == soon
    result = winwin("agenda", "--calendar", str(calendar), "--days", "30")
    assert result.returncode == 0, result.stderr
    assert "Quarterly with Ingrid" in result.stdout
    lines = result.stdout.splitlines()
    assert lines[0].split() == ["When", "Meeting", "With"]
    # Dates as the window says them ("Mon 7 Dec 10:00"); ISO only in --json.
    assert lines[1].startswith(f"{said(soon)}  ")


def test_agenda_remembers_the_calendar(setup, winwin):
    _, calendar, _ = setup
    result = winwin("agenda")
    assert result.returncode == 2
    assert result.stderr == (
        "winwin: No calendar is set; give one with --calendar PATH (add --remember to keep it).\n"
    )
    result = winwin("agenda", "--calendar", str(calendar), "--remember")
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith(f"Remembered the calendar {calendar}.\n")
    result = winwin("agenda", "--json")
    assert [m["uid"] for m in json.loads(result.stdout)] == ["sync", "pilot"]


def test_brief_for_the_next_meeting_and_for_one_by_uid(setup, winwin, tmp_path):
    _, calendar, soon = setup
    result = winwin("brief", "--next", "--calendar", str(calendar))
    assert result.returncode == 0, result.stderr
    expected = Path(f"brief-{soon:%Y-%m-%d}-sync-with-zoe.pdf")
    assert result.stdout == (
        f"Wrote the brief on Zoë Brontë-Nuñez for “Sync with Zoë · {said(soon)}” "
        f"to {expected}. {KEEP_PRIVATE}\n"
    )
    assert (tmp_path / expected).read_bytes().startswith(b"%PDF-")

    result = winwin("brief", "--meeting", "pilot", "--calendar", str(calendar), "-o", "p.md")
    assert result.returncode == 0, result.stderr
    text = (tmp_path / "p.md").read_text(encoding="utf-8")
    assert text.startswith(f"*Meeting brief: Pilot review · {said(soon + dt.timedelta(days=1))}")
    assert "# Piotr Kowalski" in text


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ["brief", "--next", "Zoë"],
            "Name the people for the brief (separated by commas), or use --next or --meeting UID, one of the three.",
        ),
        (
            ["brief", "--meeting", "nope", "-o", "x.pdf", "--calendar", "CAL"],
            "No meeting in the calendar has the UID “nope”; list them with `winwin agenda`.",
        ),
        (
            ["brief", "--meeting", "solo", "-o", "x.pdf", "--calendar", "CAL"],
            "Nobody at “Dentist · {solo}” is in the journal, so there is no brief.",
        ),
        (
            ["agenda", "--calendar", "missing.ics"],
            "There is no file or folder missing.ics; choose a calendar (.ics) file.",
        ),
        (
            ["agenda", "--calendar", "CAL", "--days", "soon"],
            "Give --days a whole number, e.g. --days 7.",
        ),
    ],
)
def test_mistakes_get_one_sentence(setup, winwin, tmp_path, args, message):
    _, calendar, soon = setup
    args = [str(calendar) if a == "CAL" else a for a in args]
    result = winwin(*args)
    assert result.returncode == 2
    solo = said(soon + dt.timedelta(days=2))
    assert result.stderr == f"winwin: {message.format(solo=solo)}\n"
    assert not list(tmp_path.glob("*.pdf"))
