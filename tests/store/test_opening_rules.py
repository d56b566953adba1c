"""Issue 13: which paths may become a journal, owner-only files, damage found before the
first write (an index page's flipped byte included), and a journal on a full disk."""

from __future__ import annotations

import os
import socket
import sqlite3
import stat
from pathlib import Path

import pytest

from tests.end_to_end.test_damaged import fill_up, small_filesystem  # noqa: F401 (a fixture)
from tests.helpers.cli import run_winwin, user_env
from winwin_desktop.journal import backups, people
from winwin_desktop.journal.opening import (
    DamagedJournal,
    JournalError,
    close_journal,
    open_journal,
    restore_in_place_of,
)
from winwin_desktop.journal.undo import JournalUnavailable, user_action
from winwin_desktop.store import verified


@pytest.fixture
def umask_022():
    """The usual umask of a desktop session, under which files were world-readable."""
    previous = os.umask(0o022)
    yield
    os.umask(previous)


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def journal_with_backup(path: Path) -> backups.SnapshotInfo:
    open_journal(path, create=True)
    people.add_person("Ada Lovelace")
    taken = backups.back_up_now()
    people.add_person("Grace Hopper")
    close_journal()
    return taken


def test_a_missing_journal_is_created_only_when_asked(tmp_path):
    path = tmp_path / "typo" / "journal.db"
    with pytest.raises(JournalError) as refused:
        open_journal(path, create=False)
    assert str(refused.value) == (
        f"There is no journal at {path}; check the path (--db), nothing was created."
    )
    assert not path.parent.exists()

    assert open_journal(path, create=True) is True  # the caller says "Created a new journal"
    close_journal()
    assert open_journal(path, create=False) is False
    close_journal()


def test_new_journals_and_their_folder_are_owner_only_whatever_the_umask(tmp_path, umask_022):
    path = tmp_path / "WinWin" / "journal.db"
    open_journal(path, create=True)
    people.add_person("Ada Lovelace")
    assert mode(path.parent) == 0o700
    for file in (path, Path(f"{path}-wal"), Path(f"{path}-shm")):
        assert mode(file) == 0o600, file
    assert mode(backups.back_up_now().path) == 0o600
    close_journal()


def test_an_older_world_readable_journal_becomes_owner_only(tmp_path, umask_022):
    path = tmp_path / "journal.db"
    open_journal(path, create=True)
    close_journal()
    path.chmod(0o644)
    open_journal(path)
    close_journal()
    assert mode(path) == 0o600


def test_an_empty_file_is_never_reused_and_names_the_newest_verified_backup(tmp_path):
    path = tmp_path / "journal.db"
    taken = journal_with_backup(path)
    path.write_bytes(b"")  # a failed sync
    Path(f"{path}-wal").unlink(missing_ok=True)
    with pytest.raises(DamagedJournal) as refused:
        open_journal(path, create=True)
    assert str(refused.value) == (
        f"{path} is empty (0 bytes), so it holds no journal and was left untouched; its "
        f"newest verified backup is {taken.path} ({taken.describe()}): run "
        f"`winwin --db {path} restore {taken.path}` to put it in place (the file there now "
        "is kept beside it)."
    )
    assert path.stat().st_size == 0


def test_a_backup_restored_in_place_of_an_empty_journal(tmp_path):
    path = tmp_path / "journal.db"
    taken = journal_with_backup(path)
    path.write_bytes(b"")
    with pytest.raises(DamagedJournal):
        open_journal(path)
    kept = restore_in_place_of(path, taken.path)  # what the window's dialog does
    assert kept.stat().st_size == 0
    open_journal(path)
    assert [name for _, name in people.people_names()] == ["Ada Lovelace"]
    close_journal()


def test_a_file_of_another_kind_is_refused_naming_the_backup(tmp_path):
    path = tmp_path / "journal.db"
    taken = journal_with_backup(path)
    path.write_text("Shopping list: milk, eggs.\n")
    with pytest.raises(DamagedJournal, match=f"newest verified backup is {taken.path}"):
        open_journal(path, create=True)
    assert path.read_text() == "Shopping list: milk, eggs.\n"


@pytest.mark.parametrize("kind", ["device", "folder", "socket"])
def test_special_files_are_refused_leaving_nothing_behind(tmp_path, kind):
    if kind == "device":
        path = Path("/dev/null")
    elif kind == "folder":
        path = tmp_path / "folder.db"
        path.mkdir()
    else:
        path = tmp_path / "journal.sock"
        server = socket.socket(socket.AF_UNIX)
        server.bind(str(path))
    around = sorted(path.parent.iterdir())
    with pytest.raises(JournalError) as refused:
        open_journal(path, create=True)
    assert str(refused.value).startswith(f"{path} is a")
    assert sorted(path.parent.iterdir()) == around  # no /dev/null-journal, no lock


def damage_an_index(path: Path) -> None:
    """Change one byte of a key in the leaf page of the index on person names: every
    page stays well-formed (``quick_check`` says ok) but the index no longer matches its
    table, which only ``integrity_check`` sees."""
    con = sqlite3.connect(path)
    page_size = con.execute("PRAGMA page_size").fetchone()[0]
    (root,) = con.execute(
        "SELECT rootpage FROM sqlite_master WHERE type = 'index' AND name = 'person_name'"
    ).fetchone()
    con.close()
    with path.open("r+b") as stream:
        stream.seek((root - 1) * page_size)
        page = bytearray(stream.read(page_size))
        at = page.rindex(b"Grace")
        page[at] = ord("X")
        stream.seek((root - 1) * page_size)
        stream.write(page)


def test_index_damage_is_caught_before_the_first_write_and_restore_works_over_it(tmp_path):
    path = tmp_path / "journal.db"
    taken = journal_with_backup(path)
    damage_an_index(path)
    raw = sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True)
    assert raw.execute("PRAGMA quick_check").fetchone()[0] == "ok"
    assert raw.execute("PRAGMA integrity_check").fetchone()[0] != "ok"
    raw.close()
    damaged = path.read_bytes()

    env = user_env(tmp_path)
    added = run_winwin(["--db", str(path), "person", "add", "Katherine Johnson"], env, tmp_path)
    assert added.returncode == 1 and "is damaged" in added.stderr, added.stderr
    assert "Traceback" not in added.stderr
    assert path.read_bytes() == damaged  # nothing written into it

    restored = run_winwin(["--db", str(path), "restore", str(taken.path)], env, tmp_path)
    assert restored.returncode == 0, restored.stderr
    [kept] = tmp_path.glob("journal.damaged-*.db")
    assert kept.read_bytes() == damaged  # a plain byte copy, for forensics
    checked = run_winwin(["--db", str(path), "check"], env, tmp_path)
    assert checked.returncode == 0, checked.stderr


def test_the_whole_file_check_runs_once_per_state_of_the_file(tmp_path):
    path = tmp_path / "journal.db"
    journal_with_backup(path)
    open_journal(path)  # checked whole: then its state is recorded at close
    close_journal()
    assert verified.is_recorded(path)
    open_journal(path)
    people.add_person("Katherine Johnson")  # WinWin's own writes keep it sound
    close_journal()
    assert verified.is_recorded(path)
    damage_an_index(path)  # a change from outside brings the check back
    assert not verified.is_recorded(path)
    with pytest.raises(DamagedJournal):
        open_journal(path)


def test_a_full_disk_is_called_full_never_damaged(small_filesystem, tmp_path):  # noqa: F811
    path = small_filesystem / "journal.db"
    open_journal(path, create=True)
    people.add_person("Ada Lovelace")
    filler = fill_up(small_filesystem)
    with pytest.raises(JournalUnavailable) as refused, user_action("Add Grace"):
        people.add_person("Grace Hopper", notes="x" * 200_000)
    assert refused.value.message == (
        "The disk is full: free some space, then try again; nothing was changed."
    )
    close_journal()

    env = user_env(tmp_path)
    for command in (["check"], ["people"], ["person", "add", "Grace Hopper"]):
        done = run_winwin(["--db", str(path), *command], env, tmp_path)
        assert "damaged" not in done.stderr and "Traceback" not in done.stderr, done.stderr
        if done.returncode:
            assert "disk is full" in done.stderr, done.stderr

    filler.unlink()
    open_journal(path)
    assert [name for _, name in people.people_names()] == ["Ada Lovelace"]
    close_journal()
