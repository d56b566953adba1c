"""Saving a log entry — the central action, the same from the window's log dialog and
from ``winwin log``: the people new to the journal, the interaction, the value
exchanged in it and the promises made, in one transaction and one undo step.

A new entry costs four round trips to a journal on a server, however many people,
exchanges and promises it holds: the transaction's start, one batch of reads (settings
and the people named), one batch of inserts returning the stored rows (which are the
undo history's record and the result: nothing is read back), and the commit.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Sequence
from dataclasses import dataclass, field

from winwin_desktop.analytics.attention import PromiseInfo
from winwin_desktop.journal import interactions, people, promises, settings
from winwin_desktop.journal.errors import NotFound, ValidationError
from winwin_desktop.journal.interactions import ExchangeData, InteractionData
from winwin_desktop.journal.people import PersonData
from winwin_desktop.journal.validate import clean_list, clean_name, parse_optional_date
from winwin_desktop.store import history, recording
from winwin_desktop.store.models import (
    Exchange,
    Interaction,
    Participant,
    Person,
    Promise,
    Setting,
)
from winwin_desktop.store.together import id_of, run_together


@dataclass(frozen=True)
class NewPerson:
    """Someone to add to the journal with the entry; equal ones are added once."""

    name: str
    organisation: str = ""
    emails: tuple[str, ...] = ()


# A person already in the journal (their id), or one to add with the entry.
Who = int | NewPerson


@dataclass(frozen=True)
class EntryExchange:
    who: Who
    direction: str
    category: str
    points: int
    description: str = ""
    id: int | None = None  # an exchange of the edited interaction


@dataclass(frozen=True)
class EntryPromise:
    who: Who
    owed_by: str
    text: str
    due: dt.date | str | None = None
    id: int | None = None  # a promise of the edited interaction


@dataclass(frozen=True)
class LogEntry:
    """What a user logs; ``interaction_id`` is the interaction edited (None: a new one)."""

    date: dt.date | str
    title: str
    people: Sequence[Who]
    kind: str = "meeting"
    notes: str = ""
    exchanges: Sequence[EntryExchange] = ()
    promises: Sequence[EntryPromise] = ()
    interaction_id: int | None = None
    removed_promise_ids: Sequence[int] = ()

    @property
    def label(self) -> str:
        """The undo history's name for saving it, e.g. "Log “Coffee”"."""
        verb = "Log" if self.interaction_id is None else "Edit"
        return f"{verb} “{' '.join(self.title.split()) or self.kind}”"


@dataclass(frozen=True)
class SavedEntry:
    interaction: InteractionData
    promises: list[PromiseInfo] = field(default_factory=list)
    added: list[PersonData] = field(default_factory=list)


def save_log_entry(entry: LogEntry) -> SavedEntry:
    """Add the entry's new people, log (or edit) the interaction with its exchanges, and
    add, change or remove its promises — all or nothing; ``ValidationError`` leaves the
    journal as it was."""
    if entry.interaction_id is None and not entry.removed_promise_ids:
        return _log_new(entry)
    with recording(entry.label):
        added: dict[NewPerson, PersonData] = {}
        everyone = [
            *entry.people,
            *(e.who for e in entry.exchanges),
            *(p.who for p in entry.promises),
        ]
        for who in everyone:
            if isinstance(who, NewPerson) and who not in added:
                added[who] = people.add_person(
                    who.name, organisation=who.organisation, emails=list(who.emails)
                )

        def person_id(who: Who) -> int:
            return added[who].id if isinstance(who, NewPerson) else who

        values = dict(
            date=entry.date,
            title=entry.title,
            participant_ids=[person_id(who) for who in entry.people],
            kind=entry.kind,
            notes=entry.notes,
            exchanges=[
                ExchangeData(
                    id=e.id,
                    person_id=person_id(e.who),
                    direction=e.direction,
                    category=e.category,
                    points=e.points,
                    description=e.description,
                )
                for e in entry.exchanges
            ],
        )
        if entry.interaction_id is None:
            saved = interactions.log_interaction(**values)
        else:
            saved = interactions.edit_interaction(entry.interaction_id, **values)
        for promise_id in entry.removed_promise_ids:
            promises.delete_promise(promise_id)
        promised = [
            promises.add_promise(
                person_id(p.who), p.owed_by, p.text, p.due, interaction_id=saved.id
            )
            if p.id is None
            else promises.edit_promise(p.id, p.text, p.due, p.owed_by, person_id(p.who))
            for p in entry.promises
        ]
    return SavedEntry(saved, promised, list(added.values()))


def _log_new(entry: LogEntry) -> SavedEntry:
    """A new entry in one batch of reads and one batch of inserts."""
    with recording(entry.label):
        everyone = [
            *entry.people,
            *(e.who for e in entry.exchanges),
            *(p.who for p in entry.promises),
        ]
        known_ids = list(dict.fromkeys(who for who in everyone if not isinstance(who, NewPerson)))
        choices, names = run_together(
            [
                Setting.select(Setting.key, Setting.value)
                .where(Setting.key.in_(("kinds", "categories")))
                .tuples(),
                Person.live(Person.id, Person.name).where(Person.id.in_(known_ids)).tuples(),
            ]
        )
        stored = dict(choices)
        live = dict(names)

        # New people get a provisional (negative) id until the batch has inserted them.
        new_people: dict[NewPerson, dict] = {}
        for who in everyone:
            if isinstance(who, NewPerson) and who not in new_people:
                new_people[who] = {
                    "uid": str(uuid.uuid4()),
                    "name": clean_name(who.name),
                    "organisation": (who.organisation or "").strip(),
                    "emails": clean_list(who.emails),
                }
                live[-len(new_people)] = new_people[who]["name"]
        provisional = {who: -n for n, who in enumerate(new_people, 1)}

        def person_id(who: Who) -> int:
            return provisional[who] if isinstance(who, NewPerson) else who

        values = interactions.clean_interaction(
            entry.date,
            entry.title,
            [person_id(who) for who in entry.people],
            entry.kind,
            [
                ExchangeData(
                    person_id=person_id(e.who),
                    direction=e.direction,
                    category=e.category,
                    points=e.points,
                    description=e.description,
                )
                for e in entry.exchanges
            ],
            kinds=settings.stored_or_default("kinds", stored),
            categories=settings.stored_or_default("categories", stored),
            live=live,
        )
        promised = [_clean_promise(person_id(p.who), p, live) for p in entry.promises]

        uids = {provisional[who]: row["uid"] for who, row in new_people.items()}
        interaction_uid = str(uuid.uuid4())

        def ref(person: int):
            return id_of(Person, uids[person]) if person < 0 else person

        interaction = id_of(Interaction, interaction_uid)
        inserts = [
            (Person, [*new_people.values()]),
            (
                Interaction,
                [
                    {
                        "uid": interaction_uid,
                        "date": values["date"],
                        "kind": values["kind"],
                        "title": values["title"],
                        "notes": (entry.notes or "").strip(),
                    }
                ],
            ),
            (
                Participant,
                [{"interaction": interaction, "person": ref(p)} for p in values["participants"]],
            ),
            (
                Exchange,
                [
                    {
                        "interaction": interaction,
                        "person": ref(e.person_id),
                        "direction": e.direction,
                        "category": e.category,
                        "points": e.points,
                        "description": e.description,
                    }
                    for e in values["exchanges"]
                ],
            ),
            (
                Promise,
                [
                    {
                        "person": ref(p["person"]),
                        "owed_by": p["owed_by"],
                        "text": p["text"],
                        "due": p["due"],
                        "interaction": interaction,
                    }
                    for p in promised
                ],
            ),
        ]
        inserts = [(model, rows) for model, rows in inserts if rows]
        results = run_together(
            [
                model.insert_many(rows).returning(*model._meta.sorted_fields).dicts()
                for model, rows in inserts
            ]
        )
        rows = {model: images for (model, _), images in zip(inserts, results, strict=True)}
        for model, images in rows.items():
            history.inserted(model, images)
    return _saved(rows, live)


def _clean_promise(person_id: int, promise: EntryPromise, live: dict[int, str]) -> dict:
    """A new promise's values checked as ``promises.add_promise`` checks them."""
    if promise.owed_by not in promises.OWERS:
        raise ValidationError("owed_by", "A promise is owed either by you or by them.")
    text = promises.clean_promise_text(promise.text)
    due = parse_optional_date(promise.due, "due")
    if person_id not in live:
        raise NotFound("person", "That person is not in the journal.")
    return {"person": person_id, "owed_by": promise.owed_by, "text": text, "due": due}


def _saved(rows: dict[type, list[dict]], live: dict[int, str]) -> SavedEntry:
    """What was saved, from the rows as the inserts returned them (and the names of the
    people already in the journal, by id)."""
    added = [
        PersonData(
            id=row["id"],
            uid=row["uid"],
            name=row["name"],
            organisation=row["organisation"],
            emails=list(row["emails"]),
        )
        for row in rows.get(Person, [])
    ]
    names = live | {person.id: person.name for person in added}
    (interaction,) = rows[Interaction]
    participants = [row["person"] for row in rows[Participant]]
    return SavedEntry(
        InteractionData(
            id=interaction["id"],
            date=interaction["date"],
            kind=interaction["kind"],
            title=interaction["title"],
            notes=interaction["notes"],
            participants=[(p, names[p]) for p in participants],
            exchanges=[
                ExchangeData(
                    id=row["id"],
                    person_id=row["person"],
                    person_name=names[row["person"]],
                    direction=row["direction"],
                    category=row["category"],
                    points=row["points"],
                    description=row["description"],
                )
                for row in rows.get(Exchange, [])
            ],
        ),
        [
            PromiseInfo(
                id=row["id"],
                person_id=row["person"],
                person_name=names[row["person"]],
                owed_by=row["owed_by"],
                text=row["text"],
                due=row["due"],
                status=row["status"],
                interaction_id=row["interaction"],
            )
            for row in rows.get(Promise, [])
        ],
        added,
    )
