"""The Today page: everyone who needs attention is reachable, the calendar works from the
keyboard, and a due promise opens its person on the Promises tab."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QTableView

from tests.helpers.today import settled, settled_today_page
from tests.helpers.typing import type_text
from winwin_desktop.journal import interactions, people, promises, reflections
from winwin_desktop.ui.main_window import PEOPLE
from winwin_desktop.ui.today_page import CALENDAR_FOLLOW_MS, MOST_ATTENTION_ROWS


def today_page(window):
    return settled_today_page(window)


def attention_names(page) -> list[str]:
    labels = [w.findChild(QLabel) for w in page.attention.row_widgets]
    return [label.text().split("</b>")[0].removeprefix("<b>") for label in labels if label]


def neglected(count: int, today: dt.date) -> list[int]:
    ids = []
    for n in range(count):
        person = people.add_person(f"Person {n:02d}", cadence_days=7)
        interactions.log_interaction(today - dt.timedelta(days=30 + n), "Old call", [person.id])
        ids.append(person.id)
    return ids


def test_show_all_expands_the_attention_list_in_place_and_collapses_it(window, qtbot, today):
    ids = neglected(MOST_ATTENTION_ROWS + 3, today)
    page = today_page(window)
    assert len(attention_names(page)) == MOST_ATTENTION_ROWS
    button = page.attention.show_all_button
    assert button.isVisible() and button.text() == f"Show all {MOST_ATTENTION_ROWS + 3}"

    qtbot.mouseClick(button, Qt.LeftButton)
    assert len(attention_names(page)) == MOST_ATTENTION_ROWS + 3
    assert button.text() == f"Show only the first {MOST_ATTENTION_ROWS}"

    page.snooze(ids[0], 7)  # acting on someone keeps the list open
    settled(page)
    assert len(attention_names(page)) == MOST_ATTENTION_ROWS + 2

    button.setFocus()
    qtbot.keyClick(button, Qt.Key_Space)  # the keyboard works too
    assert len(attention_names(page)) == MOST_ATTENTION_ROWS
    assert button.text() == f"Show all {MOST_ATTENTION_ROWS + 2}"


def test_no_show_all_link_when_everyone_fits(window, today):
    neglected(2, today)
    page = today_page(window)
    assert len(attention_names(page)) == 2
    assert page.attention.show_all_button.isHidden()


def calendar_view(page) -> QTableView:
    return page.calendar.findChild(QTableView)


def test_enter_in_the_calendar_opens_the_day_and_saves_the_reflection_first(window, qtbot, today):
    page = today_page(window)
    type_text(page.editor.editor, "Written today")
    view = calendar_view(page)
    view.setFocus()
    qtbot.keyClick(view, Qt.Key_Left)
    qtbot.keyClick(view, Qt.Key_Left)
    assert page.day == today  # browsing alone does not reload yet
    qtbot.keyClick(view, Qt.Key_Return)
    assert page.day == today - dt.timedelta(days=2)
    assert reflections.get_reflection(today).text == "Written today"
    assert page.editor.editor.toPlainText() == ""
    assert view.hasFocus()  # the keyboard stays in the calendar


def test_arrow_keys_in_the_calendar_open_the_day_after_a_pause(window, qtbot, today):
    yesterday = today - dt.timedelta(days=1)
    reflections.save_reflection(yesterday, "Yesterday's words")
    page = today_page(window)
    view = calendar_view(page)
    view.setFocus()
    qtbot.keyClick(view, Qt.Key_Left)
    qtbot.waitUntil(lambda: page.day == yesterday, timeout=CALENDAR_FOLLOW_MS * 5)
    assert page.editor.editor.toPlainText() == "Yesterday's words"
    assert view.hasFocus()


def test_a_reflection_that_cannot_be_saved_keeps_its_day(window, qtbot, monkeypatch, today):
    from peewee import OperationalError

    page = today_page(window)
    type_text(page.editor.editor, "Precious words")

    def full_disk(day, text):
        raise OperationalError("database or disk is full")

    monkeypatch.setattr(reflections, "save_reflection", full_disk)
    view = calendar_view(page)
    view.setFocus()
    qtbot.keyClick(view, Qt.Key_Left)
    with qtbot.waitSignal(page.editor.save_failed):
        qtbot.keyClick(view, Qt.Key_Return)
    assert page.day == today
    assert page.calendar.selectedDate().toPython() == today
    assert page.editor.editor.toPlainText() == "Precious words"
    monkeypatch.undo()  # the disk has room again: the words are saved to their own day
    assert page.flush()
    assert reflections.get_reflection(today).text == "Precious words"


def test_open_on_a_due_promise_shows_the_person_on_their_promises_tab(window, qtbot, today):
    zoe = people.add_person("Zoë Brontë-Nuñez")
    promises.add_promise(zoe.id, "me", "send the shortlist", today)
    page = today_page(window)
    opened = [b for b in page.due.row_widgets[0].findChildren(type(page.log_button))]
    [open_button] = [b for b in opened if b.text() == "Open"]
    view = window.people_page.person_view
    view.tabs.setCurrentIndex(0)  # the Timeline, as the person was last seen
    with qtbot.waitSignal(page.open_person_promises) as blocker:
        qtbot.mouseClick(open_button, Qt.LeftButton)
    assert blocker.args == [zoe.id]
    assert window.pages.currentIndex() == PEOPLE
    assert view.tabs.currentWidget() is view.promises_tab
    assert view.promises_tab.tree.topLevelItem(0).text(1) == "send the shortlist"
