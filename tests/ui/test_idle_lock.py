"""Locking a passphrase-protected journal: after idle minutes (Settings) or File → Lock."""

from __future__ import annotations

import datetime as dt

import pytest

pytest.importorskip("sqlcipher3")

from PySide6.QtCore import QDate, QPoint, QSettings, Qt, QTimer  # noqa: E402
from PySide6.QtWidgets import QApplication, QDialog, QFileDialog, QWidget  # noqa: E402

from tests.helpers.typing import type_text  # noqa: E402
from winwin_desktop.journal import interactions, people, protection, reflections  # noqa: E402
from winwin_desktop.journal import settings as journal_settings  # noqa: E402
from winwin_desktop.store import close_journal, crypto, open_journal  # noqa: E402
from winwin_desktop.store.models import database  # noqa: E402
from winwin_desktop.ui.main_window import PEOPLE, TODAY, MainWindow  # noqa: E402
from winwin_desktop.ui.settings_dialog import SettingsDialog  # noqa: E402

PASSPHRASE = "open sesame"


@pytest.fixture
def protected(journal_path):
    open_journal(journal_path)
    people.add_person("Zebedee Quixotic")
    close_journal()
    crypto.encrypt(journal_path, PASSPHRASE)
    open_journal(journal_path, PASSPHRASE)
    yield journal_path
    close_journal()


def open_window(path, tmp_path, qtbot) -> MainWindow:
    window = MainWindow(path, QSettings(str(tmp_path / "window.ini"), QSettings.IniFormat))
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    return window


def unlock(window, qtbot, passphrase: str) -> None:
    screen = window.lock_screen
    type_text(screen.field, passphrase)
    qtbot.keyClick(screen.field, Qt.Key_Return)


def test_a_plain_journal_offers_no_lock(journal, journal_path, tmp_path, qtbot):
    window = open_window(journal_path, tmp_path, qtbot)
    assert not window.lock_action.isEnabled()
    assert "passphrase" in window.lock_action.toolTip()
    assert window.lock() is False and not window.is_locked()
    assert not window.idle.is_watching()
    dialog = SettingsDialog(window.actions, "system", window)
    assert not dialog.lock_after.isEnabled()
    assert dialog.lock_after.text() == "Never"


def test_idle_minutes_lock_the_journal_and_the_passphrase_opens_it(protected, tmp_path, qtbot):
    journal_settings.set_setting("lock_after_minutes", 10)
    window = open_window(protected, tmp_path, qtbot)
    assert window.idle.is_watching() and window.idle.interval_ms() == 10 * 60_000
    window.show_page(PEOPLE)

    window.idle.watch(150)  # ten minutes, shortened for the test
    qtbot.waitUntil(window.is_locked, timeout=3000)

    # The journal is closed and its passphrase forgotten; only the lock screen shows.
    assert database.obj is None
    assert window.centralWidget().currentWidget() is window.lock_screen
    assert window.lock_screen.isVisible() and not window.people_page.isVisible()
    assert "Locked after 0 idle minutes" in window.lock_screen.reason.text()
    in_menus = [
        action
        for menu in window.menuBar().actions()
        for action in menu.menu().actions()
        if not action.isSeparator() and action.menu() is None
    ]
    enabled = [a for a in [*in_menus, *QWidget.actions(window)] if a.isEnabled()]
    assert set(enabled) == {window.quit_action}
    qtbot.keyClick(window, Qt.Key_N, Qt.ControlModifier)  # Log interaction: nothing opens
    assert QApplication.activeModalWidget() is None

    unlock(window, qtbot, "open says me")
    assert window.is_locked()
    assert window.lock_screen.error.text() == (
        "That passphrase does not open journal.db; 2 tries left."
    )
    unlock(window, qtbot, PASSPHRASE)
    assert not window.is_locked() and window.people_page.isVisible()
    assert window.log_action.isEnabled() and window.lock_action.isEnabled()
    assert protection.is_protected()
    assert [name for _, name in people.people_names()] == ["Zebedee Quixotic"]
    assert window.statusBar().currentMessage() == "Unlocked."
    assert window.idle.is_watching()  # and the count starts again


def test_keyboard_and_mouse_input_keep_it_unlocked(protected, tmp_path, qtbot):
    journal_settings.set_setting("lock_after_minutes", 5)
    window = open_window(protected, tmp_path, qtbot)
    window.idle.watch(400)
    for step in range(8):  # 800 ms of someone working
        qtbot.wait(100)
        if step % 2:
            qtbot.keyClick(window.people_page, Qt.Key_Shift)
        else:
            qtbot.mouseMove(window, QPoint(200 + step, 200))
    assert not window.is_locked()
    qtbot.waitUntil(window.is_locked, timeout=3000)


def test_lock_now_saves_the_reflection_and_keeps_an_open_dialog(protected, tmp_path, qtbot):
    window = open_window(protected, tmp_path, qtbot)
    window.show_page(TODAY)
    window.today_page.editor.editor.insertPlainText("Zebedee owes me a call.")
    dialog = window.log_interaction()
    type_text(dialog.title, "Coffee with Zebedee")
    dialog.who.setText("Zebedee Quixotic")

    window.lock_action.trigger()  # File → Lock (Ctrl+Shift+L)
    assert window.is_locked() and not dialog.isVisible()

    unlock(window, qtbot, PASSPHRASE)
    assert dialog.isVisible() and dialog.title.text() == "Coffee with Zebedee"
    today = window.today_page.day
    assert reflections.get_reflection(today).text == "Zebedee owes me a call."
    dialog.save()
    assert not dialog.isVisible()
    [zebedee] = [pid for pid, _ in people.people_names()]
    [logged] = interactions.timeline(zebedee)
    assert logged.title == "Coffee with Zebedee"


def test_a_file_chooser_left_open_is_cancelled_and_does_not_come_back(protected, tmp_path, qtbot):
    window = open_window(protected, tmp_path, qtbot)
    chooser = QFileDialog(window, "Save the brief")
    chooser.setOption(QFileDialog.DontUseNativeDialog)
    QTimer.singleShot(50, window.lock)  # the idle minutes run out while it waits
    assert chooser.exec() == QDialog.Rejected
    assert window.is_locked()

    unlock(window, qtbot, PASSPHRASE)
    assert not window.is_locked()
    assert not chooser.isVisible()


def test_three_wrong_passphrases_close_the_window_and_leave_the_file(
    protected, tmp_path, qtbot, capsys
):
    window = open_window(protected, tmp_path, qtbot)
    assert window.lock()
    before = protected.read_bytes()
    for guess in ("one", "two", "three"):
        unlock(window, qtbot, guess)
    assert not window.isVisible()
    assert "wrong 3 times" in capsys.readouterr().err
    assert protected.read_bytes() == before
    assert database.obj is None


def test_quit_while_locked_closes_without_asking(protected, tmp_path, qtbot):
    window = open_window(protected, tmp_path, qtbot)
    window.lock()
    window.quit_action.trigger()
    assert not window.isVisible()
    assert database.obj is None


def test_settings_choose_the_idle_minutes(protected, tmp_path, qtbot):
    window = open_window(protected, tmp_path, qtbot)
    assert not window.idle.is_watching()  # "Never" by default
    dialog = window.open_settings()
    assert dialog.lock_after.isEnabled()
    dialog.lock_after.setValue(15)
    dialog.save()
    assert journal_settings.get_setting("lock_after_minutes") == 15
    assert window.idle.is_watching() and window.idle.interval_ms() == 15 * 60_000


# ---- found in review: nothing may read the closed journal, and unlocking always works ----


def test_a_file_chooser_deleted_while_locked_does_not_stop_the_unlock(protected, tmp_path, qtbot):
    window = open_window(protected, tmp_path, qtbot)
    QTimer.singleShot(100, window.lock)
    chosen, _ = QFileDialog.getSaveFileName(
        window, "Save", str(tmp_path / "x.pdf"), options=QFileDialog.DontUseNativeDialog
    )
    assert chosen == "" and window.is_locked()
    QApplication.sendPostedEvents()  # the chooser and its own actions are deleted
    unlock(window, qtbot, PASSPHRASE)
    assert not window.is_locked() and window.log_action.isEnabled()


def test_a_day_picked_in_the_calendar_just_before_locking_is_not_read(protected, tmp_path, qtbot):
    window = open_window(protected, tmp_path, qtbot)
    window.show_page(TODAY)
    yesterday = dt.date.today() - dt.timedelta(days=1)
    window.today_page.calendar.setSelectedDate(QDate(yesterday))  # as an arrow key does
    window.lock()
    qtbot.wait(900)  # past the calendar's pause: pytest-qt fails on any exception
    assert window.is_locked()


def test_the_desktop_turning_dark_while_locked_reads_nothing(protected, tmp_path, qtbot):
    window = open_window(protected, tmp_path, qtbot)
    window.lock()
    for page in (TODAY, PEOPLE):
        window.pages.setCurrentIndex(page)
        window.set_theme("dark")
        window.set_theme("light")
    assert window.is_locked()


def test_text_that_could_not_be_saved_is_still_there_after_unlocking(
    protected, tmp_path, qtbot, monkeypatch
):
    from peewee import OperationalError

    from winwin_desktop.ui import reflection_editor

    window = open_window(protected, tmp_path, qtbot)
    window.show_page(TODAY)

    def busy(*_args, **_kwargs):
        raise OperationalError("database is locked")

    real = reflection_editor.reflections.save_reflection
    monkeypatch.setattr(reflection_editor.reflections, "save_reflection", busy)
    window.today_page.editor.editor.insertPlainText("Precious text typed while busy.")
    window.lock()
    unlock(window, qtbot, PASSPHRASE)
    assert window.today_page.editor.editor.toPlainText() == "Precious text typed while busy."
    monkeypatch.setattr(reflection_editor.reflections, "save_reflection", real)  # free again
    assert window.today_page.flush()


def test_no_snapshot_starts_while_a_dialog_is_open(protected, tmp_path, qtbot):
    window = open_window(protected, tmp_path, qtbot)
    settings = window.open_settings()  # where the passphrase may be changed
    qtbot.addWidget(settings)  # closed after the test, like the window
    assert window.snapshot_at_start() is None
    assert window.snapshots.running is None


def test_an_open_passphrase_dialog_is_closed_by_the_lock(protected, tmp_path, qtbot):
    window = open_window(protected, tmp_path, qtbot)
    settings = window.open_settings()
    qtbot.addWidget(settings)
    dialog = settings.open_passphrase_dialog("change")
    dialog.current.setText(PASSPHRASE)
    window.lock()
    assert not dialog.isVisible() and dialog.result() == QDialog.Rejected
    unlock(window, qtbot, PASSPHRASE)
    assert not dialog.isVisible()
