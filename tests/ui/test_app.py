"""Starting the GUI: a journal that cannot be opened is explained, and exit 1."""

from __future__ import annotations

import gc

from PySide6.QtWidgets import QMessageBox

from winwin_desktop.app import run_gui


def test_a_file_that_is_not_a_journal_is_explained_and_quitting_exits_1(
    tmp_path, monkeypatch, capsys, qapp
):
    from winwin_desktop.ui.damaged_dialog import DamagedJournalDialog

    shown = []
    # The user reads the explanation and chooses Quit.
    monkeypatch.setattr(
        DamagedJournalDialog, "exec", lambda dialog: shown.append(dialog.explanation.text())
    )
    not_a_journal = tmp_path / "notes.txt"
    not_a_journal.write_text("shopping list\n")
    assert run_gui(not_a_journal) == 1
    # The garbage collection paused for the start runs again, the window never painted.
    assert gc.isenabled()
    assert "notes.txt is not a WinWin journal." in shown[0]
    assert capsys.readouterr().err == (
        f"winwin: {not_a_journal} is not a WinWin journal and was left untouched; "
        "open another file with --db.\n"
    )
    assert not_a_journal.read_text() == "shopping list\n"


def test_an_unwritable_location_is_one_message_and_exit_1(tmp_path, monkeypatch, qapp):
    shown = []
    monkeypatch.setattr(QMessageBox, "critical", lambda parent, title, text: shown.append(text))
    blocker = tmp_path / "file"
    blocker.write_text("")
    assert run_gui(blocker / "journal.db") == 1
    assert gc.isenabled()
    assert len(shown) == 1 and shown[0].startswith("Cannot create the folder")
