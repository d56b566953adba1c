"""The Today page of a day, read at once: on a server in two round trips whatever the
journal holds, then what it reads about everyone (the names for @-completion, who needs
attention) in one more; the same as each of its questions asked on its own."""

from __future__ import annotations

import datetime as dt

import pytest

from tests.helpers.clients import either_journal  # noqa: F401 (a fixture)
from tests.journal.test_round_trips import round_trips
from winwin_desktop.journal import interactions, people, promises, reflections, settings, today
from winwin_desktop.journal.interactions import ExchangeData as X
from winwin_desktop.store.connection import database, is_server

pytestmark = pytest.mark.usefixtures("either_journal")

DAY = dt.date(2026, 3, 10)
MARKED = (dt.date(2026, 2, 22), dt.date(2026, 4, 15))


def a_journal_with_a_bit_of_everything() -> dict[str, int]:
    ada = people.add_person("Ada Obi", tags=["client"]).id
    people.set_tag_cadence("client", 14)
    minh = people.add_person("Minh Hoang", cadence_days=30).id
    rahel = people.add_person("Rahel Tesfaye").id
    zoe = people.add_person("Zoë Brontë-Nuñez").id
    interactions.log_interaction(
        DAY, "Lunch", [ada, minh], time=dt.time(12, 30), exchanges=[X(ada, "given", "advice", 3)]
    )
    interactions.log_interaction(DAY, "Breakfast", [minh], time=dt.time(8))
    gone = interactions.log_interaction(DAY, "Cancelled", [ada]).id
    interactions.delete_interaction(gone)
    interactions.log_interaction(dt.date(2025, 3, 10), "Kick-off", [rahel])
    interactions.log_interaction(dt.date(2023, 3, 10), "First call", [zoe])
    # Rahel gives far more than she gets, and was last seen long ago: she needs attention.
    interactions.log_interaction(
        dt.date(2025, 12, 1),
        "Workshop",
        [rahel],
        exchanges=[X(rahel, "received", "introduction", 5)] * 3,
    )
    for back in (1, 2):
        reflections.save_reflection(DAY - dt.timedelta(days=back), f"Day -{back}")
    reflections.save_reflection(DAY, "Lunch with @Ada Obi and @Minh Hoang")
    reflections.save_reflection(dt.date(2024, 3, 10), "Two years ago")
    promises.add_promise(ada, "me", "the market map", due=DAY + dt.timedelta(days=3))
    promises.add_promise(minh, "them", "the deck", due=DAY - dt.timedelta(days=2))
    promises.add_promise(minh, "them", "a coffee", due=DAY + dt.timedelta(days=30))
    today.snooze(zoe, 7, today=DAY)
    return {"ada": ada, "minh": minh, "rahel": rahel, "zoe": zoe}


def test_the_today_page_is_two_round_trips_and_says_what_each_question_says(monkeypatch):
    a_journal_with_a_bit_of_everything()
    with round_trips(database.obj, monkeypatch) as counted:
        page = today.day_page(DAY, MARKED, today=DAY)
    if is_server():
        assert counted == ["batch", "batch"]
    with round_trips(database.obj, monkeypatch) as counted:
        everyone = today.people_part(DAY, page.stored)
    if is_server():
        assert counted == ["batch"]

    assert not page.empty
    assert [name for _, name in everyone.names] == [
        "Ada Obi",
        "Minh Hoang",
        "Rahel Tesfaye",
        "Zoë Brontë-Nuñez",
    ]
    assert page.reflection.text == "Lunch with @Ada Obi and @Minh Hoang"
    assert [name for _, name in page.reflection.mentions] == ["Ada Obi", "Minh Hoang"]
    assert page.reflection == reflections.get_reflection(DAY)
    assert page.prompts == settings.get_setting("prompts")
    assert page.streak == 3
    assert [i.title for i in page.logged] == ["Breakfast", "Lunch"]
    assert page.logged == interactions.on_day(DAY)
    assert [p.text for p in page.due] == ["the deck", "the market map"]
    assert page.due == today.due_promises(DAY) and page.due_count == 2
    assert everyone.attention == today.needs_attention(DAY)
    assert [a.name for a in everyone.attention] == ["Rahel Tesfaye"]  # losing, and drifting
    assert [
        (past.day, past.reflection and past.reflection.text, past.titles)
        for past in page.on_this_day
    ] == [
        (dt.date(2025, 3, 10), None, ["Kick-off"]),
        (dt.date(2024, 3, 10), "Two years ago", []),
        (dt.date(2023, 3, 10), None, ["First call"]),
    ]
    assert page.days_logged == {DAY} == reflections.days_with_interactions(*MARKED)
    assert page.days_written == {DAY - dt.timedelta(days=n) for n in range(3)}
    assert page.days_written == reflections.days_with_reflections(*MARKED)


def test_a_day_ahead_counts_the_streak_up_to_it_and_an_empty_journal_is_empty(monkeypatch):
    with round_trips(database.obj, monkeypatch) as counted:
        page = today.day_page(DAY, MARKED, today=DAY)
    assert page.empty and page.on_this_day == [] and page.streak == 0
    if is_server():
        assert counted == ["batch", "batch"]
    assert today.people_part(DAY, page.stored) == today.PeoplePart([], [])
    reflections.save_reflection(DAY + dt.timedelta(days=1), "Tomorrow, written ahead")
    assert not today.day_page(DAY, MARKED, today=DAY).empty
    assert today.day_page(DAY + dt.timedelta(days=1), MARKED, today=DAY).streak == 1


def test_the_first_few_promises_due_are_those_due_soonest_with_how_many_there_are():
    ada = people.add_person("Ada Obi").id
    minh = people.add_person("Minh Hoang").id
    for n, (person, owed_by) in enumerate([(ada, "them"), (minh, "me")] * 4):
        promises.add_promise(person, owed_by, f"promise {n}", due=DAY - dt.timedelta(days=n // 2))
    promises.add_promise(ada, "me", "far ahead", due=DAY + dt.timedelta(days=30))
    everything = today.due_promises(DAY)
    assert len(everything) == 8
    page = today.day_page(DAY, MARKED, today=DAY, first_due=3)
    assert page.due == everything[:3] and page.due_count == 8
    # On the same day, the user's own promise first (as due_promises orders them).
    assert [p.text for p in page.due] == ["promise 7", "promise 6", "promise 5"]
    assert today.due_now(DAY) == everything
