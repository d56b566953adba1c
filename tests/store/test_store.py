"""The journal file: location, pragmas, migrations, refusing files that are not journals."""

from __future__ import annotations

import sqlite3

import pytest

from tests.helpers.journals import connect_raw, open_again
from winwin_desktop.store import JournalError, close_journal, default_journal_path, open_journal
from winwin_desktop.store.migrate import MIGRATIONS, applied_migrations
from winwin_desktop.store.team import SERVER_TABLES, TEAM_TABLES

# Every numbered script shipped in store/migrations/, in order.
SHIPPED = sorted(p.stem for p in MIGRATIONS.glob("[0-9]*.py"))
assert SHIPPED[0] == "0001_initial"

pytestmark = pytest.mark.both_journal_kinds


def test_default_location_is_the_user_data_folder(isolated_home):
    path = default_journal_path()
    assert path.name == "journal.db"
    assert str(path).startswith(str(isolated_home))
    assert "WinWin" in path.parts


def test_winwin_db_overrides_the_location(monkeypatch, tmp_path):
    monkeypatch.setenv("WINWIN_DB", str(tmp_path / "elsewhere.db"))
    assert default_journal_path() == tmp_path / "elsewhere.db"


def test_a_missing_folder_is_created(tmp_path):
    path = tmp_path / "a" / "b" / "journal.db"
    open_journal(path)
    close_journal()
    assert path.is_file()


@pytest.mark.needs_file("SQLite's pragmas")
def test_pragmas(journal):
    def pragma(name):
        return journal.execute_sql(f"PRAGMA {name}").fetchone()[0]

    assert pragma("journal_mode") == "wal"
    assert pragma("foreign_keys") == 1
    assert pragma("synchronous") == 2  # FULL
    assert pragma("busy_timeout") >= 1000


def test_migration_history_is_recorded_once(journal_path, passphrase):
    db = open_again(journal_path, passphrase)
    assert applied_migrations(db) == SHIPPED
    close_journal()
    db = open_again(journal_path, passphrase)
    assert applied_migrations(db) == SHIPPED
    rows = db.execute_sql("SELECT name FROM schema_migration ORDER BY name").fetchall()
    assert rows == [(name,) for name in SHIPPED]
    close_journal()


def test_every_table_has_the_bookkeeping_columns(journal):
    for table in journal.get_tables():
        # The search index's tables (store/search_index.py) hold no records of their own;
        # the team's (store/team.py: members, shares, private notes) are no journal
        # records: never exported, copied or put in the trash.
        if table in ("schema_migration", *TEAM_TABLES, *SERVER_TABLES) or table.startswith(
            "search_"
        ):
            continue
        columns = {c.name for c in journal.get_columns(table)}
        assert {"id", "uid", "created_at", "updated_at", "deleted_at"} <= columns, table


def test_a_file_that_is_not_a_journal_is_refused_and_left_untouched(tmp_path):
    path = tmp_path / "notes.db"
    path.write_bytes(b"just some text, not a database\n" * 10)
    before = path.read_bytes()
    with pytest.raises(JournalError, match="is not a WinWin journal"):
        open_journal(path)
    assert path.read_bytes() == before


def test_another_programs_database_is_refused_and_left_untouched(tmp_path):
    path = tmp_path / "other.db"
    con = sqlite3.connect(path)
    con.execute("CREATE TABLE invoices (id INTEGER PRIMARY KEY, total REAL)")
    con.commit()
    con.close()
    before = path.read_bytes()
    with pytest.raises(JournalError, match="another program"):
        open_journal(path)
    assert path.read_bytes() == before


def test_a_folder_given_as_journal_is_refused(tmp_path):
    with pytest.raises(JournalError, match="is a folder"):
        open_journal(tmp_path)


def test_a_pending_migration_is_preceded_by_a_verified_backup(tmp_path, monkeypatch, passphrase):
    """The snapshot has the journal's protection: encrypted with its key, or plain."""
    import winwin_desktop.store.migrate as db_module

    migrations = tmp_path / "migrations"
    migrations.mkdir()
    for script in db_module.MIGRATIONS.glob("0*.py"):
        (migrations / script.name).write_text(script.read_text())
    monkeypatch.setattr(db_module, "MIGRATIONS", migrations)
    path = tmp_path / "journal.db"
    open_again(path, passphrase)
    close_journal()
    (migrations / "9999_add_colour.py").write_text(
        "from peewee import CharField\n\n"
        "def up(migrator, db):\n"
        "    migrator.migrate(migrator.add_column('tag', 'colour', CharField(default='')))\n"
    )
    db = open_again(path, passphrase)
    assert applied_migrations(db) == [*SHIPPED, "9999_add_colour"]
    assert "colour" in {c.name for c in db.get_columns("tag")}
    close_journal()
    [backup] = tmp_path.glob("journal.before-9999_add_colour-*.db")
    con = connect_raw(backup, passphrase)
    assert con.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    assert con.execute("SELECT name FROM schema_migration ORDER BY name").fetchall() == [
        (name,) for name in SHIPPED
    ]
    con.close()
