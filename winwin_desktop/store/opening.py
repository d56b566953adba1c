"""Opening and closing a journal: where it is, the read-only look before anything touches
it, a plain or an encrypted connection (or one to a PostgreSQL server), and its schema
brought up to date.

This sits above every kind of connection (``connection`` for plain SQLite, ``crypto``
for SQLCipher, ``server`` for PostgreSQL) and binds the one it opens to the models'
database proxy. A journal's location is a file's path or a server's URL
(``server.is_url``); everything about files (their folder, permissions, integrity check,
snapshots) is for files only.
"""

from __future__ import annotations

import contextlib
import os
from pathlib import Path

from peewee import Database, DatabaseError

from winwin_desktop import APP_NAME
from winwin_desktop.store import crypto, migrate, server, snapshots, verified
from winwin_desktop.store.connection import (
    PRAGMAS,
    READ_ONLY_PRAGMAS,
    RESTORE_ADVICE,
    SQLITE_HEADER,
    DamagedJournal,
    DiskFull,
    JournalDatabase,
    JournalError,
    cannot_write,
    connect_plain,
    database,
    disk_full,
    is_server,
    plain_header_fields,
    remember_file,
    sql_errors,
)

# Journals up to this size (file and WAL) are checked whole (integrity_check), read-only,
# before they are opened, once per state of the file (store/verified.py): tens of
# milliseconds per megabyte. Larger ones are checked on a thread of their own once open,
# and their first write waits for the verdict, so that opening stays fast.
QUICK_CHECK_MAX_BYTES = 64 * 1024 * 1024


def default_journal_path() -> Path | str:
    """``WINWIN_DB`` if set (a path, or a server's URL), else ``journal.db`` in the user
    data folder."""
    if env := os.environ.get("WINWIN_DB"):
        return env if server.is_url(env) else Path(env).expanduser()
    from platformdirs import user_data_path

    return user_data_path(APP_NAME, appauthor=False) / "journal.db"


def open_journal(
    path: str | os.PathLike, passphrase: str | None = None, check_later: bool = False
) -> Database:
    """Open (creating if needed) the journal at ``path`` and bring its schema up to date.

    Never writes to a file it cannot recognise as a WinWin journal. An encrypted journal
    needs its ``passphrase`` (``crypto.WrongPassphrase``, ``crypto.PassphraseRequired``);
    a new journal given a passphrase is created encrypted; a plain one ignores it.
    ``path`` may be a server's URL instead (:func:`open_on_server`). A journal too big
    to check before it opens is checked on a thread at once, or with ``check_later``
    once ``verified.start_check`` is called (or the first write waits for it).
    """
    if server.is_url(path):
        return open_on_server(str(path), passphrase)
    path = Path(path).expanduser().absolute()
    close_journal()
    if crypto.looks_encrypted(path) or (
        passphrase and not (path.is_file() and path.stat().st_size)
    ):
        db = _open_encrypted(path, passphrase)
    else:
        check_location(path)
        _check_is_journal(path)
        if cannot_write(path):
            db = JournalDatabase(str(path), pragmas=READ_ONLY_PRAGMAS)
            db.read_only = True
        else:
            if not path.exists():
                crypto.create_file(path)  # owner-only from the start; -wal and -shm follow
            db = JournalDatabase(str(path), pragmas=PRAGMAS)
    if not getattr(db, "read_only", False):
        make_private(path)
    try:
        db.connect()
        remember_file(db)
        if getattr(db, "read_only", False):
            if not migrate.is_current(db):
                raise JournalError(
                    f"{path} can only be read here and was written by an older WinWin; "
                    "open it where it can be written once, to bring it up to date."
                )
        else:
            migrate.migrate(db, path)
    except DatabaseError as exc:
        db.close()
        if disk_full(exc, path):
            raise DiskFull() from exc
        raise JournalError(f"{path} could not be opened as a journal ({exc}).") from exc
    except JournalError:
        db.close()
        raise
    database.initialize(db)
    if not getattr(db, "read_only", False):
        verified.check_in_background(
            path,
            lambda: snapshots.connect_file(path, read_only=True, passphrase=passphrase),
            whole_file_problems,
            start=not check_later,
        )
    if crypto.passphrase_of(db):
        # Before anything else: no plain copy may stay beside an encrypted journal.
        with contextlib.suppress(OSError):
            snapshots.finish_protecting(path, passphrase)
    return db


def open_on_server(url: str, passphrase: str | None = None, *, create: bool = True) -> Database:
    """Open the journal in the PostgreSQL database at ``url`` and bring its schema up to
    date. An empty database becomes a new journal (``db.created``) unless ``create`` is
    False. A passphrase is refused: on a server, TLS and the server's own disk encryption
    protect the journal instead."""
    close_journal()
    if passphrase:
        raise JournalError(
            "A journal on a PostgreSQL server has no passphrase (TLS and the server's disk "
            "encryption protect it); leave the passphrase out."
        )
    db = server.connect(url)
    try:
        if judge_server_journal(db) and not create:
            raise server.ServerError(
                f"{server.capital(db.where)} holds no journal yet and was left empty; "
                "a writing command (winwin person add …) or winwin copy-to makes one there."
            )
        # Made by this client, not by another one opening the empty database meanwhile.
        db.created = migrate.FIRST_MIGRATION in migrate.migrate(db)
    except DatabaseError as exc:
        db.close()
        raise server.opening_error(db, exc) from exc
    except JournalError:
        db.close()
        raise
    database.initialize(db)
    return db


def judge_server_journal(db: server.ServerDatabase) -> bool:
    """Refuse, leaving it as it is, a database holding another program's tables or a
    journal written by a newer WinWin. True for an empty database (no journal yet)."""
    tables = set(db.get_tables())
    if tables and migrate.HISTORY_TABLE not in tables:
        raise server.ServerError(
            f"{server.capital(db.where)} holds another program's tables and was "
            "left untouched; give WinWin an empty database of its own."
        )
    unknown = set(migrate.applied_migrations(db)) - set(migrate.shipped_migrations())
    if unknown:
        raise server.ServerError(
            f"The journal in {db.where} was written by a newer WinWin; update WinWin to open it."
        )
    return not tables


def close_journal() -> None:
    if database.obj is not None and not database.is_closed():
        database.close()
        if not is_server(database.obj):
            verified.closed(Path(database.obj.database))


def forget_journal() -> None:
    """Close the journal and unbind it, passphrase included: nothing of it can be read
    or written until it is opened again."""
    close_journal()
    database.initialize(None)


def make_private(path: Path) -> None:
    """Make the journal and its -wal, -shm files readable by their owner only (a journal
    made by an older WinWin, or copied in, may be readable by everyone)."""
    for file in (path, Path(f"{path}-wal"), Path(f"{path}-shm")):
        try:
            if file.stat().st_mode & 0o077:
                os.chmod(file, 0o600)
        except OSError:
            continue  # not there, or not ours: the open itself says what matters


def check_location(path: Path) -> None:
    """Refuse, before anything is opened, a folder, a place that cannot be written and a
    file that is plainly not an SQLite database; create the journal's folder if needed."""
    if path.is_dir():
        raise JournalError(f"{path} is a folder; give the path of a journal file instead.")
    try:
        # A folder WinWin creates is its owner's only (the journal's backups go there too).
        path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
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
        if not os.access(path, os.R_OK):
            raise JournalError(f"{path} cannot be read; check its permissions or use --db.")
    elif not os.access(path.parent, os.W_OK):
        raise JournalError(f"Cannot write in {path.parent}; choose another location with --db.")


def _check_is_journal(path: Path) -> None:
    """Look (read-only, changing nothing) at an existing file before any pragma touches it."""
    if not path.exists() or not path.stat().st_size:
        return
    try:
        con = connect_plain(path, read_only=True)
    except sql_errors() as exc:
        if disk_full(exc, path):
            raise DiskFull() from exc
        raise DamagedJournal(path, f"is damaged ({exc})", RESTORE_ADVICE) from exc
    # Damaged text must not stop the look: it reads as U+FFFD and is judged below.
    con.text_factory = lambda value: value.decode(errors="replace")
    try:
        judge_journal(con, path)
    finally:
        con.close()


def judge_journal(con, path: Path) -> None:
    """Refuse, as it is, a database of another program, a damaged journal or one written
    by a newer WinWin. ``con`` is a read-only connection to ``path`` (plain or
    encrypted)."""
    try:
        tables = {
            row[0] for row in con.execute("SELECT name FROM sqlite_master WHERE type='table'")
        }
        if tables and migrate.HISTORY_TABLE not in tables:
            raise DamagedJournal(
                path, "is a database of another program", "open another file with --db."
            )
        problems = _quick_check(con, path)
        applied = (
            {row[0] for row in con.execute(f"SELECT name FROM {migrate.HISTORY_TABLE}")}
            if tables
            else set()
        )
    except UnicodeDecodeError as exc:  # SQLite's message quotes the damaged bytes
        raise DamagedJournal(path, "is damaged", RESTORE_ADVICE) from exc
    except sql_errors() as exc:
        if disk_full(exc, path):
            raise DiskFull() from exc
        raise DamagedJournal(path, f"is damaged ({exc})", RESTORE_ADVICE) from exc
    unknown = applied - set(migrate.shipped_migrations())
    if not problems and any(not migrate.MIGRATION_NAME.fullmatch(name) for name in unknown):
        problems = ["its history of schema changes is unreadable"]
    if problems:
        raise DamagedJournal(path, f"is damaged ({problems[0]})", RESTORE_ADVICE)
    if unknown:
        raise JournalError(f"{path} was written by a newer WinWin; update WinWin to open it.")


def _quick_check(con, path: Path) -> list[str]:
    """The whole-file check before anything is written: ``integrity_check``, which
    (unlike ``quick_check``) finds a damaged index, unless this state of the file passed
    it already (``verified``)."""
    if verified.is_recorded(path):
        verified.found_sound(path)
        return []
    size = sum(p.stat().st_size for p in (path, Path(f"{path}-wal")) if p.exists())
    if size > QUICK_CHECK_MAX_BYTES:
        verified.check_once_open(path)
        return []
    problems = whole_file_problems(con)
    if problems:
        verified.found_damaged(path)
    else:
        verified.found_sound(path)
    return problems


def whole_file_problems(con) -> list[str]:
    """What SQLCipher's page check, or else ``integrity_check``, finds wrong in the
    database of ``con``: an empty list when it is sound."""
    return crypto.damaged_pages(con) or [
        " ".join(row[0].replace("*** in database main ***", "").split())
        for row in con.execute("PRAGMA integrity_check")
        if row[0] != "ok"
    ]


def _open_encrypted(path: Path, passphrase: str | None) -> JournalDatabase:
    """The (not yet connected) database of the encrypted journal at ``path``, after a
    read-only look like the one given to plain journals; a new journal when there is no
    file. :class:`crypto.WrongPassphrase` leaves the file untouched."""
    if not passphrase:
        raise crypto.PassphraseRequired(path)
    if path.exists() and path.stat().st_size:
        if not crypto.looks_encrypted(path):
            check_location(path)  # refuses a file that is not a database at all
        con = crypto.connect(path, passphrase, read_only=True)
        try:
            judge_journal(con, path)
        finally:
            con.close()
    else:
        check_location(path)
        if not path.exists():
            crypto.create_file(path)
    return crypto.encrypted_database(path, passphrase)
