"""A long read on a thread of its own, beside the caller's queries."""

from __future__ import annotations

import threading

import pytest

from winwin_desktop.journal import people
from winwin_desktop.store import aggregates
from winwin_desktop.store.connection import is_server
from winwin_desktop.store.models import database


def test_a_file_journal_answers_from_another_thread_a_server_one_at_once(journal):
    people.add_person("Ada")
    threads = []

    def count(db):
        threads.append(threading.current_thread())
        return db.execute_sql("SELECT COUNT(*) FROM person").fetchone()[0]

    wait = aggregates.in_background(count, database.obj)
    assert wait() == 1
    # A server journal's query runs at once: a connection of its own costs round trips.
    assert (threads[0] is threading.current_thread()) == is_server(journal)
    assert people.people_summaries()[0].name == "Ada"  # this thread's connection is fine


def test_an_error_in_the_query_reaches_the_caller(journal):
    def broken(db):
        return db.execute_sql("SELECT * FROM no_such_table").fetchall()

    wait = aggregates.in_background(broken, database.obj)
    with pytest.raises(Exception, match="no_such_table"):
        wait()


def test_an_encrypted_journal_answers_in_the_calling_thread():
    class Encrypted:
        encrypted = True

    threads = []
    wait = aggregates.in_background(
        lambda db: threads.append(threading.current_thread()), Encrypted()
    )
    wait()
    assert threads == [threading.current_thread()]
