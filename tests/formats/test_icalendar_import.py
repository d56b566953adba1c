"""Calendar events: past meetings in local time, all-day events, repeats, attendees."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from winwin_desktop.formats.icalendar_import import read_calendar
from winwin_desktop.formats.records import ImportFormatError

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "import"
BERLIN = ZoneInfo("Europe/Berlin")
NOW = dt.datetime(2025, 6, 1, 12, 0, tzinfo=BERLIN)


def read(name: str = "calendar.ics", tz=BERLIN, now=NOW):
    return read_calendar((FIXTURES / name).read_bytes(), name, now=now, tz=tz)


def meeting(parsed, title: str):
    return [m for m in parsed.meetings if m.title == title]


def test_a_meeting_in_its_own_time_zone():
    (intro,) = meeting(read(), "Intro call, partnerships")
    assert (intro.date, intro.time) == (dt.date(2025, 3, 10), dt.time(9, 30))
    assert intro.kind == "video call"  # a Meet link in LOCATION
    assert intro.notes == (
        "Agenda: market map\nNext steps\n\nLocation: https://meet.google.com/abc-defg-hij"
    )
    assert intro.place == "event 1 (line 38)"
    # Outlook's "Last, First" turned round; the room is not a person.
    assert [(a.name, a.email) for a in intro.attendees] == [
        ("Sam Reviewer", "sam@me.example"),
        ("Zoë Brontë-Nuñez", "ZOE@ACME-ROBOTICS.EXAMPLE"),
    ]


def test_times_are_converted_to_the_users_zone():
    (late,) = meeting(read(), "Late call with Singapore")
    # 23:30 UTC on the 11th is half past midnight on the 12th in Berlin (CET, UTC+1).
    assert (late.date, late.time) == (dt.date(2025, 3, 12), dt.time(0, 30))
    (in_tokyo,) = meeting(read(tz=ZoneInfo("Asia/Tokyo")), "Late call with Singapore")
    assert (in_tokyo.date, in_tokyo.time) == (dt.date(2025, 3, 12), dt.time(8, 30))
    (intro,) = meeting(read(tz=ZoneInfo("America/New_York")), "Intro call, partnerships")
    # 09:30 in Berlin (UTC+1) is 04:30 in New York (already on summer time, UTC-4).
    assert (intro.date, intro.time) == (dt.date(2025, 3, 10), dt.time(4, 30))


def test_an_outlook_windows_time_zone_with_its_vtimezone():
    (review,) = meeting(read(tz=ZoneInfo("UTC")), "Quarterly review")
    assert (review.date, review.time) == (dt.date(2025, 1, 15), dt.time(13, 0))
    assert review.kind == "video call"  # a Teams link in the description


def test_all_day_events_keep_their_date_in_every_zone():
    for zone in ("Pacific/Auckland", "America/Los_Angeles", "Europe/Berlin"):
        (fair,) = meeting(read(tz=ZoneInfo(zone)), "Hannover Messe")
        assert (fair.date, fair.time) == (dt.date(2025, 4, 2), None)


def test_repeating_events_give_each_past_occurrence():
    weekly = meeting(read(), "Weekly sync")
    # Six weeks from 5 May, 12 May excluded, and 2 June still to come on 1 June.
    assert [m.date for m in weekly] == [dt.date(2025, 5, d) for d in (5, 19, 26)]
    assert all(m.time == dt.time(9, 0) for m in weekly)
    assert len({m.source_key for m in weekly}) == 3


def test_cancelled_and_future_events_are_skipped_with_reasons():
    skipped = {s.place: s.reason for s in read().skipped}
    assert skipped == {
        "event 6 (line 86)": "This event was skipped: it was cancelled.",
        "event 7 (line 94)": "This event was skipped: it has not happened yet (2099-01-01).",
    }


def test_an_all_day_event_today_has_begun():
    parsed = read(now=dt.datetime(2025, 4, 2, 0, 5, tzinfo=BERLIN))
    assert meeting(parsed, "Hannover Messe")


def test_a_cut_short_calendar():
    with pytest.raises(ImportFormatError, match="cut short"):
        read("truncated.ics")


def test_an_impossible_date_skips_that_event():
    text = (
        "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nBEGIN:VEVENT\r\nUID:a\r\nDTSTART:20250231T100000\r\n"
        "SUMMARY:Never\r\nEND:VEVENT\r\nBEGIN:VEVENT\r\nUID:b\r\nDTSTART:20250227T100000\r\n"
        "SUMMARY:Real\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"
    )
    parsed = read_calendar(text.encode(), "x.ics", now=NOW, tz=BERLIN)
    assert [m.title for m in parsed.meetings] == ["Real"]
    assert parsed.skipped[0].place == "event 1 (line 3)"
    assert "DTSTART" in parsed.skipped[0].reason


@pytest.mark.parametrize(
    ("data", "words"),
    [
        (b"", "empty"),
        (b"BEGIN:VCARD\r\nEND:VCARD\r\n", "starts with BEGIN:VCALENDAR"),
        (b"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nEND:VCALENDAR\r\n", "no event"),
        (b"\x00\x01\x02binary", "not a text file"),
    ],
)
def test_files_that_are_no_calendar(data, words):
    with pytest.raises(ImportFormatError, match=words):
        read_calendar(data, "x.ics", now=NOW, tz=BERLIN)
