"""Promises both ways: adding, listing, keeping (with the matching exchange), undo."""

from __future__ import annotations

import datetime as dt

import pytest

from winwin_desktop import store
from winwin_desktop.analytics.attention import DROPPED, I_OWE, KEPT, OPEN, THEY_OWE
from winwin_desktop.journal import NotFound, ValidationError, interactions, people, promises
from winwin_desktop.journal.interactions import ExchangeData
from winwin_desktop.store.models import Exchange, Interaction, Promise

pytestmark = pytest.mark.both_journal_kinds


@pytest.fixture
def zoe(journal):
    return people.add_person("Zoë Brontë-Nuñez").id


def totals(person_id: int) -> tuple[int, int, int, dt.date | None]:
    s = people.person_summary(person_id)
    return s.given, s.received, s.interactions, s.last_contact


def test_add_a_promise_from_an_interaction(zoe):
    call = interactions.log_interaction("2026-11-20", "Call", [zoe])
    added = promises.add_promise(zoe, I_OWE, "  send   the deck ", "2026-12-01", call.id)
    assert (added.person_name, added.owed_by, added.text, added.due, added.status) == (
        "Zoë Brontë-Nuñez",
        I_OWE,
        "send the deck",
        dt.date(2026, 12, 1),
        OPEN,
    )
    assert added.interaction_id == call.id
    assert promises.get_promise(added.id) == added


@pytest.mark.parametrize(
    ("args", "message"),
    [
        ((I_OWE, "   "), "Say what was promised."),
        ((I_OWE, "x" * 501), "Keep a promise under 500 characters."),
        ((I_OWE, "the deck", "2026-13-45"), "2026-13-45 is not a date; write it as YYYY-MM-DD."),
        ((I_OWE, "the deck", "next week"), "next week is not a date; write it as YYYY-MM-DD."),
        (("us", "the deck"), "A promise is owed either by you or by them."),
    ],
)
def test_bad_input_writes_nothing(zoe, args, message):
    with pytest.raises(ValidationError) as refused:
        promises.add_promise(zoe, *args)
    assert refused.value.message == message
    assert Promise.select().count() == 0


def test_a_promise_to_nobody_writes_nothing(zoe):
    with pytest.raises(NotFound, match="That person is not in the journal."):
        promises.add_promise(zoe + 1, I_OWE, "the deck")
    people.delete_person(zoe)
    with pytest.raises(NotFound):
        promises.add_promise(zoe, THEY_OWE, "the deck")
    assert Promise.select().count() == 0


def test_listed_open_first_soonest_due_first_undated_last(zoe):
    minh = people.add_person("Minh Hoang").id
    late = promises.add_promise(zoe, I_OWE, "late", "2026-12-10")
    undated = promises.add_promise(minh, THEY_OWE, "undated")
    soon = promises.add_promise(minh, I_OWE, "soon", "2026-12-01")
    kept = promises.add_promise(zoe, THEY_OWE, "kept early", "2026-11-01")
    also_soon = promises.add_promise(zoe, THEY_OWE, "also soon", "2026-12-01")
    promises.set_status(kept.id, KEPT, dt.date(2026, 11, 2))

    assert [p.text for p in promises.promises()] == [
        "soon",
        "also soon",
        "late",
        "undated",
        "kept early",
    ]
    assert [p.id for p in promises.promises(person_id=minh)] == [soon.id, undated.id]
    assert [p.id for p in promises.promises(status=OPEN, person_id=zoe)] == [
        also_soon.id,
        late.id,
    ]
    promises.delete_promise(late.id)
    assert late.id not in [p.id for p in promises.promises()]
    with pytest.raises(NotFound):
        promises.set_status(late.id, KEPT)


@pytest.mark.parametrize(
    ("owed_by", "direction", "given_received"),
    [(I_OWE, "given", (2, 0)), (THEY_OWE, "received", (0, 2))],
)
def test_keeping_a_promise_records_the_suggested_exchange(zoe, owed_by, direction, given_received):
    promise = promises.add_promise(zoe, owed_by, "the market map", "2026-12-01")
    assert totals(zoe) == (0, 0, 0, None)

    suggested = promises.suggested_exchange(promise)
    assert suggested == ExchangeData(zoe, direction, "help/time", 2, "the market map")
    kept, logged = promises.keep_promise(promise.id, suggested, on=dt.date(2026, 11, 27))

    assert (kept.status, kept.id) == (KEPT, promise.id)
    assert Promise.get_by_id(promise.id).closed_on == dt.date(2026, 11, 27)
    assert (logged.date, logged.kind, logged.title, logged.participants) == (
        dt.date(2026, 11, 27),
        "other",
        "Promise kept: the market map",
        [(zoe, "Zoë Brontë-Nuñez")],
    )
    assert [
        (e.person_id, e.direction, e.category, e.points, e.description) for e in logged.exchanges
    ] == [(zoe, direction, "help/time", 2, "the market map")]
    # The person's totals move, and keeping it counts as a contact.
    assert totals(zoe) == (*given_received, 1, dt.date(2026, 11, 27))


def test_keeping_without_an_exchange_only_closes_the_promise(zoe):
    promise = promises.add_promise(zoe, THEY_OWE, "an intro")
    kept, logged = promises.keep_promise(promise.id, on=dt.date(2026, 11, 27))
    assert (kept.status, logged) == (KEPT, None)
    assert Interaction.select().count() == 0
    assert totals(zoe) == (0, 0, 0, None)


def test_a_refused_exchange_leaves_the_promise_open(zoe):
    promise = promises.add_promise(zoe, I_OWE, "the deck")
    bad = ExchangeData(zoe, "given", "help/time", 9)
    with pytest.raises(ValidationError, match="Points go from 1 to 5"):
        promises.keep_promise(promise.id, bad)
    assert promises.get_promise(promise.id).status == OPEN
    assert Interaction.select().count() == Exchange.select().count() == 0


def test_undo_takes_back_both_the_kept_status_and_the_exchange(zoe):
    promise = promises.add_promise(zoe, I_OWE, "the deck", "2026-12-01")
    with store.recording("x") as change:
        promises.keep_promise(
            promise.id, promises.suggested_exchange(promise), on=dt.date(2026, 11, 27)
        )
    assert totals(zoe) == (2, 0, 1, dt.date(2026, 11, 27))

    change.undo()

    restored = promises.get_promise(promise.id)
    assert restored.status == OPEN
    assert Promise.get_by_id(promise.id).closed_on is None
    assert Interaction.select().count() == Exchange.select().count() == 0
    assert totals(zoe) == (0, 0, 0, None)

    change.redo()
    assert promises.get_promise(promise.id).status == KEPT
    assert totals(zoe) == (2, 0, 1, dt.date(2026, 11, 27))


def test_drop_and_reopen(zoe):
    promise = promises.add_promise(zoe, THEY_OWE, "the CFO intro", "2026-12-01")
    dropped = promises.set_status(promise.id, DROPPED, dt.date(2026, 11, 20))
    assert dropped.status == DROPPED
    assert Promise.get_by_id(promise.id).closed_on == dt.date(2026, 11, 20)
    assert promises.promises(status=OPEN) == []

    reopened = promises.set_status(promise.id, OPEN)
    assert reopened == promise
    assert Promise.get_by_id(promise.id).closed_on is None
    assert promises.promises(status=OPEN) == [promise]

    with pytest.raises(ValidationError, match="A promise is open, kept or dropped."):
        promises.set_status(promise.id, "forgotten")
