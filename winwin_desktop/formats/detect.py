"""Which importer reads a file: told by its content, not its name — and the one call that
reads any supported file into a :class:`ParsedFile`."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

from winwin_desktop.formats.records import (
    ImportFormatError,
    ParsedFile,
    decode_text,
    looks_binary,
)

VCARD = "vcard"
CSV = "csv"
ICALENDAR = "icalendar"
JRNL = "jrnl"
WINWIN_JSON = "winwin-json"
# What each format is called on screen, in the order the dialog lists them.
FORMAT_NAMES = {
    VCARD: "vCard contacts (.vcf)",
    CSV: "Contacts in CSV (LinkedIn, Google, Outlook, other)",
    ICALENDAR: "Calendar events (.ics)",
    JRNL: "jrnl journal (JSON export)",
    WINWIN_JSON: "WinWin journal export (JSON)",
}
# What may be typed after --format.
ALIASES = {
    "vcard": VCARD,
    "vcf": VCARD,
    "csv": CSV,
    "icalendar": ICALENDAR,
    "ical": ICALENDAR,
    "ics": ICALENDAR,
    "jrnl": JRNL,
    "json": WINWIN_JSON,
    "winwin": WINWIN_JSON,
    "winwin-json": WINWIN_JSON,
}


def format_named(name: str) -> str:
    """The format ``--format NAME`` means; ValueError with the choices when none."""
    found = ALIASES.get(name.strip().casefold())
    if found is None:
        raise ValueError(
            f"“{name}” is not a format WinWin imports; use one of: vcard, csv, ics, jrnl, json."
        )
    return found


def detect_format(data: bytes, file: str) -> str:
    """The format of ``data``, judged from its first bytes (and, for JSON, its keys)."""
    head = decode_text(data[:65536])
    stripped = head.lstrip("\ufeff \t\r\n")
    if not stripped:
        raise ImportFormatError(file, "", "the file is empty; there is nothing to import.")
    if looks_binary(head):
        raise ImportFormatError(
            file,
            "line 1",
            "this is not a text file; WinWin imports vCard, CSV, iCalendar, jrnl and WinWin "
            "JSON files.",
        )
    upper = stripped[:200].upper()
    if upper.startswith("BEGIN:VCARD"):
        return VCARD
    if upper.startswith(("BEGIN:VCALENDAR", "BEGIN:VEVENT", "BEGIN:VTODO")):
        return ICALENDAR
    if stripped.startswith(("{", "[")):
        return _json_kind(data, file)
    if "BEGIN:VCARD" in head.upper():
        return VCARD
    first_lines = stripped.splitlines()[:40]
    if any(sep in line for line in first_lines for sep in (",", ";", "\t")):
        return CSV
    suffix = Path(file).suffix.casefold()
    by_suffix = {".vcf": VCARD, ".vcard": VCARD, ".csv": CSV, ".ics": ICALENDAR}
    if suffix in by_suffix:
        return by_suffix[suffix]
    raise ImportFormatError(
        file,
        "line 1",
        "WinWin cannot tell what kind of file this is; it imports vCard, CSV, iCalendar, "
        "jrnl and WinWin JSON files.",
    )


def _json_kind(data: bytes, file: str) -> str:
    try:
        document = json.loads(decode_text(data))
    except (ValueError, RecursionError):
        # Broken JSON: let the reader whose keys it mentions say where it breaks.
        head = decode_text(data[:65536])
        return WINWIN_JSON if '"winwin-journal"' in head else JRNL
    if isinstance(document, dict) and document.get("format") == "winwin-journal":
        return WINWIN_JSON
    if isinstance(document, dict) and "entries" in document:
        return JRNL
    raise ImportFormatError(
        file,
        "",
        "this JSON file is neither a jrnl export (with “entries”) nor a WinWin journal export.",
    )


def read_file(
    data: bytes,
    file: str,
    format: str | None = None,
    mapping: dict[str, str] | None = None,
    now: dt.datetime | None = None,
    tz: dt.tzinfo | None = None,
    since: dt.date | None = None,
) -> ParsedFile:
    """Every record of ``data`` (the contents of ``file``) in the format given or detected.

    Raises :class:`ImportFormatError` — never another exception — when the file cannot be
    read; records it cannot use are in ``skipped`` with the reason.
    """
    format = format or detect_format(data, file)
    if format == VCARD:
        from winwin_desktop.formats.vcard import read_vcards

        return read_vcards(data, file)
    if format == CSV:
        from winwin_desktop.formats.contacts_csv import read_contacts_csv

        return read_contacts_csv(data, file, mapping)
    if format == ICALENDAR:
        from winwin_desktop.formats.icalendar_import import read_calendar

        return read_calendar(data, file, now=now, tz=tz, since=since)
    if format == JRNL:
        from winwin_desktop.formats.jrnl import read_jrnl

        return read_jrnl(data, file)
    if format == WINWIN_JSON:
        return _read_winwin(data, file)
    raise ImportFormatError(file, "", f"“{format}” is not a format WinWin imports.")


def _read_winwin(data: bytes, file: str) -> ParsedFile:
    from winwin_desktop.formats import winwin_json

    try:
        snapshot = winwin_json.loads(decode_text(data))
    except winwin_json.SchemaError as exc:
        raise ImportFormatError(file, exc.where, exc.message) from None
    return ParsedFile(file, WINWIN_JSON, document=snapshot)
