"""WinWin's own JSON: the whole journal as one versioned, documented document.

Pure: plain dataclasses in, a JSON-ready ``dict`` out, and back. No Qt, no database.
``journal/exporting.py`` reads a journal into a :class:`Snapshot`; an importer turns a
document back into one with :func:`from_document`.

The document (version 1)::

    {
      "format": "winwin-journal",
      "version": 1,
      "settings":     [{"uid", "key", "value", <stamps>}],
      "tags":         [{"uid", "name", "cadence_days", <stamps>}],
      "people":       [{"uid", "name", "organisation", "role", "emails", "phones", "links",
                        "how_met", "met_on", "introduced_by_uid", "notes", "talking_points",
                        "cadence_days", "archived", "snoozed_until", "photo",
                        "structured_name", "birthday", <stamps>}],
      "person_tags":  [{"uid", "person_uid", "tag_uid", <stamps>}],
      "interactions": [{"uid", "date", "time", "kind", "title", "notes", <stamps>}],
      "participants": [{"uid", "interaction_uid", "person_uid", <stamps>}],
      "exchanges":    [{"uid", "interaction_uid", "person_uid", "direction", "category",
                        "points", "description", <stamps>}],
      "promises":     [{"uid", "person_uid", "interaction_uid", "owed_by", "text", "due",
                        "status", "closed_on", <stamps>}],
      "reflections":  [{"uid", "day", "text", "answers", <stamps>}],
      "mentions":     [{"uid", "reflection_uid", "person_uid", <stamps>}]
    }

- ``<stamps>`` are ``created_at``, ``updated_at`` and ``deleted_at``: UTC date-times in
  ISO 8601 with a ``Z`` (``2026-10-01T19:30:05.123456Z``); ``deleted_at`` is ``null``
  unless the row is in the trash. Rows in the trash are exported too.
- Dates are ``YYYY-MM-DD``, times ``HH:MM:SS``; an absent date or time is ``null``.
- Rows refer to each other by ``uid`` (the ``*_uid`` keys), never by the journal's
  integer ids, which are not part of the format.
- ``direction`` is ``given`` (by me) or ``received`` (by me); ``owed_by`` is ``me`` or
  ``them``; ``points`` run from 1 to 5; ``status`` is ``open``, ``kept`` or ``dropped``.
- ``value`` (settings) is any JSON value; ``answers`` (reflections) an object; ``photo``
  the picture's bytes (JPEG, PNG …) in base64, or ``null``; ``structured_name`` an
  object of texts (``family``, ``given``, ``additional``, ``prefixes``, ``suffixes``,
  ``sort_as``; absent parts left out); ``birthday`` ``YYYY-MM-DD``, ``--MM-DD`` without
  a year, or "".
- Each table's rows come in the order they were created (``created_at``, then ``uid``),
  one row per line, so the same journal always gives the same document.

A reader ignores keys it does not know, takes a missing key of a row that has a default
(everything but ``uid`` and the fields the list above shows without one) as that default,
and refuses — with :class:`SchemaError` — another format, a newer version, a value of
the wrong type, a reference to a row the document does not hold, and two rows where the
journal allows one.
"""

from __future__ import annotations

import base64
import binascii
import dataclasses
import datetime as dt
import json
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

FORMAT = "winwin-journal"
VERSION = 1
STAMPS = ("created_at", "updated_at", "deleted_at")
DIRECTIONS = ("given", "received")
OWERS = ("me", "them")


class SchemaError(ValueError):
    """A document this version of WinWin cannot read. ``where`` names the place
    (``people[3].met_on``); the message is one plain sentence for the user."""

    def __init__(self, message: str, where: str = "") -> None:
        super().__init__(message)
        self.message = message
        self.where = where


def new_uid() -> str:
    return str(uuid.uuid4())


def utc_now() -> dt.datetime:
    return dt.datetime.now(dt.UTC).replace(tzinfo=None)


# ---- rows -------------------------------------------------------------------------------
# kw_only, so every table's own fields can come after the shared ones with defaults.


@dataclass(kw_only=True, slots=True)
class Row:
    uid: str = field(default_factory=new_uid)
    created_at: dt.datetime = field(default_factory=utc_now)
    updated_at: dt.datetime = field(default_factory=utc_now)
    deleted_at: dt.datetime | None = None


@dataclass(kw_only=True, slots=True)
class SettingRow(Row):
    key: str
    value: Any = None


@dataclass(kw_only=True, slots=True)
class TagRow(Row):
    name: str
    cadence_days: int | None = None


@dataclass(kw_only=True, slots=True)
class PersonRow(Row):
    name: str
    organisation: str = ""
    role: str = ""
    emails: list[str] = field(default_factory=list)
    phones: list[str] = field(default_factory=list)
    links: list[str] = field(default_factory=list)
    how_met: str = ""
    met_on: dt.date | None = None
    introduced_by_uid: str | None = None
    notes: str = ""
    talking_points: str = ""
    cadence_days: int | None = None
    archived: bool = False
    snoozed_until: dt.date | None = None
    photo: bytes | None = None
    structured_name: dict[str, str] = field(default_factory=dict)
    birthday: str = ""


@dataclass(kw_only=True, slots=True)
class PersonTagRow(Row):
    person_uid: str
    tag_uid: str


@dataclass(kw_only=True, slots=True)
class InteractionRow(Row):
    date: dt.date
    time: dt.time | None = None
    kind: str = "meeting"
    title: str = ""
    notes: str = ""


@dataclass(kw_only=True, slots=True)
class ParticipantRow(Row):
    interaction_uid: str
    person_uid: str


@dataclass(kw_only=True, slots=True)
class ExchangeRow(Row):
    interaction_uid: str
    person_uid: str
    direction: str
    category: str
    points: int
    description: str = ""


@dataclass(kw_only=True, slots=True)
class PromiseRow(Row):
    person_uid: str
    owed_by: str
    text: str
    interaction_uid: str | None = None
    due: dt.date | None = None
    status: str = "open"
    closed_on: dt.date | None = None


@dataclass(kw_only=True, slots=True)
class ReflectionRow(Row):
    day: dt.date
    text: str = ""
    answers: dict[str, Any] = field(default_factory=dict)


@dataclass(kw_only=True, slots=True)
class MentionRow(Row):
    reflection_uid: str
    person_uid: str


@dataclass
class Snapshot:
    """Every row of a journal, table by table (trash included)."""

    settings: list[SettingRow] = field(default_factory=list)
    tags: list[TagRow] = field(default_factory=list)
    people: list[PersonRow] = field(default_factory=list)
    person_tags: list[PersonTagRow] = field(default_factory=list)
    interactions: list[InteractionRow] = field(default_factory=list)
    participants: list[ParticipantRow] = field(default_factory=list)
    exchanges: list[ExchangeRow] = field(default_factory=list)
    promises: list[PromiseRow] = field(default_factory=list)
    reflections: list[ReflectionRow] = field(default_factory=list)
    mentions: list[MentionRow] = field(default_factory=list)


def without_trash(snapshot: Snapshot) -> Snapshot:
    """What the user sees: rows in the trash left out, and with them the rows that hang on
    a trashed person, interaction or reflection (a promise only loses its interaction)."""
    people = [p for p in snapshot.people if p.deleted_at is None]
    live_people = {p.uid for p in people}
    interactions = [i for i in snapshot.interactions if i.deleted_at is None]
    live_interactions = {i.uid for i in interactions}
    reflections = [r for r in snapshot.reflections if r.deleted_at is None]
    live_reflections = {r.uid for r in reflections}
    tags = [t for t in snapshot.tags if t.deleted_at is None]
    live_tags = {t.uid for t in tags}

    def live(row: Row, **parents: set[str]) -> bool:
        return row.deleted_at is None and all(getattr(row, k) in v for k, v in parents.items())

    return Snapshot(
        settings=[s for s in snapshot.settings if s.deleted_at is None],
        tags=tags,
        people=[
            p
            if p.introduced_by_uid in live_people or p.introduced_by_uid is None
            else dataclasses.replace(p, introduced_by_uid=None)
            for p in people
        ],
        person_tags=[
            r for r in snapshot.person_tags if live(r, person_uid=live_people, tag_uid=live_tags)
        ],
        interactions=interactions,
        participants=[
            r
            for r in snapshot.participants
            if live(r, person_uid=live_people, interaction_uid=live_interactions)
        ],
        exchanges=[
            r
            for r in snapshot.exchanges
            if live(r, person_uid=live_people, interaction_uid=live_interactions)
        ],
        promises=[
            r
            if r.interaction_uid in live_interactions or r.interaction_uid is None
            else dataclasses.replace(r, interaction_uid=None)
            for r in snapshot.promises
            if live(r, person_uid=live_people)
        ],
        reflections=reflections,
        mentions=[
            r
            for r in snapshot.mentions
            if live(r, person_uid=live_people, reflection_uid=live_reflections)
        ],
    )


# ---- the schema, table by table -----------------------------------------------------------
# Each field's kind says how it is written and read; "ref:TABLE" is a uid of a row of TABLE.


@dataclass(frozen=True)
class Table:
    name: str
    row: type[Row]
    kinds: dict[str, str]
    unique: tuple[tuple[str, ...], ...] = ()


TABLES: tuple[Table, ...] = (
    Table("settings", SettingRow, {"key": "str", "value": "any"}, (("key",),)),
    Table("tags", TagRow, {"name": "str", "cadence_days": "int?"}, (("name",),)),
    Table(
        "people",
        PersonRow,
        {
            "name": "str",
            "organisation": "str",
            "role": "str",
            "emails": "strings",
            "phones": "strings",
            "links": "strings",
            "how_met": "str",
            "met_on": "date?",
            "introduced_by_uid": "ref?:people",
            "notes": "str",
            "talking_points": "str",
            "cadence_days": "int?",
            "archived": "bool",
            "snoozed_until": "date?",
            "photo": "bytes?",
            "structured_name": "name",
            "birthday": "str",
        },
    ),
    Table(
        "person_tags",
        PersonTagRow,
        {"person_uid": "ref:people", "tag_uid": "ref:tags"},
        (("person_uid", "tag_uid"),),
    ),
    Table(
        "interactions",
        InteractionRow,
        {"date": "date", "time": "time?", "kind": "str", "title": "str", "notes": "str"},
    ),
    Table(
        "participants",
        ParticipantRow,
        {"interaction_uid": "ref:interactions", "person_uid": "ref:people"},
        (("interaction_uid", "person_uid"),),
    ),
    Table(
        "exchanges",
        ExchangeRow,
        {
            "interaction_uid": "ref:interactions",
            "person_uid": "ref:people",
            "direction": "direction",
            "category": "str",
            "points": "points",
            "description": "str",
        },
    ),
    Table(
        "promises",
        PromiseRow,
        {
            "person_uid": "ref:people",
            "interaction_uid": "ref?:interactions",
            "owed_by": "owed_by",
            "text": "str",
            "due": "date?",
            "status": "str",
            "closed_on": "date?",
        },
    ),
    Table(
        "reflections",
        ReflectionRow,
        {"day": "date", "text": "str", "answers": "object"},
        (("day",),),
    ),
    Table(
        "mentions",
        MentionRow,
        {"reflection_uid": "ref:reflections", "person_uid": "ref:people"},
        (("reflection_uid", "person_uid"),),
    ),
)


# ---- writing ----------------------------------------------------------------------------


def to_document(snapshot: Snapshot) -> dict[str, Any]:
    """The journal as a JSON-ready dict (see the module's docstring for the schema)."""
    document: dict[str, Any] = {"format": FORMAT, "version": VERSION}
    for table in TABLES:
        rows = sorted(getattr(snapshot, table.name), key=lambda r: (r.created_at, r.uid))
        document[table.name] = [_write_row(table, row) for row in rows]
    return document


def dumps(snapshot: Snapshot) -> str:
    """The document as JSON text (see :func:`iter_text`)."""
    return "".join(iter_text(snapshot))


def iter_text(snapshot: Snapshot) -> Iterator[str]:
    """The document as JSON text, piece by piece, so that a large journal is written
    without ever being held whole in memory: one row per line, UTF-8 characters as they
    are, ending in a newline."""
    return iter_text_of_tables(lambda name: getattr(snapshot, name))


def iter_text_of_tables(rows_of: Callable[[str], list[Row]]) -> Iterator[str]:
    """:func:`iter_text` with each table's rows asked for only when it is written, so a
    caller can read one table at a time."""
    yield f'{{\n  "format": {json.dumps(FORMAT)},\n  "version": {VERSION}'
    for table in TABLES:
        rows = sorted(rows_of(table.name), key=lambda r: (r.created_at, r.uid))
        yield f',\n  "{table.name}": ['
        for index, row in enumerate(rows):
            line = json.dumps(_write_row(table, row), ensure_ascii=False)
            yield f"{',' if index else ''}\n    {line}"
        yield "\n  ]" if rows else "]"
    yield "\n}\n"


def _write_row(table: Table, row: Row) -> dict[str, Any]:
    out: dict[str, Any] = {"uid": row.uid}
    for name, kind in table.kinds.items():
        out[name] = _write_value(getattr(row, name), kind)
    for name in STAMPS:
        out[name] = _write_datetime(getattr(row, name))
    return out


def _write_value(value: Any, kind: str) -> Any:
    if value is None:
        return None
    if kind.startswith("date"):
        return value.isoformat()
    if kind == "time?":
        return value.isoformat()
    if kind == "bytes?":
        return base64.b64encode(value).decode("ascii")
    if kind == "strings":
        return list(value)
    if kind in ("object", "name"):
        return dict(value)
    return value


def _write_datetime(value: dt.datetime | None) -> str | None:
    if value is None:
        return None
    if value.tzinfo is not None:
        value = value.astimezone(dt.UTC).replace(tzinfo=None)
    return value.isoformat() + "Z"


# ---- reading ----------------------------------------------------------------------------


def loads(text: str | bytes) -> Snapshot:
    """Read a document from JSON text; anything else raises :class:`SchemaError`."""
    try:
        document = json.loads(text)
    except json.JSONDecodeError as exc:
        raise SchemaError(
            "The file is not JSON: it breaks off or has a stray character here; export "
            "the journal again.",
            f"line {exc.lineno}, column {exc.colno}",
        ) from None
    except (ValueError, RecursionError):  # UnicodeDecodeError is a ValueError too
        raise SchemaError("The file is not JSON text; export the journal again.") from None
    return from_document(document)


def from_document(document: Any) -> Snapshot:
    """The snapshot a document describes, checked; :class:`SchemaError` when unreadable."""
    if not isinstance(document, dict) or document.get("format") != FORMAT:
        raise SchemaError("The file is not a WinWin journal export (its “format” is missing).")
    version = document.get("version")
    if not isinstance(version, int) or isinstance(version, bool) or version < 1:
        raise SchemaError("The WinWin export has no valid “version”.", "version")
    if version > VERSION:
        raise SchemaError(
            f"The export was written by a newer WinWin (format version {version}); "
            f"update WinWin to read it.",
            "version",
        )
    snapshot = Snapshot()
    for table in TABLES:
        rows = document.get(table.name, [])
        if not isinstance(rows, list):
            raise SchemaError(f"“{table.name}” in the export should be a list.", table.name)
        parsed = [_read_row(table, raw, f"{table.name}[{i}]") for i, raw in enumerate(rows)]
        _check_unique(table, parsed)
        setattr(snapshot, table.name, parsed)
    _check_references(snapshot)
    return snapshot


def _read_row(table: Table, raw: Any, where: str) -> Row:
    if not isinstance(raw, dict):
        raise SchemaError(f"Record {where} of the export is not an object.", where)
    defaults = {f.name: f for f in dataclasses.fields(table.row)}
    values: dict[str, Any] = {}
    uid = raw.get("uid")
    if not isinstance(uid, str) or not uid.strip():
        raise SchemaError(f"Record {where} of the export has no “uid”.", f"{where}.uid")
    values["uid"] = uid
    for name, kind in table.kinds.items():
        if name not in raw:
            if _has_default(defaults[name]):
                continue
            raise SchemaError(f"Record {where} of the export has no “{name}”.", f"{where}.{name}")
        values[name] = _read_value(raw[name], kind, f"{where}.{name}")
    for name in STAMPS:
        if raw.get(name) is not None:
            values[name] = _read_datetime(raw[name], f"{where}.{name}")
    if "updated_at" not in values and "created_at" in values:
        values["updated_at"] = values["created_at"]
    return table.row(**values)


def _has_default(f: dataclasses.Field) -> bool:
    return f.default is not dataclasses.MISSING or f.default_factory is not dataclasses.MISSING


def _read_value(value: Any, kind: str, where: str) -> Any:
    optional = kind.endswith("?") or kind.startswith("ref?")
    if value is None:
        if optional or kind == "any":
            return None
        raise SchemaError(f"{where} in the export must not be empty.", where)
    base = kind.rstrip("?")
    reader = _READERS.get(base) or _READERS[base.split(":")[0].rstrip("?")]
    return reader(value, where)


def _read_str(value: Any, where: str) -> str:
    if not isinstance(value, str):
        raise SchemaError(f"{where} in the export should be text.", where)
    return value


def _read_int(value: Any, where: str) -> int:
    if not isinstance(value, int) or isinstance(value, bool):
        raise SchemaError(f"{where} in the export should be a whole number.", where)
    return value


def _read_bool(value: Any, where: str) -> bool:
    if not isinstance(value, bool):
        raise SchemaError(f"{where} in the export should be true or false.", where)
    return value


def _read_strings(value: Any, where: str) -> list[str]:
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise SchemaError(f"{where} in the export should be a list of texts.", where)
    return list(value)


def _read_object(value: Any, where: str) -> dict[str, Any]:
    if not isinstance(value, dict):
        raise SchemaError(f"{where} in the export should be an object.", where)
    return value


def _read_name(value: Any, where: str) -> dict[str, str]:
    parts = _read_object(value, where)
    if not all(isinstance(k, str) and isinstance(v, str) for k, v in parts.items()):
        raise SchemaError(f"{where} in the export should be an object of texts.", where)
    return dict(parts)


def _read_date(value: Any, where: str) -> dt.date:
    try:
        return dt.date.fromisoformat(_read_str(value, where))
    except ValueError:
        raise SchemaError(f"{where} in the export is not a date (YYYY-MM-DD).", where) from None


def _read_time(value: Any, where: str) -> dt.time:
    try:
        parsed = dt.time.fromisoformat(_read_str(value, where))
    except ValueError:
        raise SchemaError(f"{where} in the export is not a time (HH:MM:SS).", where) from None
    return parsed.replace(tzinfo=None)


def _read_datetime(value: Any, where: str) -> dt.datetime:
    try:
        parsed = dt.datetime.fromisoformat(_read_str(value, where))
    except ValueError:
        raise SchemaError(
            f"{where} in the export is not a date and time (ISO 8601).", where
        ) from None
    if parsed.tzinfo is not None:
        parsed = parsed.astimezone(dt.UTC).replace(tzinfo=None)
    return parsed


def _read_bytes(value: Any, where: str) -> bytes:
    try:
        return base64.b64decode(_read_str(value, where), validate=True)
    except (binascii.Error, ValueError):
        raise SchemaError(f"{where} in the export is not base64.", where) from None


def _read_choice(choices: tuple[str, ...]) -> Callable[[Any, str], str]:
    def read(value: Any, where: str) -> str:
        if value not in choices:
            raise SchemaError(
                f"{where} in the export should be one of: {', '.join(choices)}.", where
            )
        return value

    return read


def _read_points(value: Any, where: str) -> int:
    points = _read_int(value, where)
    if not 1 <= points <= 5:
        raise SchemaError(f"{where} in the export should be points from 1 to 5.", where)
    return points


_READERS: dict[str, Callable[[Any, str], Any]] = {
    "str": _read_str,
    "int": _read_int,
    "bool": _read_bool,
    "strings": _read_strings,
    "object": _read_object,
    "name": _read_name,
    "date": _read_date,
    "time": _read_time,
    "bytes": _read_bytes,
    "any": lambda value, where: value,
    "direction": _read_choice(DIRECTIONS),
    "owed_by": _read_choice(OWERS),
    "points": _read_points,
    "ref": _read_str,
}


def _check_unique(table: Table, rows: list[Row]) -> None:
    for columns in (("uid",), *table.unique):
        seen: dict[tuple, int] = {}
        for index, row in enumerate(rows):
            key = tuple(getattr(row, c) for c in columns)
            if key in seen:
                shown = " and ".join(f"“{c}”" for c in columns)
                raise SchemaError(
                    f"Records {table.name}[{seen[key]}] and {table.name}[{index}] of the export "
                    f"have the same {shown}.",
                    f"{table.name}[{index}]",
                )
            seen[key] = index


def _check_references(snapshot: Snapshot) -> None:
    uids = {table.name: {row.uid for row in getattr(snapshot, table.name)} for table in TABLES}
    for table in TABLES:
        refs = {
            name: kind.split(":")[1] for name, kind in table.kinds.items() if kind.startswith("ref")
        }
        for index, row in enumerate(getattr(snapshot, table.name)):
            for name, target in refs.items():
                value = getattr(row, name)
                if value is not None and value not in uids[target]:
                    where = f"{table.name}[{index}].{name}"
                    raise SchemaError(
                        f"{where} in the export refers to a record of “{target}” that it does "
                        f"not hold.",
                        where,
                    )
