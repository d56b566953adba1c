"""The storage side of copying a whole journal into another one (``journal/copying.py``):
a second database, made and migrated beside the open journal without taking its place,
whether it is empty, and the engine-specific step after rows were written with their
own ids.
"""

from __future__ import annotations

import contextlib
import os
from pathlib import Path

from peewee import Database

from winwin_desktop.store import crypto, migrate, server
from winwin_desktop.store.connection import (
    PRAGMAS,
    JournalDatabase,
    JournalError,
    is_server,
)
from winwin_desktop.store.models import COPIED_MODELS
from winwin_desktop.store.opening import judge_server_journal
from winwin_desktop.store.snapshots import remove_with_sidecars


def new_journal_file(path: Path, passphrase: str | None = None) -> Database:
    """A new journal at ``path`` (absent, or an empty 0-byte file), owner-only, with the
    current schema, connected and not bound to the models (the open journal stays theirs).
    Encrypted with ``passphrase`` when one is given. Anything else at ``path`` is refused
    as it is."""
    if path.is_dir():
        raise JournalError(f"{path} is a folder; give the name of a new journal file.")
    if path.exists() and path.stat().st_size:
        raise JournalError(
            f"{path} already holds data and was left untouched; copy into a new file or an "
            "empty database."
        )
    existed = path.exists()
    try:
        path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        if existed:
            os.chmod(path, 0o600)
        else:
            crypto.create_file(path)
    except OSError as exc:
        raise JournalError(
            f"Cannot create {path} ({exc.strerror}); choose another place for the copy."
        ) from exc
    db = (
        crypto.encrypted_database(path, passphrase)
        if passphrase
        else JournalDatabase(str(path), pragmas=PRAGMAS)
    )
    db.was_empty_file = existed
    try:
        db.connect()
        migrate.migrate(db, path)
    except BaseException:
        discard_journal_file(db)
        raise
    return db


def discard_journal_file(db: Database) -> None:
    """Close ``db`` (made by :func:`new_journal_file`) and leave its path as it was
    before: no file, or the empty file that was there."""
    with contextlib.suppress(Exception):
        db.close()
    path = Path(db.database)
    remove_with_sidecars(path)
    if db.was_empty_file:
        crypto.create_file(path)


def new_server_journal(url: str, password: str | None = None) -> Database:
    """A connection to the database at ``url`` with the current schema (made there if it
    is new), not bound to the models; :class:`JournalError` says in a sentence why not."""
    db = server.connect(url, password)
    try:
        judge_server_journal(db)  # another program's tables, or a newer WinWin's: untouched
        migrate.migrate(db)
    except BaseException:
        db.close()
        raise
    return db


def is_empty(db: Database) -> bool:
    """Whether ``db`` holds no row of any journal table (the trash included)."""
    return not any(model.select().exists(db) for model in COPIED_MODELS)


def after_ids_written(db: Database) -> None:
    """Rows were inserted into ``db`` with their ids given: a server's id sequences must
    then continue after the largest id (SQLite's own keys do by themselves)."""
    if not is_server(db):
        return
    for model in COPIED_MODELS:
        table = model._meta.table_name
        db.execute_sql(
            f"SELECT setval(pg_get_serial_sequence('\"{table}\"', 'id'), "
            f'COALESCE(MAX(id), 1), MAX(id) IS NOT NULL) FROM "{table}"'
        )
