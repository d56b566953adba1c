"""Who a contact in a file is: identity first, similarity only as a question.

An email, a phone number, a profile address (LinkedIn and other links with a path) or
the key a source gives a card (a vCard's UID) *identifies* a person: a record that shares
one with somebody is that person (a new phone or a second email beside the shared one
is simply added) — unless their profiles on one site differ (two LinkedIn pages), or a
record already counted as that person shares nothing with it and has another email or
phone. Identifiers that differ with none shared (two emails, two phones, two LinkedIn
profiles) mean two people, whatever their names. A name identifies only when it is the
same name (accents, case and word order aside), nothing conflicts and nobody else has
it; a name that is only similar, or shared by several people, is a question: the row
says "maybe the same as …" and is added as a new person unless the user chooses to
merge it.
"""

from __future__ import annotations

import copy
import re
from collections import defaultdict
from dataclasses import dataclass, field, fields
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

from peewee import chunked

from winwin_desktop.formats.records import ContactRecord, PersonFields, Skipped
from winwin_desktop.journal import team
from winwin_desktop.journal.importing.base import CHUNK, PERSON, SIMILAR, uid_for
from winwin_desktop.store.models import Person, PersonTag, Tag, live
from winwin_desktop.text import fold, plural

if TYPE_CHECKING:
    from winwin_desktop.journal.importing.matching import Matches

# A number this short is an extension or a short code, not somebody's own line.
PHONE_DIGITS = 7
# How "the same number" is compared: its last digits, so +49 30 1234567 is 030 1234567.
PHONE_TAIL = 9
# What each kind of identifier is called in a sentence.
IDENTIFIER_WORDS = {"email": "email", "phone": "phone number", "link": "profile address"}


@dataclass
class Draft(PersonFields):
    """A person as the import will leave them."""

    @classmethod
    def of_record(cls, record: ContactRecord) -> Draft:
        # Lists and the name's parts are copied: merging into the draft must not change
        # the record.
        return cls(**{f.name: copy.copy(getattr(record, f.name)) for f in fields(PersonFields)})

    def copy(self) -> Draft:
        copied = {k: list(getattr(self, k)) for k in _LISTS}
        return Draft(**{**self.__dict__, **copied, "structured_name": dict(self.structured_name)})

    def merge(self, record: ContactRecord) -> list[str]:
        """Take in what ``record`` adds; the list says what changed, in words."""
        changes = []
        for name, key in (("emails", str.casefold), ("phones", _digits), ("links", link_key)):
            have = {key(v) for v in getattr(self, name)}
            new = [v for v in getattr(record, name) if key(v) not in have]
            if new:
                getattr(self, name).extend(new)
                changes.append(plural(len(new), name[:-1]))
        have = {t.casefold() for t in self.tags}
        tags = [t for t in record.tags if t.casefold() not in have]
        if tags:
            self.tags.extend(tags)
            changes.append(("tag " if len(tags) == 1 else "tags ") + ", ".join(tags))
        for name in ("organisation", "role", "how_met", "met_on", "photo", "birthday"):
            if getattr(record, name) and not getattr(self, name):
                setattr(self, name, getattr(record, name))
                changes.append(name.replace("_", " ").replace("met on", "when met"))
        if record.structured_name and not self.structured_name:
            self.structured_name = dict(record.structured_name)
            changes.append("name parts")
        have = _squeezed(self.notes)
        paragraphs = [p.strip() for p in re.split(r"\n\s*\n", record.notes) if p.strip()]
        paragraphs = [p for p in paragraphs if _squeezed(p) not in have]
        if paragraphs:
            added = "\n\n".join(paragraphs)
            self.notes = f"{self.notes.rstrip()}\n\n{added}" if self.notes.strip() else added
            changes.append("notes")
        return changes


def _squeezed(text: str) -> str:
    """Text with its spacing evened out, so a note re-wrapped by an exporter still matches."""
    return " ".join(text.split())


_LISTS = ("emails", "phones", "links", "tags")


def _digits(phone: str) -> str:
    return "".join(c for c in phone if c.isdigit()) or phone


def link_key(link: str) -> str:
    """A link without its scheme, ``www.``, case and trailing slash."""
    return re.sub(r"^[a-z]+://(www\.)?", "", link.strip().casefold()).rstrip("/")


def phone_key(phone: str) -> str:
    """The number's last digits, or "" for one too short to be somebody's."""
    digits = "".join(c for c in phone if c.isdigit())
    return digits[-PHONE_TAIL:] if len(digits) >= PHONE_DIGITS else ""


def profile_key(link: str) -> tuple[str, str] | None:
    """(site, path) of a link to somebody's page (``linkedin.com/in/jo``); None for a
    bare site (a company's home page is shared by everyone who works there)."""
    text = link.strip()
    if "://" not in text:
        text = "https://" + text
    try:
        parts = urlsplit(text)
    except ValueError:
        return None
    host = (parts.hostname or "").removeprefix("www.")
    path = parts.path.rstrip("/").casefold()
    if not host or not path:
        return None
    return host, path


@dataclass(frozen=True)
class Identifiers:
    """What identifies one person, by kind."""

    emails: frozenset[str] = frozenset()
    phones: frozenset[str] = frozenset()
    links: frozenset[tuple[str, str]] = frozenset()

    @classmethod
    def of(cls, emails, phones, links) -> Identifiers:
        return cls(
            frozenset(e.casefold() for e in emails or [] if e),
            frozenset(k for k in map(phone_key, phones or []) if k),
            frozenset(k for k in map(profile_key, links or []) if k),
        )

    def each(self) -> list[tuple[str, object]]:
        return (
            [("email", e) for e in sorted(self.emails)]
            + [("phone", p) for p in sorted(self.phones)]
            + [("link", link) for link in sorted(self.links)]
        )

    def union(self, other: Identifiers) -> Identifiers:
        return Identifiers(
            self.emails | other.emails, self.phones | other.phones, self.links | other.links
        )

    def shared(self, other: Identifiers) -> str | None:
        """The first kind of identifier both have a value of in common."""
        for kind in ("email", "phone", "link"):
            if getattr(self, kind + "s") & getattr(other, kind + "s"):
                return kind
        return None

    def conflict(self, other: Identifiers) -> str | None:
        """The kind of identifier that says these are two different people, or None.

        Sharing an email or a phone makes them one person even with another email or a
        new phone beside it (people have several): then only two profiles on one site
        (two LinkedIn pages) differ. Sharing nothing, any kind both have values of, none
        in common, differs."""
        if self.shared(other) is None:
            for kind in ("email", "phone"):
                mine, theirs = getattr(self, kind + "s"), getattr(other, kind + "s")
                if mine and theirs and not mine & theirs:
                    return kind
        sites = {site for site, _ in self.links} & {site for site, _ in other.links}
        for site in sorted(sites):
            mine = {link for link in self.links if link[0] == site}
            theirs = {link for link in other.links if link[0] == site}
            if not mine & theirs:
                return "link"
        return None


def name_key(name: str) -> str:
    """A name with accents, case, punctuation and word order left out."""
    return " ".join(sorted(re.findall(r"\w+", fold(name))))


class NameIndex:
    """Names seen so far, for exact and similar lookups. A name is compared only with the
    names sharing a word of two letters or more with it (the blocking key), gathered by
    set unions and scored by rapidfuzz in one call with a cutoff, so a lookup stays cheap
    at 10,000 names even when hundreds share a first name."""

    def __init__(self) -> None:
        self.exact: dict[str, list[tuple[str, int]]] = defaultdict(list)
        # word → the name keys holding it, in the order they came (a dict as an ordered
        # set: of two equally alike names, the earlier one wins on every run)
        self.by_word: dict[str, dict[str, None]] = defaultdict(dict)

    def add(self, name: str, target: tuple[str, int]) -> None:
        key = name_key(name)
        if not key:
            return
        self.exact[key].append(target)
        for word in key.split():
            if len(word) > 1:
                self.by_word[word][key] = None

    def same(self, name: str) -> list[tuple[str, int]]:
        """Everyone of exactly this name."""
        return list(self.exact.get(name_key(name), ()))

    def similar(self, name: str) -> tuple[tuple[str, int], int] | None:
        """The most similar other name's owner and how alike (0–100), if alike enough."""
        from rapidfuzz import fuzz, process

        key = name_key(name)
        if not key:
            return None
        candidates: dict[str, None] = {}
        for word in key.split():
            candidates |= self.by_word.get(word, {})
        candidates.pop(key, None)
        if not candidates:
            return None
        found = process.extractOne(
            key, list(candidates), scorer=fuzz.token_sort_ratio, score_cutoff=SIMILAR
        )
        if found is None:
            return None
        return self.exact[found[0]][0], int(found[1])


@dataclass
class Match:
    """Whom a contact record is (``maybe`` False), or may be (True: a question)."""

    target: tuple[str, int]  # ("person", id) or ("record", row index)
    how: str  # "source", "email", "phone", "link", "name", "similar"
    maybe: bool = False
    score: int = 100
    # Why it is only a question: the kind of identifier that differs ("email"…), or
    # how many people share the name or the identifier.
    conflict: str = ""
    others: int = 0
    # Everyone it may be (for a question, the record may already be one of them).
    candidates: list[tuple[str, int]] = field(default_factory=list)
    # The user's answer to this question on an earlier import ("merge" or "keep both").
    remembered: str = ""


def live_people() -> list[Person]:
    return list(
        Person.live(Person.id, Person.name, Person.emails, Person.phones, Person.links, Person.uid)
    )


class _Groups:
    """The people the records form so far, as matching goes down the file: a record
    identified as someone joins their group, and a later record is checked against
    every record of a group: two whose identifiers differ are never put together, even
    through a third that has both."""

    def __init__(self) -> None:
        self.parent: dict[tuple[str, int], tuple[str, int]] = {}
        self.members: dict[tuple[str, int], list[Identifiers]] = {}

    def root(self, target: tuple[str, int]) -> tuple[str, int]:
        while target in self.parent:
            target = self.parent[target]
        return target

    def join(self, target: tuple[str, int], into: tuple[str, int]) -> None:
        root = self.root(into)
        self.parent[target] = root
        self.members[root] += self.members.pop(target)

    def roots(self, targets) -> list[tuple[str, int]]:
        return list(dict.fromkeys(self.root(t) for t in targets))

    def everything(self, target: tuple[str, int]) -> Identifiers:
        """Every identifier of ``target``'s group."""
        found = Identifiers()
        for member in self.members[self.root(target)]:
            found = found.union(member)
        return found

    def conflict(self, mine: Identifiers, target: tuple[str, int]) -> str | None:
        """The kind of identifier ``mine`` differs in from a record of ``target``'s."""
        for other in self.members[self.root(target)]:
            if kind := mine.conflict(other):
                return kind
        return None


def match_people(state: Matches, me: set[str]) -> None:
    """Find, for every contact record, whom it is or may be; ``me`` are the user's own
    addresses (a card of the user is not imported as a person)."""
    by_uid: dict[str, int] = {}
    by_key: dict[tuple[str, object], list[tuple[str, int]]] = defaultdict(list)
    groups = _Groups()
    names = NameIndex()
    for person in live_people():
        target = (PERSON, person.id)
        by_uid[person.uid] = person.id
        known = Identifiers.of(person.emails, person.phones, person.links)
        groups.members[target] = [known]
        for key in known.each():
            by_key[key].append(target)
        names.add(person.name, target)
        state.person_names[person.id] = person.name
    state.taken_uids = {row.uid for row in Person.select(Person.uid)}
    matched_people: set[int] = set()
    for index, (kind, record) in enumerate(state.items):
        if kind != PERSON or isinstance(record, Skipped):
            continue
        mine = Identifiers.of(record.emails, record.phones, record.links)
        if mine.emails and mine.emails <= me:
            state.myself.add(index)
            continue
        found = None
        if record.source_key and (person_id := by_uid.get(uid_for(record.source_key))):
            found = Match((PERSON, person_id), "source", candidates=[(PERSON, person_id)])
        found = found or _by_identifier(mine, by_key, groups)
        found = found or _by_name(record, mine, names, groups)
        target = ("record", index)
        groups.members[target] = [mine]
        if found is not None:
            state.matches[index] = found
            matched_people.update(t[1] for t in found.candidates if t[0] == PERSON)
            if not found.maybe:
                groups.join(target, found.target)
        for key in mine.each():
            by_key[key].append(target)
        names.add(record.name, target)
    state.person_uids = {person_id: uid for uid, person_id in by_uid.items()}
    state.people = _drafts_of(matched_people)


def _by_identifier(mine: Identifiers, by_key, groups: _Groups) -> Match | None:
    kinds: dict[tuple[str, int], str] = {}
    for key in mine.each():
        for target in groups.roots(by_key.get(key, ())):
            kinds.setdefault(target, key[0])
    if not kinds:
        return None
    targets = list(kinds)
    agreeing = [t for t in targets if not groups.conflict(mine, t)]
    if len(agreeing) > 1:
        # Several people it may be: it is the one that already has all its identifiers
        # (a file imported again), else a question.
        # Of several that have them all, the one that has least else: the closest to
        # the record, whatever order the people came in (a person already in the
        # journal, or a record earlier in the file), so that importing the file again
        # puts each record where the first import did.
        known = {t: groups.everything(t) for t in agreeing}
        holding = [t for t in agreeing if known[t].union(mine) == known[t]]
        holding.sort(key=lambda t: len(known[t].each()))
        agreeing = holding[:1] or agreeing
    if len(agreeing) == 1:
        return Match(agreeing[0], kinds[agreeing[0]], candidates=agreeing)
    first = (agreeing or targets)[0]
    if agreeing:
        return Match(first, kinds[first], maybe=True, others=len(agreeing), candidates=agreeing)
    conflict = groups.conflict(mine, first) or ""
    return Match(first, kinds[first], maybe=True, conflict=conflict, candidates=[first])


def _by_name(record: ContactRecord, mine: Identifiers, names: NameIndex, groups) -> Match | None:
    same = groups.roots(names.same(record.name))
    if same:
        first = same[0]
        if len(same) > 1:
            return Match(first, "name", maybe=True, others=len(same), candidates=same)
        conflict = groups.conflict(mine, first) or ""
        return Match(first, "name", maybe=bool(conflict), conflict=conflict, candidates=same)
    similar = names.similar(record.name)
    if similar is None:
        return None
    target = groups.root(similar[0])
    # Only a question, never a place to put the record without asking.
    return Match(target, "similar", maybe=True, score=similar[1], candidates=[target])


@dataclass(frozen=True)
class KeptElsewhere:
    """Another member keeps a person with one of a contact's identifiers: which one, as
    the file writes it, and who (nothing of their person)."""

    kind: str  # "email", "phone" or "link"
    identifier: str  # as the lookup compares it
    written: str  # as the file writes it
    member: team.Member


def kept_elsewhere(state: Matches) -> None:
    """On a team journal: the contacts that are nobody this login sees, whose email,
    phone or profile address another member keeps a person with (row-level security
    hides them). Only the identifiers go out, and only who keeps one comes back."""
    if team.current_member() is None:
        return
    wanted: dict[tuple[str, str], list[tuple[int, str]]] = defaultdict(list)
    for index, (kind, record) in enumerate(state.items):
        found = state.matches.get(index)
        if kind != PERSON or isinstance(record, Skipped) or index in state.myself:
            continue
        if found is not None and found.target[0] == PERSON and not found.maybe:
            continue  # somebody this login sees
        for email in record.emails:
            if email.strip():
                wanted[("email", email.strip().lower())].append((index, email.strip()))
        for phone in record.phones:
            if key := phone_key(phone):
                wanted[("phone", key)].append((index, phone))
        for link in record.links:
            if key := profile_key(link):
                wanted[("link", key[0] + key[1])].append((index, link))
    if not wanted:
        return
    keys = {kind: [k for (w, k) in wanted if w == kind] for kind in ("email", "phone", "link")}
    for keeper in team.keepers(keys["email"], keys["phone"], keys["link"]):
        for index, written in wanted.get((keeper.kind, keeper.identifier), ()):
            state.kept_elsewhere.setdefault(index, []).append(
                KeptElsewhere(keeper.kind, keeper.identifier, written, keeper.member)
            )


def _drafts_of(ids: set[int]) -> dict[int, Draft]:
    drafts: dict[int, Draft] = {}
    id_list = sorted(ids)
    for chunk in chunked(id_list, CHUNK):
        for person in Person.select().where(Person.id.in_(chunk)):
            drafts[person.id] = Draft(
                name=person.name,
                organisation=person.organisation,
                role=person.role,
                emails=list(person.emails or []),
                phones=list(person.phones or []),
                links=list(person.links or []),
                notes=person.notes,
                how_met=person.how_met,
                met_on=person.met_on,
                photo=person.photo,
                structured_name=dict(person.structured_name or {}),
                birthday=person.birthday,
            )
        for person_id, tag in (
            PersonTag.select(PersonTag.person, Tag.name)
            .join(Tag)
            .where(PersonTag.person.in_(chunk) & live(PersonTag, Tag))
            .tuples()
        ):
            drafts[person_id].tags.append(tag)
    return drafts
