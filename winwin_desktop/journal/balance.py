"""Where each relationship stands: the journal's exchanges handed to ``analytics``."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from winwin_desktop.analytics import ExchangeRecord, PersonBalance, StatusRules, person_balances
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
