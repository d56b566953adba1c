"""Interactions with one or more people, and the value exchanged in them."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field

from peewee import ModelSelect, Query

from winwin_desktop.journal import settings
from winwin_desktop.journal.errors import NotFound, ValidationError
from winwin_desktop.journal.validate import clean_choice, clean_points, parse_date
from winwin_desktop.store import recording
from winwin_desktop.store.models import Exchange, Interaction, Participant, Person, live, utc_now
from winwin_desktop.store.together import Related, run_together

DIRECTIONS = (Exchange.GIVEN, Exchange.RECEIVED)


@dataclass(frozen=True)
class ExchangeData:
    """One unit of value: ``given`` by me to the person, or ``received`` by me from them.

    ``id`` is None for an exchange not saved yet.
    """

    person_id: int
    direction: str
    category: str
    points: int
    description: str = ""
    id: int | None = None
    person_name: str = ""


@dataclass(frozen=True)
class InteractionData:
    id: int
    date: dt.date
    kind: str
    title: str
    notes: str = ""
    time: dt.time | None = None
    participants: list[tuple[int, str]] = field(default_factory=list)
    exchanges: list[ExchangeData] = field(default_factory=list)
    deleted: bool = False

    @property
    def participant_names(self) -> list[str]:
        return [name for _, name in self.participants]


def log_interaction(
    date: str | dt.date,
    title: str,
    participant_ids: Sequence[int],
    kind: str = "meeting",
    notes: str = "",
    exchanges: Sequence[ExchangeData] = (),
    time: dt.time | None = None,
) -> InteractionData:
    """Record an interaction with its participants and exchanges, in one transaction."""
    values = _clean(date, title, participant_ids, kind, exchanges)
    with recording(f"Log “{values['title'] or values['kind']}”"):
        interaction = Interaction(notes=(notes or "").strip(), time=time, **_fields(values))
        interaction.save()
        _write_participants(interaction, values["participants"])
        _write_exchanges(interaction, values["exchanges"])
    return get_interaction(interaction.id)


def edit_interaction(
    interaction_id: int,
    date: str | dt.date,
    title: str,
    participant_ids: Sequence[int],
    kind: str = "meeting",
    notes: str = "",
    exchanges: Sequence[ExchangeData] = (),
    time: dt.time | None = None,
) -> InteractionData:
    """Replace an interaction's details, participants and exchanges (matched by id)."""
    interaction = _live_interaction(interaction_id)
    # A kind or category since removed from Settings stays valid where it is already used.
    kept = {
        e.category
        for e in Exchange.select(Exchange.category).where(Exchange.interaction == interaction.id)
    }
    values = _clean(date, title, participant_ids, kind, exchanges, [interaction.kind], kept)
    with recording(f"Edit “{values['title'] or values['kind']}”"):
        for name, value in _fields(values).items():
            setattr(interaction, name, value)
        interaction.notes = (notes or "").strip()
        interaction.time = time
        interaction.save()
        _write_participants(interaction, values["participants"])
        _write_exchanges(interaction, values["exchanges"])
    return get_interaction(interaction_id)


def delete_interaction(interaction_id: int) -> None:
    interaction = _live_interaction(interaction_id)
    with recording(f"Delete “{interaction.title or interaction.kind}”"):
        interaction.deleted_at = utc_now()
        interaction.save()


def restore_interaction(interaction_id: int) -> InteractionData:
    interaction = Interaction.get_or_none(Interaction.id == interaction_id)
    if interaction is None:
        raise NotFound("interaction", "That interaction no longer exists.")
    with recording(f"Restore “{interaction.title or interaction.kind}”"):
        interaction.deleted_at = None
        interaction.save()
    return get_interaction(interaction_id)


def get_interaction(interaction_id: int) -> InteractionData:
    found = _load(Interaction.select().where(Interaction.id == interaction_id))
    if not found:
        raise NotFound("interaction", "That interaction no longer exists.")
    return found[0]


def timeline(person_id: int, limit: int | None = None) -> list[InteractionData]:
    """The person's live interactions, newest first, each with all its exchanges."""
    return _load(_timeline(person_id, limit))


def timeline_queries(person_id: int, limit: int | None = None) -> list[Query | Related]:
    """The queries of :func:`timeline`, for a batch of reads; :func:`interactions_of`
    reads their rows."""
    return loading_queries(_timeline(person_id, limit))


def _timeline(person_id: int, limit: int | None) -> ModelSelect:
    # A day's interactions without a time count as its first on both engines (PostgreSQL
    # would put them last: it sorts NULL above every value).
    query = (
        Interaction.select()
        .join(Participant)
        .where((Participant.person == person_id) & live(Participant, Interaction))
        .order_by(
            Interaction.date.desc(), Interaction.time.desc(nulls="LAST"), Interaction.id.desc()
        )
    )
    return query.limit(limit) if limit else query


def _load(query: ModelSelect) -> list[InteractionData]:
    return interactions_of(*run_together(loading_queries(query)))


def loading_queries(query: ModelSelect) -> list[Query | Related]:
    """The queries reading the interactions of ``query`` (its order and limit kept), their
    participants and their exchanges, for one batch (one round trip to a server)."""
    # Plain tuples, not model instances: a busy person's timeline page reads hundreds of
    # interactions and their exchanges each time it is opened.
    found = query.select(
        Interaction.id,
        Interaction.date,
        Interaction.time,
        Interaction.kind,
        Interaction.title,
        Interaction.notes,
        Interaction.deleted_at,
    ).tuples()
    ids = query.select(Interaction.id)
    return [
        found,
        Related(
            found,
            ids,
            lambda ids: (
                Participant.select(Participant.interaction, Person.id, Person.name)
                .join(Person)
                .where(Participant.interaction.in_(ids) & live(Participant))
                .order_by(Participant.id)
                .tuples()
            ),
        ),
        Related(
            found,
            ids,
            lambda ids: (
                Exchange.select(
                    Exchange.interaction,
                    Exchange.id,
                    Person.id,
                    Person.name,
                    Exchange.direction,
                    Exchange.category,
                    Exchange.points,
                    Exchange.description,
                )
                .join(Person)
                .where(Exchange.interaction.in_(ids) & live(Exchange))
                .order_by(Exchange.id)
                .tuples()
            ),
        ),
    ]


def interactions_of(
    interactions: list[tuple], participants: list[tuple], exchange_rows: list[tuple]
) -> list[InteractionData]:
    """The interactions of the rows of :func:`loading_queries`, in the query's order."""
    people: dict[int, list[tuple[int, str]]] = defaultdict(list)
    exchanges: dict[int, list[ExchangeData]] = defaultdict(list)
    for interaction_id, person_id, name in participants:
        people[interaction_id].append((person_id, name))
    for row in exchange_rows:
        interaction_id, exchange_id, person_id, name, direction, category, points, text = row
        exchanges[interaction_id].append(
            ExchangeData(
                id=exchange_id,
                person_id=person_id,
                person_name=name,
                direction=direction,
                category=category,
                points=points,
                description=text,
            )
        )
    return [
        InteractionData(
            id=interaction_id,
            date=date,
            time=time,
            kind=kind,
            title=title,
            notes=notes,
            participants=people[interaction_id],
            exchanges=exchanges[interaction_id],
            deleted=deleted_at is not None,
        )
        for interaction_id, date, time, kind, title, notes, deleted_at in interactions
    ]


def _live_interaction(interaction_id: int) -> Interaction:
    found = Interaction.get_or_none((Interaction.id == interaction_id) & live(Interaction))
    if found is None:
        raise NotFound(
            "interaction", "That interaction is not in the journal (it may be in the trash)."
        )
    return found


def _clean(date, title, participant_ids, kind, exchanges, old_kinds=(), old_categories=()) -> dict:
    participants = list(dict.fromkeys(participant_ids))
    live = dict(Person.live(Person.id, Person.name).where(Person.id.in_(participants)).tuples())
    return clean_interaction(
        date,
        title,
        participants,
        kind,
        exchanges,
        kinds=settings.kinds(),
        categories=settings.categories(),
        live=live,
        old_kinds=old_kinds,
        old_categories=old_categories,
    )


def clean_interaction(
    date,
    title: str,
    participant_ids: Sequence[int],
    kind: str,
    exchanges: Sequence[ExchangeData],
    *,
    kinds: list[str],
    categories: list[str],
    live: dict[int, str],
    old_kinds=(),
    old_categories=(),
) -> dict:
    """An interaction's values checked and tidied, given what the journal holds: its
    ``kinds`` and ``categories`` and the names of the ``live`` people (those not in the
    trash, by id). ``ValidationError`` (or ``NotFound``) for the first thing wrong."""
    day = parse_date(date)
    kinds = kinds + [k for k in old_kinds if k not in kinds]
    kind = clean_choice(kind, kinds, "kind", "kind of interaction")
    title = " ".join((title or "").split())
    if len(title) > 300:
        raise ValidationError("title", "Keep the title under 300 characters.")
    participants = list(dict.fromkeys(participant_ids))
    if not participants:
        raise ValidationError("participants", "Add at least one person to the interaction.")
    for person_id in participants:
        if person_id not in live:
            raise NotFound("participants", "One of the people is no longer in the journal.")
    categories = categories + sorted(c for c in old_categories if c not in categories)
    cleaned = []
    for exchange in exchanges:
        if exchange.person_id not in participants:
            raise ValidationError(
                "exchanges", "Each exchange must be with one of the interaction's people."
            )
        if exchange.direction not in DIRECTIONS:
            raise ValidationError("direction", "An exchange is either given or received.")
        cleaned.append(
            ExchangeData(
                id=exchange.id,
                person_id=exchange.person_id,
                direction=exchange.direction,
                category=clean_choice(exchange.category, categories, "category", "category"),
                points=clean_points(exchange.points),
                description=" ".join((exchange.description or "").split()),
            )
        )
    return {
        "date": day,
        "kind": kind,
        "title": title,
        "participants": participants,
        "exchanges": cleaned,
    }


def _fields(values: dict) -> dict:
    return {"date": values["date"], "kind": values["kind"], "title": values["title"]}


def _write_participants(interaction: Interaction, person_ids: list[int]) -> None:
    existing = {
        p.person_id: p for p in Participant.select().where(Participant.interaction == interaction)
    }
    for person_id, row in existing.items():
        gone = person_id not in person_ids
        if gone != (row.deleted_at is not None):
            row.deleted_at = utc_now() if gone else None
            row.save()
    for person_id in person_ids:
        if person_id not in existing:
            Participant(interaction=interaction, person=person_id).save()


def _write_exchanges(interaction: Interaction, exchanges: list[ExchangeData]) -> None:
    existing = {e.id: e for e in Exchange.live().where(Exchange.interaction == interaction)}
    kept = set()
    for data in exchanges:
        row = existing.get(data.id) if data.id is not None else None
        if row is None:
            row = Exchange(interaction=interaction)
        else:
            kept.add(row.id)
        row.person = data.person_id
        row.direction = data.direction
        row.category = data.category
        row.points = data.points
        row.description = data.description
        row.save()
    for row_id, row in existing.items():
        if row_id not in kept:
            row.deleted_at = utc_now()
            row.save()


def on_day(day: dt.date) -> list[InteractionData]:
    """The live interactions of one calendar day, in the order they happened."""
    return _load(
        Interaction.live()
        .where(Interaction.date == day)
        .order_by(Interaction.time.asc(nulls="FIRST"), Interaction.id)
    )


def first_day() -> dt.date | None:
    """The date of the earliest live interaction."""
    first = Interaction.live(Interaction.date).order_by(Interaction.date).first()
    return first.date if first else None
