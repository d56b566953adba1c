"""Storage: the SQLite file or the PostgreSQL database, its schema and migrations,
snapshots.

Everything engine-specific (pragmas, the backup API, PostgreSQL's connection) lives here,
behind small functions that branch on ``connection.is_server``. Imports go one way:
``connection`` (the database proxy, plain SQLite, errors, the write transaction) ←
``crypto`` (SQLCipher), ``server`` (PostgreSQL) ← ``snapshots`` ← ``migrate`` ←
``opening``; ``verified`` (the whole-file checks) uses ``connection`` only, ``history``
both, ``models`` ``connection`` and ``history``. Nothing here imports ``journal/`` or
above. ``drivers`` comes first: it imports peewee without the PostgreSQL driver.
"""

from winwin_desktop.store import drivers  # noqa: F401 (first: see its docstring)
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
