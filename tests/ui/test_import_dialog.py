"""File → Import…'s dialog through its widgets: the preview, duplicates, the column
mapping, calendar attendees, and one undo step for the whole import."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from winwin_desktop.journal import importing, interactions, people
from winwin_desktop.ui.import_dialog import (
    CHOICE,
    DETAIL,
    NAME,
    ORGANISATION,
    ROLE,
    STATUS,
    ImportDialog,
)
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
        tuple(
            proxy.index(row, column).data()
            for column in (NAME, ORGANISATION, ROLE, STATUS, DETAIL, CHOICE)
        )
        for row in range(proxy.rowCount())
    ]


def test_nothing_to_import_before_a_file_and_a_compact_first_step(dialog):
    assert not dialog.import_button.isEnabled()
    assert dialog.drop_zone.isVisible()
    assert dialog.choose_button.isVisible()
    assert "vCard contacts (.vcf)" in dialog.drop_zone.formats.text()
    assert "Calendar events (.ics)" in dialog.drop_zone.formats.text()
    assert not dialog.table.isVisible()
    assert not dialog.file_row.isVisible()
    assert not dialog.mapping_group.isVisible()  # no "columns not recognised" yet
    assert not dialog.calendar_group.isVisible()
    assert not dialog.error.isVisible()
    assert dialog.width() <= 600 and dialog.height() <= 420


def test_preview_then_import_in_one_undo_step(dialog, qtbot):
    dialog.choose("linkedin_Connections.csv")
    assert dialog.detected_label.text() == (
        "WinWin reads this as: Contacts in CSV (LinkedIn, Google, Outlook, other)."
    )
    assert dialog.summary.text() == "5 records: 3 new, 2 skipped."
    assert not dialog.drop_zone.isVisible()
    assert dialog.width() <= 1280 and dialog.height() <= 800
    assert table(dialog)[2] == (
        "Line 7",
        "",
        "",
        "Skipped",
        "This row was skipped: it has no name.",
        "",
    )
    assert table(dialog)[0] == (
        "Zoë Brontë-Nuñez",
        "Acme Robotics",
        "Head of Partnerships",
        "New",
        "Added as a new person.",
        "Import",
    )
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
        "2 records: 1 new, 1 maybe the same.  Check the choices in the last column: each "
        "is added as new unless you merge it."
    )
    first = table(dialog)[0]
    assert first[3:] == (
        "Maybe the same",
        "Maybe the same as Amelie Lefebvre (the names are 96% alike); added as a new person.",
        "Add as new",
    )
    dialog.show_box.setCurrentText("Maybe the same")
    assert [row[0] for row in table(dialog)] == ["Amélie Lefèvre"]
    choice = dialog.proxy.index(0, CHOICE)
    dialog.table.setCurrentIndex(choice)  # opens the drop-down, as a click does
    editor = dialog.table.indexWidget(choice)
    assert [editor.itemText(i) for i in range(editor.count())] == ["Add as new", "Merge", "Skip"]
    editor.setCurrentIndex(1)
    editor.activated.emit(1)
    assert table(dialog)[0][4] == (
        "Maybe the same as Amelie Lefebvre (the names are 96% alike); merging adds 2 emails, "
        "2 phones, organisation, role, photo, name parts and notes."
    )
    qtbot.mouseClick(dialog.import_button, Qt.LeftButton)
    assert sorted(name for _, name in people.people_names()) == ["Amelie Lefebvre", "Plumber"]
    # The same file again asks nothing.
    dialog.choose("android_2.1_qp.vcf")
    assert dialog.summary.text() == "2 records: 2 already in the journal."
    assert not dialog.import_button.isEnabled()


def test_a_merge_chosen_in_the_preview_is_followed_next_time(dialog, qtbot, tmp_path):
    people.add_person("John Smith")
    names_only = tmp_path / "names.csv"
    names_only.write_text("First Name,Last Name,Company\nJon,Smith,Acme\n", encoding="utf-8")
    dialog.choose(str(names_only))
    choice = dialog.proxy.index(0, CHOICE)
    dialog.table.setCurrentIndex(choice)
    editor = dialog.table.indexWidget(choice)
    editor.setCurrentIndex(editor.findText("Merge"))
    editor.activated.emit(editor.currentIndex())
    qtbot.mouseClick(dialog.import_button, Qt.LeftButton)
    assert people.find_person("John Smith").organisation == "Acme"
    # Nothing but a similar name says who Jon Smith is: the answer given above does.
    dialog.choose(str(names_only))
    assert dialog.summary.text() == "1 record: 1 already in the journal."
    assert table(dialog)[0][4] == (
        "The same as John Smith, as you said on an earlier import; merged, nothing new to add."
    )
    assert [name for _, name in people.people_names()] == ["John Smith"]


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


def _june_2025_in_berlin(monkeypatch) -> None:
    """Calendars read on 1 June 2025 in Berlin, from 1 January 2025 on."""
    import datetime as dt
    from zoneinfo import ZoneInfo

    from winwin_desktop.formats import icalendar_import

    real = icalendar_import.read_calendar
    berlin = ZoneInfo("Europe/Berlin")
    monkeypatch.setattr(
        icalendar_import,
        "read_calendar",
        lambda data, file, now=None, tz=None, since=None: real(
            data,
            file,
            now=dt.datetime(2025, 6, 1, 12, tzinfo=berlin),
            tz=berlin,
            since=dt.date(2025, 1, 1),
        ),
    )


def test_calendar_attendees_to_add_or_ignore(dialog, qtbot, monkeypatch):
    _june_2025_in_berlin(monkeypatch)
    zoe = people.add_person("Zoë Brontë-Nuñez", emails=["zoe@acme-robotics.example"])
    dialog.choose("calendar.ics")
    assert dialog.calendar_group.isVisible()
    assert dialog.attendees.isVisible()
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


def test_a_meeting_row_says_its_date_once(dialog, monkeypatch):
    _june_2025_in_berlin(monkeypatch)
    people.add_person("Zoë Brontë-Nuñez", emails=["zoe@acme-robotics.example"])
    dialog.choose("calendar.ics")
    shown = {
        dialog.proxy.index(row, NAME).data(): dialog.proxy.index(row, NAME).data(Qt.ToolTipRole)
        for row in range(dialog.proxy.rowCount())
    }
    # A repeating meeting's occurrences, and a one-off meeting, alike.
    assert (
        shown["2025-05-19 Weekly sync"] == "2025-05-19 Weekly sync — event 5 (line 76) of the file"
    )
    assert shown["2025-03-10 Intro call, partnerships"] == (
        "2025-03-10 Intro call, partnerships — event 1 (line 38) of the file"
    )


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


def test_dropping_a_file_previews_it(dialog):
    from PySide6.QtCore import QMimeData, QPointF, QUrl
    from PySide6.QtGui import QDropEvent

    data = QMimeData()
    data.setUrls([QUrl.fromLocalFile(str(FIXTURES / "apple_contacts_3.0.vcf"))])
    drop = QDropEvent(QPointF(20, 20), Qt.CopyAction, data, Qt.LeftButton, Qt.NoModifier)
    dialog.drop_zone.dropEvent(drop)
    assert dialog.file_label.text() == "apple_contacts_3.0.vcf"
    assert dialog.summary.text() == "2 records: 2 new."
    assert dialog.import_button.isEnabled()


def test_a_calendar_offers_its_owner_as_me_and_asks_from_when(dialog, qtbot):
    from winwin_desktop.journal import my_addresses

    people.add_person("Ann", emails=["ann@partner.example"])
    dialog.since_edit.setDate(dialog.since_edit.date().fromString("2025-01-01", "yyyy-MM-dd"))
    dialog.choose("quirks/outlook_quoted_cn.ics")
    assert dialog.calendar_group.isVisible()
    (me,) = dialog.me_boxes
    assert me.text() == "sam@me.example is me: add it to My addresses, never as a person"
    strangers = [dialog.attendees.item(i).text() for i in range(dialog.attendees.count())]
    assert any("sam@me.example" in text for text in strangers)
    me.setChecked(True)
    strangers = [dialog.attendees.item(i).text() for i in range(dialog.attendees.count())]
    assert not any("sam@me.example" in text for text in strangers)
    assert dialog.me_boxes[0].isChecked()
    qtbot.mouseClick(dialog.import_button, Qt.LeftButton)
    assert my_addresses.my_addresses() == ["sam@me.example"]
    assert len(interactions.timeline(people.find_person("Ann").id)) == 1
    stack = dialog.actions.stack
    assert stack.count() == 1
    stack.undo()
    assert my_addresses.my_addresses() == []


def test_the_since_field_says_what_was_left_out(dialog):
    people.add_person("Ana Lima", emails=["ana@lima.example"])
    dialog.choose("quirks/daily_standup_no_end.ics")
    since = dialog.since().isoformat()
    assert f"earlier occurrences of repeating meetings, before {since}, left out" in (
        dialog.summary.text()
    )
    # From yesterday: its 09:00 UTC stand-up is past whatever the hour of the run (today's
    # is still to come before 09:00, and a meeting yet to happen is never imported).
    dialog.since_edit.setDate(dialog.since_edit.maximumDate().addDays(-1))
    dialog.since_edit.editingFinished.emit()
    assert dialog.summary.text().startswith("1 record: 1 new (")


def test_my_addresses_editor_adds_refuses_and_saves_in_one_step(qtbot, journal):
    from winwin_desktop.journal import my_addresses
    from winwin_desktop.ui.my_addresses_editor import MyAddressesEditor

    editor = MyAddressesEditor()
    qtbot.addWidget(editor)
    editor.show()
    editor.field.setText("not an address")
    qtbot.mouseClick(editor.add_button, Qt.LeftButton)
    assert editor.error.text() == (
        "“not an address” is not an email address; type one like you@example.com."
    )
    editor.field.setText("me@home.example")
    qtbot.keyClick(editor.field, Qt.Key_Return)
    editor.field.setText("ME@home.example")  # the same address again is kept once
    qtbot.mouseClick(editor.add_button, Qt.LeftButton)
    assert editor.addresses() == ["me@home.example"]
    assert my_addresses.my_addresses() == []  # nothing is written before save
    editor.save()
    assert my_addresses.my_addresses() == ["me@home.example"]
    editor.list.setCurrentRow(0)
    qtbot.mouseClick(editor.remove_button, Qt.LeftButton)
    editor.save()
    assert my_addresses.my_addresses() == []


def test_settings_saves_my_addresses_with_everything_else(qtbot, journal):
    from winwin_desktop.journal import my_addresses
    from winwin_desktop.ui.settings_dialog import SettingsDialog

    actions = Actions()
    settings = SettingsDialog(actions, "light")
    qtbot.addWidget(settings)
    settings.my_addresses.field.setText("me@home.example")
    settings.my_addresses.add()
    settings.save()
    assert my_addresses.my_addresses() == ["me@home.example"]
    assert (actions.stack.count(), actions.stack.undoText()) == (1, "Change settings")
