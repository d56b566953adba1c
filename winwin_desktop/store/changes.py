"""Has anyone else changed the journal? The window asks every second, so the answer
must cost next to nothing.

A SQLite file answers with ``PRAGMA data_version``. On a PostgreSQL server, a trigger on
every table sends ``NOTIFY winwin_changed`` in the writing transaction (delivered when
it commits, once per transaction), and a connection of this process that LISTENs reads
what arrived without waiting and without a round trip to the server.
"""

from __future__ import annotations

import weakref

from peewee import Database

from winwin_desktop.store.connection import database, is_server

CHANNEL = "winwin_changed"
_FUNCTION = "winwin_notify_changed"
TRIGGER = "winwin_changed"

_listeners: weakref.WeakKeyDictionary[Database, _Listener] = weakref.WeakKeyDictionary()


def data_version(db: Database | None = None) -> int | None:
    """A number that changes whenever another connection (another process, another
    machine) commits to the journal; None when no journal is open."""
    db = db if db is not None else database.obj
    if db is None or db.is_closed():
        stop_listening(db)
        return None
    if not is_server(db):
        return db.execute_sql("PRAGMA data_version").fetchone()[0]
    listener = _listeners.get(db)
    if listener is None:
        listener = _listeners[db] = _Listener()
    return listener.version(db)


def stop_listening(db: Database | None = None) -> None:
    """Close the listening connection of ``db`` (a server journal being closed)."""
    listener = _listeners.pop(db, None) if db is not None else None
    if listener is not None:
        listener.close()


def trigger_statements(tables: list[str]) -> list[str]:
    """The server's function and statement-level triggers that announce every commit
    that wrote to one of ``tables``."""
    statements = [
        f"CREATE OR REPLACE FUNCTION {_FUNCTION}() RETURNS trigger LANGUAGE plpgsql AS $$ "
        f"BEGIN PERFORM pg_notify('{CHANNEL}', ''); RETURN NULL; END $$"
    ]
    for table in tables:
        statements += [
            f'DROP TRIGGER IF EXISTS {TRIGGER} ON "{table}"',
            f'CREATE TRIGGER {TRIGGER} AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "{table}" '
            f"FOR EACH STATEMENT EXECUTE FUNCTION {_FUNCTION}()",
        ]
    return statements


def install(db: Database) -> None:
    """Put the change announcements in place on a server journal (nothing to do on a
    SQLite file, which counts its commits itself)."""
    if not is_server(db):
        return
    from winwin_desktop.store.models import MODELS

    with db.atomic():
        for statement in trigger_statements([model._meta.table_name for model in MODELS]):
            db.execute_sql(statement)


class _Listener:
    """A connection of its own that LISTENs; counts the announcements of others."""

    # It holds no reference to its journal, which would keep it alive in ``_listeners``.
    def __init__(self) -> None:
        self.count = 0
        self.conn = None

    def _connect(self, db: Database) -> bool:
        import psycopg

        try:
            conn = db._adapter.connect(db, **db.connect_params)
            conn.autocommit = True
            conn.execute(f"LISTEN {CHANNEL}")
        except psycopg.Error:
            self.conn = None
            return False
        self.conn = conn
        return True

    def version(self, db: Database) -> int:
        import psycopg

        own = db._state.conn
        own_usable = own is not None and not own.closed and not own.broken
        if self.conn is None or self.conn.closed:
            # Only while the journal's own connection works: connecting to a server that
            # cannot be reached would hold the window for the connection's timeout.
            # Whatever was announced while not listening is unknown: count it as a change.
            if own_usable and self._connect(db):
                self.count += 1
            return self.count
        own_pid = own.info.backend_pid if own_usable else None
        try:
            for notice in self.conn.notifies(timeout=0):
                if notice.pid != own_pid:
                    self.count += 1
        except psycopg.Error:
            self.close()
            self.count += 1
        return self.count

    def close(self) -> None:
        if self.conn is not None:
            self.conn.close()
            self.conn = None
