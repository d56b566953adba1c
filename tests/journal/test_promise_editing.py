"""Editing and deleting promises, the interaction they came from, and the Trash."""

from __future__ import annotations

import datetime as dt

import pytest

from winwin_desktop import store
from winwin_desktop.analytics.attention import I_OWE, KEPT, OPEN, THEY_OWE
from winwin_desktop.journal import NotFound, ValidationError, interactions, people, promises, trash
from winwin_desktop.store.models import Promise


@pytest.fixture
def zoe(journal):
    return people.add_person("Zoë Brontë-Nuñez").id


def test_edit_text_due_and_who_owes_in_one_undoable_action(zoe):
    promise = promises.add_promise(zoe, I_OWE, "the deck", "2026-12-01")
    with store.recording("edit") as change:
        edited = promises.edit_promise(promise.id, "  the  revised deck ", "2026-12-08", THEY_OWE)
    assert (edited.text, edited.due, edited.owed_by, edited.status) == (
        "the revised deck",
        dt.date(2026, 12, 8),
        THEY_OWE,
        OPEN,
    )
    change.undo()
    assert promises.get_promise(promise.id) == promise
    change.redo()
    assert promises.get_promise(promise.id) == edited


def test_editing_keeps_the_status_and_the_interaction(zoe):
    call = interactions.log_interaction("2026-11-20", "Call", [zoe])
    promise = promises.add_promise(zoe, I_OWE, "the deck", None, call.id)
    promises.set_status(promise.id, KEPT, dt.date(2026, 11, 25))
    edited = promises.edit_promise(promise.id, "the deck, v2", None)
    assert (edited.status, edited.interaction_id, edited.due) == (KEPT, call.id, None)


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("  ", None), "Say what was promised."),
        (("the deck", "soon"), "soon is not a date; write it as YYYY-MM-DD."),
        (("the deck", None, "us"), "A promise is owed either by you or by them."),
    ],
)
def test_bad_edits_change_nothing(zoe, args, message):
    promise = promises.add_promise(zoe, I_OWE, "the deck", "2026-12-01")
    with pytest.raises(ValidationError) as refused:
        promises.edit_promise(promise.id, *args)
    assert refused.value.message == message
    assert promises.get_promise(promise.id) == promise


def test_editing_a_deleted_promise_is_refused(zoe):
    promise = promises.add_promise(zoe, I_OWE, "the deck")
    promises.delete_promise(promise.id)
    with pytest.raises(NotFound, match="That promise no longer exists."):
        promises.edit_promise(promise.id, "x", None)


def test_promises_of_an_interaction_and_where_each_came_from(zoe):
    minh = people.add_person("Minh Hoang").id
    lunch = interactions.log_interaction("2026-11-20", "Lunch", [zoe, minh])
    call = interactions.log_interaction("2026-11-21", "", [zoe], kind="call")
    a = promises.add_promise(zoe, I_OWE, "the deck", None, lunch.id)
    b = promises.add_promise(minh, THEY_OWE, "an intro", None, lunch.id)
    c = promises.add_promise(zoe, THEY_OWE, "feedback", None, call.id)
    loose = promises.add_promise(zoe, I_OWE, "coffee")
    gone = promises.add_promise(zoe, I_OWE, "gone", None, lunch.id)
    promises.delete_promise(gone.id)

    assert [p.id for p in promises.promises_of_interaction(lunch.id)] == [a.id, b.id]

    sources = promises.promise_sources([a, c, loose])
    assert set(sources) == {a.id, c.id}
    assert sources[a.id].label == "2026-11-20 · Lunch"
    assert sources[c.id].label == "2026-11-21 · call"  # no title: its kind

    interactions.delete_interaction(lunch.id)
    assert promises.promise_sources([a])[a.id].label == "2026-11-20 · Lunch (in the Trash)"


def test_a_deleted_promise_is_in_the_trash_and_comes_back(zoe):
    promise = promises.add_promise(zoe, I_OWE, "the deck")
    promises.delete_promise(promise.id)
    assert promises.promises(zoe) == []
    [item] = trash.trash_items()
    assert (item.kind, item.label) == (trash.PROMISE, "the deck (with Zoë Brontë-Nuñez)")
    trash.restore(item)
    assert promises.promises(zoe) == [promise]


def test_emptying_the_trash_deletes_promises_for_good_and_undo_brings_them_back(zoe):
    promise = promises.add_promise(zoe, I_OWE, "the deck")
    minh = people.add_person("Minh Hoang").id
    theirs = promises.add_promise(minh, THEY_OWE, "an intro")
    promises.delete_promise(theirs.id)
    people.delete_person(minh)  # their deleted promise goes with them, listed once
    promises.delete_promise(promise.id)
    assert [i.kind for i in trash.trash_items()] == [trash.PROMISE, trash.PERSON]
    with store.recording("empty") as change:
        assert trash.empty_trash() == 2
    assert Promise.select().count() == 0
    change.undo()
    assert Promise.select().count() == 2
