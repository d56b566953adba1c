"""Storage: the SQLite file, its schema and migrations, snapshots.

Everything SQLite-specific (pragmas, the backup API) lives here, behind small functions.
"""

from winwin_desktop.store.db import (
    DamagedJournal,
    JournalError,
    backup_to,
    close_journal,
    default_journal_path,
    open_journal,
)
from winwin_desktop.store.history import Change, recording

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
