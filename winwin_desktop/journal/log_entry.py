"""Saving a log entry — the central action, the same from the window's log dialog and
from ``winwin log``: the people new to the journal, the interaction, the value
exchanged in it and the promises made, in one transaction and one undo step.

A save costs two round trips to a journal on a server, however many people, exchanges
and promises it holds: one batch of reads (the settings, the people named, and an edited
interaction with its rows), with the transaction's start, and one batch of writes each
returning the row as stored (which is the undo history's record and the result: nothing
is read back), with the commit. An edit's commit travels alone (a third round trip): its
UPDATEs are checked for finding their rows before it.

An edit is refused (:class:`ChangedMeanwhile`, nothing written) when what the user loaded
— the interaction, its people, exchanges and promises, as :class:`LoadedEntry` holds them —
was changed since by someone else: saving would overwrite their change. On a server each
update also writes only the row as read in the save (its ``updated_at``), so a change
landing between the save's reads and its writes is refused too; a file's save holds the
write lock from its start.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Sequence
from dataclasses import dataclass, field

from winwin_desktop.analytics.attention import PromiseInfo
from winwin_desktop.journal import interactions, promises, settings
from winwin_desktop.journal.errors import ChangedMeanwhile, NotFound, ValidationError
from winwin_desktop.journal.interactions import ExchangeData, InteractionData
from winwin_desktop.journal.people import PersonData
from winwin_desktop.journal.validate import clean_list, clean_name, parse_optional_date
from winwin_desktop.store import history, recording
from winwin_desktop.store.connection import is_server
from winwin_desktop.store.models import (
    Exchange,
    Interaction,
    Participant,
    Person,
    Promise,
    Setting,
    utc_now,
)
from winwin_desktop.store.together import id_of, run_together


@dataclass(frozen=True)
class NewPerson:
    """Someone to add to the journal with the entry; equal ones are added once."""

    name: str
    organisation: str = ""
    emails: tuple[str, ...] = ()


# A person already in the journal (their id), or one to add with the entry.
Who = int | NewPerson


@dataclass(frozen=True)
class EntryExchange:
    who: Who
    direction: str
    category: str
    points: int
    description: str = ""
    id: int | None = None  # an exchange of the edited interaction


@dataclass(frozen=True)
class EntryPromise:
    who: Who
    owed_by: str
    text: str
    due: dt.date | str | None = None
    id: int | None = None  # a promise of the edited interaction


@dataclass(frozen=True)
class LoadedEntry:
    """An interaction as the user loaded it to edit (its promises as
    ``promises.promises_of_interaction`` gave them): the save is refused if what is
    stored differs from it by then."""

    interaction: InteractionData
    promises: Sequence[PromiseInfo] = ()


@dataclass(frozen=True)
class LogEntry:
    """What a user logs; ``interaction_id`` is the interaction edited (None: a new one)."""

    date: dt.date | str
    title: str
    people: Sequence[Who]
    kind: str = "meeting"
    notes: str = ""
    exchanges: Sequence[EntryExchange] = ()
    promises: Sequence[EntryPromise] = ()
    interaction_id: int | None = None
    removed_promise_ids: Sequence[int] = ()
    # The edited interaction as loaded (None: overwrite whatever is stored).
    loaded: LoadedEntry | None = None

    @property
    def label(self) -> str:
        """The undo history's name for saving it, e.g. "Log “Coffee”"."""
        verb = "Log" if self.interaction_id is None else "Edit"
        return f"{verb} “{' '.join(self.title.split()) or self.kind}”"


@dataclass(frozen=True)
class SavedEntry:
    interaction: InteractionData
    promises: list[PromiseInfo] = field(default_factory=list)
    added: list[PersonData] = field(default_factory=list)


def save_log_entry(entry: LogEntry) -> SavedEntry:
    """Add the entry's new people, log (or edit) the interaction with its exchanges, and
    add, change or remove its promises — all or nothing; ``ValidationError`` leaves the
    journal as it was."""
    with recording(entry.label):
        found = _read(entry)
        writes = _Writes(_what(entry.loaded.interaction) if entry.loaded else entry.label)
        names = dict(found.live)

        # New people get a provisional (negative) id until the batch has inserted them.
        everyone = [
            *entry.people,
            *(e.who for e in entry.exchanges),
            *(p.who for p in entry.promises),
        ]
        new_people: dict[NewPerson, dict] = {}
        for who in everyone:
            if isinstance(who, NewPerson) and who not in new_people:
                new_people[who] = {
                    "uid": str(uuid.uuid4()),
                    "name": clean_name(who.name),
                    "organisation": (who.organisation or "").strip(),
                    "emails": clean_list(who.emails),
                }
                names[-len(new_people)] = new_people[who]["name"]
        provisional = {who: -n for n, who in enumerate(new_people, 1)}
        uids = {provisional[who]: row["uid"] for who, row in new_people.items()}

        def person_id(who: Who) -> int:
            return provisional[who] if isinstance(who, NewPerson) else who

        def ref(person: int):
            return id_of(Person, uids[person]) if person < 0 else person

        if entry.interaction_id is not None and found.interaction is None:
            raise NotFound(
                "interaction", "That interaction is not in the journal (it may be in the trash)."
            )
        old = found.interaction
        if old is not None and entry.loaded is not None:
            _refuse_if_changed_since(entry.loaded, found)
        values = interactions.clean_interaction(
            entry.date,
            entry.title,
            [person_id(who) for who in entry.people],
            entry.kind,
            [
                ExchangeData(
                    id=e.id,
                    person_id=person_id(e.who),
                    direction=e.direction,
                    category=e.category,
                    points=e.points,
                    description=e.description,
                )
                for e in entry.exchanges
            ],
            kinds=settings.stored_or_default("kinds", found.settings),
            categories=settings.stored_or_default("categories", found.settings),
            live=names,
            # A kind or category since removed from Settings stays valid where it is used.
            old_kinds=[old["kind"]] if old else (),
            old_categories={row["category"] for row in found.exchanges},
        )
        removed = [_live_promise(found.promises, pid) for pid in entry.removed_promise_ids]
        promised = []
        for promise in entry.promises:
            if promise.id is not None and promise.id in entry.removed_promise_ids:
                raise NotFound("promise", "That promise no longer exists.")
            before = _live_promise(found.promises, promise.id) if promise.id else None
            promised.append(
                (before, _clean_promise(person_id(promise.who), promise, before, names))
            )

        writes.insert(Person, list(new_people.values()))
        details = {
            "date": values["date"],
            "kind": values["kind"],
            "title": values["title"],
            "notes": (entry.notes or "").strip(),
            "time": None,
        }
        if old is None:
            interaction_uid = str(uuid.uuid4())
            interaction = id_of(Interaction, interaction_uid)
            writes.insert(Interaction, [{"uid": interaction_uid, **details}])
        else:
            interaction = old["id"]
            writes.update(Interaction, old, **details)
        _write_participants(writes, interaction, found.participants, values["participants"], ref)
        _write_exchanges(writes, interaction, found.exchanges, values["exchanges"], ref)
        for before in removed:
            writes.update(Promise, before, deleted_at=utc_now())
        for before, cleaned in promised:
            if before is not None:
                writes.update(Promise, before, **cleaned)
        writes.insert(
            Promise,
            [
                {**cleaned, "person": ref(cleaned["person"]), "interaction": interaction}
                for before, cleaned in promised
                if before is None
            ],
        )
        written = writes.run()
    names = found.promise_people | names | {r["id"]: r["name"] for r in written.get(Person, [])}
    return _saved(found, written, names, [before for before, _ in promised])


@dataclass
class _Found:
    """What a save reads first, in one batch: the rows of an edited interaction as stored."""

    settings: dict
    live: dict[int, str]  # the live people named, by id
    interaction: dict | None = None
    participants: list[dict] = field(default_factory=list)
    exchanges: list[dict] = field(default_factory=list)  # the trash's too
    promises: dict[int, dict] = field(default_factory=dict)
    promise_people: dict = field(default_factory=dict)
    # Every promise of an edited interaction, the trash's too (``person_live`` added).
    interaction_promises: list[dict] = field(default_factory=list)


def _read(entry: LogEntry) -> _Found:
    known_ids = list(
        dict.fromkeys(
            who
            for who in [
                *entry.people,
                *(e.who for e in entry.exchanges),
                *(p.who for p in entry.promises),
            ]
            if not isinstance(who, NewPerson)
        )
    )
    queries = [
        Setting.select(Setting.key, Setting.value)
        .where(Setting.key.in_(("kinds", "categories")))
        .tuples(),
        Person.live(Person.id, Person.name).where(Person.id.in_(known_ids)).tuples(),
    ]
    edited = entry.interaction_id
    promise_ids = [p.id for p in entry.promises if p.id is not None]
    promise_ids += list(entry.removed_promise_ids)
    if edited is not None:
        queries += [
            Interaction.live().where(Interaction.id == edited).dicts(),
            Participant.select()
            .where(Participant.interaction == edited)
            .order_by(Participant.id)
            .dicts(),
            Exchange.select().where(Exchange.interaction == edited).order_by(Exchange.id).dicts(),
            Promise.select(Promise, Person.deleted_at.is_null().alias("person_live"))
            .join(Person)
            .where(Promise.interaction == edited)
            .order_by(Promise.id)
            .dicts(),
        ]
    if promise_ids:
        queries.append(
            Promise.live(Promise, Person.name.alias("person_name"))
            .join(Person)
            .where(Promise.id.in_(promise_ids))
            .dicts()
        )
    results = run_together(queries)
    found = _Found(settings=dict(results[0]), live=dict(results[1]))
    if edited is not None:
        (interaction, found.participants, found.exchanges) = results[2:5]
        found.interaction_promises = results[5]
        found.interaction = interaction[0] if interaction else None
    if promise_ids:
        for row in results[-1]:
            name = row.pop("person_name")
            found.promises[row["id"]] = row
            found.promise_people[row["person"]] = name
    return found


def _what(interaction: InteractionData) -> str:
    """The interaction in the user's words, to begin a sentence: “Workshop”."""
    return f"“{interaction.title or interaction.kind.capitalize()}”"


def _refuse_if_changed_since(loaded: LoadedEntry, found: _Found) -> None:
    """:class:`ChangedMeanwhile` when what the save would write over differs from what
    the user loaded: it names who changed it last, and when."""
    changed: list[dict | None] = []
    shown = loaded.interaction
    stored = found.interaction
    if (stored["date"], stored["kind"], stored["title"], stored["notes"], stored["time"]) != (
        shown.date,
        shown.kind,
        shown.title,
        shown.notes,
        shown.time,
    ):
        changed.append(stored)

    def compare(rows: list[dict], is_live, values, expected: dict[int, tuple]) -> None:
        now = {row["id"]: row for row in rows}
        live = {row_id: values(row) for row_id, row in now.items() if is_live(row)}
        for row_id in live.keys() | expected.keys():
            if live.get(row_id) != expected.get(row_id):
                changed.append(now.get(row_id))

    participants = {person for person, _ in shown.participants}
    for row in found.participants:
        if (row["deleted_at"] is None) != (row["person"] in participants):
            changed.append(row)
    if participants - {row["person"] for row in found.participants}:
        changed.append(None)  # a participant the user saw whose row is gone altogether
    compare(
        found.exchanges,
        lambda row: row["deleted_at"] is None,
        lambda row: tuple(
            row[k] for k in ("person", "direction", "category", "points", "description")
        ),
        {
            e.id: (e.person_id, e.direction, e.category, e.points, e.description)
            for e in shown.exchanges
        },
    )
    compare(
        found.interaction_promises,
        lambda row: row["deleted_at"] is None and row["person_live"],
        lambda row: (row["person"], row["owed_by"], row["text"], row["due"]),
        {p.id: (p.person_id, p.owed_by, p.text, p.due) for p in loaded.promises},
    )
    if changed:
        dated = [row for row in changed if row is not None and row.get("updated_at")]
        last = max(dated, key=lambda row: row["updated_at"]) if dated else None
        raise ChangedMeanwhile(history.changed_sentence(_what(shown), "saved", last))


class _Writes:
    """The save's writes, sent in one batch; each returns its row as stored, which the
    undo history records (with the row as read before, for an update). On a server an
    update writes only the row as read (the same ``updated_at``): one changed meanwhile
    refuses the save, naming ``what`` was changed."""

    def __init__(self, what: str) -> None:
        self.what = what
        self.queries = []
        self.befores: list[tuple[type, dict | None]] = []

    def insert(self, model: type, rows: list[dict]) -> None:
        if rows:
            fields = model._meta.sorted_fields
            self.queries.append(model.insert_many(rows).returning(*fields).dicts())
            self.befores.append((model, None))

    def update(self, model: type, before: dict, **values) -> None:
        fields = model._meta.sorted_fields
        values["updated_at"] = utc_now()
        where = model.id == before["id"]
        if is_server():
            where &= model.updated_at == before["updated_at"]
        query = model.update(**values).where(where)
        self.queries.append(query.returning(*fields).dicts())
        self.befores.append((model, before))

    def run(self) -> dict[type, list[dict]]:
        """Every row written, as stored, by table in the order written."""
        written: dict[type, list[dict]] = {}
        # Only INSERTs (a new entry): nothing to check after them, the COMMIT goes along.
        inserts_only = all(before is None for _, before in self.befores)
        answers = run_together(self.queries, last=inserts_only)
        for (model, before), rows in zip(self.befores, answers, strict=True):
            if before is not None and not rows:
                now = model.select().where(model.id == before["id"]).dicts().get_or_none()
                if now is not None:
                    raise ChangedMeanwhile(history.changed_sentence(self.what, "saved", now))
                raise NotFound(
                    "journal",
                    "Part of this entry was deleted meanwhile in another window or on "
                    "another machine; nothing was saved.",
                )
            history.written(model, [(before, row) for row in rows])
            written.setdefault(model, []).extend(rows)
        return written


def _write_participants(writes: _Writes, interaction, rows: list[dict], wanted, ref) -> None:
    existing = {row["person"]: row for row in rows}
    for person, row in existing.items():
        gone = person not in wanted
        if gone != (row["deleted_at"] is not None):
            writes.update(Participant, row, deleted_at=utc_now() if gone else None)
    writes.insert(
        Participant,
        [{"interaction": interaction, "person": ref(p)} for p in wanted if p not in existing],
    )


def _write_exchanges(writes: _Writes, interaction, rows: list[dict], wanted, ref) -> None:
    existing = {row["id"]: row for row in rows if row["deleted_at"] is None}
    kept = set()
    new = []
    for data in wanted:
        values = {
            "person": ref(data.person_id),
            "direction": data.direction,
            "category": data.category,
            "points": data.points,
            "description": data.description,
        }
        row = existing.get(data.id) if data.id is not None else None
        if row is None:
            new.append({"interaction": interaction, **values})
        else:
            kept.add(row["id"])
            writes.update(Exchange, row, **values)
    writes.insert(Exchange, new)
    for row_id, row in existing.items():
        if row_id not in kept:
            writes.update(Exchange, row, deleted_at=utc_now())


def _live_promise(rows: dict[int, dict], promise_id: int) -> dict:
    if promise_id not in rows:
        raise NotFound("promise", "That promise no longer exists.")
    return rows[promise_id]


def _clean_promise(
    person_id: int, promise: EntryPromise, before: dict | None, live: dict[int, str]
) -> dict:
    """A promise's values checked as ``promises.add_promise`` and ``edit_promise`` check
    them (an edited one may stay with someone since put in the trash)."""
    if promise.owed_by not in promises.OWERS:
        raise ValidationError("owed_by", "A promise is owed either by you or by them.")
    text = promises.clean_promise_text(promise.text)
    due = parse_optional_date(promise.due, "due")
    unchanged = before is not None and before["person"] == person_id
    if not unchanged and person_id not in live:
        raise NotFound("person", "That person is not in the journal.")
    return {"person": person_id, "owed_by": promise.owed_by, "text": text, "due": due}


def _saved(
    found: _Found, written: dict[type, list[dict]], names: dict[int, str], befores: list
) -> SavedEntry:
    """What was saved, from the rows as read and as the writes returned them."""
    added = [
        PersonData(
            id=row["id"],
            uid=row["uid"],
            name=row["name"],
            organisation=row["organisation"],
            emails=list(row["emails"]),
        )
        for row in written.get(Person, [])
    ]
    interaction = (written.get(Interaction) or [found.interaction])[0]

    def now_live(model: type, read: list[dict]) -> list[dict]:
        rows = {row["id"]: row for row in read} | {r["id"]: r for r in written.get(model, [])}
        return [rows[k] for k in sorted(rows) if rows[k]["deleted_at"] is None]

    promised = {row["id"]: row for row in written.get(Promise, [])}
    new_promises = iter(row for row in written.get(Promise, []) if row["id"] not in found.promises)
    return SavedEntry(
        InteractionData(
            id=interaction["id"],
            date=interaction["date"],
            kind=interaction["kind"],
            title=interaction["title"],
            notes=interaction["notes"],
            time=interaction["time"],
            participants=[
                (row["person"], names[row["person"]])
                for row in now_live(Participant, found.participants)
            ],
            exchanges=[
                ExchangeData(
                    id=row["id"],
                    person_id=row["person"],
                    person_name=names[row["person"]],
                    direction=row["direction"],
                    category=row["category"],
                    points=row["points"],
                    description=row["description"],
                )
                for row in now_live(Exchange, found.exchanges)
            ],
        ),
        [
            _promise_info(promised[before["id"]] if before else next(new_promises), names)
            for before in befores
        ],
        added,
    )


def _promise_info(row: dict, names: dict[int, str]) -> PromiseInfo:
    return PromiseInfo(
        id=row["id"],
        person_id=row["person"],
        person_name=names[row["person"]],
        owed_by=row["owed_by"],
        text=row["text"],
        due=row["due"],
        status=row["status"],
        interaction_id=row["interaction"],
    )
