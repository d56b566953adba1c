"""Bringing a journal's schema up to date with the numbered scripts in ``migrations/``."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

from peewee import SqliteDatabase
from playhouse.migrations import Migration, Runner

from winwin_desktop.store import aggregates, search_index, snapshots

MIGRATIONS = Path(__file__).with_name("migrations")
HISTORY_TABLE = "schema_migration"
MIGRATION_NAME = re.compile(r"\d+_\w+")


def shipped_migrations() -> list[str]:
    """The names of the migration scripts this build of WinWin has, in order."""
    return [m.name for m in Migration.load_directory(str(MIGRATIONS))]


def applied_migrations(db: SqliteDatabase) -> list[str]:
    return [
        m.name for m in Runner(db, str(MIGRATIONS), table_name=HISTORY_TABLE).status() if m.applied
    ]


def is_current(db: SqliteDatabase) -> bool:
    """Whether ``db`` has every migration and trigger of this WinWin (nothing to write)."""
    status = Runner(db, str(MIGRATIONS), table_name=HISTORY_TABLE).status()
    return all(m.applied for m in status if m.path) and _triggers_installed(db)


def migrate(db: SqliteDatabase, path: Path) -> None:
    """Run the scripts ``db`` has not had yet (an existing journal gets a verified copy
    first), and make sure the search index's and the totals' triggers are in place."""
    runner = Runner(db, str(MIGRATIONS), table_name=HISTORY_TABLE)
    status = runner.status()
    pending = [m for m in status if not m.applied and m.path]
    if not pending:
        if not _triggers_installed(db):
            # Stopped (killed, power cut) after the migrations and before the triggers.
            aggregates.install(db)
            search_index.install(db)
        return
    if any(m.applied for m in status):
        # An existing journal: keep a verified copy before changing its schema.
        stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
        snapshots.backup_to(path.with_name(f"{path.stem}.before-{pending[0].name}-{stamp}.db"), db)
    # The search index's triggers name other tables, which a migration may rebuild: they
    # are set aside while the scripts run, then installed for the new schema.
    search_index.drop_triggers(db)
    aggregates.drop_triggers(db)
    runner.up()
    aggregates.install(db)
    search_index.install(db)


def _triggers_installed(db: SqliteDatabase) -> bool:
    present = {
        row[0] for row in db.execute_sql("SELECT name FROM sqlite_master WHERE type = 'trigger'")
    }
    expected = set(aggregates.TRIGGERS) | {
        statement.split()[2] for statement in search_index.trigger_statements()
    }
    return expected <= present
