"""Importing a file: a preview of what it would change, then one atomic write.

:func:`preview` reads the journal (never writes) and says, for every record of a
:class:`ParsedFile`, what importing it would do:

- **new** — nobody like it is in the journal: it is added;
- **updated** — it is someone already in the journal (same source, same email, same
  name): what it adds (an email, a phone, tags, a photo, a blank filled in) is merged in;
- **duplicate** — it looks like someone (a similar name, or an earlier record of the same
  file): the user merges, keeps both or skips it;
- **already in the journal** — merging it would change nothing (a file imported twice);
- **skipped** — it cannot be imported, with the reason and its place in the file.

Merging never overwrites: lists (emails, phones, links, tags) gain what they lack, empty
fields are filled in, notes not yet there are appended. People are matched by their
source key first (a vCard's UID, a LinkedIn address: the ``uid`` of a person an import
added is derived from it), then by email (exact, case ignored), then by name (accents,
case and word order ignored), then by name similarity (``rapidfuzz``, at least
:data:`SIMILAR` of 100). Meetings are matched by their calendar UID the same way, and a
jrnl entry is "already in the journal" when its paragraph is in that day's reflection —
so importing the same file again changes nothing.

:func:`apply` writes every accepted record in one ``recording(...)``: one transaction and
one undo step, or nothing at all.
"""

from __future__ import annotations

import datetime as dt
import re
import uuid
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from winwin_desktop.formats.detect import read_file
from winwin_desktop.formats.records import (
    Attendee,
    ContactRecord,
    EntryRecord,
    ImportFormatError,
    MeetingRecord,
    ParsedFile,
    Skipped,
)
from winwin_desktop.journal import settings
from winwin_desktop.journal.validate import fold
from winwin_desktop.store import history, recording
from winwin_desktop.store.models import (
    Exchange,
    Interaction,
    Mention,
    Participant,
    Person,
    PersonTag,
    Promise,
    Reflection,
    Setting,
    Tag,
)

NEW = "new"
UPDATED = "updated"
DUPLICATE = "duplicate"
UNCHANGED = "unchanged"
SKIPPED = "skipped"
STATUSES = (NEW, UPDATED, DUPLICATE, UNCHANGED, SKIPPED)
STATUS_LABELS = {
    NEW: "new",
    UPDATED: "updated",
    DUPLICATE: "duplicate",
    UNCHANGED: "already in the journal",
    SKIPPED: "skipped",
}

ADD = "add"
MERGE = "merge"
KEEP_BOTH = "keep both"
SKIP = "skip"
DECISION_LABELS = {ADD: "Import", MERGE: "Merge", KEEP_BOTH: "Keep both", SKIP: "Skip"}

PERSON, MEETING, ENTRY = "person", "meeting", "journal entry"
WINWIN_JSON = "winwin-json"

# Names at least this similar (rapidfuzz's token sort ratio, 0–100) may be one person.
SIMILAR = 88
# Derives a person's or an interaction's uid from the key its source gives it.
UID_NAMESPACE = uuid.UUID("6f1d3c2e-8a41-4b0e-9c55-2b7f0e7d9a10")
_CHUNK = 400


@dataclass
class PreviewRow:
    """One record of the file, and what importing it does."""

    index: int
    place: str
    kind: str
    label: str
    status: str
    detail: str
    decision: str | None = None
    choices: tuple[str, ...] = ()
    match: str = ""


@dataclass
class UnknownAttendee:
    """Someone in the calendar who is not in the journal."""

    key: str
    name: str
    email: str
    meetings: int

    def __str__(self) -> str:
        return str(Attendee(self.name, self.email))


@dataclass
class ImportResult:
    people_added: int = 0
    people_updated: int = 0
    interactions_added: int = 0
    reflections_changed: int = 0

    def summary(self) -> str:
        parts = []
        if self.people_added:
            parts.append(_plural(self.people_added, "person", "people") + " added")
        if self.people_updated:
            parts.append(_plural(self.people_updated, "person", "people") + " updated")
        if self.interactions_added:
            parts.append(_plural(self.interactions_added, "interaction") + " added")
        if self.reflections_changed:
            parts.append(_plural(self.reflections_changed, "day") + " of reflections written")
        return ", ".join(parts).capitalize() + "." if parts else "Nothing needed importing."


@dataclass
class ImportPlan:
    """What importing ``parsed`` does, record by record; change a decision with
    :meth:`decide` or the unknown attendees to add with :meth:`add_attendees`."""

    parsed: ParsedFile
    rows: list[PreviewRow]
    unknown_attendees: list[UnknownAttendee] = field(default_factory=list)
    added_attendees: set[str] = field(default_factory=set)
    _state: _Matches | None = field(default=None, repr=False)
    _writes: _Writes | None = field(default=None, repr=False)
    _winwin: dict | None = field(default=None, repr=False)

    @property
    def file(self) -> str:
        return self.parsed.file

    @property
    def format(self) -> str:
        return self.parsed.format

    def counts(self) -> dict[str, int]:
        counted = Counter(row.status for row in self.rows)
        return {status: counted.get(status, 0) for status in STATUSES}

    def summary(self) -> str:
        """E.g. "12 records: 5 new, 3 updated, 1 duplicate, 2 already in the journal, 1 skipped"."""
        counts = self.counts()
        parts = [f"{counts[s]} {STATUS_LABELS[s]}" for s in STATUSES if counts[s]]
        total = _plural(len(self.rows), "record")
        return f"{total}: {', '.join(parts)}" if parts else f"{total}"

    @property
    def writes_anything(self) -> bool:
        if self._winwin is not None:
            return any(self._winwin.values())
        return bool(self._writes and not self._writes.empty)

    def decide(self, index: int, decision: str) -> None:
        """Merge, keep both, skip (or import) record ``index``; the preview follows."""
        row = self.rows[index]
        if decision not in row.choices:
            raise ValueError(f"{decision!r} is not a choice for {row.place}")
        self._state.decisions[index] = decision
        self._resolve()

    def add_attendees(self, keys: Iterable[str]) -> None:
        """Add these unknown attendees (by :attr:`UnknownAttendee.key`) as new people."""
        self.added_attendees = set(keys)
        self._resolve()

    def _resolve(self) -> None:
        self.rows, self._writes = _resolve(self._state, self.added_attendees)


def preview(
    parsed: ParsedFile,
    add_unknown: bool = False,
    decisions: dict[int, str] | None = None,
) -> ImportPlan:
    """What importing ``parsed`` would do. Reads the journal, writes nothing."""
    if parsed.format == WINWIN_JSON:
        return _preview_winwin(parsed)
    state = _match(parsed)
    state.decisions.update(decisions or {})
    plan = ImportPlan(parsed, [], _state=state)
    plan.unknown_attendees = state.unknown_attendees
    plan.added_attendees = {a.key for a in state.unknown_attendees} if add_unknown else set()
    plan._resolve()
    return plan


def apply(plan: ImportPlan) -> ImportResult:
    """Write what the plan accepts, in one transaction and one undo step."""
    if plan.format == WINWIN_JSON:
        return _apply_winwin(plan)
    writes = plan._writes
    result = ImportResult()
    if writes is None or writes.empty:
        return result
    with recording(f"Import {Path(plan.file).name}"):
        person_ids = _write_people(writes, result)
        _write_meetings(writes, person_ids, result)
        _write_entries(writes, result)
    return result


def read_path(
    path: str | Path,
    format: str | None = None,
    mapping: dict[str, str] | None = None,
    now: dt.datetime | None = None,
    tz: dt.tzinfo | None = None,
) -> ParsedFile:
    """Read a file from disk; :class:`ImportFormatError` for one that cannot be read."""
    path = Path(path)
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise ImportFormatError(
            path.name, "", f"it cannot be opened ({exc.strerror or exc}); check the path."
        ) from None
    return read_file(data, path.name, format, mapping, now=now, tz=tz)


def import_file(
    path: str | Path,
    format: str | None = None,
    mapping: dict[str, str] | None = None,
    add_unknown: bool = False,
    dry_run: bool = False,
) -> tuple[ImportPlan, ImportResult | None]:
    """Read, preview and (unless ``dry_run``) apply, with every default decision."""
    plan = preview(read_path(path, format, mapping), add_unknown=add_unknown)
    return plan, None if dry_run else apply(plan)


# ---- people: drafts and matching ----------------------------------------------------------


@dataclass
class _Draft:
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
    def of_record(cls, record: ContactRecord) -> _Draft:
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

    def copy(self) -> _Draft:
        return _Draft(**{**self.__dict__, **{k: list(getattr(self, k)) for k in _LISTS}})

    def merge(self, record: ContactRecord) -> list[str]:
        """Take in what ``record`` adds; the list says what changed, in words."""
        changes = []
        for name, key in (("emails", str.casefold), ("phones", _digits), ("links", _link_key)):
            have = {key(v) for v in getattr(self, name)}
            new = [v for v in getattr(record, name) if key(v) not in have]
            if new:
                getattr(self, name).extend(new)
                changes.append(_plural(len(new), name[:-1]))
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


class _NameIndex:
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
class _Match:
    target: tuple[str, int]  # ("person", id) or ("record", row index)
    how: str  # "source", "email", "name", "similar"
    score: int = 100


@dataclass
class _Matches:
    """What matching found, computed once per preview; decisions are applied on top."""

    parsed: ParsedFile
    items: list[tuple[str, object]]  # (kind, record or Skipped) in file order
    matches: dict[int, _Match] = field(default_factory=dict)
    people: dict[int, _Draft] = field(default_factory=dict)
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


def _match(parsed: ParsedFile) -> _Matches:
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
    state = _Matches(parsed, items)
    if parsed.contacts:
        _match_people(state)
    if parsed.meetings:
        _match_meetings(state)
    if parsed.entries:
        _match_entries(state)
    return state


def _live_people() -> list[Person]:
    return list(
        Person.select(Person.id, Person.name, Person.emails, Person.uid).where(
            Person.deleted_at.is_null()
        )
    )


def _match_people(state: _Matches) -> None:
    by_uid: dict[str, int] = {}
    by_email: dict[str, int] = {}
    names = _NameIndex()
    for person in _live_people():
        by_uid[person.uid] = person.id
        for email in person.emails or []:
            by_email.setdefault(email.casefold(), person.id)
        names.add(person.name, (PERSON, person.id))
        state.person_names[person.id] = person.name
    state.taken_uids = {row.uid for row in Person.select(Person.uid)}
    file_emails: dict[str, int] = {}
    file_names = _NameIndex()
    matched_people: set[int] = set()
    for index, (kind, record) in enumerate(state.items):
        if kind != PERSON or isinstance(record, Skipped):
            continue
        match = None
        if record.source_key and (found := by_uid.get(_uid_for(record.source_key))):
            match = _Match((PERSON, found), "source")
        if match is None:
            for email in record.emails:
                if (found := by_email.get(email.casefold())) is not None:
                    match = _Match((PERSON, found), "email")
                    break
        if match is None:
            for email in record.emails:
                if (found := file_emails.get(email.casefold())) is not None:
                    match = _Match(("record", found), "email")
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


def _name_match(name: str, journal: _NameIndex, file: _NameIndex) -> _Match | None:
    in_journal = journal.find(name)
    in_file = file.find(name)
    best = None
    for found in (in_journal, in_file):
        if found and (best is None or found[1] > best[1]):
            best = found
    if best is None:
        return None
    target, score = best
    return _Match(target, "name" if score == 100 else "similar", score)


def _drafts_of(ids: set[int]) -> dict[int, _Draft]:
    drafts: dict[int, _Draft] = {}
    id_list = sorted(ids)
    for start in range(0, len(id_list), _CHUNK):
        chunk = id_list[start : start + _CHUNK]
        for person in Person.select().where(Person.id.in_(chunk)):
            drafts[person.id] = _Draft(
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


def _uid_for(source_key: str) -> str:
    return str(uuid.uuid5(UID_NAMESPACE, source_key))


# ---- meetings -----------------------------------------------------------------------------


def _match_meetings(state: _Matches) -> None:
    by_email: dict[str, int] = {}
    by_name: dict[str, list[int]] = defaultdict(list)
    for person in _live_people():
        for email in person.emails or []:
            by_email.setdefault(email.casefold(), person.id)
        by_name[name_key(person.name)].append(person.id)
        state.person_names[person.id] = person.name
    uids = {}
    for index, (kind, record) in enumerate(state.items):
        if kind == MEETING and isinstance(record, MeetingRecord):
            uids[_uid_for(record.source_key)] = index
    existing = _existing(Interaction, list(uids))
    unknown: dict[str, UnknownAttendee] = {}
    for index, (kind, record) in enumerate(state.items):
        if kind != MEETING or isinstance(record, Skipped):
            continue
        state.meeting_state[index] = existing.get(_uid_for(record.source_key), "")
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


def _existing(model, uids: list[str]) -> dict[str, str]:
    """uid → "exists" (live) or "trash", for the uids already in ``model``'s table."""
    found = {}
    for start in range(0, len(uids), _CHUNK):
        query = model.select(model.uid, model.deleted_at).where(
            model.uid.in_(uids[start : start + _CHUNK])
        )
        for row in query:
            found[row.uid] = "trash" if row.deleted_at is not None else "exists"
    return found


# ---- journal entries ----------------------------------------------------------------------

_TAG = re.compile(r"(?<![\w@.])@([\w'’.-]*\w)")


def _match_entries(state: _Matches) -> None:
    people = _live_people()
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


# ---- the preview itself -------------------------------------------------------------------


@dataclass
class _Writes:
    new_people: dict[int, _Draft] = field(default_factory=dict)  # row index → draft
    changed_people: dict[int, _Draft] = field(default_factory=dict)  # person id → draft
    new_attendees: dict[str, Attendee] = field(default_factory=dict)
    meetings: list[tuple[MeetingRecord, list[int], list[str]]] = field(default_factory=list)
    kinds: list[str] = field(default_factory=list)
    days: dict[dt.date, list[tuple[str, list[int]]]] = field(default_factory=dict)
    day_texts: dict[dt.date, str] = field(default_factory=dict)
    day_ids: dict[dt.date, int] = field(default_factory=dict)

    @property
    def empty(self) -> bool:
        return not (self.new_people or self.changed_people or self.meetings or self.days)


def _resolve(state: _Matches, added_attendees: set[str]) -> tuple[list[PreviewRow], _Writes]:
    writes = _Writes(kinds=state.kinds, day_texts=state.day_texts, day_ids=state.day_ids)
    drafts = {person_id: draft.copy() for person_id, draft in state.people.items()}
    originals = state.people
    lands_in: dict[int, tuple[str, int] | None] = {}  # contact row → where it went
    first_meeting: dict[str, int] = {}
    day_added: dict[dt.date, list[str]] = defaultdict(list)
    rows = []
    for index, (kind, record) in enumerate(state.items):
        decision = state.decisions.get(index)
        if isinstance(record, Skipped):
            rows.append(PreviewRow(index, record.place, kind, "", SKIPPED, record.reason))
        elif kind == PERSON:
            rows.append(_person_row(state, index, record, decision, drafts, lands_in, writes))
        elif kind == MEETING:
            rows.append(
                _meeting_row(state, index, record, decision, added_attendees, first_meeting, writes)
            )
        else:
            rows.append(_entry_row(state, index, record, decision, day_added, writes))
    for person_id, draft in drafts.items():
        if draft != originals[person_id]:
            writes.changed_people[person_id] = draft
    return rows, writes


def _person_row(state, index, record: ContactRecord, decision, drafts, lands_in, writes):
    label = record.name
    match = state.matches.get(index)
    target = None
    if match is not None:
        target = match.target if match.target[0] == PERSON else lands_in.get(match.target[1])
    if target is None:
        decision = decision or ADD
        choices = (ADD, SKIP)
        if decision == SKIP:
            lands_in[index] = None
            return PreviewRow(
                index, record.place, PERSON, label, SKIPPED, "You chose to skip it.", SKIP, choices
            )
        writes.new_people[index] = _Draft.of_record(record)
        lands_in[index] = ("record", index)
        detail = (
            "A company card: added as a new entry under the company's name."
            if record.company_only
            else "Added as a new person."
        )
        return PreviewRow(index, record.place, PERSON, label, NEW, detail, ADD, choices)
    choices = (MERGE, KEEP_BOTH, SKIP)
    draft = drafts[target[1]] if target[0] == PERSON else writes.new_people[target[1]]
    other = draft.name
    if target[0] == "record":
        other += f" ({state.items[target[1]][1].place.split(' (')[0]} in this file)"
    conflict = bool(record.emails and draft.emails) and not (
        {e.casefold() for e in record.emails} & {e.casefold() for e in draft.emails}
    )
    if decision is None:
        decision = KEEP_BOTH if match.how == "similar" and conflict else MERGE
    why = {
        "source": f"Imported before as {other}",
        "email": f"Same email as {other}",
        "name": f"Same name as {other}",
        "similar": f"Name like {other}, {match.score}% alike",
    }[match.how]
    doubtful = match.how == "similar" or target[0] == "record"
    if decision == SKIP:
        lands_in[index] = None
        return PreviewRow(
            index, record.place, PERSON, label, SKIPPED if not doubtful else DUPLICATE,
            f"{why}; skipped, as you chose.", SKIP, choices, other,
        )  # fmt: skip
    if decision == KEEP_BOTH:
        writes.new_people[index] = _Draft.of_record(record)
        lands_in[index] = ("record", index)
        return PreviewRow(
            index, record.place, PERSON, label, DUPLICATE if doubtful else NEW,
            f"{why}; added as a separate person.", KEEP_BOTH, choices, other,
        )  # fmt: skip
    lands_in[index] = target
    changes = draft.merge(record)
    if not changes:
        return PreviewRow(
            index, record.place, PERSON, label, UNCHANGED,
            f"{why}; nothing new to add.", MERGE, choices, other,
        )  # fmt: skip
    status = DUPLICATE if doubtful else UPDATED
    return PreviewRow(
        index, record.place, PERSON, label, status,
        f"{why}; merging adds {_listing(changes)}.", MERGE, choices, other,
    )  # fmt: skip


def _meeting_row(state, index, record: MeetingRecord, decision, added, first_meeting, writes):
    label = f"{record.date.isoformat()} {record.title}".strip()
    choices = (ADD, SKIP)
    existing = state.meeting_state.get(index)
    if existing == "exists":
        return PreviewRow(index, record.place, MEETING, label, UNCHANGED, "Imported before.")
    if existing == "trash":
        return PreviewRow(
            index, record.place, MEETING, label, SKIPPED,
            "It was imported before and is now in the trash; restore it from there.",
        )  # fmt: skip
    if record.source_key in first_meeting:
        earlier = state.items[first_meeting[record.source_key]][1].place
        return PreviewRow(
            index, record.place, MEETING, label, UNCHANGED, f"The same event as {earlier}."
        )
    first_meeting[record.source_key] = index
    ids = state.participants[index]
    strangers = [key for key in state.unknown_of[index] if key in added]
    if not ids and not strangers:
        who = ", ".join(str(a) for a in record.attendees[:3]) or "nobody"
        return PreviewRow(
            index, record.place, MEETING, label, SKIPPED,
            f"None of its attendees ({who}) is in the journal; add them to import it.",
            SKIP, (),
        )  # fmt: skip
    decision = decision or ADD
    names = [state.person_names[i] for i in ids]
    attendees = {a.key: a for a in record.attendees}
    names += [f"{attendees[key]} (new)" for key in strangers]
    detail = f"With {', '.join(names)}."
    if decision == SKIP:
        return PreviewRow(
            index, record.place, MEETING, label, SKIPPED, "You chose to skip it.", SKIP, choices
        )
    for key in strangers:
        writes.new_attendees.setdefault(key, attendees[key])
    writes.meetings.append((record, ids, strangers))
    return PreviewRow(index, record.place, MEETING, label, NEW, detail, ADD, choices)


def _entry_row(state, index, record: EntryRecord, decision, day_added, writes):
    paragraph, mentioned = state.paragraphs[index]
    label = f"{record.date.isoformat()} {record.title[:60]}".strip()
    choices = (ADD, SKIP)
    if paragraph in state.day_texts.get(record.date, "") or paragraph in day_added[record.date]:
        return PreviewRow(
            index, record.place, ENTRY, label, UNCHANGED,
            f"Already in the reflection of {record.date.isoformat()}.",
        )  # fmt: skip
    decision = decision or ADD
    if decision == SKIP:
        return PreviewRow(
            index, record.place, ENTRY, label, SKIPPED, "You chose to skip it.", SKIP, choices
        )
    day_added[record.date].append(paragraph)
    writes.days.setdefault(record.date, []).append((paragraph, mentioned))
    detail = f"Added to the reflection of {record.date.isoformat()}"
    if mentioned:
        detail += f", mentioning {', '.join(state.person_names[i] for i in mentioned)}"
    return PreviewRow(index, record.place, ENTRY, label, NEW, detail + ".", ADD, choices)


# ---- writing ------------------------------------------------------------------------------


def _write_people(writes: _Writes, result: ImportResult) -> dict[str, int]:
    """Create and update the people; returns the new attendees' ids by their key.

    New people, their tags and tag links go in with bulk inserts: 10,000 contacts must not
    take 10,000 round trips through the model layer."""
    tags = {t.name.casefold(): t for t in Tag.select()}
    taken = {row.uid for row in Person.select(Person.uid)}
    rows, wanted_tags = [], []
    for draft in writes.new_people.values():
        uid = _uid_for(draft.source_key) if draft.source_key else ""
        if not uid or uid in taken:
            uid = str(uuid.uuid4())
        taken.add(uid)
        rows.append({**_person_fields(draft), "uid": uid})
        wanted_tags.append(draft.tags)
    for attendee in writes.new_attendees.values():
        name = attendee.name or attendee.email.split("@")[0]
        uid = str(uuid.uuid4())
        emails = [attendee.email] if attendee.email else []
        rows.append({**_person_fields(_Draft(name=name, emails=emails)), "uid": uid})
        wanted_tags.append([])
    ids = _insert(Person, rows)
    result.people_added += len(rows)
    links = []
    for row, names in zip(rows, wanted_tags, strict=True):
        seen = set()
        for name in names:
            if name.casefold() not in seen:
                seen.add(name.casefold())
                links.append((ids[row["uid"]], _tag(name, tags)))
    _insert(
        PersonTag,
        [{"person": person, "tag": tag, "uid": str(uuid.uuid4())} for person, tag in links],
    )
    for person_id, draft in writes.changed_people.items():
        person = Person.get_by_id(person_id)
        before = [
            t.name
            for t in Tag.select(Tag.name)
            .join(PersonTag)
            .where((PersonTag.person == person_id) & PersonTag.deleted_at.is_null())
        ]
        for name, value in _person_fields(draft).items():
            if name != "name":
                setattr(person, name, value)
        person.save()
        _add_tags(person_id, draft.tags, before, tags)
        result.people_updated += 1
    attendee_rows = rows[len(writes.new_people) :]
    return {
        key: ids[row["uid"]] for key, row in zip(writes.new_attendees, attendee_rows, strict=True)
    }


def _tag(name: str, tags: dict) -> int:
    """The id of the live tag ``name`` (case ignored), created or restored if needed."""
    tag = tags.get(name.casefold())
    if tag is None:
        tag = Tag(name=name)
        tag.save()
        tags[name.casefold()] = tag
    elif tag.deleted_at is not None:
        tag.deleted_at = None
        tag.save()
    return tag.id


def _person_fields(draft: _Draft) -> dict:
    return {
        "name": draft.name[:200],
        "organisation": draft.organisation,
        "role": draft.role,
        "emails": draft.emails,
        "phones": draft.phones,
        "links": draft.links,
        "notes": draft.notes,
        "how_met": draft.how_met,
        "met_on": draft.met_on,
        "photo": draft.photo,
    }


def _add_tags(person_id: int, wanted: list[str], present: list[str], tags: dict) -> None:
    have = {t.casefold() for t in present}
    for name in wanted:
        if name.casefold() in have:
            continue
        have.add(name.casefold())
        tag = _tag(name, tags)
        link = PersonTag.get_or_none((PersonTag.person == person_id) & (PersonTag.tag == tag))
        if link is None:
            PersonTag(person=person_id, tag=tag).save()
        elif link.deleted_at is not None:
            link.deleted_at = None
            link.save()


def _write_meetings(writes: _Writes, new_ids: dict[str, int], result: ImportResult) -> None:
    kinds = writes.kinds or ["meeting"]
    for record, ids, strangers in writes.meetings:
        kind = (
            record.kind if record.kind in kinds else ("meeting" if "meeting" in kinds else kinds[0])
        )
        interaction = Interaction(
            uid=_uid_for(record.source_key),
            date=record.date,
            time=record.time,
            kind=kind,
            title=record.title,
            notes=record.notes,
        )
        interaction.save()
        for person_id in dict.fromkeys([*ids, *(new_ids[key] for key in strangers)]):
            Participant(interaction=interaction, person=person_id).save()
        result.interactions_added += 1


def _write_entries(writes: _Writes, result: ImportResult) -> None:
    """Reflections in bulk: a 100,000-entry journal must not take 100,000 saves."""
    if not writes.days:
        return
    new_rows = []
    mentions: dict[dt.date, list[int]] = {}
    for day, paragraphs in writes.days.items():
        added = "\n\n".join(p for p, _ in paragraphs)
        mentions[day] = list(dict.fromkeys(i for _, ids in paragraphs for i in ids))
        if day in writes.day_ids:
            row = Reflection.get_by_id(writes.day_ids[day])
            text = row.text if row.deleted_at is None else ""
            row.text = f"{text.rstrip()}\n\n{added}" if text.strip() else added
            row.deleted_at = None
            row.save()
        else:
            new_rows.append({"day": day, "text": added, "uid": str(uuid.uuid4())})
        result.reflections_changed += 1
    day_ids = dict(writes.day_ids)
    inserted = _insert(Reflection, new_rows)
    day_ids.update({row["day"]: inserted[row["uid"]] for row in new_rows})
    present = defaultdict(set)
    wanted_reflections = [day_ids[day] for day in mentions if mentions[day]]
    for start in range(0, len(wanted_reflections), _CHUNK):
        chunk = wanted_reflections[start : start + _CHUNK]
        for mention in Mention.select().where(Mention.reflection.in_(chunk)):
            if mention.deleted_at is not None:
                mention.deleted_at = None
                mention.save()
            present[mention.reflection_id].add(mention.person_id)
    new_mentions = [
        {"reflection": day_ids[day], "person": person_id, "uid": str(uuid.uuid4())}
        for day, ids in mentions.items()
        for person_id in ids
        if person_id not in present[day_ids[day]]
    ]
    _insert(Mention, new_mentions)


def _insert(model, rows: list[dict]) -> dict[str, int]:
    """Insert ``rows`` (each with its ``uid``) in chunks, and let the undo history know of
    each new row; returns uid → id."""
    if not rows:
        return {}
    now = dt.datetime.now(dt.UTC).replace(tzinfo=None)
    for row in rows:
        row.setdefault("created_at", now)
        row.setdefault("updated_at", now)
    size = max(1, 30_000 // max(len(row) for row in rows))
    for start in range(0, len(rows), size):
        model.insert_many(rows[start : start + size]).execute()
    ids = {}
    uids = [row["uid"] for row in rows]
    for start in range(0, len(uids), _CHUNK * 2):
        query = model.select(model.id, model.uid).where(
            model.uid.in_(uids[start : start + _CHUNK * 2])
        )
        for found in query.tuples():
            history.after_write(model(id=found[0]))
            ids[found[1]] = found[0]
    return ids


# ---- WinWin's own JSON ---------------------------------------------------------------------
# A WinWin export merges by uid: a row whose uid the journal has is already in it; any other
# row is added with its uid and time stamps, so exporting again gives the same rows. Rows the
# journal allows once (a setting, a tag name, a day's reflection) that it already has are
# kept as the journal has them; tags are then shared by name.

# (table, model, (reference key, column, referenced table), what the preview calls a row)
_WINWIN_TABLES = (
    ("settings", Setting, (), ""),
    ("tags", Tag, (), ""),
    ("people", Person, (("introduced_by_uid", "introduced_by", "people"),), PERSON),
    (
        "person_tags",
        PersonTag,
        (("person_uid", "person", "people"), ("tag_uid", "tag", "tags")),
        "",
    ),
    ("interactions", Interaction, (), "interaction"),
    (
        "participants",
        Participant,
        (("interaction_uid", "interaction", "interactions"), ("person_uid", "person", "people")),
        "",
    ),
    (
        "exchanges",
        Exchange,
        (("interaction_uid", "interaction", "interactions"), ("person_uid", "person", "people")),
        "",
    ),
    (
        "promises",
        Promise,
        (("person_uid", "person", "people"), ("interaction_uid", "interaction", "interactions")),
        "promise",
    ),
    ("reflections", Reflection, (), "reflection"),
    (
        "mentions",
        Mention,
        (("reflection_uid", "reflection", "reflections"), ("person_uid", "person", "people")),
        "",
    ),
)


def _winwin_label(table: str, row) -> str:
    if table == "people":
        return row.name
    if table == "interactions":
        return f"{row.date.isoformat()} {row.title or row.kind}"
    if table == "reflections":
        return row.day.isoformat()
    if table == "promises":
        return row.text[:80]
    return ""


def _preview_winwin(parsed: ParsedFile) -> ImportPlan:
    snapshot = parsed.document
    rows: list[PreviewRow] = []
    adds: dict[str, list] = {}
    for table, model, _, kind in _WINWIN_TABLES:
        records = getattr(snapshot, table)
        present = _existing(model, [r.uid for r in records])
        taken = _taken_keys(table, records)
        adds[table] = []
        for number, record in enumerate(records):
            place = f"{table}[{number}]"
            if record.uid in present:
                status, detail = UNCHANGED, "Already in the journal (same uid)."
            elif (key := _unique_key(table, record)) is not None and key in taken:
                status, detail = SKIPPED, f"The journal already has its own {_what(table, record)}."
            else:
                status, detail = NEW, ""
                adds[table].append(record)
            if kind:
                rows.append(
                    PreviewRow(len(rows), place, kind, _winwin_label(table, record), status, detail)
                )
    plan = ImportPlan(parsed, rows)
    plan._winwin = adds
    return plan


def _unique_key(table: str, record) -> object | None:
    return {
        "settings": lambda r: r.key,
        "tags": lambda r: r.name.casefold(),
        "reflections": lambda r: r.day,
    }.get(table, lambda r: None)(record)


def _what(table: str, record) -> str:
    return {
        "settings": f"setting “{getattr(record, 'key', '')}”",
        "tags": f"tag “{getattr(record, 'name', '')}”",
        "reflections": f"reflection of {getattr(record, 'day', '')}",
    }[table]


def _taken_keys(table: str, records: list) -> set:
    if table == "settings":
        return {row.key for row in Setting.select(Setting.key)}
    if table == "tags":
        return {row.name.casefold() for row in Tag.select(Tag.name)}
    if table == "reflections":
        days = [r.day for r in records]
        found = set()
        for start in range(0, len(days), _CHUNK):
            query = Reflection.select(Reflection.day).where(
                Reflection.day.in_(days[start : start + _CHUNK])
            )
            found |= {row.day for row in query}
        return found
    return set()


def _apply_winwin(plan: ImportPlan) -> ImportResult:
    result = ImportResult()
    adds = getattr(plan, "_winwin", {})
    if not any(adds.values()):
        return result
    with recording(f"Import {Path(plan.file).name}"):
        ids: dict[str, dict[str, int]] = {}
        tag_ids = {name.casefold(): i for i, name in Tag.select(Tag.id, Tag.name).tuples()}
        for table, model, refs, _ in _WINWIN_TABLES:
            records = getattr(plan.parsed.document, table)
            ids[table] = dict(_uid_ids(model, [r.uid for r in records]))
            if table == "tags":
                for record in records:
                    ids[table].setdefault(record.uid, tag_ids.get(record.name.casefold()))
            rows = []
            for record in adds[table]:
                values = {k: getattr(record, k) for k in record.__dataclass_fields__}
                complete = True
                for key, column, target in refs:
                    uid = values.pop(key)
                    if target == table:  # an introducer: set below, once everyone has an id
                        continue
                    values[column] = None if uid is None else ids[target].get(uid)
                    if uid is not None and values[column] is None:
                        complete = False  # hangs on a row that was not imported
                if complete:
                    rows.append(values)
            ids[table].update(_insert(model, rows))
            if table == "people":
                result.people_added += len(rows)
            elif table == "interactions":
                result.interactions_added += len(rows)
            elif table == "reflections":
                result.reflections_changed += len(rows)
        # Rows new in this very change: undo deletes them whatever is set here.
        for record in adds["people"]:
            introducer = ids["people"].get(record.introduced_by_uid or "")
            if introducer and record.uid in ids["people"]:
                Person.update(introduced_by=introducer).where(
                    Person.id == ids["people"][record.uid]
                ).execute()
    return result


def _uid_ids(model, uids: list[str]) -> list[tuple[str, int]]:
    found = []
    for start in range(0, len(uids), _CHUNK):
        query = model.select(model.uid, model.id).where(model.uid.in_(uids[start : start + _CHUNK]))
        found.extend(query.tuples())
    return found


# ---- words --------------------------------------------------------------------------------


def _plural(count: int, word: str, plural: str | None = None) -> str:
    return f"{count} {word if count == 1 else plural or word + 's'}"


def _listing(items: list[str]) -> str:
    return items[0] if len(items) == 1 else f"{', '.join(items[:-1])} and {items[-1]}"
