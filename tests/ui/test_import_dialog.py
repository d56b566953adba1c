"""File → Import…'s dialog through its widgets: the preview, duplicates, the column
mapping, calendar attendees, and one undo step for the whole import."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from winwin_desktop.journal import importing, interactions, people
from winwin_desktop.ui.import_dialog import CHOICE, DETAIL, PLACE, RECORD, STATUS, ImportDialog
from winwin_desktop.ui.undo import Actions

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "import"


@pytest.fixture
def dialog(qtbot, journal, monkeypatch):
    actions = Actions()
    chosen: list[Path] = []
    made = ImportDialog(actions)
    monkeypatch.setattr(made, "choose_file", lambda: chosen.pop(0) if chosen else None)
    qtbot.addWidget(made)
    made.show()

    def choose(name: str) -> None:
        chosen.append(FIXTURES / name)
        qtbot.mouseClick(made.choose_button, Qt.LeftButton)

    made.choose = choose
    return made


def table(dialog) -> list[tuple[str, ...]]:
    proxy = dialog.proxy
    return [
        tuple(proxy.index(row, column).data() for column in (PLACE, RECORD, STATUS, DETAIL, CHOICE))
        for row in range(proxy.rowCount())
    ]


def test_nothing_to_import_before_a_file(dialog):
    assert not dialog.import_button.isEnabled()
    assert dialog.file_label.text() == "No file chosen yet."
    assert not dialog.mapping_group.isVisible()  # no "columns not recognised" yet
    assert not dialog.error.isVisible()


def test_preview_then_import_in_one_undo_step(dialog, qtbot):
    dialog.choose("linkedin_Connections.csv")
    assert dialog.detected_label.text() == (
        "WinWin reads this as: Contacts in CSV (LinkedIn, Google, Outlook, other)."
    )
    assert dialog.summary.text() == "5 records: 3 new, 2 skipped."
    assert table(dialog)[2] == (
        "line 7",
        "—",
        "Skipped",
        "This row was skipped: it has no name.",
        "",
    )
    assert table(dialog)[0][:3] == ("line 5", "Zoë Brontë-Nuñez", "New")
    with qtbot.waitSignal(dialog.imported) as blocker:
        qtbot.mouseClick(dialog.import_button, Qt.LeftButton)
    assert blocker.args == ["3 people added."]
    assert not dialog.isVisible()
    assert len(people.people_names()) == 3
    stack = dialog.actions.stack
    assert (stack.count(), stack.undoText()) == (1, "Import linkedin_Connections.csv")
    stack.undo()
    assert people.people_names() == []


def test_maybe_the_same_is_a_choice_per_row_and_adds_as_new_by_default(dialog, qtbot):
    people.add_person("Amelie Lefebvre")
    dialog.choose("android_2.1_qp.vcf")
    assert dialog.summary.text() == (
        "2 records: 1 new, 1 maybe the same.  Check the choices in the last column."
    )
    first = table(dialog)[0]
    assert first[2:] == (
        "Maybe the same",
        "Maybe the same as Amelie Lefebvre (the names are 96% alike); added as a new person.",
        "Add as new",
    )
    dialog.show_box.setCurrentText("Maybe the same")
    assert [row[1] for row in table(dialog)] == ["Amélie Lefèvre"]
    choice = dialog.proxy.index(0, CHOICE)
    dialog.table.setCurrentIndex(choice)  # opens the drop-down, as a click does
    editor = dialog.table.indexWidget(choice)
    assert [editor.itemText(i) for i in range(editor.count())] == ["Add as new", "Merge", "Skip"]
    editor.setCurrentIndex(1)
    editor.activated.emit(1)
    assert table(dialog)[0][3] == (
        "Maybe the same as Amelie Lefebvre (the names are 96% alike); merging adds 2 emails, "
        "2 phones, organisation, role, photo and notes."
    )
    qtbot.mouseClick(dialog.import_button, Qt.LeftButton)
    assert sorted(name for _, name in people.people_names()) == ["Amelie Lefebvre", "Plumber"]


def test_importing_the_same_file_again_offers_nothing(dialog, qtbot):
    importing.import_file(FIXTURES / "apple_contacts_3.0.vcf")
    dialog.choose("apple_contacts_3.0.vcf")
    assert dialog.summary.text() == "2 records: 2 already in the journal."
    assert not dialog.import_button.isEnabled()


def test_a_csv_of_its_own_shape_asks_for_the_columns(dialog, qtbot):
    dialog.choose("custom_latin1_semicolon.csv")
    assert dialog.mapping_group.isVisible()
    assert not dialog.table.isVisible()
    assert dialog.mapping_table.item(1, 1).text() == "rene@quebec.example, eloise@caron.example"
    # “Courriel” is not recognised; nothing holds a name yet.
    qtbot.mouseClick(dialog.mapping_button, Qt.LeftButton)
    assert "Still no column holds a name" in dialog.error.text()
    dialog.set_column("Nom complet", "name")
    dialog.set_column("Courriel", "email")
    dialog.set_column("Société", "organisation")
    qtbot.mouseClick(dialog.mapping_button, Qt.LeftButton)
    assert not dialog.mapping_group.isVisible()
    assert dialog.summary.text() == "2 records: 2 new."
    qtbot.mouseClick(dialog.import_button, Qt.LeftButton)
    rene = people.get_person(people.find_person("René Lévesque").id)
    assert (rene.emails, rene.organisation) == (["rene@quebec.example"], "Hydro-Québec")


def test_calendar_attendees_to_add_or_ignore(dialog, qtbot, monkeypatch):
    import datetime as dt
    from zoneinfo import ZoneInfo

    from winwin_desktop.formats import icalendar_import

    real = icalendar_import.read_calendar
    berlin = ZoneInfo("Europe/Berlin")
    monkeypatch.setattr(
        icalendar_import,
        "read_calendar",
        lambda data, file, now=None, tz=None, since=None: real(
            data, file, now=dt.datetime(2025, 6, 1, 12, tzinfo=berlin), tz=berlin, since=since
        ),
    )
    zoe = people.add_person("Zoë Brontë-Nuñez", emails=["zoe@acme-robotics.example"])
    dialog.choose("calendar.ics")
    assert dialog.attendees_group.isVisible()
    items = [dialog.attendees.item(i) for i in range(dialog.attendees.count())]
    assert items[0].text() == "Wei Lim <wei@lim.example> — in 2 meetings"
    assert all(item.checkState() == Qt.Unchecked for item in items)
    assert dialog.summary.text() == "10 records: 4 new, 6 skipped."
    items[0].setCheckState(Qt.Checked)
    assert dialog.summary.text() == "10 records: 6 new, 4 skipped."
    qtbot.mouseClick(dialog.import_button, Qt.LeftButton)
    wei = people.find_person("Wei Lim")
    assert len(interactions.timeline(wei.id)) == 2
    assert len(interactions.timeline(zoe.id)) == 4
    assert dialog.actions.stack.count() == 1


@pytest.mark.parametrize(
    ("name", "message"),
    [
        ("noise.bin", "noise.bin, line 1: this is not a text file"),
        ("empty.vcf", "empty.vcf: the file is empty"),
    ],
)
def test_broken_files_say_where_and_import_nothing(dialog, name, message):
    dialog.choose(name)
    assert dialog.error.text().startswith(message)
    assert dialog.error.text().endswith("Nothing will be imported; choose another file or kind.")
    assert not dialog.table.isVisible()
    assert not dialog.import_button.isEnabled()
    assert dialog.detected_label.text() == ""  # not "reads this as…" over the error


def test_the_kind_can_be_forced(dialog):
    dialog.choose("plain_utf8.csv")
    dialog.format_box.setCurrentIndex(dialog.format_box.findData("vcard"))
    dialog.format_box.activated.emit(dialog.format_box.currentIndex())
    assert "plain_utf8.csv" in dialog.error.text()
    assert not dialog.import_button.isEnabled()


@pytest.mark.both_journal_kinds
def test_file_import_opens_from_the_menu_and_is_one_undo_step(window, qtbot):
    from pathlib import Path

    from winwin_desktop.journal import people as people_cases

    dialog = window.import_file()
    fixture = Path(__file__).resolve().parents[1] / "fixtures" / "import"
    card = next(fixture.glob("*.vcf"))
    dialog.open_file(card)
    before = len(people_cases.people_summaries())
    dialog.import_now()
    added = len(people_cases.people_summaries()) - before
    assert added > 0
    window.undo_action.trigger()
    assert len(people_cases.people_summaries()) == before
