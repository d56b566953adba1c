"""The benchmarks' reference journal: 10,000 people, 200,000 interactions, 400,000
exchanges over three years, planned in memory from a seeded ``random.Random`` and
written in bulk (``store.bulk``), because 800,000 rows one use case at a time would take
far too long. The same seed and the same ``today`` give the same journal, uids included.
"""

from __future__ import annotations

import datetime as dt
import os
import random
import uuid
from collections import defaultdict
from collections.abc import Callable, Iterable
from pathlib import Path

from winwin_desktop.analytics import GIVEN, RECEIVED
from winwin_desktop.analytics.attention import DROPPED, I_OWE, KEPT, OPEN, THEY_OWE
from winwin_desktop.demo.common import (
    email,
    email_domain,
    first_name,
    interaction_notes,
    interaction_title,
    organisation_name,
    person_notes,
    phone,
    promise_text,
    random_name,
    refuse_filled,
    time_of,
)
from winwin_desktop.demo.vocabulary import (
    BRANDS,
    CLOSING_LINES,
    EVENTS,
    HOW_MET,
    KIND_PHRASES,
    KINDS_WEIGHTED,
    ROLES,
    SECTORS,
    TAG_CADENCES,
    TAGS,
    TOPICS,
    TRADITIONS,
    VALUES,
)
from winwin_desktop.journal.opening import open_journal
from winwin_desktop.store.bulk import insert_rows
from winwin_desktop.text import slug

LARGE_DAYS = 3 * 365


def build_large(
    path: str | os.PathLike,
    people: int = 10_000,
    interactions: int = 200_000,
    exchanges: int = 400_000,
    promises: int = 20_000,
    reflection_days: int = 3 * 365,
    seed: int = 7,
    today: dt.date | None = None,
    progress: Callable[[float], None] | None = None,
) -> Path:
    """Create the benchmarks' reference journal at ``path`` with bulk inserts.

    Three years of history ending ``today``, with a heavy tail: a few people take part in
    thousands of interactions (the busiest in at least 2,000 at full size), most in a
    handful. Every exchange is with a participant of its interaction. ``progress`` is
    called with the fraction done, ending at 1.0. ``path`` must not hold people yet.
    """
    today = today or dt.date.today()
    rng = random.Random(seed)
    path = Path(path)
    open_journal(path, create=True)
    refuse_filled(path)
    _LargeBuild(rng, today, people, reflection_days, progress).run(
        interactions, exchanges, promises
    )
    return path


def _new_uid(rng: random.Random) -> str:
    return str(uuid.UUID(int=rng.getrandbits(128), version=4))


def _stamp(rng: random.Random, day: dt.date) -> dt.datetime:
    """A moment on the evening of ``day``, when the day's entries are typed in."""
    return dt.datetime.combine(day, dt.time(17)) + dt.timedelta(seconds=rng.randrange(5 * 3600))


class _LargeBuild:
    """One build of the reference journal: plan in memory, then write table by table."""

    def __init__(
        self,
        rng: random.Random,
        today: dt.date,
        people: int,
        reflection_days: int,
        progress: Callable[[float], None] | None,
    ) -> None:
        self.rng = rng
        self.today = today
        self.first_day = today - dt.timedelta(days=LARGE_DAYS - 1)
        self.people = people
        self.reflection_days = reflection_days
        self.progress = progress
        self.done = 0
        self.total = 1
        # Per person (index = id - 1): activity, active span, share of value I give.
        self.weights: list[float] = []
        self.spans: list[tuple[int, int]] = []
        self.lean: list[float] = []
        self.names: list[str] = []
        self.organisations: list[str] = []
        # Per interaction (index = id - 1).
        self.created: list[dt.datetime] = []
        self.kinds: list[str] = []

    def run(self, interactions: int, exchanges: int, promises: int) -> None:
        people = self._people()
        planned = self._plan_interactions(interactions)
        self.total = (
            len(people) * 2
            + interactions
            + sum(len(who) for _, who in planned)
            + exchanges
            + promises
            + 2 * self.reflection_days
        )
        created = _stamp(self.rng, self.first_day)
        self._insert(
            "tag",
            "id name cadence_days",
            ((created, n, name, TAG_CADENCES.get(name)) for n, name in enumerate(TAGS, 1)),
        )
        self._write_people(people)
        self._write_interactions(planned)
        self._write_exchanges(planned, exchanges)
        self._write_promises(planned, promises)
        self._write_reflections(planned)
        if self.progress:
            self.progress(1.0)

    def _insert(self, table: str, columns: str, rows: Iterable[tuple]) -> None:
        """Write rows of ``(created_at, *columns)``, each with a new uid, in batches."""
        stamped = ((_new_uid(self.rng), row[0], row[0], *row[1:]) for row in rows)
        insert_rows(
            table, ["uid", "created_at", "updated_at", *columns.split()], stamped, self._written
        )

    def _written(self, rows: int) -> None:
        self.done += rows
        if self.progress:
            self.progress(min(self.done / self.total, 0.999))

    def _people(self) -> list[tuple]:
        """Who they are, how active, and which way value tends to flow with them."""
        rng = self.rng
        organisations = [
            (organisation_name(brand, sector), home, tag)
            for brand, home in BRANDS
            for sector, tag in SECTORS
        ]
        # Some organisations are much bigger than others.
        org_weights = list(_cumulative(rng.paretovariate(1.5) for _ in organisations))
        traditions = list(TRADITIONS)
        tag_ids = {name: n for n, name in enumerate(TAGS, 1)}
        first, last = self.first_day.toordinal(), self.today.toordinal()
        rows = []
        for person_id in range(1, self.people + 1):
            org, home, tag = rng.choices(organisations, cum_weights=org_weights)[0]
            if rng.random() < 0.05:
                org, home, tag = "", None, "mentor"
            tradition = home if home and rng.random() < 0.6 else rng.choice(traditions)
            name = random_name(rng, tradition)
            role = rng.choice(ROLES[tag if org else "independent"])
            tags = [tag] + (["alumni"] if rng.random() < 0.12 else [])
            # Known before the journal started, or met at some point since; some drift away.
            begin = first if rng.random() < 0.4 else rng.randint(first, last - 14)
            end = last if rng.random() < 0.75 else rng.randint(begin, last)
            met_on = dt.date.fromordinal(begin - (rng.randint(30, 2000) if begin == first else 0))
            introduced_by = None
            how_met = rng.choice(HOW_MET).format(event=rng.choice(EVENTS), topic=rng.choice(TOPICS))
            if person_id > 1 and rng.random() < 0.15:
                introduced_by = rng.randint(1, person_id - 1)
                how_met = f"Introduced by {first_name(self.names[introduced_by - 1])}"
            emails = [email(name, email_domain(org, home) if org else "gmail.com")]
            phones = [phone(rng, tradition)] if rng.random() < 0.3 else []
            links = []
            if rng.random() < 0.2:
                links.append(f"https://www.linkedin.com/in/{slug(name, '-')}-{rng.randint(10, 99)}")
            notes = ""
            if rng.random() < 0.1:
                notes = person_notes(rng, role, org, tradition)
            cadence = rng.choice((14, 30, 60, 90, 180)) if rng.random() < 0.1 else None
            # Activity has a heavy tail, spread over the span the person is around.
            rate = min(rng.paretovariate(1.2), 150.0)
            self.weights.append(rate * (end - begin + 1) / LARGE_DAYS)
            self.spans.append((begin, end))
            self.lean.append(rng.betavariate(2, 2))
            self.names.append(name)
            self.organisations.append(org)
            archived = rng.random() < 0.015
            created = _stamp(rng, dt.date.fromordinal(begin))
            rows.append(
                (created, person_id, name, org, role, emails, phones, links, how_met, met_on)
                + (introduced_by, notes, cadence, archived, [tag_ids[t] for t in tags])
            )
        return rows

    def _write_people(self, people: list[tuple]) -> None:
        self._insert(
            "person",
            "id name organisation role emails phones links how_met met_on introduced_by notes"
            " cadence_days archived",
            (row[:-1] for row in people),
        )
        self._insert(
            "person_tag",
            "person tag",
            ((row[0], row[1], tag_id) for row in people for tag_id in row[-1]),
        )

    def _plan_interactions(self, interactions: int) -> list[tuple[int, tuple[int, ...]]]:
        """(day ordinal, person ids) per interaction, oldest first."""
        rng = self.rng
        everyone = range(self.people)
        cumulative = list(_cumulative(self.weights))
        leads = rng.choices(everyone, cum_weights=cumulative, k=interactions)
        # The benchmarks open a person with 2,000 interactions: make sure there is one.
        hub = max(everyone, key=self.weights.__getitem__)
        self.spans[hub] = (self.first_day.toordinal(), self.today.toordinal())
        for position in rng.sample(range(interactions), min(2_000, interactions // 10)):
            leads[position] = hub
        planned = []
        for lead in leads:
            begin, end = self.spans[lead]
            day = rng.randint(begin, end)
            # Ordinal 1 is a Monday, so 6 and 0 (mod 7) are Saturdays and Sundays.
            if day % 7 in (0, 6) and rng.random() < 0.85:  # weekends are quieter
                day = max(begin, day - (1 if day % 7 == 6 else 2))
            extra = 0 if rng.random() < 0.72 else (1 if rng.random() < 0.8 else 2)
            people = [lead + 1]
            for other in rng.choices(everyone, cum_weights=cumulative, k=extra):
                if other + 1 not in people:
                    people.append(other + 1)
            planned.append((day, tuple(people)))
        planned.sort(key=lambda p: p[0])
        return planned

    def _write_interactions(self, planned: list[tuple[int, tuple[int, ...]]]) -> None:
        rng = self.rng
        kinds = [k for k, _ in KINDS_WEIGHTED]
        kind_weights = list(_cumulative(w for _, w in KINDS_WEIGHTED))

        def rows():
            for interaction_id, (ordinal, people) in enumerate(planned, 1):
                day = dt.date.fromordinal(ordinal)
                kind = rng.choices(kinds, cum_weights=kind_weights)[0]
                names = [self.names[p - 1] for p in people]
                title = interaction_title(rng, kind, names, self.organisations[people[0] - 1])
                notes = interaction_notes(rng, names[0]) if rng.random() < 0.1 else ""
                created = _stamp(rng, day)
                self.created.append(created)
                self.kinds.append(kind)
                yield (created, interaction_id, day, time_of(rng, kind), kind, title, notes)

        self._insert("interaction", "id date time kind title notes", rows())
        self._insert(
            "participant",
            "interaction person",
            (
                (self.created[n], n + 1, person)
                for n, (_, people) in enumerate(planned)
                for person in people
            ),
        )

    def _write_exchanges(self, planned: list[tuple[int, tuple[int, ...]]], count: int) -> None:
        rng = self.rng

        def rows():
            for n in sorted(rng.randrange(len(planned)) for _ in range(count)):
                person = rng.choice(planned[n][1])
                direction = GIVEN if rng.random() < self.lean[person - 1] else RECEIVED
                value = rng.choice(VALUES[direction])
                yield (self.created[n], n + 1, person, direction, *value)

        self._insert("exchange", "interaction person direction category points description", rows())

    def _write_promises(self, planned: list[tuple[int, tuple[int, ...]]], count: int) -> None:
        rng = self.rng
        today = self.today

        def rows():
            for n in sorted(rng.randrange(len(planned)) for _ in range(count)):
                ordinal, people = planned[n]
                person = rng.choice(people)
                owed_by = I_OWE if rng.random() < 0.55 else THEY_OWE
                text = promise_text(rng, owed_by, self.names[person - 1])
                due = dt.date.fromordinal(ordinal + rng.randint(3, 30))
                status, closed_on = OPEN, None
                overdue_by = (today - due).days
                roll = rng.random()
                # Most old promises are settled; a few stay open, overdue.
                if (overdue_by > 14 and roll < 0.85) or (overdue_by > 0 and roll < 0.3):
                    status = KEPT if roll < 0.72 else DROPPED
                    closed_on = min(today, due + dt.timedelta(days=rng.randint(-3, 10)))
                yield (self.created[n], person, n + 1, owed_by, text, due, status, closed_on)

        self._insert("promise", "person interaction owed_by text due status closed_on", rows())

    def _write_reflections(self, planned: list[tuple[int, tuple[int, ...]]]) -> None:
        rng = self.rng
        first = self.today.toordinal() - self.reflection_days + 1
        by_day: dict[int, list[int]] = defaultdict(list)
        for n, (ordinal, _) in enumerate(planned):
            if ordinal >= first:
                by_day[ordinal].append(n)
        reflections = []
        mentions = []
        for reflection_id, ordinal in enumerate(range(first, first + self.reflection_days), 1):
            day = dt.date.fromordinal(ordinal)
            mentioned: list[int] = []
            lines = []
            for n in by_day.get(ordinal, [])[:3]:
                person = planned[n][1][0]
                if person not in mentioned:
                    mentioned.append(person)
                    value = rng.choice(VALUES[rng.choice((GIVEN, RECEIVED))])
                    lines.append(
                        f"- {KIND_PHRASES[self.kinds[n]]} @{self.names[person - 1]}"
                        f" — {value.description}."
                    )
            if not lines:
                person = rng.randint(1, self.people)
                mentioned.append(person)
                lines.append(f"Thought about @{self.names[person - 1]}; time to reach out.")
            lines += ["", rng.choice(CLOSING_LINES)]
            created = _stamp(rng, day)
            reflections.append((created, reflection_id, day, "\n".join(lines), {}))
            mentions += [(created, reflection_id, person) for person in mentioned]
        self._insert("reflection", "id day text answers", reflections)
        self._insert("mention", "reflection person", mentions)


def _cumulative(values: Iterable[float]) -> Iterable[float]:
    total = 0.0
    for value in values:
        total += value
        yield total
