"""Promises both ways: what I owe, what they owe, and keeping them."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from peewee import ModelSelect

from winwin_desktop.analytics.attention import DROPPED, I_OWE, KEPT, OPEN, THEY_OWE, PromiseInfo
from winwin_desktop.journal import interactions, settings
from winwin_desktop.journal.errors import NotFound, ValidationError
from winwin_desktop.journal.interactions import ExchangeData, InteractionData
from winwin_desktop.journal.validate import parse_optional_date
from winwin_desktop.store import recording
from winwin_desktop.store.models import Interaction, Person, Promise, live, utc_now

OWERS = (I_OWE, THEY_OWE)


@dataclass(frozen=True)
class PromiseSource:
    """The interaction a promise was made in."""

    interaction_id: int
    date: dt.date
    title: str
    deleted: bool = False

    @property
    def label(self) -> str:
        return f"{self.date.isoformat()} · {self.title}" + (
            " (in the Trash)" if self.deleted else ""
        )


def clean_promise_text(text: str | None) -> str:
    text = " ".join((text or "").split())
    if not text:
        raise ValidationError("promise", "Say what was promised.")
    if len(text) > 500:
        raise ValidationError("promise", "Keep a promise under 500 characters.")
    return text


def add_promise(
    person_id: int,
    owed_by: str,
    text: str,
    due: str | dt.date | None = None,
    interaction_id: int | None = None,
) -> PromiseInfo:
    if owed_by not in OWERS:
        raise ValidationError("owed_by", "A promise is owed either by you or by them.")
    text = clean_promise_text(text)
    due_day = parse_optional_date(due, "due")
    person = Person.get_or_none((Person.id == person_id) & live(Person))
    if person is None:
        raise NotFound("person", "That person is not in the journal.")
    with recording(f"Promise: {text}"):
        promise = Promise(
            person=person, owed_by=owed_by, text=text, due=due_day, interaction=interaction_id
        )
        promise.save()
    return get_promise(promise.id)


def get_promise(promise_id: int) -> PromiseInfo:
    row = (
        Promise.select(Promise, Person.id, Person.name)
        .join(Person)
        .where(Promise.id == promise_id)
        .get_or_none()
    )
    if row is None:
        raise NotFound("promise", "That promise no longer exists.")
    return _info(row)


def promises(person_id: int | None = None, status: str | None = None) -> list[PromiseInfo]:
    """Live promises (of one person, or everyone's), soonest due first, undated last."""
    return promises_of(promises_query(person_id, status))


def promises_query(person_id: int | None = None, status: str | None = None) -> ModelSelect:
    """The query of :func:`promises`, for a batch of reads; :func:`promises_of` reads it."""
    query = (
        Promise.select(Promise, Person.id, Person.name).join(Person).where(live(Promise, Person))
    )
    if person_id is not None:
        query = query.where(Promise.person == person_id)
    if status is not None:
        query = query.where(Promise.status == status)
    return query


def promises_of(rows) -> list[PromiseInfo]:
    found = [_info(row) for row in rows]
    return sorted(
        found, key=lambda p: (p.status != OPEN, p.due is None, p.due or dt.date.max, p.id)
    )


def set_status(promise_id: int, status: str, on: dt.date | None = None) -> PromiseInfo:
    if status not in (OPEN, KEPT, DROPPED):
        raise ValidationError("status", "A promise is open, kept or dropped.")
    promise = _live(promise_id)
    with recording(f"Promise {status}: {promise.text}"):
        promise.status = status
        promise.closed_on = None if status == OPEN else (on or dt.date.today())
        promise.save()
    return get_promise(promise_id)


def keep_promise(
    promise_id: int,
    exchange: ExchangeData | None = None,
    on: dt.date | None = None,
) -> tuple[PromiseInfo, InteractionData | None]:
    """Mark a promise kept and, if ``exchange`` is given, record it — in one action.

    The exchange is recorded in a small interaction of its own on the day it was kept
    (an exchange always belongs to an interaction), which also counts as a contact.
    """
    promise = _live(promise_id)
    day = on or dt.date.today()
    with recording(f"Kept: {promise.text}"):
        kept = set_status(promise_id, KEPT, day)
        logged = None
        if exchange is not None:
            logged = interactions.log_interaction(
                day,
                f"Promise kept: {promise.text}",
                [promise.person_id],
                # "other" unless the user removed it from the kinds in Settings.
                kind="other" if "other" in settings.kinds() else settings.kinds()[-1],
                exchanges=[exchange],
            )
    return kept, logged


def edit_promise(
    promise_id: int,
    text: str,
    due: str | dt.date | None,
    owed_by: str | None = None,
    person_id: int | None = None,
) -> PromiseInfo:
    """Change what was promised and by when (and, if given, who owes it and to whom).

    The status and the interaction it came from stay as they were.
    """
    promise = _live(promise_id)
    if owed_by is not None and owed_by not in OWERS:
        raise ValidationError("owed_by", "A promise is owed either by you or by them.")
    text = clean_promise_text(text)
    due_day = parse_optional_date(due, "due")
    person = None
    if person_id is not None and person_id != promise.person_id:
        person = Person.get_or_none((Person.id == person_id) & live(Person))
        if person is None:
            raise NotFound("person", "That person is not in the journal.")
    with recording(f"Edit promise: {text}"):
        promise.text = text
        promise.due = due_day
        if owed_by is not None:
            promise.owed_by = owed_by
        if person is not None:
            promise.person = person
        promise.save()
    return get_promise(promise_id)


def promises_of_interaction(interaction_id: int) -> list[PromiseInfo]:
    """The live promises made in one interaction, in the order they were written."""
    query = (
        Promise.select(Promise, Person.id, Person.name)
        .join(Person)
        .where((Promise.interaction == interaction_id) & live(Promise, Person))
        .order_by(Promise.id)
    )
    return [_info(row) for row in query]


def promise_sources(items: Iterable[PromiseInfo]) -> dict[int, PromiseSource]:
    """Promise id → the interaction it came from, for those that came from one."""
    wanted = {p.id: p.interaction_id for p in items if p.interaction_id is not None}
    if not wanted:
        return {}
    found = {
        row.id: PromiseSource(row.id, row.date, row.title or row.kind, row.deleted_at is not None)
        for row in Interaction.select(
            Interaction.id,
            Interaction.date,
            Interaction.title,
            Interaction.kind,
            Interaction.deleted_at,
        ).where(Interaction.id.in_(sorted(set(wanted.values()))))
    }
    return {pid: found[iid] for pid, iid in wanted.items() if iid in found}


def suggested_exchange(promise: PromiseInfo) -> ExchangeData:
    """The exchange a kept promise usually means: mine kept → given; theirs → received."""
    return ExchangeData(
        person_id=promise.person_id,
        direction="given" if promise.owed_by == I_OWE else "received",
        category="help/time",
        points=2,
        description=promise.text[:200],
    )


def delete_promise(promise_id: int) -> None:
    promise = _live(promise_id)
    with recording(f"Delete promise: {promise.text}"):
        promise.deleted_at = utc_now()
        promise.save()


def restore_promise(promise_id: int) -> PromiseInfo:
    """Bring a deleted promise back from the Trash."""
    promise = Promise.get_or_none(Promise.id == promise_id)
    if promise is None:
        raise NotFound("promise", "That promise no longer exists.")
    with recording(f"Restore promise: {promise.text}"):
        promise.deleted_at = None
        promise.save()
    return get_promise(promise_id)


def _live(promise_id: int) -> Promise:
    row = Promise.get_or_none((Promise.id == promise_id) & live(Promise))
    if row is None:
        raise NotFound("promise", "That promise no longer exists.")
    return row


def _info(row: Promise) -> PromiseInfo:
    return PromiseInfo(
        id=row.id,
        person_id=row.person.id,
        person_name=row.person.name,
        owed_by=row.owed_by,
        text=row.text,
        due=row.due,
        status=row.status,
        interaction_id=row.interaction_id,
    )
