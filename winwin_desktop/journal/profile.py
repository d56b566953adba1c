"""Profile details that are not plain text: who introduced a person, and their picture."""

from __future__ import annotations

from winwin_desktop.journal import people
from winwin_desktop.journal.errors import NotFound, ValidationError
from winwin_desktop.journal.people import PersonData
from winwin_desktop.store.models import Person


def introducer_id(name: str, person_id: int | None = None) -> int | None:
    """The id of the person called ``name`` (None for a blank name), who is to have
    introduced ``person_id``; an unknown name or the person themselves is refused."""
    name = " ".join((name or "").split())
    if not name:
        return None
    found = people.find_person(name)
    if found is None:
        raise ValidationError(
            "introduced_by",
            f"Nobody called “{name}” is in the journal; check the spelling or add them first.",
        )
    if found.id == person_id:
        raise ValidationError(
            "introduced_by",
            "A person cannot introduce themselves; name someone else or leave it empty.",
        )
    return found.id


def set_introducer(person_id: int, name: str) -> PersonData:
    """Record who introduced ``person_id`` by that person's name; a blank name clears it."""
    return people.edit_person(person_id, introduced_by_id=introducer_id(name, person_id))


def photo(person_id: int) -> bytes | None:
    """The person's picture as stored (JPEG, PNG or GIF bytes, usually from a vCard)."""
    row = Person.select(Person.photo).where(Person.id == person_id).tuples().get_or_none()
    if row is None:
        raise NotFound("person", "That person no longer exists.")
    return bytes(row[0]) if row[0] else None
