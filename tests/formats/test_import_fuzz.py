"""Every reader, fed arbitrary bytes or text, gives records or ImportFormatError — never
another exception — and neither reading nor previewing writes to the journal.

The example counts are kept small so CI stays fast. To search longer, set
``WINWIN_FUZZ_EXAMPLES``, e.g.::

    WINWIN_FUZZ_EXAMPLES=5000 python -m pytest tests/formats/test_import_fuzz.py
"""

from __future__ import annotations

import datetime as dt
import os
from zoneinfo import ZoneInfo

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from winwin_desktop.formats.contacts_csv import read_contacts_csv
from winwin_desktop.formats.detect import read_file
from winwin_desktop.formats.icalendar_import import read_calendar
from winwin_desktop.formats.jrnl import read_jrnl
from winwin_desktop.formats.records import ImportFormatError, ParsedFile
from winwin_desktop.formats.vcard import read_vcards
from winwin_desktop.journal import importing, people

EXAMPLES = int(os.environ.get("WINWIN_FUZZ_EXAMPLES", "40"))
FUZZ = settings(
    max_examples=EXAMPLES,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
NOW = dt.datetime(2025, 6, 1, 12, tzinfo=ZoneInfo("Europe/Berlin"))

# Pieces of each format, so that the text reaches past the first check of each reader.
VCARD_PIECES = [
    "BEGIN:VCARD", "END:VCARD", "VERSION:2.1", "VERSION:4.0", "FN:Ana", "N:Lima;Ana;;;",
    "NOTE;ENCODING=QUOTED-PRINTABLE;CHARSET=UTF-8:=C3=A9=", "ORG:A\\,B;C", "BDAY:--0230",
    "BDAY:2023-13-01", "PHOTO;ENCODING=b;TYPE=JPEG:/9j/", "PHOTO:data:image/png;base64,iVBO",
    "EMAIL;TYPE=pref:a@b.c", "TEL:tel:+1", "CATEGORIES:a,b", "X-ABShowAs:COMPANY", "item1.URL:",
    "\\", ",", ";", ":", "=", " ", "\t", '"', "\r\n", "\n",
]  # fmt: skip
CSV_PIECES = [
    "First Name,Last Name,Email Address,Connected On", "Name;Email;Company", "E-mail 1 - Value",
    "Notes:", ",", ";", "\t", '"', '""', "\r\n", "\n", "31 Feb 2024", "0/0/00", " ::: ", "Ana",
    "a@b.c", "13/13/2020",
]  # fmt: skip
ICS_PIECES = [
    "BEGIN:VCALENDAR", "END:VCALENDAR", "BEGIN:VEVENT", "END:VEVENT", "UID:x",
    "DTSTART:20250101T100000Z", "DTSTART;VALUE=DATE:20250230", "DTSTART;TZID=Nowhere/Else:20250101T1000",
    "RRULE:FREQ=DAILY;COUNT=3", "RRULE:FREQ=WEEKLY;UNTIL=20250301", "EXDATE:20250102T100000Z",
    "RECURRENCE-ID:20250102T100000Z", "ATTENDEE;CN=\"A, B\":mailto:a@b.c", "STATUS:CANCELLED",
    "SUMMARY:x", ";", ":", "\r\n", " ",
]  # fmt: skip
JRNL_PIECES = [
    '{"entries": [', "]}", '{"date": "2025-01-01", "title": "x @ana", "body": "", "tags": []}',
    '{"date": "2025-02-30"}', '{"time": "99:99"}', ",", "null", '"', "{", "}", "[", "]",
]  # fmt: skip


def pieces(tokens: list[str]) -> st.SearchStrategy[bytes]:
    text = st.lists(st.one_of(st.sampled_from(tokens), st.text(max_size=12)), max_size=40)
    return st.one_of(
        st.binary(max_size=400),
        text.map(lambda parts: "\r\n".join(parts).encode("utf-8", "surrogatepass")),
        text.map(lambda parts: "".join(parts).encode("utf-8", "surrogatepass")),
    )


@pytest.fixture
def watched(journal):
    """The open journal, with a person in it so previews have someone to match."""
    people.add_person("Ana Lima", emails=["a@b.c"])
    connection = journal.connection()
    before = connection.total_changes
    yield
    assert connection.total_changes == before, "reading or previewing wrote to the journal"


def check(read, data: bytes) -> None:
    try:
        parsed = read(data)
    except ImportFormatError as error:
        assert error.file == "fuzz"
        assert str(error).startswith("fuzz")
        return
    assert isinstance(parsed, ParsedFile)
    plan = importing.preview(parsed)
    assert len(plan.rows) == parsed.record_count


@FUZZ
@given(data=pieces(VCARD_PIECES))
def test_vcard_reader(watched, data):
    check(lambda d: read_vcards(d, "fuzz"), data)


@FUZZ
@given(data=pieces(CSV_PIECES))
def test_csv_reader(watched, data):
    check(lambda d: read_contacts_csv(d, "fuzz"), data)


@FUZZ
@given(data=pieces(CSV_PIECES))
def test_csv_reader_with_a_mapping(watched, data):
    check(lambda d: read_contacts_csv(d, "fuzz", {"Name": "name", "Email": "email"}), data)


@FUZZ
@given(data=pieces(ICS_PIECES))
def test_icalendar_reader(watched, data):
    check(lambda d: read_calendar(d, "fuzz", now=NOW, tz=NOW.tzinfo), data)


@FUZZ
@given(data=pieces(JRNL_PIECES))
def test_jrnl_reader(watched, data):
    check(lambda d: read_jrnl(d, "fuzz"), data)


@FUZZ
@given(data=pieces(VCARD_PIECES + CSV_PIECES + ICS_PIECES + JRNL_PIECES))
def test_detection_and_any_reader(watched, data):
    check(lambda d: read_file(d, "fuzz", now=NOW, tz=NOW.tzinfo), data)
