"""Journals of either kind for tests: a plain SQLite file, or one encrypted with SQLCipher.

A module marked ``both_journal_kinds`` runs each test that opens a journal twice, with
the ids ``[plain]`` and ``[encrypted]`` (``tests/conftest.py``); the test's ``passphrase``
fixture is None for the first and :data:`TEST_PASSPHRASE` for the second. Whatever the
test opens again, or reads past WinWin's own functions, goes through these helpers with
that passphrase, so that it reads the same rows from both kinds.
"""

from __future__ import annotations

import os
import sqlite3
import sys
from pathlib import Path

from winwin_desktop.store import close_journal, open_journal

PLAIN = "plain"
ENCRYPTED = "encrypted"
JOURNAL_KINDS = (PLAIN, ENCRYPTED)
# A raw 256-bit key in SQLCipher's x'...' form, given where a user types a passphrase: the
# file is encrypted as with any passphrase, and WinWin's code runs as it does for one
# (the quotes in it are escaped on the way, as a user's would be), but SQLCipher skips its
# key derivation (PBKDF2-HMAC-SHA512, 256,000 rounds), about 0.2 s on every connection on
# the development machine, which would add about two minutes to the suite. Typed
# passphrases, and so the key derivation, are tested in tests/store/test_crypto.py,
# tests/cli/test_cli_passphrase.py and tests/ui/test_passphrase_dialogs.py.
TEST_PASSPHRASE = "x'2DD29CA851E7B56E4697B0E1F08507293D761A05CE4D1B628663F411A8086D99'"


def passphrase_of_kind(kind: str) -> str | None:
    return TEST_PASSPHRASE if kind == ENCRYPTED else None


def open_again(path: str | os.PathLike, passphrase: str | None):
    """Open (or create) the journal at ``path`` as the test's own: with its passphrase."""
    return open_journal(path, passphrase)


def connect_raw(path: str | os.PathLike, passphrase: str | None, *, read_only: bool = False):
    """A DB-API connection to the file itself, past WinWin's functions: sqlite3 for a
    plain journal, SQLCipher keyed with ``passphrase`` for an encrypted one."""
    path = Path(path)
    if passphrase:
        from winwin_desktop.store import crypto

        return crypto.connect(path, passphrase, read_only=read_only)
    if read_only:
        return sqlite3.connect(f"{path.absolute().as_uri()}?mode=ro", uri=True)
    return sqlite3.connect(path)


def operational_errors() -> tuple[type[Exception], ...]:
    """The error a query on a missing table raises: sqlite3's, and SQLCipher's once loaded."""
    cipher = sys.modules.get("sqlcipher3.dbapi2")
    return (
        (sqlite3.OperationalError, cipher.OperationalError)
        if cipher
        else (sqlite3.OperationalError,)
    )


def build_demo_journal(path: str | os.PathLike, passphrase: str | None, **options) -> Path:
    """The demo journal at ``path`` (``winwin_desktop.demo.build_demo``), encrypted with
    ``passphrase`` when one is given; left open, as ``build_demo`` leaves it."""
    from winwin_desktop.demo import build_demo

    path = Path(build_demo(path, **options))
    if passphrase:
        from winwin_desktop.store import crypto

        close_journal()
        crypto.encrypt(path, passphrase)
        open_journal(path, passphrase)
    return path
