"""Matching a file's records with the journal: who each contact already is, who attends
each meeting, whom each journal entry mentions. Reads the journal, writes nothing."""

from __future__ import annotations

import datetime as dt
import re
from collections import defaultdict
from dataclasses import dataclass, field

from winwin_desktop.formats.records import (
    ContactRecord,
    EntryRecord,
    MeetingRecord,
    ParsedFile,
    Skipped,
)
from winwin_desktop.journal import settings
from winwin_desktop.journal.importing.base import (
    CHUNK,
    ENTRY,
    MEETING,
    PERSON,
    SIMILAR,
    UnknownAttendee,
    existing,
    plural,
    uid_for,
)
from winwin_desktop.journal.validate import fold
from winwin_desktop.store.models import Interaction, Person, PersonTag, Reflection, Tag

# ---- people: drafts and matching ----------------------------------------------------------


@dataclass
class Draft:
    """A person as the import will leave them."""

    name: str
    organisation: str = ""
    role: str = ""
    emails: list[str] = field(default_factory=list)
    phones: list[str] = field(default_factory=list)
    links: list[str] = field(default_factory=list)
    tags: list[str] = field(default_factory=list)
    notes: str = ""
    how_met: str = ""
    met_on: dt.date | None = None
    photo: bytes | None = None
    source_key: str = ""

    @classmethod
    def of_record(cls, record: ContactRecord) -> Draft:
        return cls(
            name=record.name,
            organisation=record.organisation,
            role=record.role,
            emails=list(record.emails),
            phones=list(record.phones),
            links=list(record.links),
            tags=list(record.tags),
            notes=record.notes,
            how_met=record.how_met,
            met_on=record.met_on,
            photo=record.photo,
            source_key=record.source_key,
        )

    def copy(self) -> Draft:
        return Draft(**{**self.__dict__, **{k: list(getattr(self, k)) for k in _LISTS}})

    def merge(self, record: ContactRecord) -> list[str]:
        """Take in what ``record`` adds; the list says what changed, in words."""
        changes = []
        for name, key in (("emails", str.casefold), ("phones", _digits), ("links", _link_key)):
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
        for name in ("organisation", "role", "how_met", "met_on", "photo"):
            if getattr(record, name) and not getattr(self, name):
                setattr(self, name, getattr(record, name))
                changes.append(name.replace("_", " ").replace("met on", "when met"))
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


def _link_key(link: str) -> str:
    return re.sub(r"^[a-z]+://(www\.)?", "", link.strip().casefold()).rstrip("/")


def name_key(name: str) -> str:
    """A name with accents, case, punctuation and word order left out."""
    return " ".join(sorted(re.findall(r"\w+", fold(name))))


class NameIndex:
    """Names seen so far, for exact and similar lookups; a name is compared only with
    names sharing a word of two letters or more, so a lookup stays cheap at 10,000."""

    def __init__(self) -> None:
        self.exact: dict[str, object] = {}
        self.keys: dict[str, list[tuple[str, object]]] = defaultdict(list)

    def add(self, name: str, target: object) -> None:
        key = name_key(name)
        if not key:
            return
        self.exact.setdefault(key, target)
        for word in set(key.split()):
            if len(word) > 1:
                self.keys[word].append((key, target))

    def find(self, name: str) -> tuple[object, int] | None:
        from rapidfuzz import fuzz, process

        key = name_key(name)
        if not key:
            return None
        if key in self.exact:
            return self.exact[key], 100
        candidates: dict[str, object] = {}
        for word in set(key.split()):
            for other, target in self.keys.get(word, ()):
                candidates.setdefault(other, target)
        if not candidates:
            return None
        found = process.extractOne(
            key, list(candidates), scorer=fuzz.token_sort_ratio, score_cutoff=SIMILAR
        )
        if found is None:
            return None
        return candidates[found[0]], int(found[1])


@dataclass
class Match:
    target: tuple[str, int]  # ("person", id) or ("record", row index)
    how: str  # "source", "email", "name", "similar"
    score: int = 100


@dataclass
class Matches:
    """What matching found, computed once per preview; decisions are applied on top."""

    parsed: ParsedFile
    items: list[tuple[str, object]]  # (kind, record or Skipped) in file order
    matches: dict[int, Match] = field(default_factory=dict)
    people: dict[int, Draft] = field(default_factory=dict)
    person_names: dict[int, str] = field(default_factory=dict)
    taken_uids: set[str] = field(default_factory=set)
    decisions: dict[int, str] = field(default_factory=dict)
    # meetings
    participants: dict[int, list[int]] = field(default_factory=dict)
    unknown_of: dict[int, list[str]] = field(default_factory=dict)
    unknown_attendees: list[UnknownAttendee] = field(default_factory=list)
    meeting_state: dict[int, str] = field(default_factory=dict)  # "" or "exists"/"trash"
    kinds: list[str] = field(default_factory=list)
    # journal entries
    paragraphs: dict[int, tuple[str, list[int]]] = field(default_factory=dict)
    day_texts: dict[dt.date, str] = field(default_factory=dict)
    day_ids: dict[dt.date, int] = field(default_factory=dict)


def _place_order(place: str) -> tuple[int, ...]:
    return tuple(int(n) for n in re.findall(r"\d+", place)[:1]) or (0,)


def match(parsed: ParsedFile) -> Matches:
    items: list[tuple[str, object]] = (
        [(PERSON, r) for r in parsed.contacts]
        + [(MEETING, r) for r in parsed.meetings]
        + [(ENTRY, r) for r in parsed.entries]
    )
    kind_of_skip = ENTRY if parsed.format == "jrnl" else MEETING if parsed.meetings else PERSON
    if parsed.format == "icalendar":
        kind_of_skip = MEETING
    items += [(kind_of_skip, s) for s in parsed.skipped]
    items.sort(key=lambda item: _place_order(item[1].place))
    state = Matches(parsed, items)
    if parsed.contacts:
        match_people(state)
    if parsed.meetings:
        match_meetings(state)
    if parsed.entries:
        match_entries(state)
    return state


def live_people() -> list[Person]:
    return list(
        Person.select(Person.id, Person.name, Person.emails, Person.uid).where(
            Person.deleted_at.is_null()
        )
    )


def match_people(state: Matches) -> None:
    by_uid: dict[str, int] = {}
    by_email: dict[str, int] = {}
    names = NameIndex()
    for person in live_people():
        by_uid[person.uid] = person.id
        for email in person.emails or []:
            by_email.setdefault(email.casefold(), person.id)
        names.add(person.name, (PERSON, person.id))
        state.person_names[person.id] = person.name
    state.taken_uids = {row.uid for row in Person.select(Person.uid)}
    file_emails: dict[str, int] = {}
    file_names = NameIndex()
    matched_people: set[int] = set()
    for index, (kind, record) in enumerate(state.items):
        if kind != PERSON or isinstance(record, Skipped):
            continue
        match = None
        if record.source_key and (found := by_uid.get(uid_for(record.source_key))):
            match = Match((PERSON, found), "source")
        if match is None:
            for email in record.emails:
                if (found := by_email.get(email.casefold())) is not None:
                    match = Match((PERSON, found), "email")
                    break
        if match is None:
            for email in record.emails:
                if (found := file_emails.get(email.casefold())) is not None:
                    match = Match(("record", found), "email")
                    break
        if match is None:
            match = _name_match(record.name, names, file_names)
        if match is not None:
            state.matches[index] = match
            if match.target[0] == PERSON:
                matched_people.add(match.target[1])
        for email in record.emails:
            file_emails.setdefault(email.casefold(), index)
        file_names.add(record.name, ("record", index))
    state.people = _drafts_of(matched_people)


def _name_match(name: str, journal: NameIndex, file: NameIndex) -> Match | None:
    in_journal = journal.find(name)
    in_file = file.find(name)
    best = None
    for found in (in_journal, in_file):
        if found and (best is None or found[1] > best[1]):
            best = found
    if best is None:
        return None
    target, score = best
    return Match(target, "name" if score == 100 else "similar", score)


def _drafts_of(ids: set[int]) -> dict[int, Draft]:
    drafts: dict[int, Draft] = {}
    id_list = sorted(ids)
    for start in range(0, len(id_list), CHUNK):
        chunk = id_list[start : start + CHUNK]
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
            )
        for person_id, tag in (
            PersonTag.select(PersonTag.person, Tag.name)
            .join(Tag)
            .where(
                PersonTag.person.in_(chunk)
                & PersonTag.deleted_at.is_null()
                & Tag.deleted_at.is_null()
            )
            .tuples()
        ):
            drafts[person_id].tags.append(tag)
    return drafts


# ---- meetings -----------------------------------------------------------------------------


def match_meetings(state: Matches) -> None:
    by_email: dict[str, int] = {}
    by_name: dict[str, list[int]] = defaultdict(list)
    for person in live_people():
        for email in person.emails or []:
            by_email.setdefault(email.casefold(), person.id)
        by_name[name_key(person.name)].append(person.id)
        state.person_names[person.id] = person.name
    uids = {}
    for index, (kind, record) in enumerate(state.items):
        if kind == MEETING and isinstance(record, MeetingRecord):
            uids[uid_for(record.source_key)] = index
    present = existing(Interaction, list(uids))
    unknown: dict[str, UnknownAttendee] = {}
    for index, (kind, record) in enumerate(state.items):
        if kind != MEETING or isinstance(record, Skipped):
            continue
        state.meeting_state[index] = present.get(uid_for(record.source_key), "")
        ids, strangers = [], []
        for attendee in record.attendees:
            found = by_email.get(attendee.email.casefold()) if attendee.email else None
            if found is None and attendee.name:
                same_name = by_name.get(name_key(attendee.name), [])
                found = same_name[0] if len(same_name) == 1 else None
            if found is not None:
                if found not in ids:
                    ids.append(found)
            elif attendee.key:
                strangers.append(attendee.key)
                if attendee.key in unknown:
                    unknown[attendee.key].meetings += 1
                else:
                    unknown[attendee.key] = UnknownAttendee(
                        attendee.key, attendee.name, attendee.email, 1
                    )
        state.participants[index] = ids
        state.unknown_of[index] = strangers
    state.unknown_attendees = sorted(
        unknown.values(), key=lambda a: (-a.meetings, fold(a.name or a.email))
    )
    state.kinds = settings.kinds()


# ---- journal entries ----------------------------------------------------------------------

_TAG = re.compile(r"(?<![\w@.])@([\w'’.-]*\w)")


def match_entries(state: Matches) -> None:
    people = live_people()
    by_tag: dict[str, int | None] = {}
    first_names: dict[str, list[int]] = defaultdict(list)
    for person in people:
        state.person_names[person.id] = person.name
        words = [_tag_key(word) for word in person.name.split()]
        if not _tag_key(person.name):
            continue
        by_tag.setdefault(_tag_key(person.name), person.id)
        first_names[words[0]].append(person.id)
    for first, ids in first_names.items():
        if len(ids) == 1:
            by_tag.setdefault(first, ids[0])
    days = {
        record.date
        for kind, record in state.items
        if kind == ENTRY and isinstance(record, EntryRecord)
    }
    for row in Reflection.select(
        Reflection.id, Reflection.day, Reflection.text, Reflection.deleted_at
    ):
        if row.day in days:
            state.day_ids[row.day] = row.id
            state.day_texts[row.day] = row.text if row.deleted_at is None else ""
    for index, (kind, record) in enumerate(state.items):
        if kind == ENTRY and isinstance(record, EntryRecord):
            state.paragraphs[index] = _paragraph(record, by_tag, state.person_names)


def _tag_key(text: str) -> str:
    """A name or a tag as letters and digits only: @zoe_bronte_nunez finds Zoë Brontë-Nuñez."""
    return re.sub(r"[\W_]+", "", fold(text))


def _paragraph(
    entry: EntryRecord, by_tag: dict[str, int | None], names: dict[int, str]
) -> tuple[str, list[int]]:
    """The entry as a paragraph of a reflection, with each ``@tag`` that names a person
    written as ``@Their Name`` (so the mention survives later edits), and who it mentions."""
    text = entry.title
    if entry.body:
        text = f"{text}\n{entry.body}" if text else entry.body
    if entry.starred:
        text = f"★ {text}"
    mentioned: list[int] = []

    def person_for(match: re.Match) -> str:
        person_id = by_tag.get(_tag_key(match.group(1)))
        if person_id is None:
            return match.group(0)
        if person_id not in mentioned:
            mentioned.append(person_id)
        return f"@{names[person_id]}"

    return _TAG.sub(person_for, text), mentioned
