"""Writing an import plan: people, meetings and reflections, in bulk where there are many."""

from __future__ import annotations

import datetime as dt
import uuid
from collections import defaultdict
from pathlib import Path

from peewee import chunked

from winwin_desktop.journal import team
from winwin_desktop.journal.importing.base import CHUNK, PERSON, ImportResult, uid_for
from winwin_desktop.journal.importing.matching import Draft
from winwin_desktop.journal.importing.plan import ImportPlan, Writes
from winwin_desktop.journal.importing.remembered import remember
from winwin_desktop.journal.my_addresses import add_my_addresses
from winwin_desktop.journal.validate import cut_name
from winwin_desktop.store import history, recording
from winwin_desktop.store.bulk import insert_dicts
from winwin_desktop.store.models import (
    Interaction,
    Mention,
    Participant,
    Person,
    PersonTag,
    Reflection,
    Tag,
    live,
)

# ---- writing ------------------------------------------------------------------------------


def write(plan: ImportPlan) -> ImportResult:
    """Write what the plan accepts, in one transaction and one undo step."""
    writes = plan._writes
    result = ImportResult()
    if writes is None or writes.empty:
        return result
    with recording(f"Import {Path(plan.file).name}"):
        if writes.my_addresses:
            add_my_addresses(writes.my_addresses)
        new_uids: dict[int, str] = {}
        person_ids = write_people(writes, result, new_uids)
        write_meetings(writes, person_ids, result)
        write_entries(writes, result)
        _remember_answers(plan, new_uids)
        if writes.share_requests:
            team.ask_to_share(writes.share_requests)
            result.shares_asked = len(writes.share_requests)
    return result


def _remember_answers(plan: ImportPlan, new_uids: dict[int, str]) -> None:
    """Keep the user's answers to "maybe the same", by the uid of the person on the
    other side (one already in the journal, or one this import adds)."""
    answers = plan._writes.answers
    if not answers:
        return
    wanted = [n for _, _, others in answers for kind, n in others if kind == PERSON]
    uids = {}
    for chunk in chunked(wanted, CHUNK):
        uids.update(Person.select(Person.id, Person.uid).where(Person.id.in_(chunk)).tuples())
    remember(
        [
            (plan._state.items[index][1], uids[n] if kind == PERSON else new_uids[n], answer)
            for index, answer, others in answers
            for kind, n in others
        ]
    )


def write_people(
    writes: Writes, result: ImportResult, new_uids: dict[int, str] | None = None
) -> dict[str, int]:
    """Create and update the people; returns the new attendees' ids by their key, and
    fills ``new_uids`` with the uid of each new person by their row in the file.

    New people, their tags and tag links go in with bulk inserts: 10,000 contacts must not
    take 10,000 round trips through the model layer."""
    tags = {t.name.casefold(): t for t in Tag.select()}
    taken = {row.uid for row in Person.select(Person.uid)}
    rows, wanted_tags = [], []
    for index, draft in writes.new_people.items():
        uid = uid_for(draft.source_key) if draft.source_key else ""
        if not uid or uid in taken:
            uid = str(uuid.uuid4())
        taken.add(uid)
        if new_uids is not None:
            new_uids[index] = uid
        rows.append({**_person_fields(draft), "uid": uid})
        wanted_tags.append(draft.tags)
    for attendee in writes.new_attendees.values():
        name = attendee.name or attendee.email  # a guessed local part would be a wrong name
        uid = str(uuid.uuid4())
        emails = [attendee.email] if attendee.email else []
        rows.append({**_person_fields(Draft(name=name, emails=emails)), "uid": uid})
        wanted_tags.append([])
    ids = insert(Person, rows)
    result.people_added += len(rows)
    links = []
    for row, names in zip(rows, wanted_tags, strict=True):
        seen = set()
        for name in names:
            if name.casefold() not in seen:
                seen.add(name.casefold())
                links.append((ids[row["uid"]], _tag(name, tags)))
    insert(
        PersonTag,
        [{"person": person, "tag": tag, "uid": str(uuid.uuid4())} for person, tag in links],
    )
    for person_id, draft in writes.changed_people.items():
        person = Person.get_by_id(person_id)
        before = [
            t.name
            for t in Tag.select(Tag.name)
            .join(PersonTag)
            .where((PersonTag.person == person_id) & live(PersonTag))
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


def _person_fields(draft: Draft) -> dict:
    return {
        "name": cut_name(draft.name),
        "organisation": draft.organisation,
        "role": draft.role,
        "emails": draft.emails,
        "phones": draft.phones,
        "links": draft.links,
        "notes": draft.notes,
        "how_met": draft.how_met,
        "met_on": draft.met_on,
        "photo": draft.photo,
        "structured_name": draft.structured_name,
        "birthday": draft.birthday,
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


def write_meetings(writes: Writes, new_ids: dict[str, int], result: ImportResult) -> None:
    kinds = writes.kinds or ["meeting"]
    for record, ids, strangers in writes.meetings:
        kind = (
            record.kind if record.kind in kinds else ("meeting" if "meeting" in kinds else kinds[0])
        )
        interaction = Interaction(
            uid=uid_for(record.source_key),
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


def write_entries(writes: Writes, result: ImportResult) -> None:
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
    inserted = insert(Reflection, new_rows)
    day_ids.update({row["day"]: inserted[row["uid"]] for row in new_rows})
    present = defaultdict(set)
    wanted_reflections = [day_ids[day] for day in mentions if mentions[day]]
    for chunk in chunked(wanted_reflections, CHUNK):
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
    insert(Mention, new_mentions)


def insert(model, rows: list[dict]) -> dict[str, int]:
    """Insert ``rows`` (each with its ``uid``) in chunks, and let the undo history know of
    each new row; returns uid → id."""
    if not rows:
        return {}
    now = dt.datetime.now(dt.UTC).replace(tzinfo=None)
    for row in rows:
        row.setdefault("created_at", now)
        row.setdefault("updated_at", now)
    insert_dicts(model, rows)
    ids = {}
    uids = [row["uid"] for row in rows]
    for chunk in chunked(uids, CHUNK * 2):
        query = model.select(model.id, model.uid).where(model.uid.in_(chunk))
        for found in query.tuples():
            history.after_write(model(__no_default__=True, id=found[0]))
            ids[found[1]] = found[0]
    return ids
