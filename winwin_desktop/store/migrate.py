"""Bringing a journal's schema up to date with the numbered scripts in ``migrations/``:
one series for both engines (SQLite files and PostgreSQL servers)."""

from __future__ import annotations

import contextlib
import datetime as dt
import re
from collections.abc import Iterator
from pathlib import Path

from peewee import Database

from winwin_desktop.store import aggregates, changes, drivers, search_index, snapshots, team
from winwin_desktop.store.connection import is_server

MIGRATIONS = Path(__file__).with_name("migrations")
HISTORY_TABLE = "schema_migration"
MIGRATION_NAME = re.compile(r"\d+_\w+")
# The script that makes a journal's tables: whoever runs it made the journal.
FIRST_MIGRATION = "0001_initial"


# Which scripts a journal has had is read here, as playhouse.migrations' Runner records
# them (its history table, by name), without importing the runner: a journal opened with
# nothing to run, every start but the first after an update, does without it.


def _in_order(names) -> list[str]:
    """Migration names in the runner's order: by their number, then by name."""
    return sorted(names, key=lambda name: (int(re.match(r"\d+", name).group()), name))


def shipped_migrations() -> list[str]:
    """The names of the migration scripts this build of WinWin has, in order."""
    return _in_order(path.stem for path in MIGRATIONS.glob("[0-9]*.py"))


def applied_migrations(db: Database) -> list[str]:
    """The scripts ``db`` has had, in order (those this WinWin does not ship included)."""
    if not db.table_exists(HISTORY_TABLE):
        return []
    return _in_order(row[0] for row in db.execute_sql(f"SELECT name FROM {HISTORY_TABLE}"))


def _pending(db: Database) -> list[str]:
    applied = set(applied_migrations(db))
    return [name for name in shipped_migrations() if name not in applied]


def is_current(db: Database) -> bool:
    """Whether ``db`` has every migration and trigger of this WinWin (nothing to write)."""
    return not _pending(db) and _triggers_installed(db)


def migrate(db: Database, path: Path | None = None) -> list[str]:
    """Run the scripts ``db`` has not had yet (an existing journal file, at ``path``, gets
    a verified copy first), and make sure the search index's and the totals' triggers are
    in place; returns the names of the scripts run. On a server, one client at a time:
    another one opening the database meanwhile waits, then finds nothing left to do."""
    with _one_client_at_a_time(db):
        if not _pending(db):
            if not _triggers_installed(db):
                # Stopped (killed, power cut) after the migrations and before the triggers.
                team.relax(db)
                _install_triggers(db)
            return []
        runner = drivers.import_migrations().Runner(db, str(MIGRATIONS), table_name=HISTORY_TABLE)
        status = runner.status()
        pending = [m for m in status if not m.applied and m.path]
        if any(m.applied for m in status):
            _keep_a_copy(db, path, pending[0].name)
        # The search index's triggers name other tables, which a migration may rebuild:
        # they are set aside while the scripts run, then installed for the new schema.
        search_index.drop_triggers(db)
        aggregates.drop_triggers(db)
        team.relax(db)  # the index and the totals are rebuilt from every row
        ran = runner.up()
        _install_triggers(db)
        return ran


def _install_triggers(db: Database) -> None:
    aggregates.install(db)
    search_index.install(db)
    changes.install(db)  # a server's announcements of each commit (nothing on a file)
    team.install(db)  # a team's row-level security, last: it covers the index's tables
    if is_server(db):
        # Members, shares and private notes are announced to other windows too.
        with db.atomic():
            for statement in changes.trigger_statements(list(team.TEAM_TABLES)):
                db.execute_sql(statement)


@contextlib.contextmanager
def _one_client_at_a_time(db: Database) -> Iterator[None]:
    """A server's migration lock (a file journal has one process at a time already)."""
    if is_server(db):
        with db.migration_lock():
            yield
    else:
        yield


def _keep_a_copy(db: Database, path: Path | None, first_pending: str) -> None:
    """An existing journal file: a verified copy before its schema changes. A database
    on a server (no ``path``) is backed up by whoever runs the server (pg_dump) or with
    `winwin backup`: WinWin cannot copy it aside here."""
    if path is None:
        return
    stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
    snapshots.backup_to(path.with_name(f"{path.stem}.before-{first_pending}-{stamp}.db"), db)


def _triggers_installed(db: Database) -> bool:
    expected = set(aggregates.TRIGGERS) | {
        statement.split()[2]
        for statement in search_index.trigger_statements(db)
        if statement.startswith("CREATE TRIGGER")
    }
    if is_server(db):
        expected.add(changes.TRIGGER)
    return expected <= _present_triggers(db) and team.installed(db)


def _present_triggers(db: Database) -> set[str]:
    if is_server(db):
        query = (
            "SELECT t.tgname FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid "
            "JOIN pg_namespace n ON n.oid = c.relnamespace "
            "WHERE NOT t.tgisinternal AND n.nspname = current_schema()"
        )
    else:
        query = "SELECT name FROM sqlite_master WHERE type = 'trigger'"
    return {row[0] for row in db.execute_sql(query)}
