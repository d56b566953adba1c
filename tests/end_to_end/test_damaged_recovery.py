"""Recovering a journal that cannot be opened: an encrypted one restored from its
encrypted backup (window and command line), a plain one whose header was overwritten
(not mistaken for an encrypted one), and `winwin restore` over a damaged journal."""

from __future__ import annotations

import re
import shutil
import sqlite3
from pathlib import Path

import pytest

pytest.importorskip("sqlcipher3")

from PySide6.QtWidgets import QApplication  # noqa: E402

from tests.end_to_end.test_damaged import compact, damage_the_middle, fill_journal  # noqa: E402
from tests.helpers.cli import run_winwin, user_env  # noqa: E402
from winwin_desktop import cli  # noqa: E402
from winwin_desktop.app import run_gui  # noqa: E402
from winwin_desktop.journal import backups, people, protection  # noqa: E402
from winwin_desktop.store import DamagedJournal, close_journal, crypto, open_journal  # noqa: E402
from winwin_desktop.ui import damaged_dialog, unlock_dialog  # noqa: E402
from winwin_desktop.ui.damaged_dialog import DamagedJournalDialog  # noqa: E402
from winwin_desktop.ui.main_window import MainWindow  # noqa: E402

PASSPHRASE = "correct horse"


def names() -> set[str]:
    return {name for _, name in people.people_names()}


def restore_and_record(monkeypatch) -> tuple[list, list]:
    """The damaged-journal dialog answers "restore"; instead of running its event loop,
    the window records the people it shows and closes. Returns (dialogs, people shown)."""
    offered, shown = [], []

    def restore(dialog):
        offered.append(dialog)
        dialog.restore_button.click()

    def record(*_args) -> int:
        for widget in QApplication.topLevelWidgets():
            if isinstance(widget, MainWindow) and widget.isVisible():
                shown.append(sorted(names()))
                widget.close()
        return 0

    monkeypatch.setattr(DamagedJournalDialog, "exec", restore)
    monkeypatch.setattr(QApplication, "exec", record)
    return offered, shown


def journal_with_backup(folder: Path, passphrase: str | None) -> tuple[Path, Path, bytes]:
    """A journal (encrypted with ``passphrase`` if given) with a verified backup taken
    before more work, then damaged in its middle. Returns the journal, the backup and the
    damaged bytes."""
    path = folder / "journal.db"
    open_journal(path)
    fill_journal(10)
    people.add_person("Ada Lovelace")
    close_journal()
    compact(path)
    open_journal(path)
    if passphrase:
        protection.set_passphrase(passphrase)
    snapshot = backups.take_snapshot(backups.MANUAL).path
    people.add_person("Grace Hopper")  # after the backup: lost with the damage
    people.add_person("Katherine Johnson")
    close_journal()
    return path, snapshot, damage_the_middle(path)


@pytest.fixture(scope="module")
def templates(tmp_path_factory):
    """Built once (encrypting takes seconds of key derivation), copied for each test."""
    made = {}
    for kind, passphrase in (("plain", None), ("encrypted", PASSPHRASE)):
        folder = tmp_path_factory.mktemp(kind)
        made[kind] = (folder, journal_with_backup(folder, passphrase))
    return made


def copy_of(template, tmp_path: Path) -> tuple[Path, Path, bytes]:
    folder, (path, snapshot, damaged) = template
    copy = tmp_path / "copy"
    shutil.copytree(folder, copy)
    return copy / path.relative_to(folder), copy / snapshot.relative_to(folder), damaged


@pytest.fixture
def encrypted_damaged(templates, tmp_path):
    return copy_of(templates["encrypted"], tmp_path)


@pytest.fixture
def plain_damaged(templates, tmp_path):
    return copy_of(templates["plain"], tmp_path)


def test_a_damaged_encrypted_journal_is_refused_with_the_right_passphrase(encrypted_damaged):
    path, _snapshot, damaged = encrypted_damaged
    assert crypto.looks_encrypted(path)
    with pytest.raises(DamagedJournal) as refused:
        open_journal(path, PASSPHRASE)
    # SQLCipher's own check names the page; SQLite's would only say "SQL logic error".
    assert re.fullmatch(
        r"is damaged \(page \d+ is damaged \(it fails its HMAC check\)\)", refused.value.problem
    )
    assert path.read_bytes() == damaged
    problems = backups.check(path, PASSPHRASE)
    assert re.fullmatch(r"page \d+ is damaged \(it fails its HMAC check\)", problems[0])


def test_the_dialog_restores_the_encrypted_backup_of_an_encrypted_journal(encrypted_damaged, qtbot):
    path, snapshot, damaged = encrypted_damaged
    with pytest.raises(DamagedJournal) as refused:
        open_journal(path, PASSPHRASE)
    dialog = DamagedJournalDialog(refused.value, passphrase=PASSPHRASE)
    qtbot.addWidget(dialog)
    assert dialog.backup is not None and dialog.backup.path == snapshot
    assert "The latest verified backup is from" in dialog.explanation.text()
    assert dialog.restore_button.isEnabled()

    dialog.restore_button.click()

    assert dialog.choice == damaged_dialog.RESTORED
    assert dialog.set_aside.read_bytes() == damaged
    # Still encrypted: no plaintext copy of the journal was made by the restore.
    assert crypto.looks_encrypted(path)
    with pytest.raises(sqlite3.DatabaseError):
        sqlite3.connect(path).execute("SELECT count(*) FROM sqlite_master").fetchone()
    open_journal(path, PASSPHRASE)
    try:
        assert "Ada Lovelace" in names() and "Grace Hopper" not in names()
        assert backups.check() == []
    finally:
        close_journal()


def test_with_another_passphrase_no_encrypted_backup_counts_as_verified(encrypted_damaged, qtbot):
    path, _snapshot, _damaged = encrypted_damaged
    with pytest.raises(DamagedJournal) as refused:
        open_journal(path, PASSPHRASE)
    assert backups.latest_verified_backup(path, "not it") is None
    dialog = DamagedJournalDialog(refused.value, passphrase="not it")
    qtbot.addWidget(dialog)
    assert dialog.backup is None and not dialog.restore_button.isEnabled()


def test_the_window_unlocks_then_offers_and_restores_the_encrypted_backup(
    encrypted_damaged, monkeypatch, qapp
):
    path, _snapshot, _damaged = encrypted_damaged
    monkeypatch.setattr(unlock_dialog, "ask_passphrase", lambda _path: PASSPHRASE)
    offered, shown = restore_and_record(monkeypatch)

    assert run_gui(path) == 0

    assert offered and offered[0].backup is not None
    [listed] = shown
    assert "Ada Lovelace" in listed and "Grace Hopper" not in listed
    [kept] = path.parent.glob("journal.damaged-*.db")
    assert crypto.looks_encrypted(kept)


def test_a_plain_journal_with_its_header_overwritten_is_damaged_not_encrypted(plain_damaged):
    path, _snapshot, _damaged = plain_damaged
    data = bytearray(path.read_bytes())
    data[:16] = b"\x8f\x12\x00\xfe" * 4  # the "SQLite format 3" magic, overwritten
    path.write_bytes(data)
    before = path.read_bytes()

    assert not crypto.looks_encrypted(path)
    with pytest.raises(DamagedJournal) as refused:
        open_journal(path)
    assert refused.value.problem == "is damaged (its first bytes are overwritten)"
    assert "winwin restore SNAPSHOT" in str(refused.value)
    assert path.read_bytes() == before


def test_random_bytes_in_whole_pages_still_look_encrypted(tmp_path):
    import os

    path = tmp_path / "random.db"
    path.write_bytes(os.urandom(4096 * 3))
    assert crypto.looks_encrypted(path)
    zeros = tmp_path / "zeros.db"
    zeros.write_bytes(bytes(4096 * 3))
    assert not crypto.looks_encrypted(zeros)


def test_winwin_restore_replaces_a_damaged_plain_journal(plain_damaged, capsys):
    path, snapshot, damaged = plain_damaged

    assert cli.main(["restore", str(snapshot), "--db", str(path)]) == cli.EXIT_OK

    out = capsys.readouterr().out
    assert out.startswith(f"The journal {path} is damaged (")
    assert f"restored it from {snapshot} (" in out
    [kept] = path.parent.glob("journal.damaged-*.db")
    assert f"kept, unchanged, as {kept}." in out
    assert kept.read_bytes() == damaged
    open_journal(path)
    assert "Ada Lovelace" in names() and "Grace Hopper" not in names()
    assert backups.check() == []


def test_winwin_restore_refuses_a_bad_snapshot_and_leaves_the_damaged_journal(
    plain_damaged, tmp_path, capsys
):
    path, _snapshot, damaged = plain_damaged
    junk = tmp_path / "junk.db"
    junk.write_text("not a snapshot")

    assert cli.main(["restore", str(junk), "--db", str(path)]) == cli.EXIT_INPUT
    assert "is not a WinWin journal or snapshot" in capsys.readouterr().err
    assert cli.main(["restore", str(path), "--db", str(path)]) == cli.EXIT_INPUT
    assert "is the damaged journal itself" in capsys.readouterr().err
    assert path.read_bytes() == damaged
    assert list(path.parent.glob("journal.damaged-*.db")) == []


def test_other_commands_still_refuse_a_damaged_journal(plain_damaged, capsys):
    path, _snapshot, damaged = plain_damaged
    assert cli.main(["people", "--db", str(path)]) == cli.EXIT_JOURNAL
    assert "is damaged (" in capsys.readouterr().err
    assert path.read_bytes() == damaged


def test_winwin_restore_of_an_encrypted_journal_as_a_user_runs_it(encrypted_damaged, tmp_path):
    path, snapshot, damaged = encrypted_damaged
    env = user_env(tmp_path, WINWIN_PASSPHRASE=PASSPHRASE)

    done = run_winwin(["restore", str(snapshot), "--db", str(path)], env, tmp_path)

    assert done.returncode == 0, done.stderr
    assert "restored it from" in done.stdout
    [kept] = path.parent.glob("journal.damaged-*.db")
    assert kept.read_bytes() == damaged
    assert crypto.looks_encrypted(path)
    listed = run_winwin(["people", "--db", str(path)], env, tmp_path)
    assert listed.returncode == 0 and "Ada Lovelace" in listed.stdout


def test_a_damaged_journal_that_looks_encrypted_can_still_be_restored(
    plain_damaged, monkeypatch, qapp
):
    # Its whole first page overwritten, a plain journal looks like an encrypted one: the
    # window asks for a passphrase, and "it never had one" leads to its backups.
    path, _snapshot, _damaged = plain_damaged
    data = bytearray(path.read_bytes())
    data[:4096] = bytes(range(256)) * 16
    path.write_bytes(data)
    assert crypto.looks_encrypted(path)

    monkeypatch.setattr(
        unlock_dialog.UnlockDialog, "exec", lambda dialog: dialog.never_button.click()
    )
    offered, shown = restore_and_record(monkeypatch)

    assert run_gui(path) == 0

    assert "it never had a passphrase" in offered[0].explanation.text()
    [listed] = shown
    assert "Ada Lovelace" in listed and "Grace Hopper" not in listed
    [kept] = path.parent.glob("journal.damaged-*.db")
    assert kept.read_bytes() == bytes(data)


def test_a_plain_copy_is_never_offered_for_an_encrypted_journal(encrypted_damaged, qtbot):
    path, snapshot, _damaged = encrypted_damaged
    plain = snapshot.parent / "journal.2099-01-01T00-00-00.start.db"  # newest, but plain
    crypto.decrypt(shutil.copy(snapshot, plain), PASSPHRASE)
    assert not crypto.looks_encrypted(plain)
    found = backups.latest_verified_backup(path, PASSPHRASE)
    assert found is not None and found.path == snapshot
