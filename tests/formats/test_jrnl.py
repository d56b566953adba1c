"""jrnl's JSON export."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from winwin_desktop.formats.jrnl import read_jrnl
from winwin_desktop.formats.records import ImportFormatError

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "import"


def test_entries_in_order_with_their_tags():
    parsed = read_jrnl((FIXTURES / "jrnl_export.json").read_bytes(), "jrnl_export.json")
    first = parsed.entries[0]
    assert (first.date, first.time, first.starred) == (dt.date(2025, 3, 10), dt.time(21, 15), True)
    assert first.title == "Long call with @zoe about the pilot."
    assert first.body == "She will intro me to their CFO."
    assert first.tags == ["@zoe"]
    assert [e.place for e in parsed.entries] == ["entry 1", "entry 2", "entry 3", "entry 4"]
    assert [(s.place, s.reason) for s in parsed.skipped] == [
        ("entry 5", "This entry was skipped: its date “2025-02-30” is not a real date."),
        ("entry 6", "This entry was skipped: it has no date."),
    ]


@pytest.mark.parametrize(
    ("data", "place", "words"),
    [
        (b'{"entries": [', "line 1, column 14", "not valid JSON"),
        (b'{"tags": {}}', "", "no “entries” list"),
        (b"[1, 2]", "", "no “entries” list"),
        (b"", "", "empty"),
    ],
)
def test_not_a_jrnl_export(data, place, words):
    with pytest.raises(ImportFormatError) as caught:
        read_jrnl(data, "j.json")
    assert caught.value.place == place
    assert words in caught.value.message


def test_odd_entries_are_skipped_not_fatal():
    data = b'{"entries": [7, {"date": "2025-01-01", "title": 3}, {"date": "2025-01-01", "time": "25:00", "title": "x"}, {"date": "2025-01-02"}]}'
    parsed = read_jrnl(data, "j.json")
    assert parsed.entries == []
    assert [s.reason.split(": ", 1)[1] for s in parsed.skipped] == [
        "it is not an object with a date and a text.",
        "its title is not text.",
        "its time “25:00” is not a real time.",
        "it has no text.",
    ]
