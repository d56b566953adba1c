"""Journals on a PostgreSQL server for the tests: ``WINWIN_TEST_DB_URL`` names the server
and the run's database (``postgresql://USER@HOST:PORT/NAME``); other databases a test
needs are named after it (``NAME_…``) and dropped when the test ends.

Each test starts from the run's database emptied (every table but the migration history,
its ids restarted): about 2 ms with DELETE and the triggers off (a superuser may), 0.25 s
with TRUNCATE … RESTART IDENTITY (others), 0.27 s to copy a migrated template database and
drop it again, on the development machine under load.
"""

from __future__ import annotations

import contextlib
import os
import time
from collections.abc import Iterator
from urllib.parse import urlsplit, urlunsplit

URL = os.environ.get("WINWIN_TEST_DB_URL") or None

_admin_connections: dict[str, object] = {}


def with_database(url: str, name: str) -> str:
    """``url`` naming the database ``name`` instead."""
    parts = urlsplit(url)
    return urlunsplit(parts._replace(path=f"/{name}"))


def with_user(url: str, user: str) -> str:
    """``url`` logging in as ``user`` instead."""
    parts = urlsplit(url)
    return urlunsplit(parts._replace(netloc=f"{user}@{parts.netloc.rpartition('@')[2]}"))


def database_name(url: str) -> str:
    return urlsplit(url).path.lstrip("/")


def host_port(url: str) -> str:
    """HOST:PORT as WinWin's sentences name the server of ``url``."""
    parts = urlsplit(url)
    return f"{parts.hostname or 'localhost'}:{parts.port or 5432}"


@contextlib.contextmanager
def connection(url: str) -> Iterator:
    """An autocommit connection of the test's own to the database of ``url``."""
    conn = _connect(url)
    try:
        yield conn
    finally:
        conn.close()


def server_version(url: str) -> str:
    """The server's version as PostgreSQL writes it: "15.18"."""
    with connection(url) as conn:
        return conn.execute("SHOW server_version").fetchone()[0].split()[0]


def wait_for_lock_waiters(conn, count: int, timeout: float = 30) -> None:
    """Wait until ``count`` other sessions wait for an advisory lock."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        (waiting,) = conn.execute(
            "SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND NOT granted"
        ).fetchone()
        if waiting >= count:
            return
        time.sleep(0.05)
    raise AssertionError(f"{count} sessions never waited for the lock")


def _connect(url: str):
    import psycopg

    return psycopg.connect(url, autocommit=True)


def _maintenance(url: str):
    """An autocommit connection to the server's ``postgres`` database, to make and drop
    databases."""
    key = with_database(url, "postgres")
    if key not in _admin_connections:
        _admin_connections[key] = _connect(key)
    return _admin_connections[key]


def make_empty_database(url: str) -> None:
    """The database of ``url``, empty (dropped first if it was there)."""
    from psycopg import sql

    name = sql.Identifier(database_name(url))
    admin = _maintenance(url)
    admin.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(name))
    admin.execute(sql.SQL("CREATE DATABASE {}").format(name))


def drop_database(url: str) -> None:
    from psycopg import sql

    name = sql.Identifier(database_name(url))
    _maintenance(url).execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(name))


def make_migrated(url: str) -> str:
    """The database of ``url`` made again, with a journal's schema in it."""
    from winwin_desktop.store import close_journal, open_journal

    make_empty_database(url)
    open_journal(url)
    close_journal()
    return url


def empty(url: str) -> None:
    """Every row of the journal at ``url`` deleted (the team's members, shares and
    private notes too) and its ids counting from 1 again (the schema and its migration
    history stay); row-level security out of force, as on a journal without members."""
    from psycopg import errors, sql

    if url not in _admin_connections:
        _admin_connections[url] = _connect(url)
    conn = _admin_connections[url]
    tables = [
        sql.Identifier(row[0])
        for row in conn.execute(
            "SELECT tablename FROM pg_tables WHERE schemaname = current_schema()"
            " AND tablename <> 'schema_migration'"
        )
    ]
    sequences = [
        row[0]
        for row in conn.execute(
            "SELECT quote_ident(sequencename) FROM pg_sequences WHERE schemaname = current_schema()"
        )
    ]
    if not tables:
        return
    try:
        # Triggers and foreign keys off (a superuser's right): every table is emptied.
        conn.execute(
            sql.SQL(
                "SET session_replication_role = replica; {} {} RESET session_replication_role"
            ).format(
                sql.SQL(" ").join(sql.SQL("DELETE FROM {};").format(t) for t in tables),
                sql.SQL(" ").join(
                    sql.SQL("SELECT setval({}, 1, false);").format(sql.Literal(s))
                    for s in sequences
                ),
            )
        )
    except errors.InsufficientPrivilege:
        conn.execute(
            sql.SQL("TRUNCATE {} RESTART IDENTITY CASCADE").format(sql.SQL(", ").join(tables))
        )
    # A test's team journal (store/team.py) put row-level security in force; a journal
    # without members has none.
    for (table,) in conn.execute(
        "SELECT relname FROM pg_class WHERE relrowsecurity"
        " AND relnamespace = current_schema()::regnamespace"
    ).fetchall():
        conn.execute(
            sql.SQL(
                "ALTER TABLE {} NO FORCE ROW LEVEL SECURITY, DISABLE ROW LEVEL SECURITY"
            ).format(sql.Identifier(table))
        )


@contextlib.contextmanager
def extra_database(url: str, suffix: str) -> Iterator[str]:
    """An empty database beside the run's one (``NAME_suffix``), dropped afterwards."""
    other = with_database(url, f"{database_name(url)}_{suffix}")
    make_empty_database(other)
    try:
        yield other
    finally:
        drop_database(other)
