"""A person's name in parts (prefix, given, middle, family, suffix) and their birthday:
what an address book import brings in and a vCard export writes back (``N`` and
``BDAY``), shown and edited on the person's profile."""

from __future__ import annotations

import re
from dataclasses import dataclass

from winwin_desktop.formats.names import SORT_AS, cleaned
from winwin_desktop.journal.errors import ValidationError
from winwin_desktop.journal.people import changed_meanwhile, live_person, live_person_to_write
from winwin_desktop.store import recording
from winwin_desktop.store.models import Person

# The parts in the order a name is said, with their labels.
PARTS = (
    ("prefixes", "Prefix"),
    ("given", "Given name"),
    ("additional", "Middle names"),
    ("family", "Family name"),
    ("suffixes", "Suffix"),
)
_BIRTHDAY = re.compile(r"^(?:(\d{4})-|--)?(\d{1,2})-(\d{1,2})$")


@dataclass(frozen=True)
class NameParts:
    """The parts of a name ("" where a part is not known) and the birthday: ``1980-04-02``,
    ``--04-02`` without a year, or ""."""

    parts: dict[str, str]
    birthday: str = ""

    def part(self, key: str) -> str:
        return self.parts.get(key, "")


def name_parts(person_id: int) -> NameParts:
    return name_parts_of(live_person(person_id))


def name_parts_of(person: Person) -> NameParts:
    """The name parts and birthday of a person's row as read."""
    return NameParts(cleaned(person.structured_name), person.birthday or "")


def checked_birthday(text: str) -> str:
    """A typed birthday as WinWin keeps it (``1980-04-02``, ``--04-02``), "" for none;
    ValidationError in one sentence when it is not a date."""
    text = text.strip()
    if not text:
        return ""
    match = _BIRTHDAY.match(text)
    if match:
        year, month, day = match[1], int(match[2]), int(match[3])
        leap = int(year) if year else 2000  # without a year, 29 February is a birthday
        if 1 <= month <= 12 and 1 <= day <= _days_in(month, leap):
            return f"{year or '-'}-{month:02d}-{day:02d}"
    raise ValidationError(
        "birthday",
        f"“{text}” is not a date; type the birthday as YYYY-MM-DD (1980-04-02), or "
        "--MM-DD without the year (--04-02).",
    )


def _days_in(month: int, year: int) -> int:
    if month == 2:
        return 29 if year % 4 == 0 and (year % 100 != 0 or year % 400 == 0) else 28
    return 30 if month in (4, 6, 9, 11) else 31


def set_name_parts(
    person_id: int,
    parts: dict[str, str] | None = None,
    birthday: str | None = None,
    loaded: dict[str, str] | None = None,
) -> NameParts:
    """Change the name's parts (those given; an empty one is removed) and/or the birthday,
    in one undo step. The name as shown stays as it is. ``loaded`` holds parts (and
    ``"birthday"``) as the user loaded them to edit: one stored differently by now —
    someone else changed it since — refuses the edit (``ChangedMeanwhile``)."""
    name = live_person(person_id).name
    new_birthday = None if birthday is None else checked_birthday(birthday)
    with recording(f"Edit {name}"):
        person = live_person_to_write(person_id)
        stored = name_parts_of(person)
        for key, value in (loaded or {}).items():
            if (stored.birthday if key == "birthday" else stored.part(key)) != value:
                raise changed_meanwhile(person)
        kept = cleaned(person.structured_name)
        if parts is not None:
            kept = cleaned({**kept, **parts})
            if not any(k in kept for k, _ in PARTS):
                kept.pop(SORT_AS, None)  # how to sort a name that has no parts left
        if new_birthday is None:
            new_birthday = person.birthday
        person.structured_name = kept
        person.birthday = new_birthday
        person.save()
    return NameParts(kept, new_birthday)
