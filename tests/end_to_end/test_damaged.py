"""A damaged journal, or a file that is not a journal, is never written to: the command
line exits 1 naming the problem, and the window explains and offers to restore the latest
verified backup, to open another journal, or to quit.

And while writing: a full disk or a journal that has become read-only keeps the unsaved
reflection in the editor, says so, and corrupts nothing. The full disk is real — a tiny
tmpfs mounted for the test (skipped where mounting is not allowed); the read-only journal
is the journal reopened through a read-only SQLite connection (``mode=ro``), since the
tests run as root, whom folder permissions do not stop; a read-only filesystem (a tmpfs
remounted read-only) is tested at opening, where it matters.
"""

from __future__ import annotations

import datetime as dt
import shutil
import sqlite3
import subprocess
from pathlib import Path

import pytest
from peewee import SqliteDatabase
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QApplication, QFileDialog, QMessageBox

from tests.helpers.cli import run_winwin, user_env
from winwin_desktop import cli
from winwin_desktop.app import run_gui
from winwin_desktop.journal import backups, interactions, people, promises, reflections
from winwin_desktop.journal.interactions import ExchangeData
from winwin_desktop.store import DamagedJournal, JournalError, close_journal, open_journal
from winwin_desktop.store.models import database
from winwin_desktop.ui import damaged_dialog
from winwin_desktop.ui.damaged_dialog import DamagedJournalDialog
from winwin_desktop.ui.main_window import TODAY, MainWindow

PAGE = 4096


# ---- journals to damage -------------------------------------------------------------------


def fill_journal(count: int = 30) -> None:
    """People, interactions with exchanges, promises and reflections in the open journal."""
    ids = [
        people.add_person(f"Person {n}", organisation=f"Org {n}", notes="Met at a fair. " * 20).id
        for n in range(count)
    ]
    for n in range(count * 3):
        person = ids[n % count]
        interactions.log_interaction(
            dt.date(2025, 1, 1) + dt.timedelta(days=n),
            f"Meeting {n}",
            [person],
            notes="We talked about the market. " * 10,
            exchanges=[ExchangeData(person, "given", "advice", 1 + n % 5, f"advice {n}")],
        )
    for n in range(count // 3):
        promises.add_promise(ids[n], "me", f"send the notes {n}", None)
        reflections.save_reflection(dt.date(2025, 2, 1) + dt.timedelta(days=n), "A good day. " * 30)


def compact(path: Path) -> None:
    """No free pages: every page of the file is in use, so damage anywhere is real damage."""
    con = sqlite3.connect(path)
    con.execute("VACUUM")
    con.close()


def damage_the_middle(path: Path) -> bytes:
    """Overwrite the page in the middle of the file with junk; return the file's bytes."""
    data = bytearray(path.read_bytes())
    middle = len(data) // PAGE // 2
    data[middle * PAGE : (middle + 1) * PAGE] = b"\xa5" * PAGE
    path.write_bytes(data)
    return bytes(data)


def new_files(journal: Path, before: list[str]) -> list[str]:
    """Files beside ``journal`` that were not there before, leaving out the empty WAL
    and its index that SQLite makes for any reader of a WAL journal."""
    wal = Path(f"{journal}-wal")
    assert not wal.exists() or wal.stat().st_size == 0, "nothing was written for the journal"
    reader = {wal.name, f"{journal.name}-shm"}
    return sorted(p.name for p in journal.parent.iterdir() if p.name not in {*before, *reader})


@pytest.fixture
def real_journal(tmp_path) -> Path:
    """A closed journal with a year of use in it."""
    path = tmp_path / "journal.db"
    open_journal(path)
    fill_journal()
    close_journal()
    compact(path)
    return path


@pytest.fixture
def corrupt_journal(tmp_path, real_journal) -> Path:
    """A copy of a real journal with a page in its middle overwritten."""
    path = tmp_path / "corrupt" / "journal.db"
    path.parent.mkdir()
    shutil.copy(real_journal, path)
    damage_the_middle(path)
    return path


@pytest.fixture
def not_a_journal(tmp_path) -> Path:
    path = tmp_path / "notes.db"
    path.write_text("Shopping list: milk, eggs.\n")
    return path


@pytest.fixture
def other_program(tmp_path) -> Path:
    path = tmp_path / "invoices.db"
    con = sqlite3.connect(path)
    con.execute("CREATE TABLE invoice (id INTEGER PRIMARY KEY, total REAL)")
    con.execute("INSERT INTO invoice (total) VALUES (120.5)")
    con.commit()
    con.close()
    return path


# ---- opening ------------------------------------------------------------------------------


def test_a_corrupt_journal_is_refused_and_left_untouched(corrupt_journal):
    before = corrupt_journal.read_bytes()
    with pytest.raises(DamagedJournal) as refused:
        open_journal(corrupt_journal)
    assert str(refused.value).startswith(f"{corrupt_journal} is damaged (")
    assert str(refused.value).endswith(
        "and was left untouched; start WinWin to restore its latest backup "
        "(or run `winwin restore SNAPSHOT`), or open another file with --db."
    )
    assert corrupt_journal.read_bytes() == before
    assert new_files(corrupt_journal, ["journal.db"]) == []


@pytest.mark.parametrize(
    "command",
    [
        ["check"],
        ["people"],
        ["people", "--json"],
        ["search", "meeting"],
        ["due"],
        ["log", "Person 1", "--title", "Call"],
        ["reflect", "A quiet day."],
        ["person", "add", "Ada Lovelace"],
        ["backup"],
    ],
    ids=lambda command: " ".join(command),
)
def test_every_subcommand_exits_1_naming_the_damage_and_writes_nothing(
    corrupt_journal, command, capsys
):
    before = corrupt_journal.read_bytes()
    siblings = sorted(p.name for p in corrupt_journal.parent.iterdir())

    assert cli.main([*command, "--db", str(corrupt_journal)]) == 1

    out, err = capsys.readouterr()
    assert out == ""
    assert err.startswith(f"winwin: {corrupt_journal} is damaged (")
    assert err.count("\n") == 1
    assert corrupt_journal.read_bytes() == before
    assert new_files(corrupt_journal, siblings) == []


@pytest.mark.parametrize(
    ("make", "problem"),
    [
        ("not_a_journal", "is not a WinWin journal"),
        ("other_program", "is a database of another program"),
    ],
)
def test_a_file_that_is_not_a_journal_is_refused_by_the_command_line_untouched(
    make, problem, request, capsys
):
    path = request.getfixturevalue(make)
    before = path.read_bytes()
    for command in (["check"], ["people"], ["log", "Ada", "--title", "Call", "--new"]):
        assert cli.main([*command, "--db", str(path)]) == 1
        assert capsys.readouterr().err == (
            f"winwin: {path} {problem} and was left untouched; open another file with --db.\n"
        )
    assert path.read_bytes() == before


def test_a_corrupt_snapshot_is_not_offered_the_older_verified_one_is(tmp_path):
    journal = tmp_path / "journal.db"
    open_journal(journal)
    people.add_person("Ada Lovelace")
    older = backups.take_snapshot(backups.MANUAL, now=dt.datetime(2026, 1, 1, 9))
    people.add_person("Grace Hopper")
    fill_journal(10)
    newer = backups.take_snapshot(backups.MANUAL, now=dt.datetime(2026, 1, 2, 9))
    close_journal()
    compact(newer.path)
    damage_the_middle(newer.path)

    assert backups.latest_verified_backup(journal).path == older.path


# ---- the window ---------------------------------------------------------------------------


@pytest.fixture
def journal_with_backup(tmp_path) -> tuple[Path, backups.SnapshotInfo, bytes]:
    """A journal with a verified backup in its backups folder, damaged after more work.
    Returns the journal, its backup, and the damaged file's bytes."""
    path = tmp_path / "journal.db"
    open_journal(path)
    fill_journal(10)
    people.add_person("Ada Lovelace")
    snapshot = backups.take_snapshot(backups.MANUAL)
    people.add_person("Grace Hopper")  # after the backup: lost with the damage
    fill_journal(20)
    close_journal()
    compact(path)
    return path, snapshot, damage_the_middle(path)


def dialog_for(path: Path, qtbot) -> DamagedJournalDialog:
    with pytest.raises(DamagedJournal) as refused:
        open_journal(path)
    dialog = DamagedJournalDialog(refused.value)
    qtbot.addWidget(dialog)
    return dialog


def test_the_dialog_explains_and_restores_the_latest_verified_backup(journal_with_backup, qtbot):
    path, snapshot, damaged = journal_with_backup
    dialog = dialog_for(path, qtbot)
    text = dialog.explanation.text()
    assert "journal.db is damaged (" in text
    assert "WinWin has not changed the file" in text
    assert f"The latest verified backup is from {snapshot.describe()}" in text
    assert dialog.restore_button.isEnabled() and dialog.restore_button.isDefault()

    dialog.restore_button.click()

    assert dialog.choice == damaged_dialog.RESTORED
    assert dialog.result() == DamagedJournalDialog.Accepted
    # The damaged file is kept beside the journal exactly as it was.
    assert dialog.set_aside.parent == path.parent
    assert dialog.set_aside.name.startswith("journal.damaged-")
    assert dialog.set_aside.read_bytes() == damaged
    open_journal(path)
    try:
        names = {name for _, name in people.people_names()}
        assert "Ada Lovelace" in names and "Grace Hopper" not in names
        assert backups.check() == []
    finally:
        close_journal()


def test_without_a_backup_the_dialog_offers_to_open_another_journal_or_quit(
    corrupt_journal, tmp_path, qtbot, monkeypatch
):
    dialog = dialog_for(corrupt_journal, qtbot)
    assert not dialog.restore_button.isEnabled()
    assert dialog.open_button.isDefault()
    assert "There is no verified backup of this journal" in dialog.explanation.text()

    # Cancelling the file chooser leaves the dialog as it was.
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *args, **kwargs: ("", ""))
    dialog.open_button.click()
    assert dialog.choice == damaged_dialog.QUIT and dialog.other_journal is None

    other = tmp_path / "other.db"
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *args, **kwargs: (str(other), ""))
    dialog.open_button.click()
    assert dialog.choice == damaged_dialog.OPEN_OTHER
    assert dialog.other_journal == other

    quitting = dialog_for(corrupt_journal, qtbot)
    quitting.quit_button.click()
    assert quitting.choice == damaged_dialog.QUIT


@pytest.fixture
def shown_windows(monkeypatch, qapp):
    """Instead of running the event loop, run_gui records the main window it shows."""
    shown: list[dict] = []

    def record(*_args) -> int:
        for widget in QApplication.topLevelWidgets():
            if isinstance(widget, MainWindow) and widget.isVisible():
                shown.append(
                    {
                        "title": widget.windowTitle(),
                        "people": sorted(name for _, name in people.people_names()),
                    }
                )
                widget.close()
        return 0

    monkeypatch.setattr(QApplication, "exec", record)
    return shown


def test_the_window_offers_the_backup_and_opens_the_restored_journal(
    journal_with_backup, shown_windows, monkeypatch
):
    path, _snapshot, damaged = journal_with_backup
    offered = []

    def restore(dialog):
        offered.append(dialog.explanation.text())
        dialog.restore_button.click()

    monkeypatch.setattr(DamagedJournalDialog, "exec", restore)

    assert run_gui(path) == 0

    assert len(offered) == 1 and "journal.db is damaged (" in offered[0]
    [window] = shown_windows
    assert window["title"].endswith("journal.db")
    assert "Ada Lovelace" in window["people"] and "Grace Hopper" not in window["people"]
    [kept] = path.parent.glob("journal.damaged-*.db")
    assert kept.read_bytes() == damaged


def test_the_window_can_open_another_journal_instead(
    corrupt_journal, tmp_path, shown_windows, monkeypatch
):
    other = tmp_path / "other" / "work.db"
    open_journal(other)
    people.add_person("Minh Hoang")
    close_journal()
    before = corrupt_journal.read_bytes()
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *args, **kwargs: (str(other), ""))
    monkeypatch.setattr(DamagedJournalDialog, "exec", lambda dialog: dialog.open_button.click())

    assert run_gui(corrupt_journal) == 0

    assert shown_windows == [{"title": "WinWin — work.db", "people": ["Minh Hoang"]}]
    assert corrupt_journal.read_bytes() == before


def test_quitting_over_a_damaged_journal_exits_1_and_leaves_it(
    corrupt_journal, shown_windows, monkeypatch, capsys
):
    before = corrupt_journal.read_bytes()
    monkeypatch.setattr(DamagedJournalDialog, "exec", lambda dialog: dialog.quit_button.click())

    assert run_gui(corrupt_journal) == 1

    assert shown_windows == []
    assert capsys.readouterr().err.startswith(f"winwin: {corrupt_journal} is damaged (")
    assert corrupt_journal.read_bytes() == before
    assert new_files(corrupt_journal, ["journal.db"]) == []


# ---- while writing: full disk, read-only journal ----------------------------------------


def open_window(path: Path, tmp_path: Path, qtbot, monkeypatch) -> MainWindow:
    # Closing with unsaved text asks first; the test's answer is "close anyway".
    monkeypatch.setattr(QMessageBox, "question", lambda *args: QMessageBox.Yes)
    window = MainWindow(path, QSettings(str(tmp_path / "window.ini"), QSettings.IniFormat))
    qtbot.addWidget(window)
    window.show()
    window.show_page(TODAY)
    return window


def integrity(path: Path) -> str:
    con = sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True)
    try:
        return con.execute("PRAGMA integrity_check").fetchone()[0]
    finally:
        con.close()


def test_a_journal_turned_read_only_while_writing_keeps_the_text_and_says_so(
    journal_path, journal, tmp_path, qtbot, monkeypatch, today
):
    window = open_window(journal_path, tmp_path, qtbot, monkeypatch)
    editor = window.today_page.editor
    editor.editor.insertPlainText("Helped Zoë with the pitch.")
    assert window.today_page.flush()

    # The journal can no longer be written: every write now fails in SQLite itself.
    close_journal()
    read_only = SqliteDatabase(f"{journal_path.as_uri()}?mode=ro", uri=True)
    database.initialize(read_only)
    editor.editor.insertPlainText(" Then lunch with Minh.")
    with qtbot.waitSignal(editor.save_failed) as failed:
        assert not window.today_page.flush()

    assert "attempt to write a readonly database" in failed.args[0]
    assert (
        window.statusBar()
        .currentMessage()
        .startswith("Could not save the reflection — your text is still here.")
    )
    assert editor.status.text() == "Not saved"
    assert editor.editor.toPlainText() == "Helped Zoë with the pitch. Then lunch with Minh."
    # Coming back to the window does not reload the page over the unsaved text.
    window.refresh_if_changed_elsewhere()
    assert editor.editor.toPlainText() == "Helped Zoë with the pitch. Then lunch with Minh."
    assert reflections.get_reflection(today).text == "Helped Zoë with the pitch."
    read_only.close()

    open_journal(journal_path)  # writable again
    assert window.today_page.flush()
    assert reflections.get_reflection(today).text == (
        "Helped Zoë with the pitch. Then lunch with Minh."
    )
    assert integrity(journal_path) == "ok"


def mount_tmpfs(mount_point: Path, size: str) -> None:
    mount_point.mkdir()
    if shutil.which("mount") is None:
        pytest.skip("no mount command here to make a small filesystem")
    done = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", f"size={size}", "tmpfs", str(mount_point)],
        capture_output=True,
        text=True,
    )
    if done.returncode:
        pytest.skip(f"cannot mount a small filesystem here: {done.stderr.strip()}")


@pytest.fixture
def small_filesystem(tmp_path):
    """A real 6 MB filesystem (tmpfs) that can fill up or turn read-only."""
    mount_point = tmp_path / "small"
    mount_tmpfs(mount_point, "6m")
    yield mount_point
    close_journal()
    subprocess.run(["umount", "-l", str(mount_point)], check=False)


def fill_up(folder: Path) -> Path:
    """Take every free byte of the filesystem into a file."""
    filler = folder / "filler"
    with filler.open("wb", buffering=0) as stream:
        for chunk in (65536, 512, 1):
            try:
                while True:
                    stream.write(b"\0" * chunk)
            except OSError:
                pass
    return filler


def test_a_full_disk_while_writing_keeps_the_text_says_so_and_corrupts_nothing(
    small_filesystem, tmp_path, qtbot, monkeypatch, today
):
    path = small_filesystem / "journal.db"
    open_journal(path)
    window = open_window(path, tmp_path, qtbot, monkeypatch)
    editor = window.today_page.editor
    editor.editor.insertPlainText("Helped Zoë with the pitch.\n")
    assert window.today_page.flush()

    # An empty write-ahead log: the next save has to grow it, on a full disk.
    database.execute_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    filler = fill_up(small_filesystem)
    long_text = "Notes from the offsite, every word of them. " * 1000
    editor.editor.insertPlainText(long_text)
    with qtbot.waitSignal(editor.save_failed) as failed:
        assert not window.today_page.flush()

    assert "database or disk is full" in failed.args[0]
    assert (
        window.statusBar()
        .currentMessage()
        .startswith("Could not save the reflection — your text is still here.")
    )
    assert editor.editor.toPlainText() == "Helped Zoë with the pitch.\n" + long_text
    assert reflections.get_reflection(today).text == "Helped Zoë with the pitch.\n"
    assert integrity(path) == "ok"

    filler.unlink()  # space again: the next save writes everything
    assert window.today_page.flush()
    assert reflections.get_reflection(today).text == "Helped Zoë with the pitch.\n" + long_text
    window.close()
    close_journal()
    assert integrity(path) == "ok"


def test_a_journal_on_a_read_only_filesystem_is_read_never_written(small_filesystem, tmp_path):
    path = small_filesystem / "journal.db"
    open_journal(path)
    people.add_person("Ada Lovelace")
    close_journal()
    before = path.read_bytes()
    remounted = subprocess.run(
        ["mount", "-o", "remount,ro", str(small_filesystem)], capture_output=True, text=True
    )
    if remounted.returncode:
        pytest.skip(f"cannot remount read-only here: {remounted.stderr.strip()}")

    open_journal(path)
    assert [name for _, name in people.people_names()] == ["Ada Lovelace"]
    with pytest.raises(JournalError, match="can only be read here"):
        people.add_person("Grace Hopper")
    close_journal()

    env = user_env(tmp_path)
    listed = run_winwin(["--db", str(path), "people"], env, tmp_path)
    assert listed.returncode == 0 and "Ada Lovelace" in listed.stdout, listed.stderr
    exported = run_winwin(
        ["--db", str(path), "export", "--format", "json", "-o", str(tmp_path / "out.json")],
        env,
        tmp_path,
    )
    assert exported.returncode == 0, exported.stderr
    assert "Ada Lovelace" in (tmp_path / "out.json").read_text()
    added = run_winwin(["--db", str(path), "person", "add", "Grace Hopper"], env, tmp_path)
    assert added.returncode == 1
    assert added.stderr.strip() == (
        f"winwin: {path} can only be read here (its disk or folder cannot be written); "
        "reading and exporting work, changes are not possible."
    )
    assert "Traceback" not in added.stderr + listed.stderr
    assert path.read_bytes() == before
