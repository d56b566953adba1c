"""People: add, edit, archive, delete to the trash, restore; and their totals."""

from __future__ import annotations

import contextlib
import datetime as dt
from collections import defaultdict
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any

from peewee import JOIN, ModelSelect, fn

from winwin_desktop.analytics import PersonBalance, StatusRules
from winwin_desktop.journal import balance
from winwin_desktop.journal.errors import ChangedMeanwhile, NotFound
from winwin_desktop.journal.validate import (
    clean_cadence,
    clean_list,
    clean_name,
    parse_optional_date,
)
from winwin_desktop.store import aggregates, recording
from winwin_desktop.store.connection import is_server
from winwin_desktop.store.history import CHANGER, changed_sentence
from winwin_desktop.store.models import (
    Exchange,
    Interaction,
    Participant,
    Person,
    PersonTag,
    Reflection,
    Tag,
    database,
    live,
    utc_now,
)
from winwin_desktop.store.together import run_together


@dataclass(frozen=True)
class PersonData:
    """Everything the profile shows about one person."""

    id: int
    uid: str
    name: str
    organisation: str = ""
    role: str = ""
    emails: list[str] = field(default_factory=list)
    phones: list[str] = field(default_factory=list)
    links: list[str] = field(default_factory=list)
    how_met: str = ""
    met_on: dt.date | None = None
    introduced_by_id: int | None = None
    introduced_by_name: str = ""
    tags: list[str] = field(default_factory=list)
    notes: str = ""
    talking_points: str = ""
    cadence_days: int | None = None
    archived: bool = False
    deleted: bool = False


@dataclass(frozen=True)
class PersonSummary:
    """One line of the people list: who, and where the relationship stands."""

    id: int
    name: str
    organisation: str
    role: str
    tags: list[str]
    given: int
    received: int
    interactions: int
    last_contact: dt.date | None
    archived: bool

    @property
    def balance(self) -> int:
        """Points given minus points received: positive when I have given more."""
        return self.given - self.received


EDITABLE = {
    "name",
    "organisation",
    "role",
    "emails",
    "phones",
    "links",
    "how_met",
    "met_on",
    "introduced_by_id",
    "tags",
    "notes",
    "talking_points",
    "cadence_days",
}


def add_person(name: str, **details) -> PersonData:
    """Add a person; ``details`` are any of the editable fields but the name."""
    with recording(f"Add {clean_name(name)}"):
        person = Person(name=clean_name(name))
        _apply_details(person, details)
        person.save()
        _set_tags(person, details.get("tags", ()))
    return get_person(person.id)


def edit_person(person_id: int, loaded: Mapping[str, Any] | None = None, **changes) -> PersonData:
    """Change some of a person's fields; fields not named stay as they are.

    ``loaded`` holds fields as the user loaded them to edit (as :class:`PersonData` has
    them): if one is stored differently by now — someone else changed it since — the edit
    is refused with :class:`ChangedMeanwhile` (who and when), and nothing is written."""
    name = live_person(person_id).name
    with recording(f"Edit {name}"):
        person = live_person_to_write(person_id)
        if loaded:
            _refuse_if_changed_since(person, loaded)
        if "name" in changes:
            old_name, person.name = person.name, clean_name(changes["name"])
            # Here: the reflections' module (and search's, which it uses) is not needed to
            # list the people at start.
            from winwin_desktop.journal.reflections import rename_mentions

            rename_mentions(person.id, old_name, person.name)
        _apply_details(person, changes)
        person.save()
        if "tags" in changes:
            _set_tags(person, changes["tags"])
    return get_person(person_id)


def set_archived(person_id: int, archived: bool) -> PersonData:
    person = live_person(person_id)
    with recording(f"{'Archive' if archived else 'Unarchive'} {person.name}"):
        person.archived = archived
        person.save()
    return get_person(person_id)


def delete_person(person_id: int) -> None:
    """Move a person to the trash; their interactions stay for the other participants."""
    person = live_person(person_id)
    with recording(f"Delete {person.name}"):
        person.deleted_at = utc_now()
        person.save()


def restore_person(person_id: int) -> PersonData:
    person = Person.get_or_none(Person.id == person_id)
    if person is None:
        raise NotFound("person", "That person no longer exists.")
    with recording(f"Restore {person.name}"):
        person.deleted_at = None
        person.save()
    return get_person(person_id)


def get_person(person_id: int) -> PersonData:
    """The person ``person_id``, in the trash or not (on a server in one round trip)."""
    found, tags = run_together([person_query(person_id), tags_query([person_id])])
    return person_data(found, tags)


def person_query(person_id: int) -> ModelSelect:
    """The query of the person ``person_id`` (in the trash or not) with every column and
    their introducer's name, in one row; :func:`person_data` reads it."""
    introducer = Person.alias()
    return (
        Person.select(Person, introducer.name.alias("introducer_name"))
        .join(introducer, JOIN.LEFT_OUTER, on=(Person.introduced_by == introducer.id))
        .where(Person.id == person_id)
        .objects()
    )


def person_data(found: list[Person], tag_rows: list[tuple[int, str]]) -> PersonData:
    """The person of the rows of :func:`person_query` and :func:`tags_query`; NotFound
    when there is none."""
    if not found:
        raise NotFound("person", "That person no longer exists.")
    person = found[0]
    return PersonData(
        id=person.id,
        uid=person.uid,
        name=person.name,
        organisation=person.organisation,
        role=person.role,
        emails=list(person.emails or []),
        phones=list(person.phones or []),
        links=list(person.links or []),
        how_met=person.how_met,
        met_on=person.met_on,
        introduced_by_id=person.introduced_by_id,
        introduced_by_name=person.introducer_name or "",
        tags=[name for _, name in tag_rows],
        notes=person.notes,
        talking_points=person.talking_points,
        cadence_days=person.cadence_days,
        archived=person.archived,
        deleted=person.deleted_at is not None,
    )


def find_person(name: str) -> PersonData | None:
    """The live person with exactly this name, ignoring case and extra spaces."""
    wanted = " ".join(name.split()).casefold()
    for person in Person.live():
        if person.name.casefold() == wanted:
            return get_person(person.id)
    return None


def journal_is_empty() -> bool:
    """Nobody in the journal and nothing written: a first run, for the welcome page."""
    return not Person.live(Person.id).exists() and not Reflection.live(Reflection.id).exists()


def people_names() -> list[tuple[int, str]]:
    """(id, name) of every live person, for completion."""
    query = Person.live(Person.id, Person.name).order_by(fn.lower(Person.name))
    return [(p.id, p.name) for p in query]


def people_summaries(include_archived: bool = True) -> list[PersonSummary]:
    """Every live person with their totals, in three grouped queries whatever the size."""
    return summaries_for(_live_people(include_archived))


def people_without_totals(with_tags: bool = True) -> list[PersonSummary]:
    """Every live person as the list names them (name, organisation, role, tags unless
    not ``with_tags``, archived), in milliseconds: the window paints these before their
    totals are read. Their totals are 0 here, not read: never to be shown as scores."""
    tags = aggregates.tag_names(database.obj) if with_tags else {}
    return [
        _summary(pid, name, organisation, role, tags.get(pid, []), 0, 0, 0, None, archived)
        for pid, name, organisation, role, archived in aggregates.people_rows(database.obj)
    ]


_new_summary = object.__new__


def _summary(
    pid: int,
    name: str,
    organisation: str,
    role: str,
    tags: list[str],
    given: int,
    received: int,
    interactions: int,
    last_contact: dt.date | None,
    archived: bool,
) -> PersonSummary:
    """``PersonSummary(...)`` for the People list's ten thousand rows, made without the
    frozen dataclass's ``__init__`` (an ``object.__setattr__`` per field: 15 ms of the
    first paint on the reference journal); the same object, equal to one made the usual
    way."""
    person = _new_summary(PersonSummary)
    person.__dict__.update(
        id=pid,
        name=name,
        organisation=organisation,
        role=role,
        tags=tags,
        given=given,
        received=received,
        interactions=interactions,
        last_contact=last_contact,
        archived=archived,
    )
    return person


# The people list being read ahead (see people_list_read_ahead), for the next call only.
_ahead: dict[str, object] = {}


@contextlib.contextmanager
def people_list_read_ahead() -> Iterator[None]:
    """Inside this block, the first :func:`people_list` call answers from a read started
    on entering it, on a thread of its own: the start, once the window has painted, lays
    out the person meanwhile, and SQLite reads on the other core. A read left unused is dropped on leaving the block,
    so no later call can get an answer older than its own writes."""
    day = _ahead["today"] = dt.date.today()
    if aggregates.reads_beside(database.obj):
        # Only the two long scans run on the thread: SQLite lets the caller's thread
        # run while it scans (the window lays out the person meanwhile), where Python
        # making ten thousand summaries there would hold the interpreter. Those are
        # made on asking.
        scans = aggregates.in_background(lambda db: _totals_scans(db, day), database.obj)
        _ahead["answer"] = lambda: _read_people_list(day, scans())
    else:
        _ahead["answer"] = aggregates.in_background(
            lambda _db: _read_people_list(None), database.obj
        )
    try:
        yield
    finally:
        _ahead.clear()


def people_list(
    today: dt.date | None = None,
) -> tuple[list[PersonSummary], dict[int, PersonBalance]]:
    """The people list: every live person's summary and their status table (as
    :func:`people_summaries` and ``balance.status_table`` give them).

    The two long reads of a large journal run side by side: the interactions of
    everyone on a thread of their own, the exchanges here (whose totals serve both)."""
    summaries, balances, _ = people_list_and_rules(today)
    return summaries, balances


def people_list_and_rules(
    today: dt.date | None = None,
) -> tuple[list[PersonSummary], dict[int, PersonBalance], StatusRules]:
    """:func:`people_list` and the status rules it was judged by (read with it: no round
    trip of their own to a server)."""
    ahead, day = _ahead.pop("answer", None), _ahead.pop("today", None)
    if ahead is not None and (today or dt.date.today()) == day:
        return ahead()
    return _read_people_list(today)


def _totals_scans(db, today: dt.date) -> tuple[list, dict, dict]:
    """The People list's long reads, as rows: the stored status rules, the exchanges'
    totals over the review window they give, and each person's interactions."""
    stored = list(balance.rule_settings().tuples())
    rules = balance.status_rules(stored=dict(stored))
    counts = aggregates.window_totals(db, balance.window_first_day(today, rules), today)
    return stored, counts, aggregates.contact_totals(db)


def _read_people_list(
    today: dt.date | None, scans: tuple[list, dict, dict] | None = None
) -> tuple[list[PersonSummary], dict[int, PersonBalance], StatusRules]:
    # Ten thousand rows a start: read as tuples, past the model layer; on a server in
    # two round trips (these, then the totals over the window the settings give).
    # ``scans``: what :func:`_totals_scans` read ahead, for ``today``.
    counts = None
    if scans is None:
        rows, tags, contacts, (stored,) = aggregates.people_list_reads(
            database.obj, [balance.rule_settings()]
        )
        contacts = contacts()
    else:
        stored, counts, contacts = scans
        rows, tags = aggregates.people_rows(database.obj), aggregates.tag_names(database.obj)
    rules = balance.status_rules(stored=dict(stored))
    balances = balance.status_table(
        today, person_ids=[row[0] for row in rows], rules=rules, counts=counts
    )
    contacted = dated_contacts(contacts)
    never = (0, None)
    summaries = [
        _summary(
            pid,
            name,
            organisation,
            role,
            tags.get(pid, []),
            balances[pid].given_total,
            balances[pid].received_total,
            *contacted.get(pid, never),
            archived,
        )
        for pid, name, organisation, role, archived in rows
    ]
    return summaries, balances, rules


def _live_people(include_archived: bool):
    people = Person.live()
    if not include_archived:
        people = people.where(Person.archived == False)  # noqa: E712 (peewee expression)
    return people


def summaries_for(
    people,
    points: dict[tuple[int, str], int] | None = None,
    contacts: dict[int, tuple[int, dt.date | None]] | None = None,
) -> list[PersonSummary]:
    """Summaries of ``people`` (a query); ``points`` and ``contacts`` when the caller has
    added them up already."""
    # Only the listed columns: notes and the rest would cost more than the totals.
    people = list(
        people.select(Person.id, Person.name, Person.organisation, Person.role, Person.archived)
        .order_by(fn.lower(Person.name))
        .namedtuples()
    )
    ids = [p.id for p in people]
    points = _points_by_person(ids) if points is None else points
    contacts = _contacts_by_person(ids) if contacts is None else contacts
    tags = _tags_of(ids)
    return [
        PersonSummary(
            id=p.id,
            name=p.name,
            organisation=p.organisation,
            role=p.role,
            tags=tags.get(p.id, []),
            given=points.get((p.id, Exchange.GIVEN), 0),
            received=points.get((p.id, Exchange.RECEIVED), 0),
            interactions=contacts.get(p.id, (0, None))[0],
            last_contact=contacts.get(p.id, (0, None))[1],
            archived=p.archived,
        )
        for p in people
    ]


def person_summary(person_id: int) -> PersonSummary:
    rows = summaries_for(Person.select().where(Person.id == person_id))
    if not rows:
        raise NotFound("person", "That person no longer exists.")
    return rows[0]


def all_tags() -> list[str]:
    return [t.name for t in Tag.live().order_by(Tag.name)]


def live_person(person_id: int) -> Person:
    """The person ``person_id``, not in the trash; NotFound otherwise."""
    person = Person.get_or_none((Person.id == person_id) & live(Person))
    if person is None:
        raise NotFound("person", "That person is not in the journal (they may be in the trash).")
    return person


def live_person_to_write(person_id: int) -> Person:
    """The live person, read in the save's transaction; on a server the row stays locked
    until it ends (a file's save holds the write lock already)."""
    query = Person.select().where((Person.id == person_id) & live(Person))
    person = (query.for_update() if is_server() else query).get_or_none()
    if person is None:
        raise NotFound("person", "That person is not in the journal (they may be in the trash).")
    return person


def _refuse_if_changed_since(person: Person, loaded: Mapping[str, Any]) -> None:
    for field_name, value in loaded.items():
        if field_name == "tags":
            stored = [name for pid, name in tags_query([person.id]) if pid == person.id]
        elif field_name in ("emails", "phones", "links"):
            stored = list(getattr(person, field_name) or [])
        else:
            stored = getattr(person, field_name)
        if stored != value:
            raise changed_meanwhile(person)


def changed_meanwhile(person: Person) -> ChangedMeanwhile:
    """The refusal of a save over ``person``'s row (as read in the save): who changed it
    last, and when."""
    row = {"updated_at": person.updated_at, CHANGER: person.changed_by_id}
    return ChangedMeanwhile(changed_sentence(f"“{person.name}”", "saved", row))


def _apply_details(person: Person, details: dict) -> None:
    unknown = set(details) - EDITABLE
    if unknown:
        raise TypeError(f"unknown person fields: {sorted(unknown)}")
    for text_field in ("organisation", "role", "how_met", "notes", "talking_points"):
        if text_field in details:
            setattr(person, text_field, (details[text_field] or "").strip())
    for list_field in ("emails", "phones", "links"):
        if list_field in details:
            setattr(person, list_field, clean_list(details[list_field]))
    if "met_on" in details:
        person.met_on = parse_optional_date(details["met_on"], "met_on")
    if "cadence_days" in details:
        person.cadence_days = clean_cadence(details["cadence_days"])
    if "introduced_by_id" in details:
        introducer = details["introduced_by_id"]
        if introducer is not None:
            if introducer == person.id:
                introducer = None
            else:
                introducer = live_person(introducer).id
        person.introduced_by = introducer


def _set_tags(person: Person, names) -> None:
    wanted = clean_list(names)
    current = {
        pt.tag.name: pt
        for pt in PersonTag.select(PersonTag, Tag).join(Tag).where(PersonTag.person == person)
    }
    for name, link in current.items():
        if name not in wanted:
            link.delete_instance()
    for name in wanted:
        if name not in current:
            tag = Tag.get_or_none(Tag.name == name) or Tag(name=name)
            if tag.id is None or tag.deleted_at is not None:
                tag.deleted_at = None
                tag.save()
            PersonTag(person=person, tag=tag).save()


def _tags_of(ids: list[int]) -> dict[int, list[str]]:
    result: dict[int, list[str]] = defaultdict(list)
    wanted = set(ids)
    for person_id, name in tags_query(ids):
        if person_id in wanted:
            result[person_id].append(name)
    return result


def tags_query(ids: list[int]) -> ModelSelect:
    """The query of the live tags of ``ids`` (and maybe others'), as (person id, tag name)
    rows by name."""
    query = (
        PersonTag.select(PersonTag.person, Tag.name)
        .join(Tag)
        .where(live(Tag))
        .order_by(Tag.name)
        .tuples()
    )
    if len(ids) < 500:
        query = query.where(PersonTag.person.in_(ids))
    return query


def _points_by_person(ids: list[int]) -> dict[tuple[int, str], int]:
    # Most of the journal: one scan of the totals index; a few people: its ranges.
    return _by_direction(aggregates.point_totals(database.obj, ids if len(ids) < 500 else None))


def _by_direction(totals: dict[int, tuple[int, int]]) -> dict[tuple[int, str], int]:
    return {
        (person, direction): total
        for person, pair in totals.items()
        for direction, total in zip((Exchange.GIVEN, Exchange.RECEIVED), pair, strict=True)
    }


def _contacts_by_person(ids: list[int]) -> dict[int, tuple[int, dt.date | None]]:
    if len(ids) >= 500:
        return dated_contacts(aggregates.contact_totals(database.obj))
    return contacts_of(contacts_query(ids))


def contacts_query(ids: list[int]) -> ModelSelect:
    """The query of (person, live interactions, the last one's date) of each of ``ids``
    who took part in any; :func:`contacts_of` reads it."""
    return (
        Participant.select(Participant.person, fn.COUNT(Interaction.id), fn.MAX(Interaction.date))
        .join(Interaction, JOIN.INNER)
        .where(live(Participant, Interaction) & Participant.person.in_(ids))
        .group_by(Participant.person)
        .tuples()
    )


def contacts_of(rows) -> dict[int, tuple[int, dt.date | None]]:
    return {person: (count, _as_date(last)) for person, count, last in rows}


def dated_contacts(
    contacts: dict[int, tuple[int, str]],
) -> dict[int, tuple[int, dt.date | None]]:
    """(live interactions, the last one's date) per person, from ``aggregates``' totals."""
    return {person: (count, _as_date(last)) for person, (count, last) in contacts.items()}


def _as_date(value) -> dt.date | None:
    if value is None or isinstance(value, dt.date):
        return value
    return dt.date.fromisoformat(str(value)[:10])


def tag_cadences() -> dict[str, int | None]:
    """Every tag with its keep-in-touch cadence in days (None: no default)."""
    return {t.name: t.cadence_days for t in Tag.live().order_by(Tag.name)}


def set_tag_cadence(name: str, days: int | str | None) -> None:
    tag = Tag.get_or_none((Tag.name == name) & live(Tag))
    if tag is None:
        raise NotFound("tag", f"There is no tag “{name}”.")
    cadence = clean_cadence(days)
    if tag.cadence_days != cadence:
        with recording(f"Cadence of tag {name}"):
            tag.cadence_days = cadence
            tag.save()


def ids_with_tag(name: str) -> set[int]:
    """The live people carrying the tag ``name``."""
    query = (
        PersonTag.select(PersonTag.person)
        .join(Tag)
        .switch(PersonTag)
        .join(Person)
        .where((Tag.name == name) & live(Tag, Person))
        .tuples()
    )
    return {person_id for (person_id,) in query}
