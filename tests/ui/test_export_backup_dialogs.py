"""The export, restore and merge dialogs, driven through their widgets. File and
question dialogs sit behind small methods that the tests replace."""

from __future__ import annotations

import datetime as dt
import stat

import pytest
from PySide6.QtCore import QPoint, Qt

from winwin_desktop.journal import backups, interactions, people, trash
from winwin_desktop.journal.interactions import ExchangeData
from winwin_desktop.ui.dates import human_date
from winwin_desktop.ui.export_dialog import ExportDialog
from winwin_desktop.ui.merge_dialog import MergeDialog
from winwin_desktop.ui.restore_dialog import RestoreDialog
from winwin_desktop.ui.undo import Actions


@pytest.fixture
def zoe_twice(journal):
    zoe = people.add_person("Zoë Brontë-Nuñez", organisation="Acme Robotics")
    dup = people.add_person("Zoe Bronte", emails=["zoe@home.example"], tags=["friend"])
    people.add_person("Minh Hoang")
    interactions.log_interaction(
        "2026-03-02", "Intro", [zoe.id], exchanges=[ExchangeData(zoe.id, "given", "advice", 3)]
    )
    interactions.log_interaction(
        "2026-04-10", "Coffee", [dup.id], exchanges=[ExchangeData(dup.id, "received", "gift", 2)]
    )
    return zoe, dup


def names() -> list[str]:
    return [name for _, name in people.people_names()]


def click_radio(qtbot, button) -> None:
    """Click a radio button on its circle (its centre may lie past its text)."""
    qtbot.mouseClick(button, Qt.LeftButton, pos=QPoint(8, button.height() // 2))


# ---- export -------------------------------------------------------------------------------


@pytest.fixture
def export_dialog(qtbot, zoe_twice):
    dialog = ExportDialog()
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def test_export_dialog_warns_that_exports_are_plain_text(export_dialog):
    assert export_dialog.warning.isVisible()
    assert "Exports are plain text." in export_dialog.warning.text()
    assert "readable only by you" in export_dialog.warning.text()
    assert export_dialog.chosen_format() == "json"
    assert export_dialog.path.text().endswith(".json")


def test_export_to_the_chosen_file(export_dialog, qtbot, tmp_path, monkeypatch):
    target = tmp_path / "exports" / "people.vcf"
    asked = []

    def ask(format_name, suggested):
        asked.append((format_name, suggested))
        return str(target)

    monkeypatch.setattr(export_dialog, "ask_path", ask)
    click_radio(qtbot, export_dialog.format_buttons["vcard"])
    assert export_dialog.path.text().endswith(".vcf")
    qtbot.mouseClick(export_dialog.choose, Qt.LeftButton)
    assert asked[0][0] == "vcard" and export_dialog.path.text() == str(target)
    with qtbot.wait_signal(export_dialog.exported) as blocker:
        qtbot.mouseClick(export_dialog.export_button, Qt.LeftButton)
    assert blocker.args == [f"Exported 3 people and 2 interactions to {target}."]
    assert not export_dialog.isVisible()
    assert target.read_text(encoding="utf-8").count("BEGIN:VCARD") == 3
    assert stat.S_IMODE(target.stat().st_mode) == 0o600


def test_csv_asks_for_a_folder_and_writes_five_files(export_dialog, qtbot, tmp_path):
    click_radio(qtbot, export_dialog.format_buttons["csv"])
    assert "folder" in export_dialog.where_label.text()
    export_dialog.path.setText(str(tmp_path / "csv"))
    qtbot.mouseClick(export_dialog.export_button, Qt.LeftButton)
    assert len(list((tmp_path / "csv").iterdir())) == 5


def test_a_cancelled_file_dialog_keeps_the_path(export_dialog, qtbot, monkeypatch):
    before = export_dialog.path.text()
    monkeypatch.setattr(export_dialog, "ask_path", lambda *args: None)
    qtbot.mouseClick(export_dialog.choose, Qt.LeftButton)
    assert export_dialog.path.text() == before


def test_an_export_refused_shows_why_and_keeps_the_dialog_open(export_dialog, qtbot, tmp_path):
    export_dialog.path.setText(str(tmp_path))  # a folder, for a JSON file
    with qtbot.assert_not_emitted(export_dialog.exported):
        qtbot.mouseClick(export_dialog.export_button, Qt.LeftButton)
    assert export_dialog.isVisible()
    assert export_dialog.error.isVisible()
    assert export_dialog.error.text() == (
        f"{tmp_path} is a folder; give the name of the file to write instead."
    )
    export_dialog.path.clear()
    qtbot.mouseClick(export_dialog.export_button, Qt.LeftButton)
    assert export_dialog.error.text() == "Say where to save the export."


# ---- restore ------------------------------------------------------------------------------


@pytest.fixture
def with_snapshots(zoe_twice):
    backups.take_snapshot(backups.START, now=dt.datetime(2026, 11, 26, 8, 15))
    people.add_person("Rahel Tesfaye")
    backups.take_snapshot(backups.QUIT, now=dt.datetime(2026, 11, 26, 19, 40))
    people.add_person("Piotr Kowalski")
    return zoe_twice


def open_restore(qtbot) -> RestoreDialog:
    dialog = RestoreDialog()
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def rows(dialog: RestoreDialog) -> list[list[str]]:
    table = dialog.table
    return [
        [table.item(row, column).text() for column in range(table.columnCount() - 1)]
        for row in range(table.rowCount())
    ]


def test_restore_dialog_lists_snapshots_with_date_and_counts(with_snapshots, qtbot):
    dialog = open_restore(qtbot)
    assert rows(dialog) == [
        ["2026-11-26 19:40", "on quit", "4", "2"],
        ["2026-11-26 08:15", "first start of the day", "3", "2"],
    ]
    assert "last 7 days and 4 weeks" in dialog.explanation.text()
    assert dialog.restore_button.isEnabled()
    # Enter closes; replacing the journal takes a deliberate click or Alt+R.
    assert dialog.close_button.isDefault() and not dialog.restore_button.isDefault()


@pytest.mark.both_journal_kinds
def test_restoring_a_snapshot_takes_a_safety_snapshot_first(with_snapshots, qtbot, monkeypatch):
    dialog = open_restore(qtbot)
    questions = []
    monkeypatch.setattr(dialog, "confirm", lambda text: questions.append(text) or True)
    dialog.table.selectRow(1)
    with qtbot.wait_signal(dialog.restored) as blocker:
        qtbot.mouseClick(dialog.restore_button, Qt.LeftButton)
    assert "2026-11-26 08:15 (first start of the day): 3 people, 2 interactions" in questions[0]
    assert names() == ["Minh Hoang", "Zoe Bronte", "Zoë Brontë-Nuñez"]
    assert dialog.safety.kind == "before-restore" and dialog.safety.people == 5
    assert dialog.safety.path.name in blocker.args[0]
    assert not dialog.isVisible()


def test_saying_no_restores_nothing(with_snapshots, qtbot, monkeypatch):
    dialog = open_restore(qtbot)
    monkeypatch.setattr(dialog, "confirm", lambda text: False)
    with qtbot.assert_not_emitted(dialog.restored):
        qtbot.mouseClick(dialog.restore_button, Qt.LeftButton)
    assert len(names()) == 5
    assert len(backups.list_snapshots()) == 2


def test_back_up_now_adds_a_row(with_snapshots, qtbot):
    dialog = open_restore(qtbot)
    with qtbot.wait_signal(dialog.backed_up):
        qtbot.mouseClick(dialog.back_up_button, Qt.LeftButton)
    assert dialog.table.rowCount() == 3
    assert rows(dialog)[0][1:] == ["backed up by hand", "5", "2"]
    assert dialog.message.text().startswith("Backed up: ")


def test_restore_from_a_file_that_is_not_a_journal_says_so(
    with_snapshots, qtbot, tmp_path, monkeypatch
):
    notes = tmp_path / "notes.db"
    notes.write_text("not a journal")
    dialog = open_restore(qtbot)
    monkeypatch.setattr(dialog, "ask_file", lambda: str(notes))
    monkeypatch.setattr(dialog, "confirm", lambda text: pytest.fail("asked to confirm"))
    with qtbot.assert_not_emitted(dialog.restored):
        qtbot.mouseClick(dialog.from_file_button, Qt.LeftButton)
    assert dialog.error.text() == f"{notes} is not a WinWin journal or snapshot."
    assert len(names()) == 5


def test_restore_from_a_good_file(with_snapshots, qtbot, tmp_path, monkeypatch):
    elsewhere = backups.take_snapshot(target=tmp_path / "elsewhere.db")
    people.add_person("Someone New")
    dialog = open_restore(qtbot)
    monkeypatch.setattr(dialog, "ask_file", lambda: str(elsewhere.path))
    monkeypatch.setattr(dialog, "confirm", lambda text: True)
    with qtbot.wait_signal(dialog.restored):
        qtbot.mouseClick(dialog.from_file_button, Qt.LeftButton)
    assert "Someone New" not in names() and len(names()) == 5


def test_check_button_reports_a_healthy_journal(with_snapshots, qtbot):
    dialog = open_restore(qtbot)
    qtbot.mouseClick(dialog.check_button, Qt.LeftButton)
    assert dialog.message.text() == "The journal is healthy: integrity and foreign keys check out."
    assert not dialog.error.isVisible()


def test_with_no_snapshots_the_dialog_says_how_to_take_one(zoe_twice, qtbot):
    dialog = open_restore(qtbot)
    assert not dialog.table.isVisible() and dialog.empty.isVisible()
    assert not dialog.restore_button.isEnabled()


# ---- merge --------------------------------------------------------------------------------


def test_merge_dialog_previews_then_merges_as_one_undoable_action(zoe_twice, qtbot):
    zoe, dup = zoe_twice
    actions = Actions()
    dialog = MergeDialog(actions, dup.id)
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.other_id() is None and not dialog.merge_button.isEnabled()
    dialog.choose_other(zoe.id)
    # Both have one interaction: the one the dialog was opened on is offered first.
    assert dialog.keep_first.isChecked()
    last = human_date(dt.date(2026, 4, 10))  # "Fri 10 Apr", as the other screens say it
    assert dialog.keep_first.text() == f"Keep Zoe Bronte (1 interaction, last contact {last})"
    assert "2026-04-10" not in dialog.keep_first.text()
    click_radio(qtbot, dialog.keep_second)
    preview = dialog.preview.text()
    assert "Moves to Zoë Brontë-Nuñez: 1 interaction, 1 exchange." in preview
    assert "tags friend; zoe@home.example" in preview
    assert "Zoe Bronte then goes to the trash" in preview

    qtbot.mouseClick(dialog.merge_button, Qt.LeftButton)
    assert dialog.kept_id == zoe.id and not dialog.isVisible()
    summary = people.person_summary(zoe.id)
    assert (summary.given, summary.received, summary.interactions) == (3, 2, 2)
    assert [item.label for item in trash.trash_items()] == ["Zoe Bronte"]
    assert actions.stack.count() == 1
    assert actions.stack.undoText() == "Merge Zoe Bronte into Zoë Brontë-Nuñez"
    actions.stack.undo()
    assert people.person_summary(zoe.id).interactions == 1
    assert people.person_summary(dup.id).interactions == 1
    assert trash.trash_items() == []


def test_merge_dialog_suggests_keeping_the_record_with_more_history(zoe_twice, qtbot):
    zoe, dup = zoe_twice
    interactions.log_interaction("2026-05-01", "Call", [zoe.id], kind="call")
    dialog = MergeDialog(Actions(), dup.id, zoe.id)
    qtbot.addWidget(dialog)
    assert dialog.keep_second.isChecked()
    assert dialog.kept_and_merged() == (zoe.id, dup.id)


def test_merge_without_a_second_person_asks_for_one(zoe_twice, qtbot):
    zoe, _ = zoe_twice
    dialog = MergeDialog(Actions(), zoe.id)
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.preview.text() == "Choose the duplicate record above."
    assert dialog.merge() is None
    assert dialog.error.text() == "Choose the person to merge with."
    assert [dialog.other.itemText(i) for i in range(dialog.other.count())] == [
        "Minh Hoang",
        "Zoe Bronte",
    ]
