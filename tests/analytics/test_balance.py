"""Hand-computed cases for the win-win analytics (DESIGN.md, "Win-win status").

Unless a test says otherwise, today is 2025-06-15 and the rules are the defaults: a
365-day window whose first day is 2024-06-16, a ratio of 2.5 and at least 3 exchanges.
"""

import datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st

from winwin_desktop.analytics import (
    STATUSES,
    BalancePoint,
    ExchangeRecord,
    MonthPoint,
    PersonBalance,
    StatusRules,
    balance_from_counts,
    balance_trend,
    balances_from_counts,
    category_totals,
    cumulative_series,
    describe_window,
    group_balance,
    monthly_series,
    person_balances,
    running_totals,
    status_explanation,
    win_win_status,
    window_abbreviation,
    window_totals,
)

TODAY = datetime.date(2025, 6, 15)
RULES = StatusRules()
D = datetime.date


def exchange(
    direction: str,
    points: int,
    day: datetime.date = TODAY,
    person_id: int = 1,
    interaction_id: int = 1,
    category: str = "advice",
    title: str = "Coffee",
) -> ExchangeRecord:
    return ExchangeRecord(
        person_id=person_id,
        day=day,
        direction=direction,
        points=points,
        category=category,
        interaction_id=interaction_id,
        title=title,
    )


def gave(points: int, day: datetime.date = TODAY, **fields) -> ExchangeRecord:
    return exchange("given", points, day, **fields)


def got(points: int, day: datetime.date = TODAY, **fields) -> ExchangeRecord:
    return exchange("received", points, day, **fields)


def test_statuses_are_the_five_of_the_design():
    assert STATUSES == ("new", "win-win", "you give more", "you take more", "quiet")


# --- no exchanges ---------------------------------------------------------------------


def test_no_exchanges_is_new_with_zero_totals():
    assert window_totals([], TODAY, RULES) == (0, 0)
    assert win_win_status([], TODAY, RULES) == "new"
    assert status_explanation([], TODAY, RULES) == "No exchanges yet — too early to judge."
    assert person_balances([], TODAY, RULES) == {}
    assert group_balance([], TODAY, RULES) == PersonBalance(
        person_id=0,
        status="new",
        given_window=0,
        received_window=0,
        given_total=0,
        received_total=0,
        balance=0,
        exchanges=0,
        explanation="No exchanges yet — too early to judge.",
    )


def test_no_exchanges_is_quiet_when_no_minimum_is_required():
    assert win_win_status([], TODAY, StatusRules(min_exchanges=0)) == "quiet"


# --- one side only --------------------------------------------------------------------


def test_only_giving_is_you_give_more():
    records = [gave(2), gave(1, D(2025, 1, 10)), gave(3, D(2024, 9, 1))]
    assert window_totals(records, TODAY, RULES) == (6, 0)
    assert win_win_status(records, TODAY, RULES) == "you give more"


def test_only_receiving_is_you_take_more():
    records = [got(2), got(1, D(2025, 1, 10)), got(3, D(2024, 9, 1))]
    assert window_totals(records, TODAY, RULES) == (0, 6)
    assert win_win_status(records, TODAY, RULES) == "you take more"


# --- the ratio threshold --------------------------------------------------------------


def test_giving_exactly_at_the_ratio_is_win_win():
    records = [gave(5), got(1), got(1)]  # 5 / 2 = 2.5
    assert win_win_status(records, TODAY, RULES) == "win-win"


def test_receiving_exactly_at_the_ratio_is_win_win():
    records = [got(5), gave(1), gave(1)]  # 5 / 2 = 2.5
    assert win_win_status(records, TODAY, RULES) == "win-win"


def test_giving_above_the_ratio_is_you_give_more():
    records = [gave(5), gave(1), got(1), got(1)]  # 6 / 2 = 3.0
    assert win_win_status(records, TODAY, RULES) == "you give more"


def test_receiving_above_the_ratio_is_you_take_more():
    records = [got(5), got(1), gave(1), gave(1)]  # 6 / 2 = 3.0
    assert win_win_status(records, TODAY, RULES) == "you take more"


def test_just_below_and_just_above_the_ratio():
    below = [gave(5), gave(5), gave(2), got(5)]  # 12 / 5 = 2.4
    above = [gave(5), gave(5), gave(3), got(5)]  # 13 / 5 = 2.6
    assert win_win_status(below, TODAY, RULES) == "win-win"
    assert win_win_status(above, TODAY, RULES) == "you give more"


def test_the_ratio_is_a_setting():
    records = [gave(5), gave(1), got(1), got(1)]  # 6 / 2 = 3.0
    assert win_win_status(records, TODAY, StatusRules(ratio=3.0)) == "win-win"


# --- the window's edges ---------------------------------------------------------------


def test_exchange_on_the_windows_first_day_counts():
    assert window_totals([gave(4, D(2024, 6, 16))], TODAY, RULES) == (4, 0)


def test_exchange_the_day_before_the_window_does_not_count():
    assert window_totals([gave(4, D(2024, 6, 15))], TODAY, RULES) == (0, 0)


def test_exchange_today_counts():
    assert window_totals([got(3, TODAY)], TODAY, RULES) == (0, 3)


def test_exchange_after_today_does_not_count():
    assert window_totals([got(3, D(2025, 6, 16))], TODAY, RULES) == (0, 0)


def test_a_one_day_window_holds_only_today():
    records = [gave(2, TODAY), got(5, D(2025, 6, 14))]
    assert window_totals(records, TODAY, StatusRules(window_days=1)) == (2, 0)


def test_status_sees_both_edges():
    records = [
        gave(5, D(2024, 6, 15)),  # the day before the window
        gave(2, D(2024, 6, 16)),  # the window's first day
        got(2, TODAY),
    ]
    assert window_totals(records, TODAY, RULES) == (2, 2)
    assert win_win_status(records, TODAY, RULES) == "win-win"


# --- new and quiet --------------------------------------------------------------------


def test_two_exchanges_ever_is_new_even_if_lopsided():
    records = [gave(5), gave(5, D(2025, 5, 1))]
    assert win_win_status(records, TODAY, RULES) == "new"
    assert status_explanation(records, TODAY, RULES) == (
        "Only 2 exchanges so far — too early to judge."
    )


def test_new_counts_exchanges_before_the_window_too():
    records = [gave(1, D(2020, 1, 1)), gave(1), got(1)]
    assert win_win_status(records, TODAY, RULES) == "win-win"
    assert win_win_status(records[1:], TODAY, RULES) == "new"


def test_no_exchange_in_the_window_is_quiet():
    records = [gave(3, D(2024, 6, 15)), got(3, D(2023, 2, 1)), gave(1, D(2022, 7, 9))]
    assert win_win_status(records, TODAY, RULES) == "quiet"
    assert status_explanation(records, TODAY, RULES) == "No exchange in the last 12 months."


# --- several participants -------------------------------------------------------------


def test_each_participant_of_an_interaction_counts_for_themselves():
    records = [
        gave(3, person_id=1, interaction_id=7, title="Workshop"),
        got(4, person_id=2, interaction_id=7, title="Workshop"),
    ]
    balances = person_balances(records, TODAY, RULES)
    assert sorted(balances) == [1, 2]
    assert (balances[1].given_window, balances[1].received_window) == (3, 0)
    assert (balances[2].given_window, balances[2].received_window) == (0, 4)
    assert balances[1].exchanges == 1
    assert balances[2].exchanges == 1


# --- explanations ---------------------------------------------------------------------


def test_explanation_in_months():
    records = [gave(5), gave(5), gave(4), got(3)]
    assert status_explanation(records, TODAY, RULES) == (
        "You gave 14 points and received 3 in the last 12 months."
    )


def test_explanation_says_1_point():
    records = [gave(1), got(2), got(2)]
    assert status_explanation(records, TODAY, StatusRules(window_days=90)) == (
        "You gave 1 point and received 4 in the last 3 months."
    )


def test_explanation_in_days():
    records = [gave(2), got(2), got(1, D(2025, 5, 2))]
    assert status_explanation(records, TODAY, StatusRules(window_days=45)) == (
        "You gave 2 points and received 3 in the last 45 days."
    )


def test_explanation_with_one_exchange():
    assert status_explanation([gave(2)], TODAY, RULES) == (
        "Only 1 exchange so far — too early to judge."
    )


@pytest.mark.parametrize(
    ("window_days", "words"),
    [
        (365, "the last 12 months"),
        (180, "the last 6 months"),
        (90, "the last 3 months"),
        (30, "the last month"),
        (45, "the last 45 days"),
        (14, "the last 14 days"),
        (1, "the last day"),
    ],
)
def test_describe_window(window_days, words):
    assert describe_window(window_days) == words


# --- per person and per group ---------------------------------------------------------


MIXED = [
    # person 1: win-win (G=6, R=4)
    gave(3, person_id=1, interaction_id=1),
    gave(3, D(2025, 1, 5), person_id=1, interaction_id=2),
    got(4, D(2024, 12, 1), person_id=1, interaction_id=3),
    # person 2: you give more (G=5, R=1), plus an old exchange outside the window
    gave(5, person_id=2, interaction_id=4),
    got(1, D(2025, 2, 2), person_id=2, interaction_id=5),
    got(5, D(2023, 3, 3), person_id=2, interaction_id=6),
    # person 3: new (2 exchanges)
    got(5, person_id=3, interaction_id=7),
    got(5, D(2025, 4, 4), person_id=3, interaction_id=8),
    # person 4: quiet
    gave(1, D(2024, 6, 15), person_id=4, interaction_id=9),
    got(2, D(2024, 1, 1), person_id=4, interaction_id=10),
    got(2, D(2023, 1, 1), person_id=4, interaction_id=11),
]


def test_person_balances_on_a_mixed_set():
    balances = person_balances(MIXED, TODAY, RULES)
    assert {pid: b.status for pid, b in balances.items()} == {
        1: "win-win",
        2: "you give more",
        3: "new",
        4: "quiet",
    }
    assert balances[2] == PersonBalance(
        person_id=2,
        status="you give more",
        given_window=5,
        received_window=1,
        given_total=5,
        received_total=6,
        balance=-1,
        exchanges=3,
        explanation="You gave 5 points and received 1 in the last 12 months.",
    )


def test_person_balances_agree_with_win_win_status_per_person():
    balances = person_balances(MIXED, TODAY, RULES)
    for person_id in (1, 2, 3, 4):
        own = [r for r in MIXED if r.person_id == person_id]
        assert balances[person_id].status == win_win_status(own, TODAY, RULES)
        assert balances[person_id].explanation == status_explanation(own, TODAY, RULES)


def test_group_balance_of_the_whole_network():
    # Window: given 3+3+5 = 11, received 4+1+5+5 = 15; ever: given 12, received 24.
    assert group_balance(MIXED, TODAY, RULES) == PersonBalance(
        person_id=0,
        status="win-win",
        given_window=11,
        received_window=15,
        given_total=12,
        received_total=24,
        balance=-12,
        exchanges=11,
        explanation="You gave 11 points and received 15 in the last 12 months.",
    )


# --- categories -----------------------------------------------------------------------


def test_category_totals_inside_the_window():
    records = [
        gave(3, category="introduction"),
        got(2, D(2025, 3, 1), category="introduction"),
        got(4, category="advice"),
        gave(5, D(2024, 6, 15), category="advice"),  # the day before the window
        gave(1, D(2023, 1, 1), category="gift"),  # outside the window
    ]
    assert category_totals(records, TODAY, RULES) == {
        "advice": (0, 4),
        "introduction": (3, 2),
    }


# --- monthly series -------------------------------------------------------------------


def test_monthly_series_fills_an_empty_month_across_the_year_boundary():
    records = [
        gave(3, D(2024, 11, 20)),
        got(2, D(2025, 1, 3)),
        gave(1, D(2025, 1, 31)),
    ]
    assert monthly_series(records) == [
        MonthPoint(D(2024, 11, 1), 3, 0, 3, 0, 3),
        MonthPoint(D(2024, 12, 1), 0, 0, 3, 0, 3),
        MonthPoint(D(2025, 1, 1), 1, 2, 4, 2, 2),
    ]


def test_monthly_series_between_start_and_end_carries_earlier_history():
    records = [
        got(4, D(2024, 10, 2)),  # before start: only in the running totals
        gave(2, D(2024, 12, 24)),
        gave(5, D(2025, 4, 1)),  # after end: left out
    ]
    assert monthly_series(records, start=D(2024, 12, 15), end=D(2025, 2, 28)) == [
        MonthPoint(D(2024, 12, 1), 2, 0, 2, 4, -2),
        MonthPoint(D(2025, 1, 1), 0, 0, 2, 4, -2),
        MonthPoint(D(2025, 2, 1), 0, 0, 2, 4, -2),
    ]


def test_monthly_series_without_records():
    assert monthly_series([]) == []
    assert monthly_series([], start=D(2025, 1, 9), end=D(2025, 2, 1)) == [
        MonthPoint(D(2025, 1, 1), 0, 0, 0, 0, 0),
        MonthPoint(D(2025, 2, 1), 0, 0, 0, 0, 0),
    ]


# --- cumulative series ----------------------------------------------------------------


def test_cumulative_series_is_chronological_then_by_interaction():
    records = [
        got(2, D(2025, 3, 1), interaction_id=9, title="Lunch"),
        gave(4, D(2025, 1, 1), interaction_id=5, title="Call"),
        gave(1, D(2025, 3, 1), interaction_id=3, title="Intro"),
        got(3, D(2025, 3, 1), interaction_id=9, title="Lunch"),
    ]
    assert cumulative_series(records) == [
        BalancePoint(D(2025, 1, 1), 4, 0, 4, 5, "Call", 4, "given"),
        BalancePoint(D(2025, 3, 1), 5, 0, 5, 3, "Intro", 1, "given"),
        BalancePoint(D(2025, 3, 1), 5, 2, 3, 9, "Lunch", 2, "received"),
        BalancePoint(D(2025, 3, 1), 5, 5, 0, 9, "Lunch", 3, "received"),
    ]


def test_cumulative_series_of_nothing():
    assert cumulative_series([]) == []


def test_running_totals_are_the_series_as_columns():
    records = [
        got(2, D(2025, 3, 1), interaction_id=9, title="Lunch"),
        gave(4, D(2025, 1, 1), interaction_id=5, title="Call"),
        gave(1, D(2025, 3, 1), interaction_id=3, title="Intro"),
    ]
    totals = running_totals(records)
    assert [r.title for r in totals.records] == ["Call", "Intro", "Lunch"]
    assert totals.cumulative_given == [4, 5, 5]
    assert totals.cumulative_received == [0, 0, 2]
    assert totals.point(2) == BalancePoint(D(2025, 3, 1), 5, 2, 3, 9, "Lunch", 2, "received")
    assert [totals.point(i) for i in range(len(totals))] == cumulative_series(records)


# --- trend ----------------------------------------------------------------------------


def test_trend_of_steady_giving_is_positive():
    # Balances 2, 4, 6 thirty days apart: 2 points per 30 days.
    records = [gave(2, D(2025, 4, 16)), gave(2, D(2025, 5, 16)), gave(2, TODAY)]
    assert balance_trend(records, TODAY, RULES) == pytest.approx(2.0)


def test_trend_of_steady_taking_is_negative():
    # Balances -3, -6 sixty days apart: -3 points per 60 days.
    records = [got(3, D(2025, 4, 16)), got(3, TODAY)]
    assert balance_trend(records, TODAY, RULES) == pytest.approx(-1.5)


def test_trend_ignores_history_outside_the_window():
    records = [
        got(5, D(2020, 1, 1)),  # shifts every balance by -5, not the slope
        gave(2, D(2025, 4, 16)),
        gave(2, D(2025, 5, 16)),
        gave(2, TODAY),
        got(5, D(2025, 7, 1)),  # after today
    ]
    assert balance_trend(records, TODAY, RULES) == pytest.approx(2.0)


def test_trend_samples_each_day_once_after_all_its_exchanges():
    # Day balances: 2025-05-16 → +3 - 1 = 2, today → 2 + 2 = 4; 30 days apart.
    records = [gave(3, D(2025, 5, 16)), got(1, D(2025, 5, 16)), gave(2, TODAY)]
    assert balance_trend(records, TODAY, RULES) == pytest.approx(2.0)


def test_trend_of_a_single_day_is_zero():
    records = [gave(5, TODAY), gave(3, TODAY), got(1, D(2023, 1, 1))]
    assert balance_trend(records, TODAY, RULES) == 0.0


def test_trend_of_nothing_is_zero():
    assert balance_trend([], TODAY, RULES) == 0.0


# --- invalid input --------------------------------------------------------------------


def test_an_exchange_needs_a_known_direction():
    with pytest.raises(ValueError, match="'given' or 'received'"):
        exchange("lent", 2)


@pytest.mark.parametrize("points", [0, 6])
def test_an_exchange_is_worth_1_to_5_points(points):
    with pytest.raises(ValueError, match="1 to 5 points"):
        gave(points)


@pytest.mark.parametrize("fields", [{"window_days": 0}, {"ratio": 0.5}, {"min_exchanges": -1}])
def test_rules_reject_impossible_settings(fields):
    with pytest.raises(ValueError):
        StatusRules(**fields)


# --- property: one pass agrees with the per-person functions --------------------------

records_strategy = st.lists(
    st.builds(
        ExchangeRecord,
        person_id=st.integers(1, 4),
        day=st.dates(D(2023, 1, 1), D(2025, 7, 15)),
        direction=st.sampled_from(["given", "received"]),
        points=st.integers(1, 5),
        category=st.sampled_from(["advice", "gift", "referral"]),
        interaction_id=st.integers(1, 20),
        title=st.just("Meeting"),
    ),
    max_size=40,
)
rules_strategy = st.builds(
    StatusRules,
    window_days=st.integers(1, 800),
    ratio=st.sampled_from([1.0, 1.5, 2.5, 4.0]),
    min_exchanges=st.integers(0, 5),
)


@given(records=records_strategy, rules=rules_strategy)
def test_person_balances_match_per_person_status(records, rules):
    first_day = TODAY - datetime.timedelta(days=rules.window_days - 1)
    balances = person_balances(records, TODAY, rules)
    assert set(balances) == {r.person_id for r in records}
    for person_id, balance in balances.items():
        own = [r for r in records if r.person_id == person_id]
        window_sum = sum(r.points for r in own if first_day <= r.day <= TODAY)
        assert balance.status == win_win_status(own, TODAY, rules)
        assert balance.given_window + balance.received_window == window_sum
        assert balance.exchanges == len(own)


@pytest.mark.parametrize(
    ("window_days", "letters"),
    [(365, "12 mo"), (180, "6 mo"), (90, "3 mo"), (30, "1 mo"), (45, "45 d"), (730, "24 mo")],
)
def test_window_abbreviation(window_days, letters):
    assert window_abbreviation(window_days) == letters


@given(records=records_strategy, rules=rules_strategy)
def test_balances_from_counts_agree_with_person_balances(records, rules):
    first_day = TODAY - datetime.timedelta(days=rules.window_days - 1)
    counts = {}
    for r in records:
        inside = first_day <= r.day <= TODAY
        given_, received = r.direction == "given", r.direction == "received"
        row = counts.get(r.person_id, (0, 0, 0, 0, 0, 0))
        counts[r.person_id] = tuple(
            a + b
            for a, b in zip(
                row,
                (
                    1,
                    inside,
                    r.points * (inside and given_),
                    r.points * (inside and received),
                    r.points * given_,
                    r.points * received,
                ),
                strict=True,
            )
        )
    # Person 9 has no exchanges: new, with nothing counted.
    table = balances_from_counts(counts, [*sorted(counts), 9], rules)
    assert list(table) == [*sorted(counts), 9]
    assert {pid: table[pid] for pid in counts} == person_balances(records, TODAY, rules)
    nothing = dict.fromkeys(
        ("exchanges_window", "given_window", "received_window", "given_total", "received_total"),
        0,
    )
    assert table[9] == balance_from_counts(9, rules, exchanges=0, **nothing)
    assert (table[9].exchanges, table[9].given_total, table[9].received_total) == (0, 0, 0)
