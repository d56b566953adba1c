"""Opening a journal file: location, pragmas, schema migrations, snapshots."""

from __future__ import annotations

import datetime as dt
import os
import re
import sqlite3
from pathlib import Path

from peewee import DatabaseError, SqliteDatabase
from playhouse.migrations import Migration, Runner

from winwin_desktop import APP_NAME
from winwin_desktop.store import aggregates, search_index
from winwin_desktop.store.models import database

MIGRATIONS = Path(__file__).with_name("migrations")
HISTORY_TABLE = "schema_migration"
MIGRATION_NAME = re.compile(r"\d+_\w+")
SQLITE_HEADER = b"SQLite format 3\x00"
# Journals up to this size (file and WAL) are checked whole, read-only, before they are
# opened: a few milliseconds per megabyte. Larger ones rely on `winwin check` and the
# verified snapshots, so that opening stays fast.
QUICK_CHECK_MAX_BYTES = 64 * 1024 * 1024

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


def default_journal_path() -> Path:
    """``WINWIN_DB`` if set, else ``journal.db`` in the user data folder."""
    if env := os.environ.get("WINWIN_DB"):
        return Path(env).expanduser()
    from platformdirs import user_data_path

    return user_data_path(APP_NAME, appauthor=False) / "journal.db"


def open_journal(path: str | os.PathLike, passphrase: str | None = None) -> SqliteDatabase:
    """Open (creating if needed) the journal at ``path`` and bring its schema up to date.

    Never writes to a file it cannot recognise as a WinWin journal. An encrypted journal
    needs its ``passphrase`` (``crypto.WrongPassphrase``, ``crypto.PassphraseRequired``);
    a new journal given a passphrase is created encrypted; a plain one ignores it.
    """
    from winwin_desktop.store import crypto  # SQLCipher itself loads only when needed

    path = Path(path).expanduser().absolute()
    close_journal()
    if crypto.looks_encrypted(path) or (
        passphrase and not (path.is_file() and path.stat().st_size)
    ):
        db = crypto.open_encrypted(path, passphrase)
    else:
        check_location(path)
        _check_is_journal(path)
        db = JournalDatabase(str(path), pragmas=PRAGMAS)
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


def data_version(db: SqliteDatabase | None = None) -> int | None:
    """A number that changes whenever another connection (another process: the command
    line, say) commits to the journal; None when no journal is open."""
    db = db or database.obj
    if db is None or db.is_closed():
        return None
    return db.execute_sql("PRAGMA data_version").fetchone()[0]


def shipped_migrations() -> list[str]:
    """The names of the migration scripts this build of WinWin has, in order."""
    return [m.name for m in Migration.load_directory(str(MIGRATIONS))]


def applied_migrations(db: SqliteDatabase) -> list[str]:
    return [
        m.name for m in Runner(db, str(MIGRATIONS), table_name=HISTORY_TABLE).status() if m.applied
    ]


def backup_to(
    target: str | os.PathLike, db: SqliteDatabase | None = None, own_connection: bool = False
) -> Path:
    """Write a consistent snapshot of the open journal with SQLite's online backup API.

    With ``own_connection`` the journal is read through a connection of its own, made
    here, so that the snapshot can be taken in another thread while the window goes on
    using the journal (WAL lets it write meanwhile)."""
    db = db or database.obj
    target = Path(target)
    target.parent.mkdir(parents=True, exist_ok=True)
    passphrase = getattr(db, "encrypted", False) and db.passphrase
    if passphrase:
        from winwin_desktop.store import crypto

        dest = crypto.connect(target, passphrase)  # a snapshot encrypted with the same key
    else:
        dest = sqlite3.connect(str(target))
    source = None
    try:
        if own_connection:
            journal = Path(db.database).absolute()
            if passphrase:
                source = crypto.connect(journal, passphrase, read_only=True)
            else:
                source = sqlite3.connect(f"{journal.as_uri()}?mode=ro", uri=True)
        if copy_verified(source or db.connection(), dest) is not None:
            raise JournalError(
                f"The snapshot {target} did not verify; the journal was not changed."
            )
    finally:
        dest.close()
        if source is not None:
            source.close()
    return target


def copy_verified(reader, writer) -> str | None:
    """Copy ``reader``'s database into ``writer`` with SQLite's backup API, then check
    the copy: None when ``integrity_check`` says ok, else its first problem."""
    reader.backup(writer)
    result = writer.execute("PRAGMA integrity_check").fetchone()[0]
    return None if result == "ok" else result


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


def check_location(path: Path) -> None:
    """Refuse, before anything is opened, a folder, a place that cannot be written and a
    file that is plainly not an SQLite database; create the journal's folder if needed."""
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
                head = f.read(100)
            if head[:16] != SQLITE_HEADER:
                if plain_header_fields(head):
                    raise DamagedJournal(
                        path, "is damaged (its first bytes are overwritten)", RESTORE_ADVICE
                    )
                raise DamagedJournal(
                    path, "is not a WinWin journal", "open another file with --db."
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
    except sqlite3.DatabaseError as exc:
        raise DamagedJournal(path, f"is damaged ({exc})", RESTORE_ADVICE) from exc
    # Damaged text must not stop the look: it reads as U+FFFD and is judged below.
    con.text_factory = lambda value: value.decode(errors="replace")
    try:
        judge_journal(con, path, (sqlite3.DatabaseError,))
    finally:
        con.close()


def judge_journal(con, path: Path, errors: tuple[type[Exception], ...]) -> None:
    """Refuse, as it is, a database of another program, a damaged journal or one written
    by a newer WinWin. ``con`` is a read-only connection to ``path`` (plain or
    encrypted); ``errors`` are its driver's database errors."""
    try:
        tables = {
            row[0] for row in con.execute("SELECT name FROM sqlite_master WHERE type='table'")
        }
        if tables and HISTORY_TABLE not in tables:
            raise DamagedJournal(
                path, "is a database of another program", "open another file with --db."
            )
        problems = _quick_check(con, path)
        applied = (
            {row[0] for row in con.execute(f"SELECT name FROM {HISTORY_TABLE}")}
            if tables
            else set()
        )
    except UnicodeDecodeError as exc:  # SQLite's message quotes the damaged bytes
        raise DamagedJournal(path, "is damaged", RESTORE_ADVICE) from exc
    except errors as exc:
        raise DamagedJournal(path, f"is damaged ({exc})", RESTORE_ADVICE) from exc
    unknown = applied - set(shipped_migrations())
    if not problems and any(not MIGRATION_NAME.fullmatch(name) for name in unknown):
        problems = ["its history of schema changes is unreadable"]
    if problems:
        raise DamagedJournal(path, f"is damaged ({problems[0]})", RESTORE_ADVICE)
    if unknown:
        raise JournalError(f"{path} was written by a newer WinWin; update WinWin to open it.")


def _quick_check(con: sqlite3.Connection, path: Path) -> list[str]:
    size = sum(p.stat().st_size for p in (path, Path(f"{path}-wal")) if p.exists())
    if size > QUICK_CHECK_MAX_BYTES:
        return []
    from winwin_desktop.store.crypto import damaged_pages

    if damaged := damaged_pages(con):
        return damaged
    return [
        " ".join(row[0].replace("*** in database main ***", "").split())
        for row in con.execute("PRAGMA quick_check")
        if row[0] != "ok"
    ]


def _migrate(db: SqliteDatabase, path: Path) -> None:
    runner = Runner(db, str(MIGRATIONS), table_name=HISTORY_TABLE)
    status = runner.status()
    pending = [m for m in status if not m.applied and m.path]
    if not pending:
        if not _triggers_installed(db):
            # Stopped (killed, power cut) after the migrations and before the triggers.
            aggregates.install(db)
            search_index.install(db)
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


def _triggers_installed(db: SqliteDatabase) -> bool:
    present = {
        row[0] for row in db.execute_sql("SELECT name FROM sqlite_master WHERE type = 'trigger'")
    }
    expected = set(aggregates.TRIGGERS) | {
        statement.split()[2] for statement in search_index.trigger_statements()
    }
    return expected <= present
