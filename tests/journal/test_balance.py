"""The journal's balances: the grouped query agrees with the analytics, deleted rows never count."""

from __future__ import annotations

import datetime as dt

import pytest

from tests.helpers.journals import build_demo_journal
from winwin_desktop.analytics import QUIET, WIN_WIN, YOU_TAKE_MORE
from winwin_desktop.journal import balance, interactions, people, settings
from winwin_desktop.journal.interactions import ExchangeData as X

pytestmark = pytest.mark.both_journal_kinds

TODAY = dt.date(2026, 11, 27)


def test_status_table_agrees_with_the_analytics_on_the_demo(tmp_path, passphrase):
    build_demo_journal(tmp_path / "demo.db", passphrase, today=TODAY)
    from_records = balance.balances(TODAY)
    from_query = balance.status_table(TODAY)
    assert from_records.keys() <= from_query.keys()
    for person_id, expected in from_records.items():
        assert from_query[person_id] == expected
    assert len({b.status for b in from_query.values()}) == 5


def test_deleted_rows_never_count_and_settings_apply(journal):
    ada = people.add_person("Ada").id
    bo = people.add_person("Bo").id
    for day, direction, points in (
        ("2026-10-01", "given", 2),
        ("2026-10-02", "received", 4),
        ("2026-10-03", "received", 1),
    ):
        interactions.log_interaction(
            day, "x", [ada, bo], exchanges=[X(ada, direction, "advice", points)]
        )
    gone = interactions.log_interaction(
        "2026-10-04", "y", [ada], exchanges=[X(ada, "received", "gift", 5)]
    )
    interactions.delete_interaction(gone.id)
    table = balance.status_table(TODAY)
    # G=2, R=5: 5/2 = 2.5, exactly at the threshold → win-win.
    assert (table[ada].status, table[ada].given_window, table[ada].received_window) == (
        WIN_WIN,
        2,
        5,
    )
    assert table[bo].exchanges == 0
    settings.set_setting("ratio_threshold", 2.0)
    assert balance.status_table(TODAY)[ada].status == YOU_TAKE_MORE
    settings.set_setting("review_window_days", 30)
    assert balance.status_table(dt.date(2026, 12, 31))[ada].status == QUIET
    people.delete_person(ada)
    assert ada not in balance.status_table(TODAY)
    assert balance.exchange_records() == []
