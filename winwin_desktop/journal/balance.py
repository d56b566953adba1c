"""Where each relationship stands: the journal's exchanges handed to ``analytics``."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from peewee import Case, fn

from winwin_desktop.analytics import (
    ExchangeRecord,
    PersonBalance,
    StatusRules,
    balance_from_counts,
    person_balances,
    window_first_day,
)
from winwin_desktop.journal import settings
from winwin_desktop.store.models import Exchange, Interaction, Person


def status_rules() -> StatusRules:
    """The review window and thresholds, from the journal's settings."""
    return StatusRules(
        window_days=int(settings.get_setting("review_window_days")),
        ratio=float(settings.get_setting("ratio_threshold")),
        min_exchanges=int(settings.get_setting("min_exchanges")),
    )


def exchange_records(person_ids: Iterable[int] | None = None) -> list[ExchangeRecord]:
    """Every live exchange (its interaction and person not in the trash), oldest first."""
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
        .where(
            Exchange.deleted_at.is_null()
            & Interaction.deleted_at.is_null()
            & Person.deleted_at.is_null()
        )
        .order_by(Interaction.date, Interaction.id, Exchange.id)
        .tuples()
    )
    if person_ids is not None:
        query = query.where(Exchange.person.in_(list(person_ids)))
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


def balances(today: dt.date | None = None) -> dict[int, PersonBalance]:
    """The win-win status and totals of every person with at least one exchange."""
    return person_balances(exchange_records(), today or dt.date.today(), status_rules())


def balance_of(person_id: int, today: dt.date | None = None) -> PersonBalance | None:
    found = person_balances(exchange_records([person_id]), today or dt.date.today(), status_rules())
    return found.get(person_id)


def status_table(today: dt.date | None = None) -> dict[int, PersonBalance]:
    """Every live person's status and totals, added up by one grouped query.

    Gives the same answers as :func:`balances` without loading each exchange, so the
    people list stays fast on a large journal. People without exchanges are included.
    """
    today = today or dt.date.today()
    rules = status_rules()
    first_day = window_first_day(today, rules)
    in_window = (Interaction.date >= first_day) & (Interaction.date <= today)
    given = Exchange.direction == Exchange.GIVEN

    def total(condition):
        return fn.COALESCE(fn.SUM(Case(None, [(condition, Exchange.points)], 0)), 0)

    counts = {
        row[0]: row[1:]
        for row in (
            Exchange.select(
                Exchange.person,
                fn.COUNT(Exchange.id),
                fn.SUM(Case(None, [(in_window, 1)], 0)),
                total(in_window & given),
                total(in_window & ~given),
                total(given),
                total(~given),
            )
            .join(Interaction)
            .where(Exchange.deleted_at.is_null() & Interaction.deleted_at.is_null())
            .group_by(Exchange.person)
            .tuples()
        )
    }
    people = Person.select(Person.id).where(Person.deleted_at.is_null()).tuples()
    result = {}
    for (person_id,) in people:
        exchanges, in_win, g_win, r_win, g_all, r_all = counts.get(person_id, (0, 0, 0, 0, 0, 0))
        result[person_id] = balance_from_counts(
            person_id,
            rules,
            exchanges=exchanges,
            exchanges_window=in_win,
            given_window=g_win,
            received_window=r_win,
            given_total=g_all,
            received_total=r_all,
        )
    return result
