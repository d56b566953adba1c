"""The agenda: coming meetings read from a calendar file, never imported (issue 16)."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest
from dateutil import tz as tzutil

from winwin_desktop.journal import agenda, my_addresses, people
from winwin_desktop.journal.errors import ValidationError
from winwin_desktop.store.models import Interaction

CALENDAR = Path(__file__).parent.parent / "fixtures" / "agenda" / "work.ics"
BERLIN = tzutil.gettz("Europe/Berlin")
NOW = dt.datetime(2026, 12, 1, 8, 0, tzinfo=BERLIN)  # a Tuesday morning


@pytest.fixture
def known(journal):
    """Zoë and Ingrid known by their addresses, Piotr by his name only; my own address."""
    zoe = people.add_person("Zoë Brontë-Nuñez", emails=["zoe@acme.example"])
    piotr = people.add_person("Piotr Kowalski")
    ingrid = people.add_person("Ingrid Håkansson", emails=["ingrid@nordlys.example"])
    my_addresses.set_my_addresses(["me@example.com"])
    return {"zoe": zoe.id, "piotr": piotr.id, "ingrid": ingrid.id}


def when(meeting: agenda.Meeting) -> str:
    return meeting.start.isoformat() if not meeting.all_day else meeting.start.date().isoformat()


def test_the_next_seven_days_with_people_from_the_journal(known):
    found = agenda.upcoming(CALENDAR, days=7, now=NOW, tz=BERLIN)
    assert [(when(m), m.title, m.names, m.others) for m in found] == [
        # A weekly meeting: today's occurrence (next week's is after the 7 days).
        ("2026-12-01T10:00:00+01:00", "Weekly sync with Zoë", ["Zoë Brontë-Nuñez"], []),
        # 15:00 UTC is 16:00 in Berlin; my own address (any case) and the room left out.
        ("2026-12-02T16:00:00+01:00", "Pilot review", ["Piotr Kowalski"], ["Dana External"]),
        # 09:00 in New York; Ingrid by her address in another case; a declined guest out.
        ("2026-12-03T15:00:00+01:00", "Call from New York", ["Ingrid Håkansson"], ["Sam Unknown"]),
        # An all-day event keeps its date.
        ("2026-12-04", "Offsite with Ingrid", ["Ingrid Håkansson"], []),
    ]
    # Left out: the dinner I declined, the cancelled call, last week's lunch and the
    # dentist (nobody from the journal). Nothing was imported.
    assert found[0].uid == "weekly-sync@example.com@20261201T090000"
    assert found[0].person_ids == [known["zoe"]]
    assert Interaction.select().count() == 0


def test_json_shape(known):
    [first, *_] = agenda.upcoming(CALENDAR, now=NOW, tz=BERLIN)
    assert first.as_json() == {
        "uid": "weekly-sync@example.com@20261201T090000",
        "start": "2026-12-01T10:00:00+01:00",
        "title": "Weekly sync with Zoë",
        "people": ["Zoë Brontë-Nuñez"],
        "others": [],
    }


def test_the_next_meeting_relative_to_now(known):
    assert agenda.next_meeting(CALENDAR, now=NOW, tz=BERLIN).title == "Weekly sync with Zoë"
    later = dt.datetime(2026, 12, 1, 10, 5, tzinfo=BERLIN)  # the sync has begun
    assert agenda.next_meeting(CALENDAR, now=later, tz=BERLIN).title == "Pilot review"
    # After the New York call, the next is the all-day offsite, then next week's sync.
    evening = dt.datetime(2026, 12, 3, 20, 0, tzinfo=BERLIN)
    assert agenda.next_meeting(CALENDAR, now=evening, tz=BERLIN).title == "Offsite with Ingrid"
    friday = dt.datetime(2026, 12, 4, 9, 0, tzinfo=BERLIN)
    found = agenda.next_meeting(CALENDAR, now=friday, tz=BERLIN)
    assert (found.title, when(found)) == ("Weekly sync with Zoë", "2026-12-08T10:00:00+01:00")


def test_a_meeting_by_its_uid(known):
    found = agenda.meeting_by_uid("pilot-review@example.com", CALENDAR, now=NOW, tz=BERLIN)
    assert found.title == "Pilot review"
    # A repeating meeting's calendar UID names its next occurrence.
    found = agenda.meeting_by_uid("weekly-sync@example.com", CALENDAR, now=NOW, tz=BERLIN)
    assert when(found) == "2026-12-01T10:00:00+01:00"
    with pytest.raises(ValidationError, match="No meeting in the calendar has the UID “nope”"):
        agenda.meeting_by_uid("nope", CALENDAR, now=NOW, tz=BERLIN)


def test_a_folder_of_calendars_and_the_setting(known, tmp_path):
    folder = tmp_path / "calendars" / "work"
    folder.mkdir(parents=True)
    shutil.copy(CALENDAR, folder / "work.ics")
    (folder / "notes.txt").write_text("not a calendar")
    assert agenda.calendar_path() == ""
    assert agenda.upcoming(now=NOW, tz=BERLIN) == []  # no calendar set: nothing
    agenda.set_calendar_path(tmp_path / "calendars")
    assert agenda.calendar_path() == str(tmp_path / "calendars")
    assert len(agenda.upcoming(now=NOW, tz=BERLIN)) == 4
    # Read again when it changes.
    (folder / "work.ics").write_text(
        CALENDAR.read_text(encoding="utf-8").replace("Pilot review", "Pilot go/no-go"),
        encoding="utf-8",
    )
    assert "Pilot go/no-go" in [m.title for m in agenda.upcoming(now=NOW, tz=BERLIN)]


def test_bad_calendars_are_refused_in_one_sentence(known, tmp_path):
    with pytest.raises(ValidationError, match=r"^There is no file or folder .*; choose a calendar"):
        agenda.set_calendar_path(tmp_path / "missing.ics")
    text = tmp_path / "notes.txt"
    text.write_text("hello")
    with pytest.raises(ValidationError, match=r"^notes.txt is not a calendar; choose an .ics"):
        agenda.set_calendar_path(text)
    broken = tmp_path / "broken.ics"
    broken.write_text("hello")
    with pytest.raises(ValidationError, match=r"broken.ics cannot be read as a calendar: "):
        agenda.upcoming(broken, now=NOW, tz=BERLIN)
    assert agenda.calendar_path() == ""
