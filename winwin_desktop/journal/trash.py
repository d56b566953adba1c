"""The trash: deleted people, interactions and promises, until restored or emptied."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from winwin_desktop.journal import interactions, people, promises
from winwin_desktop.store import recording
from winwin_desktop.store.models import Interaction, Person, Promise

PERSON = "person"
INTERACTION = "interaction"
PROMISE = "promise"
MODELS = {PERSON: Person, INTERACTION: Interaction, PROMISE: Promise}


@dataclass(frozen=True)
class TrashItem:
    kind: str  # PERSON, INTERACTION or PROMISE
    id: int
    label: str
    deleted_at: dt.datetime


def trash_items() -> list[TrashItem]:
    """Everything in the trash, most recently deleted first."""
    items = [
        TrashItem(PERSON, p.id, p.name, p.deleted_at)
        for p in Person.select().where(Person.deleted_at.is_null(False))
    ]
    items += [
        TrashItem(INTERACTION, i.id, f"{i.date.isoformat()} · {i.title or i.kind}", i.deleted_at)
        for i in Interaction.select().where(Interaction.deleted_at.is_null(False))
    ]
    # A deleted promise of someone in the trash goes (and comes back) with them.
    items += [
        TrashItem(PROMISE, p.id, f"{p.text} (with {p.person.name})", p.deleted_at)
        for p in Promise.select(Promise, Person)
        .join(Person)
        .where(Promise.deleted_at.is_null(False) & Person.deleted_at.is_null())
    ]
    return sorted(items, key=lambda item: item.deleted_at, reverse=True)


def restore(item: TrashItem) -> None:
    if item.kind == PERSON:
        people.restore_person(item.id)
    elif item.kind == PROMISE:
        promises.restore_promise(item.id)
    else:
        interactions.restore_interaction(item.id)


def empty_trash() -> int:
    """Delete for good everything in the trash (one undoable action). Returns the count."""
    items = trash_items()
    with recording("Empty the trash"):
        for item in items:
            row = MODELS[item.kind].get_or_none(MODELS[item.kind].id == item.id)
            if row is None:  # already gone with what it belonged to
                continue
            _delete_dependents(row)
            row.delete_instance()
    return len(items)


def _delete_dependents(row) -> None:
    # Removed one by one (not by cascade) so that undo can bring every row back.
    if isinstance(row, Person):
        for person_row in (
            *row.exchanges,
            *row.participations,
            *row.promises,
            *row.mentions,
            *row.person_tags,
        ):
            person_row.delete_instance()
        for introduced in row.introduced:
            introduced.introduced_by = None
            introduced.save()
    elif isinstance(row, Interaction):
        for child in (*row.exchanges, *row.participants):
            child.delete_instance()
        for promise in row.promises:
            promise.interaction = None
            promise.save()
