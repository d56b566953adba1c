"""peewee without the PostgreSQL driver until a journal on a server needs it.

peewee imports every database driver it knows of when it is imported itself, and so does
``playhouse.migrate`` (through ``playhouse.postgres_ext``): with psycopg installed (the
``server`` extra, and the bundle) that is about 0.1 s, asyncio included, of every start,
though a journal file never uses it. Importing this module first (``store/__init__``
does, and so ``journal/__init__``) imports peewee with the server drivers hidden, and
:func:`import_migrations` the migration runner (only when a journal has scripts to
run) the same way; :func:`give_peewee_psycopg` hands psycopg to peewee when a journal on
a server is opened, as peewee's own import would have. psycopg 2 stays hidden from peewee
for good: WinWin speaks to PostgreSQL through psycopg 3 only.
"""

from __future__ import annotations

import importlib
import sys
from types import ModuleType

# What peewee and playhouse try to import at their own import (psycopg2cffi and the
# MySQL drivers are not used either).
_SERVER_DRIVERS = ("psycopg", "psycopg2", "psycopg2cffi", "pymysql", "MySQLdb")


def _import_without_server_drivers(module: str) -> ModuleType:
    if module in sys.modules:
        return sys.modules[module]  # imported already (by a test, say): as it was
    # None in sys.modules makes an import fail as if the package were not installed.
    # (A driver imported already, psycopg for a journal on a server, stays.)
    hidden = [name for name in _SERVER_DRIVERS if name not in sys.modules]
    for name in hidden:
        sys.modules[name] = None
    try:
        return importlib.import_module(module)
    finally:
        for name in hidden:
            if sys.modules.get(name, False) is None:
                del sys.modules[name]


def import_migrations() -> ModuleType:
    """``playhouse.migrations`` (and ``playhouse.migrate`` with it), imported with the
    server drivers hidden: only a journal with scripts to run needs it (about 20 ms)."""
    return _import_without_server_drivers("playhouse.migrations")


def give_peewee_psycopg() -> None:
    """Give peewee psycopg 3 (ImportError when it is not installed): what its import
    does when psycopg is there, done once a journal on a server is about to be opened."""
    import peewee
    import psycopg

    if peewee.psycopg is psycopg:
        return
    from psycopg.pq import TransactionStatus
    from psycopg.types.json import Json, Jsonb

    peewee.psycopg = psycopg
    peewee.TransactionStatus = TransactionStatus
    peewee.Json_pg3, peewee.Jsonb_pg3 = Json, Jsonb
    adapter = peewee.Psycopg3Adapter
    adapter.txn_idle = TransactionStatus.IDLE
    adapter.txn_inerror = TransactionStatus.INERROR
    adapter.txn_unknown = TransactionStatus.UNKNOWN


_import_without_server_drivers("peewee")
