"""The trash: deleted people, interactions and promises, until restored or emptied."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from winwin_desktop.journal import interactions, people, promises
from winwin_desktop.store import recording
from winwin_desktop.store.models import Interaction, Participant, Person, Promise, live

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
    # For a table of the trash: what it is without its date, its date (interactions),
    # and where it was deleted from, in words.
    what: str = ""
    day: dt.date | None = None
    where: str = ""


def trash_items() -> list[TrashItem]:
    """Everything in the trash, most recently deleted first."""
    items = [
        TrashItem(PERSON, p.id, p.name, p.deleted_at, p.name, None, "People")
        for p in Person.select().where(Person.deleted_at.is_null(False))
    ]
    deleted = list(Interaction.select().where(Interaction.deleted_at.is_null(False)))
    names: dict[int, list[str]] = {}
    for interaction_id, name in (
        Participant.select(Participant.interaction, Person.name)
        .join(Person)
        .where(Participant.interaction.in_([i.id for i in deleted]))
        .order_by(Participant.id)
        .tuples()
    ):
        names.setdefault(interaction_id, []).append(name)
    items += [
        TrashItem(
            INTERACTION,
            i.id,
            f"{i.date.isoformat()} · {i.title or i.kind}",
            i.deleted_at,
            i.title or i.kind.capitalize(),
            i.date,
            "Timeline of " + ", ".join(names[i.id]) if i.id in names else "Timeline",
        )
        for i in deleted
    ]
    # A deleted promise of someone in the trash goes (and comes back) with them.
    items += [
        TrashItem(
            PROMISE,
            p.id,
            f"{p.text} (with {p.person.name})",
            p.deleted_at,
            p.text,
            None,
            f"Promises with {p.person.name}",
        )
        for p in Promise.select(Promise, Person)
        .join(Person)
        .where(Promise.deleted_at.is_null(False) & live(Person))
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
