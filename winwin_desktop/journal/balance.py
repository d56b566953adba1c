"""Where each relationship stands: the journal's exchanges handed to ``analytics``."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from peewee import ModelSelect, Query

from winwin_desktop.analytics import (
    ExchangeRecord,
    MonthPoint,
    PersonBalance,
    StatusRules,
    balances_from_counts,
    category_totals,
    monthly_series,
    person_balances,
    window_first_day,
)
from winwin_desktop.analytics.team_balance import (
    TeamBalance,
    member_balances,
    team_balance,
    team_balances,
)
from winwin_desktop.journal import settings
from winwin_desktop.store import aggregates
from winwin_desktop.store.models import (
    Exchange,
    Interaction,
    Person,
    database,
    live,
)

# The settings the status rules are made of.
RULE_SETTINGS = ("review_window_days", "ratio_threshold", "min_exchanges")


def status_rules(window_days: int | None = None, stored: dict | None = None) -> StatusRules:
    """The review window and thresholds, from the journal's settings (``stored``, the rows
    of :func:`rule_settings` when the caller has read them), the window replaced by
    ``window_days`` when given."""
    if stored is None:
        stored = dict(rule_settings())

    def setting(key: str):
        return settings.stored_or_default(key, stored)

    return StatusRules(
        window_days=window_days or int(setting("review_window_days")),
        ratio=float(setting("ratio_threshold")),
        min_exchanges=int(setting("min_exchanges")),
    )


def rule_settings(*also: str) -> ModelSelect:
    """The query of the stored settings of the status rules (and the settings ``also``),
    as (key, value) rows."""
    return settings.stored_settings(RULE_SETTINGS + also)


def exchange_records(
    person_ids: Iterable[int] | None = None, *, titles: bool = True
) -> list[ExchangeRecord]:
    """Every live exchange (its interaction and person not in the trash), oldest first;
    of ``person_ids`` only, without their interactions' titles unless ``titles``."""
    if person_ids is not None:
        rows = aggregates.person_exchanges(database.obj, list(person_ids), titles=titles)
        return records_of(rows)
    query = (
        Exchange.select(
            Exchange.person,
            Interaction.date,
            Exchange.direction,
            Exchange.points,
            Exchange.category,
            Interaction.id,
            Interaction.title,
        )
        .join(Interaction)
        .switch(Exchange)
        .join(Person)
        .where(live(Exchange, Interaction, Person))
        .order_by(Interaction.date, Interaction.id, Exchange.id)
        .tuples()
    )
    return [
        ExchangeRecord(
            person_id=person,
            day=day if isinstance(day, dt.date) else dt.date.fromisoformat(str(day)),
            direction=direction,
            points=points,
            category=category,
            interaction_id=interaction,
            title=title,
        )
        for person, day, direction, points, category, interaction, title in query
    ]


def person_records_query(person_id: int) -> Query:
    """The query of one person's :func:`exchange_records`, for a batch of reads; its rows
    are made records by :func:`records_of`."""
    return aggregates.person_exchanges_query(database.obj, [person_id])


def records_of(rows) -> list[ExchangeRecord]:
    """Records from (person, day, direction, points, category, interaction, title) rows,
    the day an ISO text or a date."""
    days: dict[str, dt.date] = {}  # many exchanges share a day: parse each day once
    records = []
    for person, day, direction, points, category, interaction, title in rows:
        date = days.get(day)
        if date is None:
            date = days[day] = dt.date.fromisoformat(str(day)[:10])
        records.append(
            ExchangeRecord(person, date, direction, points, category, interaction, title)
        )
    return records


def balances(today: dt.date | None = None) -> dict[int, PersonBalance]:
    """The win-win status and totals of every person with at least one exchange."""
    return person_balances(exchange_records(), today or dt.date.today(), status_rules())


def balance_of(person_id: int, today: dt.date | None = None) -> PersonBalance | None:
    found = person_balances(exchange_records([person_id]), today or dt.date.today(), status_rules())
    return found.get(person_id)


def status_table(
    today: dt.date | None = None,
    window_days: int | None = None,
    person_ids: Iterable[int] | None = None,
    rules: StatusRules | None = None,
    counts: dict[int, tuple[int, ...]] | None = None,
) -> dict[int, PersonBalance]:
    """Every live person's status and totals, added up by one indexed query.

    Gives the same answers as :func:`balances` without loading each exchange, so the
    people list and the overview stay fast on a large journal. People without exchanges
    are included. ``window_days`` replaces the review window (the Overview's period);
    ``person_ids`` are the live people, ``rules`` the status rules, and ``counts`` the
    rows of :func:`window_totals_query` for them, when the caller has read them already.
    """
    today = today or dt.date.today()
    rules = rules or status_rules(window_days)
    if counts is None:
        counts = aggregates.window_totals(database.obj, window_first_day(today, rules), today)
    if person_ids is None:
        person_ids = (pid for (pid,) in Person.live(Person.id).tuples())
    return balances_from_counts(counts, person_ids, rules)


def window_totals_query(today: dt.date, rules: StatusRules) -> Query:
    """The query of every person's totals over the review window of ``rules`` ending
    ``today``, for a batch of reads; :func:`window_totals_of` reads it for
    :func:`status_table`."""
    return aggregates.window_totals_query(database.obj, window_first_day(today, rules), today)


def window_totals_of(rows) -> dict[int, tuple[int, ...]]:
    return aggregates.window_totals_of(rows)


def category_window_totals(
    today: dt.date | None = None, tag: str | None = None, window_days: int | None = None
) -> dict[str, tuple[int, int]]:
    """(given, received) per category inside the review window (of people with ``tag``);
    ``window_days`` replaces the window."""
    today = today or dt.date.today()
    first = window_first_day(today, status_rules(window_days))
    return aggregates.category_totals(database.obj, first, today, tag)


def network_months(start: dt.date, end: dt.date, tag: str | None = None) -> list[MonthPoint]:
    """Given and received per month from ``start`` to ``end`` (every month, empty ones
    included), for everyone or the people with ``tag``; running totals start at ``start``."""
    totals = aggregates.monthly_totals(database.obj, start, end, tag)
    result, given_sum, received_sum = [], 0, 0
    month = start.replace(day=1)
    while month <= end:
        given, received = totals.get(month, (0, 0))
        given_sum += given
        received_sum += received
        result.append(
            MonthPoint(month, given, received, given_sum, received_sum, given_sum - received_sum)
        )
        month = dt.date(month.year + month.month // 12, month.month % 12 + 1, 1)
    return result


# The team (issue 19) -----------------------------------------------------------------------


def team_exchange_records(
    person_ids: Iterable[int] | None = None, member_id: int | None = None
) -> list[ExchangeRecord]:
    """Every live exchange this session may see, each with the member who gave or received
    it, oldest first; only ``person_ids``'s, and only ``member_id``'s, when given. On a
    server, row-level security has already left out what another member keeps private."""
    query = (
        Exchange.select(
            Exchange.person,
            Interaction.date,
            Exchange.direction,
            Exchange.points,
            Exchange.category,
            Interaction.id,
            Interaction.title,
            Exchange.member,
        )
        .join(Interaction)
        .switch(Exchange)
        .join(Person)
        .where(live(Exchange, Interaction, Person))
        .order_by(Interaction.date, Interaction.id, Exchange.id)
    )
    if person_ids is not None:
        query = query.where(Exchange.person.in_(list(person_ids)))
    if member_id is not None:
        query = query.where(Exchange.member == member_id)
    days: dict[object, dt.date] = {}
    records = []
    for person, day, direction, points, category, interaction, title, member in query.tuples():
        date = days.get(day)
        if date is None:
            date = days[day] = (
                day if isinstance(day, dt.date) else dt.date.fromisoformat(str(day)[:10])
            )
        records.append(
            ExchangeRecord(person, date, direction, points, category, interaction, title, member)
        )
    return records


def team_balance_of(person_id: int, today: dt.date | None = None) -> TeamBalance:
    """``person_id``'s balance with the whole team and with each member (one query)."""
    records = team_exchange_records([person_id])
    return team_balance(person_id, records, today or dt.date.today(), status_rules())


def team_table(today: dt.date | None = None) -> dict[int, TeamBalance]:
    """Every person's balance with the team and with each member (one query); people
    without exchanges are left out."""
    return team_balances(team_exchange_records(), today or dt.date.today(), status_rules())


def member_status_table(
    member_id: int, today: dt.date | None = None, window_days: int | None = None
) -> dict[int, PersonBalance]:
    """Every person's status and totals counting only ``member_id``'s exchanges (the
    Overview's "Me" on a team journal); people without such exchanges are left out."""
    records = team_exchange_records(member_id=member_id)
    return member_balances(records, member_id, today or dt.date.today(), status_rules(window_days))


def member_category_totals(
    member_id: int,
    today: dt.date | None = None,
    person_ids: set[int] | None = None,
    window_days: int | None = None,
) -> dict[str, tuple[int, int]]:
    """What :func:`category_window_totals` gives, counting only ``member_id``'s exchanges
    (with ``person_ids`` only, when given)."""
    today = today or dt.date.today()
    records = team_exchange_records(person_ids, member_id)
    return category_totals(records, today, status_rules(window_days))


def member_months(
    member_id: int, start: dt.date, end: dt.date, person_ids: set[int] | None = None
) -> list[MonthPoint]:
    """What :func:`network_months` gives, counting only ``member_id``'s exchanges (with
    ``person_ids`` only, when given); running totals start at ``start``, as there."""
    records = [r for r in team_exchange_records(person_ids, member_id) if r.day >= start]
    return monthly_series(records, start, end)
