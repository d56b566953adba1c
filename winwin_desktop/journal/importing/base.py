"""The words of an import: what a row's status and decision are called, what the preview
says about each record, and what an import did."""

from __future__ import annotations

import uuid
from dataclasses import dataclass

from peewee import chunked

from winwin_desktop.formats.records import Attendee
from winwin_desktop.text import plural

NEW = "new"
UPDATED = "updated"
DUPLICATE = "duplicate"
UNCHANGED = "unchanged"
SKIPPED = "skipped"
# On a team journal: another member keeps this person (the importer cannot see them).
KEPT = "kept"
STATUSES = (NEW, UPDATED, DUPLICATE, KEPT, UNCHANGED, SKIPPED)
STATUS_LABELS = {
    NEW: "new",
    UPDATED: "updated",
    DUPLICATE: "maybe the same",
    KEPT: "kept by another member",
    UNCHANGED: "already in the journal",
    SKIPPED: "skipped",
}

ADD = "add"
MERGE = "merge"
KEEP_BOTH = "keep both"
SKIP = "skip"
ASK = "ask"  # ask the member who keeps them to share them
DECISION_LABELS = {
    ADD: "Import",
    MERGE: "Merge",
    KEEP_BOTH: "Add as new",
    SKIP: "Skip",
    ASK: "Ask to share",
}

PERSON, MEETING, ENTRY = "person", "meeting", "journal entry"
WINWIN_JSON = "winwin-json"

# Names at least this similar (rapidfuzz's token sort ratio, 0–100) may be one person.
SIMILAR = 88
# Derives a person's or an interaction's uid from the key its source gives it.
UID_NAMESPACE = uuid.UUID("6f1d3c2e-8a41-4b0e-9c55-2b7f0e7d9a10")
CHUNK = 400


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
    organisation: str = ""
    role: str = ""


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
    shares_asked: int = 0

    def summary(self) -> str:
        parts = []
        if self.people_added:
            parts.append(plural(self.people_added, "person", "people") + " added")
        if self.people_updated:
            parts.append(plural(self.people_updated, "person", "people") + " updated")
        if self.interactions_added:
            parts.append(plural(self.interactions_added, "interaction") + " added")
        if self.reflections_changed:
            parts.append(plural(self.reflections_changed, "day") + " of reflections written")
        if self.shares_asked:
            parts.append(plural(self.shares_asked, "request") + " to share left for another member")
        return ", ".join(parts).capitalize() + "." if parts else "Nothing needed importing."


def uid_for(source_key: str) -> str:
    return str(uuid.uuid5(UID_NAMESPACE, source_key))


def existing(model, uids: list[str]) -> dict[str, str]:
    """uid → "exists" (live) or "trash", for the uids already in ``model``'s table."""
    found = {}
    for chunk in chunked(uids, CHUNK):
        query = model.select(model.uid, model.deleted_at).where(model.uid.in_(chunk))
        for row in query:
            found[row.uid] = "trash" if row.deleted_at is not None else "exists"
    return found


# ---- words -------------------------------------------------------------------------------
