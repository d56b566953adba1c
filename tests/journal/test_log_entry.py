"""Saving a log entry: the one function the log dialog and ``winwin log`` both call."""

from __future__ import annotations

import datetime as dt

import pytest

from winwin_desktop.analytics.attention import I_OWE, THEY_OWE
from winwin_desktop.journal import ValidationError, interactions, people, promises
from winwin_desktop.journal.log_entry import (
    EntryExchange,
    EntryPromise,
    LogEntry,
    NewPerson,
    save_log_entry,
)
from winwin_desktop.store import recording
from winwin_desktop.store.models import Exchange, Interaction, Person, Promise

pytestmark = pytest.mark.both_journal_kinds

DAY = dt.date(2026, 3, 2)


def test_new_people_interaction_exchanges_and_promises_are_one_undo_step(journal):
    ada = people.add_person("Ada Lovelace")
    minh = NewPerson("Minh Hoang", organisation="Globex", emails=("minh@globex.example",))
    entry = LogEntry(
        date=DAY,
        title="  Coffee   chat ",
        people=[ada.id, minh],
        exchanges=[
            EntryExchange(ada.id, "given", "advice", 3, "market map"),
            EntryExchange(minh, "received", "introduction", 2),
        ],
        promises=[
            EntryPromise(minh, THEY_OWE, "send the deck", DAY + dt.timedelta(days=7)),
            EntryPromise(ada.id, I_OWE, "an intro"),
        ],
    )
    assert entry.label == "Log “Coffee chat”"
    with recording(entry.label) as change:
        saved = save_log_entry(entry)

    added = people.get_person(saved.added[0].id)
    assert (added.name, added.organisation, added.emails) == (
        "Minh Hoang",
        "Globex",
        ["minh@globex.example"],
    )
    assert saved.interaction.participant_names == ["Ada Lovelace", "Minh Hoang"]
    assert {(e.person_id, e.direction, e.points) for e in saved.interaction.exchanges} == {
        (ada.id, "given", 3),
        (added.id, "received", 2),
    }
    assert [(p.person_name, p.owed_by, p.text) for p in saved.promises] == [
        ("Minh Hoang", THEY_OWE, "send the deck"),
        ("Ada Lovelace", I_OWE, "an intro"),
    ]
    assert all(p.interaction_id == saved.interaction.id for p in saved.promises)

    change.undo()  # one step takes all of it back, the new person included
    assert [p.name for p in Person.select()] == ["Ada Lovelace"]
    assert Interaction.select().count() == Exchange.select().count() == 0
    assert Promise.select().count() == 0


def test_a_refused_promise_leaves_the_journal_as_it_was(journal):
    ada = people.add_person("Ada Lovelace")
    entry = LogEntry(
        date=DAY,
        title="Call",
        people=[ada.id, NewPerson("Minh Hoang")],
        exchanges=[EntryExchange(ada.id, "given", "advice", 3)],
        promises=[EntryPromise(ada.id, I_OWE, "   ")],
    )
    with pytest.raises(ValidationError) as refused:
        save_log_entry(entry)
    assert refused.value.message == "Say what was promised."
    assert [p.name for p in Person.select()] == ["Ada Lovelace"]
    assert Interaction.select().count() == Exchange.select().count() == 0


def test_editing_changes_the_interaction_and_its_promises_in_place(journal):
    ada = people.add_person("Ada Lovelace")
    first = save_log_entry(
        LogEntry(
            date=DAY,
            title="Call",
            people=[ada.id],
            promises=[EntryPromise(ada.id, I_OWE, "an intro"), EntryPromise(ada.id, I_OWE, "x")],
        )
    )
    kept, dropped = first.promises
    edit = LogEntry(
        date=DAY,
        title="Long call",
        people=[ada.id],
        interaction_id=first.interaction.id,
        promises=[EntryPromise(ada.id, THEY_OWE, "two intros", id=kept.id)],
        removed_promise_ids=[dropped.id],
    )
    assert edit.label == "Edit “Long call”"
    saved = save_log_entry(edit)
    assert saved.interaction.id == first.interaction.id
    assert interactions.get_interaction(first.interaction.id).title == "Long call"
    assert [
        (p.id, p.owed_by, p.text) for p in promises.promises_of_interaction(first.interaction.id)
    ] == [(kept.id, THEY_OWE, "two intros")]
