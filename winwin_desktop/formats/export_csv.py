"""The journal as CSV: one file each for people, interactions, exchanges, promises and
reflections, to open in a spreadsheet.

Pure: a :class:`~winwin_desktop.formats.winwin_json.Snapshot` (already without the trash)
in, the text of each file out. Dates are ISO (``YYYY-MM-DD``); a cell holding several
values (emails, tags, people) separates them with ``"; "``. The text starts with a
byte-order mark, so that spreadsheet programs read it as UTF-8, and lines end in CRLF as
RFC 4180 says. Every row keeps its ``uid``, and rows that point at others give both the
name (to read) and the uid (to join on).
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import itertools
import json
from collections import defaultdict
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass

from winwin_desktop.formats.winwin_json import PersonRow, Snapshot

PEOPLE, INTERACTIONS, EXCHANGES, PROMISES, REFLECTIONS = (
    "people.csv",
    "interactions.csv",
    "exchanges.csv",
    "promises.csv",
    "reflections.csv",
)
FILES = (PEOPLE, INTERACTIONS, EXCHANGES, PROMISES, REFLECTIONS)
SEPARATOR = "; "
BOM = "\ufeff"


@dataclass(frozen=True)
class Totals:
    """A person's all-time figures, as the people list shows them."""

    given: int = 0
    received: int = 0
    interactions: int = 0
    last_contact: dt.date | None = None

    @property
    def balance(self) -> int:
        return self.given - self.received


def person_totals(snapshot: Snapshot) -> dict[str, Totals]:
    """Points given and received, interactions and last contact by person uid."""
    dates = {i.uid: i.date for i in snapshot.interactions}
    points: dict[tuple[str, str], int] = defaultdict(int)
    for exchange in snapshot.exchanges:
        points[(exchange.person_uid, exchange.direction)] += exchange.points
    contacts: dict[str, list[dt.date]] = defaultdict(list)
    for participant in snapshot.participants:
        contacts[participant.person_uid].append(dates[participant.interaction_uid])
    return {
        p.uid: Totals(
            given=points[(p.uid, "given")],
            received=points[(p.uid, "received")],
            interactions=len(contacts[p.uid]),
            last_contact=max(contacts[p.uid], default=None),
        )
        for p in snapshot.people
    }


def tags_by_person(snapshot: Snapshot) -> dict[str, list[str]]:
    names = {t.uid: t.name for t in snapshot.tags}
    tags: dict[str, list[str]] = defaultdict(list)
    for link in snapshot.person_tags:
        tags[link.person_uid].append(names[link.tag_uid])
    return {uid: sorted(found, key=str.casefold) for uid, found in tags.items()}


def people_in_order(people: Iterable[PersonRow]) -> list[PersonRow]:
    return sorted(people, key=lambda p: (p.name.casefold(), p.uid))


def to_csv(snapshot: Snapshot) -> dict[str, str]:
    """File name → text, for the five files."""
    return {name: "".join(chunks) for name, chunks in iter_csv(snapshot).items()}


def iter_csv(snapshot: Snapshot) -> dict[str, Iterator[str]]:
    """File name → its text line by line, so that a large journal is written without the
    files ever being held whole in memory."""
    names = {p.uid: p.name for p in snapshot.people}
    interactions = {i.uid: i for i in snapshot.interactions}
    totals = person_totals(snapshot)
    tags = tags_by_person(snapshot)
    participants: dict[str, list[str]] = defaultdict(list)
    for participant in snapshot.participants:
        participants[participant.interaction_uid].append(names[participant.person_uid])
    mentioned: dict[str, list[str]] = defaultdict(list)
    for mention in snapshot.mentions:
        mentioned[mention.reflection_uid].append(names[mention.person_uid])
    points: dict[tuple[str, str], int] = defaultdict(int)
    for exchange in snapshot.exchanges:
        points[(exchange.interaction_uid, exchange.direction)] += exchange.points

    people_rows = (
        [
            p.uid,
            p.name,
            p.organisation,
            p.role,
            _join(p.emails),
            _join(p.phones),
            _join(p.links),
            _join(tags.get(p.uid, [])),
            p.how_met,
            _day(p.met_on),
            names.get(p.introduced_by_uid, ""),
            _number(p.cadence_days),
            "yes" if p.archived else "no",
            totals[p.uid].given,
            totals[p.uid].received,
            totals[p.uid].balance,
            totals[p.uid].interactions,
            _day(totals[p.uid].last_contact),
            p.notes,
            p.talking_points,
        ]
        for p in people_in_order(snapshot.people)
    )
    by_date = sorted(
        snapshot.interactions, key=lambda i: (i.date, i.time or dt.time.min, i.created_at, i.uid)
    )
    interaction_rows = (
        [
            i.uid,
            i.date.isoformat(),
            i.time.isoformat("minutes") if i.time else "",
            i.kind,
            i.title,
            _join(participants[i.uid]),
            points[(i.uid, "given")],
            points[(i.uid, "received")],
            i.notes,
        ]
        for i in by_date
    )
    order = {i.uid: index for index, i in enumerate(by_date)}
    exchange_rows = (
        [
            e.uid,
            interactions[e.interaction_uid].date.isoformat(),
            names[e.person_uid],
            e.direction,
            e.category,
            e.points,
            e.description,
            interactions[e.interaction_uid].title,
            e.interaction_uid,
            e.person_uid,
        ]
        for e in sorted(
            snapshot.exchanges, key=lambda e: (order[e.interaction_uid], e.created_at, e.uid)
        )
    )
    promise_rows = (
        [
            p.uid,
            _day(p.due),
            p.status,
            p.owed_by,
            names[p.person_uid],
            p.text,
            _day(p.closed_on),
            p.interaction_uid or "",
            p.person_uid,
        ]
        for p in sorted(
            snapshot.promises,
            key=lambda p: (p.due is None, p.due or dt.date.max, p.created_at, p.uid),
        )
    )
    reflection_rows = (
        [
            r.uid,
            r.day.isoformat(),
            r.text,
            _join(sorted(mentioned[r.uid], key=str.casefold)),
            json.dumps(r.answers, ensure_ascii=False) if r.answers else "",
        ]
        for r in sorted(snapshot.reflections, key=lambda r: r.day)
    )
    return {
        PEOPLE: _table(PEOPLE_HEADER, people_rows),
        INTERACTIONS: _table(INTERACTIONS_HEADER, interaction_rows),
        EXCHANGES: _table(EXCHANGES_HEADER, exchange_rows),
        PROMISES: _table(PROMISES_HEADER, promise_rows),
        REFLECTIONS: _table(REFLECTIONS_HEADER, reflection_rows),
    }


PEOPLE_HEADER = (
    "uid",
    "name",
    "organisation",
    "role",
    "emails",
    "phones",
    "links",
    "tags",
    "how_met",
    "met_on",
    "introduced_by",
    "cadence_days",
    "archived",
    "given",
    "received",
    "balance",
    "interactions",
    "last_contact",
    "notes",
    "talking_points",
)
INTERACTIONS_HEADER = (
    "uid",
    "date",
    "time",
    "kind",
    "title",
    "people",
    "given",
    "received",
    "notes",
)
EXCHANGES_HEADER = (
    "uid",
    "date",
    "person",
    "direction",
    "category",
    "points",
    "description",
    "interaction",
    "interaction_uid",
    "person_uid",
)
PROMISES_HEADER = (
    "uid",
    "due",
    "status",
    "owed_by",
    "person",
    "text",
    "closed_on",
    "interaction_uid",
    "person_uid",
)
REFLECTIONS_HEADER = ("uid", "day", "text", "mentions", "answers")


def _table(header: Sequence[str], rows: Iterable[list]) -> Iterator[str]:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    yield BOM
    for row in itertools.chain([header], rows):
        writer.writerow(row)
        yield out.getvalue()
        out.seek(0)
        out.truncate()


def _join(values: Iterable[str]) -> str:
    return SEPARATOR.join(values)


def _day(value: dt.date | None) -> str:
    return value.isoformat() if value else ""


def _number(value: int | None) -> str:
    return "" if value is None else str(value)
