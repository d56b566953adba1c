"""A large journal's whole-file check starts after the window has painted, and a save
that must wait for it says so in the status bar while the window keeps painting."""

from __future__ import annotations

import threading

import pytest
from PySide6.QtCore import QTimer

from winwin_desktop.journal import opening, people
from winwin_desktop.store import opening as store_opening
from winwin_desktop.ui.main_window import MainWindow

pytestmark = pytest.mark.needs_file("the whole-file check is of a journal file")

CHECKING = "Checking the journal before saving…"


class HeldCheck:
    """The whole-file check, noting when it starts and ending when released."""

    def __init__(self) -> None:
        self.started = threading.Event()
        self.release = threading.Event()

    def __call__(self, con) -> list[str]:
        self.started.set()
        self.release.wait(30)
        return []


@pytest.fixture
def slow_check(monkeypatch, journal, journal_path):
    """The test's journal opened as the window opens one too big to check before
    opening: its check left for later, and held until released."""
    held_check = HeldCheck()

    monkeypatch.setattr(store_opening, "QUICK_CHECK_MAX_BYTES", 0)
    monkeypatch.setattr(store_opening, "whole_file_problems", held_check)
    opening.close_journal()
    opening.open_journal(journal_path, check_later=True)
    yield held_check
    held_check.release.set()


@pytest.fixture
def window(qtbot, slow_check, journal_path, window_settings):
    window = MainWindow(journal_path, window_settings)  # on the journal as opened above
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    return window


def test_the_check_waits_for_the_window_then_runs(slow_check, window):
    assert not slow_check.started.wait(0.3)
    assert opening.checking()  # a write would start it and wait
    opening.start_check()
    assert slow_check.started.wait(10)
    assert not opening.wait_for_check(0.1)  # running, held
    slow_check.release.set()
    assert opening.wait_for_check(10)
    assert not opening.checking()


def test_a_save_waiting_for_the_check_says_so_and_the_window_keeps_painting(slow_check, window):
    opening.start_check()
    seen: list[str] = []

    def while_waiting() -> None:
        # The event loop runs while the save waits: this timer fires, and the status bar
        # says why nothing has happened yet; then the check ends.
        seen.append(window.statusBar().currentMessage())
        seen.append(str(people.people_list()[0] == []))  # nothing written yet
        slow_check.release.set()

    QTimer.singleShot(100, while_waiting)
    person = window.actions.run("Add Ada", lambda: people.add_person("Ada Lovelace"))
    assert seen == [CHECKING, "True"]
    assert person.name == "Ada Lovelace"
    assert window.statusBar().currentMessage() == ""
    assert [p.name for p in people.people_list()[0]] == ["Ada Lovelace"]


def test_a_save_after_the_check_says_nothing_of_it(slow_check, window):
    slow_check.release.set()
    assert opening.wait_for_check(10)
    messages: list[str] = []
    window.actions.waiting.connect(messages.append)
    window.actions.run("Add Ada", lambda: people.add_person("Ada Lovelace"))
    assert messages == []
