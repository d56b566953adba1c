"""What both generated journals draw with: names, addresses, titles and notes from the
vocabulary, a deck that repeats nothing before everything came up, and the refusal to
write into a journal that already has people."""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Iterable, Sequence
from pathlib import Path

from winwin_desktop.analytics.attention import I_OWE
from winwin_desktop.demo.vocabulary import (
    BRANDS,
    EVENTS,
    INTERACTION_NOTES,
    PERSON_NOTES,
    PROMISES_I_OWE,
    PROMISES_THEY_OWE,
    SECTORS,
    TITLES,
    TOPICS,
    TRADITIONS,
)
from winwin_desktop.journal.opening import JournalError
from winwin_desktop.store.bulk import holds_people
from winwin_desktop.text import listing, slug


class Deck:
    """Draws items in shuffled rounds, so every item comes up before any repeats."""

    def __init__(self, rng: random.Random, items: Sequence) -> None:
        self._rng = rng
        self._items = list(items)
        self._left: list = []

    def draw(self):
        if not self._left:
            self._left = self._items[:]
            self._rng.shuffle(self._left)
        return self._left.pop()


def email_domain(organisation: str, tradition: str | None) -> str:
    tld = TRADITIONS[tradition].top_level_domain if tradition else "com"
    return f"{slug(organisation)}.{tld}"


def email(name: str, domain: str) -> str:
    first, _, last = name.partition(" ")
    return f"{slug(first, '')}.{slug(last, '')}@{domain}"


def phone(rng: random.Random, tradition: str) -> str:
    prefix = TRADITIONS[tradition].phone_prefix
    return f"{prefix} {rng.randint(200, 999)} {rng.randint(100, 999)} {rng.randint(100, 999)}"


def random_name(rng: random.Random, tradition: str, avoid: Iterable[str] = ()) -> str:
    """A name in ``tradition`` whose first name is not in ``avoid``, if one is left."""
    names = TRADITIONS[tradition].first_names
    first = rng.choice([n for n in names if n not in avoid] or names)
    # People marry, move and mix: some family names come from another tradition.
    family_from = tradition if rng.random() < 0.9 else rng.choice(list(TRADITIONS))
    family = rng.choice(TRADITIONS[family_from].family_names)
    if rng.random() < 0.05:
        family = f"{family}-{rng.choice(TRADITIONS[tradition].family_names)}"
    return f"{first} {family}"


def first_name(name: str) -> str:
    return name.split(" ", 1)[0]


def working_day(day: dt.date) -> dt.date:
    """The Friday before a weekend day; other days as they are."""
    return day - dt.timedelta(days=max(0, day.weekday() - 4))


def time_of(rng: random.Random, kind: str) -> dt.time | None:
    if kind == "meal":
        return rng.choice((dt.time(8, 30), dt.time(12, 30), dt.time(13, 0), dt.time(19, 30)))
    if kind in ("email", "message", "introduction", "referral") and rng.random() < 0.6:
        return None
    return dt.time(rng.randint(8, 17), rng.choice((0, 15, 30, 45)))


def interaction_title(rng: random.Random, kind: str, names: Sequence[str], org: str) -> str:
    template = rng.choice(TITLES[kind])
    return template.format(
        names=listing([first_name(n) for n in names]),
        topic=rng.choice(TOPICS),
        org=org or first_name(names[0]),
        other_org=random_organisation(rng),
        event=rng.choice(EVENTS),
    )


def organisation_name(brand: str, sector: str) -> str:
    return f"{brand} {sector}"


def random_organisation(rng: random.Random) -> str:
    return organisation_name(rng.choice(BRANDS)[0], rng.choice(SECTORS)[0])


def person_notes(rng: random.Random, role: str, organisation: str, tradition: str) -> str:
    return rng.choice(PERSON_NOTES).format(
        role=role,
        org=organisation or "their own practice",
        topic=rng.choice(TOPICS),
        city=TRADITIONS[tradition].city,
        language=TRADITIONS[tradition].language,
    )


def interaction_notes(rng: random.Random, name: str) -> str:
    return rng.choice(INTERACTION_NOTES).format(
        first=first_name(name), topic=rng.choice(TOPICS), other_org=random_organisation(rng)
    )


def promise_text(rng: random.Random, owed_by: str, name: str) -> str:
    texts = PROMISES_I_OWE if owed_by == I_OWE else PROMISES_THEY_OWE
    return rng.choice(texts).format(first=first_name(name), topic=rng.choice(TOPICS))


def refuse_filled(path: Path) -> None:
    """Generated journals go only into new files: refuse one that has people already."""
    if holds_people():
        raise JournalError(f"{path} already holds people; give the path of a new file instead.")
