"""Snapshots, their retention, restore with its safety snapshot, and the health check."""

from __future__ import annotations

import datetime as dt
import re
import shutil
import sqlite3
import stat
from pathlib import Path

import pytest

from tests.helpers.journals import connect_raw, operational_errors
from winwin_desktop.journal import ValidationError, backups, people, settings
from winwin_desktop.journal.backups import SnapshotInfo
from winwin_desktop.store import JournalError, close_journal, snapshots

pytestmark = [
    pytest.mark.both_journal_kinds,
    pytest.mark.needs_file(
        "snapshots, restore and the health check copy and read the journal file (SQLite's backup API, integrity_check)"
    ),
]

NOON = dt.datetime(2026, 11, 27, 12, 0)


def names() -> list[str]:
    return [name for _, name in people.people_names()]


def snapshot_names(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir())


def corrupt(path: Path, passphrase: str | None) -> None:
    """Overwrite the first bytes of the person table's root page, as a failing disk might."""
    con = connect_raw(path, passphrase)
    try:
        page_size = int(con.execute("PRAGMA page_size").fetchone()[0])  # text from SQLCipher
        root = con.execute("SELECT rootpage FROM sqlite_master WHERE name = 'person'").fetchone()[0]
    finally:
        con.close()
    with path.open("r+b") as stream:
        stream.seek((root - 1) * page_size)
        stream.write(b"\xff" * 64)


@pytest.fixture
def ana(journal):
    return people.add_person("Ana Lima")


def test_back_up_now_writes_a_verified_owner_only_snapshot_beside_the_journal(
    ana, journal_path, passphrase
):
    taken = backups.back_up_now()
    assert taken.path.parent == journal_path.parent / "backups"
    assert taken.path.name.startswith("journal.") and taken.path.name.endswith(".manual.db")
    assert (taken.kind, taken.people, taken.interactions) == ("manual", 1, 0)
    assert stat.S_IMODE(taken.path.stat().st_mode) == 0o600
    # Self-contained: one file, in rollback mode, that reads without a -wal beside it.
    assert snapshot_names(taken.path.parent) == [taken.path.name]
    con = connect_raw(taken.path, passphrase, read_only=True)
    assert con.execute("PRAGMA journal_mode").fetchone()[0] == "delete"
    assert con.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    assert con.execute("SELECT name FROM person").fetchall() == [("Ana Lima",)]
    con.close()
    assert snapshot_names(taken.path.parent) == [taken.path.name]


def test_a_snapshot_holds_what_is_still_in_the_write_ahead_log(ana, journal_path, passphrase):
    # Copying journal.db would miss rows not yet checkpointed from journal.db-wal; the
    # backup API sees the journal as the connection does.
    people.add_person("Minh Hoang")
    assert Path(f"{journal_path}-wal").stat().st_size > 0
    copied = journal_path.parent / "copied.db"
    shutil.copy(journal_path, copied)
    con = connect_raw(copied, passphrase)
    try:
        copied_people = con.execute("SELECT COUNT(*) FROM person").fetchone()[0]
    except operational_errors():  # even the tables are still only in the WAL
        copied_people = 0
    finally:
        con.close()
    taken = backups.back_up_now()
    assert copied_people < 2 == taken.people


def test_a_snapshot_that_fails_to_verify_leaves_no_file(ana, journal_path, monkeypatch):
    def failing(target, db=None, **_options):
        Path(target).write_bytes(b"half a snapshot")
        raise JournalError(f"The snapshot {target} did not verify; the journal was not changed.")

    monkeypatch.setattr(snapshots, "backup_to", failing)
    with pytest.raises(JournalError, match="did not verify"):
        backups.back_up_now()
    assert snapshot_names(journal_path.parent / "backups") == []


def test_backup_to_a_chosen_place(ana, tmp_path):
    target = tmp_path / "elsewhere" / "mine.db"
    taken = backups.take_snapshot(target=target)
    assert taken.path == target and taken.people == 1
    with pytest.raises(ValidationError, match="already exists"):
        backups.take_snapshot(target=target)
    into_folder = backups.take_snapshot(target=tmp_path / "elsewhere", now=NOON)
    assert into_folder.path.name == "journal.2026-11-27T12-00-00.manual.db"


def test_two_snapshots_in_the_same_second_both_stay(ana):
    first = backups.take_snapshot(now=NOON)
    second = backups.take_snapshot(now=NOON)
    assert first.path != second.path
    assert second.path.name == "journal.2026-11-27T12-00-00-2.manual.db"
    assert [s.taken_at for s in backups.list_snapshots()] == [NOON, NOON]


def test_the_first_start_of_each_day_takes_one_snapshot(ana):
    first = backups.snapshot_at_start(now=NOON)
    assert first is not None and first.kind == "start"
    assert backups.snapshot_at_start(now=NOON + dt.timedelta(hours=3)) is None
    people.add_person("Minh Hoang")
    tomorrow = backups.snapshot_at_start(now=NOON + dt.timedelta(days=1))
    assert tomorrow is not None and tomorrow.people == 2
    assert len(backups.list_snapshots()) == 2


def test_quitting_takes_a_snapshot_and_keeps_the_days_latest(ana):
    backups.snapshot_at_quit(now=NOON - dt.timedelta(days=1))
    backups.snapshot_at_quit(now=NOON)
    people.add_person("Minh Hoang")
    latest = backups.snapshot_at_quit(now=NOON + dt.timedelta(minutes=5))
    found = backups.list_snapshots()
    assert [(s.kind, s.taken_at, s.people) for s in found] == [
        ("quit", latest.taken_at, 2),
        ("quit", NOON - dt.timedelta(days=1), 1),
    ]


def test_the_quit_snapshot_is_kept_when_taken_in_the_same_second_as_others(ana):
    # A window opened and closed within one second: its start and its quit snapshot.
    backups.snapshot_at_start(now=NOON)
    people.add_person("Minh Hoang")
    quit = backups.snapshot_at_quit(now=NOON)
    assert [(s.path, s.kind, s.people) for s in backups.list_snapshots()] == [
        (quit.path, "quit", 2)
    ]
    # Two quits in one second (a restart): the later one, with what was added between.
    people.add_person("Rahel Tesfaye")
    again = backups.snapshot_at_quit(now=NOON)
    assert [(s.path, s.kind, s.people) for s in backups.list_snapshots()] == [
        (again.path, "quit", 3)
    ]


def test_list_snapshots_newest_first_with_counts_and_skips_other_files(ana, journal_path):
    backups.take_snapshot(backups.START, now=NOON - dt.timedelta(days=1))
    people.add_person("Minh Hoang")
    backups.take_snapshot(backups.QUIT, now=NOON)
    folder = journal_path.parent / "backups"
    (folder / "notes.db").write_text("not a journal")
    found = backups.list_snapshots()
    assert [(s.kind, s.people, s.taken_at) for s in found] == [
        ("quit", 2, NOON),
        ("start", 1, NOON - dt.timedelta(days=1)),
    ]
    assert found[0].describe() == "2026-11-27 12:00 (on quit): 2 people, 0 interactions"


def at(day: str, hour: int = 9, kind: str = "start") -> SnapshotInfo:
    moment = dt.datetime.fromisoformat(day).replace(hour=hour)
    return SnapshotInfo(Path(f"{day}-{hour}.db"), moment, kind, 0, 0, 0)


def test_retention_keeps_the_last_days_then_the_last_weeks_before_them():
    # Two snapshots a day (start and quit) from 2026-09-01 (a Tuesday) to 2026-11-27.
    snapshots = []
    day = dt.date(2026, 9, 1)
    while day <= dt.date(2026, 11, 27):
        snapshots += [at(day.isoformat(), 9), at(day.isoformat(), 18, "quit")]
        day += dt.timedelta(days=1)
    kept = backups.retained(snapshots, daily=7, weekly=4)
    kept_times = sorted(s.taken_at for s in kept)
    # The newest of each of the last 7 days: 21 to 27 November, each at its quit.
    daily = [dt.datetime(2026, 11, d, 18) for d in range(21, 28)]
    # Then the newest of each of the 4 weeks before: the week of Mon 16 Nov ends on
    # Fri 20 Nov (the 21st is a daily one), then the Sundays 15, 8 and 1 November.
    weekly = [dt.datetime(2026, 11, d, 18) for d in (1, 8, 15, 20)]
    assert kept_times == weekly + daily


def test_retention_with_gaps_counts_days_that_have_snapshots():
    snapshots = [at("2026-11-27"), at("2026-11-20"), at("2026-11-01"), at("2026-06-01")]
    kept = backups.retained(snapshots, daily=2, weekly=1)
    assert sorted(s.path.name for s in kept) == [
        "2026-11-01-9.db",
        "2026-11-20-9.db",
        "2026-11-27-9.db",
    ]
    assert backups.retained(snapshots, daily=0, weekly=0) == []


def test_pruning_follows_the_settings_and_spares_snapshots_taken_by_hand(ana):
    settings.set_setting("backups_daily_kept", 2)
    settings.set_setting("backups_weekly_kept", 1)
    for days_ago in range(20, -1, -1):
        backups.take_snapshot(backups.START, now=NOON - dt.timedelta(days=days_ago))
    backups.take_snapshot(backups.MANUAL, now=NOON - dt.timedelta(days=30))
    backups.take_snapshot(backups.SAFETY, now=NOON - dt.timedelta(days=25))
    removed = backups.prune(NOON)
    assert len(removed) == 18
    assert not any(path.exists() for path in removed)
    left = [(s.kind, s.taken_at.date().isoformat()) for s in backups.list_snapshots()]
    assert left == [
        ("start", "2026-11-27"),
        ("start", "2026-11-26"),
        ("start", "2026-11-25"),  # the newest of the week before (Mon 23 to Wed 25)
        ("before-restore", "2026-11-02"),
        ("manual", "2026-10-28"),
    ]


def test_default_retention_is_seven_days_and_four_weeks(journal):
    assert settings.get_setting("backups_daily_kept") == 7
    assert settings.get_setting("backups_weekly_kept") == 4


def test_restore_takes_a_safety_snapshot_then_replaces_the_journal(ana, reopen):
    older = backups.back_up_now()
    people.add_person("Minh Hoang")
    people.add_person("Rahel Tesfaye")
    safety = backups.restore(older.path, now=NOON)
    assert names() == ["Ana Lima"]  # the journal is open again, with the snapshot's rows
    assert (safety.kind, safety.people) == ("before-restore", 3)
    assert safety.path.name == "journal.2026-11-27T12-00-00.before-restore.db"
    # Restoring the safety snapshot brings the journal back as it was.
    backups.restore(safety.path)
    assert names() == ["Ana Lima", "Minh Hoang", "Rahel Tesfaye"]
    assert backups.check() == []
    # The journal is still a working journal in WAL mode after the restores.
    people.add_person("Piotr Kowalski")
    close_journal()
    reopen()
    assert len(names()) == 4


def test_restore_of_another_journal_file(ana, tmp_path, reopen):
    other = tmp_path / "other" / "journal.db"
    close_journal()
    reopen(other)
    people.add_person("Someone Else")
    close_journal()
    reopen()
    backups.restore(other)
    assert names() == ["Someone Else"]


@pytest.mark.parametrize(
    ("make", "words"),
    [
        (lambda p: p / "missing.db", "does not exist"),
        (lambda p: (p / "notes.txt").write_text("hello") and p / "notes.txt", "not a WinWin"),
        (lambda p: other_program(p / "other.db"), "another program"),
    ],
)
def test_restore_refuses_a_file_that_is_not_a_journal(ana, tmp_path, make, words):
    source = make(tmp_path)
    with pytest.raises(ValidationError, match=words):
        backups.restore(source)
    assert names() == ["Ana Lima"]
    assert backups.list_snapshots() == []  # refused before any safety snapshot


def other_program(path: Path) -> Path:
    con = sqlite3.connect(path)
    con.execute("CREATE TABLE songs (title TEXT)")
    con.commit()
    con.close()
    return path


def test_restore_refuses_a_damaged_snapshot(ana, passphrase):
    taken = backups.back_up_now()
    corrupt(taken.path, passphrase)
    people.add_person("Minh Hoang")
    with pytest.raises(ValidationError, match="is damaged"):
        backups.restore(taken.path)
    assert names() == ["Ana Lima", "Minh Hoang"]


def test_restore_refuses_the_journal_itself(ana, journal_path):
    with pytest.raises(ValidationError, match="the journal itself"):
        backups.restore(journal_path)


def test_check_of_a_healthy_journal_finds_nothing(ana):
    assert backups.check() == []


def test_check_names_a_row_that_refers_to_nothing(ana, journal_path, passphrase, reopen):
    close_journal()
    con = connect_raw(journal_path, passphrase)
    con.execute(
        "INSERT INTO person_tag (uid, created_at, updated_at, person_id, tag_id) "
        "VALUES ('x', '2026-01-01', '2026-01-01', 1, 99)"
    )
    con.commit()
    con.close()
    reopen()
    assert backups.check() == ["row 1 of person_tag refers to a missing row of tag"]


def test_check_of_a_damaged_file(ana, tmp_path, passphrase):
    copy = tmp_path / "copy.db"
    backups.take_snapshot(target=copy)
    assert backups.check(copy) == []
    corrupt(copy, passphrase)
    problems = backups.check(copy)
    if passphrase:  # SQLCipher's own check names the page whose authentication fails
        assert re.fullmatch(r"page \d+ is damaged \(it fails its HMAC check\)", problems[0])
    else:
        assert problems and "malformed" in " ".join(problems)
    assert backups.check(tmp_path / "nothing-here.db")  # cannot even be opened
