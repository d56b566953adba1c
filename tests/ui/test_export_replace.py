"""File → Export… never replaces a file without asking: a path typed into the dialog
gets the same "replace?" question Qt's save dialog asks, and the journal itself is
refused whatever the answer."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from winwin_desktop.journal import backups, people
from winwin_desktop.ui.export_dialog import ExportDialog


@pytest.fixture
def dialog(qtbot, journal):
    people.add_person("Zoë Brontë-Nuñez")
    shown = ExportDialog()
    qtbot.addWidget(shown)
    shown.show()
    return shown


@pytest.mark.parametrize("answer", [False, True])
def test_a_typed_existing_file_is_replaced_only_after_yes(
    dialog, qtbot, tmp_path, monkeypatch, answer
):
    target = tmp_path / "old.json"
    target.write_text("keep me")
    asked = []
    monkeypatch.setattr(dialog, "confirm_replace", lambda files: asked.append(files) or answer)
    dialog.path.setText(str(target))
    qtbot.mouseClick(dialog.export_button, Qt.LeftButton)
    assert asked == [[target]]
    if answer:
        assert '"Zoë Brontë-Nuñez"' in target.read_text(encoding="utf-8")
        assert not dialog.isVisible()
    else:
        assert target.read_text() == "keep me"
        assert dialog.isVisible()


def test_a_file_the_save_dialog_confirmed_is_not_asked_about_twice(
    dialog, qtbot, tmp_path, monkeypatch
):
    target = tmp_path / "old.json"
    target.write_text("keep me")
    monkeypatch.setattr(dialog, "ask_path", lambda *args: str(target))
    monkeypatch.setattr(dialog, "confirm_replace", lambda files: pytest.fail("asked twice"))
    qtbot.mouseClick(dialog.choose, Qt.LeftButton)
    qtbot.mouseClick(dialog.export_button, Qt.LeftButton)
    assert '"Zoë Brontë-Nuñez"' in target.read_text(encoding="utf-8")


def test_the_journal_is_refused_even_after_yes(dialog, qtbot, monkeypatch):
    journal = backups.journal_file()
    before = journal.read_bytes()
    monkeypatch.setattr(dialog, "confirm_replace", lambda files: True)
    dialog.path.setText(str(journal))
    qtbot.mouseClick(dialog.export_button, Qt.LeftButton)
    assert "is the journal itself" in dialog.error.text()
    assert dialog.isVisible()
    assert journal.read_bytes() == before
