"""A save is a handful of round trips to a server, however much it holds: a journal on a
server 20 ms away must still feel instant. Counted, not timed (the timings are in
benchmarks/bench_round_trips.py)."""

from __future__ import annotations

import contextlib
import datetime as dt

import pytest

from tests.helpers.clients import either_journal  # noqa: F401 (a fixture)
from winwin_desktop.journal import people
from winwin_desktop.journal.log_entry import (
    EntryExchange,
    EntryPromise,
    LogEntry,
    NewPerson,
    save_log_entry,
)
from winwin_desktop.store.connection import database, is_server
from winwin_desktop.store.models import Exchange, Interaction, Promise

pytestmark = pytest.mark.usefixtures("either_journal")

DAY = dt.date(2026, 3, 2)


@contextlib.contextmanager
def round_trips(db, monkeypatch):
    """Count what is sent to the journal and waited for: each statement, the start and
    end of each transaction, and each batch sent at once (a server's pipeline)."""
    counted = []

    def counting(method):
        def wrapper(*args, **kwargs):
            counted.append(method.__name__)
            return method(*args, **kwargs)

        return wrapper

    with monkeypatch.context() as patch:
        for name in ("execute_sql", "begin", "commit", "rollback"):
            patch.setattr(db, name, counting(getattr(db, name)))
        if is_server(db):
            connection = type(db.connection())
            patch.setattr(connection, "pipeline", counting(connection.pipeline))
        yield counted


def test_a_new_entry_is_saved_in_four_round_trips_however_much_it_holds(monkeypatch):
    db = database.obj
    ada, minh, rahel = (people.add_person(n) for n in ("Ada", "Minh", "Rahel"))
    small = LogEntry(
        date=DAY,
        title="Coffee",
        people=[ada.id, NewPerson("Zoë")],
        exchanges=[EntryExchange(ada.id, "given", "advice", 3)],
        promises=[EntryPromise(ada.id, "me", "an intro")],
    )
    big = LogEntry(
        date=DAY,
        title="Offsite",
        people=[ada.id, minh.id, rahel.id, NewPerson("Piotr"), NewPerson("Oisín")],
        exchanges=[
            EntryExchange(who, direction, "knowledge", 2)
            for who in (ada.id, minh.id, rahel.id, NewPerson("Piotr"))
            for direction in ("given", "received")
        ],
        promises=[EntryPromise(who, "them", "the deck") for who in (minh.id, NewPerson("Oisín"))],
    )
    with round_trips(db, monkeypatch) as for_small:
        save_log_entry(small)
    with round_trips(db, monkeypatch) as for_big:
        save_log_entry(big)

    assert len(for_small) == len(for_big)
    if is_server(db):
        assert for_big == ["begin", "pipeline", "pipeline", "commit"]
    assert Interaction.select().count() == 2
    assert Exchange.select().count() == 9 and Promise.select().count() == 3
