"""Opening a journal file: location, pragmas, schema migrations, snapshots."""

from __future__ import annotations

import datetime as dt
import os
import sqlite3
from pathlib import Path

from peewee import DatabaseError, SqliteDatabase
from playhouse.migrations import Runner

from winwin_desktop import APP_NAME
from winwin_desktop.store import aggregates, search_index
from winwin_desktop.store.models import database

MIGRATIONS = Path(__file__).with_name("migrations")
HISTORY_TABLE = "schema_migration"
SQLITE_HEADER = b"SQLite format 3\x00"

PRAGMAS = {
    "journal_mode": "wal",
    "foreign_keys": 1,
    # A save the UI has confirmed survives a power cut.
    "synchronous": 2,
    "busy_timeout": 5000,
}


class JournalError(Exception):
    """A journal that cannot be opened or written; the message is for the user."""


def default_journal_path() -> Path:
    """``WINWIN_DB`` if set, else ``journal.db`` in the user data folder."""
    if env := os.environ.get("WINWIN_DB"):
        return Path(env).expanduser()
    from platformdirs import user_data_path

    return user_data_path(APP_NAME, appauthor=False) / "journal.db"


def open_journal(path: str | os.PathLike) -> SqliteDatabase:
    """Open (creating if needed) the journal at ``path`` and bring its schema up to date.

    Never writes to a file it cannot recognise as a WinWin journal.
    """
    path = Path(path).expanduser().absolute()
    close_journal()
    _check_location(path)
    _check_is_journal(path)
    db = SqliteDatabase(str(path), pragmas=PRAGMAS)
    try:
        db.connect()
        _migrate(db, path)
    except DatabaseError as exc:
        db.close()
        raise JournalError(f"{path} could not be opened as a journal ({exc}).") from exc
    except JournalError:
        db.close()
        raise
    database.initialize(db)
    return db


def close_journal() -> None:
    if database.obj is not None and not database.is_closed():
        database.close()


def applied_migrations(db: SqliteDatabase) -> list[str]:
    return [
        m.name for m in Runner(db, str(MIGRATIONS), table_name=HISTORY_TABLE).status() if m.applied
    ]


def backup_to(target: str | os.PathLike, db: SqliteDatabase | None = None) -> Path:
    """Write a consistent snapshot of the open journal with SQLite's online backup API."""
    db = db or database.obj
    target = Path(target)
    target.parent.mkdir(parents=True, exist_ok=True)
    dest = sqlite3.connect(str(target))
    try:
        db.connection().backup(dest)
        if dest.execute("PRAGMA integrity_check").fetchone()[0] != "ok":
            raise JournalError(
                f"The snapshot {target} did not verify; the journal was not changed."
            )
    finally:
        dest.close()
    return target


def _check_location(path: Path) -> None:
    if path.is_dir():
        raise JournalError(f"{path} is a folder; give the path of a journal file instead.")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise JournalError(
            f"Cannot create the folder {path.parent} ({exc.strerror}); choose another location with --db."
        ) from exc
    if path.exists():
        if path.stat().st_size:
            with path.open("rb") as f:
                if f.read(16) != SQLITE_HEADER:
                    raise JournalError(
                        f"{path} is not a WinWin journal; open another file with --db."
                    )
        if not os.access(path, os.R_OK | os.W_OK):
            raise JournalError(f"{path} cannot be written; check its permissions or use --db.")
    elif not os.access(path.parent, os.W_OK):
        raise JournalError(f"Cannot write in {path.parent}; choose another location with --db.")


def _check_is_journal(path: Path) -> None:
    """Look (read-only, changing nothing) at an existing file before any pragma touches it."""
    if not path.exists() or not path.stat().st_size:
        return
    try:
        con = sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True)
        try:
            tables = {
                row[0] for row in con.execute("SELECT name FROM sqlite_master WHERE type='table'")
            }
        finally:
            con.close()
    except sqlite3.DatabaseError as exc:
        raise JournalError(
            f"{path} could not be read as a journal ({exc}); it was left untouched."
        ) from exc
    if tables and HISTORY_TABLE not in tables:
        raise JournalError(f"{path} is a database of another program; open another file with --db.")


def _migrate(db: SqliteDatabase, path: Path) -> None:
    runner = Runner(db, str(MIGRATIONS), table_name=HISTORY_TABLE)
    status = runner.status()
    pending = [m for m in status if not m.applied and m.path]
    if not pending:
        return
    if any(m.applied for m in status):
        # An existing journal: keep a verified copy before changing its schema.
        stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
        backup_to(path.with_name(f"{path.stem}.before-{pending[0].name}-{stamp}.db"), db)
    # The search index's triggers name other tables, which a migration may rebuild: they
    # are set aside while the scripts run, then installed for the new schema.
    search_index.drop_triggers(db)
    aggregates.drop_triggers(db)
    runner.up()
    aggregates.install(db)
    search_index.install(db)
