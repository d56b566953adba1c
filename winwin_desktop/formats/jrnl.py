"""Reading jrnl's JSON export (``jrnl --export json``).

The export is one object with ``entries``: each has a ``title`` (jrnl's first sentence),
a ``body`` (the rest), a ``date`` (``YYYY-MM-DD``), a ``time`` (``HH:MM``), its ``tags``
(``@word``) and ``starred``. Entries become :class:`EntryRecord` s in the file's order;
one without a readable date is skipped with the reason.
"""

from __future__ import annotations

import datetime as dt
import json

from winwin_desktop.formats.records import (
    EntryRecord,
    ImportFormatError,
    ParsedFile,
    RecordProblem,
    Skipped,
    checked,
    decode_text,
    one_line,
)

FORMAT = "jrnl"


def read_jrnl(data: bytes, file: str) -> ParsedFile:
    """The entries of a jrnl JSON export; :class:`ImportFormatError` when it is not one."""
    text = decode_text(data)
    if not text.strip():
        raise ImportFormatError(file, "", "the file is empty; choose a jrnl JSON export.")
    try:
        document = json.loads(text)
    except json.JSONDecodeError as exc:
        raise ImportFormatError(
            file,
            f"line {exc.lineno}, column {exc.colno}",
            "this is not valid JSON: it breaks off or has a stray character here.",
        ) from None
    except (ValueError, RecursionError):
        raise ImportFormatError(file, "", "this is not valid JSON.") from None
    entries = document.get("entries") if isinstance(document, dict) else None
    if not isinstance(entries, list):
        raise ImportFormatError(
            file, "", "this JSON has no “entries” list, so it is not a jrnl export."
        )
    parsed = ParsedFile(file, FORMAT)
    for number, entry in enumerate(entries, start=1):
        place = f"entry {number}"
        try:
            parsed.entries.append(_entry(entry, place))
        except RecordProblem as problem:
            parsed.skipped.append(Skipped(place, f"This entry was skipped: {problem}."))
    return parsed


def _entry(entry: object, place: str) -> EntryRecord:
    if not isinstance(entry, dict):
        raise RecordProblem("it is not an object with a date and a text")
    date_text = entry.get("date")
    if not isinstance(date_text, str) or not date_text.strip():
        raise RecordProblem("it has no date")
    try:
        day = dt.date.fromisoformat(date_text.strip()[:10])
    except ValueError:
        raise RecordProblem(f"its date “{one_line(date_text)[:40]}” is not a real date") from None
    time = None
    time_text = entry.get("time")
    if isinstance(time_text, str) and time_text.strip():
        try:
            time = dt.time.fromisoformat(time_text.strip()).replace(tzinfo=None)
        except ValueError:
            raise RecordProblem(
                f"its time “{one_line(time_text)[:20]}” is not a real time"
            ) from None
    title = _text(entry.get("title"), "title")
    body = _text(entry.get("body"), "body")
    if not title.strip() and not body.strip():
        raise RecordProblem("it has no text")
    tags = entry.get("tags")
    tags = [t for t in tags if isinstance(t, str)] if isinstance(tags, list) else []
    return EntryRecord(
        place=place,
        date=day,
        time=time,
        title=title.strip(),
        body=body.strip(),
        tags=tags,
        starred=entry.get("starred") is True,
    )


def _text(value: object, what: str) -> str:
    if value is None:
        return ""
    if not isinstance(value, str):
        raise RecordProblem(f"its {what} is not text")
    return checked(value, what)
