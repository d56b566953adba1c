"""A save is a handful of round trips to a server, however much it holds: a journal on a
server 20 ms away must still feel instant. Counted, not timed (the timings are in
benchmarks/bench_round_trips.py)."""

from __future__ import annotations

import contextlib
import datetime as dt

import pytest

from tests.helpers.clients import either_journal  # noqa: F401 (a fixture)
from winwin_desktop.journal import interactions, people, promises
from winwin_desktop.journal.log_entry import (
    EntryExchange,
    EntryPromise,
    LogEntry,
    NewPerson,
    save_log_entry,
)
from winwin_desktop.store import recording
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


def test_an_edit_is_four_round_trips_too_and_says_what_a_fresh_read_says(monkeypatch):
    db = database.obj
    ada, minh, rahel = (people.add_person(n) for n in ("Ada", "Minh", "Rahel"))
    first = save_log_entry(
        LogEntry(
            date=DAY,
            title="Call",
            people=[ada.id, minh.id],
            exchanges=[
                EntryExchange(ada.id, "given", "advice", 3),
                EntryExchange(minh.id, "received", "advice", 2),
            ],
            promises=[EntryPromise(ada.id, "me", "an intro"), EntryPromise(minh.id, "them", "x")],
        )
    )
    kept, dropped = first.interaction.exchanges
    kept_promise, dropped_promise = first.promises
    edit = LogEntry(
        date=DAY + dt.timedelta(days=1),
        title="Long call",
        kind="video call",
        people=[ada.id, rahel.id, NewPerson("Zoë")],
        exchanges=[
            EntryExchange(ada.id, "given", "knowledge", 5, "the map", id=kept.id),
            EntryExchange(NewPerson("Zoë"), "received", "introduction", 4),
        ],
        promises=[
            EntryPromise(rahel.id, "them", "two intros", id=kept_promise.id),
            EntryPromise(NewPerson("Zoë"), "me", "a coffee"),
        ],
        interaction_id=first.interaction.id,
        removed_promise_ids=[dropped_promise.id],
    )
    before = interactions.get_interaction(first.interaction.id)
    with round_trips(db, monkeypatch) as counted, recording(edit.label) as change:
        saved = save_log_entry(edit)

    if is_server(db):
        assert counted == ["begin", "pipeline", "pipeline", "commit"]
    assert saved.interaction == interactions.get_interaction(first.interaction.id)
    assert saved.interaction.participant_names == ["Ada", "Rahel", "Zoë"]
    assert [(e.category, e.points) for e in saved.interaction.exchanges] == [
        ("knowledge", 5),
        ("introduction", 4),
    ]
    assert saved.promises == promises.promises_of_interaction(first.interaction.id)
    assert [(p.person_name, p.text) for p in saved.promises] == [
        ("Rahel", "two intros"),
        ("Zoë", "a coffee"),
    ]

    change.undo()
    assert interactions.get_interaction(first.interaction.id) == before
    assert promises.promises_of_interaction(first.interaction.id) == first.promises
    assert people.find_person("Zoë") is None
    change.redo()
    assert interactions.get_interaction(first.interaction.id) == saved.interaction
