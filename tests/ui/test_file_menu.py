"""File menu wiring: export, back up now, restore, merge from the People list, and the
automatic snapshot on quit."""

from __future__ import annotations

from PySide6.QtCore import QItemSelectionModel, QModelIndex, Qt
from PySide6.QtWidgets import QApplication

from winwin_desktop.journal import backups, interactions, people
from winwin_desktop.journal.interactions import ExchangeData as X
from winwin_desktop.ui.main_window import PEOPLE
from winwin_desktop.ui.merge_dialog import MergeDialog


def test_back_up_now_takes_a_verified_snapshot(window):
    people.add_person("Ada")
    taken = window.back_up_now()
    assert taken is not None and taken.path.exists()
    [listed] = backups.list_snapshots()
    assert listed.path == taken.path
    assert "Backed up" in window.statusBar().currentMessage()


def test_the_days_first_snapshot_is_taken_once_after_start(window, qtbot):
    people.add_person("Ada")
    worker = window.snapshot_at_start()
    assert worker is not None
    assert window.statusBar().currentMessage() == "Taking today's first snapshot…"
    # (The thread may report before a waitSignal could connect: wait for what is shown.)
    qtbot.waitUntil(lambda: window.statusBar().currentMessage().startswith("Today's first"))
    assert window.statusBar().currentMessage() == (
        "Today's first snapshot: 1 person and 0 interactions kept among your backups."
    )
    [first] = backups.list_snapshots()
    assert first.path.exists() and first.kind == backups.START and first.people == 1
    window.finish_start_snapshot()
    assert window.snapshot_at_start() is None  # one a day
    assert [s.path for s in backups.list_snapshots()] == [first.path]


def test_an_empty_journal_takes_no_first_snapshot_and_says_nothing_about_one(window):
    assert window.snapshot_at_start() is None
    assert "snapshot" not in window.statusBar().currentMessage()
    assert backups.list_snapshots() == []


def test_the_window_stays_usable_and_quitting_waits_for_the_snapshot(window, qtbot):
    people.add_person("Ada")
    worker = window.snapshot_at_start()
    people.add_person("Grace")  # the window writes meanwhile
    window.close()  # waits for the snapshot before the journal goes
    assert not worker.isRunning()
    [taken] = backups.list_snapshots()
    assert taken.kind == backups.START and taken.people in (1, 2)
    assert backups.check(taken.path) == []


def test_a_failed_automatic_snapshot_is_said_in_the_status_bar_without_a_dialog(
    window, qtbot, monkeypatch
):
    def no_room(*_args, **_kwargs):
        raise backups.JournalError("There is no room left for the snapshot; free some disk.")

    people.add_person("Ada")
    monkeypatch.setattr(backups, "take_snapshot", no_room)
    worker = window.snapshot_at_start()
    # No message box: the suite's guard fails any test that shows one unasked.
    assert worker is not None
    qtbot.waitUntil(lambda: "failed" in window.statusBar().currentMessage(), timeout=10000)
    assert window.statusBar().currentMessage() == (
        "Today's first snapshot failed: There is no room left for the snapshot; free some disk."
    )


def test_a_closed_window_takes_no_snapshot(window):
    window.close()
    assert window.snapshot_at_start() is None
    assert backups.list_snapshots() == []


def file_menu_entries(window) -> list[str]:
    [file_menu] = [a.menu() for a in window.menuBar().actions() if a.text() == "&File"]
    return [a.text() for a in file_menu.actions() if not a.isSeparator()]


def test_the_file_menu_holds_import_export_backup_and_restore(window, qtbot):
    from winwin_desktop.ui.export_dialog import ExportDialog
    from winwin_desktop.ui.import_dialog import ImportDialog
    from winwin_desktop.ui.restore_dialog import RestoreDialog

    entries = file_menu_entries(window)
    for entry in ("&Import…", "&Export…", "&Back up now", "&Restore from a snapshot…"):
        assert entry in entries
    assert window.import_action.shortcut().toString() == "Ctrl+I"
    assert window.export_action.shortcut().toString() == "Ctrl+E"

    for action, kind in (
        (window.import_action, ImportDialog),
        (window.export_action, ExportDialog),
        (window.restore_action, RestoreDialog),
    ):
        action.trigger()
        dialog = QApplication.activeModalWidget()
        assert isinstance(dialog, kind)
        dialog.reject()

    people.add_person("Ada")
    window.back_up_action.trigger()
    assert "Backed up" in window.statusBar().currentMessage()
    assert len(backups.list_snapshots()) == 1


def test_ctrl_i_opens_the_import_dialog(window, qtbot):
    from winwin_desktop.ui.import_dialog import ImportDialog

    qtbot.keyClick(window, Qt.Key_I, Qt.ControlModifier)
    dialog = QApplication.activeModalWidget()
    assert isinstance(dialog, ImportDialog)
    dialog.reject()


def test_merge_two_selected_people_from_the_list_and_undo(window, qtbot):
    ada = people.add_person("Ada Lovelace", emails=["ada@example.org"])
    twin = people.add_person("Ada L.")
    interactions.log_interaction(
        "2026-10-01", "Tea", [twin.id], exchanges=[X(twin.id, "given", "advice", 3)]
    )
    window.show_page(PEOPLE)
    table = window.people_page.table
    selection = table.selectionModel()
    for row in range(2):
        selection.select(
            table.model().index(row, 0), QItemSelectionModel.Select | QItemSelectionModel.Rows
        )
    menu = window.people_page.table_menu()  # right-click on the two
    [merge] = [a for a in menu.actions() if a.text() == "Merge these two people…"]
    merge.trigger()
    dialog = QApplication.activeModalWidget()
    assert isinstance(dialog, MergeDialog)
    dialog.keep(ada.id)
    dialog.merge()
    assert [p.name for p in people.people_summaries()] == ["Ada Lovelace"]
    assert people.person_summary(ada.id).given == 3
    window.undo_action.trigger()
    assert len(people.people_summaries()) == 2
    assert people.person_summary(ada.id).given == 0


def test_edit_merge_people_needs_a_selection_then_opens_the_dialog(window, qtbot):
    ada = people.add_person("Ada Lovelace")
    people.add_person("Grace Hopper")
    window.show_page(PEOPLE)
    window.people_page.table.setCurrentIndex(QModelIndex())  # nobody selected
    window.people_page.table.clearSelection()
    [edit_menu] = [a.menu() for a in window.menuBar().actions() if a.text() == "&Edit"]
    [merge] = [a for a in edit_menu.actions() if a.text() == "&Merge people…"]
    merge.trigger()
    assert QApplication.activeModalWidget() is None
    assert window.statusBar().currentMessage() == (
        "Select one or two people in the People list to merge them."
    )
    window.people_page.select_person(ada.id)
    merge.trigger()
    dialog = QApplication.activeModalWidget()
    assert isinstance(dialog, MergeDialog)
    dialog.reject()


def test_closing_takes_a_snapshot_when_automatic(make_window, journal, qtbot):
    window = make_window()
    window.automatic_snapshots = True
    people.add_person("Ada")
    window.close()
    kinds = [s.kind for s in backups.list_snapshots()]
    assert kinds == ["quit"]


def test_quitting_takes_a_snapshot_after_the_window_is_gone(
    journal, journal_path, window_settings, qtbot, monkeypatch
):
    from winwin_desktop.ui.main_window import MainWindow

    people.add_person("Ada")
    window = MainWindow(journal_path, window_settings, automatic_snapshots=True)
    qtbot.addWidget(window)
    window.show()
    seen = []
    original = backups.snapshot_at_quit

    def watched():
        seen.append(window.isVisible())
        return original()

    monkeypatch.setattr(backups, "snapshot_at_quit", watched)
    window.close()
    assert seen == [False]  # hidden first: the snapshot does not hold the window up
    [taken] = backups.list_snapshots()
    assert taken.kind == backups.QUIT and taken.people == 1
