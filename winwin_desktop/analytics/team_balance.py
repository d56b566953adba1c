"""A relationship's balance with the whole team and with each of its members.

Pure functions over :class:`~winwin_desktop.analytics.balance.ExchangeRecord` values that
carry the member who gave or received (``member_id``). The status rules are exactly the
single user's (:mod:`winwin_desktop.analytics.balance`): the team's status judges every
exchange with the person, a member's status judges only that member's, so "you give
more" on a member's line means that member gives more.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from dataclasses import dataclass, replace

from winwin_desktop.analytics.balance import (
    ExchangeRecord,
    PersonBalance,
    StatusRules,
    describe_window,
    group_balance,
    person_balances,
)


@dataclass(frozen=True)
class MemberBalance:
    """One member's exchanges with a person, judged on their own."""

    member_id: int | None  # None: logged before the journal had members
    standing: PersonBalance


@dataclass(frozen=True)
class TeamBalance:
    """A person's balance with the team, and each member's share of it."""

    person_id: int
    team: PersonBalance
    # Members with at least one exchange with the person: the most points first.
    members: tuple[MemberBalance, ...]

    def member(self, member_id: int | None) -> MemberBalance | None:
        """The line of ``member_id``, or None when they have no exchange with the person."""
        return next((line for line in self.members if line.member_id == member_id), None)


def team_balances(
    records: Iterable[ExchangeRecord], today: datetime.date, rules: StatusRules
) -> dict[int, TeamBalance]:
    """The team's and each member's balance with every person who has a record."""
    by_person: dict[int, list[ExchangeRecord]] = {}
    for record in records:
        by_person.setdefault(record.person_id, []).append(record)
    return {
        person_id: _team_balance(person_id, person_records, today, rules)
        for person_id, person_records in by_person.items()
    }


def team_balance(
    person_id: int, records: Iterable[ExchangeRecord], today: datetime.date, rules: StatusRules
) -> TeamBalance:
    """The team's and each member's balance with ``person_id`` (records of other people
    are ignored); a person without records is "new" with no member lines."""
    own = [record for record in records if record.person_id == person_id]
    return _team_balance(person_id, own, today, rules)


def member_balances(
    records: Iterable[ExchangeRecord],
    member_id: int | None,
    today: datetime.date,
    rules: StatusRules,
) -> dict[int, PersonBalance]:
    """Every person's balance counting only ``member_id``'s exchanges ("me" on a team)."""
    return person_balances(
        (record for record in records if record.member_id == member_id), today, rules
    )


def member_sentence(who: str, standing: PersonBalance, rules: StatusRules) -> str:
    """One line saying what ``who`` (a member's name, or "The team") gave and received in
    the review window, in the words the single user's explanation uses."""
    if standing.given_window == standing.received_window == 0:
        return f"{who}: no exchange in {describe_window(rules.window_days)}."
    unit = "point" if standing.given_window == 1 else "points"
    return (
        f"{who} gave {standing.given_window} {unit} and received "
        f"{standing.received_window} in {describe_window(rules.window_days)}."
    )


def _team_balance(
    person_id: int, records: list[ExchangeRecord], today: datetime.date, rules: StatusRules
) -> TeamBalance:
    by_member: dict[int | None, list[ExchangeRecord]] = {}
    for record in records:
        by_member.setdefault(record.member_id, []).append(record)
    lines = [
        MemberBalance(member_id, replace(group_balance(own, today, rules), person_id=person_id))
        for member_id, own in by_member.items()
    ]
    # Most points first; ties by member, the rows logged before members last.
    lines.sort(
        key=lambda line: (
            -(line.standing.given_total + line.standing.received_total),
            line.member_id is None,
            line.member_id or 0,
        )
    )
    team = replace(group_balance(records, today, rules), person_id=person_id)
    return TeamBalance(person_id, team, tuple(lines))
