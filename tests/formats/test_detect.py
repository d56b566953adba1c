"""Telling a file's format from its content."""

from __future__ import annotations

from pathlib import Path

import pytest

from winwin_desktop.formats.detect import detect_format, format_named, read_file
from winwin_desktop.formats.records import ImportFormatError

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "import"


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("apple_contacts_3.0.vcf", "vcard"),
        ("outlook_2.1_cp1252.vcf", "vcard"),
        ("linkedin_Connections.csv", "csv"),
        ("google_contacts.csv", "csv"),
        ("outlook_contacts_cp1252.csv", "csv"),
        ("custom_latin1_semicolon.csv", "csv"),
        ("calendar.ics", "icalendar"),
        ("jrnl_export.json", "jrnl"),
    ],
)
def test_detected_from_content_whatever_the_name(name, expected):
    assert detect_format((FIXTURES / name).read_bytes(), "renamed.txt") == expected


def test_winwin_json_is_told_from_its_format_key():
    assert detect_format(b'{"format": "winwin-journal", "version": 1}', "x") == "winwin-json"


@pytest.mark.parametrize(
    ("data", "words"),
    [
        (b"", "empty"),
        (b"  \r\n\t", "empty"),
        ((FIXTURES / "noise.bin").read_bytes(), "not a text file"),
        (b"just some words", "cannot tell"),
        (b'{"something": "else"}', "neither a jrnl export"),
    ],
)
def test_what_cannot_be_told(data, words):
    with pytest.raises(ImportFormatError, match=words):
        detect_format(data, "x")


def test_format_names_and_aliases():
    assert format_named("ICS") == "icalendar"
    assert format_named("vcf") == "vcard"
    assert format_named("json") == "winwin-json"
    with pytest.raises(ValueError, match="use one of"):
        format_named("pdf")


def test_a_forced_format_is_used():
    with pytest.raises(ImportFormatError, match="BEGIN:VCALENDAR"):
        read_file((FIXTURES / "apple_contacts_3.0.vcf").read_bytes(), "a.vcf", "icalendar")
