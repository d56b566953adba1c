"""File → Copy journal to…, driven through its widgets: the copy runs, says what it did
in a sentence, and a target that holds data is refused with the sentence, unchanged."""

from __future__ import annotations

import hashlib

import pytest
from PySide6.QtCore import Qt

from winwin_desktop.journal import interactions, people
from winwin_desktop.journal.interactions import ExchangeData


@pytest.fixture
def seeded(journal):
    zoe = people.add_person("Zoë Brontë-Nuñez")
    interactions.log_interaction(
        "2026-09-01", "Kick-off", [zoe.id], exchanges=[ExchangeData(zoe.id, "given", "advice", 3)]
    )
    return journal


def file_menu_entries(window) -> list[str]:
    [menu] = [a.menu() for a in window.menuBar().actions() if a.text() == "&File"]
    return [a.text() for a in menu.actions() if not a.isSeparator()]


@pytest.fixture
def copy_dialog(qtbot, window, seeded):
    """The dialog as File → Copy journal to… opens it; closed after the test (a modal
    dialog left open would be the next test's active window)."""
    from winwin_desktop.ui.copy_dialog import CopyDialog

    [menu] = [a.menu() for a in window.menuBar().actions() if a.text() == "&File"]
    [entry] = [a for a in menu.actions() if a.text() == "&Copy journal to…"]
    entry.trigger()
    [dialog] = window.findChildren(CopyDialog)
    yield dialog
    qtbot.waitUntil(lambda: not dialog.is_copying(), timeout=20000)
    dialog.reject()


def copy_to(qtbot, dialog, target) -> None:
    dialog.target.setFocus()
    qtbot.keyClicks(dialog.target, str(target))
    qtbot.mouseClick(dialog.copy_button, Qt.LeftButton)
    qtbot.waitUntil(lambda: not dialog.is_copying(), timeout=20000)


def test_copy_from_the_file_menu_says_what_it_copied(qtbot, window, copy_dialog, tmp_path):
    assert "&Copy journal to…" in file_menu_entries(window)
    dialog = copy_dialog
    target = tmp_path / "copy.db"
    copy_to(qtbot, dialog, target)
    qtbot.waitUntil(lambda: dialog.outcome.isVisible() or dialog.error.isVisible(), timeout=20000)
    assert not dialog.error.isVisible(), dialog.error.text()
    assert dialog.outcome.text().startswith(
        f"Copied the journal to {target} (1 person, 1 interaction"
    )
    assert not dialog.error.isVisible()
    assert dialog.progress.value() == dialog.progress.maximum() > 0
    assert not dialog.copy_button.isEnabled()  # done: Close is what is left
    assert target.stat().st_size > 0
    assert window.statusBar().currentMessage() == dialog.outcome.text()


def test_a_target_with_data_is_refused_in_a_sentence(qtbot, copy_dialog, tmp_path):
    other = tmp_path / "other.db"
    other.write_bytes(b"something of mine\n")
    before = hashlib.sha256(other.read_bytes()).digest()
    dialog = copy_dialog
    copy_to(qtbot, dialog, other)
    qtbot.waitUntil(lambda: dialog.error.isVisible(), timeout=20000)
    assert dialog.error.text() == (
        f"{other} already holds data and was left untouched; copy into a new file or an "
        "empty database."
    )
    assert not dialog.outcome.isVisible()
    assert dialog.copy_button.isEnabled() and dialog.target.text() == str(other)
    assert hashlib.sha256(other.read_bytes()).digest() == before


def test_the_file_chooser_fills_the_target(qtbot, copy_dialog, tmp_path, monkeypatch):
    dialog = copy_dialog
    monkeypatch.setattr(dialog, "ask_path", lambda: str(tmp_path / "chosen.db"))
    qtbot.mouseClick(dialog.choose, Qt.LeftButton)
    assert dialog.target.text() == str(tmp_path / "chosen.db")
