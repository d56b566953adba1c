"""Storage: the SQLite file, its schema and migrations, snapshots.

Everything SQLite-specific (pragmas, the backup API) lives here, behind small functions.
Imports go one way: ``connection`` (the database proxy, plain SQLite, errors) ←
``crypto`` (SQLCipher) ← ``snapshots`` ← ``migrate`` ← ``opening``; ``history`` and
``models`` use ``connection`` only. Nothing here imports ``journal/`` or above.
"""

from winwin_desktop.store.connection import DamagedJournal, JournalError
from winwin_desktop.store.history import Change, recording
from winwin_desktop.store.opening import close_journal, default_journal_path, open_journal
from winwin_desktop.store.snapshots import backup_to

__all__ = [
    "Change",
    "DamagedJournal",
    "JournalError",
    "backup_to",
    "close_journal",
    "default_journal_path",
    "open_journal",
    "recording",
]
