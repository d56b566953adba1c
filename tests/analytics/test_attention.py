"""Who needs attention and what is due, against an injected "today", with hand-made dates
at and around each boundary."""

from __future__ import annotations

import datetime as dt

import pytest

from winwin_desktop.analytics.attention import (
    DROPPED,
    I_OWE,
    KEPT,
    THEY_OWE,
    ContactInfo,
    PromiseInfo,
    days_overdue,
    due_phrase,
    effective_cadence,
    needs_attention,
    on_this_day,
    promises_due,
    reflection_streak,
    same_day_in,
)
from winwin_desktop.analytics.balance import NEW, QUIET, WIN_WIN, YOU_GIVE_MORE, YOU_TAKE_MORE

TODAY = dt.date(2026, 11, 27)


def days(n: int) -> dt.date:
    """``n`` days from TODAY (negative: in the past)."""
    return TODAY + dt.timedelta(days=n)


def promise(id: int, due: dt.date | None, owed_by: str = I_OWE, **fields) -> PromiseInfo:
    values = {"person_id": 1, "person_name": "Zoë", "text": f"promise {id}", **fields}
    return PromiseInfo(id=id, owed_by=owed_by, due=due, **values)


def contact(person_id: int = 1, name: str = "Zoë", **fields) -> ContactInfo:
    values = {"last_contact": days(-10), "cadence_days": 30, **fields}
    return ContactInfo(person_id=person_id, name=name, **values)


# ---- cadence ------------------------------------------------------------------------------


def test_effective_cadence_own_then_shortest_tag_then_default():
    assert effective_cadence(45, [14, 30], 60) == 45
    assert effective_cadence(None, [30, None, 14], 60) == 14
    assert effective_cadence(None, [None], 60) == 60
    assert effective_cadence(None, [], 60) == 60


def test_days_overdue_starts_the_day_after_the_cadence():
    assert days_overdue(days(-30), 30, TODAY) is None  # exactly at the cadence
    assert days_overdue(days(-31), 30, TODAY) == 1
    assert days_overdue(days(-100), 30, TODAY) == 70
    assert days_overdue(TODAY, 30, TODAY) is None
    assert days_overdue(None, 30, TODAY) is None  # never contacted: nothing to be late on


# ---- promises due -------------------------------------------------------------------------


def test_promises_due_within_a_week_or_overdue():
    candidates = [
        promise(1, days(8)),  # one day past the horizon
        promise(2, days(7)),  # exactly at the horizon
        promise(3, TODAY),
        promise(4, days(-1)),
        promise(5, None),  # undated: never due
        promise(6, days(-400)),
    ]
    assert [p.id for p in promises_due(candidates, TODAY)] == [6, 4, 3, 2]


def test_promises_due_are_open_ones_both_ways_mine_first_on_a_tie():
    candidates = [
        promise(1, TODAY, THEY_OWE),
        promise(2, TODAY, I_OWE),
        promise(3, days(-2), status=KEPT),
        promise(4, days(-2), status=DROPPED),
        promise(5, days(1), THEY_OWE),
    ]
    assert [p.id for p in promises_due(candidates, TODAY)] == [2, 1, 5]


def test_a_promise_is_overdue_only_while_open_and_after_its_day():
    assert promise(1, days(-1)).is_overdue(TODAY)
    assert not promise(1, TODAY).is_overdue(TODAY)
    assert not promise(1, days(-1), status=KEPT).is_overdue(TODAY)
    assert not promise(1, None).is_overdue(TODAY)


@pytest.mark.parametrize(
    ("due", "phrase"),
    [
        (None, ""),
        (days(-2), " — overdue by 2 days"),
        (days(-1), " — overdue by 1 day"),
        (TODAY, " — due today"),
        (days(1), " — due tomorrow"),
        (days(7), " — due in 7 days"),
    ],
)
def test_due_phrase(due, phrase):
    assert due_phrase(due, TODAY) == phrase


def test_a_promise_describes_who_owes_whom():
    assert promise(1, days(1), text="the deck").describe(TODAY) == (
        "You promised Zoë: the deck — due tomorrow"
    )
    assert (
        promise(1, None, THEY_OWE, text="an intro").describe(TODAY) == "Zoë promised you: an intro"
    )


# ---- needs attention ----------------------------------------------------------------------


def test_a_contact_drifts_past_the_cadence_and_half_of_it_again_until_dormant():
    at_grace = contact(1, "At", last_contact=days(-45))  # cadence 30, grace 15
    past = contact(2, "Past", last_contact=days(-46))
    never = contact(3, "Never", last_contact=None)
    dormant = contact(4, "Dormant", last_contact=days(-366))  # quiet past the window
    weekly = contact(5, "Weekly", cadence_days=7, last_contact=days(-14))  # grace: a week
    late_weekly = contact(6, "Late weekly", cadence_days=7, last_contact=days(-15))
    found = needs_attention([at_grace, past, never, dormant, weekly, late_weekly], [], TODAY)
    assert [(a.name, a.days_overdue, a.priority) for a in found] == [
        ("Late weekly", 8, "drifting"),
        ("Past", 16, "drifting"),
    ]
    assert found[1].reasons == ["No contact for 46 days; your cadence is 30."]


@pytest.mark.parametrize(
    ("snoozed_until", "archived", "shown"),
    [
        (None, False, True),
        (days(-1), False, True),  # the snooze ended yesterday
        (TODAY, False, False),  # snoozed until today: still quiet today
        (days(30), False, False),
        (None, True, False),
    ],
)
def test_snoozed_and_archived_people_are_left_out(snoozed_until, archived, shown):
    late = contact(last_contact=days(-90), snoozed_until=snoozed_until, archived=archived)
    overdue = promise(1, days(-3))
    assert bool(needs_attention([late], [overdue], TODAY)) is shown


@pytest.mark.parametrize(
    ("status", "given", "received", "listed"),
    [
        (YOU_TAKE_MORE, 1, 11, True),  # they are losing by 10 points
        (YOU_TAKE_MORE, 1, 10, False),  # by 9: not on its own
        (YOU_GIVE_MORE, 20, 1, False),  # I am losing: a reason beside others only
        (WIN_WIN, 5, 5, False),
        (NEW, 0, 0, False),
        (QUIET, 0, 0, False),
    ],
)
def test_they_are_losing_by_ten_points_is_a_reason_on_its_own(status, given, received, listed):
    explanation = f"You gave {given} points and received {received}."
    person = contact(
        status=status,
        status_explanation=explanation,
        given_window=given,
        received_window=received,
    )
    found = needs_attention([person], [], TODAY)
    if not listed:
        assert found == []
    else:
        assert [(a.reasons, a.one_sided, a.priority) for a in found] == [
            ([f"They are the one losing: {explanation}"], status, "losing")
        ]


def test_overdue_promises_either_way_are_reasons_and_come_first():
    zoe = contact(1, "Zoë", last_contact=days(-200))  # 170 days late, no promise overdue
    minh = contact(2, "Minh", last_contact=days(-1))
    promises = [
        promise(1, TODAY, person_id=2, person_name="Minh"),  # due today: not yet overdue
        promise(2, days(-1), THEY_OWE, person_id=2, person_name="Minh", text="the intro"),
        promise(3, days(-5), I_OWE, person_id=2, person_name="Minh", text="the deck"),
        promise(4, days(-9), person_id=1, status=KEPT),
    ]
    first, second = needs_attention([zoe, minh], promises, TODAY)
    assert first.name == "Minh" and first.priority == "promise"
    assert first.reasons == [
        "You promised Minh: the deck — overdue by 5 days.",
        "Minh promised you: the intro — overdue by 1 day.",
    ]
    assert [p.id for p in first.overdue_promises] == [3, 2]
    assert (second.name, second.days_overdue, second.overdue_promises) == ("Zoë", 170, [])


def test_every_reason_of_one_person_is_listed():
    person = contact(
        last_contact=days(-45),
        status=YOU_GIVE_MORE,
        status_explanation="You gave 6 points and received 2 in the last 12 months.",
    )
    [found] = needs_attention([person], [promise(1, days(-2), text="the deck")], TODAY)
    assert found.reasons == [
        "No contact for 45 days; your cadence is 30.",
        "You are the one losing: You gave 6 points and received 2 in the last 12 months.",
        "You promised Zoë: the deck — overdue by 2 days.",
    ]


def test_priority_promises_mine_first_then_they_are_losing_then_most_drifting():
    people = [
        contact(1, "Bo", last_contact=days(-50)),
        contact(2, "Al", last_contact=days(-50)),
        contact(3, "Cy", last_contact=days(-90)),
        contact(4, "Di", status=YOU_TAKE_MORE, given_window=0, received_window=12),
        contact(5, "Ed"),
        contact(6, "Fa"),
    ]
    promises = [
        promise(1, days(-1), THEY_OWE, person_id=5, person_name="Ed"),
        promise(2, days(-1), I_OWE, person_id=6, person_name="Fa"),
    ]
    found = [a.name for a in needs_attention(people, promises, TODAY)]
    assert found == ["Fa", "Ed", "Di", "Cy", "Al", "Bo"]


# ---- reflection streak --------------------------------------------------------------------


def test_streak_ends_today_when_today_is_written():
    assert reflection_streak([TODAY, days(-1), days(-2), days(-4)], TODAY) == 3


def test_streak_still_counts_until_yesterday_while_today_is_unwritten():
    assert reflection_streak([days(-1), days(-2)], TODAY) == 2


def test_a_gap_ends_the_streak():
    assert reflection_streak([TODAY, days(-2), days(-3)], TODAY) == 1
    assert reflection_streak([days(-2), days(-3)], TODAY) == 0
    assert reflection_streak([], TODAY) == 0


def test_streak_across_29_february():
    written = [
        dt.date(2028, 2, 27),
        dt.date(2028, 2, 28),
        dt.date(2028, 2, 29),
        dt.date(2028, 3, 1),
    ]
    assert reflection_streak(written, dt.date(2028, 3, 1)) == 4
    assert reflection_streak(written, dt.date(2028, 3, 2)) == 4
    # In a common year 28 February and 1 March are consecutive too.
    assert reflection_streak([dt.date(2027, 2, 28), dt.date(2027, 3, 1)], dt.date(2027, 3, 1)) == 2
    # A missing 29 February breaks a leap year's streak.
    gap = [dt.date(2028, 2, 28), dt.date(2028, 3, 1)]
    assert reflection_streak(gap, dt.date(2028, 3, 1)) == 1


# ---- on this day --------------------------------------------------------------------------


def test_same_day_in_an_earlier_year():
    assert same_day_in(2025, dt.date(2026, 11, 27)) == dt.date(2025, 11, 27)
    assert same_day_in(2027, dt.date(2028, 2, 29)) == dt.date(2027, 2, 28)
    assert same_day_in(2024, dt.date(2028, 2, 29)) == dt.date(2024, 2, 29)


def test_on_this_day_latest_year_first():
    assert on_this_day(dt.date(2028, 2, 29), 2024) == [
        dt.date(2027, 2, 28),
        dt.date(2026, 2, 28),
        dt.date(2025, 2, 28),
        dt.date(2024, 2, 29),
    ]
    assert on_this_day(dt.date(2028, 3, 1), 2027) == [dt.date(2027, 3, 1)]
    assert on_this_day(dt.date(2026, 11, 27), 2026) == []
