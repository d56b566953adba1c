"""Encryption at rest: a journal protected by a passphrase is an SQLCipher file.

``sqlcipher3`` (and ``playhouse.sqlcipher_ext``) are imported only when an encrypted
journal is met, so a plain journal starts as fast as before. Every change of protection
(encrypt, change the passphrase, remove it) writes a new file beside the journal with
``sqlcipher_export``, verifies it (``integrity_check``) and only then replaces the
journal atomically: a failure leaves the journal as it was. Temporary tables and indices
stay in memory (``temp_store``), so no plaintext goes to a temporary folder, and every
file written here is readable by its owner only.
"""

from __future__ import annotations

import functools
import os
from pathlib import Path

from winwin_desktop.store.connection import (
    PRAGMAS,
    SQLITE_HEADER,
    JournalDatabase,
    JournalError,
    plain_header_fields,
    sql_errors,
)

# SQLCipher pages are at least 512 bytes; its file starts with a random salt.
_MIN_PAGE = 512
ENCRYPTED_PRAGMAS = {**PRAGMAS, "temp_store": 2}
_SIDE_FILES = ("-wal", "-shm", "-journal")


class WrongPassphrase(JournalError):
    """The passphrase given does not open the file; the file was not changed."""

    def __init__(self, path: Path) -> None:
        super().__init__(f"That passphrase does not open {path}; try again.")
        self.path = path


class PassphraseRequired(JournalError):
    """The journal is protected by a passphrase and none was given."""

    def __init__(self, path: Path) -> None:
        super().__init__(
            f"{path} is protected by a passphrase; give it (WINWIN_PASSPHRASE, or at the prompt)."
        )
        self.path = path


def _cipher():
    from sqlcipher3 import dbapi2

    return dbapi2


def looks_encrypted(path: str | os.PathLike) -> bool:
    """Whether the file could be an encrypted journal, read without a key: its size is a
    whole number of pages and its first page looks random. SQLCipher's starts with a
    random salt and is encrypted after it; a plain journal whose first bytes were damaged
    still has SQLite's fixed header fields after them, and is not taken for encrypted."""
    path = Path(path)
    try:
        size = path.stat().st_size
        if not path.is_file() or size < _MIN_PAGE or size % _MIN_PAGE:
            return False
        with path.open("rb") as f:
            head = f.read(100)
    except OSError:
        return False
    if head[:16] == SQLITE_HEADER or head[:16] == bytes(16):
        return False
    return not plain_header_fields(head)


def is_encrypted(path: str | os.PathLike, passphrase: str | None = None) -> bool:
    """Whether ``path`` is an encrypted database; with a passphrase, one it opens."""
    if not looks_encrypted(path):
        return False
    if passphrase is None:
        return True
    try:
        connect(path, passphrase, read_only=True).close()
    except JournalError:
        return False
    return True


def damaged_pages(con) -> list[str]:
    """For an SQLCipher connection, the pages whose authentication code fails (damaged
    bytes; plain SQLite's checks then only say "SQL logic error"); [] for sqlite3."""
    if not type(con).__module__.startswith("sqlcipher3"):
        return []
    found = []
    for (row,) in con.execute("PRAGMA cipher_integrity_check"):
        page = row.rsplit(" ", 1)[-1]
        found.append(f"page {page} is damaged (it fails its HMAC check)" if page.isdigit() else row)
    return found


def passphrase_of(db) -> str | None:
    """The passphrase an open journal was opened with; None for a plain journal."""
    if db is None or not getattr(db, "encrypted", False):
        return None
    return db.passphrase


def _quote(passphrase: str) -> str:
    return "'" + passphrase.replace("'", "''") + "'"


def connect(path: str | os.PathLike, passphrase: str | None, *, read_only: bool = False):
    """An SQLCipher connection to ``path``, keyed with ``passphrase`` (None or "" for a
    plain file), proven to read: :class:`WrongPassphrase` if it does not."""
    cipher = _cipher()
    path = Path(path).absolute()
    if read_only:
        con = cipher.connect(f"{path.as_uri()}?mode=ro", uri=True, isolation_level=None)
    else:
        con = cipher.connect(str(path), isolation_level=None, timeout=5)
    try:
        con.execute("PRAGMA cipher_log_level = NONE").fetchall()
        if passphrase:
            con.execute(f"PRAGMA key = {_quote(passphrase)}").fetchall()
        con.execute("PRAGMA temp_store = MEMORY").fetchall()
        con.execute("SELECT count(*) FROM sqlite_master").fetchone()
    except cipher.DatabaseError as exc:
        con.close()
        raise WrongPassphrase(path) from exc
    except BaseException:
        con.close()
        raise
    return con


@functools.cache
def _database_class():
    from playhouse.sqlcipher_ext import SqlCipherDatabase

    class EncryptedJournalDatabase(SqlCipherDatabase, JournalDatabase):
        """The journal's connection when it is encrypted."""

        encrypted = True

        @property
        def passphrase(self) -> str:
            return self.connect_params["passphrase"]

        def _connect(self):
            con = connect(self.database, self.passphrase)
            try:
                self._add_conn_hooks(con)
            except Exception:
                con.close()
                raise
            return con

    return EncryptedJournalDatabase


def create_file(path: Path) -> None:
    """Create ``path`` empty and readable by its owner only (SQLite gives its -wal and
    -shm files the same permissions)."""
    os.close(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600))


def encrypted_database(path: Path, passphrase: str) -> JournalDatabase:
    """The (not yet connected) database of the encrypted journal at ``path``."""
    return _database_class()(str(path), passphrase=passphrase, pragmas=ENCRYPTED_PRAGMAS)


# ---- changing the protection of a closed journal ----------------------------------------


def encrypt(path: str | os.PathLike, passphrase: str) -> None:
    """Encrypt the (closed) plain journal at ``path`` with ``passphrase``."""
    if not passphrase:
        raise JournalError("An empty passphrase protects nothing; choose one.")
    _convert(Path(path), None, passphrase)


def rekey(path: str | os.PathLike, old: str, new: str) -> None:
    """Change the passphrase of the (closed) encrypted journal at ``path``."""
    if not new:
        raise JournalError("An empty passphrase protects nothing; choose one.")
    _convert(Path(path), old, new)


def decrypt(path: str | os.PathLike, passphrase: str) -> None:
    """Store the (closed) encrypted journal at ``path`` as a plain file again."""
    _convert(Path(path), passphrase, None)


def _convert(path: Path, old: str | None, new: str | None) -> None:
    path = path.expanduser().absolute()
    if not path.is_file():
        raise JournalError(f"{path} does not exist.")
    if bool(old) != looks_encrypted(path):
        if old:
            raise JournalError(f"{path} is not protected by a passphrase.")
        raise JournalError(f"{path} is already protected by a passphrase.")
    export(path, old, new, journal_mode="wal")


def export(path: Path, old: str | None, new: str | None, journal_mode: str) -> None:
    """Rewrite the database at ``path`` keyed ``old`` into a new file keyed ``new``,
    verify it, and put it in place of ``path``."""
    temporary = path.with_name(f".{path.name}.converting")
    for leftover in [temporary, *(Path(f"{temporary}{s}") for s in _SIDE_FILES)]:
        leftover.unlink(missing_ok=True)
    source = connect(path, old)
    try:
        try:
            source.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchall()
            create_file(temporary)
            source.execute(
                f"ATTACH DATABASE ? AS converted KEY {_quote(new or '')}", (str(temporary),)
            )
            source.execute("SELECT sqlcipher_export('converted')").fetchall()
            version = source.execute("PRAGMA main.user_version").fetchone()[0]
            source.execute(f"PRAGMA converted.user_version = {int(version)}")
            source.execute("DETACH DATABASE converted")
        finally:
            source.close()
        check = connect(temporary, new)
        try:
            result = check.execute("PRAGMA integrity_check").fetchone()[0]
            if result != "ok":
                raise JournalError(f"The converted copy of {path} did not verify ({result}).")
            check.execute(f"PRAGMA journal_mode = {journal_mode}").fetchall()
        finally:
            check.close()
        fsync(temporary)
        wal = Path(f"{path}-wal")
        if wal.exists() and wal.stat().st_size:
            raise JournalError(f"{path} is in use by another program; close it and try again.")
        os.replace(temporary, path)
        for suffix in ("-wal", "-shm"):
            Path(f"{path}{suffix}").unlink(missing_ok=True)
        fsync(path.parent)
    except sql_errors() as exc:
        raise JournalError(f"{path} could not be converted ({exc}); it was not changed.") from exc
    finally:
        for leftover in [temporary, *(Path(f"{temporary}{s}") for s in _SIDE_FILES)]:
            leftover.unlink(missing_ok=True)


def fsync(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
