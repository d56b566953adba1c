"""A save is a handful of round trips to a server, however much it holds: a journal on a
server 20 ms away must still feel instant. Counted, not timed (the timings are in
benchmarks/bench_round_trips.py)."""

from __future__ import annotations

import contextlib
import datetime as dt

import pytest

from tests.helpers.clients import either_journal  # noqa: F401 (a fixture)
from winwin_desktop.journal import interactions, people, promises
from winwin_desktop.journal.errors import ValidationError
from winwin_desktop.journal.log_entry import (
    EntryExchange,
    EntryPromise,
    LogEntry,
    NewPerson,
    save_log_entry,
)
from winwin_desktop.journal.undo import user_action
from winwin_desktop.store import recording
from winwin_desktop.store.connection import database, is_server
from winwin_desktop.store.models import Exchange, Interaction, Promise

pytestmark = pytest.mark.usefixtures("either_journal")

DAY = dt.date(2026, 3, 2)


@contextlib.contextmanager
def round_trips(db, monkeypatch):
    """What is sent to the journal and waited for, in order. On a server, each statement
    sent alone (named by its first word) and each batch sent at once ("batch", psycopg's
    pipeline, however many statements it holds); on a SQLite file, each statement."""
    counted: list[str] = []
    with monkeypatch.context() as patch:
        if is_server(db):
            import psycopg

            def batch(conn, *args, **kwargs):
                counted.append("batch")
                return pipeline(conn, *args, **kwargs)

            def statement(cursor, query, *args, **kwargs):
                if cursor.connection._pipeline is None:
                    counted.append(str(query).split()[0].upper())
                return execute(cursor, query, *args, **kwargs)

            pipeline, execute = psycopg.Connection.pipeline, psycopg.Cursor.execute
            patch.setattr(psycopg.Connection, "pipeline", batch)
            patch.setattr(psycopg.Cursor, "execute", statement)
        else:

            def named(word, method):
                def counting(*args, **kwargs):
                    counted.append(word or args[0].split()[0].upper())
                    return method(*args, **kwargs)

                return counting

            patch.setattr(db, "execute_sql", named(None, db.execute_sql))
            for name in ("begin", "commit", "rollback"):
                patch.setattr(db, name, named(name.upper(), getattr(db, name)))
        yield counted


def test_a_new_entry_is_saved_in_two_round_trips_however_much_it_holds(monkeypatch):
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
    if is_server(db):  # BEGIN goes with the reads, COMMIT with the writes
        assert for_big == ["batch", "batch"]
    assert Interaction.select().count() == 2
    assert Exchange.select().count() == 9 and Promise.select().count() == 3


def test_an_edit_is_three_round_trips_and_says_what_a_fresh_read_says(monkeypatch):
    """An edit's UPDATEs must each find their row before the save commits: its COMMIT
    travels alone."""
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
        assert counted == ["batch", "batch", "COMMIT"]
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


def test_the_log_dialogs_save_commits_with_its_writes_and_a_longer_action_at_its_end(
    monkeypatch,
):
    """The window runs the save as an action of one use case: two round trips. An action
    doing more after a save keeps it uncommitted until its end: its failing undoes all."""
    db = database.obj
    ada = people.add_person("Ada").id
    entry = LogEntry(date=DAY, title="Coffee", people=[ada, NewPerson("Zoë")])
    with round_trips(db, monkeypatch) as alone, user_action(entry.label, one_use_case=True):
        save_log_entry(entry)
    with round_trips(db, monkeypatch) as longer, user_action("Two things"):
        save_log_entry(entry)
        people.add_person("Minh")
    with pytest.raises(ValidationError), user_action("Save, then fail"):
        save_log_entry(LogEntry(date=DAY, title="Lunch", people=[ada, NewPerson("Oisín")]))
        people.add_person("   ")  # no name: refused

    if is_server(db):
        assert alone == ["batch", "batch"]
        assert longer[:2] == ["batch", "batch"] and longer.index("COMMIT") == len(longer) - 1
    assert [i.title for i in interactions.timeline(ada)] == ["Coffee", "Coffee"]
    assert people.find_person("Oisín") is None and people.find_person("Minh") is not None
