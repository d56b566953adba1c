"""Snapshot files: copies of the journal taken with SQLite's online backup API, each
verified, read back, converted to the journal's protection, or copied into the journal.

Which snapshots to take, keep and offer is decided above, in ``journal/backups.py``;
this module is where their SQLite (and SQLCipher) side lives.
"""

from __future__ import annotations

import os
from pathlib import Path

from peewee import SqliteDatabase

from winwin_desktop.store import crypto, damaged_rows, verified
from winwin_desktop.store.connection import (
    SQLITE_HEADER,
    JournalError,
    connect_plain,
    database,
    is_server,
    sql_errors,
)

FOLDER = "backups"
SIDECARS = ("-wal", "-shm", "-journal")


def backups_folder(journal: Path) -> Path:
    """Where the snapshots of the journal at ``journal`` go."""
    return Path(journal).parent / FOLDER


def open_journal_path() -> Path:
    """The file of the open journal."""
    if database.obj is None:
        raise JournalError("No journal is open.")
    refuse_a_server(database.obj)
    return Path(database.obj.database)


def refuse_a_server(db) -> None:
    """Snapshots (and passphrases) are a journal file's: a server's journal is refused
    before any file is written."""
    if is_server(db):
        raise JournalError(
            "The journal is on a PostgreSQL server, not in a file: snapshots and passphrases "
            "are for journal files (back a server's journal up with winwin backup or pg_dump)."
        )


def backup_to(
    target: str | os.PathLike, db: SqliteDatabase | None = None, own_connection: bool = False
) -> Path:
    """Write a consistent snapshot of the open journal with SQLite's online backup API.

    With ``own_connection`` the journal is read through a connection of its own, made
    here, so that the snapshot can be taken in another thread while the window goes on
    using the journal (WAL lets it write meanwhile)."""
    db = db or database.obj
    refuse_a_server(db)
    target = Path(target)
    target.parent.mkdir(parents=True, exist_ok=True)
    passphrase = crypto.passphrase_of(db)
    if passphrase:
        dest = crypto.connect(target, passphrase)  # a snapshot encrypted with the same key
    else:
        dest = connect_plain(target)
    source = None
    try:
        if own_connection:
            journal = Path(db.database).absolute()
            if passphrase:
                source = crypto.connect(journal, passphrase, read_only=True)
            else:
                source = connect_plain(journal, read_only=True)
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


def write_snapshot(path: Path, in_background: bool = False) -> None:
    """Snapshot the open journal into the (new, empty) file ``path``, verified and
    self-contained. Raises ``JournalError`` or a database error (``sql_errors()``)."""
    backup_to(path, own_connection=in_background)
    # A snapshot copies the journal's WAL mode; in rollback mode it is one file that can
    # be read (even read-only) without a -wal or -shm file appearing beside it.
    con = connect_file(path)
    try:
        con.execute("PRAGMA journal_mode=DELETE").fetchone()
    finally:
        con.close()


def has_database_header(path: Path) -> bool:
    """Whether the file starts as an SQLite database, or looks like an encrypted one."""
    with path.open("rb") as stream:
        if stream.read(16) == SQLITE_HEADER:
            return True
    return crypto.looks_encrypted(path)


def table_names(path: Path, passphrase: str | None = None) -> set[str]:
    """The tables of the database file at ``path``, read-only."""
    con = connect_file(path, read_only=True, passphrase=passphrase)
    try:
        return {row[0] for row in con.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    finally:
        con.close()


def live_counts(path: Path, passphrase: str | None = None) -> tuple[int, int]:
    """How many people and interactions out of the trash the journal file holds."""
    con = connect_file(path, read_only=True, passphrase=passphrase)
    try:
        people, interactions = (
            con.execute(f"SELECT COUNT(*) FROM {table} WHERE deleted_at IS NULL").fetchone()[0]
            for table in ("person", "interaction")
        )
    finally:
        con.close()
    return people, interactions


def integrity_problems(path: Path | None = None, passphrase: str | None = None) -> list[str]:
    """The problems ``PRAGMA integrity_check`` and ``PRAGMA foreign_key_check`` find in
    the open journal (or in the file at ``path``, read-only), and its rows that cannot be
    read (``damaged_rows``): an empty list when healthy."""
    journal = open_journal_path() if path is None else None
    if journal is not None:
        verified.stop_check(journal)  # checked here instead, with the foreign keys
    if journal is not None and verified.is_recorded(journal):
        if verified.rows_recorded(journal):
            return []  # this very state of the file passed already
        # The file passed (when it was opened), its rows were not all read yet.
        try:
            problems = damaged_rows.damaged_values(database.connection())
        except sql_errors() as exc:
            problems = [str(exc)]
        if not problems:
            verified.found_sound(journal, rows=True)
        return problems
    if path is None:
        con, close = database.connection(), False
    else:
        try:
            con, close = connect_file(Path(path), read_only=True, passphrase=passphrase), True
        except (JournalError, *sql_errors()) as exc:
            return [str(exc)]
    problems: list[str] = []
    try:
        problems += crypto.damaged_pages(con)
        problems += [row[0] for row in con.execute("PRAGMA integrity_check") if row[0] != "ok"]
        for table, rowid, parent, _ in con.execute("PRAGMA foreign_key_check"):
            problems.append(f"row {rowid} of {table} refers to a missing row of {parent}")
        problems += damaged_rows.damaged_values(con)
    except sql_errors() as exc:
        problems.append(str(exc))
    finally:
        if close:
            con.close()
    if journal is not None:
        if problems:
            verified.found_damaged(journal, problems[0])
        else:
            verified.found_sound(journal, rows=True)
    return problems


def copy_into(source: Path, journal: Path, passphrase: str | None = None) -> None:
    """Overwrite the (closed) journal at ``journal`` with the snapshot ``source``, through
    the backup API, verified; a database error (``sql_errors()``) if it fails."""
    reader = connect_file(source, read_only=True)
    writer = connect_file(journal, passphrase=passphrase)
    try:
        if problem := copy_verified(reader, writer):
            raise JournalError(f"the copy did not verify ({problem})")
    finally:
        writer.close()
        reader.close()


def remove_with_sidecars(path: Path) -> None:
    for suffix in ("", *SIDECARS):
        Path(f"{path}{suffix}").unlink(missing_ok=True)


def connect_file(path: Path, read_only: bool = False, passphrase: str | None = None):
    """sqlite3 for a plain file; for an encrypted one, SQLCipher keyed with
    ``passphrase`` or the open journal's (:class:`crypto.WrongPassphrase` if it does not
    open)."""
    if crypto.looks_encrypted(path):
        key = passphrase or crypto.passphrase_of(database.obj)
        return crypto.connect(path, key, read_only=read_only)
    return connect_plain(path, read_only=read_only)


def convert_snapshots(
    journal: Path, old: str | None, new: str | None, delete_plain: bool = False
) -> list[Path]:
    """Give the journal's snapshots (``backups/`` and the copies taken before migrations)
    the journal's new protection, so no plaintext copy of an encrypted journal stays
    behind; with ``delete_plain``, plain ones are deleted instead of encrypted. Returns
    the files that could not be converted (left as they were)."""
    failed = []
    for snapshot in _copies_of(journal):
        encrypted = crypto.looks_encrypted(snapshot)
        if not encrypted and new is None:
            continue
        if not encrypted and delete_plain:
            remove_with_sidecars(snapshot)
            continue
        key = old if encrypted else None
        try:
            crypto.export(snapshot, key, new, journal_mode="delete")
        except JournalError:
            failed.append(snapshot)
    return failed


def _copies_of(journal: Path) -> list[Path]:
    """The snapshots of the journal: in ``backups/``, and the copies taken before
    migrations beside it."""
    return sorted(backups_folder(journal).glob("*.db")) + sorted(
        journal.parent.glob(f"{journal.stem}.before-*.db")
    )


def plain_copies(journal: Path) -> list[Path]:
    """The snapshots of the journal that are plain SQLite files (readable by anyone who
    gets the file): none may stay beside an encrypted journal."""
    found = []
    for copy in _copies_of(journal):
        try:
            with copy.open("rb") as stream:
                if stream.read(16) == SQLITE_HEADER:
                    found.append(copy)
        except OSError:
            continue
    return found


def encrypt_plain_copies(journal: Path, passphrase: str, delete: bool = False) -> list[Path]:
    """Encrypt (or, with ``delete``, delete) the plain snapshots of the encrypted journal
    at ``journal``: the end of a conversion that was interrupted. Returns those that
    could not be converted (left as they were)."""
    failed = []
    for copy in plain_copies(journal):
        if delete:
            remove_with_sidecars(copy)
            continue
        try:
            crypto.export(copy, None, passphrase, journal_mode="delete")
        except JournalError:
            failed.append(copy)
    return failed


def _conversion_marker(journal: Path) -> Path:
    return journal.with_name(f".{journal.name}.protecting-backups")


def start_protecting(journal: Path, delete_plain: bool) -> None:
    """Note, before the journal is encrypted, what its plain snapshots are to become
    (encrypted, or deleted), so that an interrupted conversion is finished the same way
    at the next open (:func:`finish_protecting`)."""
    marker = _conversion_marker(journal)
    fd = os.open(marker, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w") as stream:
        stream.write("delete" if delete_plain else "encrypt")
        stream.flush()
        os.fsync(stream.fileno())


def finish_protecting(journal: Path, passphrase: str) -> list[Path]:
    """At every open of an encrypted journal: encrypt (or delete, if that was chosen) any
    plain snapshot left by a conversion that was interrupted. Returns those that could
    not be converted."""
    marker = _conversion_marker(journal)
    try:
        delete = marker.read_text() == "delete"
    except OSError:
        delete = False
    failed = encrypt_plain_copies(journal, passphrase, delete) if plain_copies(journal) else []
    if not failed:
        marker.unlink(missing_ok=True)
    return failed
