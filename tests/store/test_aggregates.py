"""The fast per-person totals stay equal to the analytics over the exchanges, through
edits, moves in time, deletes, undo and redo."""

from __future__ import annotations

import datetime as dt

import pytest

from tests.helpers.journals import build_demo_journal
from winwin_desktop.analytics import category_totals, monthly_series
from winwin_desktop.journal import balance, interactions, people
from winwin_desktop.journal.interactions import ExchangeData as X
from winwin_desktop.store import recording

pytestmark = pytest.mark.both_journal_kinds

TODAY = dt.date(2026, 11, 27)


def agrees_with_the_analytics() -> None:
    records = balance.exchange_records()
    slow = balance.balances(TODAY)
    fast = balance.status_table(TODAY)
    assert {pid: b for pid, b in fast.items() if b.exchanges} == slow
    assert balance.category_window_totals(TODAY) == category_totals(
        records, TODAY, balance.status_rules()
    )
    start = dt.date(2025, 12, 1)
    expected = monthly_series([r for r in records if r.day >= start], start=start, end=TODAY)
    assert balance.network_months(start, TODAY) == expected


def test_the_demo_journal(tmp_path, passphrase):
    build_demo_journal(tmp_path / "demo.db", passphrase, today=TODAY)
    agrees_with_the_analytics()
    tagged = people.ids_with_tag("investor")
    assert tagged
    records = [r for r in balance.exchange_records() if r.person_id in tagged]
    assert balance.category_window_totals(TODAY, "investor") == category_totals(
        records, TODAY, balance.status_rules()
    )


def test_moves_deletes_undo_and_redo(journal):
    ada = people.add_person("Ada").id
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
    agrees_with_the_analytics()
    assert balance.status_table(TODAY)[ada].given_window == 3
    # Moving the call out of the window moves its exchanges with it.
    with recording("move") as move:
        interactions.edit_interaction(
            call.id,
            "2024-06-01",
            "Call",
            [ada, bo],
            exchanges=[
                X(ada, "given", "advice", 3, id=call.exchanges[0].id),
                X(bo, "received", "gift", 2, id=call.exchanges[1].id),
            ],
        )
    agrees_with_the_analytics()
    assert balance.status_table(TODAY)[ada].given_window == 0
    move.undo()
    agrees_with_the_analytics()
    assert balance.status_table(TODAY)[ada].given_window == 3
    move.redo()
    agrees_with_the_analytics()
    with recording("delete") as delete:
        interactions.delete_interaction(call.id)
    agrees_with_the_analytics()
    assert balance.status_table(TODAY)[bo].exchanges == 0
    delete.undo()
    agrees_with_the_analytics()
    assert balance.status_table(TODAY)[bo].exchanges == 1
    people.delete_person(bo)
    agrees_with_the_analytics()
    assert balance.category_window_totals(TODAY) == {}  # the call is in 2024 now
