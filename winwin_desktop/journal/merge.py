"""Merging two people who are the same person: everything moves to the one kept.

Every interaction (as a participant), exchange, promise, @mention and tag of the other
person moves to the kept one; their emails, phones and links are added, their notes and
talking points appended, and the kept person's empty fields filled in. The other person
goes to the trash. It is one transaction and one undoable action, done row by row so
that the undo history sees every change.
"""

from __future__ import annotations

from dataclasses import dataclass

from winwin_desktop.journal.errors import ValidationError
from winwin_desktop.journal.people import PersonData, get_person, live_person, people_names

# The same @mention rule as reflections use, so "@Other" is found exactly as they find it.
from winwin_desktop.journal.reflections import mention_spans
from winwin_desktop.journal.validate import clean_list
from winwin_desktop.store import recording
from winwin_desktop.store.models import (
    Exchange,
    Mention,
    Participant,
    Person,
    PersonTag,
    Promise,
    Reflection,
    Tag,
    utc_now,
)
from winwin_desktop.text import plural

_FILLED_IN = ("organisation", "role", "how_met", "cadence_days", "photo")
_APPENDED = ("notes", "talking_points")


@dataclass(frozen=True)
class MergePreview:
    """What merging ``other`` into ``keep`` will do, counted before anything is written."""

    keep_id: int
    keep_name: str
    other_id: int
    other_name: str
    interactions: int  # the other's interactions that move to the kept person
    shared_interactions: int  # interactions both were in: the kept person is there already
    exchanges: int
    promises: int
    mentions: int
    tags: list[str]  # the other's tags the kept person does not have yet
    emails: list[str]  # details the kept person does not have yet
    phones: list[str]
    links: list[str]
    filled_in: list[str]  # the kept person's empty fields that take the other's value
    appended: list[str]  # notes and talking points added below the kept person's

    def describe(self) -> list[str]:
        """The preview as sentences, for the merge dialog."""
        counts = [
            plural(self.interactions, "interaction", "interactions"),
            plural(self.exchanges, "exchange", "exchanges"),
            plural(self.promises, "promise", "promises"),
            plural(self.mentions, "mention in reflections", "mentions in reflections"),
        ]
        counts = [text for text in counts if not text.startswith("0 ")]
        if counts:
            moved = [f"Moves to {self.keep_name}: {', '.join(counts)}."]
        else:
            moved = [f"No interactions, exchanges, promises or mentions with {self.other_name}."]
        if self.shared_interactions:
            moved.append(
                f"{plural(self.shared_interactions, 'interaction', 'interactions')} had both "
                f"of them; {self.keep_name} stays in {'it' if self.shared_interactions == 1 else 'them'} once."
            )
        added = []
        if self.tags:
            added.append(f"tags {', '.join(self.tags)}")
        if self.emails:
            added.append(", ".join(self.emails))
        if self.phones:
            added.append(", ".join(self.phones))
        if self.links:
            added.append(", ".join(self.links))
        if added:
            moved.append(f"Added to {self.keep_name}: {'; '.join(added)}.")
        if self.filled_in:
            fields = ", ".join(f.replace("_", " ") for f in self.filled_in)
            moved.append(f"Filled in from {self.other_name}: {fields}.")
        if self.appended:
            fields = " and ".join(f.replace("_", " ") for f in self.appended)
            moved.append(f"{self.other_name}'s {fields} are added below {self.keep_name}'s.")
        moved.append(
            f"{self.other_name} then goes to the trash; Edit → Undo brings everything back."
        )
        return moved


def merge_preview(keep_id: int, other_id: int) -> MergePreview:
    keep, other = _pair(keep_id, other_id)
    shared = set(_interaction_ids(keep)) & set(_interaction_ids(other))
    return MergePreview(
        keep_id=keep.id,
        keep_name=keep.name,
        other_id=other.id,
        other_name=other.name,
        interactions=len(set(_interaction_ids(other)) - shared),
        shared_interactions=len(shared),
        exchanges=_live(Exchange, other).count(),
        promises=_live(Promise, other).count(),
        mentions=_live(Mention, other).count(),
        tags=sorted(set(_tag_names(other)) - set(_tag_names(keep)), key=str.casefold),
        emails=_new_values(keep.emails, other.emails, ignore_case=True),
        phones=_new_values(keep.phones, other.phones),
        links=_new_values(keep.links, other.links),
        filled_in=[name for name in _FILLED_IN if _fills(keep, other, name)]
        + (["met_on"] if _earlier_meeting(keep, other) else []),
        appended=[name for name in _APPENDED if _appends(keep, other, name)],
    )


def merge_people(keep_id: int, other_id: int) -> PersonData:
    """Move everything of ``other_id`` to ``keep_id`` and put ``other_id`` in the trash."""
    keep, other = _pair(keep_id, other_id)
    with recording(f"Merge {other.name} into {keep.name}"):
        _move_participations(keep, other)
        for model in (Exchange, Promise):
            for row in list(model.select().where(model.person == other)):
                row.person = keep
                row.save()
        _move_mentions(keep, other)
        _move_tags(keep, other)
        for introduced in list(Person.select().where(Person.introduced_by == other)):
            introduced.introduced_by = None if introduced.id == keep.id else keep
            introduced.save()
        keep = Person.get_by_id(keep.id)
        _combine_details(keep, other)
        keep.save()
        other.deleted_at = utc_now()
        other.save()
    return get_person(keep.id)


def _pair(keep_id: int, other_id: int) -> tuple[Person, Person]:
    if keep_id == other_id:
        raise ValidationError("person", "Choose two different people to merge.")
    return live_person(keep_id), live_person(other_id)


def _move_participations(keep: Person, other: Person) -> None:
    kept = {
        row.interaction_id: row for row in Participant.select().where(Participant.person == keep)
    }
    for row in list(Participant.select().where(Participant.person == other)):
        mine = kept.get(row.interaction_id)
        if mine is None:
            row.person = keep
        else:
            # Both were there: the kept person stays once; the other's row is set aside.
            if mine.deleted_at is not None and row.deleted_at is None:
                mine.deleted_at = None
                mine.save()
            row.deleted_at = row.deleted_at or utc_now()
        row.save()


def _move_mentions(keep: Person, other: Person) -> None:
    names = people_names()
    kept = {row.reflection_id: row for row in Mention.select().where(Mention.person == keep)}
    for row in list(Mention.select().where(Mention.person == other)):
        reflection = Reflection.get_by_id(row.reflection_id)
        # "@Other" becomes "@Kept" in the text, so the link survives the next edit.
        text = reflection.text
        for at, end, found in reversed(mention_spans(text, names)):
            if found == other.id:
                text = f"{text[:at]}@{keep.name}{text[end:]}"
        if text != reflection.text:
            reflection.text = text
            reflection.save()
        mine = kept.get(row.reflection_id)
        if mine is None:
            row.person = keep
        else:
            if mine.deleted_at is not None and row.deleted_at is None:
                mine.deleted_at = None
                mine.save()
            row.deleted_at = row.deleted_at or utc_now()
        row.save()


def _move_tags(keep: Person, other: Person) -> None:
    kept = {row.tag_id for row in PersonTag.select().where(PersonTag.person == keep)}
    for row in list(PersonTag.select().where(PersonTag.person == other)):
        if row.tag_id not in kept:
            row.person = keep
            row.save()
        # A tag both had stays on the other person too, for a restore from the trash.


def _combine_details(keep: Person, other: Person) -> None:
    keep.emails = keep.emails + _new_values(keep.emails, other.emails, ignore_case=True)
    keep.phones = keep.phones + _new_values(keep.phones, other.phones)
    keep.links = keep.links + _new_values(keep.links, other.links)
    for name in _FILLED_IN:
        if _fills(keep, other, name):
            setattr(keep, name, getattr(other, name))
    if _earlier_meeting(keep, other):
        keep.met_on = other.met_on
    for name in _APPENDED:
        if _appends(keep, other, name):
            mine, theirs = getattr(keep, name).strip(), getattr(other, name).strip()
            setattr(keep, name, f"{mine}\n\n{theirs}" if mine else theirs)
    if keep.introduced_by_id is None and other.introduced_by_id not in (None, keep.id):
        keep.introduced_by = other.introduced_by_id


def _fills(keep: Person, other: Person, name: str) -> bool:
    return getattr(keep, name) in ("", None) and getattr(other, name) not in ("", None)


def _appends(keep: Person, other: Person, name: str) -> bool:
    theirs = getattr(other, name).strip()
    return bool(theirs) and theirs not in getattr(keep, name)


def _earlier_meeting(keep: Person, other: Person) -> bool:
    """We met when we first met: the other's date wins when it is earlier."""
    return other.met_on is not None and (keep.met_on is None or other.met_on < keep.met_on)


def _new_values(mine: list[str], theirs: list[str], ignore_case: bool = False) -> list[str]:
    def key(value: str) -> str:
        return value.casefold() if ignore_case else value

    have = {key(value) for value in mine or []}
    added = []
    for value in clean_list(theirs):
        if key(value) not in have:
            have.add(key(value))
            added.append(value)
    return added


def _live(model, person: Person):
    return model.live().where(model.person == person)


def _interaction_ids(person: Person) -> list[int]:
    return [row.interaction_id for row in _live(Participant, person)]


def _tag_names(person: Person) -> list[str]:
    query = PersonTag.select(Tag.name).join(Tag).where(PersonTag.person == person).tuples()
    return [name for (name,) in query]
