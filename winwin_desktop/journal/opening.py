"""The journal file as the window and the command line see it: opening, closing, what
can go wrong with it (damaged, protected by a passphrase, written elsewhere meanwhile),
and putting a backup in place of a journal that cannot be opened.

``ui/`` and the command line use these instead of reaching into ``store/``.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

from peewee import DatabaseError

from winwin_desktop.store import crypto, server
from winwin_desktop.store import opening as store_opening
from winwin_desktop.store.changes import data_version
from winwin_desktop.store.connection import (
    RESTORE_ADVICE,
    DamagedJournal,
    JournalError,
    JournalGone,
    database,
    file_gone,
    sql_errors,
)
from winwin_desktop.store.opening import check_location, close_journal, default_journal_path
from winwin_desktop.store.recovery import restore_in_place_of
from winwin_desktop.store.snapshots import backup_to, remove_with_sidecars
from winwin_desktop.store.verified import checking, start_check, wait_for_check

PassphraseRequired = crypto.PassphraseRequired
ServerError = server.ServerError
is_url = server.is_url
WrongPassphrase = crypto.WrongPassphrase
looks_encrypted = crypto.looks_encrypted
is_encrypted = crypto.is_encrypted

# What a write to the journal file can fail with besides ``ValidationError``: the disk,
# the file system, or SQLite itself (another program holding the journal, say).
WRITE_ERRORS: tuple[type[BaseException], ...] = (
    DatabaseError,
    *sql_errors(),
    OSError,
    JournalError,
)


def journal_location(text: str | os.PathLike) -> Path | str:
    """What ``--db`` (or ``WINWIN_DB``) names: a server's URL as it is, or a file's path."""
    if is_url(text):
        return str(text)
    return Path(text).expanduser()


def open_journal(
    path: str | os.PathLike,
    passphrase: str | None = None,
    *,
    create: bool = True,
    check_later: bool = False,
) -> bool:
    """Open the journal at ``path`` (a file, or a PostgreSQL server's URL: see
    :func:`is_url`); True when it was created by this call (the caller then says so:
    "Created a new journal at …").

    Only the window and commands that write may make a new journal where there is none;
    the others pass ``create=False``, and a missing path is refused leaving nothing
    behind. A folder or a special file (``/dev/null``, a socket) is always refused; an
    empty (0-byte) file or any other file that is not a journal is never reused: :class:`DamagedJournal`, whose
    advice names the newest verified backup and how to restore it. On a server, an empty
    database is where a new journal is made.

    A journal file too big to check whole before it opens (over 64 MB) is checked on a
    thread of its own: at once, or with ``check_later`` when :func:`start_check` is
    called (the window, once painted); its first write waits for the verdict
    (:func:`checking`, :func:`wait_for_check`).
    """
    if is_url(path):
        return store_opening.open_on_server(str(path), passphrase, create=create).created
    path = Path(path).expanduser().absolute()
    created = refuse_unusable(path, create)
    try:
        store_opening.open_journal(path, passphrase, check_later=check_later)
    except DamagedJournal as damage:
        raise DamagedJournal(
            damage.path, damage.problem, _restore_advice(path, passphrase, damage.advice)
        ) from damage
    return created


def save_as_new_file(target: str | os.PathLike) -> Path:
    """Write the journal WinWin holds (its file deleted or replaced meanwhile) to the new
    file ``target`` with SQLite's backup API, verified, and go on with that file."""
    target = Path(target).expanduser().absolute()
    if target.exists():
        raise JournalError(f"{target} already exists; choose the name of a new file.")
    try:
        target.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        os.close(os.open(target, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600))
        backup_to(target)
    except (OSError, *sql_errors()) as exc:
        remove_with_sidecars(target)
        raise JournalError(f"Could not write {target} ({exc}); choose another place.") from exc
    except JournalError:
        remove_with_sidecars(target)
        raise
    open_journal(target, crypto.passphrase_of(database.obj))
    return target


def refuse_unusable(path: Path, create: bool = False) -> bool:
    """Refuse, before anything is created or opened, a path that holds no journal and
    may not get one. Returns whether a new journal would be created there."""
    try:
        mode = path.stat().st_mode
    except FileNotFoundError:
        if not create:
            raise JournalError(
                f"There is no journal at {path}; check the path (--db), nothing was created."
            ) from None
        return True
    except NotADirectoryError:
        raise JournalError(
            f"Cannot create the folder {path.parent}: a file of that name is in the way; "
            "choose another location with --db."
        ) from None
    except OSError as exc:
        raise JournalError(f"{path} cannot be read ({exc.strerror}); check the path.") from exc
    if stat.S_ISDIR(mode):
        raise JournalError(f"{path} is a folder; give the path of a journal file instead.")
    if not stat.S_ISREG(mode):
        raise JournalError(
            f"{path} is a device, socket or pipe, not a journal; give the path of a journal file."
        )
    if path.stat().st_size == 0:
        raise DamagedJournal(
            path,
            "is empty (0 bytes), so it holds no journal",
            _restore_advice(path, None, "open another file with --db."),
        )
    return False


def _restore_advice(path: Path, passphrase: str | None, otherwise: str) -> str:
    """How to go on from an unusable file at ``path``: its newest verified backup."""
    from winwin_desktop.journal import backups

    try:
        latest = backups.latest_verified_backup(path, passphrase)
    except (JournalError, OSError):
        latest = None
    if latest is None:
        return otherwise
    return (
        f"its newest verified backup is {latest.path} ({latest.describe()}): run "
        f"`winwin --db {path} restore {latest.path}` to put it in place (the file there now "
        "is kept beside it)."
    )


__all__ = [
    "RESTORE_ADVICE",
    "ServerError",
    "WRITE_ERRORS",
    "DamagedJournal",
    "JournalError",
    "JournalGone",
    "PassphraseRequired",
    "WrongPassphrase",
    "check_location",
    "checking",
    "close_journal",
    "data_version",
    "default_journal_path",
    "file_gone",
    "is_encrypted",
    "is_url",
    "journal_location",
    "looks_encrypted",
    "open_journal",
    "refuse_unusable",
    "restore_in_place_of",
    "save_as_new_file",
    "start_check",
    "wait_for_check",
]
