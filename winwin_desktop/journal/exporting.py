"""Taking everything out: the journal read into a plain snapshot, written as JSON, CSV,
Markdown or vCard; and WinWin's own JSON loaded back into an empty journal.

Every file written is readable by its owner only (mode 0600) and appears whole or not at
all: it is written beside its final name and renamed into place.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import os
from collections.abc import Collection, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from peewee import chunked

from winwin_desktop.formats import export_csv, export_markdown, vcard_export, winwin_json
from winwin_desktop.formats.winwin_json import Snapshot
from winwin_desktop.journal.errors import ValidationError
from winwin_desktop.journal.targets import refuse_unsafe_targets
from winwin_desktop.safe_files import replacing
from winwin_desktop.store.models import (
    BaseModel,
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
    database,
)

JSON, CSV, MARKDOWN, VCARD = "json", "csv", "markdown", "vcard"
FORMATS = (JSON, CSV, MARKDOWN, VCARD)
FORMAT_LABELS = {
    JSON: "WinWin JSON (.json)",
    CSV: "CSV spreadsheets (a folder of .csv files)",
    MARKDOWN: "Markdown (.md)",
    VCARD: "vCard 4.0 (.vcf)",
}
# What a user may type for a format on the command line.
FORMAT_ALIASES = {"md": MARKDOWN, "vcf": VCARD}
SUFFIXES = {JSON: ".json", MARKDOWN: ".md", VCARD: ".vcf"}

# Each table of the document, with its model and the columns that hold references:
# (document key, model column, table referred to).
_TABLES: tuple[tuple[str, type[BaseModel], tuple[tuple[str, str, str], ...]], ...] = (
    ("settings", Setting, ()),
    ("tags", Tag, ()),
    ("people", Person, (("introduced_by_uid", "introduced_by", "people"),)),
    (
        "person_tags",
        PersonTag,
        (("person_uid", "person", "people"), ("tag_uid", "tag", "tags")),
    ),
    ("interactions", Interaction, ()),
    (
        "participants",
        Participant,
        (("interaction_uid", "interaction", "interactions"), ("person_uid", "person", "people")),
    ),
    (
        "exchanges",
        Exchange,
        (("interaction_uid", "interaction", "interactions"), ("person_uid", "person", "people")),
    ),
    (
        "promises",
        Promise,
        (("person_uid", "person", "people"), ("interaction_uid", "interaction", "interactions")),
    ),
    ("reflections", Reflection, ()),
    (
        "mentions",
        Mention,
        (("reflection_uid", "reflection", "reflections"), ("person_uid", "person", "people")),
    ),
)
_SCHEMA = {table.name: table for table in winwin_json.TABLES}


@dataclass(frozen=True)
class ExportResult:
    format: str
    paths: list[Path]
    people: int
    interactions: int

    def describe(self) -> str:
        where = (
            str(self.paths[0])
            if len(self.paths) == 1
            else f"{len(self.paths)} files in {self.paths[0].parent}"
        )
        return (
            f"Exported {self.people} {'person' if self.people == 1 else 'people'} and "
            f"{self.interactions} interaction{'' if self.interactions == 1 else 's'} to {where}."
        )


def clean_format(name: str) -> str:
    wanted = (name or "").strip().casefold()
    wanted = FORMAT_ALIASES.get(wanted, wanted)
    if wanted not in FORMATS:
        raise ValidationError(
            "format", f"“{name}” is not an export format; use one of: {', '.join(FORMATS)}."
        )
    return wanted


def read_snapshot(tables: Collection[str] | None = None) -> Snapshot:
    """Every row of the open journal, trash included, with references as uids; only
    the ``tables`` named (and their lists empty) when given."""
    snapshot = Snapshot()
    uids: dict[str, dict[int, str]] = {}
    wanted = [table for table in _TABLES if tables is None or table[0] in tables]
    for name in {target for _, _, refs in wanted for _, _, target in refs}:
        model = next(model for table, model, _ in _TABLES if table == name)
        uids[name] = dict(model.select(model.id, model.uid).tuples())
    for name, model, refs in wanted:
        row_type, columns = _SCHEMA[name].row, _SCHEMA[name].kinds
        reference_columns = {key: (column, target) for key, column, target in refs}
        rows = []
        for record in model.select().order_by(model.id).dicts().iterator():
            values: dict[str, Any] = {
                "uid": record["uid"],
                "created_at": record["created_at"],
                "updated_at": record["updated_at"],
                "deleted_at": record["deleted_at"],
            }
            for key in columns:
                if key in reference_columns:
                    column, target = reference_columns[key]
                    values[key] = uids[target].get(record[column])
                else:
                    values[key] = record[key]
            if name == "reflections" and values["answers"] is None:
                values["answers"] = {}
            if name == "people" and values["photo"] is not None:
                values["photo"] = bytes(values["photo"])
            rows.append(row_type(**values))
        setattr(snapshot, name, rows)
    return snapshot


def export_journal(
    format_name: str, path: str | os.PathLike, replace: bool = False
) -> ExportResult:
    """Write the whole journal to ``path`` (a folder for CSV, a file otherwise).

    Never into the journal, its working files or its backups folder; an existing file
    only when ``replace`` (the user said yes to replacing it)."""
    chosen = clean_format(format_name)
    path = Path(path).expanduser()
    refuse_unsafe_targets([path], replace=replace or chosen == CSV)
    # A vCard holds people only; the other formats need every table but the settings.
    tables = {VCARD: ("people", "tags", "person_tags")}.get(
        chosen, [name for name, _, _ in _TABLES if name != "settings"]
    )
    if chosen == JSON:
        # One table at a time: the largest table, not the journal, is what is in memory.
        text = winwin_json.iter_text_of_tables(lambda name: getattr(read_snapshot([name]), name))
        written = [_write_file(path, text)]
    else:
        snapshot = winwin_json.without_trash(read_snapshot(tables))
        if chosen == MARKDOWN:
            text = export_markdown.iter_markdown(snapshot, dt.date.today())
            written = [_write_file(path, text)]
        elif chosen == VCARD:
            written = [_write_file(path, vcard_export.to_vcards(snapshot), newline="")]
        else:
            written = _write_folder(path, export_csv.iter_csv(snapshot), replace)
    live_people = Person.live().count()
    live_interactions = Interaction.live().count()
    return ExportResult(chosen, written, live_people, live_interactions)


def existing_files(format_name: str, path: str | os.PathLike) -> list[Path]:
    """The files an export to ``path`` would replace (to ask the user first)."""
    chosen = clean_format(format_name)
    path = Path(path).expanduser()
    targets = [path / name for name in export_csv.FILES] if chosen == CSV else [path]
    return [target for target in targets if target.is_file()]


def suggested_name(format_name: str, today: dt.date | None = None) -> str:
    """A file (or folder, for CSV) name for an export made today."""
    day = (today or dt.date.today()).isoformat()
    chosen = clean_format(format_name)
    return f"winwin-{day}{SUFFIXES.get(chosen, '')}" if chosen != CSV else f"winwin-{day}-csv"


# ---- writing files owner-only, whole or not at all -------------------------------------------


def _write_file(path: Path, text: str | Iterable[str], newline: str | None = None) -> Path:
    if path.is_dir():
        raise ValidationError(
            "output", f"{path} is a folder; give the name of the file to write instead."
        )
    _make_folder(path.parent)
    try:
        with (
            replacing(path) as temporary,
            open(temporary, "w", encoding="utf-8", newline=newline) as stream,
        ):
            stream.writelines([text] if isinstance(text, str) else text)
    except OSError as exc:
        raise _unwritable(path, exc) from exc
    return path


def _write_folder(folder: Path, files: dict[str, Iterable[str]], replace: bool) -> list[Path]:
    if folder.exists() and not folder.is_dir():
        raise ValidationError(
            "output", f"{folder} is a file; CSV exports go in a folder, so give a folder's name."
        )
    refuse_unsafe_targets([folder / name for name in files], replace=replace)
    created = not folder.exists()
    _make_folder(folder, mode=0o700)
    new = [folder / name for name in files if not (folder / name).exists()]
    try:
        # The csv module writes its own line endings (CRLF, as spreadsheets expect).
        return [_write_file(folder / name, text, newline="") for name, text in files.items()]
    except BaseException:
        # The files are read from the journal as they are written: one that fails (a
        # damaged row) leaves no part of the export behind.
        for path in new:
            path.unlink(missing_ok=True)
        if created:
            with contextlib.suppress(OSError):
                folder.rmdir()
        raise


def _make_folder(folder: Path, mode: int = 0o777) -> None:
    try:
        folder.mkdir(parents=True, exist_ok=True, mode=mode)
    except OSError as exc:
        raise _unwritable(folder, exc) from exc


def _unwritable(path: Path, exc: OSError) -> ValidationError:
    reason = exc.strerror or str(exc)
    return ValidationError("output", f"Cannot write {path} ({reason}); choose another place.")


# ---- loading WinWin's own JSON into an empty journal --------------------------------------


def load_document(document: Any) -> Snapshot:
    """Write an exported document into the open journal, which must hold no records yet
    (its settings are replaced by the document's). One transaction: all or nothing.

    Raises :class:`~winwin_desktop.formats.winwin_json.SchemaError` for a document that
    cannot be read and :class:`ValidationError` for a journal that is not empty.
    """
    snapshot = document if isinstance(document, Snapshot) else winwin_json.from_document(document)
    for _, model, _ in _TABLES:
        if model is not Setting and model.select().exists():
            raise ValidationError(
                "journal",
                "The journal already has records; load a WinWin export into a new, empty journal.",
            )
    ids: dict[str, dict[str, int]] = {}
    with database.atomic():
        for row in snapshot.settings:
            for old in Setting.select().where(Setting.key == row.key):
                old.delete_instance()
        for name, model, refs in _TABLES:
            # Someone's introducer is another person: set once everyone has an id.
            own = [ref for ref in refs if ref[2] != name]
            rows = [_record(row, own, ids) for row in getattr(snapshot, name)]
            for chunk in chunked(rows, 200):
                model.insert_many(chunk).execute()
            ids[name] = dict(model.select(model.uid, model.id).tuples())
        for person in snapshot.people:
            if person.introduced_by_uid is not None:
                Person.update(introduced_by=ids["people"][person.introduced_by_uid]).where(
                    Person.id == ids["people"][person.uid]
                ).execute()
    return snapshot


def _record(row, refs, ids: dict[str, dict[str, int]]) -> dict[str, Any]:
    values = {key: getattr(row, key) for key in row.__dataclass_fields__}
    values.pop("introduced_by_uid", None)
    for key, column, target in refs:
        uid = values.pop(key)
        values[column] = None if uid is None else ids[target][uid]
    return values


def export_formats() -> list[tuple[str, str]]:
    """(format, label) for the export dialog."""
    return [(name, FORMAT_LABELS[name]) for name in FORMATS]
