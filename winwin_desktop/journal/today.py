"""The Today page's questions: what is due, who needs attention, the streak, on this day."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from winwin_desktop.analytics import attention as rules
from winwin_desktop.analytics.attention import Attention, ContactInfo, PromiseInfo
from winwin_desktop.journal import balance, interactions, promises, reflections, settings
from winwin_desktop.journal.errors import NotFound
from winwin_desktop.journal.interactions import InteractionData
from winwin_desktop.journal.people import people_summaries
from winwin_desktop.journal.reflections import ReflectionData
from winwin_desktop.store import recording
from winwin_desktop.store.models import Person, PersonTag, Reflection, Tag, live


@dataclass(frozen=True)
class OnThisDay:
    day: dt.date
    reflection: ReflectionData | None
    interactions: list[InteractionData]


def due_promises(today: dt.date | None = None) -> list[PromiseInfo]:
    """Open promises both ways, overdue or due within a week."""
    today = today or dt.date.today()
    return rules.promises_due(promises.promises(status=rules.OPEN), today)


def contacts(today: dt.date | None = None) -> list[ContactInfo]:
    today = today or dt.date.today()
    default = int(settings.get_setting("default_cadence_days"))
    standings = balance.status_table(today)
    tag_cadences: dict[int, list[int]] = {}
    for person_id, days in (
        PersonTag.select(PersonTag.person, Tag.cadence_days)
        .join(Tag)
        .where(Tag.cadence_days.is_null(False) & live(Tag))
        .tuples()
    ):
        tag_cadences.setdefault(person_id, []).append(days)
    extra = {
        p.id: (p.cadence_days, p.snoozed_until)
        for p in Person.live(Person.id, Person.cadence_days, Person.snoozed_until)
    }
    result = []
    for summary in people_summaries():
        own, snoozed = extra.get(summary.id, (None, None))
        standing = standings.get(summary.id)
        result.append(
            ContactInfo(
                person_id=summary.id,
                name=summary.name,
                last_contact=summary.last_contact,
                cadence_days=rules.effective_cadence(
                    own, tag_cadences.get(summary.id, ()), default
                ),
                status=standing.status if standing else "new",
                status_explanation=standing.explanation if standing else "",
                snoozed_until=snoozed,
                archived=summary.archived,
                given_window=standing.given_window if standing else 0,
                received_window=standing.received_window if standing else 0,
            )
        )
    return result


def needs_attention(today: dt.date | None = None) -> list[Attention]:
    """People whose relationship needs care: losing, or drifting. Overdue promises are
    not among the reasons: they are listed once, with :func:`due_promises`."""
    today = today or dt.date.today()
    window = int(settings.get_setting("review_window_days"))
    return rules.needs_attention(contacts(today), [], today, window)


def is_empty() -> bool:
    """Nobody in the journal and nothing written: a first run, for the welcome page."""
    return not Person.live(Person.id).exists() and not Reflection.live(Reflection.id).exists()


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


def streak(today: dt.date | None = None) -> int:
    today = today or dt.date.today()
    return rules.reflection_streak(reflections.days_with_reflections(until=today), today)


def on_this_day(today: dt.date | None = None) -> list[OnThisDay]:
    """Reflections and interactions from today's date in earlier years, latest first."""
    today = today or dt.date.today()
    first = Reflection.select(Reflection.day).order_by(Reflection.day).first()
    first_interaction = interactions.first_day()
    years = [d.year for d in (first.day if first else None, first_interaction) if d]
    if not years:
        return []
    result = []
    for day in rules.on_this_day(today, min(years)):
        found = reflections.get_reflection(day)
        items = interactions.on_day(day)
        if found.text.strip() or items:
            result.append(OnThisDay(day, found if found.text.strip() else None, items))
    return result
