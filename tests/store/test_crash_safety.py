"""Crash safety: a save WinWin has acknowledged survives the process being killed at any
moment, and the journal stays whole.

A child process saves interactions one by one through the journal's use cases and prints
each save once the call has returned (acknowledged); the parent kills it with SIGKILL at a
random moment, again and again on the same journal, and after each round checks that
every acknowledged save is there, whole (participant, exchange, search index), and that
``PRAGMA integrity_check`` says ok. ``pytest -s`` prints the figures.

The kill window is measured from a point the child reports (its imports done, or its
first acknowledged save), not from its start: on a loaded machine the imports alone can
outlast a fixed window, and rounds killed before they saved anything would prove nothing.
"""

from __future__ import annotations

import datetime as dt
import os
import queue
import random
import signal
import subprocess
import sys
import textwrap
import threading
import time
from pathlib import Path

import pytest

from winwin_desktop.store import aggregates, close_journal, open_journal
from winwin_desktop.store.models import Exchange, Interaction, Participant, database

REPO = Path(__file__).resolve().parents[2]
ROUNDS = 30
TIME_BUDGET_S = 35.0
MIN_ROUNDS = 20
# How long a child may take to reach the point the kill window starts from (imports on a
# loaded 2-core machine); reaching it later is a failure, not a shorter window.
READY_TIMEOUT_S = 60.0
IMPORTED = "imported"

SAVER = textwrap.dedent(
    """
    import datetime as dt, sys
    from winwin_desktop.journal import interactions, people
    from winwin_desktop.journal.interactions import ExchangeData
    from winwin_desktop.store import open_journal

    print("imported", flush=True)
    open_journal(sys.argv[1])
    ada = people.find_person("Ada Lovelace") or people.add_person("Ada Lovelace")
    prefix, number = sys.argv[2], 0
    while True:
        number += 1
        title = f"{prefix}-{number}"
        interactions.log_interaction(
            dt.date(2026, 1, 1) + dt.timedelta(days=number % 365),
            title,
            [ada.id],
            notes="Talked about the launch. " * 20,
            exchanges=[ExchangeData(ada.id, "given", "advice", 3, f"advice for {title}")],
        )
        print(title, flush=True)
    """
)


def run_and_kill(journal: Path, prefix: str, after_s: float, *, from_first_save: bool) -> list[str]:
    """Start a saver and SIGKILL it ``after_s`` seconds after it finished its imports, or
    after its first acknowledged save; the saves it acknowledged."""
    child = subprocess.Popen(
        [sys.executable, "-c", SAVER, str(journal), prefix],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, "PYTHONPATH": str(REPO)},
        cwd=REPO,
    )
    lines: queue.Queue[str | None] = queue.Queue()

    def read() -> None:
        for line in child.stdout:
            lines.put(line.strip())
        lines.put(None)  # the child's output ended

    reader = threading.Thread(target=read)
    reader.start()
    acknowledged: list[str] = []
    start_after = f"{prefix}-1" if from_first_save else IMPORTED
    deadline = time.monotonic() + READY_TIMEOUT_S
    while True:
        try:
            line = lines.get(timeout=max(0.0, deadline - time.monotonic()))
        except queue.Empty:
            line = None
        if line is None:
            child.kill()
            child.wait(10)
            reader.join(10)
            pytest.fail(
                f"the saver did not reach {start_after!r} in {READY_TIMEOUT_S:.0f} s: "
                f"{child.stderr.read()}"
            )
        if line != IMPORTED:
            acknowledged.append(line)
        if line == start_after:
            break
    time.sleep(after_s)
    running = child.poll() is None
    child.send_signal(signal.SIGKILL)
    child.wait(10)
    reader.join(10)
    if not running:
        pytest.fail(f"the saver stopped by itself: {child.stderr.read()}")
    child.stderr.close()
    while (line := lines.get()) is not None:
        acknowledged.append(line)
    return acknowledged


def test_acknowledged_saves_survive_sigkill_at_random_moments(tmp_path):
    journal = tmp_path / "journal.db"
    rng = random.Random(os.environ.get("WINWIN_CRASH_SEED", "winwin"))
    started = time.monotonic()
    rounds = acknowledged_total = lost_total = in_flight_total = 0
    while rounds < ROUNDS and (rounds < MIN_ROUNDS or time.monotonic() - started < TIME_BUDGET_S):
        prefix = f"r{rounds}"
        acknowledged = run_and_kill(journal, prefix, rng.uniform(0.0, 1.0), from_first_save=True)
        rounds += 1
        acknowledged_total += len(acknowledged)

        db = open_journal(journal)
        try:
            assert db.execute_sql("PRAGMA integrity_check").fetchone()[0] == "ok"
            assert db.execute_sql("PRAGMA foreign_key_check").fetchall() == []
            saved = {
                title: interaction_id
                for interaction_id, title in Interaction.select(Interaction.id, Interaction.title)
                .where(Interaction.title.startswith(f"{prefix}-"))
                .tuples()
            }
            lost = [title for title in acknowledged if title not in saved]
            lost_total += len(lost)
            in_flight_total += len(set(saved) - set(acknowledged))
            assert not lost, f"round {rounds}: acknowledged but missing: {lost}"
            # Each save is whole: its participant and exchange came with it, in one transaction.
            ids = list(saved.values())
            if ids:
                assert Participant.select().where(Participant.interaction.in_(ids)).count() == len(
                    ids
                )
                exchanges = Exchange.select().where(Exchange.interaction.in_(ids))
                assert exchanges.count() == len(ids)
                undated = db.execute_sql(
                    "SELECT COUNT(*) FROM exchange WHERE day IS NULL"
                ).fetchone()[0]
                assert undated == 0  # the totals trigger ran in the same transaction
            live = Interaction.select().where(Interaction.deleted_at.is_null()).count()
            indexed = db.execute_sql("SELECT COUNT(*) FROM search_interaction").fetchone()[0]
            assert indexed == live
        finally:
            close_journal()

    elapsed = time.monotonic() - started
    print(
        f"\ncrash safety: {rounds} rounds of SIGKILL in {elapsed:.1f} s, "
        f"{acknowledged_total} acknowledged saves, {lost_total} lost, "
        f"{in_flight_total} saved but not yet acknowledged when killed"
    )
    assert rounds >= MIN_ROUNDS
    assert acknowledged_total > rounds, "no kill landed after a second save: the test proves little"
    assert lost_total == 0


def test_a_new_journal_killed_while_it_is_being_created_opens_whole(tmp_path):
    """Killed during the first open (migrations, triggers, the first save), a new journal
    opens next time with its schema, triggers and search index complete."""
    rng = random.Random("new journals")
    for number in range(6):
        journal = tmp_path / f"journal-{number}.db"
        run_and_kill(journal, "first", rng.uniform(0.0, 0.4), from_first_save=False)
        db = open_journal(journal)
        try:
            assert db.execute_sql("PRAGMA integrity_check").fetchone()[0] == "ok"
            triggers = {
                row[0]
                for row in db.execute_sql("SELECT name FROM sqlite_master WHERE type = 'trigger'")
            }
            assert set(aggregates.TRIGGERS) <= triggers
            assert "search_person_on_insert" in triggers
        finally:
            close_journal()


def test_stopped_between_the_migrations_and_the_triggers_the_triggers_are_put_back(
    new_journal_path, monkeypatch
):
    def killed_here(db):
        raise KeyboardInterrupt  # stands in for the process dying at this point

    monkeypatch.setattr(aggregates, "install", killed_here)
    with pytest.raises(KeyboardInterrupt):
        open_journal(new_journal_path)
    monkeypatch.undo()
    database.initialize(None)

    open_journal(new_journal_path)
    try:
        from winwin_desktop.journal import interactions, people, search
        from winwin_desktop.journal.interactions import ExchangeData

        ada = people.add_person("Ada Lovelace")
        interactions.log_interaction(
            dt.date(2026, 3, 1),
            "Tea",
            [ada.id],
            exchanges=[ExchangeData(ada.id, "received", "advice", 2)],
        )
        assert [hit.title for hit in search.search("lovelace")][:1] == ["Ada Lovelace"]
        day = database.execute_sql("SELECT day FROM exchange").fetchone()[0]
        assert str(day) == "2026-03-01"  # copied by the totals trigger
    finally:
        close_journal()
