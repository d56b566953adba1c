"""The generated journals: the demo a new user explores, and the benchmarks' reference.

The demo must show every win-win status of DESIGN.md under the default settings (a
365-day window ending today, a ratio of 2.5, "new" below 3 exchanges ever), so the
statuses are computed here straight from the stored rows with those rules.
"""

import datetime as dt
import tempfile
import uuid
from collections import Counter, defaultdict

import pytest
from peewee import JOIN, fn

from winwin_desktop import demo
from winwin_desktop.analytics import (
    NEW,
    QUIET,
    STATUSES,
    WIN_WIN,
    YOU_GIVE_MORE,
    YOU_TAKE_MORE,
    ExchangeRecord,
    StatusRules,
    person_balances,
)
from winwin_desktop.journal import people
from winwin_desktop.journal.settings import DEFAULTS
from winwin_desktop.store import JournalError, close_journal, open_journal
from winwin_desktop.store.models import (
    Exchange,
    Interaction,
    Mention,
    Participant,
    Person,
    PersonTag,
    Promise,
    Reflection,
    Tag,
    database,
)

TODAY = dt.date(2026, 11, 27)
WINDOW_FIRST_DAY = TODAY - dt.timedelta(days=364)  # 365 days, today included
SMALL = {
    "people": 200,
    "interactions": 2_000,
    "exchanges": 4_000,
    "promises": 200,
    "reflection_days": 60,
}


@pytest.fixture(scope="module")
def demo_file(tmp_path_factory):
    """One demo journal for the read-only tests of this module (it takes a second)."""
    path = demo.build_demo(tmp_path_factory.mktemp("demo") / "demo.db", today=TODAY)
    close_journal()
    return path


@pytest.fixture
def demo_journal(demo_file):
    db = open_journal(demo_file)
    yield db
    close_journal()


@pytest.fixture
def closing():
    """Close whatever journal a build left open."""
    yield
    close_journal()


def exchange_rows():
    """(person id, day, direction, points, category, interaction id, title) of live rows."""
    return list(
        Exchange.select(
            Exchange.person,
            Interaction.date,
            Exchange.direction,
            Exchange.points,
            Exchange.category,
            Interaction.id,
            Interaction.title,
        )
        .join(Interaction)
        .where(Exchange.deleted_at.is_null() & Interaction.deleted_at.is_null())
        .tuples()
    )


def exchanges_outside_their_interaction() -> int:
    """How many exchanges are with someone who did not take part in the interaction."""
    return (
        Exchange.select()
        .join(
            Participant,
            JOIN.LEFT_OUTER,
            on=(Participant.interaction == Exchange.interaction)
            & (Participant.person == Exchange.person),
        )
        .where(Participant.id.is_null())
        .count()
    )


def statuses_by_the_rules() -> dict[int, str]:
    """Each person's status, computed with DESIGN.md's table and its default settings."""
    ever: Counter[int] = Counter()
    given: Counter[int] = Counter()
    received: Counter[int] = Counter()
    for person, day, direction, points, *_ in exchange_rows():
        ever[person] += 1
        if WINDOW_FIRST_DAY <= day <= TODAY:
            (given if direction == "given" else received)[person] += points
    statuses = {}
    for person in Person.select(Person.id).where(Person.deleted_at.is_null()):
        g, r = given[person.id], received[person.id]
        if ever[person.id] < 3:
            statuses[person.id] = NEW
        elif g == 0 and r == 0:
            statuses[person.id] = QUIET
        elif g > 0 and r > 0 and max(g, r) / min(g, r) <= 2.5:
            statuses[person.id] = WIN_WIN
        elif r == 0 or g / r > 2.5:
            statuses[person.id] = YOU_GIVE_MORE
        else:
            statuses[person.id] = YOU_TAKE_MORE
    return statuses


def snapshot() -> dict:
    """What a user would see of the journal, without row ids or timestamps."""
    name = {p.id: p.name for p in Person.select(Person.id, Person.name)}
    return {
        "people": [
            (s.name, s.organisation, s.role, s.tags, s.given, s.received, s.interactions)
            + (s.last_contact, s.archived)
            for s in people.people_summaries()
        ],
        "profiles": [
            (p.name, p.emails, p.phones, p.how_met, p.met_on, p.notes, p.cadence_days)
            for p in Person.select().order_by(Person.id)
        ],
        "interactions": [
            (i.date, i.time, i.kind, i.title, i.notes)
            for i in Interaction.select().order_by(Interaction.id)
        ],
        "exchanges": [
            (e.interaction_id, name[e.person_id], e.direction, e.category, e.points, e.description)
            for e in Exchange.select().order_by(Exchange.id)
        ],
        "promises": [
            (name[p.person_id], p.owed_by, p.text, p.due, p.status, p.closed_on)
            for p in Promise.select().order_by(Promise.id)
        ],
        "reflections": [(r.day, r.text, r.answers) for r in Reflection.select()],
    }


# ---------------------------------------------------------------------------------------
# The demo


def test_demo_has_about_forty_people_across_a_dozen_organisations(demo_journal):
    everyone = list(Person.select())
    organisations = {p.organisation for p in everyone if p.organisation}
    names = {p.name for p in everyone}

    assert 35 <= len(everyone) <= 45
    assert len(organisations) >= 10
    assert {"Zoë Brontë-Nuñez", "Piotr Kowalski", "Rahel Tesfaye", "Minh Hoang"} <= names
    assert {"Acme Robotics", "Gdańsk Shipping Tech"} <= organisations
    assert sum(not p.name.isascii() for p in everyone) >= 10
    assert len(names) == len(everyone)
    assert all(p.role and p.emails and p.how_met and p.met_on for p in everyone)
    assert 3 <= sum(bool(p.phones) for p in everyone) < len(everyone)
    assert sum(p.cadence_days is not None for p in everyone) >= 3
    assert sum(p.introduced_by_id is not None for p in everyone) >= 3
    assert sum(("**" in p.notes or "## " in p.notes) for p in everyone) >= 3
    assert 1 <= sum(p.archived for p in everyone) <= 2
    tags = Counter(t.name for t in Tag.select().join(PersonTag))
    assert set(tags) == {"client", "investor", "mentor", "partner", "supplier", "press", "alumni"}
    assert Tag.get(Tag.name == "client").cadence_days == 30


def test_demo_introducers_were_met_before_the_people_they_introduced(demo_journal):
    for person in Person.select().where(Person.introduced_by.is_null(False)):
        assert person.introduced_by.met_on <= person.met_on, person.name


def test_demo_interactions_span_eighteen_months_with_every_kind(demo_journal):
    first, last = Interaction.select(fn.MIN(Interaction.date), fn.MAX(Interaction.date)).scalar(
        as_tuple=True
    )
    first, last = dt.date.fromisoformat(str(first)), dt.date.fromisoformat(str(last))
    kinds = Counter(i.kind for i in Interaction.select())
    sizes = Counter(
        Participant.select().where(Participant.interaction == i.id).count()
        for i in Interaction.select(Interaction.id)
    )

    assert TODAY - dt.timedelta(days=560) <= first <= TODAY - dt.timedelta(days=520)
    assert last == TODAY
    assert set(kinds) == set(DEFAULTS["kinds"])
    assert 200 <= sum(kinds.values()) <= 450
    assert sizes[2] >= 5 and sizes[3] >= 3
    assert set(sizes) <= {1, 2, 3}
    assert all(i.title for i in Interaction.select())
    assert Interaction.select().where(Interaction.notes.contains("- ")).count() >= 10


def test_demo_exchanges_go_both_ways_in_every_category_and_every_point(demo_journal):
    rows = exchange_rows()
    pairs = {(direction, category) for _, _, direction, _, category, _, _ in rows}
    points = {(direction, p) for _, _, direction, p, _, _, _ in rows}

    assert pairs == {(d, c) for d in ("given", "received") for c in DEFAULTS["categories"]}
    assert points == {(d, p) for d in ("given", "received") for p in range(1, 6)}
    descriptions = {e.description for e in Exchange.select()}
    assert {
        "shared the market map",
        "intro to their CFO",
        "reviewed the pitch deck",
    } <= descriptions


def test_demo_exchanges_are_with_participants_of_their_interaction(demo_journal):
    assert exchanges_outside_their_interaction() == 0


def test_demo_shows_every_win_win_status(demo_journal):
    statuses = statuses_by_the_rules()
    counts = Counter(statuses.values())

    assert set(counts) == set(STATUSES)
    assert counts[WIN_WIN] >= 5
    assert counts[YOU_GIVE_MORE] >= 3
    assert counts[YOU_TAKE_MORE] >= 3
    assert counts[NEW] >= 2
    assert counts[QUIET] >= 2
    name = {p.id: p.name for p in Person.select()}
    assert statuses[Person.get(Person.name == "Zoë Brontë-Nuñez").id] == WIN_WIN
    assert statuses[Person.get(Person.name == "Rahel Tesfaye").id] == YOU_GIVE_MORE
    assert statuses[Person.get(Person.name == "Minh Hoang").id] == YOU_TAKE_MORE

    per_person = defaultdict(list)
    for person, day, *_ in exchange_rows():
        per_person[person].append(day)
    for person, status in statuses.items():
        if status == NEW:
            assert 1 <= len(per_person[person]) <= 2, name[person]
        if status == QUIET:
            assert len(per_person[person]) >= 3, name[person]
            assert max(per_person[person]) < WINDOW_FIRST_DAY, name[person]


def test_demo_statuses_agree_with_the_analytics(demo_journal):
    records = [ExchangeRecord(*row) for row in exchange_rows()]
    balances = person_balances(records, TODAY, StatusRules())

    assert {pid: b.status for pid, b in balances.items()} == statuses_by_the_rules()


def test_demo_promises_go_both_ways_some_overdue_some_due_soon_some_kept(demo_journal):
    promises = list(Promise.select())
    open_ones = [p for p in promises if p.status == "open"]
    overdue = [p for p in open_ones if p.due < TODAY]
    due_soon = [p for p in open_ones if TODAY <= p.due <= TODAY + dt.timedelta(days=7)]

    assert {p.owed_by for p in promises} == {"me", "them"}
    assert {p.owed_by for p in overdue} == {"me", "them"}
    assert len(overdue) >= 2 and len(due_soon) >= 2
    assert Counter(p.status for p in promises)["kept"] >= 3
    assert all(p.closed_on for p in promises if p.status != "open")
    for promise in promises:
        assert promise.text
        assert promise.interaction.date <= promise.due
        assert (
            Participant.select()
            .where(
                (Participant.interaction == promise.interaction_id)
                & (Participant.person == promise.person_id)
            )
            .exists()
        )


def test_demo_reflections_cover_half_the_last_sixty_days_and_mention_people(demo_journal):
    reflections = list(Reflection.select())

    assert 25 <= len(reflections) <= 35
    assert all(TODAY - dt.timedelta(days=59) <= r.day <= TODAY for r in reflections)
    for reflection in reflections:
        mentioned = [
            m.person.name for m in Mention.select().where(Mention.reflection == reflection)
        ]
        assert mentioned, reflection.day
        for name in mentioned:
            assert f"@{name}" in reflection.text


def test_demo_with_the_same_seed_is_identical(tmp_path, closing):
    demo.build_demo(tmp_path / "a.db", seed=11, today=TODAY)
    first = snapshot()
    demo.build_demo(tmp_path / "b.db", seed=11, today=TODAY)
    second = snapshot()
    demo.build_demo(tmp_path / "c.db", seed=12, today=TODAY)
    other_seed = snapshot()

    assert first == second
    assert first["interactions"] != other_seed["interactions"]
    assert Counter(statuses_by_the_rules().values()).keys() == set(STATUSES)


def test_demo_refuses_a_journal_that_already_has_people(tmp_path, closing):
    path = demo.build_demo(tmp_path / "demo.db", today=TODAY)
    count = Person.select().count()

    with pytest.raises(JournalError, match="already holds people"):
        demo.build_demo(path, today=TODAY)
    assert Person.select().count() == count


def test_demo_path_is_a_new_temporary_folder(tmp_path, monkeypatch, isolated_home):
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    first, second = demo.demo_path(), demo.demo_path()

    assert first.name == second.name == "demo.db"
    assert first.parent != second.parent
    assert first.parent.parent == tmp_path
    assert first.parent.name.startswith("winwin-demo-")
    assert first.parent.is_dir() and not any(first.parent.iterdir())
    assert isolated_home not in first.parents


# ---------------------------------------------------------------------------------------
# The reference journal, at a small scale


def test_large_build_has_exactly_the_asked_counts_and_a_sound_file(tmp_path, closing):
    fractions = []
    demo.build_large(tmp_path / "large.db", today=TODAY, progress=fractions.append, **SMALL)

    assert Person.select().count() == SMALL["people"]
    assert Interaction.select().count() == SMALL["interactions"]
    assert Exchange.select().count() == SMALL["exchanges"]
    assert Promise.select().count() == SMALL["promises"]
    assert Reflection.select().count() == SMALL["reflection_days"]
    assert database.execute_sql("PRAGMA integrity_check").fetchall() == [("ok",)]
    assert database.execute_sql("PRAGMA foreign_key_check").fetchall() == []
    assert fractions == sorted(fractions) and fractions[-1] == 1.0


def test_large_build_rows_look_like_a_real_journal(tmp_path, closing):
    demo.build_large(tmp_path / "large.db", today=TODAY, **SMALL)

    for model in (Person, Interaction, Participant, Exchange, Promise, Reflection, Mention):
        uids = [row.uid for row in model.select(model.uid)]
        assert len(set(uids)) == len(uids)
        assert all(uuid.UUID(u).version == 4 for u in uids)
        assert not model.select().where(model.created_at.is_null()).exists()
        assert not model.select().where(model.updated_at.is_null()).exists()
    days = [i.date for i in Interaction.select(Interaction.date)]
    assert TODAY - dt.timedelta(days=3 * 365) < min(days) and max(days) <= TODAY
    assert exchanges_outside_their_interaction() == 0
    per_person = sorted(
        (
            c
            for _, c in Participant.select(Participant.person, fn.COUNT(Participant.id))
            .group_by(Participant.person)
            .tuples()
        ),
        reverse=True,
    )
    # A heavy tail: the busiest person takes part in a tenth of everything.
    assert per_person[0] >= SMALL["interactions"] // 10
    assert per_person[len(per_person) // 2] < 20
    assert {i.kind for i in Interaction.select(Interaction.kind)} == set(DEFAULTS["kinds"])
    assert {e.category for e in Exchange.select(Exchange.category)} == set(DEFAULTS["categories"])
    assert Promise.select().where((Promise.status == "open") & (Promise.due < TODAY)).exists()
    assert Mention.select().count() >= SMALL["reflection_days"]


def test_large_build_with_the_same_seed_is_identical(tmp_path, closing):
    def contents():
        return {
            model.__name__: list(model.select().order_by(model.id).tuples())
            for model in (Person, PersonTag, Interaction, Participant, Exchange, Promise)
        }

    demo.build_large(tmp_path / "a.db", today=TODAY, **SMALL)
    first = contents()
    demo.build_large(tmp_path / "b.db", today=TODAY, **SMALL)

    assert contents() == first
