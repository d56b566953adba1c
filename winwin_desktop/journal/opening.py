"""The journal file as the window and the command line see it: opening, closing, what
can go wrong with it (damaged, protected by a passphrase, written elsewhere meanwhile),
and putting a backup in place of a journal that cannot be opened.

``ui/`` and the command line use these instead of reaching into ``store/``.
"""

from __future__ import annotations

from peewee import DatabaseError

from winwin_desktop.store import crypto
from winwin_desktop.store.connection import (
    RESTORE_ADVICE,
    DamagedJournal,
    JournalError,
    data_version,
    sql_errors,
)
from winwin_desktop.store.opening import (
    check_location,
    close_journal,
    default_journal_path,
    open_journal,
)
from winwin_desktop.store.recovery import restore_in_place_of

PassphraseRequired = crypto.PassphraseRequired
WrongPassphrase = crypto.WrongPassphrase
looks_encrypted = crypto.looks_encrypted
is_encrypted = crypto.is_encrypted

# What a write to the journal file can fail with besides ``ValidationError``: the disk,
# the file system, or SQLite itself (another program holding the journal, say).
WRITE_ERRORS: tuple[type[BaseException], ...] = (DatabaseError, *sql_errors(), OSError)

__all__ = [
    "RESTORE_ADVICE",
    "WRITE_ERRORS",
    "DamagedJournal",
    "JournalError",
    "PassphraseRequired",
    "WrongPassphrase",
    "check_location",
    "close_journal",
    "data_version",
    "default_journal_path",
    "is_encrypted",
    "looks_encrypted",
    "open_journal",
    "restore_in_place_of",
]
