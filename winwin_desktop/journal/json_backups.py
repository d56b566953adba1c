"""Backups in WinWin's JSON, for a journal on a server: it has no file to snapshot with
SQLite's backup API, so ``winwin backup`` writes the whole journal as a WinWin JSON
export instead — read back and checked against the journal before it is kept — and
``winwin restore`` loads one into an empty database. (Whoever runs the server also backs
it up with ``pg_dump``; see the README.)
"""

from __future__ import annotations

import datetime as dt
import os
from dataclasses import dataclass
from pathlib import Path

from winwin_desktop import APP_NAME
from winwin_desktop.formats import winwin_json
from winwin_desktop.journal import exporting
from winwin_desktop.journal.errors import ValidationError
from winwin_desktop.store.connection import JournalError, database, is_server
from winwin_desktop.text import plural

_STAMP = "%Y-%m-%dT%H-%M-%S"
_TABLES = tuple(table.name for table in winwin_json.TABLES)


@dataclass(frozen=True)
class JsonBackup:
    """A verified JSON backup: where, and the live people and interactions in it."""

    path: Path
    people: int
    interactions: int

    def describe(self) -> str:
        return (
            f"{plural(self.people, 'person', 'people')}, "
            f"{plural(self.interactions, 'interaction', 'interactions')}"
        )


def on_server() -> bool:
    """Whether the open journal lives on a database server (backed up as JSON)."""
    return is_server()


def backups_folder() -> Path:
    """Where a server journal's backups go unless told otherwise: ``backups`` in the
    user data folder."""
    from platformdirs import user_data_path

    return user_data_path(APP_NAME, appauthor=False) / "backups"


def take_backup(
    target: str | os.PathLike | None = None, replace: bool = False, now: dt.datetime | None = None
) -> JsonBackup:
    """Write the open journal to ``target`` (a new file, or a folder; by default the
    backups folder) as WinWin JSON, read it back and compare it with the journal; a backup
    that does not match is deleted and :class:`JournalError` says so."""
    now = now or dt.datetime.now()
    path = Path(target).expanduser() if target is not None else backups_folder()
    if path.is_dir() or target is None:
        path = path / f"{_journal_name()}.{now.strftime(_STAMP)}.json"
    if path.exists() and not replace:
        raise ValidationError(
            "target",
            f"{path} already exists; choose another name, or add --force to replace it.",
        )
    exporting.export_journal(exporting.JSON, path, replace=replace)
    try:
        written = winwin_json.loads(path.read_bytes())
    except (winwin_json.SchemaError, OSError) as exc:
        path.unlink(missing_ok=True)
        raise JournalError(
            f"The backup {path} could not be read back, so it was deleted; try again."
        ) from exc
    expected = exporting.read_snapshot()
    for table in _TABLES:
        if len(getattr(written, table)) != len(getattr(expected, table)):
            path.unlink(missing_ok=True)
            raise JournalError(
                f"The backup {path} did not match the journal ({table} changed while it was "
                "written, by another machine perhaps), so it was deleted; try again."
            )
    return _counted(path, written)


def restore_backup(source: str | os.PathLike) -> JsonBackup:
    """Load the WinWin JSON backup ``source`` into the open journal, which must be empty
    (a new database), in one transaction, and check that everything arrived."""
    path = Path(source).expanduser()
    try:
        text = path.read_bytes()
    except OSError as exc:
        raise ValidationError(
            "file", f"{path} cannot be read ({exc.strerror}); check the path."
        ) from exc
    try:
        snapshot = winwin_json.loads(text)
    except winwin_json.SchemaError as exc:
        where = f" (at {exc.where})" if exc.where else ""
        raise ValidationError("file", f"{path}{where}: {exc.message}") from exc
    with database.atomic():  # checked before it is committed: all of it or nothing
        exporting.load_document(snapshot)
        loaded = exporting.read_snapshot()
        for table in _TABLES:
            if len(getattr(loaded, table)) < len(getattr(snapshot, table)):
                raise JournalError(
                    f"The journal would not have received all of {path} ({table}), so nothing "
                    "was restored; check the file with winwin import --dry-run."
                )
    return _counted(path, snapshot)


def _counted(path: Path, snapshot: winwin_json.Snapshot) -> JsonBackup:
    live = winwin_json.without_trash(snapshot)
    return JsonBackup(path, len(live.people), len(live.interactions))


def _journal_name() -> str:
    """The database's name, for backup file names."""
    return Path(str(database.obj.database)).stem or "journal"
