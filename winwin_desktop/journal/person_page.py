"""What the person page shows on opening, read at once: on a server one round trip, on a
file each thing once (the person's exchanges serve the header's standing, its trend and
the Balance tab alike)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from winwin_desktop.analytics import ExchangeRecord, PersonBalance, StatusRules, person_balances
from winwin_desktop.journal import balance, interactions, people, profile, reflections, settings
from winwin_desktop.journal.interactions import InteractionData
from winwin_desktop.journal.name_parts import NameParts, name_parts_of
from winwin_desktop.journal.people import PersonData
from winwin_desktop.journal.reflections import ReflectionData
from winwin_desktop.journal.today import snooze_left
from winwin_desktop.store.together import run_together

DEFAULT_CADENCE = "default_cadence_days"


@dataclass(frozen=True)
class PersonPage:
    """One person as their page shows them: the profile, the header's standing, the
    newest interactions of the timeline and the reflections mentioning them."""

    person: PersonData
    name_parts: NameParts
    photo: bytes | None
    snoozed_until: dt.date | None  # None when not snoozed (any more)
    default_cadence: int  # the journal's, for a person without their own
    rules: StatusRules
    records: list[ExchangeRecord]  # their live exchanges, oldest first
    standing: PersonBalance | None  # None without any exchange
    interactions: int
    last_contact: dt.date | None
    timeline: list[InteractionData]  # newest first, at most the limit asked for
    mentions: list[ReflectionData]  # newest first
    today: dt.date

    @property
    def given(self) -> int:
        """Points given ever."""
        return self.standing.given_total if self.standing else 0

    @property
    def received(self) -> int:
        """Points received ever."""
        return self.standing.received_total if self.standing else 0


def person_page(person_id: int, timeline_limit: int, today: dt.date | None = None) -> PersonPage:
    """The page of ``person_id`` (in the trash or not; NotFound when there is none) with
    up to ``timeline_limit`` interactions of their timeline."""
    today = today or dt.date.today()
    timeline = interactions.timeline_queries(person_id, timeline_limit)
    found, tags, stored, contacts, exchanges, *timeline_rows, mentions = run_together(
        [
            people.person_query(person_id),
            people.tags_query([person_id]),
            balance.rule_settings(DEFAULT_CADENCE),
            people.contacts_query([person_id]),
            balance.person_records_query(person_id),
            *timeline,
            reflections.mentions_query(person_id),
        ]
    )
    person = people.person_data(found, tags)
    row = found[0]
    stored = dict(stored)
    rules = balance.status_rules(stored=stored)
    records = balance.records_of(exchanges)
    count, last = people.contacts_of(contacts).get(person_id, (0, None))
    return PersonPage(
        person=person,
        name_parts=name_parts_of(row),
        photo=profile.photo_bytes(row.photo),
        snoozed_until=snooze_left(row.snoozed_until, today),
        default_cadence=int(settings.stored_or_default(DEFAULT_CADENCE, stored)),
        rules=rules,
        records=records,
        standing=person_balances(records, today, rules).get(person_id),
        interactions=count,
        last_contact=last,
        timeline=interactions.interactions_of(*timeline_rows),
        mentions=reflections.mentions_of(mentions),
        today=today,
    )
