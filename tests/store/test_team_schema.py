"""The team's schema (migration 0008) on a journal file: an existing journal gains only
empty tables and empty columns; a file never has members."""

from __future__ import annotations

import sqlite3

import pytest

from tests.store.test_migrations import ROWS_0001, build_0001_journal
from winwin_desktop.journal import people, team
from winwin_desktop.store import close_journal, open_journal
from winwin_desktop.store import team as store_team
from winwin_desktop.store.models import Person
from winwin_desktop.store.team import TEAM_TABLES

RECORDED = ("person", "interaction", "exchange", "promise", "reflection")


@pytest.mark.needs_file("it upgrades a journal file made at schema 0001")
def test_an_existing_journal_file_gains_only_empty_team_tables_and_columns(tmp_path):
    journal = tmp_path / "journal.db"
    build_0001_journal(journal, tmp_path / "migrations-0001")
    open_journal(journal)
    close_journal()

    con = sqlite3.connect(f"{journal.as_uri()}?mode=ro", uri=True)
    try:
        for table in TEAM_TABLES:
            assert con.execute(f"SELECT count(*) FROM {table}").fetchone() == (0,), table
        for table in RECORDED:
            rows = con.execute(f"SELECT member_id FROM {table}").fetchall()
            assert rows == [(None,)] * len(ROWS_0001[table]), table
        shared = con.execute("SELECT shared_with_team FROM person").fetchall()
        assert shared == [(0,)] * len(ROWS_0001["person"])
    finally:
        con.close()


def test_a_journal_without_members_records_nobody(journal):
    ada = people.add_person("Ada Lovelace")
    assert team.members() == []
    assert team.current_member() is None
    assert team.is_team_journal() is False
    row = Person.get_by_id(ada.id)
    assert (row.member_id, bool(row.shared_with_team)) == (None, False)


@pytest.mark.needs_server
def test_each_test_starts_from_a_journal_without_members(journal, server_journal_url):
    from tests.helpers import server_journals

    ada = people.add_person("Ada Lovelace")
    with journal.atomic():
        member, attributed = store_team.insert_member(
            journal, "nobody_logs_in", "a@example.com", "A"
        )
        journal.execute_sql(
            "INSERT INTO private_note (person_id, member_id, text, updated_at) "
            "VALUES (%s, %s, 'private', now())",
            (ada.id, member.id),
        )
        journal.execute_sql(
            "INSERT INTO person_share (person_id, member_id) VALUES (%s, %s)", (ada.id, member.id)
        )
    assert attributed == 1 and team.is_team_journal()

    server_journals.empty(server_journal_url)

    for table in TEAM_TABLES:
        assert journal.execute_sql(f"SELECT count(*) FROM {table}").fetchone() == (0,), table
    assert not team.is_team_journal()
    assert journal.execute_sql(
        "SELECT count(*) FROM pg_class WHERE relrowsecurity"
        " AND relnamespace = current_schema()::regnamespace"
    ).fetchone() == (0,)
