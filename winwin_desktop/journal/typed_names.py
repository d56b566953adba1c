"""Finding people by the names a user typed: the command line's PEOPLE, ``brief``,
``--they-owe NAME:…`` and ``--introduced-by``, and the window's name fields.

A name matches exactly, ignoring case, accents and extra spaces ("zoe" is Zoë). Two
people may share a name; then the name alone is refused with a sentence showing how to
say which: ``Sam Lee (Globex)`` (name and organisation) or one of their email addresses.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from winwin_desktop.journal import people
from winwin_desktop.journal.errors import ValidationError
from winwin_desktop.journal.people import PersonData
from winwin_desktop.store.models import Person, database
from winwin_desktop.text import fold

# "Sam Lee (Globex)": a name, then the organisation in parentheses at the end.
_QUALIFIED = re.compile(r"^(?P<name>.*?\S)\s*\((?P<organisation>[^()]*)\)$")


@dataclass(frozen=True)
class TypedName:
    """What a user typed for one person, and whom it names (None: nobody yet)."""

    text: str
    name: str
    organisation: str = ""
    email: str = ""
    person: PersonData | None = None


@dataclass(frozen=True)
class _Candidate:
    id: int
    name: str
    organisation: str
    emails: tuple[str, ...]


def find_people(
    typed: Sequence[str], field: str = "people", *, mention: bool = False
) -> list[TypedName]:
    """Whom each of ``typed`` names, in order; ``person`` is None for a name nobody in
    the journal has. A name several people share is refused (``ValidationError`` on
    ``field``) with a sentence showing how to say which one (as ``@…`` for a
    ``mention`` in a reflection)."""
    if not typed:
        return []
    journal = _LivePeople()
    return [_resolve(" ".join(text.split()), journal, field, mention) for text in typed]


def person_named(text: str, field: str = "people") -> PersonData | None:
    """The one person ``text`` names, or None; ambiguous names are refused as in
    :func:`find_people`."""
    return find_people([text], field)[0].person


class _LivePeople:
    """The live people's names, each folded once; their organisations and emails are
    read only for the people a typed name may mean (a journal holds 10,000 names, and
    ``winwin brief`` looks one up before a meeting)."""

    def __init__(self) -> None:
        query = Person.live(Person.id, Person.name).order_by(Person.id)
        self._folded = [(pid, fold(name)) for pid, name in database.obj.execute(query)]
        self._everyone: list[_Candidate] | None = None

    def named(self, folded_name: str) -> list[_Candidate]:
        """The people whose name folds to ``folded_name``, by id."""
        return self._candidates([pid for pid, name in self._folded if name == folded_name])

    def everyone(self) -> list[_Candidate]:
        if self._everyone is None:
            self._everyone = self._candidates(None)
        return self._everyone

    @staticmethod
    def _candidates(ids: list[int] | None) -> list[_Candidate]:
        if ids == []:
            return []
        query = Person.live(Person.id, Person.name, Person.organisation, Person.emails)
        if ids is not None:
            query = query.where(Person.id.in_(ids))
        return [
            _Candidate(p.id, p.name, p.organisation or "", tuple(p.emails or ()))
            for p in query.order_by(Person.id)
        ]


def _resolve(text: str, journal: _LivePeople, field: str, mention: bool) -> TypedName:
    wanted = fold(text)
    # A whole name first: someone may really be called "Sam (Samantha) Lee".
    same_name = journal.named(wanted)
    if same_name:
        return TypedName(text, text, person=_one(text, same_name, field, mention))
    if "@" in text and " " not in text:
        owners = [c for c in journal.everyone() if wanted in (fold(e) for e in c.emails)]
        return TypedName(text, text, email=text, person=_one(text, owners, field, mention))
    qualified = _QUALIFIED.match(text)
    if qualified:
        name = qualified["name"]
        organisation = " ".join(qualified["organisation"].split())
        at = [c for c in journal.named(fold(name)) if fold(c.organisation) == fold(organisation)]
        return TypedName(text, name, organisation, person=_one(text, at, field, mention))
    return TypedName(text, text)


def _one(text: str, found: list[_Candidate], field: str, mention: bool) -> PersonData | None:
    if not found:
        return None
    if len(found) == 1:
        return people.get_person(found[0].id)
    ways = _ways_to_say(found)
    count = "Two" if len(found) == 2 else str(len(found))
    if not ways:
        raise ValidationError(
            field,
            f"{count} people are called “{text}” and nothing tells them apart; give them "
            "different organisations or email addresses, then name one as “Name (Organisation)”.",
        )
    at = "@" if mention else ""
    examples = " or ".join(f"“{at}{way}”" for way in ways[:2])
    raise ValidationError(
        field, f"{count} people are called “{text}”; say which one, e.g. {examples}."
    )


def _ways_to_say(found: list[_Candidate]) -> list[str]:
    """For each of ``found`` that can be told apart, the shortest way to name them."""
    organisations = [fold(c.organisation) for c in found]
    ways = []
    for candidate, organisation in zip(found, organisations, strict=True):
        if organisation and organisations.count(organisation) == 1:
            ways.append(f"{candidate.name} ({candidate.organisation})")
        elif candidate.emails:
            ways.append(candidate.emails[0])
    return ways
