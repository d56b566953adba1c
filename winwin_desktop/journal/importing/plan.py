"""The plan of an import: what each record does, given what matching found and the
user's decisions, and what will then be written."""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from winwin_desktop.formats.records import (
    Attendee,
    ContactRecord,
    EntryRecord,
    MeetingRecord,
    ParsedFile,
    Skipped,
)
from winwin_desktop.journal.importing.base import (
    ADD,
    ASK,
    DUPLICATE,
    ENTRY,
    KEEP_BOTH,
    KEPT,
    MEETING,
    MERGE,
    NEW,
    PERSON,
    SKIP,
    SKIPPED,
    STATUS_LABELS,
    STATUSES,
    UNCHANGED,
    UPDATED,
    PreviewRow,
    UnknownAttendee,
)
from winwin_desktop.journal.importing.matching import Matches, match
from winwin_desktop.journal.importing.people import (
    IDENTIFIER_WORDS,
    Draft,
    KeptElsewhere,
    Match,
)
from winwin_desktop.text import listing, plural


@dataclass
class ImportPlan:
    """What importing ``parsed`` does, record by record; change a decision with
    :meth:`decide` or the unknown attendees to add with :meth:`add_attendees`."""

    parsed: ParsedFile
    rows: list[PreviewRow]
    unknown_attendees: list[UnknownAttendee] = field(default_factory=list)
    added_attendees: set[str] = field(default_factory=set)
    # The calendar owner's addresses, offered as the user's own; those accepted.
    me_offered: list[str] = field(default_factory=list)
    me_accepted: set[str] = field(default_factory=set)
    _state: Matches | None = field(default=None, repr=False)
    _writes: Writes | None = field(default=None, repr=False)
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
        total = plural(len(self.rows), "record")
        text = f"{total}: {', '.join(parts)}" if parts else f"{total}"
        if self.parsed.older_left_out:
            text += (
                f" ({plural(self.parsed.older_left_out, 'earlier occurrence')} of repeating "
                f"meetings, before {self.parsed.since.isoformat()}, left out)"
            )
        return text

    @property
    def landing(self) -> dict[int, tuple[str, int] | None]:
        """For each contact row: the person it merges into ("person", id), the new
        person it becomes or joins ("record", first row), or None (skipped)."""
        return dict(self._writes.lands_in) if self._writes else {}

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

    def count_as_me(self, addresses: Iterable[str]) -> None:
        """Take these offered addresses as the user's own: they attend no meeting as a
        person, and the import adds them to My addresses."""
        self.me_accepted = {a for a in addresses if a in self.me_offered}
        state = self._state
        me = state.me | {a.casefold() for a in self.me_accepted}
        fresh = match(self.parsed, me, state.known_me)
        fresh.decisions, fresh.merge_similar = state.decisions, state.merge_similar
        fresh.add_anyway = state.add_anyway
        self._state = fresh
        self.unknown_attendees = fresh.unknown_attendees
        self.added_attendees &= {a.key for a in fresh.unknown_attendees}
        self._resolve()

    def _resolve(self) -> None:
        self.rows, self._writes = resolve(self._state, self.added_attendees)
        self._writes.my_addresses = sorted(self.me_accepted)


# ---- the preview itself -------------------------------------------------------------------


@dataclass
class Writes:
    new_people: dict[int, Draft] = field(default_factory=dict)  # row index → draft
    changed_people: dict[int, Draft] = field(default_factory=dict)  # person id → draft
    new_attendees: dict[str, Attendee] = field(default_factory=dict)
    meetings: list[tuple[MeetingRecord, list[int], list[str]]] = field(default_factory=list)
    kinds: list[str] = field(default_factory=list)
    days: dict[dt.date, list[tuple[str, list[int]]]] = field(default_factory=dict)
    day_texts: dict[dt.date, str] = field(default_factory=dict)
    day_ids: dict[dt.date, int] = field(default_factory=dict)
    my_addresses: list[str] = field(default_factory=list)
    # The user's answers to "maybe the same": (row, merge or keep both, the people on
    # the other side: ("person", id) or ("record", row of a new person)), for next time.
    answers: list[tuple[int, str, list[tuple[str, int]]]] = field(default_factory=list)
    # contact row → ("person", id), ("record", row) of the new person it is, or None
    lands_in: dict[int, tuple[str, int] | None] = field(default_factory=dict)
    # Requests to share: (member keeping the person, kind, identifier as compared and as
    # written, contact's name).
    share_requests: list[tuple[int, str, str, str, str]] = field(default_factory=list)

    @property
    def empty(self) -> bool:
        return not (
            self.new_people or self.changed_people or self.meetings or self.days
            or self.my_addresses or self.answers or self.share_requests
        )  # fmt: skip


def resolve(state: Matches, added_attendees: set[str]) -> tuple[list[PreviewRow], Writes]:
    writes = Writes(kinds=state.kinds, day_texts=state.day_texts, day_ids=state.day_ids)
    drafts = {person_id: draft.copy() for person_id, draft in state.people.items()}
    originals = state.people
    lands_in = writes.lands_in  # contact row → where it went
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
    found = state.matches.get(index)
    target = None
    if index in state.myself:
        lands_in[index] = None
        shown = ", ".join(record.emails)
        return _row(index, record, SKIPPED, f"This is you ({shown} is one of your own addresses).")
    if found is not None:
        target = _landed(found.target, lands_in)
    # An answer to remember: the user's own, or --merge-similar's, not one by default.
    answered = index in state.decisions or state.merge_similar
    if target is None and index in state.kept_elsewhere:
        return _kept_row(state, index, record, decision, lands_in, writes)
    if target is None:
        decision = decision or ADD
        choices = (ADD, SKIP)
        if decision == SKIP:
            lands_in[index] = None
            return _row(index, record, SKIPPED, "You chose to skip it.", SKIP, choices)
        writes.new_people[index] = Draft.of_record(record)
        lands_in[index] = ("record", index)
        detail = (
            "A company card: added as a new entry under the company's name."
            if record.company_only
            else "Added as a new person."
        )
        return _row(index, record, NEW, detail, ADD, choices)
    if (
        found.maybe
        and not found.remembered
        and decision in (None, MERGE)
        and found.how != "similar"
        and not found.conflict
    ):
        # A question whose answer is already in the journal: the record adds nothing
        # to one of the people it may be (a file imported again).
        for candidate in found.candidates:
            if candidate[0] != PERSON:
                continue  # in this file, a question stays one (matching counts on it)
            where = _landed(candidate, lands_in)
            if where is not None and not _draft(where, drafts, writes).copy().merge(record):
                target = where
                decision = MERGE
                break
    draft = _draft(target, drafts, writes)
    other = draft.name
    if target[0] == "record":
        other += f" ({state.items[target[1]][1].place.split(' (')[0]} in this file)"
    if found.maybe:
        choices = (KEEP_BOTH, MERGE, SKIP)
        default = found.remembered or (MERGE if state.merge_similar else KEEP_BOTH)
        decision = decision or default
        why = _maybe_why(found, other)
        if answered and decision in (MERGE, KEEP_BOTH) and decision != found.remembered:
            # Added as new, it is none of the people it may have been.
            others = [_landed(c, lands_in) for c in found.candidates]
            others = [target] if decision == MERGE else [o for o in others if o]
            writes.answers.append((index, decision, others))
    else:
        choices = (MERGE, KEEP_BOTH, SKIP)
        decision = decision or MERGE
        what = IDENTIFIER_WORDS.get(found.how, "")
        why = {"source": f"Imported before as {other}", "name": f"Same name as {other}"}.get(
            found.how, f"Same {what} as {other}"
        )
    # A question answered on an earlier import is asked no more.
    asked = found.maybe and decision != found.remembered
    if found.maybe and not asked:
        why = (
            f"The same as {other}, as you said on an earlier import"
            if decision == MERGE
            else f"Not {other}, as you said on an earlier import"
        )
    status_if_kept = DUPLICATE if asked else NEW
    if decision == SKIP:
        lands_in[index] = None
        status = DUPLICATE if found.maybe else SKIPPED
        return _row(index, record, status, f"{why}; skipped, as you chose.", SKIP, choices, other)
    if decision == KEEP_BOTH:
        writes.new_people[index] = Draft.of_record(record)
        lands_in[index] = ("record", index)
        return _row(
            index, record, status_if_kept, f"{why}; added as a new person.",
            KEEP_BOTH, choices, other,
        )  # fmt: skip
    lands_in[index] = target
    changes = draft.merge(record)
    status = DUPLICATE if asked else UPDATED
    if not changes:
        status = UNCHANGED
        return _row(
            index, record, status, f"{why}; merged, nothing new to add.", MERGE, choices, other
        )
    return _row(
        index, record, status, f"{why}; merging adds {listing(changes)}.", MERGE, choices, other
    )


def _kept_row(state, index, record: ContactRecord, decision, lands_in, writes):
    """A contact another member keeps (as a person this login cannot see): by default
    not added, and that member is asked to share them; or added anyway, or skipped."""
    kept: list[KeptElsewhere] = state.kept_elsewhere[index]
    keepers = list({k.member.id: k.member for k in kept}.values())
    who = listing([m.name for m in keepers])
    said = (
        f"{who} already {'keeps' if len(keepers) == 1 else 'keep'} a person with {kept[0].written}"
    )
    choices = (ASK, KEEP_BOTH, SKIP)
    decision = decision or (KEEP_BOTH if state.add_anyway else ASK)
    if decision == SKIP:
        lands_in[index] = None
        return _row(index, record, SKIPPED, f"{said}; skipped, as you chose.", SKIP, choices, who)
    if decision == KEEP_BOTH:
        writes.new_people[index] = Draft.of_record(record)
        lands_in[index] = ("record", index)
        return _row(
            index, record, NEW, f"{said}; added anyway as your own new person, a duplicate.",
            KEEP_BOTH, choices, who,
        )  # fmt: skip
    lands_in[index] = None
    asked = set()
    for k in kept:
        if (k.member.id, k.kind, k.identifier) not in asked:
            asked.add((k.member.id, k.kind, k.identifier))
            writes.share_requests.append(
                (k.member.id, k.kind, k.identifier, k.written, record.name)
            )
    first_names = listing([m.name.split()[0] if m.name.split() else m.email for m in keepers])
    ask = f"{first_names} {'is' if len(keepers) == 1 else 'are'} asked to share them with you"
    return _row(
        index, record, KEPT, f"{said} — not added, to avoid a duplicate; {ask}.",
        ASK, choices, who,
    )  # fmt: skip


def _landed(target: tuple[str, int], lands_in) -> tuple[str, int] | None:
    """Where a match's target went: a person, or the record a file's record became."""
    return target if target[0] == PERSON else lands_in.get(target[1])


def _draft(target: tuple[str, int], drafts, writes) -> Draft:
    return drafts[target[1]] if target[0] == PERSON else writes.new_people[target[1]]


def _maybe_why(found: Match, other: str) -> str:
    """Why a record may be, but is not known to be, ``other``."""
    if found.how == "similar":
        return f"Maybe the same as {other} (the names are {found.score}% alike)"
    what = "name" if found.how == "name" else IDENTIFIER_WORDS[found.how]
    if found.others:
        return f"Maybe the same as {other}: {found.others} people have this {what}"
    return (
        f"Maybe the same as {other}: the same {what}, "
        f"but a different {IDENTIFIER_WORDS[found.conflict]}"
    )


def _row(index, record: ContactRecord, status, detail, decision=None, choices=(), match=""):
    return PreviewRow(
        index, record.place, PERSON, record.name, status, detail, decision, choices, match,
        record.organisation, record.role,
    )  # fmt: skip


def _meeting_row(state, index, record: MeetingRecord, decision, added, first_meeting, writes):
    label = f"{record.date.isoformat()} {record.title}".strip()
    # The label leads with the date: an occurrence's place ("event 5 (line 76),
    # 2025-05-05") says it once, not twice.
    place = record.place.removesuffix(f", {record.date.isoformat()}")
    choices = (ADD, SKIP)
    existing = state.meeting_state.get(index)
    if existing == "exists":
        return PreviewRow(index, place, MEETING, label, UNCHANGED, "Imported before.")
    if existing == "trash":
        return PreviewRow(
            index, place, MEETING, label, SKIPPED,
            "It was imported before and is now in the trash; restore it from there.",
        )  # fmt: skip
    if record.source_key in first_meeting:
        earlier = state.items[first_meeting[record.source_key]][1].place
        return PreviewRow(index, place, MEETING, label, UNCHANGED, f"The same event as {earlier}.")
    first_meeting[record.source_key] = index
    ids = state.participants[index]
    strangers = [key for key in state.unknown_of[index] if key in added]
    if not record.attendees:
        return PreviewRow(
            index, place, MEETING, label, SKIPPED,
            "Nobody else is in it (a holiday, a birthday or your own appointment), so it "
            "is nobody's meeting.",
        )  # fmt: skip
    if not ids and not strangers:
        who = ", ".join(str(a) for a in record.attendees[:3])
        return PreviewRow(
            index, place, MEETING, label, SKIPPED,
            f"None of its attendees ({who}) is in the journal; add them to import it.",
            SKIP, (),
        )  # fmt: skip
    decision = decision or ADD
    names = [state.person_names[i] for i in ids]
    attendees = {a.key: a for a in record.attendees}
    names += [f"{attendees[key]} (new)" for key in strangers]
    detail = f"With {', '.join(names)}."
    if record.note:
        detail += f" Note: {record.note}."
    if decision == SKIP:
        return PreviewRow(
            index, place, MEETING, label, SKIPPED, "You chose to skip it.", SKIP, choices
        )
    for key in strangers:
        writes.new_attendees.setdefault(key, attendees[key])
    writes.meetings.append((record, ids, strangers))
    return PreviewRow(index, place, MEETING, label, NEW, detail, ADD, choices)


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
