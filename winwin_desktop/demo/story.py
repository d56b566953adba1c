"""The demo journal a new user explores: about 40 people across a dozen organisations
and 18 months ending today, written around a featured cast so every win-win status, open
and overdue promises and reflections with @mentions show up.

It goes through the journal's use cases, so it passes the same validation as anything a
user types. The same seed and the same ``today`` give the same people, dates, titles and
points.
"""

from __future__ import annotations

import datetime as dt
import os
import random
import tempfile
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from winwin_desktop.analytics import (
    GIVEN,
    NEW,
    QUIET,
    RECEIVED,
    WIN_WIN,
    YOU_GIVE_MORE,
    YOU_TAKE_MORE,
)
from winwin_desktop.analytics.attention import DROPPED, I_OWE, KEPT, OPEN, THEY_OWE
from winwin_desktop.demo.common import (
    Deck,
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
    working_day,
)
from winwin_desktop.demo.vocabulary import (
    BRANDS,
    CLOSING_LINES,
    EVENTS,
    HOW_MET,
    KIND_PHRASES,
    ROLES,
    SECTORS,
    TAG_CADENCES,
    TOPICS,
    TRADITIONS,
    VALUES,
    Value,
)
from winwin_desktop.journal import interactions as interaction_cases
from winwin_desktop.journal import people as people_cases
from winwin_desktop.journal import promises as promise_cases
from winwin_desktop.journal import reflections as reflection_cases
from winwin_desktop.journal.interactions import ExchangeData
from winwin_desktop.journal.opening import open_journal
from winwin_desktop.journal.undo import user_action


def demo_path() -> Path:
    """Where a fresh demo journal goes: a new temporary folder, never the real journal."""
    return Path(tempfile.mkdtemp(prefix="winwin-demo-")) / "demo.db"


def build_demo(path: str | os.PathLike, seed: int = 7, today: dt.date | None = None) -> Path:
    """Create the demo journal at ``path``: about 40 people and 18 months ending ``today``.

    Every win-win status occurs under the default settings. The journal is left open,
    as :func:`open_journal` leaves it; ``path`` must not hold a journal with people yet.
    """
    today = today or dt.date.today()
    rng = random.Random(seed)
    path = Path(path)
    open_journal(path, create=True)
    refuse_filled(path)
    cast = _demo_cast(rng, today)
    touches = _demo_touches(rng, cast, today)
    with user_action("Build the demo journal"):
        person_ids = _write_people(cast)
        logged = _write_interactions(touches, person_ids)
        _write_promises(rng, cast, logged, person_ids, today)
        _write_reflections(rng, cast, touches, today)
        for index, contact in enumerate(cast):
            if contact.archived:
                people_cases.set_archived(person_ids[index], True)
        for name, days in TAG_CADENCES.items():
            people_cases.set_tag_cadence(name, days)
    return path


@dataclass
class _Contact:
    name: str
    tradition: str
    organisation: str
    role: str
    tags: list[str]
    status: str  # the win-win status the demo gives this relationship
    emails: list[str] = field(default_factory=list)
    phones: list[str] = field(default_factory=list)
    how_met: str = ""
    met_days_ago: int | None = None
    met_on: dt.date | None = None
    introduced_by: int | None = None  # index into the cast
    notes: str = ""
    cadence_days: int | None = None
    archived: bool = False


@dataclass
class _Touch:
    """One planned interaction."""

    day: dt.date
    people: list[int]  # indexes into the cast
    kind: str = ""
    title: str = ""
    notes: str = ""
    time: dt.time | None = None
    exchanges: list[tuple[int, str, Value]] = field(default_factory=list)


# (brand, sector): a dozen organisations, each in the shared vocabulary.
DEMO_ORGANISATIONS = (
    ("Acme", "Robotics"),
    ("Gdańsk", "Shipping Tech"),
    ("Nordlys", "Ventures"),
    ("Addis", "Fintech Labs"),
    ("Saigon", "Data Works"),
    ("Lumière", "Analytics"),
    ("Brückner", "Logistics"),
    ("Iberia", "Health Partners"),
    ("Kyoto", "Precision Sensors"),
    ("Anatolia", "Cloud"),
    ("Lagos", "Growth Capital"),
    ("Tagus", "Legal"),
    ("Liffey", "Media"),
)

# The people the demo is written around; the rest of the cast is drawn from the seed.
FEATURED_CAST = (
    _Contact(
        "Zoë Brontë-Nuñez",
        "spanish",
        "Acme Robotics",
        "Head of Partnerships",
        ["partner", "client"],
        WIN_WIN,
        how_met="Sat next to each other at Web Summit in Lisbon",
        met_days_ago=640,
        cadence_days=21,
        notes="## Context\n- Runs partnerships for the warehouse robots line\n"
        "- Prefers **short calls**, hates slide decks\n\n## Talking points\n"
        "- Their Series B timing\n- The joint case study",
    ),
    _Contact(
        "Piotr Kowalski",
        "polish",
        "Gdańsk Shipping Tech",
        "CTO",
        ["client"],
        WIN_WIN,
        how_met="Introduced by Zoë over email",
        met_days_ago=600,
        introduced_by=0,
        notes="Builds port-sensor software.\n\n- Loves *sailing*\n- Decides fast, writes little",
    ),
    _Contact(
        "Rahel Tesfaye",
        "ethiopian",
        "Addis Fintech Labs",
        "Founder & CEO",
        ["alumni", "partner"],
        YOU_GIVE_MORE,
        how_met="Mentoring programme at Station F",
        met_days_ago=900,
        cadence_days=30,
        notes="I mentor Rahel on fundraising.\n\n> Wants to raise a seed round in Nairobi",
    ),
    _Contact(
        "Minh Hoang",
        "vietnamese",
        "Saigon Data Works",
        "Head of Data",
        ["supplier"],
        YOU_TAKE_MORE,
        how_met="Cold email about their labelling API",
        met_days_ago=700,
    ),
    _Contact(
        "Ingrid Håkansson",
        "nordic",
        "Nordlys Ventures",
        "Partner",
        ["investor"],
        WIN_WIN,
        how_met="Shared a panel at Slush in Helsinki",
        met_days_ago=1100,
        notes="## Investor\n- Led our pre-seed\n- Board observer\n\n"
        "Ask about **follow-on reserves** before the next round.",
    ),
    _Contact(
        "Jürgen Schäfer",
        "german",
        "Brückner Logistics",
        "Procurement Lead",
        ["client"],
        YOU_GIVE_MORE,
        how_met="Customer pilot kick-off",
        met_days_ago=580,
    ),
    _Contact(
        "Amélie Lefèvre",
        "french",
        "Lumière Analytics",
        "Founder & CEO",
        ["mentor", "partner"],
        YOU_TAKE_MORE,
        how_met="Former colleagues at Kestrel Consulting",
        met_days_ago=2400,
        cadence_days=45,
        notes="My mentor since 2019. Generous with time; **never** asks for anything back.",
    ),
    _Contact(
        "Chiamaka Okafor",
        "west_african",
        "Lagos Growth Capital",
        "Principal",
        ["investor"],
        NEW,
        how_met="Introduced by Ingrid",
        introduced_by=4,
    ),
    _Contact(
        "Takumi Watanabe",
        "japanese",
        "Kyoto Precision Sensors",
        "Sales Director",
        ["supplier"],
        QUIET,
        how_met="Sat next to each other at SusHi Tech in Tokyo",
        met_days_ago=800,
    ),
    _Contact(
        "Siobhán O'Connor",
        "irish",
        "Liffey Media",
        "Tech Correspondent",
        ["press"],
        WIN_WIN,
        how_met="Replied to my LinkedIn post on warehouse automation",
        met_days_ago=560,
    ),
    _Contact(
        "Elif Yılmaz",
        "turkish",
        "Anatolia Cloud",
        "Alliances Manager",
        ["partner"],
        NEW,
        how_met="Met at Pioneers in Vienna",
    ),
    _Contact(
        "Gonçalo Magalhães",
        "portuguese",
        "Tagus Legal",
        "General Counsel",
        ["supplier"],
        QUIET,
        how_met="Founders' dinner in Lisbon",
        met_days_ago=1500,
        archived=True,
        notes="Left Tagus Legal; now on sabbatical.",
    ),
)

# How many of the rest of the cast get each status.
DEMO_STATUS_MIX = {WIN_WIN: 10, YOU_GIVE_MORE: 6, YOU_TAKE_MORE: 5, NEW: 3, QUIET: 4}

DEMO_MONTHS_DAYS = 547  # 18 months of history
ACTIVE = (WIN_WIN, YOU_GIVE_MORE, YOU_TAKE_MORE)


def _demo_cast(rng: random.Random, today: dt.date) -> list[_Contact]:
    organisations = {
        organisation_name(brand, sector): (brand, sector) for brand, sector in DEMO_ORGANISATIONS
    }
    brand_tradition = dict(BRANDS)
    sector_tag = dict(SECTORS)
    cast = [_copy_contact(c) for c in FEATURED_CAST]
    statuses = [status for status, count in DEMO_STATUS_MIX.items() for _ in range(count)]
    rng.shuffle(statuses)
    taken = {first_name(c.name) for c in cast}
    for status in statuses:
        independent = rng.random() < 0.08
        organisation = "" if independent else rng.choice(list(organisations))
        brand, sector = organisations.get(organisation, ("", ""))
        home = brand_tradition.get(brand)
        # Distinct first names keep titles such as "Lunch with Piotr" unambiguous.
        unused = [t for t in TRADITIONS if set(TRADITIONS[t].first_names) - taken]
        tradition = home if home in unused and rng.random() < 0.6 else rng.choice(unused)
        name = random_name(rng, tradition, avoid=taken)
        taken.add(first_name(name))
        tag = "mentor" if independent else sector_tag[sector]
        tags = [tag] + (["alumni"] if rng.random() < 0.15 else [])
        role = rng.choice(ROLES["independent" if independent else tag])
        contact = _Contact(name, tradition, organisation, role, tags, status)
        if status != NEW:
            contact.met_days_ago = rng.randint(DEMO_MONTHS_DAYS + 10, 2400)
        # Only someone we already knew can have introduced us.
        introducers = [
            i
            for i, c in enumerate(cast)
            if c.met_days_ago and (status == NEW or c.met_days_ago > contact.met_days_ago)
        ]
        if introducers and rng.random() < 0.3:
            contact.introduced_by = rng.choice(introducers)
            contact.how_met = f"Introduced by {first_name(cast[contact.introduced_by].name)}"
        else:
            contact.how_met = rng.choice(HOW_MET).format(
                event=rng.choice(EVENTS), topic=rng.choice(TOPICS)
            )
        if rng.random() < 0.3:
            contact.notes = person_notes(rng, role, organisation, tradition)
        if rng.random() < 0.2:
            contact.cadence_days = rng.choice((14, 30, 60, 90))
        if status == QUIET and not any(c.archived for c in cast[len(FEATURED_CAST) :]):
            contact.archived = True  # moved on; kept for the history
        cast.append(contact)
    for contact in cast:
        domain = (
            email_domain(
                contact.organisation, brand_tradition[organisations[contact.organisation][0]]
            )
            if contact.organisation
            else "gmail.com"
        )
        contact.emails = [email(contact.name, domain)]
        if rng.random() < 0.25:
            contact.phones = [phone(rng, contact.tradition)]
        if contact.met_days_ago is not None:
            contact.met_on = today - dt.timedelta(days=contact.met_days_ago)
    return cast


def _copy_contact(contact: _Contact) -> _Contact:
    return _Contact(**{**contact.__dict__, "tags": list(contact.tags)})


def _demo_touches(rng: random.Random, cast: list[_Contact], today: dt.date) -> list[_Touch]:
    start = today - dt.timedelta(days=DEMO_MONTHS_DAYS)
    window_start = today - dt.timedelta(days=364)
    long_ago = today - dt.timedelta(days=400)  # safely outside the 365-day window
    active = [i for i, c in enumerate(cast) if c.status in ACTIVE]
    quiet = [i for i, c in enumerate(cast) if c.status == QUIET]
    group_kinds = Deck(rng, ("meeting", "meal", "event", "introduction", "video call", "email"))
    solo_kinds = Deck(
        rng,
        ("call", "video call", "email", "message", "meeting", "meal", "referral", "other")
        + ("call", "message", "meeting", "email", "video call"),
    )

    touches: list[_Touch] = []
    for count, pool, first, last in (
        (16, active, window_start + dt.timedelta(days=3), today),
        (7, active + quiet, start, long_ago),
    ):
        for _ in range(count):
            touches.append(_group_touch(rng, cast, pool, first, last, group_kinds.draw()))

    # One-to-one touches per status: (inside the window, before it).
    solo_counts = {
        WIN_WIN: ((4, 8), (1, 3)),
        YOU_GIVE_MORE: ((3, 6), (0, 2)),
        YOU_TAKE_MORE: ((3, 6), (0, 2)),
    }
    for index, contact in enumerate(cast):
        if contact.status in solo_counts:
            (in_low, in_high), (pre_low, pre_high) = solo_counts[contact.status]
            ranges = (
                (rng.randint(in_low, in_high), window_start + dt.timedelta(days=3), today),
                (rng.randint(pre_low, pre_high), start, window_start - dt.timedelta(days=10)),
            )
        elif contact.status == QUIET:
            ranges = ((rng.randint(3, 5), start, long_ago),)
        else:
            ranges = ((rng.randint(1, 2), today - dt.timedelta(days=75), today),)
        for count, first, last in ranges:
            for _ in range(count):
                day = working_day(first + dt.timedelta(days=rng.randint(0, (last - first).days)))
                touches.append(_Touch(day, [index], kind=solo_kinds.draw()))
    # Something to show on the Today page.
    touches.append(_Touch(today, [0], kind="video call"))
    touches.append(_Touch(today, [1], kind="message"))

    draws = {direction: Deck(rng, VALUES[direction]) for direction in (GIVEN, RECEIVED)}
    for index, contact in enumerate(cast):
        own = sorted((t for t in touches if index in t.people), key=lambda t: t.day)
        _settle_exchanges(rng, index, contact.status, own, window_start, draws)
        if contact.met_on is None or contact.met_on > own[0].day:
            contact.met_on = own[0].day

    for touch in touches:
        names = [cast[i].name for i in touch.people]
        touch.time = touch.time or time_of(rng, touch.kind)
        touch.title = interaction_title(rng, touch.kind, names, cast[touch.people[0]].organisation)
        if rng.random() < 0.25:
            touch.notes = interaction_notes(rng, names[0])
    touches.sort(key=lambda t: (t.day, t.time or dt.time(0)))
    return touches


def _group_touch(
    rng: random.Random,
    cast: list[_Contact],
    pool: list[int],
    first: dt.date,
    last: dt.date,
    kind: str,
) -> _Touch:
    anchor = rng.choice(pool)
    org = cast[anchor].organisation
    colleagues = [i for i in pool if i != anchor and org and cast[i].organisation == org]
    others = [i for i in pool if i != anchor and i not in colleagues]
    rng.shuffle(colleagues)
    rng.shuffle(others)
    company = colleagues + others if rng.random() < 0.6 else others + colleagues
    size = rng.choice((2, 2, 3))
    day = first + dt.timedelta(days=rng.randint(0, (last - first).days))
    if kind != "event":
        day = working_day(day)
    return _Touch(day, [anchor, *company[: size - 1]], kind=kind)


def _settle_exchanges(
    rng: random.Random,
    person: int,
    status: str,
    touches: list[_Touch],
    window_start: dt.date,
    draws: dict[str, Deck],
) -> None:
    """Give the person exchanges in their touches so their relationship gets ``status``.

    The margins are wider than the default settings need (a ratio of at most 2 for
    win-win, at least 3 for one-sided), so the status holds with the default ratio 2.5.
    """

    def add(touch: _Touch, direction: str) -> None:
        touch.exchanges.append((person, direction, draws[direction].draw()))

    if status == NEW:
        for n in range(rng.choice((1, 2))):
            add(touches[n % len(touches)], rng.choice((GIVEN, RECEIVED)))
        return

    lean = {WIN_WIN: 0.5, YOU_GIVE_MORE: 0.85, YOU_TAKE_MORE: 0.15, QUIET: 0.5}[status]
    for touch in touches:
        roll = rng.random()
        if roll < (0.4 if len(touch.people) > 1 else 0.15):
            continue  # nothing changed hands this time
        in_window = touch.day >= window_start
        direction = GIVEN if rng.random() < (lean if in_window else 0.5) else RECEIVED
        add(touch, direction)
        if roll > 0.85:  # value went both ways in one conversation
            add(touch, RECEIVED if direction == GIVEN else GIVEN)

    window = [t for t in touches if t.day >= window_start] or touches
    while True:
        given = received = count = 0
        for touch in touches:
            for who, direction, value in touch.exchanges:
                if who != person:
                    continue
                count += 1
                if touch.day >= window_start:
                    if direction == GIVEN:
                        given += value.points
                    else:
                        received += value.points
        if status == WIN_WIN:
            low, high = sorted((given, received))
            settled = low > 0 and high <= 2 * low
            needed = GIVEN if given <= received else RECEIVED
        elif status == YOU_GIVE_MORE:
            settled = given >= 3 * received and given > 0
            needed = GIVEN
        elif status == YOU_TAKE_MORE:
            settled = received >= 3 * given and received > 0
            needed = RECEIVED
        else:
            settled = True
            needed = rng.choice((GIVEN, RECEIVED))
        if settled and count >= 3:
            return
        add(rng.choice(window), needed)


def _write_people(cast: list[_Contact]) -> list[int]:
    ids: list[int] = []
    for contact in cast:
        added = people_cases.add_person(
            contact.name,
            organisation=contact.organisation,
            role=contact.role,
            emails=contact.emails,
            phones=contact.phones,
            how_met=contact.how_met,
            met_on=contact.met_on,
            introduced_by_id=(
                ids[contact.introduced_by] if contact.introduced_by is not None else None
            ),
            tags=contact.tags,
            notes=contact.notes,
            cadence_days=contact.cadence_days,
        )
        ids.append(added.id)
    return ids


def _write_interactions(touches: list[_Touch], person_ids: list[int]) -> list[tuple[_Touch, int]]:
    logged = []
    for touch in touches:
        data = interaction_cases.log_interaction(
            touch.day,
            touch.title,
            [person_ids[i] for i in touch.people],
            kind=touch.kind,
            notes=touch.notes,
            time=touch.time,
            exchanges=[
                ExchangeData(
                    person_id=person_ids[who],
                    direction=direction,
                    category=value.category,
                    points=value.points,
                    description=value.description,
                )
                for who, direction, value in touch.exchanges
            ],
        )
        logged.append((touch, data.id))
    return logged


def _write_promises(
    rng: random.Random,
    cast: list[_Contact],
    logged: list[tuple[_Touch, int]],
    person_ids: list[int],
    today: dt.date,
) -> None:
    def days_ago(low: int, high: int) -> list[tuple[_Touch, int]]:
        found = [
            (t, i)
            for t, i in logged
            if low <= (today - t.day).days <= high and cast[t.people[0]].status in ACTIVE
        ]
        return found or logged[-5:]

    # (how many, from interactions N to M days ago, due how many days after, status)
    plan = (
        (4, days_ago(20, 70), (5, 12), OPEN),  # overdue by now
        (4, days_ago(0, 10), None, OPEN),  # due within the week
        (2, days_ago(0, 30), (30, 45), OPEN),
        (8, days_ago(60, 500), (7, 21), KEPT),
        (2, days_ago(60, 500), (7, 21), DROPPED),
    )
    owed = Deck(rng, (I_OWE, THEY_OWE))
    for count, candidates, due_after, status in plan:
        for touch, interaction_id in rng.sample(candidates, min(count, len(candidates))):
            person = rng.choice(touch.people)
            owed_by = owed.draw()
            if due_after is None:
                due = today + dt.timedelta(days=rng.randint(0, 6))
            else:
                due = touch.day + dt.timedelta(days=rng.randint(*due_after))
            promise = promise_cases.add_promise(
                person_ids[person],
                owed_by,
                promise_text(rng, owed_by, cast[person].name),
                due=due,
                interaction_id=interaction_id,
            )
            if status != OPEN:
                closed_on = min(today, due + dt.timedelta(days=rng.randint(-5, 3)))
                promise_cases.set_status(promise.id, status, on=closed_on)


def _write_reflections(
    rng: random.Random, cast: list[_Contact], touches: list[_Touch], today: dt.date
) -> None:
    """Half the last 60 days, each about the day's interactions, with @mentions."""
    by_day: dict[dt.date, list[_Touch]] = defaultdict(list)
    for touch in touches:
        by_day[touch.day].append(touch)
    active = [i for i, c in enumerate(cast) if c.status in ACTIVE]
    for day in sorted(today - dt.timedelta(days=n) for n in rng.sample(range(60), 30)):
        lines = []
        for touch in by_day.get(day, [])[:3]:
            line = f"- {KIND_PHRASES[touch.kind]} @{cast[touch.people[0]].name}"
            if touch.exchanges:
                line += f" — {touch.exchanges[0][2].description}"
            lines.append(f"{line}.")
        if not lines:
            name = cast[rng.choice(active)].name
            lines.append(f"No meetings today. It has been a while since I spoke to @{name}.")
        lines += ["", rng.choice(CLOSING_LINES)]
        reflection_cases.save_reflection(day, "\n".join(lines))
