"""Protecting the open journal with a passphrase: set, change, remove (GUI and CLI).

The journal is closed, rewritten beside itself with its new protection, verified, put in
place and opened again; its snapshots then get the same protection, so that no plaintext
copy of an encrypted journal stays behind. A lost passphrase cannot be recovered.
"""

from __future__ import annotations

import os
from pathlib import Path

from winwin_desktop.store import JournalError, close_journal, crypto, open_journal, snapshots
from winwin_desktop.store.connection import database
from winwin_desktop.store.opening import forget_journal

LOST_WARNING = (
    "If you forget the passphrase, nobody can open this journal or its backups again: "
    "there is no way to recover it."
)


def is_protected() -> bool:
    return crypto.passphrase_of(database.obj) is not None


def is_current_passphrase(text: str) -> bool:
    """Whether ``text`` is the passphrase the open journal was opened with."""
    return text == crypto.passphrase_of(database.obj)


def lock() -> None:
    """Close the journal and forget it, passphrase included: nothing of it can be read
    or written until ``unlock``."""
    forget_journal()


def unlock(path: Path, passphrase: str) -> bool:
    """Open the locked journal again; False (and nothing opened) for a wrong passphrase."""
    if not crypto.is_encrypted(path, passphrase):
        return False
    open_journal(path, passphrase)
    return True


def set_passphrase(new: str, delete_backups: bool = False) -> list[Path]:
    """Encrypt the open (plain) journal and its snapshots with ``new`` (or, with
    ``delete_backups``, delete the plain snapshots instead). Returns the snapshots that
    could not be encrypted (left as they were)."""
    if is_protected():
        raise JournalError("The journal is already protected; change its passphrase instead.")
    return _convert(None, new, delete_backups)


def change_passphrase(new: str) -> list[Path]:
    if not is_protected():
        raise JournalError("The journal has no passphrase; set one first.")
    return _convert(crypto.passphrase_of(database.obj), new)


def remove_passphrase() -> list[Path]:
    """Store the open journal and its snapshots as plain files again."""
    if not is_protected():
        raise JournalError("The journal has no passphrase to remove.")
    return _convert(crypto.passphrase_of(database.obj), None)


def _convert(old: str | None, new: str | None, delete_plain: bool = False) -> list[Path]:
    if new is not None and not new:
        raise JournalError("An empty passphrase protects nothing; choose one.")
    path = snapshots.open_journal_path()
    _refuse_if_open_elsewhere(path)
    if old is None:
        snapshots.start_protecting(path, delete_plain)
    close_journal()
    converted = False
    try:
        if old is None:
            crypto.encrypt(path, new)
        elif new is None:
            crypto.decrypt(path, old)
        else:
            crypto.rekey(path, old, new)
        converted = True
    finally:
        open_journal(path, new if converted else old)
    return snapshots.convert_snapshots(path, old, new, delete_plain)


def _refuse_if_open_elsewhere(path: Path) -> None:
    """A WinWin window holding the journal (its lock file names a live process other
    than this one) would go on writing to the old file: refuse."""
    lock = Path(f"{path.resolve()}.lock")
    try:
        pid = int(lock.read_text().split()[0])
    except (OSError, ValueError, IndexError):
        return
    if pid == os.getpid():
        return
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return
    except PermissionError:
        pass
    raise JournalError(f"WinWin has {path} open in a window; quit it first, then try again.")
