"""The user's answers to "maybe the same as …", kept in the journal so that importing the
same file again follows them instead of asking again.

A record is known by what stays the same from one export to the next: the key its source
gives it (a vCard's UID) and each of its emails, phone numbers and profile addresses —
or, with none of those, its name and organisation. The person on the other side is known
by their ``uid``, which never changes. An answer is "merge" (the record is that person)
or "keep both" (the record is somebody else); it is remembered with the import that gave
it, in the same transaction and undo step.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from winwin_desktop.journal.importing.base import KEEP_BOTH, MERGE, PERSON
from winwin_desktop.journal.importing.people import Identifiers, name_key
from winwin_desktop.journal.settings import get_setting, set_setting
from winwin_desktop.text import fold

if TYPE_CHECKING:
    from winwin_desktop.formats.records import ContactRecord
    from winwin_desktop.journal.importing.matching import Matches

KEY = "import_decisions"
ANSWERS = (MERGE, KEEP_BOTH)


def record_keys(record: ContactRecord) -> list[str]:
    """What identifies ``record`` from one import of its file to the next."""
    keys = [f"source:{record.source_key}"] if record.source_key else []
    identifiers = Identifiers.of(record.emails, record.phones, record.links)
    for kind, value in identifiers.each():
        keys.append(f"{kind}:{'/'.join(value) if isinstance(value, tuple) else value}")
    if not keys:
        keys.append(f"name:{name_key(record.name)}|{fold(record.organisation).strip()}")
    return keys


def _pair(person_uid: str, record_key: str) -> str:
    return f"{person_uid} {record_key}"


def recall(state: Matches) -> None:
    """Follow the user's earlier answers: a record merged into someone is theirs again;
    one kept apart from someone is no longer asked about them — and, kept apart from
    everyone it may be, it is somebody new again."""
    answers: dict[str, str] = get_setting(KEY)
    if not answers:
        return
    for index, found in state.matches.items():
        if not found.maybe:
            continue
        keys = record_keys(state.items[index][1])
        given = {c: _answer(answers, state.person_uids, c, keys) for c in found.candidates}
        merged = [c for c, said in given.items() if said == MERGE]
        open_ = [c for c, said in given.items() if said != KEEP_BOTH]
        if merged:
            found.target, found.remembered = merged[0], MERGE
        elif not open_:
            found.remembered = KEEP_BOTH
        elif len(open_) < len(found.candidates):
            found.candidates = open_
            if found.target not in open_:
                found.target = open_[0]


def _answer(answers, person_uids, candidate: tuple[str, int], keys: list[str]) -> str | None:
    uid = person_uids.get(candidate[1]) if candidate[0] == PERSON else None
    return next((answers[p] for k in keys if (p := _pair(uid, k)) in answers), None)


def remember(answers: list[tuple[ContactRecord, str, str]]) -> None:
    """Keep these answers: (record, the person's uid, merge or keep both)."""
    if not answers:
        return
    kept: dict[str, str] = get_setting(KEY)
    for record, person_uid, answer in answers:
        for key in record_keys(record):
            kept[_pair(person_uid, key)] = answer
    set_setting(KEY, kept)
