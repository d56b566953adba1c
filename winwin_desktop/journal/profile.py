"""Profile details that are not plain text: who introduced a person, and their picture."""

from __future__ import annotations

import re

from winwin_desktop.journal import people
from winwin_desktop.journal.errors import NotFound, ValidationError
from winwin_desktop.journal.people import PersonData
from winwin_desktop.journal.typed_names import person_named
from winwin_desktop.store.models import Person


def introducer_id(name: str, person_id: int | None = None) -> int | None:
    """The id of the person called ``name`` (None for a blank name), who is to have
    introduced ``person_id``; an unknown name or the person themselves is refused."""
    name = " ".join((name or "").split())
    if not name:
        return None
    found = person_named(name, "introduced_by")
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


def set_introducer(person_id: int, name: str, loaded: dict | None = None) -> PersonData:
    """Record who introduced ``person_id`` by that person's name; a blank name clears it
    (refused if ``loaded``, as :func:`people.edit_person` takes it, is no longer so)."""
    return people.edit_person(
        person_id, loaded=loaded, introduced_by_id=introducer_id(name, person_id)
    )


def photo(person_id: int) -> bytes | None:
    """The person's picture as stored (JPEG, PNG or GIF bytes, usually from a vCard)."""
    row = Person.select(Person.photo).where(Person.id == person_id).tuples().get_or_none()
    if row is None:
        raise NotFound("person", "That person no longer exists.")
    return photo_bytes(row[0])


def photo_bytes(stored) -> bytes | None:
    """A photo column's value as bytes (a server gives a memoryview), None for none."""
    return bytes(stored) if stored else None


# A "Talking points" heading in the notes (any level), up to the next heading as high.
_HEADING = re.compile(r"^(#{1,6})[ \t]+(.*?)[ \t#]*$")


def split_talking_points(notes: str) -> tuple[str, str]:
    """The notes without their "Talking points" section, and that section's text."""
    lines = (notes or "").splitlines()
    start = level = None
    for number, line in enumerate(lines):
        heading = _HEADING.match(line)
        if heading is None:
            continue
        if start is None and heading.group(2).strip().lower() == "talking points":
            start, level = number, len(heading.group(1))
        elif start is not None and len(heading.group(1)) <= level:
            return _joined(lines[:start] + lines[number:]), _joined(lines[start + 1 : number])
    if start is None:
        return notes or "", ""
    return _joined(lines[:start]), _joined(lines[start + 1 :])


def _joined(lines: list[str]) -> str:
    return "\n".join(lines).strip()


def talking_points_in_one_place(person_id: int) -> PersonData | None:
    """Move a "Talking points" section of the person's notes to the end of their talking
    points, so they live in one place. Returns the person, or None when there was none."""
    person = people.get_person(person_id)
    notes, points = split_talking_points(person.notes)
    if not points:
        return None
    joined = "\n".join(part for part in (person.talking_points.strip(), points) if part)
    return people.edit_person(person_id, notes=notes, talking_points=joined)
