"""The journal's connection: the database proxy every model is bound to, the pragmas,
the plain-SQLite connection class, and the errors a journal file can raise.

Nothing here knows about encryption, migrations or snapshots; those sit above it.
"""

from __future__ import annotations

import sqlite3
import sys
from pathlib import Path

from peewee import DatabaseProxy, SqliteDatabase

# Bound to the open journal by ``opening.open_journal``; None while no journal is open.
database = DatabaseProxy()

SQLITE_HEADER = b"SQLite format 3\x00"

PRAGMAS = {
    "journal_mode": "wal",
    "foreign_keys": 1,
    # A save the UI has confirmed survives a power cut.
    "synchronous": 2,
    "busy_timeout": 5000,
}

RESTORE_ADVICE = (
    "start WinWin to restore its latest backup (or run `winwin restore SNAPSHOT`), "
    "or open another file with --db."
)


class JournalError(Exception):
    """A journal that cannot be opened or written; the message is for the user."""


class DamagedJournal(JournalError):
    """A file that is damaged or is not a WinWin journal. It was not written to; the
    window offers to restore a backup in its place, to open another journal, or to quit.

    ``problem`` says what is wrong in words that follow the file's name ("is damaged (…)").
    """

    def __init__(self, path: Path, problem: str, advice: str) -> None:
        super().__init__(f"{path} {problem} and was left untouched; {advice}")
        self.path = path
        self.problem = problem


class JournalDatabase(SqliteDatabase):
    """The journal's connection. SQLite ends a transaction by itself on some errors (a
    full disk, an I/O error): rolling back then would fail with "no transaction is
    active" and hide the error the user needs to see, so there is nothing more to do."""

    def rollback(self) -> None:
        if not self.is_closed() and not self.connection().in_transaction:
            return
        super().rollback()


def sql_errors() -> tuple[type[BaseException], ...]:
    """The database errors to catch: sqlite3's, and SQLCipher's once it is loaded."""
    loaded = sys.modules.get("sqlcipher3.dbapi2")
    return (sqlite3.Error, loaded.Error) if loaded else (sqlite3.Error,)


def connect_plain(path: Path, read_only: bool = False) -> sqlite3.Connection:
    """A bare sqlite3 connection to a plain file (read-only: nothing can be written,
    and no file is created)."""
    if read_only:
        return sqlite3.connect(f"{Path(path).absolute().as_uri()}?mode=ro", uri=True)
    return sqlite3.connect(path, timeout=5)


def data_version(db: SqliteDatabase | None = None) -> int | None:
    """A number that changes whenever another connection (another process: the command
    line, say) commits to the journal; None when no journal is open."""
    db = db or database.obj
    if db is None or db.is_closed():
        return None
    return db.execute_sql("PRAGMA data_version").fetchone()[0]


def plain_header_fields(head: bytes) -> bool:
    """SQLite's header after the magic string: file format versions 1 or 2 (bytes 18
    and 19) and the payload fractions 64, 32, 32 (bytes 21 to 23), which never change.
    Random bytes (an encrypted journal's) match all five about once in 10^12."""
    return (
        len(head) >= 24
        and head[18] in (1, 2)
        and head[19] in (1, 2)
        and head[21:24] == b"\x40\x20\x20"
    )
