"""A journal on the PostgreSQL server named by WINWIN_TEST_DB_URL, for the tests that
compare the two engines: a fresh database of its own, opened (and migrated) as any
journal on a server is."""

from __future__ import annotations

import os
import uuid
from urllib.parse import urlsplit, urlunsplit

import pytest
from peewee import PostgresqlDatabase

from winwin_desktop.store import open_journal
from winwin_desktop.store.connection import database

SERVER_URL = os.environ.get("WINWIN_TEST_DB_URL", "")

needs_server = pytest.mark.skipif(
    not SERVER_URL, reason="needs a PostgreSQL server (set WINWIN_TEST_DB_URL)"
)


class _ServerJournalDatabase(PostgresqlDatabase):
    """Takes SQLite's transaction kinds (``atomic("IMMEDIATE")``) as plain transactions."""

    def begin(self, *args, **kwargs):
        return super().begin()


def _connect(name: str) -> PostgresqlDatabase:
    url = urlsplit(SERVER_URL)
    return _ServerJournalDatabase(
        name,
        user=url.username,
        password=url.password,
        host=url.hostname,
        port=url.port or 5432,
    )


def create_database() -> str:
    """A new, empty database on the server, named after the one in the URL."""
    base = urlsplit(SERVER_URL).path.lstrip("/") or "postgres"
    name = f"{base}_{uuid.uuid4().hex[:10]}"
    maintenance = _connect(base)
    maintenance.execute_sql(f'CREATE DATABASE "{name}"')
    maintenance.close()
    return name


def drop_database(name: str) -> None:
    maintenance = _connect(urlsplit(SERVER_URL).path.lstrip("/") or "postgres")
    maintenance.execute_sql(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    maintenance.close()


def open_server_journal(name: str) -> PostgresqlDatabase:
    """Database ``name`` as the open journal, its schema made if it has none."""
    return open_journal(server_url(name))


def close_server_journal() -> None:
    db = database.obj
    if db is not None:
        db.close()
    database.initialize(None)


def server_url(name: str) -> str:
    """The URL of database ``name`` on the test server."""
    url = urlsplit(SERVER_URL)
    return urlunsplit(url._replace(path=f"/{name}"))
