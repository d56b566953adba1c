"""The core loop through the real widgets: log with two people and value both ways, edit,
undo, redo, trash and restore, and find it all again after a restart."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QDate, QLocale, Qt
from PySide6.QtWidgets import QApplication

from tests.helpers.today import settled, settled_today_page
from tests.helpers.typing import type_text
from winwin_desktop.journal import interactions, people
from winwin_desktop.ui.log_dialog import LogInteractionDialog
from winwin_desktop.ui.main_window import OVERVIEW, PEOPLE, TODAY, TRASH
from winwin_desktop.ui.timeline_rows import SUBTITLE_ROLE


def totals(person_id: int) -> tuple[int, int, int]:
    s = people.person_summary(person_id)
    return s.given, s.received, s.interactions


def open_log_dialog(window, qtbot) -> LogInteractionDialog:
    activate(qtbot, window)
    qtbot.keyClick(window, Qt.Key_N, Qt.ControlModifier)
    [dialog] = [d for d in window.findChildren(LogInteractionDialog) if d.isVisible()]
    activate(qtbot, dialog)
    return dialog


def activate(qtbot, widget) -> None:
    # The offscreen platform leaves no window active after a popup or dialog closes;
    # on a desktop the window underneath becomes active again, and shortcuts need that.
    widget.windowHandle().requestActivate()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is widget)


def add_participant(dialog, qtbot, name: str) -> None:
    type_text(dialog.who, name)
    qtbot.keyClick(dialog.who, Qt.Key_Return)
    activate(qtbot, dialog)


def log_two_person_meeting(window, qtbot) -> LogInteractionDialog:
    """Keyboard only: people, kind, date, title, then one exchange each way."""
    dialog = open_log_dialog(window, qtbot)
    add_participant(dialog, qtbot, "Zoë Brontë-Nuñez")
    add_participant(dialog, qtbot, "minh hoang")  # case does not matter
    dialog.kind.setCurrentText("call")
    dialog.date.setDate(QDate(2026, 10, 1))
    type_text(dialog.title, "Intro call")
    qtbot.keyClick(dialog.title, Qt.Key_G, Qt.AltModifier)  # "+ I gave"
    gave = dialog.exchange_rows[-1]
    gave.person.setCurrentIndex(gave.person.findText("Zoë Brontë-Nuñez"))
    gave.category.setCurrentText("advice")
    gave.points.setValue(3)
    type_text(gave.description, "market map")
    qtbot.keyClick(gave.description, Qt.Key_R, Qt.AltModifier)  # "+ I received"
    got = dialog.exchange_rows[-1]
    got.person.setCurrentIndex(got.person.findText("Minh Hoang"))
    got.category.setCurrentText("introduction")
    got.points.setValue(4)
    type_text(got.description, "CFO intro")
    qtbot.keyClick(got.description, Qt.Key_Return, Qt.ControlModifier)
    return dialog


def test_ctrl_n_opens_the_dialog_from_every_page(window, qtbot):
    for page in (TODAY, PEOPLE, OVERVIEW, TRASH):
        window.show_page(page)
        dialog = open_log_dialog(window, qtbot)
        assert dialog.date.date() == QDate.currentDate()
        qtbot.keyClick(dialog, Qt.Key_Escape)
        assert not dialog.isVisible()


def test_log_with_two_people_and_value_both_ways(window, qtbot):
    zoe = people.add_person("Zoë Brontë-Nuñez")
    minh = people.add_person("Minh Hoang")
    dialog = log_two_person_meeting(window, qtbot)
    assert not dialog.isVisible()
    assert totals(zoe.id) == (3, 0, 1)
    assert totals(minh.id) == (0, 4, 1)
    saved = dialog.saved
    assert saved.title == "Intro call" and saved.kind == "call"
    assert str(saved.date) == "2026-10-01"
    assert saved.participant_names == ["Zoë Brontë-Nuñez", "Minh Hoang"]
    # The person page shows it on the timeline, with the exchange in Zoë's direction.
    window.open_person(zoe.id)
    timeline = window.people_page.person_view.timeline
    top = timeline.topLevelItem(0)
    assert top.text(0) == "Thu 1 Oct" and top.toolTip(0) == "2026-10-01"
    assert top.text(1) == "Intro call"
    assert top.data(1, SUBTITLE_ROLE) == "call · with Minh Hoang"
    assert top.child(0).text(1) == "gave · advice · market map"
    assert top.child(0).text(2) == "3"
    assert "gave 3" in window.people_page.person_view.totals.text().replace("<b>", "").replace(
        "</b>", ""
    )


def test_a_new_name_creates_the_person_in_the_same_action(window, qtbot):
    dialog = open_log_dialog(window, qtbot)
    add_participant(dialog, qtbot, "Rahel Tesfaye")
    [chip] = dialog.participant_chips()
    assert chip.name == "Rahel Tesfaye" and "(new)" in chip.text()
    type_text(dialog.title, "Coffee")
    qtbot.keyClick(dialog.title, Qt.Key_Return, Qt.ControlModifier)
    rahel = people.find_person("Rahel Tesfaye")
    assert rahel is not None and totals(rahel.id) == (0, 0, 1)
    window.undo_action.trigger()  # one undo removes both the person and the interaction
    assert people.find_person("Rahel Tesfaye") is None
    assert interactions.on_day(QDate.currentDate().toPython()) == []


def test_no_people_is_refused_and_nothing_is_written(window, qtbot):
    dialog = open_log_dialog(window, qtbot)
    type_text(dialog.title, "Lonely meeting")
    qtbot.keyClick(dialog.title, Qt.Key_Return, Qt.ControlModifier)
    assert dialog.isVisible()
    assert dialog.errors["participants"].text() == "Add at least one person to the interaction."
    assert dialog.errors["participants"].isVisible()
    assert window.actions.stack.count() == 0
    assert people.people_summaries() == []


@pytest.mark.both_journal_kinds
def test_edit_undo_redo_trash_restore_and_restart(make_window, journal, qtbot):
    window = make_window()
    zoe = people.add_person("Zoë Brontë-Nuñez")
    minh = people.add_person("Minh Hoang")
    saved = log_two_person_meeting(window, qtbot).saved

    # Edit: Zoë's advice becomes worth 5, Minh leaves the meeting (and his exchange with him).
    window.open_person(zoe.id)
    dialog = window.edit_interaction(saved.id)
    assert [r.points.value() for r in dialog.exchange_rows] == [3, 4]
    dialog.exchange_rows[0].points.setValue(5)
    activate(qtbot, dialog)
    dialog.participant_chips()[1].remove.click()  # Minh's ×
    assert len(dialog.exchange_rows) == 1
    dialog.save()
    assert totals(zoe.id) == (5, 0, 1)
    assert totals(minh.id) == (0, 0, 0)

    activate(qtbot, window)
    qtbot.keyClick(window, Qt.Key_Z, Qt.ControlModifier)
    assert totals(zoe.id) == (3, 0, 1) and totals(minh.id) == (0, 4, 1)
    qtbot.keyClick(window, Qt.Key_Z, Qt.ControlModifier | Qt.ShiftModifier)
    assert totals(zoe.id) == (5, 0, 1) and totals(minh.id) == (0, 0, 0)

    # Delete from the timeline to the trash, then restore from the Trash page.
    timeline = window.people_page.person_view.timeline
    timeline.setCurrentItem(timeline.topLevelItem(0))
    activate(qtbot, window)
    timeline.setFocus()
    qtbot.keyClick(timeline, Qt.Key_Delete)
    assert totals(zoe.id) == (0, 0, 0)
    assert window.people_page.person_view.timeline_empty.isVisibleTo(window)
    window.show_page(TRASH)
    trashed = window.trash_page.table
    assert trashed.item(0, 0).text().startswith("Intro call · Thu 1 Oct")
    assert trashed.item(0, 2).text().startswith("Timeline of Zoë")
    window.trash_page.restore_button.click()
    assert totals(zoe.id) == (5, 0, 1)

    # Close and reopen on the same file: everything is there, and the last page too.
    window.show_page(PEOPLE)
    window.people_page.splitter.setSizes([300, 826])
    window.close()
    again = make_window()
    assert again.nav.currentRow() == PEOPLE
    # The offscreen screen is smaller than the window, so the sizes are scaled to fit;
    # by default the list is the wider pane, as saved it is the narrower one.
    left, right = again.people_page.splitter.sizes()
    assert left < right
    assert again.people_page.model.rowCount() == 2
    assert totals(zoe.id) == (5, 0, 1)
    [item] = interactions.timeline(zoe.id)
    assert item.title == "Intro call"
    assert [(e.person_name, e.direction, e.points) for e in item.exchanges] == [
        ("Zoë Brontë-Nuñez", "given", 5)
    ]


def test_promises_both_ways_are_saved_with_the_interaction(window, qtbot):
    import datetime as dt

    from winwin_desktop.journal import promises

    zoe = people.add_person("Zoë Brontë-Nuñez")
    dialog = open_log_dialog(window, qtbot)
    add_participant(dialog, qtbot, "Zoë Brontë-Nuñez")
    type_text(dialog.title, "Pilot review")
    qtbot.keyClick(dialog.title, Qt.Key_O, Qt.AltModifier)
    mine = dialog.promise_rows[-1]
    type_text(mine.text, "send the shortlist")
    mine.due.date.setDate(QDate(2026, 12, 4))
    qtbot.keyClick(mine.text, Qt.Key_T, Qt.AltModifier)
    theirs = dialog.promise_rows[-1]
    type_text(theirs.text, "intro to their CFO")
    theirs.due.has_due.setChecked(False)
    qtbot.keyClick(theirs.text, Qt.Key_Return, Qt.ControlModifier)
    assert not dialog.isVisible()
    saved = promises.promises(zoe.id)
    assert [(p.owed_by, p.text, p.due, p.interaction_id) for p in saved] == [
        ("me", "send the shortlist", dt.date(2026, 12, 4), dialog.saved.id),
        ("them", "intro to their CFO", None, dialog.saved.id),
    ]
    window.undo_action.trigger()  # the interaction and its promises go together
    assert promises.promises(zoe.id) == []


def test_an_empty_promise_is_refused_and_nothing_is_written(window, qtbot):
    from winwin_desktop.journal import promises

    zoe = people.add_person("Zoë Brontë-Nuñez")
    dialog = open_log_dialog(window, qtbot)
    add_participant(dialog, qtbot, "Zoë Brontë-Nuñez")
    dialog.add_promise("me")
    dialog.save()
    assert dialog.isVisible()
    assert dialog.errors["promise"].text() == "Say what was promised."
    assert interactions.timeline(zoe.id) == [] and promises.promises(zoe.id) == []


def test_ctrl_k_and_ctrl_f_open_search_and_a_hit_opens_the_person(window, qtbot):
    from winwin_desktop.ui.main_window import SEARCH

    zoe = people.add_person("Zoë Brontë-Nuñez", organisation="Gdańsk Shipping Tech")
    window.show_page(PEOPLE)
    activate(qtbot, window)
    window.people_page.table.setFocus()
    qtbot.keyClick(window.people_page.table, Qt.Key_F, Qt.ControlModifier)
    assert window.nav.currentRow() == SEARCH
    window.show_page(PEOPLE)
    window.people_page.filter.setFocus()  # in a text field, Ctrl+F is the field's own
    qtbot.keyClick(window.people_page.filter, Qt.Key_F, Qt.ControlModifier)
    assert window.nav.currentRow() == PEOPLE
    qtbot.keyClick(window, Qt.Key_K, Qt.ControlModifier)
    assert window.nav.currentRow() == SEARCH
    page = window.search_page
    type_text(page.field, "gdansk")
    qtbot.waitUntil(lambda: len(page.hits()) == 1)
    with qtbot.waitSignal(page.open_person) as blocker:
        qtbot.keyClick(page.field, Qt.Key_Return)
    assert blocker.args == [zoe.id]
    assert window.nav.currentRow() == PEOPLE
    assert window.people_page.person_view.name_label.text() == "Zoë Brontë-Nuñez"


def test_ctrl_digits_switch_pages_and_the_theme_menu_applies(window, qtbot):
    from PySide6.QtWidgets import QApplication

    from winwin_desktop.ui.main_window import OVERVIEW, SEARCH

    activate(qtbot, window)
    for key, page in (
        (Qt.Key_3, OVERVIEW),
        (Qt.Key_1, TODAY),
        (Qt.Key_4, SEARCH),
        (Qt.Key_2, PEOPLE),
    ):
        qtbot.keyClick(window, key, Qt.ControlModifier)
        assert window.nav.currentRow() == page
    window.theme_actions["dark"].trigger()
    assert QApplication.instance().property("winwin_theme") == "dark"
    assert window.settings.value("theme") == "dark"
    window.theme_actions["light"].trigger()
    assert QApplication.instance().property("winwin_theme") == "light"


def test_snooze_from_the_needs_attention_menu(window, qtbot):
    import datetime as dt

    from PySide6.QtWidgets import QPushButton

    ada = people.add_person("Ada", cadence_days=7)
    interactions.log_interaction(dt.date.today() - dt.timedelta(days=30), "Old call", [ada.id])
    settled_today_page(window)
    [snooze] = [
        b for b in window.today_page.attention.findChildren(QPushButton) if b.text() == "Snooze"
    ]
    week, month = snooze.menu().actions()
    month.trigger()
    settled(window.today_page)
    assert people.get_person(ada.id) and window.today_page.attention.row_widgets[0].text() == (
        "Nobody needs attention today."
    )
    from winwin_desktop.store.models import Person

    assert Person.get_by_id(ada.id).snoozed_until == dt.date.today() + dt.timedelta(days=30)


def test_people_are_found_by_any_word_without_accents(window, qtbot):
    zoe = people.add_person("Zoë Brontë-Nuñez")
    zoltan = people.add_person("Zoltan Kiss")
    people.add_person("Minh Hoang")
    kristin = people.add_person("Kristín Åberg-Eriksen")
    soren = people.add_person("Søren Holm")
    dialog = open_log_dialog(window, qtbot)
    assert [dialog._names[p] for p in dialog.matching("zo")] == ["Zoë Brontë-Nuñez", "Zoltan Kiss"]
    assert dialog.matching("eri") == [kristin.id]  # a word after a hyphen, accents ignored
    assert dialog.matching("soren") == [soren.id]
    type_text(dialog.who, "zo")
    # The suggestions stay open under the field with the first highlighted; Down moves.
    assert dialog.suggestions.isVisible()
    assert dialog.suggestions.texts() == ["Zoë Brontë-Nuñez", "Zoltan Kiss"]
    assert dialog.suggestions.current_row() == 0
    qtbot.keyClick(dialog.who, Qt.Key_Down)
    qtbot.keyClick(dialog.who, Qt.Key_Return)
    assert dialog.participant_choices() == [(zoltan.id, "Zoltan Kiss")]
    assert not dialog.suggestions.isVisible() and dialog.who.text() == ""
    # Enter takes the first suggestion.
    add_participant(dialog, qtbot, "zo")
    assert dialog.participant_choices()[-1] == (zoe.id, "Zoë Brontë-Nuñez")
    # With the suggestions closed (Esc), an ambiguous name is refused in a plain sentence
    # and the suggestions come back, still usable with Down and Enter.
    type_text(dialog.who, "h")
    people_before = dialog.participant_choices()
    qtbot.keyClick(dialog.who, Qt.Key_Escape)
    assert dialog.isVisible() and not dialog.suggestions.isVisible()
    add_participant(dialog, qtbot, "oang")  # "hoang"
    assert dialog.participant_choices()[-1][1] == "Minh Hoang"
    assert len(dialog.participant_choices()) == len(people_before) + 1
    type_text(dialog.who, "Minh")  # Shift+Enter: a new person even though Minh exists
    qtbot.keyClick(dialog.who, Qt.Key_Return, Qt.ShiftModifier)
    assert dialog.participant_chips()[-1].name == "Minh"
    assert "(new)" in dialog.participant_chips()[-1].text()
    assert dialog.participant_choices()[0][0] == zoltan.id


def test_an_ambiguous_name_is_refused_and_the_suggestions_stay_usable(window, qtbot):
    people.add_person("Sam Lee", organisation="Globex")
    initech = people.add_person("Sam Lee", organisation="Initech")
    dialog = open_log_dialog(window, qtbot)
    type_text(dialog.who, "sam lee")
    shown = sorted(dialog.suggestions.texts())
    assert shown == ["Sam Lee (Globex)", "Sam Lee (Initech)"]  # the same name: organisations
    qtbot.keyClick(dialog.who, Qt.Key_Escape)
    qtbot.keyClick(dialog.who, Qt.Key_Return)
    assert dialog.participant_choices() == []
    assert (
        dialog.errors["participants"]
        .text()
        .startswith("Two people are called “sam lee”; say which one, e.g. “Sam Lee (Globex)”")
    )
    assert dialog.suggestions.isVisible()
    row = dialog.suggestions.texts().index("Sam Lee (Initech)")
    for _ in range(row):
        qtbot.keyClick(dialog.who, Qt.Key_Down)
    qtbot.keyClick(dialog.who, Qt.Key_Return)
    assert dialog.participant_choices() == [(initech.id, "Sam Lee")]
    assert dialog.participant_chips()[0].text() == "Sam Lee (Initech)"
    # Typing the name with its organisation picks that one.
    dialog.remove_participant(initech.id)
    add_participant(dialog, qtbot, "Sam Lee (Initech)")
    assert dialog.participant_choices() == [(initech.id, "Sam Lee")]


def test_chips_come_off_with_their_x_or_backspace(window, qtbot):
    ada = people.add_person("Ada Lovelace")
    bo = people.add_person("Bo Diddley")
    dialog = open_log_dialog(window, qtbot)
    add_participant(dialog, qtbot, "ada")
    add_participant(dialog, qtbot, "bo")
    assert [chip.text() for chip in dialog.participant_chips()] == ["Ada Lovelace", "Bo Diddley"]
    assert dialog.windowTitle() == "Log interaction with Ada Lovelace and Bo Diddley"
    assert all(
        chip.remove.isVisible() and chip.remove.text() == "×" for chip in dialog.participant_chips()
    )
    qtbot.keyClick(dialog.who, Qt.Key_Backspace)  # the empty field: the last chip goes
    assert dialog.participant_choices() == [(ada.id, "Ada Lovelace")]
    add_participant(dialog, qtbot, "bo")
    dialog.participant_chips()[0].remove.click()
    assert dialog.participant_choices() == [(bo.id, "Bo Diddley")]
    assert dialog.windowTitle() == "Log interaction with Bo Diddley"


def test_ctrl_n_from_the_people_page_starts_with_nobody(make_window, journal, qtbot):
    """The People list selects a row at start-up; Ctrl+N must not log with that person."""
    ada = people.add_person("Ada")
    people.add_person("Bo")
    window = make_window()
    window.show_page(PEOPLE)
    assert window.people_page.current_person_id() is not None  # a row is selected
    dialog = open_log_dialog(window, qtbot)
    assert dialog.participant_choices() == []
    assert dialog.participant_chips() == []
    assert dialog.windowTitle() == "Log interaction"
    # Opened *for* someone (the person page's Log button), they are a chip and in the title.
    qtbot.keyClick(dialog, Qt.Key_Escape)
    window.open_person(ada.id)
    window.people_page.person_view.log_button.click()
    [dialog] = [d for d in window.findChildren(LogInteractionDialog) if d.isVisible()]
    assert dialog.participant_choices() == [(ada.id, "Ada")]
    assert [chip.text() for chip in dialog.participant_chips()] == ["Ada"]
    assert dialog.windowTitle() == "Log interaction with Ada"


def test_rows_start_on_the_person_named_last_and_alt_keys_go_to_the_category(window, qtbot):
    zoe = people.add_person("Zoë Brontë-Nuñez")
    piotr = people.add_person("Piotr Kowalski")
    dialog = open_log_dialog(window, qtbot)
    add_participant(dialog, qtbot, "zo")
    add_participant(dialog, qtbot, "pio")
    qtbot.keyClick(dialog.who, Qt.Key_G, Qt.AltModifier)
    row = dialog.exchange_rows[-1]
    assert QApplication.focusWidget() is row.category
    assert row.person.currentText() == "Piotr Kowalski" and row.person.isVisible()
    assert row.to_label.text() == "to"
    # Letters pick the category; a digit sets the points and moves to the description.
    qtbot.keyClicks(row.category, "i")
    qtbot.keyClick(row.category, Qt.Key_4)
    assert row.category.currentText() == "introduction" and row.points.value() == 4
    assert QApplication.focusWidget() is row.description
    type_text(row.description, "intro to their CFO")
    qtbot.keyClick(row.description, Qt.Key_Tab)
    assert QApplication.focusWidget() is row.person
    qtbot.keyClicks(row.person, "z")
    assert row.person.currentData() == zoe.id
    qtbot.keyClick(row.person, Qt.Key_O, Qt.AltModifier)
    promise = dialog.promise_rows[-1]
    assert QApplication.focusWidget() is promise.text
    assert promise.person.currentData() == piotr.id
    type_text(promise.text, "send the deck")
    qtbot.keyClick(promise.text, Qt.Key_Tab)
    assert QApplication.focusWidget() is promise.person


def test_the_dates_in_the_dialog_read_as_people_say_them(window, qtbot):
    people.add_person("Zoë Brontë-Nuñez")
    dialog = open_log_dialog(window, qtbot)
    dialog.date.setDate(QDate(2026, 10, 23))
    qtbot.keyClick(dialog.title, Qt.Key_O, Qt.AltModifier)
    due = dialog.promise_rows[-1].due.date
    due.setDate(QDate(2026, 10, 30))
    locale = dialog.date.locale()
    friday = locale.dayName(5, QLocale.ShortFormat)
    october = locale.monthName(10, QLocale.ShortFormat)
    for field, day in ((dialog.date, "23"), (due, "30")):
        shown = field.text()
        assert "2026-10" not in shown
        assert october in shown and day in shown and "2026" in shown
    assert dialog.date.text().startswith(friday)
