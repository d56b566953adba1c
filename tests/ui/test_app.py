"""Starting the GUI: an unusable journal location is one plain message and exit 1."""

from __future__ import annotations

from PySide6.QtWidgets import QMessageBox

from winwin_desktop.app import run_gui


def test_a_journal_that_cannot_be_opened_is_one_message_and_exit_1(
    tmp_path, monkeypatch, capsys, qapp
):
    shown = []
    monkeypatch.setattr(QMessageBox, "critical", lambda parent, title, text: shown.append(text))
    not_a_journal = tmp_path / "notes.txt"
    not_a_journal.write_text("shopping list\n")
    assert run_gui(not_a_journal) == 1
    assert shown == [f"{not_a_journal} is not a WinWin journal; open another file with --db."]
    assert capsys.readouterr().err == f"winwin: {shown[0]}\n"
    assert not_a_journal.read_text() == "shopping list\n"


def test_an_unwritable_location_is_one_message_and_exit_1(tmp_path, monkeypatch, qapp):
    shown = []
    monkeypatch.setattr(QMessageBox, "critical", lambda parent, title, text: shown.append(text))
    blocker = tmp_path / "file"
    blocker.write_text("")
    assert run_gui(blocker / "journal.db") == 1
    assert len(shown) == 1 and shown[0].startswith("Cannot create the folder")
