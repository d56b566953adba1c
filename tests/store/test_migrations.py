"""Schema migrations: a journal from the first WinWin upgrades with every row intact, after
a verified backup; a journal from a newer WinWin is refused and left as it is."""

from __future__ import annotations

import shutil
import sqlite3

import pytest
from peewee import SqliteDatabase
from playhouse.migrations import Runner

from winwin_desktop.journal import people, search
from winwin_desktop.store import JournalError, close_journal, open_journal, snapshots
from winwin_desktop.store.connection import PRAGMAS
from winwin_desktop.store.migrate import HISTORY_TABLE, MIGRATIONS, applied_migrations

SHIPPED = sorted(p.stem for p in MIGRATIONS.glob("[0-9]*.py"))
STAMP = "2024-05-01 09:30:00"

# One or more rows in every table of schema 0001, written as the first WinWin wrote them.
ROWS_0001 = {
    "setting": [
        {"key": "review_window_days", "value": "180"},
        {"key": "categories", "value": '["advice", "introduction", "mentoring"]'},
    ],
    "tag": [{"name": "client", "cadence_days": 30}, {"name": "mentor", "cadence_days": None}],
    "person": [
        {
            "name": "Zoë Brontë-Nuñez",
            "organisation": "Acme Robotics",
            "role": "Head of Partnerships",
            "emails": '["zoe@acme.example"]',
            "phones": '["+44 20 7946 0000"]',
            "links": "[]",
            "how_met": "Conference in Lisbon",
            "met_on": "2023-03-14",
            "introduced_by_id": None,
            "notes": "Likes **short** emails.",
            "cadence_days": 21,
            "archived": 0,
        },
        {
            "name": "Minh Hoang",
            "organisation": "",
            "role": "",
            "emails": "[]",
            "phones": "[]",
            "links": '["https://example.org/minh"]',
            "how_met": "",
            "met_on": None,
            "introduced_by_id": 1,
            "notes": "",
            "cadence_days": None,
            "archived": 1,
        },
    ],
    "person_tag": [{"person_id": 1, "tag_id": 1}, {"person_id": 2, "tag_id": 2}],
    "interaction": [
        {"date": "2024-04-30", "time": "14:00:00", "kind": "call", "title": "Intro call", "notes": "Market map"},
        {"date": "2024-05-01", "time": None, "kind": "meal", "title": "Lunch", "notes": ""},
    ],
    "participant": [
        {"interaction_id": 1, "person_id": 1},
        {"interaction_id": 1, "person_id": 2},
        {"interaction_id": 2, "person_id": 1},
    ],
    "exchange": [
        {"interaction_id": 1, "person_id": 1, "direction": "given", "category": "advice", "points": 3, "description": "market map"},
        {"interaction_id": 1, "person_id": 2, "direction": "received", "category": "introduction", "points": 4, "description": "CFO intro"},
        {"interaction_id": 2, "person_id": 1, "direction": "received", "category": "mentoring", "points": 2, "description": ""},
    ],
    "promise": [
        {"person_id": 1, "interaction_id": 1, "owed_by": "me", "text": "send the deck", "due": "2024-05-10", "status": "open", "closed_on": None},
        {"person_id": 2, "interaction_id": None, "owed_by": "them", "text": "intro to Rahel", "due": None, "status": "kept", "closed_on": "2024-05-01"},
    ],
    "reflection": [
        {"day": "2024-05-01", "text": "Lunch with @Zoë Brontë-Nuñez went well.", "answers": '{"What did I give?": "time"}'},
    ],
    "mention": [{"reflection_id": 1, "person_id": 1}],
}  # fmt: skip


def build_0001_journal(path, migrations_folder):
    """A journal at schema 0001, made by that migration alone, with ROWS_0001 in it."""
    migrations_folder.mkdir()
    shutil.copy(MIGRATIONS / "0001_initial.py", migrations_folder)
    db = SqliteDatabase(str(path), pragmas=PRAGMAS)
    Runner(db, str(migrations_folder), table_name=HISTORY_TABLE).up()
    assert set(db.get_tables()) == {HISTORY_TABLE, *ROWS_0001}, "every table gets rows"
    with db.atomic():
        for table, rows in ROWS_0001.items():
            for number, row in enumerate(rows, start=1):
                values = {
                    "uid": f"{table}-{number}",
                    "created_at": STAMP,
                    "updated_at": STAMP,
                    "deleted_at": None,
                    **row,
                }
                columns = ", ".join(values)
                marks = ", ".join("?" for _ in values)
                db.execute_sql(
                    f"INSERT INTO {table} ({columns}) VALUES ({marks})", list(values.values())
                )
    db.close()


def contents(path) -> dict[str, list[dict]]:
    """Every row of every 0001 table, as stored (read-only)."""
    con = sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True)
    con.row_factory = sqlite3.Row
    try:
        return {
            table: [dict(row) for row in con.execute(f"SELECT * FROM {table} ORDER BY id")]
            for table in ROWS_0001
        }
    finally:
        con.close()


def test_a_journal_at_schema_0001_upgrades_with_every_row_intact(tmp_path):
    journal = tmp_path / "journal.db"
    build_0001_journal(journal, tmp_path / "migrations-0001")
    before = contents(journal)

    db = open_journal(journal)
    try:
        assert applied_migrations(db) == SHIPPED
        # The use cases see the old rows: people, balances, the search index.
        zoe = people.find_person("Zoë Brontë-Nuñez")
        assert (zoe.organisation, zoe.emails, zoe.tags) == (
            "Acme Robotics",
            ["zoe@acme.example"],
            ["client"],
        )
        assert [hit.title for hit in search.search("bronte")][:1] == ["Zoë Brontë-Nuñez"]
        exchange_days = db.execute_sql("SELECT day FROM exchange ORDER BY id").fetchall()
        assert exchange_days == [("2024-04-30",), ("2024-04-30",), ("2024-05-01",)]
    finally:
        close_journal()

    after = contents(journal)
    for table, rows in before.items():
        assert len(after[table]) == len(rows), table
        for old, new in zip(rows, after[table], strict=True):
            # Every column the row had keeps its value; new columns only add to it.
            assert {column: new[column] for column in old} == old, table

    # A verified copy of the journal as it was was taken before the first migration ran.
    [backup] = tmp_path.glob(f"journal.before-{SHIPPED[1]}-*.db")
    con = sqlite3.connect(f"{backup.as_uri()}?mode=ro", uri=True)
    try:
        assert con.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert con.execute(f"SELECT name FROM {HISTORY_TABLE}").fetchall() == [("0001_initial",)]
    finally:
        con.close()
    assert contents(backup) == before


def test_no_migration_runs_when_the_backup_before_it_fails(tmp_path, monkeypatch):
    journal = tmp_path / "journal.db"
    build_0001_journal(journal, tmp_path / "migrations-0001")
    before = contents(journal)

    def unverified(target, db=None):
        raise JournalError(f"The snapshot {target} did not verify; the journal was not changed.")

    monkeypatch.setattr(snapshots, "backup_to", unverified)
    with pytest.raises(JournalError, match="did not verify"):
        open_journal(journal)
    con = sqlite3.connect(f"{journal.as_uri()}?mode=ro", uri=True)
    try:
        assert con.execute(f"SELECT name FROM {HISTORY_TABLE}").fetchall() == [("0001_initial",)]
    finally:
        con.close()
    assert contents(journal) == before


def test_a_journal_from_a_newer_winwin_is_refused_and_left_untouched(tmp_path):
    journal = tmp_path / "journal.db"
    open_journal(journal)
    people.add_person("Ada Lovelace")
    close_journal()
    # A newer WinWin applied a migration this one does not have — and, to show that not
    # even a pragma touched the file, it keeps its journal in rollback mode, not WAL.
    con = sqlite3.connect(journal)
    con.execute(f"INSERT INTO {HISTORY_TABLE} (name, applied) VALUES ('9001_colours', ?)", (STAMP,))
    con.commit()
    assert con.execute("PRAGMA journal_mode=DELETE").fetchone()[0] == "delete"
    con.close()
    before = journal.read_bytes()
    siblings = sorted(p.name for p in tmp_path.iterdir())

    with pytest.raises(JournalError) as refused:
        open_journal(journal)

    assert (
        str(refused.value) == f"{journal} was written by a newer WinWin; update WinWin to open it."
    )
    assert journal.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == siblings, "no backup, no WAL"


def test_the_command_line_refuses_a_newer_journal_with_exit_1(tmp_path, capsys):
    from winwin_desktop import cli

    journal = tmp_path / "journal.db"
    open_journal(journal)
    close_journal()
    con = sqlite3.connect(journal)
    con.execute(f"INSERT INTO {HISTORY_TABLE} (name, applied) VALUES ('9001_colours', ?)", (STAMP,))
    con.commit()
    con.close()
    before = journal.read_bytes()

    assert cli.main(["people", "--db", str(journal)]) == 1
    assert capsys.readouterr().err == (
        f"winwin: {journal} was written by a newer WinWin; update WinWin to open it.\n"
    )
    assert journal.read_bytes() == before
