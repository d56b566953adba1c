"""Search and the people totals mean the same on a SQLite file and on PostgreSQL: the
same records written by the same use cases into both, the same questions, the same
answers — and the answers a user expects."""

from __future__ import annotations

import contextlib
import datetime as dt
from collections.abc import Iterator

import pytest

from winwin_desktop.analytics import category_totals, monthly_series
from winwin_desktop.journal import balance, interactions, people, reflections, trash
from winwin_desktop.journal.interactions import ExchangeData as X
from winwin_desktop.journal.person_page import person_page
from winwin_desktop.journal.search import search
from winwin_desktop.store import close_journal, open_journal, recording
from winwin_desktop.store.connection import database, is_server
from winwin_desktop.store.models import Reflection

pytestmark = pytest.mark.needs_server

TODAY = dt.date(2026, 11, 27)
ENGINES = ("sqlite", "postgresql")


class Engines:
    """A journal on each engine, opened in turn (one journal is open at a time): a file,
    and the run's database on the server of WINWIN_TEST_DB_URL (emptied for the test)."""

    def __init__(self, path, url: str) -> None:
        self.where = {"sqlite": path, "postgresql": url}

    def each(self, action):
        """``action()``'s answer on each engine, by engine."""
        answers = {}
        for engine in ENGINES:
            open_journal(self.where[engine])
            assert is_server() == (engine == "postgresql")
            try:
                answers[engine] = action()
            finally:
                close_journal()
        return answers


@pytest.fixture
def engines(tmp_path, journal_path):
    return Engines(tmp_path / "journal.db", journal_path)


# ---- search -------------------------------------------------------------------------


def the_records() -> None:
    """People, interactions, exchanges, a promise and a reflection, with accents, an
    address, phrases and near-phrases."""
    zoe = people.add_person(
        "Zoë Brontë-Nuñez",
        organisation="Gdańsk Shipping Tech",
        role="Head of Partnerships",
        tags=["client"],
        notes="Write to zoe@acme.com first; the market map is hers.",
    ).id
    soren = people.add_person(
        "Søren Ødegaard", organisation="Tromsø Fisk", how_met="Kristiansand trade fair"
    ).id
    kristina = people.add_person("Kristina Åberg", tags=["investor"]).id
    jurgen = people.add_person("Jürgen Weiß", notes="Office on the Hauptstraße").id
    interactions.log_interaction(
        "2026-03-02",
        "Pricing call",
        [zoe, soren],
        kind="call",
        notes="Shared the market map; the Rotterdam tender (see acme.com/tender).",
        exchanges=[
            X(zoe, "given", "advice", 3, "reviewed the pitch deck"),
            X(soren, "received", "introduction", 4, "intro to Åberg's CFO"),
        ],
    )
    interactions.log_interaction(
        "2026-03-09",
        "A map of the market",
        [kristina],
        notes="Kristina asked about pricing; market notes for Zoë",
        exchanges=[X(kristina, "given", "knowledge", 2, "the market map")],
    )
    interactions.log_interaction(
        "2025-06-01",
        "Lunch",
        [jurgen],
        kind="meal",
        exchanges=[X(jurgen, "received", "gift", 2, "a crate of Weißbier")],
    )
    with recording("Reflect"):
        Reflection(
            day=dt.date(2026, 3, 2),
            text="Good energy with Søren; the harbour pilot looks likely.",
            answers={"What did I give?": "a sanity check on the pricing"},
        ).save()


# (query, what a user expects it to find: (kind, title) of every hit)
SEARCHES = [
    # Accents and case, both ways.
    ("soren", {("person", "Søren Ødegaard"), ("reflection", "Reflection of Monday 2 March 2026")}),
    ("SØREN ødegaard", {("person", "Søren Ødegaard")}),
    (
        "aberg",
        {("person", "Kristina Åberg"), ("exchange", "Received introduction 4 · Pricing call")},
    ),
    (
        "Åberg",
        {("person", "Kristina Åberg"), ("exchange", "Received introduction 4 · Pricing call")},
    ),
    ("zoë", {("person", "Zoë Brontë-Nuñez"), ("interaction", "A map of the market")}),
    ("gdansk", {("person", "Zoë Brontë-Nuñez")}),
    ("weissbier", {("exchange", "Received gift 2 · Lunch")}),
    ("hauptstrasse", {("person", "Jürgen Weiß")}),
    # Prefixes: what is typed so far.
    (
        "kri",
        {
            ("person", "Kristina Åberg"),
            ("person", "Søren Ødegaard"),
            ("interaction", "A map of the market"),
        },
    ),
    ("trom", {("person", "Søren Ødegaard")}),
    ("pricings", set()),
    # Phrases: the words in that order, whole words.
    (
        '"market map"',
        {
            ("person", "Zoë Brontë-Nuñez"),
            ("interaction", "Pricing call"),
            ("exchange", "Gave knowledge 2 · A map of the market"),
        },
    ),
    ('"map market"', set()),
    ('"mark map"', set()),
    ('"harbour pilot" energy', {("reflection", "Reflection of Monday 2 March 2026")}),
    # An address is words: zoe, acme, com.
    ("zoe@acme.com", {("person", "Zoë Brontë-Nuñez")}),
    ("acme", {("person", "Zoë Brontë-Nuñez"), ("interaction", "Pricing call")}),
    ("acme.com/tender", {("interaction", "Pricing call")}),
    ("com", {("person", "Zoë Brontë-Nuñez"), ("interaction", "Pricing call")}),
    # Tags, answers to the prompts.
    ("investor", {("person", "Kristina Åberg")}),
    ("sanity", {("reflection", "Reflection of Monday 2 March 2026")}),
    # Hostile: syntax of either engine is only words (or nothing).
    ("pricing & !tender", {("interaction", "Pricing call")}),
    (
        "pri:* | (",
        {
            ("interaction", "Pricing call"),
            ("interaction", "A map of the market"),
            ("reflection", "Reflection of Monday 2 March 2026"),
        },
    ),
    ("'; DROP TABLE person; --", set()),
    ('"""', set()),
    ("<-> & | ! : * ( )", set()),
    ("NEAR(pricing tender, 2)", set()),
    ("tender " * 700, {("interaction", "Pricing call")}),
    ("a" * 5000, set()),
    ("\\ % _ \x00", set()),
]


@pytest.fixture
def answers(engines):
    """Every search's hits on each engine: (kind, title, snippet) in ranked order."""
    engines.each(the_records)
    return engines.each(
        lambda: {
            query: [(hit.kind, hit.title, hit.snippet) for hit in search(query)]
            for query, _ in SEARCHES
        }
    )


def test_the_same_searches_find_the_same_records_on_both_engines(answers):
    for query, expected in SEARCHES:
        for engine in ENGINES:
            found = {(kind, title) for kind, title, _ in answers[engine][query]}
            assert found == expected, (engine, query)
        # The same snippets, marked alike.
        assert sorted(answers["sqlite"][query]) == sorted(answers["postgresql"][query]), query


def test_a_title_match_ranks_above_a_match_in_the_text_on_both_engines(engines):
    def ranked():
        someone = people.add_person("Rahel Tesfaye").id
        for day, title, notes in (
            ("2026-01-05", "Weekly sync", "We talked about the harbour at length"),
            ("2026-01-06", "Harbour visit", "Walked the docks"),
            ("2026-01-07", "Budget", "harbour harbour harbour, and more about the harbour"),
        ):
            interactions.log_interaction(day, title, [someone], notes=notes)
        return [hit.title for hit in search("harbour")]

    found = engines.each(ranked)
    for engine in ENGINES:
        assert found[engine][0] == "Harbour visit", engine
        assert set(found[engine]) == {"Weekly sync", "Harbour visit", "Budget"}


def test_the_index_follows_edits_deletes_and_undo_on_both_engines(engines):
    def steps():
        seen = []

        def look():
            seen.append(sorted((h.kind, h.title) for h in search("tender")))

        zoe = people.add_person("Zoë Brontë-Nuñez").id
        call = interactions.log_interaction(
            "2026-03-02",
            "Tender call",
            [zoe],
            exchanges=[X(zoe, "given", "advice", 3, "the tender text")],
        )
        look()
        with recording("Delete") as deleted:
            interactions.delete_interaction(call.id)
        look()
        deleted.undo()
        look()
        people.delete_person(zoe)
        look()
        people.restore_person(zoe)
        people.edit_person(zoe, name="Zoé Martin", notes="tender expert")
        look()
        return seen

    seen = engines.each(steps)
    assert seen["sqlite"] == seen["postgresql"]
    call = ("interaction", "Tender call")
    advice = ("exchange", "Gave advice 3 · Tender call")
    assert seen["postgresql"] == [
        [advice, call],
        [],
        [advice, call],
        [call],  # an exchange with someone in the trash is not found
        [advice, call, ("person", "Zoé Martin")],
    ]


# ---- the people totals ----------------------------------------------------------------


def totals() -> tuple:
    """Everything the people list, the person page and the overview read from the fast
    totals, and the same added up from the exchanges themselves."""
    records = balance.exchange_records()
    fast = balance.status_table(TODAY)
    slow = balance.balances(TODAY)
    assert {pid: b for pid, b in fast.items() if b.exchanges} == slow
    categories = balance.category_window_totals(TODAY)
    assert categories == category_totals(records, TODAY, balance.status_rules())
    start = dt.date(2025, 12, 1)
    months = balance.network_months(start, TODAY)
    assert months == monthly_series([r for r in records if r.day >= start], start=start, end=TODAY)
    summaries, _ = people.people_list(TODAY)
    return fast, categories, months, summaries, balance.category_window_totals(TODAY, "client")


def test_totals_are_equal_after_adding_editing_deleting_and_restoring_exchanges(engines):
    def steps():
        seen = []
        ada = people.add_person("Ada", tags=["client"]).id
        bo = people.add_person("Bo").id
        call = interactions.log_interaction(
            "2026-10-01",
            "Call",
            [ada, bo],
            exchanges=[X(ada, "given", "advice", 3), X(bo, "received", "gift", 2)],
        )
        interactions.log_interaction(
            "2025-01-05", "Old", [ada], exchanges=[X(ada, "received", "referral", 4)]
        )
        seen.append(totals())
        # Edit: more points, a new exchange, the call moved out of the window.
        call = interactions.get_interaction(call.id)
        edited = [
            X(ada, "given", "advice", 5, id=call.exchanges[0].id),
            X(bo, "received", "gift", 2, id=call.exchanges[1].id),
            X(bo, "given", "introduction", 4),
        ]
        interactions.edit_interaction(call.id, "2026-10-01", "Call", [ada, bo], exchanges=edited)
        seen.append(totals())
        with recording("Move") as moved:
            interactions.edit_interaction(
                call.id, "2024-06-01", "Call", [ada, bo], exchanges=edited[:2]
            )
        seen.append(totals())
        moved.undo()
        seen.append(totals())
        interactions.delete_interaction(call.id)
        seen.append(totals())
        interactions.restore_interaction(call.id)
        seen.append(totals())
        people.delete_person(bo)
        seen.append(totals())
        people.restore_person(bo)
        interactions.delete_interaction(call.id)
        trash.empty_trash()
        seen.append(totals())
        return seen

    seen = engines.each(steps)
    assert seen["sqlite"] == seen["postgresql"]
    after_edit = seen["postgresql"][1][0]
    # I gave Ada 5 in the window and received 4 from her before it; Bo: 4 and 2.
    ada, bo = sorted(after_edit)
    assert (after_edit[ada].given_window, after_edit[ada].received_total) == (5, 4)
    assert (after_edit[bo].given_window, after_edit[bo].received_window) == (4, 2)
    moved = seen["postgresql"][2][0]
    assert moved[ada].given_window == 0 and moved[ada].given_total == 5
    assert seen["postgresql"][4][0][bo].exchanges == 0  # the call in the trash
    emptied = seen["postgresql"][7]
    assert emptied[0][bo].exchanges == 0 and emptied[1] == {}


# ---- round trips ----------------------------------------------------------------------


@contextlib.contextmanager
def round_trips(monkeypatch) -> Iterator[list[str]]:
    """What is sent to the open journal and waited for: each statement, and each batch
    sent at once (a server's pipeline)."""
    db = database.obj
    counted: list[str] = []

    def counting(method):
        def wrapper(*args, **kwargs):
            counted.append(method.__name__)
            return method(*args, **kwargs)

        return wrapper

    with monkeypatch.context() as patch:
        patch.setattr(db, "execute_sql", counting(db.execute_sql))
        if is_server(db):
            connection = type(db.connection())
            patch.setattr(connection, "pipeline", counting(connection.pipeline))
        yield counted


def test_a_search_is_two_round_trips_to_a_server_whatever_it_finds(engines, monkeypatch):
    """Every kind's candidates in one batch, every hit's details in another: a server
    20 ms away adds 40 ms to a search, not 20 ms per kind and per detail."""

    def sent() -> dict[str, tuple[list[str], set[str]]]:
        the_records()
        trips = {}
        for query in ("zoe", "pricing", "market map", "kri soren"):
            with round_trips(monkeypatch) as counted:
                hits = search(query)
            trips[query] = (counted, {hit.kind for hit in hits})
        return trips

    trips = engines.each(sent)
    assert trips["postgresql"]["market map"][1] == {"person", "interaction", "exchange"}
    assert trips["postgresql"]["pricing"][1] == {"interaction", "reflection"}
    for query, (counted, _) in trips["postgresql"].items():
        assert counted == ["pipeline", "pipeline"], query
    assert {q: kinds for q, (_, kinds) in trips["sqlite"].items()} == {
        q: kinds for q, (_, kinds) in trips["postgresql"].items()
    }


def test_the_people_list_is_two_round_trips_to_a_server(engines, monkeypatch):
    """The people, their tags, their interactions and the rules' settings in one batch,
    then the totals over the review window those settings give."""

    def sent():
        the_records()
        with round_trips(monkeypatch) as counted:
            summaries, balances = people.people_list(TODAY)
        # The People page's reload asks for the rules too (its window column): read with them.
        with round_trips(monkeypatch) as again:
            *listed, rules = people.people_list_and_rules(TODAY)
        assert listed == [summaries, balances] and rules == balance.status_rules()
        return counted + again, summaries, balances

    seen = engines.each(sent)
    assert seen["postgresql"][0] == ["pipeline", "execute_sql"] * 2
    assert seen["sqlite"][1:] == seen["postgresql"][1:]
    names = [(s.name, s.tags, s.interactions, s.given, s.received) for s in seen["postgresql"][1]]
    assert names == [
        ("Jürgen Weiß", [], 1, 0, 2),
        ("Kristina Åberg", ["investor"], 1, 2, 0),
        ("Søren Ødegaard", [], 1, 0, 4),
        ("Zoë Brontë-Nuñez", ["client"], 1, 3, 0),
    ]


def test_opening_a_person_is_one_round_trip_and_shows_the_same_on_both_engines(
    engines, monkeypatch
):
    """Everything the person page shows on opening — profile, tags, introducer, standing,
    timeline, mentions, the settings — in one batch, whatever the person holds."""

    def sent():
        the_records()
        zoe = people.find_person("Zoë Brontë-Nuñez").id
        soren = people.find_person("Søren Ødegaard").id
        people.edit_person(soren, introduced_by_id=zoe, cadence_days=30)
        interactions.log_interaction(
            "2026-03-02", "Morning call", [soren], exchanges=[X(soren, "given", "help/time", 2)]
        )
        reflections.save_reflection("2026-03-05", "A long walk with @Søren Ødegaard")
        opened = {}
        for person in (soren, zoe):
            with round_trips(monkeypatch) as counted:
                page = person_page(person, timeline_limit=201, today=TODAY)
            opened[page.person.name] = (
                counted,
                (page.person.introduced_by_name, page.person.tags, page.person.cadence_days),
                (page.standing.status, page.given, page.received, page.interactions),
                (page.last_contact, page.default_cadence, page.rules),
                [(i.date, i.title, i.participant_names, len(i.exchanges)) for i in page.timeline],
                [m.day for m in page.mentions],
            )
        return opened

    seen = engines.each(sent)
    for name, (counted, *_) in seen["postgresql"].items():
        assert counted == ["pipeline"], name
    assert {n: shown[1:] for n, shown in seen["sqlite"].items()} == {
        n: shown[1:] for n, shown in seen["postgresql"].items()
    }
    soren = seen["postgresql"]["Søren Ødegaard"]
    assert soren[1] == ("Zoë Brontë-Nuñez", [], 30)
    assert soren[2][1:] == (2, 4, 2)
    assert soren[3][0] == dt.date(2026, 3, 2) and soren[3][1] == 60
    assert [row[1] for row in soren[4]] == ["Morning call", "Pricing call"]  # the later logged
    assert soren[5] == [dt.date(2026, 3, 5)]
