"""The journal's connection: the database proxy every model is bound to, the pragmas,
the plain-SQLite connection class, and the errors a journal file can raise.

Nothing here knows about encryption, migrations or snapshots; those sit above it.
"""

from __future__ import annotations

import contextlib
import errno
import os
import shutil
import sqlite3
import sys
from collections.abc import Iterator
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

# A journal that can only be read is opened without switching its journal mode.
READ_ONLY_PRAGMAS = {key: value for key, value in PRAGMAS.items() if key != "journal_mode"}

DISK_FULL = "The disk is full: free some space, then try again; nothing was changed."

_SQLITE_FULL, _SQLITE_IOERR = 13, 10

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
        self.advice = advice


class JournalGone(JournalError):
    """The journal's file was deleted or replaced by another program while it was open:
    a write would go into a file nobody will see again, so none is made."""

    def __init__(self, path: Path, what: str) -> None:
        super().__init__(
            f"The journal file {path} was {what} by another program while WinWin had it "
            "open; nothing was saved. Save the journal WinWin still holds to a new file."
        )
        self.path = path


class DiskFull(JournalError):
    """The disk (or the quota) is full: nothing was written, nothing is damaged."""

    def __init__(self) -> None:
        super().__init__(DISK_FULL)


class ReadOnlyJournal(JournalError):
    """The journal can be read but not written (a read-only disk, its permissions)."""

    def __init__(self, path: Path) -> None:
        super().__init__(
            f"{path} can only be read here (its disk or folder cannot be written); "
            "reading and exporting work, changes are not possible."
        )
        self.path = path


class JournalDatabase(SqliteDatabase):
    """The journal's connection. SQLite ends a transaction by itself on some errors (a
    full disk, an I/O error): rolling back then would fail with "no transaction is
    active" and hide the error the user needs to see, so there is nothing more to do.

    ``read_only``: the file can only be read; it is opened so that nothing is written
    (not even SQLite's -shm file where the folder cannot be written)."""

    read_only = False

    def _connect(self):
        if not self.read_only:
            return super()._connect()
        conn = sqlite3.connect(
            read_only_uri(Path(self.database)),
            uri=True,
            timeout=self._timeout,
            isolation_level=None,
            **self.connect_params,
        )
        try:
            self._add_conn_hooks(conn)
        except Exception:
            conn.close()
            raise
        return conn

    def rollback(self) -> None:
        if not self.is_closed() and not self.connection().in_transaction:
            return
        super().rollback()


def is_server(db=None) -> bool:
    """Whether ``db`` (by default the open journal) lives on a database server
    (PostgreSQL) rather than in a SQLite file: the few engine-specific steps branch on it."""
    db = db if db is not None else database.obj
    return db is not None and not isinstance(db, SqliteDatabase)


def true_literal(db=None) -> str:
    """How SQL written by hand says "true" to ``db``: 1 to SQLite (as every journal's
    schema has always said it), TRUE to PostgreSQL (whose booleans are not integers)."""
    return "TRUE" if is_server(db) else "1"


@contextlib.contextmanager
def write_transaction() -> Iterator[None]:
    """One user action's writes, in one transaction, on either engine."""
    db = database.obj
    if is_server(db):
        with db.saving():
            yield
        return
    # IMMEDIATE: take the write lock at the start, waiting out another writer (the
    # command line, say) for the busy timeout; a deferred transaction that read first
    # would fail at once when it came to write.
    with database.atomic("IMMEDIATE"):
        yield


def sql_errors() -> tuple[type[BaseException], ...]:
    """The database errors to catch: sqlite3's, and SQLCipher's once it is loaded."""
    loaded = sys.modules.get("sqlcipher3.dbapi2")
    return (sqlite3.Error, loaded.Error) if loaded else (sqlite3.Error,)


def connect_plain(path: Path, read_only: bool = False) -> sqlite3.Connection:
    """A bare sqlite3 connection to a plain file (read-only: nothing can be written,
    and no file is created)."""
    if read_only:
        return sqlite3.connect(read_only_uri(Path(path)), uri=True)
    return sqlite3.connect(path, timeout=5)


def read_only_uri(path: Path) -> str:
    uri = f"{path.absolute().as_uri()}?mode=ro"
    if not os.access(path.parent, os.W_OK) and not Path(f"{path}-shm").exists():
        # A read-only disk: SQLite could not make the -shm file it reads a WAL journal
        # with, and nothing can write there meanwhile.
        uri += "&immutable=1"
    return uri


def cannot_write(path: Path) -> bool:
    """Whether the existing journal at ``path`` can only be read: its file, or the folder
    where SQLite keeps its -wal and -shm files, cannot be written."""
    return path.exists() and not (os.access(path, os.W_OK) and os.access(path.parent, os.W_OK))


def disk_full(error: BaseException, path: Path | None = None) -> bool:
    """Whether ``error`` (or what it wraps) comes from a full disk: SQLite's "database or
    disk is full", ENOSPC, or an I/O error where the disk has no room left."""
    seen: list[BaseException] = []
    pending = [error]
    while pending:
        current = pending.pop()
        if current is None or current in seen:
            continue
        seen.append(current)
        pending += [current.__cause__, current.__context__]
        pending += [arg for arg in current.args if isinstance(arg, BaseException)]
    for current in seen:
        code = getattr(current, "sqlite_errorcode", None)
        if code is not None and code & 0xFF == _SQLITE_FULL:
            return True
        if isinstance(current, OSError) and current.errno in (errno.ENOSPC, errno.EDQUOT):
            return True
        if "disk is full" in str(current):
            return True
    if path is not None and any(
        (getattr(current, "sqlite_errorcode", 0) or 0) & 0xFF == _SQLITE_IOERR
        or "disk I/O error" in str(current)
        for current in seen
    ):
        try:
            return shutil.disk_usage(Path(path).parent).free < 1024 * 1024
        except OSError:
            return False
    return False


def remember_file(db: SqliteDatabase) -> None:
    """Note which file ``db`` opened, to notice later that it was deleted or replaced."""
    found = os.stat(db.database)
    db.file_identity = (found.st_dev, found.st_ino)


def file_gone(db: SqliteDatabase | None = None) -> str | None:
    """ "deleted" or "replaced" when the open journal's path no longer holds the file
    that was opened; None while it does (or no journal is open)."""
    db = db or database.obj
    identity = getattr(db, "file_identity", None)
    if db is None or identity is None or db.is_closed():
        return None
    try:
        found = os.stat(db.database)
    except FileNotFoundError:
        return "deleted"
    except OSError:
        return None
    return None if (found.st_dev, found.st_ino) == identity else "replaced"


def refuse_if_gone() -> None:
    """Before a write: :class:`ReadOnlyJournal` for a journal that can only be read,
    :class:`JournalGone` for one whose file was deleted or replaced."""
    if getattr(database.obj, "read_only", False):
        raise ReadOnlyJournal(Path(database.obj.database))
    if what := file_gone():
        raise JournalGone(Path(database.obj.database), what)


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
