"""Reflections: one Markdown text per calendar day, with @mentions of people."""

from __future__ import annotations

import datetime as dt
import html
import re
from dataclasses import dataclass, field

from peewee import ModelSelect

from winwin_desktop.journal import search
from winwin_desktop.journal.errors import NotFound, ValidationError
from winwin_desktop.journal.validate import parse_date
from winwin_desktop.store import recording
from winwin_desktop.store.models import Interaction, Mention, Person, Reflection, live, utc_now
from winwin_desktop.store.together import run_together
from winwin_desktop.text import fold

# An @ that starts a word (not the middle of an email address).
_AT = re.compile(r"(?<![\w@.])@")
_WORD = re.compile(r"[\w'’.-]+", re.UNICODE)
# After @: an email address names its owner ("@sam@globex.example").
_EMAIL = re.compile(r"[\w.+'-]+@[\w-]+(?:\.[\w-]+)+")
# After a name two people share: "@Sam Lee (Globex)" says which.
_ORGANISATION = re.compile(r"\s*\(([^()]*)\)")


@dataclass(frozen=True)
class ReflectionData:
    day: dt.date
    text: str = ""
    mentions: list[tuple[int, str]] = field(default_factory=list)
    unknown_mentions: list[str] = field(default_factory=list)


def find_mentions(text: str, names: list[tuple[int, str]]) -> tuple[list[int], list[str]]:
    """The people ``text`` mentions with ``@Name`` (longest name wins, accents and case
    ignored), and the ``@words`` that match nobody."""
    found: list[int] = []
    unknown: list[str] = []
    for at, end, person_id in mention_spans(text, names):
        if person_id is None:
            unknown.append(text[at + 1 : end].rstrip(".'’"))
        elif person_id not in found:
            found.append(person_id)
    return found, unknown


class MentionNames:
    """The people who can be mentioned, ready for :func:`mention_spans`: each name folded
    once and grouped with the people who share it, so that a text is matched against the
    few lengths names have rather than every name (an editor highlights each line it
    redraws against ten thousand people)."""

    def __init__(self, names: list[tuple[int, str]]) -> None:
        self.names = list(names)
        self.ids: dict[str, list[int]] = {}  # folded name → its people, in ``names`` order
        for person_id, name in self.names:
            self.ids.setdefault(fold(name), []).append(person_id)
        self.lengths = sorted({len(folded) for folded in self.ids}, reverse=True)


def mention_spans(
    text: str, names: list[tuple[int, str]] | MentionNames
) -> list[tuple[int, int, int | None]]:
    """Each ``@mention`` in ``text`` as (index of the @, end, person id or None): the
    longest name that fits wins; of people who share it, the first in ``names`` unless
    "(Organisation)" after it says which."""
    known = names if isinstance(names, MentionNames) else MentionNames(names)
    # Folding can change lengths (ß → ss; a decomposed ë → e), so match in the folded text
    # and map positions back: starts[i] is where text[i] begins in the folded text.
    pieces = [fold(char) for char in text]
    folded = "".join(pieces)
    starts = [0]
    for piece in pieces:
        starts.append(starts[-1] + len(piece))
    original_end = {position: index for index, position in enumerate(starts)}
    spans: list[tuple[int, int, int | None]] = []
    for match in _AT.finditer(text):
        email = _EMAIL.match(text, match.end())
        owner = _email_owner(email[0]) if email else None
        if owner is not None:  # before names: "@zoe@acme.example" is more than "@Zoe"
            spans.append((match.start(), email.end(), owner))
            continue
        start = starts[match.end()]
        for length in known.lengths:
            end = start + length
            namesakes = known.ids.get(folded[start:end]) if end <= len(folded) else None
            if namesakes and end in original_end and not folded[end : end + 1].isalnum():
                person_id, stop = namesakes[0], original_end[end]
                if len(namesakes) > 1:
                    person_id, stop = _namesake(text, stop, namesakes, person_id)
                spans.append((match.start(), stop, person_id))
                break
        else:
            word = _WORD.match(text, match.end())
            if word:
                spans.append((match.start(), word.end(), None))
    return spans


def mentioned_as(text: str) -> list[str]:
    """How each @mention of someone in ``text`` is written, without its @ (e.g.
    "Sam Lee (Globex)"), so that a name several people share can be refused."""
    return [text[at + 1 : end] for at, end, found in mention_spans(text, _names()) if found]


def _namesake(text: str, stop: int, ids: list[int], default: int) -> tuple[int, int]:
    """Which of the people ``ids`` (who share a name) "(Organisation)" after the name
    at ``stop`` says, and where the mention ends; ``default`` when it says none."""
    said = _ORGANISATION.match(text, stop)
    if said:
        wanted = fold(" ".join(said[1].split()))
        query = Person.select(Person.id, Person.organisation).where(Person.id.in_(ids))
        hits = [p.id for p in query if fold(p.organisation or "") == wanted]
        if len(hits) == 1:
            return hits[0], said.end()
    return default, stop


def _email_owner(address: str) -> int | None:
    wanted = fold(address)
    owners = [
        p.id
        for p in Person.live(Person.id, Person.emails)
        if any(fold(e) == wanted for e in p.emails or ())
    ]
    return owners[0] if len(owners) == 1 else None


def get_reflection(day: str | dt.date) -> ReflectionData:
    day = parse_date(day)
    row = Reflection.get_or_none((Reflection.day == day) & live(Reflection))
    if row is None:
        return ReflectionData(day)
    mentions = [
        (m.person.id, m.person.name)
        for m in Mention.select(Mention, Person.id, Person.name)
        .join(Person)
        .where((Mention.reflection == row) & live(Mention))
        .order_by(Person.name)
    ]
    return ReflectionData(day, row.text, mentions)


def save_reflection(day: str | dt.date, text: str) -> ReflectionData:
    """Write the day's text and its mentions (one transaction). @words that match nobody
    are saved as text and reported back in ``unknown_mentions``. Text of nothing but
    blank lines or spaces is no reflection: it clears the day's, or writes nothing."""
    day = parse_date(day)
    if not text.strip():
        text = ""
    names = _names()
    mentioned, unknown = find_mentions(text, names)
    with recording(f"Reflection of {day.isoformat()}"):
        row = Reflection.get_or_none(Reflection.day == day) or Reflection(day=day)
        if not text and (row.id is None or row.deleted_at is not None or not row.text):
            return ReflectionData(day)  # a day without a reflection keeps none
        if row.id is not None and row.text == text and row.deleted_at is None:
            return ReflectionData(day, text, _pairs(mentioned, names), unknown)
        row.text = text
        row.deleted_at = None
        row.save()
        _write_mentions(row, mentioned)
    return ReflectionData(day, text, _pairs(mentioned, names), unknown)


def append_paragraph(day: str | dt.date, paragraph: str) -> ReflectionData:
    """Add a paragraph to the day's reflection (the command line's ``reflect``).

    Refuses empty text and mentions of nobody, writing nothing."""
    paragraph = paragraph.strip()
    if not paragraph:
        raise ValidationError("text", "Write something to add to the reflection.")
    _, unknown = find_mentions(paragraph, _names())
    if unknown:
        raise ValidationError(
            "mention",
            f"Nobody called “{unknown[0]}” is in the journal; add them first or drop the @.",
        )
    current = get_reflection(day)
    text = f"{current.text.rstrip()}\n\n{paragraph}" if current.text.strip() else paragraph
    return save_reflection(day, text)


def days_with_reflections(
    since: dt.date | None = None, until: dt.date | None = None
) -> set[dt.date]:
    query = Reflection.live(Reflection.day).where(Reflection.text != "")
    if since:
        query = query.where(Reflection.day >= since)
    if until:
        query = query.where(Reflection.day <= until)
    return {row.day for row in query}


def days_with_interactions(since: dt.date, until: dt.date) -> set[dt.date]:
    query = (
        Interaction.select(Interaction.date)
        .where(live(Interaction) & Interaction.date.between(since, until))
        .distinct()
    )
    return {row.date for row in query}


def reflections_mentioning(person_id: int) -> list[ReflectionData]:
    """The person's mentions, newest first (they appear on the person's timeline)."""
    return mentions_of(mentions_query(person_id))


def mentions_query(person_id: int) -> ModelSelect:
    """The query of :func:`reflections_mentioning`, as (day, text) rows: read with others,
    then :func:`mentions_of`."""
    return (
        Reflection.select(Reflection.day, Reflection.text)
        .join(Mention)
        .where((Mention.person == person_id) & live(Mention, Reflection))
        .order_by(Reflection.day.desc())
        .tuples()
    )


def mentions_of(rows) -> list[ReflectionData]:
    return [ReflectionData(day, text) for day, text in rows]


# A person named in more reflections than this is listed with the newest of them.
MOST_NAMED_IN = 500
NAMED_IN_WORDS = 28  # the length of a snippet of a reflection that only @mentions someone


@dataclass(frozen=True)
class NamedIn:
    """A reflection that names a person: its day and its words around the name (marked
    «like this» in ``snippet``, in ``<b>`` in ``snippet_html``)."""

    day: dt.date
    snippet: str
    snippet_html: str


def reflections_naming(person_id: int) -> list[NamedIn]:
    """The reflections that name the person, newest first: their name written out (case
    and accents ignored, as search finds it: "zoe bronte-nunez" names Zoë Brontë-Nuñez)
    or an @mention of them in any form."""
    # The person and their @mentions in one round trip to a server, then the search's.
    named, mentions = run_together(
        [
            Person.select(Person.name).where((Person.id == person_id) & live(Person)).tuples(),
            mentions_query(person_id),
        ]
    )
    if not named:
        raise NotFound("person", "That person is not in the journal.")
    phrase = '"' + named[0][0].replace('"', " ") + '"'
    found = {
        hit.date: NamedIn(hit.date, hit.snippet, hit.snippet_html)
        for hit in search.search(phrase, limit=MOST_NAMED_IN, kinds=[search.REFLECTION])
    }
    for reflection in mentions_of(mentions):
        if reflection.day not in found:
            words = search.plain_text(reflection.text).split()
            snippet = " ".join(words[:NAMED_IN_WORDS]) + (
                " …" if len(words) > NAMED_IN_WORDS else ""
            )
            found[reflection.day] = NamedIn(
                reflection.day, snippet, html.escape(snippet, quote=False)
            )
    return sorted(found.values(), key=lambda named: named.day, reverse=True)[:MOST_NAMED_IN]


def rename_mentions(person_id: int, old: str, new: str) -> None:
    """Rewrite ``@old`` as ``@new`` in the reflections that mention the person, so the
    link survives a rename. Part of the rename's own action."""
    if old == new:
        return
    # The same rule as find_mentions, so "@zoe bronte-nunez" is renamed too and "@Ana Lima"
    # is left alone when Ana is renamed.
    names = [(i, old if i == person_id else name) for i, name in _names()]
    for row in Reflection.select().join(Mention).where(Mention.person == person_id):
        text = row.text
        for at, end, found in reversed(mention_spans(text, names)):
            if found == person_id:
                text = f"{text[:at]}@{new}{text[end:]}"
        if text != row.text:
            row.text = text
            row.save()


def _names() -> list[tuple[int, str]]:
    return [(p.id, p.name) for p in Person.live(Person.id, Person.name)]


def _pairs(ids: list[int], names: list[tuple[int, str]]) -> list[tuple[int, str]]:
    lookup = dict(names)
    return sorted(((i, lookup[i]) for i in ids), key=lambda pair: fold(pair[1]))


def _write_mentions(row: Reflection, person_ids: list[int]) -> None:
    existing = {m.person_id: m for m in Mention.select().where(Mention.reflection == row)}
    for person_id, mention in existing.items():
        gone = person_id not in person_ids
        if gone != (mention.deleted_at is not None):
            mention.deleted_at = utc_now() if gone else None
            mention.save()
    for person_id in person_ids:
        if person_id not in existing:
            Mention(reflection=row, person=person_id).save()
