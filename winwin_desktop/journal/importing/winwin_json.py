"""Importing WinWin's own JSON export."""

from __future__ import annotations

from pathlib import Path

from peewee import chunked

from winwin_desktop.formats.records import ParsedFile
from winwin_desktop.journal.importing.base import (
    CHUNK,
    NEW,
    PERSON,
    SKIPPED,
    UNCHANGED,
    ImportResult,
    PreviewRow,
    existing,
)
from winwin_desktop.journal.importing.plan import ImportPlan
from winwin_desktop.journal.importing.writing import insert
from winwin_desktop.store import recording
from winwin_desktop.store.models import (
    Exchange,
    Interaction,
    Mention,
    Participant,
    Person,
    PersonTag,
    Promise,
    Reflection,
    Setting,
    Tag,
)

# A WinWin export merges by uid: a row whose uid the journal has is already in it; any other
# row is added with its uid and time stamps, so exporting again gives the same rows. Rows the
# journal allows once (a setting, a tag name, a day's reflection) that it already has are
# kept as the journal has them; tags are then shared by name.

# (table, model, (reference key, column, referenced table), what the preview calls a row)
_WINWIN_TABLES = (
    ("settings", Setting, (), ""),
    ("tags", Tag, (), ""),
    ("people", Person, (("introduced_by_uid", "introduced_by", "people"),), PERSON),
    (
        "person_tags",
        PersonTag,
        (("person_uid", "person", "people"), ("tag_uid", "tag", "tags")),
        "",
    ),
    ("interactions", Interaction, (), "interaction"),
    (
        "participants",
        Participant,
        (("interaction_uid", "interaction", "interactions"), ("person_uid", "person", "people")),
        "",
    ),
    (
        "exchanges",
        Exchange,
        (("interaction_uid", "interaction", "interactions"), ("person_uid", "person", "people")),
        "",
    ),
    (
        "promises",
        Promise,
        (("person_uid", "person", "people"), ("interaction_uid", "interaction", "interactions")),
        "promise",
    ),
    ("reflections", Reflection, (), "reflection"),
    (
        "mentions",
        Mention,
        (("reflection_uid", "reflection", "reflections"), ("person_uid", "person", "people")),
        "",
    ),
)


def _winwin_label(table: str, row) -> str:
    if table == "people":
        return row.name
    if table == "interactions":
        return f"{row.date.isoformat()} {row.title or row.kind}"
    if table == "reflections":
        return row.day.isoformat()
    if table == "promises":
        return row.text[:80]
    return ""


def preview(parsed: ParsedFile) -> ImportPlan:
    snapshot = parsed.document
    rows: list[PreviewRow] = []
    adds: dict[str, list] = {}
    for table, model, _, kind in _WINWIN_TABLES:
        records = getattr(snapshot, table)
        present = existing(model, [r.uid for r in records])
        taken = _taken_keys(table, records)
        adds[table] = []
        for number, record in enumerate(records):
            place = f"{table}[{number}]"
            if record.uid in present:
                status, detail = UNCHANGED, "Already in the journal (same uid)."
            elif (key := _unique_key(table, record)) is not None and key in taken:
                status, detail = SKIPPED, f"The journal already has its own {_what(table, record)}."
            else:
                status, detail = NEW, ""
                adds[table].append(record)
            if kind:
                rows.append(
                    PreviewRow(len(rows), place, kind, _winwin_label(table, record), status, detail)
                )
    plan = ImportPlan(parsed, rows)
    plan._winwin = adds
    return plan


def _unique_key(table: str, record) -> object | None:
    return {
        "settings": lambda r: r.key,
        "tags": lambda r: r.name.casefold(),
        "reflections": lambda r: r.day,
    }.get(table, lambda r: None)(record)


def _what(table: str, record) -> str:
    return {
        "settings": f"setting “{getattr(record, 'key', '')}”",
        "tags": f"tag “{getattr(record, 'name', '')}”",
        "reflections": f"reflection of {getattr(record, 'day', '')}",
    }[table]


def _taken_keys(table: str, records: list) -> set:
    if table == "settings":
        return {row.key for row in Setting.select(Setting.key)}
    if table == "tags":
        return {row.name.casefold() for row in Tag.select(Tag.name)}
    if table == "reflections":
        days = [r.day for r in records]
        found = set()
        for chunk in chunked(days, CHUNK):
            query = Reflection.select(Reflection.day).where(Reflection.day.in_(chunk))
            found |= {row.day for row in query}
        return found
    return set()


def apply(plan: ImportPlan) -> ImportResult:
    result = ImportResult()
    adds = getattr(plan, "_winwin", {})
    if not any(adds.values()):
        return result
    with recording(f"Import {Path(plan.file).name}"):
        ids: dict[str, dict[str, int]] = {}
        tag_ids = {name.casefold(): i for i, name in Tag.select(Tag.id, Tag.name).tuples()}
        for table, model, refs, _ in _WINWIN_TABLES:
            records = getattr(plan.parsed.document, table)
            ids[table] = dict(_uid_ids(model, [r.uid for r in records]))
            if table == "tags":
                for record in records:
                    ids[table].setdefault(record.uid, tag_ids.get(record.name.casefold()))
            rows = []
            for record in adds[table]:
                values = {k: getattr(record, k) for k in record.__dataclass_fields__}
                complete = True
                for key, column, target in refs:
                    uid = values.pop(key)
                    if target == table:  # an introducer: set below, once everyone has an id
                        continue
                    values[column] = None if uid is None else ids[target].get(uid)
                    if uid is not None and values[column] is None:
                        complete = False  # hangs on a row that was not imported
                if complete:
                    rows.append(values)
            ids[table].update(insert(model, rows))
            if table == "people":
                result.people_added += len(rows)
            elif table == "interactions":
                result.interactions_added += len(rows)
            elif table == "reflections":
                result.reflections_changed += len(rows)
        # Rows new in this very change: undo deletes them whatever is set here.
        for record in adds["people"]:
            introducer = ids["people"].get(record.introduced_by_uid or "")
            if introducer and record.uid in ids["people"]:
                Person.update(introduced_by=introducer).where(
                    Person.id == ids["people"][record.uid]
                ).execute()
    return result


def _uid_ids(model, uids: list[str]) -> list[tuple[str, int]]:
    found = []
    for chunk in chunked(uids, CHUNK):
        query = model.select(model.uid, model.id).where(model.uid.in_(chunk))
        found.extend(query.tuples())
    return found
