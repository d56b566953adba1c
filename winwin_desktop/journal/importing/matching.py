"""Matching a file's records with the journal: who each contact already is, who attends
each meeting, whom each journal entry mentions. Reads the journal, writes nothing."""

from __future__ import annotations

import datetime as dt
import re
from collections import defaultdict
from dataclasses import dataclass, field, replace

from winwin_desktop.formats.records import (
    EntryRecord,
    MeetingRecord,
    ParsedFile,
    Skipped,
)
from winwin_desktop.journal import settings
from winwin_desktop.journal.importing.base import (
    ENTRY,
    MEETING,
    PERSON,
    UnknownAttendee,
    existing,
    uid_for,
)
from winwin_desktop.journal.importing.people import (
    Draft,
    KeptElsewhere,
    Match,
    kept_elsewhere,
    live_people,
    match_people,
    name_key,
)
from winwin_desktop.journal.importing.remembered import recall
from winwin_desktop.journal.validate import cut_name
from winwin_desktop.store.models import Interaction, Reflection
from winwin_desktop.text import fold


@dataclass
class Matches:
    """What matching found, computed once per preview; decisions are applied on top."""

    parsed: ParsedFile
    items: list[tuple[str, object]]  # (kind, record or Skipped) in file order
    matches: dict[int, Match] = field(default_factory=dict)
    people: dict[int, Draft] = field(default_factory=dict)
    person_names: dict[int, str] = field(default_factory=dict)
    person_uids: dict[int, str] = field(default_factory=dict)
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
    # the user's own addresses, and the contact records that are the user
    me: set[str] = field(default_factory=set)
    known_me: set[str] = field(default_factory=set)
    myself: set[int] = field(default_factory=set)
    merge_similar: bool = False
    # On a team journal: contact row → the other members keeping a person with one of
    # its identifiers (which this login cannot see), and whether to add it anyway.
    kept_elsewhere: dict[int, list[KeptElsewhere]] = field(default_factory=dict)
    add_anyway: bool = False


def _place_order(place: str) -> tuple[int, ...]:
    return tuple(int(n) for n in re.findall(r"\d+", place)[:1]) or (0,)


def match(parsed: ParsedFile, me: set[str], known_me: set[str] | None = None) -> Matches:
    """What the records of ``parsed`` are in the journal; ``me`` are the user's own
    addresses (casefolded), which are never a person; ``known_me`` those of them the
    journal already has (the rest are being added by this import)."""
    items: list[tuple[str, object]] = (
        [(PERSON, replace(r, name=cut_name(r.name))) for r in parsed.contacts]
        + [(MEETING, r) for r in parsed.meetings]
        + [(ENTRY, r) for r in parsed.entries]
    )
    kind_of_skip = ENTRY if parsed.format == "jrnl" else MEETING if parsed.meetings else PERSON
    if parsed.format == "icalendar":
        kind_of_skip = MEETING
    items += [(kind_of_skip, s) for s in parsed.skipped]
    items.sort(key=lambda item: _place_order(item[1].place))
    state = Matches(parsed, items, me=me, known_me=set(me if known_me is None else known_me))
    if parsed.contacts:
        match_people(state, me)
        recall(state)
        kept_elsewhere(state)
    if parsed.meetings:
        match_meetings(state)
    if parsed.entries:
        match_entries(state)
    return state


# ---- meetings -----------------------------------------------------------------------------


def match_meetings(state: Matches) -> None:
    by_email: dict[str, int] = {}
    by_name: dict[str, list[int]] = defaultdict(list)
    has_email: set[int] = set()
    for person in live_people():
        for email in person.emails or []:
            by_email.setdefault(email.casefold(), person.id)
            has_email.add(person.id)
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
            if attendee.email.casefold() in state.me:
                continue  # the user is not their own contact
            found = by_email.get(attendee.email.casefold()) if attendee.email else None
            if found is None and attendee.name:
                # A name alone says who it is only when it is unique, and no two
                # different addresses say otherwise.
                same_name = by_name.get(name_key(attendee.name), [])
                if len(same_name) == 1 and not (attendee.email and same_name[0] in has_email):
                    found = same_name[0]
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
