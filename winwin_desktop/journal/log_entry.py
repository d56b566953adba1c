"""Saving a log entry — the central action, the same from the window's log dialog and
from ``winwin log``: the people new to the journal, the interaction, the value
exchanged in it and the promises made, in one transaction and one undo step."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field

from winwin_desktop.analytics.attention import PromiseInfo
from winwin_desktop.journal import interactions, people, promises
from winwin_desktop.journal.interactions import ExchangeData, InteractionData
from winwin_desktop.journal.people import PersonData
from winwin_desktop.store import recording


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
