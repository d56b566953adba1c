"""Issue 13: a journal too big to check whole before it opens (store/opening.py's
QUICK_CHECK_MAX_BYTES) opens at once and is checked on a thread of its own; its first
write waits for the verdict, and a damaged one refuses it."""

from __future__ import annotations

import sqlite3
import threading

import pytest

from tests.store.test_opening_rules import damage_an_index, journal_with_backup
from winwin_desktop.journal import people
from winwin_desktop.journal.opening import close_journal, open_journal
from winwin_desktop.journal.undo import JournalUnavailable, user_action
from winwin_desktop.store import opening, verified


@pytest.fixture
def big(monkeypatch):
    """Every journal counts as too big to check whole before it opens."""
    monkeypatch.setattr(opening, "QUICK_CHECK_MAX_BYTES", 0)


def names() -> list[str]:
    return sorted(name for _, name in people.people_names())


def test_a_big_damaged_journal_opens_for_reading_and_refuses_its_first_write(tmp_path, big):
    path = tmp_path / "journal.db"
    journal_with_backup(path)
    damage_an_index(path)
    damaged = path.read_bytes()

    open_journal(path)  # not refused: it is checked once open
    assert names() == ["Ada Lovelace", "Grace Hopper"]
    with pytest.raises(JournalUnavailable) as refused, user_action("Add Katherine Johnson"):
        people.add_person("Katherine Johnson")
    assert refused.value.message.startswith(f"{path} is damaged (")
    assert "restore its latest backup" in refused.value.message
    close_journal()
    assert path.read_bytes() == damaged
    assert not verified.is_recorded(path)


def test_a_big_sound_journal_is_written_once_checked_and_then_remembered(tmp_path, big):
    path = tmp_path / "journal.db"
    journal_with_backup(path)
    assert not verified.is_recorded(path)  # a state of the file no WinWin has checked

    open_journal(path)
    with user_action("Add Katherine Johnson"):
        people.add_person("Katherine Johnson")
    close_journal()
    assert verified.is_recorded(path)  # the next open needs no check
    open_journal(path)
    assert names() == ["Ada Lovelace", "Grace Hopper", "Katherine Johnson"]
    close_journal()


def test_closing_the_journal_stops_a_check_still_running(tmp_path):
    path = tmp_path / "journal.db"
    journal_with_backup(path)
    started = threading.Event()

    def endless(con: sqlite3.Connection) -> list[str]:
        started.set()
        con.execute(
            "WITH RECURSIVE n(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM n) SELECT count(*) FROM n"
        ).fetchall()
        return []

    verified.check_once_open(path)
    verified.check_in_background(
        path, lambda: sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True), endless
    )
    assert started.wait(10)
    verified.closed(path)  # returns: SQLite was interrupted
    assert not verified.is_recorded(path)  # no verdict, nothing remembered
