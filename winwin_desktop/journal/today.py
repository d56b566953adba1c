"""The Today page's questions: what is due, who needs attention, the streak, on this day.

:func:`day_page` reads what the page shows of one day — on a server in two round trips
(the second for the same day in earlier years, which the first's dates decide), whatever
the journal holds — and nothing that needs a look at everyone: the names for
@-completion and who needs attention are :func:`people_part`, one more round trip, read
once the day is on screen (on a large journal they scan every interaction and exchange),
beside the window on a journal file (:func:`people_part_in_background`).
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass

from peewee import chunked, fn

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
from winwin_desktop.journal.reflections import MentionNames, ReflectionData
from winwin_desktop.store import aggregates, recording
from winwin_desktop.store.changes import data_version
from winwin_desktop.store.models import (
    Interaction,
    Mention,
    Person,
    PersonTag,
    Promise,
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
    titles: list[str]  # of the day's interactions (their kind if untitled), in order


@dataclass(frozen=True)
class DayPage:
    """What the Today page shows for ``day``: the reflection and its prompts, the day's
    interactions, the promises due, the streak, the same day in earlier years, and the
    calendar's marks from ``marked[0]`` to ``marked[1]``; ``stored``, the settings read
    with it, for :func:`people_part`."""

    day: dt.date
    empty: bool  # nobody in the journal and nothing written: the welcome page
    reflection: ReflectionData
    prompts: list[str]
    streak: int
    logged: list[InteractionData]
    due: list[PromiseInfo]  # soonest first: all of them, or the first ``first_due``
    due_count: int  # how many are due in all
    on_this_day: list[OnThisDay]
    marked: tuple[dt.date, dt.date]
    days_logged: set[dt.date]
    days_written: set[dt.date]
    stored: dict


@dataclass(frozen=True)
class PeoplePart:
    """What the Today page reads about everyone, after the day: every live person by
    name (for @-completion) and who needs attention."""

    names: list[tuple[int, str]]
    attention: list[Attention]


def day_page(
    day: dt.date,
    marked: tuple[dt.date, dt.date],
    today: dt.date | None = None,
    first_due: int | None = None,
) -> DayPage:
    """The Today page of ``day`` as of ``today``, with the calendar's marks from
    ``marked[0]`` to ``marked[1]`` (without :func:`people_part`); with ``first_due``,
    only that many of the promises due (and how many there are): a journal with
    thousands overdue shows the first few, and reads them in a millisecond."""
    today = today or dt.date.today()
    reflection = (
        Reflection.live(Reflection.id, Reflection.text).where(Reflection.day == day).tuples()
    )
    logged = interactions.loading_queries(_on_days([day]))
    (
        stored,
        anybody,
        any_reflection,
        found,
        mentioned,
        streak_days,
        *rows,
    ) = run_together(
        [
            balance.rule_settings(*PAGE_SETTINGS),
            Person.live(Person.id).limit(1).tuples(),
            Reflection.live(Reflection.id).limit(1).tuples(),
            reflection,
            Related(reflection, reflection.select(Reflection.id), _mentions_query),
            _written_days(until=max(day, today)),
            *logged,
            _due_query(today, first_due),
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
    due, first_written, first_logged, days_logged, days_written = rows[len(logged) :]
    stored = dict(stored)
    firsts = [_date(first_written[0][0]), _date(first_logged[0][0])]
    years = [first.year for first in firsts if first]
    earlier = rules.on_this_day(day, min(years)) if years else []
    past_written, past_logged = run_together(
        [
            Reflection.live(Reflection.day, Reflection.text)
            .where(Reflection.day.in_(earlier))
            .tuples(),
            _on_days(earlier)
            .select(Interaction.date, Interaction.title, Interaction.kind)
            .tuples(),
        ]
    )
    return DayPage(
        day=day,
        empty=not anybody and not any_reflection,
        reflection=ReflectionData(day, found[0][1], mentioned) if found else ReflectionData(day),
        prompts=list(settings.stored_or_default("prompts", stored)),
        streak=rules.reflection_streak({_date(d) for (d,) in streak_days}, max(day, today)),
        logged=interactions.interactions_of(*logged_rows),
        due=_due_of(due),
        due_count=due[0][-1] if due else 0,
        on_this_day=_on_this_day(earlier, past_written, past_logged),
        marked=marked,
        days_logged={_date(d) for (d,) in days_logged},
        days_written={_date(d) for (d,) in days_written},
        stored=stored,
    )


def people_part(today: dt.date | None = None, stored: dict | None = None) -> PeoplePart:
    """Every live person's name and who needs attention as of ``today``; with ``stored``
    (a :class:`DayPage`'s settings) on a server in one round trip, else two."""
    today = today or dt.date.today()
    found, status_rules, people_rows = _contacts(today, stored)
    return PeoplePart(
        names=[(row[0], row[1]) for row in people_rows],
        attention=rules.needs_attention(found, [], today, status_rules.window_days),
    )


def people_part_in_background(
    stored: dict, today: dt.date | None = None
) -> aggregates.Background[tuple[PeoplePart, MentionNames]]:
    """:func:`people_part` (with ``stored``, a :class:`DayPage`'s settings) and everyone's
    names ready for :func:`reflections.mention_spans`, read and made on a thread with a
    connection of its own on a plain file: the scans of every interaction and exchange,
    and the making of ten thousand people's rows, leave the window free meanwhile. On a
    server (one round trip) and on an encrypted file, at once (see
    ``aggregates.in_background``)."""
    day = today or dt.date.today()

    def read(_db) -> tuple[PeoplePart, MentionNames]:
        part = people_part(day, stored)
        return part, MentionNames(part.names)

    return aggregates.in_background(read, database.obj)


def journal_seen() -> tuple:
    """The journal open (each opening is a new database object) and how many times others
    (another program, machine or connection) have written to it: what a cached
    :func:`people_part` depends on besides the user's own changes, the settings and the
    date. Costs next to nothing (asked at every switch to the page)."""
    return database.obj, data_version()


def organisations(person_ids: list[int]) -> dict[int, str]:
    """Each person's organisation (those with one), for the few whose name another
    shares: completion writes them as "Sam Lee (Globex)"."""
    found: dict[int, str] = {}
    for part in chunked(person_ids, 500):
        query = Person.select(Person.id, Person.organisation).where(Person.id.in_(part))
        found.update((pid, organisation) for pid, organisation in query.tuples() if organisation)
    return found


def _due_query(today: dt.date, first: int | None = None):
    """The open promises overdue or due within the horizon, both ways, soonest first (as
    ``rules.promises_due`` orders them), ``first`` of them or all: the rows of
    :func:`_due_of`, each with how many there are in all."""
    last_day = today + dt.timedelta(days=rules.DUE_HORIZON_DAYS)
    query = (
        Promise.select(
            Promise.id,
            Person.id,
            Person.name,
            Promise.owed_by,
            Promise.text,
            Promise.due,
            Promise.status,
            Promise.interaction,
            fn.COUNT(Promise.id).over(),
        )
        .join(Person)
        .where(
            live(Promise, Person)
            & (Promise.status == rules.OPEN)
            & Promise.due.is_null(False)
            & (Promise.due <= last_day)
        )
        .order_by(Promise.due, Promise.owed_by != rules.I_OWE, Promise.id)
        .tuples()
    )
    return query if first is None else query.limit(first)


def due_now(today: dt.date | None = None) -> list[PromiseInfo]:
    """Every promise due (as :func:`due_promises`), read as the Today page reads them:
    its "Show all" once it has shown the first few."""
    (rows,) = run_together([_due_query(today or dt.date.today())])
    return _due_of(rows)


def _due_of(rows) -> list[PromiseInfo]:
    return [
        PromiseInfo(
            id=pid,
            person_id=person_id,
            person_name=name,
            owed_by=owed_by,
            text=text,
            due=_date(due),
            status=status,
            interaction_id=interaction_id,
        )
        for pid, person_id, name, owed_by, text, due, status, interaction_id, _count in rows
    ]


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
    contacted: dict[int, tuple[int, str]],
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
    last_contacts = people.dated_contacts(contacted)
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
    earlier: list[dt.date], written: list[tuple], logged: list[tuple]
) -> list[OnThisDay]:
    texts = {_date(day): text for day, text in written if text.strip()}
    by_day: dict[dt.date, list[str]] = defaultdict(list)
    for day, title, kind in logged:
        by_day[_date(day)].append(title or kind)
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
    return people_part(today).attention


def _contacts(
    today: dt.date, stored: dict | None = None
) -> tuple[list[ContactInfo], StatusRules, list[tuple]]:
    """The people as the attention rules see them, the rules, and :func:`_people_query`'s
    rows. On a server in one round trip when the settings are given (``stored``), else in
    two: the settings, then the totals over the window they give."""
    if stored is None:
        (read,) = run_together([balance.rule_settings(*PAGE_SETTINGS)])
        stored = dict(read)
    status_rules = balance.status_rules(stored=stored)
    db = database.obj
    # The two scans of a large journal side by side (as the People list's): everyone's
    # interactions on a thread of their own, the exchanges here.
    beside = aggregates.reads_beside(db)
    contacts = aggregates.in_background(aggregates.contact_totals, db) if beside else None
    people_rows, cadences, totals, *contacted = run_together(
        [
            _people_query(),
            _tag_cadences_query(),
            balance.window_totals_query(today, status_rules),
            *([] if beside else [aggregates.contact_totals_query(db)]),
        ]
    )
    contacted = aggregates.contact_totals_of(contacted[0]) if contacts is None else contacts()
    found = _contacts_of(people_rows, cadences, contacted, totals, stored, status_rules, today)
    return found, status_rules, people_rows


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
