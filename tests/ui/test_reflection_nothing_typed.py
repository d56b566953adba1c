"""Keys that type nothing never write a reflection: Enter on an empty day saves no blank
reflection (no streak, no mark in the calendar), and Enter after a bare @ is a new line,
not the first name in the list."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QApplication

from tests.helpers.typing import type_text
from tests.ui.test_log_interaction import activate
from winwin_desktop.journal import people, reflections
from winwin_desktop.ui.main_window import TODAY


def test_enter_on_an_empty_day_saves_no_reflection(window, qtbot):
    people.add_person("Zoë Brontë-Nuñez")
    window.show_page(TODAY)
    page = window.today_page
    activate(qtbot, window)
    qtbot.keyClick(window, Qt.Key_T, Qt.ControlModifier)  # Today's reflection
    editor = QApplication.focusWidget()
    assert editor is page.editor.editor
    for _ in range(3):
        qtbot.keyClick(editor, Qt.Key_Return)
    type_text(editor, "  ")
    assert page.flush()
    today = dt.date.today()
    assert reflections.get_reflection(today).text == ""
    assert reflections.days_with_reflections() == set()
    assert not page.streak.isVisible()  # no "Reflection streak: 1 day"
    day = page.calendar.dateTextFormat().get(page.calendar.selectedDate())
    assert day is None or day.fontWeight() != QFont.Bold
    assert not page.editor.status.text().startswith("Saved")  # nothing said saved

    # Words saved, then cleared back to blank lines: the day has no reflection again.
    type_text(editor, "Good lunch.")
    assert page.flush()
    assert reflections.days_with_reflections() == {today}
    editor.selectAll()
    qtbot.keyClick(editor, Qt.Key_Return)
    assert page.flush()
    assert reflections.get_reflection(today).text == ""
    assert reflections.days_with_reflections() == set()


def test_enter_after_a_bare_at_is_a_new_line_not_the_first_name(window, qtbot):
    people.add_person("Amélie Lefèvre")  # first in the list
    zoe = people.add_person("Zoë Brontë-Nuñez")
    window.show_page(TODAY)
    page = window.today_page
    editor = page.editor.editor
    editor.setFocus()
    type_text(editor, "Email me @")
    popup = editor.completer.popup()
    assert popup.isVisible()  # everyone is offered…
    assert not popup.currentIndex().isValid()  # …with nobody chosen for the user
    qtbot.keyClick(editor, Qt.Key_Return)
    assert not popup.isVisible()
    assert editor.toPlainText() == "Email me @\n"
    # A letter after the @ chooses: Enter takes the first name that fits.
    type_text(editor, "Lunch with @z")
    assert popup.currentIndex().data() == "Zoë Brontë-Nuñez"
    qtbot.keyClick(editor, Qt.Key_Return)
    assert editor.toPlainText() == "Email me @\nLunch with @Zoë Brontë-Nuñez "
    assert page.flush()
    assert reflections.get_reflection(dt.date.today()).mentions == [(zoe.id, "Zoë Brontë-Nuñez")]


def test_down_after_a_bare_at_picks_the_first_name(window, qtbot):
    amelie = people.add_person("Amélie Lefèvre")
    people.add_person("Zoë Brontë-Nuñez")
    window.show_page(TODAY)
    editor = window.today_page.editor.editor
    editor.setFocus()
    type_text(editor, "Thanks to @")
    popup = editor.completer.popup()
    qtbot.keyClick(popup, Qt.Key_Down)
    assert popup.currentIndex().data() == "Amélie Lefèvre"
    qtbot.keyClick(popup, Qt.Key_Return)
    assert editor.toPlainText() == "Thanks to @Amélie Lefèvre "
    assert window.today_page.flush()
    assert reflections.get_reflection(dt.date.today()).mentions == [(amelie.id, "Amélie Lefèvre")]
