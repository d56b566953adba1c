"""Hand-computed cases for the team's and each member's balance with a person.

Today is 2025-06-15 and the rules are the defaults (a 365-day window from 2024-06-16, a
ratio of 2.5, at least 3 exchanges) unless a test says otherwise.
"""

import datetime

from winwin_desktop.analytics import (
    NEW,
    QUIET,
    WIN_WIN,
    YOU_GIVE_MORE,
    YOU_TAKE_MORE,
    ExchangeRecord,
    StatusRules,
)
from winwin_desktop.analytics.team_balance import (
    member_balances,
    member_sentence,
    team_balance,
    team_balances,
)

TODAY = datetime.date(2025, 6, 15)
RULES = StatusRules()
ANA, BEN, CAROL = 1, 2, 3


def exchange(member, direction, points, person=10, day=TODAY, interaction=1):
    return ExchangeRecord(
        person_id=person,
        day=day,
        direction=direction,
        points=points,
        category="advice",
        interaction_id=interaction,
        title="Coffee",
        member_id=member,
    )


def test_the_team_is_win_win_while_each_member_is_one_sided():
    # Ana gives 4+4+3 = 11 and receives 1; Ben receives 5+4+2 = 11 and gives 1.
    records = [
        exchange(ANA, "given", 4),
        exchange(ANA, "given", 4),
        exchange(ANA, "given", 3),
        exchange(ANA, "received", 1),
        exchange(BEN, "received", 5),
        exchange(BEN, "received", 4),
        exchange(BEN, "received", 2),
        exchange(BEN, "given", 1),
    ]
    result = team_balance(10, records, TODAY, RULES)
    # Team: given 12, received 12 — ratio 1.
    assert (result.team.given_window, result.team.received_window) == (12, 12)
    assert result.team.status == WIN_WIN
    assert result.team.balance == 0
    assert result.team.exchanges == 8
    assert result.team.person_id == 10
    ana, ben = result.member(ANA).standing, result.member(BEN).standing
    # Ana: 11 / 1 = 11 > 2.5, she gives more; Ben: 11 / 1, he takes more.
    assert (ana.given_total, ana.received_total, ana.balance, ana.status) == (
        11,
        1,
        10,
        YOU_GIVE_MORE,
    )
    assert (ben.given_total, ben.received_total, ben.balance, ben.status) == (
        1,
        11,
        -10,
        YOU_TAKE_MORE,
    )
    assert result.member(CAROL) is None


def test_members_are_listed_by_points_then_member_with_the_unattributed_last():
    records = [
        exchange(None, "given", 5),
        exchange(BEN, "given", 2),
        exchange(ANA, "received", 2),
        exchange(CAROL, "given", 5),
        exchange(CAROL, "received", 1),
    ]
    result = team_balance(10, records, TODAY, RULES)
    # Carol 6 points; then Ana 2 and Ben 2 by member id; the 5 logged before members last
    # among equals only: 5 < 6 but > 2.
    assert [line.member_id for line in result.members] == [CAROL, None, ANA, BEN]
    # Every member line is "new": fewer than 3 exchanges each; the team has 5.
    assert {line.standing.status for line in result.members} == {NEW}
    assert result.team.status == YOU_GIVE_MORE  # 12 given / 3 received = 4 > 2.5


def test_the_window_and_the_new_rule_apply_per_member():
    old = datetime.date(2024, 6, 15)  # the day before the window's first day
    first = datetime.date(2024, 6, 16)
    records = [
        exchange(ANA, "given", 3, day=old),
        exchange(ANA, "received", 3, day=old),
        exchange(ANA, "given", 1, day=old),
        exchange(BEN, "given", 2, day=first),
        exchange(BEN, "received", 5, day=first),
        exchange(BEN, "received", 1, day=TODAY),
        exchange(BEN, "given", 5, day=TODAY + datetime.timedelta(days=1)),  # after today
    ]
    result = team_balance(10, records, TODAY, RULES)
    ana, ben = result.member(ANA).standing, result.member(BEN).standing
    assert ana.status == QUIET
    assert (ana.given_window, ana.received_window, ana.balance) == (0, 0, 1)
    # Ben inside the window: given 2, received 6 — 3 > 2.5; his total counts the 5 ahead.
    assert (ben.given_window, ben.received_window) == (2, 6)
    assert ben.status == YOU_TAKE_MORE
    assert ben.balance == 7 - 6
    # The team inside the window: 2 given, 6 received, the same status as Ben's.
    assert (result.team.given_window, result.team.received_window) == (2, 6)
    assert result.team.status == YOU_TAKE_MORE
    assert result.team.balance == 11 - 9


def test_a_ratio_exactly_at_the_threshold_is_still_win_win_for_a_member():
    # Ana: given 3 + 2 = 5, received 2: 5 / 2 = 2.5, exactly the threshold.
    records = [
        exchange(ANA, "given", 3),
        exchange(ANA, "given", 2),
        exchange(ANA, "received", 2),
        exchange(BEN, "given", 4),
    ]
    result = team_balance(10, records, TODAY, RULES)
    assert result.member(ANA).standing.status == WIN_WIN
    # With Ben's 4 the team gives 9 for 2: 4.5 > 2.5.
    assert result.team.status == YOU_GIVE_MORE


def test_team_balances_splits_by_person_and_ignores_nobody():
    records = [
        exchange(ANA, "given", 2, person=10),
        exchange(BEN, "received", 3, person=20),
        exchange(ANA, "received", 4, person=20),
    ]
    result = team_balances(records, TODAY, RULES)
    assert sorted(result) == [10, 20]
    assert (result[10].team.given_total, result[10].team.received_total) == (2, 0)
    assert [line.member_id for line in result[20].members] == [ANA, BEN]
    assert result[20].team.received_total == 7
    assert team_balance(30, records, TODAY, RULES).members == ()
    assert team_balance(30, records, TODAY, RULES).team.status == NEW


def test_member_balances_count_only_that_members_exchanges():
    records = [
        exchange(ANA, "given", 2, person=10),
        exchange(BEN, "received", 3, person=10),
        exchange(BEN, "received", 4, person=20),
        exchange(None, "given", 1, person=30),
    ]
    mine = member_balances(records, ANA, TODAY, RULES)
    assert list(mine) == [10]
    assert (mine[10].given_total, mine[10].received_total) == (2, 0)
    bens = member_balances(records, BEN, TODAY, RULES)
    assert {pid: b.received_total for pid, b in bens.items()} == {10: 3, 20: 4}
    # The rows of a journal without members are nobody's but the single user's.
    assert list(member_balances(records, None, TODAY, RULES)) == [30]


def test_member_sentence():
    records = [exchange(ANA, "given", 1), exchange(ANA, "received", 4)]
    standing = team_balance(10, records, TODAY, RULES).member(ANA).standing
    assert member_sentence("Ana Ruiz", standing, RULES) == (
        "Ana Ruiz gave 1 point and received 4 in the last 12 months."
    )
    quiet = team_balance(
        10, [exchange(ANA, "given", 1, day=datetime.date(2020, 1, 1))], TODAY, RULES
    )
    assert member_sentence("The team", quiet.team, RULES) == (
        "The team: no exchange in the last 12 months."
    )
