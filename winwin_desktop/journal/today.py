"""The Today page's questions: what is due, who needs attention, the streak, on this day.

:func:`day_page` reads everything the page shows for one day at once: on a server in two
round trips (the second for what the first's settings and dates decide: the totals over
the review window and the same day in earlier years), whatever the journal holds.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass

from peewee import fn

from winwin_desktop.analytics import StatusRules
from winwin_desktop.analytics import attention as rules
from winwin_desktop.analytics.attention import Attention, ContactInfo, PromiseInfo
from winwin_desktop.analytics.balance import NEW
from winwin_desktop.journal import (
    balance,
    interactions,
    people,
    promises,
    settings,
)
from winwin_desktop.journal.errors import NotFound
from winwin_desktop.journal.interactions import InteractionData
from winwin_desktop.journal.reflections import ReflectionData
from winwin_desktop.store import aggregates, recording
from winwin_desktop.store.models import (
    Interaction,
    Mention,
    Person,
    PersonTag,
    Reflection,
    Tag,
    database,
    live,
)
from winwin_desktop.store.together import Related, run_together

PAGE_SETTINGS = ("prompts", "default_cadence_days")


@dataclass(frozen=True)
class OnThisDay:
    day: dt.date
    reflection: ReflectionData | None
    interactions: list[InteractionData]


@dataclass(frozen=True)
class DayPage:
    """What the Today page shows for ``day``: the reflection and its prompts, the day's
    interactions, the promises due, who needs attention, the streak, the same day in
    earlier years, and the calendar's marks from ``marked[0]`` to ``marked[1]``."""

    day: dt.date
    empty: bool  # nobody in the journal and nothing written: the welcome page
    names: list[tuple[int, str]]  # every live person, by name, for @-completion
    reflection: ReflectionData
    prompts: list[str]
    streak: int
    logged: list[InteractionData]
    due: list[PromiseInfo]
    attention: list[Attention]
    on_this_day: list[OnThisDay]
    marked: tuple[dt.date, dt.date]
    days_logged: set[dt.date]
    days_written: set[dt.date]


def day_page(
    day: dt.date, marked: tuple[dt.date, dt.date], today: dt.date | None = None
) -> DayPage:
    """The Today page of ``day`` as of ``today``, with the calendar's marks from
    ``marked[0]`` to ``marked[1]``."""
    today = today or dt.date.today()
    reflection = (
        Reflection.live(Reflection.id, Reflection.text).where(Reflection.day == day).tuples()
    )
    logged = interactions.loading_queries(_on_days([day]))
    (
        stored,
        people_rows,
        any_reflection,
        found,
        mentioned,
        streak_days,
        *rows,
    ) = run_together(
        [
            balance.rule_settings(*PAGE_SETTINGS),
            _people_query(),
            Reflection.live(Reflection.id).limit(1).tuples(),
            reflection,
            Related(reflection, reflection.select(Reflection.id), _mentions_query),
            _written_days(until=max(day, today)),
            *logged,
            promises.promises_query(status=rules.OPEN),
            _tag_cadences_query(),
            aggregates.contact_totals_query(database.obj),
            Reflection.select(fn.MIN(Reflection.day)).tuples(),
            Interaction.live(fn.MIN(Interaction.date)).tuples(),
            Interaction.select(Interaction.date)
            .where(live(Interaction) & Interaction.date.between(*marked))
            .distinct()
            .tuples(),
            _written_days(*marked),
        ]
    )
    logged_rows = rows[: len(logged)]
    open_promises, cadences, contacted, first_written, first_logged, days_logged, days_written = (
        rows[len(logged) :]
    )
    stored = dict(stored)
    status_rules = balance.status_rules(stored=stored)
    firsts = [_date(first_written[0][0]), _date(first_logged[0][0])]
    years = [first.year for first in firsts if first]
    earlier = rules.on_this_day(day, min(years)) if years else []
    totals, past_written, *past_logged = run_together(
        [
            balance.window_totals_query(today, status_rules),
            Reflection.live(Reflection.day, Reflection.text)
            .where(Reflection.day.in_(earlier))
            .tuples(),
            *interactions.loading_queries(_on_days(earlier)),
        ]
    )
    found_contacts = _contacts_of(
        people_rows, cadences, contacted, totals, stored, status_rules, today
    )
    return DayPage(
        day=day,
        empty=not people_rows and not any_reflection,
        names=[(row[0], row[1]) for row in people_rows],
        reflection=ReflectionData(day, found[0][1], mentioned) if found else ReflectionData(day),
        prompts=list(settings.stored_or_default("prompts", stored)),
        streak=rules.reflection_streak({_date(d) for (d,) in streak_days}, max(day, today)),
        logged=interactions.interactions_of(*logged_rows),
        due=rules.promises_due(promises.promises_of(open_promises), today),
        attention=rules.needs_attention(found_contacts, [], today, status_rules.window_days),
        on_this_day=_on_this_day(earlier, past_written, interactions.interactions_of(*past_logged)),
        marked=marked,
        days_logged={_date(d) for (d,) in days_logged},
        days_written={_date(d) for (d,) in days_written},
    )


def _people_query():
    """Every live person with what the attention rules need, by name."""
    return (
        Person.live(
            Person.id, Person.name, Person.archived, Person.cadence_days, Person.snoozed_until
        )
        .order_by(fn.lower(Person.name))
        .tuples()
    )


def _tag_cadences_query():
    return (
        PersonTag.select(PersonTag.person, Tag.cadence_days)
        .join(Tag)
        .where(Tag.cadence_days.is_null(False) & live(Tag))
        .tuples()
    )


def _mentions_query(reflection_ids):
    return (
        Mention.select(Person.id, Person.name)
        .join(Person)
        .where(Mention.reflection.in_(reflection_ids) & live(Mention))
        .order_by(Person.name)
        .tuples()
    )


def _written_days(since: dt.date | None = None, until: dt.date | None = None):
    """The query of the days with a reflection (as :func:`reflections.days_with_reflections`)."""
    query = Reflection.live(Reflection.day).where(Reflection.text != "")
    if since:
        query = query.where(Reflection.day >= since)
    if until:
        query = query.where(Reflection.day <= until)
    return query.tuples()


def _on_days(days: list[dt.date]):
    """The live interactions of ``days``, in the order each day's happened."""
    return (
        Interaction.live()
        .where(Interaction.date.in_(days))
        .order_by(Interaction.date, Interaction.time.asc(nulls="FIRST"), Interaction.id)
    )


def _contacts_of(
    people_rows: list[tuple],
    cadences: list[tuple],
    contacted: list[tuple],
    totals: list[tuple],
    stored: dict,
    status_rules: StatusRules,
    today: dt.date,
) -> list[ContactInfo]:
    """The people as the attention rules see them, from the rows of :func:`_people_query`,
    :func:`_tag_cadences_query`, the contact totals and the window totals."""
    default = int(settings.stored_or_default("default_cadence_days", stored))
    standings = balance.status_table(
        today,
        person_ids=[row[0] for row in people_rows],
        rules=status_rules,
        counts=balance.window_totals_of(totals),
    )
    last_contacts = people.dated_contacts(aggregates.contact_totals_of(contacted))
    tag_cadences: dict[int, list[int]] = defaultdict(list)
    for person_id, days in cadences:
        tag_cadences[person_id].append(days)
    result = []
    for person_id, name, archived, own, snoozed in people_rows:
        found = standings.get(person_id)
        result.append(
            ContactInfo(
                person_id=person_id,
                name=name,
                last_contact=last_contacts.get(person_id, (0, None))[1],
                cadence_days=rules.effective_cadence(own, tag_cadences[person_id], default),
                status=found.status if found else NEW,
                status_explanation=found.explanation if found else "",
                snoozed_until=snoozed,
                archived=bool(archived),
                given_window=found.given_window if found else 0,
                received_window=found.received_window if found else 0,
            )
        )
    return result


def _on_this_day(
    earlier: list[dt.date], written: list[tuple], logged: list[InteractionData]
) -> list[OnThisDay]:
    texts = {_date(day): text for day, text in written if text.strip()}
    by_day: dict[dt.date, list[InteractionData]] = defaultdict(list)
    for interaction in logged:
        by_day[interaction.date].append(interaction)
    return [
        OnThisDay(
            day,
            ReflectionData(day, texts[day]) if day in texts else None,
            by_day.get(day, []),
        )
        for day in earlier
        if day in texts or day in by_day
    ]


def _date(value) -> dt.date | None:
    """A date as read back (ISO text from a file's raw columns, a date from a server)."""
    if value is None or isinstance(value, dt.date):
        return value
    return dt.date.fromisoformat(str(value)[:10])


def due_promises(today: dt.date | None = None) -> list[PromiseInfo]:
    """Open promises both ways, overdue or due within a week."""
    today = today or dt.date.today()
    return rules.promises_due(promises.promises(status=rules.OPEN), today)


def needs_attention(today: dt.date | None = None) -> list[Attention]:
    """People whose relationship needs care: losing, or drifting. Overdue promises are
    not among the reasons: they are listed once, with :func:`due_promises`."""
    today = today or dt.date.today()
    found, status_rules = _contacts(today)
    return rules.needs_attention(found, [], today, status_rules.window_days)


def _contacts(today: dt.date) -> tuple[list[ContactInfo], StatusRules]:
    # On a server in two round trips: the people and the settings, then the totals over
    # the window the settings give.
    stored, people_rows, cadences, contacted = run_together(
        [
            balance.rule_settings(*PAGE_SETTINGS),
            _people_query(),
            _tag_cadences_query(),
            aggregates.contact_totals_query(database.obj),
        ]
    )
    stored = dict(stored)
    status_rules = balance.status_rules(stored=stored)
    (totals,) = run_together([balance.window_totals_query(today, status_rules)])
    found = _contacts_of(people_rows, cadences, contacted, totals, stored, status_rules, today)
    return found, status_rules


def snooze(person_id: int, days: int, today: dt.date | None = None) -> dt.date:
    """No "needs attention" for the person until ``days`` from today."""
    person = Person.get_or_none((Person.id == person_id) & live(Person))
    if person is None:
        raise NotFound("person", "That person is not in the journal.")
    until = (today or dt.date.today()) + dt.timedelta(days=days)
    with recording(f"Snooze {person.name}"):
        person.snoozed_until = until
        person.save()
    return until


def unsnooze(person_id: int) -> None:
    """End a person's snooze: they may appear under "needs attention" again at once."""
    person = Person.get_or_none((Person.id == person_id) & live(Person))
    if person is None:
        raise NotFound("person", "That person is not in the journal.")
    with recording(f"Un-snooze {person.name}"):
        person.snoozed_until = None
        person.save()


def snoozed_until(person_id: int, today: dt.date | None = None) -> dt.date | None:
    """The last day of the person's snooze, or None when they are not snoozed (any more)."""
    row = Person.select(Person.snoozed_until).where(Person.id == person_id).tuples().get_or_none()
    return snooze_left(row[0] if row else None, today)


def snooze_left(until: dt.date | None, today: dt.date | None = None) -> dt.date | None:
    """``until`` (a person's snoozed_until) if the snooze still runs ``today``, else None."""
    return until if until and until >= (today or dt.date.today()) else None
