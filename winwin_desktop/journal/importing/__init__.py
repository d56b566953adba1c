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

The package's modules: ``base`` (statuses, decisions, the preview's rows, the result),
``matching`` (who each record already is), ``plan`` (the plan and its rows, decision by
decision), ``writing`` (one atomic write) and ``winwin_json`` (WinWin's own export).
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from winwin_desktop.formats.detect import read_file
from winwin_desktop.formats.records import ImportFormatError, ParsedFile
from winwin_desktop.journal.importing import winwin_json
from winwin_desktop.journal.importing.base import (
    ADD,
    ASK,
    DECISION_LABELS,
    DUPLICATE,
    ENTRY,
    KEEP_BOTH,
    KEPT,
    MEETING,
    MERGE,
    NEW,
    PERSON,
    SIMILAR,
    SKIP,
    SKIPPED,
    STATUS_LABELS,
    STATUSES,
    UNCHANGED,
    UPDATED,
    WINWIN_JSON,
    ImportResult,
    PreviewRow,
    UnknownAttendee,
)
from winwin_desktop.journal.importing.matching import match
from winwin_desktop.journal.importing.plan import ImportPlan
from winwin_desktop.journal.importing.writing import write
from winwin_desktop.journal.my_addresses import folded

__all__ = [
    "ADD",
    "ASK",
    "DECISION_LABELS",
    "DUPLICATE",
    "ENTRY",
    "KEEP_BOTH",
    "KEPT",
    "MEETING",
    "MERGE",
    "NEW",
    "PERSON",
    "SIMILAR",
    "SKIP",
    "SKIPPED",
    "STATUS_LABELS",
    "STATUSES",
    "UNCHANGED",
    "UPDATED",
    "ImportPlan",
    "ImportResult",
    "PreviewRow",
    "UnknownAttendee",
    "apply",
    "import_file",
    "preview",
    "read_path",
]


def preview(
    parsed: ParsedFile,
    add_unknown: bool = False,
    decisions: dict[int, str] | None = None,
    merge_similar: bool = False,
    add_anyway: bool = False,
) -> ImportPlan:
    """What importing ``parsed`` would do. Reads the journal, writes nothing.

    ``merge_similar`` merges every "maybe the same" record into whom it may be (the
    default adds each as a new person). On a team journal, a contact another member
    keeps (a person this login cannot see) is not added and that member is asked to
    share them, unless ``add_anyway``."""
    if parsed.format == WINWIN_JSON:
        return winwin_json.preview(parsed)
    me = folded()
    state = match(parsed, me)
    state.decisions.update(decisions or {})
    state.merge_similar = merge_similar
    state.add_anyway = add_anyway
    plan = ImportPlan(parsed, [], _state=state)
    plan.me_offered = [a for a in parsed.owner_addresses if a.casefold() not in me]
    plan.unknown_attendees = state.unknown_attendees
    plan.added_attendees = {a.key for a in state.unknown_attendees} if add_unknown else set()
    plan._resolve()
    return plan


def apply(plan: ImportPlan) -> ImportResult:
    """Write what the plan accepts, in one transaction and one undo step."""
    if plan.format == WINWIN_JSON:
        return winwin_json.apply(plan)
    return write(plan)


def read_path(
    path: str | Path,
    format: str | None = None,
    mapping: dict[str, str] | None = None,
    now: dt.datetime | None = None,
    tz: dt.tzinfo | None = None,
    since: dt.date | None = None,
) -> ParsedFile:
    """Read a file from disk; :class:`ImportFormatError` for one that cannot be read.
    ``since`` is the first day of a calendar's meetings to import (default: a year ago)."""
    path = Path(path)
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise ImportFormatError(
            path.name, "", f"it cannot be opened ({exc.strerror or exc}); check the path."
        ) from None
    return read_file(data, path.name, format, mapping, now=now, tz=tz, since=since)


def import_file(
    path: str | Path,
    format: str | None = None,
    mapping: dict[str, str] | None = None,
    add_unknown: bool = False,
    dry_run: bool = False,
    merge_similar: bool = False,
    since: dt.date | None = None,
    add_anyway: bool = False,
) -> tuple[ImportPlan, ImportResult | None]:
    """Read, preview and (unless ``dry_run``) apply, with every default decision."""
    parsed = read_path(path, format, mapping, since=since)
    plan = preview(
        parsed, add_unknown=add_unknown, merge_similar=merge_similar, add_anyway=add_anyway
    )
    return plan, None if dry_run else apply(plan)
