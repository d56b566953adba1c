"""Global search over people, interactions, exchanges, promises and reflections.

The query language is small on purpose: words match as prefixes (all of them must
match), "quoted phrases" match as written, and case and accents never matter. Anything
else a user types — stray quotes, ``AND (``, ``NEAR(``, ``*``, ``-``, SQL — is read as
plain words: the index query is built from the words alone, so a search never fails.
"""

from __future__ import annotations

import bisect
import datetime as dt
import functools
import html
import re
import unicodedata
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

from peewee import Query

from winwin_desktop.formats import markdown
from winwin_desktop.journal.errors import ValidationError
from winwin_desktop.store import search_index
from winwin_desktop.store.models import (
    Exchange,
    Interaction,
    Mention,
    Participant,
    Person,
    PersonTag,
    Promise,
    Reflection,
    Tag,
    live,
)
from winwin_desktop.store.search_index import (
    EXCHANGE,
    INTERACTION,
    KINDS,
    PERSON,
    PROMISE,
    REFLECTION,
    Term,
)
from winwin_desktop.store.together import run_together
from winwin_desktop.text import fold, words

__all__ = [
    "EXCHANGE",
    "INTERACTION",
    "KINDS",
    "KIND_LABELS",
    "PERSON",
    "PROMISE",
    "REFLECTION",
    "SearchHit",
    "grouped",
    "parse_query",
    "plain_text",
    "search",
]

KIND_LABELS = {
    PERSON: "People",
    INTERACTION: "Interactions",
    EXCHANGE: "Exchanges",
    PROMISE: "Promises",
    REFLECTION: "Reflections",
}

# How matched words are marked in the plain snippet.
MARK_START, MARK_END = "«", "»"

# Longer queries are cut: nobody types more, and every term costs a doclist merge.
MAX_QUERY_CHARS = 500
MAX_TERMS = 12
MAX_WORD_CHARS = 60
# Per kind, the newest matches the ranking chooses from. A rare word is ranked over
# all its matches; a very common one over its most recent CANDIDATES, which keeps every
# search fast however large the journal grows.
CANDIDATES = 400
SNIPPET_WORDS = 28
SNIPPET_LEAD_WORDS = 8
# Characters of a long text rendered around its first match, before and after it: more
# than SNIPPET_WORDS words however the snippet is placed.
WINDOW_BEFORE = 400
WINDOW_AFTER = 600
WORD_CHAR = re.compile(r"[^\W_]")
# What can make a text Markdown: emphasis, code, links, images, HTML, entities, escapes,
# fences, a line opening (after \n or a lone \r, both line ends to Markdown) with a
# heading, quote, list item or underline mark; and the rarer line separators, which the
# renderer reads differently in code than in paragraphs.
MARKDOWN_SIGNS = re.compile(
    r"[*_`\[\]<>!&\\~#|\x00\v\f\x1c-\x1e\x85\u2028\u2029]|(?:^|\r)[ \t]*(?:[-+=>]|\d+[.)])",
    re.MULTILINE,
)
LINE_BREAK = re.compile(r"\r\n|\r|\n")  # Markdown's line endings (not \u2028 and the like)
WORD_START = re.compile(r"(?<![^\W_])[^\W_]")

QUOTES = str.maketrans({"“": '"', "”": '"', "„": '"', "‟": '"', "″": '"'})
PHRASE = re.compile(r'"([^"]*)"')


@dataclass(frozen=True)
class SearchHit:
    """One record found. ``snippet`` marks the matched words «like this» and
    ``snippet_html`` with ``<b>``; ``title_html`` marks them in the title.

    ``rank`` is bm25: the smaller, the better the match. What opens the hit: a person
    (``person_id``), an interaction (``interaction_id``, also set for an exchange), or a
    reflection (its ``date``). A promise opens its person.
    """

    kind: str
    id: int
    title: str
    date: dt.date | None
    people: list[str]
    snippet: str
    rank: float
    person_id: int | None = None
    interaction_id: int | None = None
    snippet_html: str = ""
    title_html: str = ""


def search(
    query: str,
    limit: int = 50,
    kinds: Iterable[str] | None = None,
    person_id: int | None = None,
    since: dt.date | None = None,
    until: dt.date | None = None,
) -> list[SearchHit]:
    """The live records matching ``query``, best first, at most ``limit`` of them.

    ``kinds`` keeps only some kinds of record; ``person_id`` only records about that
    person; ``since``/``until`` only dated records (interactions, exchanges, promises by
    their due date, reflections) inside the range — people have no date and are left out
    by a date range. A blank query finds nothing.
    """
    if limit < 1:
        raise ValidationError("limit", "Ask for at least one result.")
    chosen_kinds = set(KINDS if kinds is None else kinds)
    wanted = tuple(k for k in KINDS if k in chosen_kinds)
    unknown = chosen_kinds - set(KINDS)
    if unknown:
        raise ValidationError(
            "kinds", f"“{sorted(unknown)[0]}” is not a kind of record; use {', '.join(KINDS)}."
        )
    terms = parse_query(query)
    if not terms:
        return []
    expression = search_index.match_expression(terms)
    if since is not None or until is not None:
        wanted = tuple(k for k in wanted if k != PERSON)
    filters = _Filters(person_id, since, until)
    # bm25 is comparable within one kind's index only: each kind's scores are taken
    # relative to its best match, so that the best of every kind make the cut.
    candidates: list[tuple[float, int, int, str, float]] = []
    # Two round trips to a server whatever is found: every kind's candidates at once,
    # then every hit's details at once.
    every_kinds = run_together([_candidates(kind, expression, filters) for kind in wanted])
    for order, (kind, found) in enumerate(zip(wanted, every_kinds, strict=True)):
        best = min((rank for _, rank in found), default=0.0) or -1.0
        for record, rank in found:
            candidates.append((rank / best, order, -record, kind, rank))
    # The best first; among equals, people before interactions …, then the newest.
    candidates.sort(key=lambda c: (-c[0], c[1], c[2]))
    chosen = [(kind, -negated, rank) for _, _, negated, kind, rank in candidates[:limit]]
    by_kind: dict[str, dict[int, float]] = defaultdict(dict)
    for kind, record, rank in chosen:
        by_kind[kind][record] = rank
    queries = {kind: _DETAILS[kind][0](list(ranks)) for kind, ranks in by_kind.items()}
    answers = iter(run_together([query for each in queries.values() for query in each]))
    hits: dict[tuple[str, int], SearchHit] = {}
    for kind, ranks in by_kind.items():
        rows = [next(answers) for _ in queries[kind]]
        for hit in _DETAILS[kind][1](ranks, terms, *rows):
            hits[(kind, hit.id)] = hit
    return [hits[(kind, record)] for kind, record, _ in chosen if (kind, record) in hits]


def grouped(hits: Sequence[SearchHit]) -> list[tuple[str, list[SearchHit]]]:
    """The hits by kind, kinds in a fixed order (people first), each group best first."""
    groups: dict[str, list[SearchHit]] = {kind: [] for kind in KINDS}
    for hit in hits:
        groups[hit.kind].append(hit)
    return [(kind, found) for kind, found in groups.items() if found]


def parse_query(query: str) -> list[Term]:
    """The terms of what the user typed: "quoted phrases" as written, every other run of
    non-blank characters as words whose last word is a prefix. Whatever is not a letter or
    a digit only separates words."""
    text = (query or "")[:MAX_QUERY_CHARS].translate(QUOTES)
    terms: list[Term] = []
    position = 0
    for phrase in PHRASE.finditer(text):
        terms += _word_terms(text[position : phrase.start()])
        found = _clip(words(phrase.group(1)))
        if found:
            terms.append(Term(found, prefix=False))
        position = phrase.end()
    terms += _word_terms(text[position:])
    return list(dict.fromkeys(terms))[:MAX_TERMS]


def _word_terms(text: str) -> list[Term]:
    terms = []
    for chunk in text.split():
        found = _clip(words(chunk))
        if found:
            terms.append(Term(found, prefix=True))
    return terms


def _clip(found: list[str]) -> tuple[str, ...]:
    return tuple(word[:MAX_WORD_CHARS] for word in found[:MAX_TERMS])


# ---- finding candidates -------------------------------------------------------------


@dataclass(frozen=True)
class _Filters:
    person_id: int | None
    since: dt.date | None
    until: dt.date | None

    @property
    def has_dates(self) -> bool:
        return self.since is not None or self.until is not None

    def dated(self, column) -> list:
        conditions = []
        if self.since is not None:
            conditions.append(column >= self.since)
        if self.until is not None:
            conditions.append(column <= self.until)
        return conditions


def _candidates(kind: str, expression, filters: _Filters) -> Query:
    """The query of the (record id, rank) of the newest matches of one kind that pass the
    filters."""
    index = search_index.INDEXES[kind]
    query = index.select(index.rowid, search_index.score(kind, expression))
    conditions = [index.match(expression)]
    if kind == PERSON:
        if filters.person_id is not None:
            conditions.append(index.rowid == filters.person_id)
    elif kind == INTERACTION:
        if filters.has_dates:
            query = query.join(Interaction, on=(Interaction.id == index.rowid))
            conditions += filters.dated(Interaction.date)
        if filters.person_id is not None:
            conditions.append(
                _not_as_lookup(index.rowid).in_(_interactions_with(filters.person_id))
            )
    elif kind == EXCHANGE:
        # An exchange is found only while its interaction and its person are live.
        query = (
            query.join(Exchange, on=(Exchange.id == index.rowid))
            .join(Interaction, on=(Interaction.id == Exchange.interaction))
            .join(Person, on=(Person.id == Exchange.person))
        )
        conditions.append(live(Interaction, Person))
        conditions += filters.dated(Interaction.date)
        if filters.person_id is not None:
            conditions.append(Exchange.person == filters.person_id)
    elif kind == PROMISE:
        query = query.join(Promise, on=(Promise.id == index.rowid)).join(
            Person, on=(Person.id == Promise.person)
        )
        conditions.append(live(Person))
        conditions += filters.dated(Promise.due)
        if filters.person_id is not None:
            conditions.append(Promise.person == filters.person_id)
    elif kind == REFLECTION:
        if filters.has_dates:
            query = query.join(Reflection, on=(Reflection.id == index.rowid))
            conditions += filters.dated(Reflection.day)
        if filters.person_id is not None:
            mentioning = Mention.select(Mention.reflection).where(
                (Mention.person == filters.person_id) & live(Mention)
            )
            conditions.append(_not_as_lookup(index.rowid).in_(mentioning))
    where = conditions[0]
    for condition in conditions[1:]:
        where &= condition
    return query.where(where).order_by(index.rowid.desc()).limit(CANDIDATES).tuples()


def _not_as_lookup(rowid):
    """The rowid as an expression SQLite will not look the index up by: matching a word
    row by row is far slower than walking its matches newest first and filtering them."""
    return rowid + 0


def _interactions_with(person_id: int):
    return Participant.select(Participant.interaction).where(
        (Participant.person == person_id) & live(Participant)
    )


# ---- what each hit shows ------------------------------------------------------------
# Per kind, the queries reading only the columns shown for all its hits (sent together
# with the other kinds'), and the hits made of their rows.


def _people_queries(ids: list[int]) -> list[Query]:
    return [
        PersonTag.select(PersonTag.person, Tag.name)
        .join(Tag)
        .where(PersonTag.person.in_(ids) & live(PersonTag, Tag))
        .order_by(Tag.name)
        .tuples(),
        Person.select(
            Person.id, Person.name, Person.role, Person.organisation, Person.how_met, Person.notes
        )
        .where(Person.id.in_(ids))
        .tuples(),
    ]


def _people_hits(
    ranks: dict[int, float], terms: list[Term], tag_rows: list, rows: list
) -> list[SearchHit]:
    tags: dict[int, list[str]] = defaultdict(list)
    for person, name in tag_rows:
        tags[person].append(name)
    hits = []
    for person_id, name, role, organisation, how_met, notes in rows:
        subtitle = " · ".join(part for part in (role, organisation) if part)
        texts = [subtitle, ", ".join(tags[person_id]), how_met, notes]
        hits.append(
            _hit(
                PERSON,
                person_id,
                name,
                None,
                [name],
                ranks[person_id],
                terms,
                texts,
                fallback=subtitle,
                person_id=person_id,
            )
        )
    return hits


def _interaction_queries(ids: list[int]) -> list[Query]:
    return [
        _participants(ids),
        Interaction.select(
            Interaction.id, Interaction.date, Interaction.kind, Interaction.title, Interaction.notes
        )
        .where(Interaction.id.in_(ids))
        .tuples(),
    ]


def _interaction_hits(
    ranks: dict[int, float], terms: list[Term], participant_rows: list, rows: list
) -> list[SearchHit]:
    names = _by_interaction(participant_rows)
    hits = []
    for interaction_id, day, kind, title, notes in rows:
        who = names[interaction_id]
        hits.append(
            _hit(
                INTERACTION,
                interaction_id,
                title or kind.capitalize(),
                day,
                [name for _, name in who],
                ranks[interaction_id],
                terms,
                [notes],
                interaction_id=interaction_id,
                person_id=who[0][0] if who else None,
            )
        )
    return hits


def _exchange_queries(ids: list[int]) -> list[Query]:
    return [
        Exchange.select(
            Exchange.id,
            Exchange.direction,
            Exchange.category,
            Exchange.points,
            Exchange.description,
            Interaction.id,
            Interaction.date,
            Interaction.kind,
            Interaction.title,
            Person.id,
            Person.name,
        )
        .join(Interaction)
        .switch(Exchange)
        .join(Person)
        .where(Exchange.id.in_(ids))
        .tuples()
    ]


def _exchange_hits(ranks: dict[int, float], terms: list[Term], rows: list) -> list[SearchHit]:
    hits = []
    for row in rows:
        exchange_id, direction, category, points, description = row[:5]
        interaction_id, day, kind, interaction_title, person_id, name = row[5:]
        verb = "Gave" if direction == Exchange.GIVEN else "Received"
        title = f"{verb} {category} {points} · {interaction_title or kind.capitalize()}"
        hits.append(
            _hit(
                EXCHANGE,
                exchange_id,
                title,
                day,
                [name],
                ranks[exchange_id],
                terms,
                [description],
                person_id=person_id,
                interaction_id=interaction_id,
            )
        )
    return hits


def _promise_queries(ids: list[int]) -> list[Query]:
    return [
        Promise.select(
            Promise.id,
            Promise.owed_by,
            Promise.text,
            Promise.due,
            Promise.status,
            Promise.interaction,
            Person.id,
            Person.name,
        )
        .join(Person)
        .where(Promise.id.in_(ids))
        .tuples()
    ]


def _promise_hits(ranks: dict[int, float], terms: list[Term], rows: list) -> list[SearchHit]:
    hits = []
    for promise_id, owed_by, text, due, status, interaction_id, person_id, name in rows:
        title = f"I owe {name}" if owed_by == Promise.I_OWE else f"{name} owes me"
        if status != "open":
            title += f" · {status}"
        hits.append(
            _hit(
                PROMISE,
                promise_id,
                title,
                due,
                [name],
                ranks[promise_id],
                terms,
                [text],
                person_id=person_id,
                interaction_id=interaction_id,
            )
        )
    return hits


def _reflection_queries(ids: list[int]) -> list[Query]:
    return [
        Mention.select(Mention.reflection, Person.name)
        .join(Person)
        .where(Mention.reflection.in_(ids) & live(Mention, Person))
        .order_by(Mention.id)
        .tuples(),
        Reflection.select(Reflection.id, Reflection.day, Reflection.text, Reflection.answers)
        .where(Reflection.id.in_(ids))
        .tuples(),
    ]


def _reflection_hits(
    ranks: dict[int, float], terms: list[Term], mention_rows: list, rows: list
) -> list[SearchHit]:
    mentioned: dict[int, list[str]] = defaultdict(list)
    for reflection, name in mention_rows:
        mentioned[reflection].append(name)
    hits = []
    for reflection_id, day, text, answers in rows:
        answers = answers if isinstance(answers, dict) else {}
        texts = [text, *(a for a in answers.values() if isinstance(a, str))]
        title = f"Reflection of {day:%A} {day.day} {day:%B %Y}"
        hits.append(
            _hit(
                REFLECTION,
                reflection_id,
                title,
                day,
                mentioned[reflection_id],
                ranks[reflection_id],
                terms,
                texts,
            )
        )
    return hits


# Per kind: the queries for its hits' details, and the hits made of their rows.
_DETAILS: dict[str, tuple[Callable[[list[int]], list[Query]], Callable[..., list[SearchHit]]]] = {
    PERSON: (_people_queries, _people_hits),
    INTERACTION: (_interaction_queries, _interaction_hits),
    EXCHANGE: (_exchange_queries, _exchange_hits),
    PROMISE: (_promise_queries, _promise_hits),
    REFLECTION: (_reflection_queries, _reflection_hits),
}


def _participants(interaction_ids: list[int]) -> Query:
    return (
        Participant.select(Participant.interaction, Person.id, Person.name)
        .join(Person)
        .where(Participant.interaction.in_(interaction_ids) & live(Participant, Person))
        .order_by(Participant.id)
        .tuples()
    )


def _by_interaction(rows: list) -> dict[int, list[tuple[int, str]]]:
    found: dict[int, list[tuple[int, str]]] = defaultdict(list)
    for interaction, person, name in rows:
        found[interaction].append((person, name))
    return found


def _hit(
    kind: str,
    record: int,
    title: str,
    date: dt.date | None,
    people: list[str],
    rank: float,
    terms: list[Term],
    texts: list[str],
    fallback: str = "",
    person_id: int | None = None,
    interaction_id: int | None = None,
) -> SearchHit:
    """A hit whose snippet comes from the first of ``texts`` with a match in it, or else
    from ``fallback`` (or the first non-empty text) without marks."""
    for text in texts:
        first = _first_match(text, terms)
        if first is None:
            continue
        plain, cut_before, cut_after = _plain_around(text, first)
        spans = _matched_spans(plain, terms)
        if spans:
            break
    else:
        source = next((t for t in (fallback, *texts) if t and t.strip()), "")
        plain, cut_before, cut_after = _plain_around(source, 0)
        spans = []
    pieces = _snippet(plain, spans, cut_before, cut_after)
    title_pieces = _marked(title, _matched_spans(title, terms))
    return SearchHit(
        kind=kind,
        id=record,
        title=title,
        date=date,
        people=people,
        snippet=_render(pieces, MARK_START, MARK_END, escape=False),
        rank=float(rank),
        person_id=person_id,
        interaction_id=interaction_id,
        snippet_html=_render(pieces, "<b>", "</b>", escape=True),
        title_html=_render(title_pieces, "<b>", "</b>", escape=True),
    )


# ---- snippets -----------------------------------------------------------------------


def plain_text(text: str | None) -> str:
    """Text on one line, its lines joined by “ · ”, without the Markdown marks that would
    clutter a snippet (the one Markdown renderer's plain text)."""
    text = text or ""
    if MARKDOWN_SIGNS.search(text):
        return markdown.to_plain(text)
    # Nothing Markdown gives a meaning to: the renderer would only join the lines, and
    # most notes are like that (the renderer loads with the first note that needs it).
    lines = (
        " ".join(line.split()) for line in LINE_BREAK.split(unicodedata.normalize("NFC", text))
    )
    return markdown.LINE_SEPARATOR.join(line for line in lines if line)


def _plain_around(text: str, at: int) -> tuple[str, bool, bool]:
    """The plain text of the part of ``text`` a snippet can show around character ``at``,
    and whether text was left out before and after it: a long text is rendered only
    there, so that a snippet costs the same whatever the length of the text."""
    start, end = max(0, at - WINDOW_BEFORE), min(len(text), at + WINDOW_AFTER)
    if start > 0:
        # From the first line starting in the window (Markdown reads blocks by lines),
        # else from a word's beginning.
        line = text.find("\n", start, at)
        if line >= 0:
            start = line + 1
        else:
            word = WORD_START.search(text, start, at)
            start = word.start() if word else at
    if end < len(text):
        space = text.rfind(" ", at, end)
        end = space if space > at else end
    return plain_text(text[start:end]), start > 0, end < len(text)


def _first_match(text: str | None, terms: Sequence[Term]) -> int | None:
    """Where in ``text`` the first of the terms' matches begins, or None."""
    if not text or not terms:
        return None
    folded, original = _folded(text)
    starts = [m.start(1) for m in (_pattern(term).search(folded) for term in terms) if m]
    return original(min(starts)) if starts else None


def _matched_spans(text: str, terms: Sequence[Term]) -> list[tuple[int, int]]:
    """Where in ``text`` the terms match: (start, end) character spans, in order, the
    words of a phrase together in one span, a prefix's whole word marked."""
    if not text or not terms:
        return []
    folded, original = _folded(text)
    spans = sorted(
        (original(m.start(1)), original(m.end(1) - 1) + 1)
        for term in terms
        for m in _pattern(term).finditer(folded)
    )
    merged: list[tuple[int, int]] = []
    for start, end in spans:
        # Neighbours a space apart are one mark: «market map», not «market» «map».
        if merged and (start <= merged[-1][1] or text[merged[-1][1] : start].isspace()):
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged


@functools.lru_cache(maxsize=256)
def _pattern(term: Term) -> re.Pattern:
    """Matches ``term`` in folded text, in group 1: its words one after the other from a
    word's beginning, separated by anything that is not a word; every match, even
    overlapping ones (the lookahead consumes nothing)."""
    words = r"[\W_]+".join(re.escape(word) for word in term.words)
    end = r"[^\W_]*" if term.prefix else r"(?![^\W_])"
    return re.compile(rf"(?<![^\W_])(?=({words}{end}))")


# Each character's fold (by code point), learnt as characters are met.
_CHAR_FOLDS: dict[int, str] = {}
NON_ASCII = re.compile(r"[^\x00-\x7f]")


def _char_fold(code: int) -> str:
    folded = _CHAR_FOLDS.get(code)
    if folded is None:
        char = chr(code)
        # A character outside words stays as it is: it only separates words; a letter
        # stays inside its word (½ is 12, not 1⁄2).
        folded = "".join(WORD_CHAR.findall(fold(char))) if WORD_CHAR.match(char) else char
        _CHAR_FOLDS[code] = folded
    return folded


def _folded(text: str) -> tuple[str, Callable[[int], int]]:
    """``text`` folded as the index folds it, letter by letter (so regular expressions can
    find the query's words in it), and the map from a position in the folded text back
    to one in ``text``. Only a letter spelled with more or fewer letters (ß → ss) moves
    the positions; other characters stay as they are."""
    if text.isascii():
        return text.lower(), _same
    if len(text.encode()) > 1.5 * len(text):
        # Mostly beyond ASCII (Greek, Cyrillic…): one table for the whole text.
        table = {ord(c): _char_fold(ord(c)) for c in set(text) if ord(c) > 127}
        folded = text.translate(table).lower()
        uneven = any(len(f) != 1 for f in table.values())
    else:
        # Mostly ASCII: its few other letters replaced one by one, far faster.
        widths: set[int] = set()

        def fold(match: re.Match) -> str:
            folded = _char_fold(ord(match.group()))
            widths.add(len(folded))
            return folded

        folded = NON_ASCII.sub(fold, text).lower()
        uneven = widths != {1}
    if not uneven:
        return folded, _same
    # Where each uneven letter lands in the folded text, and the shift after it.
    landed, widths, origins, shifts, shift = [], [], [], [], 0
    for m in NON_ASCII.finditer(text):
        width = len(_char_fold(ord(m.group())))
        if width != 1:
            landed.append(m.start() + shift)
            widths.append(width)
            origins.append(m.start())
            shift += width - 1
            shifts.append(shift)

    def original(position: int) -> int:
        i = bisect.bisect_right(landed, position) - 1
        if i < 0:
            return position
        if position < landed[i] + widths[i]:
            return origins[i]  # inside the letters one letter became
        return position - shifts[i]

    return folded, original


def _same(position: int) -> int:
    return position


def _marked(text: str, spans: list[tuple[int, int]]) -> list[tuple[str, bool]]:
    """``text`` cut into pieces, each marked (inside one of ``spans``) or not."""
    pieces, position = [], 0
    for start, end in spans:
        if start > position:
            pieces.append((text[position:start], False))
        pieces.append((text[start:end], True))
        position = end
    if position < len(text):
        pieces.append((text[position:], False))
    return pieces


def _snippet(
    text: str, spans: list[tuple[int, int]], cut_before: bool = False, cut_after: bool = False
) -> list[tuple[str, bool]]:
    """About SNIPPET_WORDS words of ``text`` from a little before its first match;
    ``cut_before``/``cut_after`` say that ``text`` is itself a part of a longer text."""
    starts = [m.start() for m in re.finditer(r"\S+", text)]
    start, end = 0, len(text)
    if len(starts) > SNIPPET_WORDS:
        first = spans[0][0] if spans else 0
        at = bisect.bisect_right(starts, first) - 1
        begin = max(0, min(at - SNIPPET_LEAD_WORDS, len(starts) - SNIPPET_WORDS))
        start = starts[begin]
        if begin + SNIPPET_WORDS < len(starts):
            end = starts[begin + SNIPPET_WORDS]
    window = text[start:end].rstrip()
    inside = [
        (max(s, start) - start, min(e, start + len(window)) - start)
        for s, e in spans
        if e > start and s < start + len(window)
    ]
    pieces = _marked(window, inside)
    if start > 0 or cut_before:
        pieces.insert(0, ("…", False))
    if start + len(window) < len(text) or cut_after:
        pieces.append(("…", False))
    return pieces


def _render(pieces: list[tuple[str, bool]], before: str, after: str, escape: bool) -> str:
    out = []
    for text, marked in pieces:
        text = html.escape(text, quote=False) if escape else text
        out.append(f"{before}{text}{after}" if marked else text)
    return "".join(out)
