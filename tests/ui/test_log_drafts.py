"""Esc never loses typing: a new log is kept as a draft that the next Ctrl+N brings back,
even after a quit or a crash; a changed saved interaction asks before discarding."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from tests.helpers.typing import type_text
from tests.ui.test_log_interaction import activate, add_participant, open_log_dialog
from winwin_desktop.journal import drafts, interactions, people
from winwin_desktop.ui import log_dialog
from winwin_desktop.ui.main_window import PEOPLE


def write_some(dialog, qtbot) -> None:
    add_participant(dialog, qtbot, "zo")
    type_text(dialog.title, "Lunch about the pilot")
    qtbot.keyClick(dialog.title, Qt.Key_G, Qt.AltModifier)
    row = dialog.exchange_rows[-1]
    qtbot.keyClicks(row.category, "a")
    qtbot.keyClick(row.category, Qt.Key_3)
    type_text(row.description, "reviewed the pilot plan")
    qtbot.keyClick(row.description, Qt.Key_O, Qt.AltModifier)
    type_text(dialog.promise_rows[-1].text, "send the pilot plan")


def test_esc_keeps_a_draft_that_ctrl_n_restores(window, qtbot):
    zoe = people.add_person("Zoë Brontë-Nuñez")
    dialog = open_log_dialog(window, qtbot)
    write_some(dialog, qtbot)
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key_Escape)
    assert not dialog.isVisible()
    assert "draft" in window.statusBar().currentMessage()
    assert interactions.timeline(zoe.id) == []  # nothing was logged

    again = open_log_dialog(window, qtbot)
    assert again.restored.isVisibleTo(again)
    assert again.participant_choices() == [(zoe.id, "Zoë Brontë-Nuñez")]
    assert again.title.text() == "Lunch about the pilot"
    [row] = again.exchange_rows
    assert (row.category.currentText(), row.points.value(), row.description.text()) == (
        "advice",
        3,
        "reviewed the pilot plan",
    )
    assert again.promise_rows[0].text.text() == "send the pilot plan"
    qtbot.keyClick(again.title, Qt.Key_Return, Qt.ControlModifier)
    assert not again.isVisible()
    assert [i.title for i in interactions.timeline(zoe.id)] == ["Lunch about the pilot"]
    assert drafts.load_draft() is None  # saved: the draft is gone

    fresh = open_log_dialog(window, qtbot)
    assert fresh.participant_choices() == [] and not fresh.restored.isVisibleTo(fresh)


def test_start_afresh_throws_the_draft_away(window, qtbot):
    people.add_person("Zoë Brontë-Nuñez")
    dialog = open_log_dialog(window, qtbot)
    write_some(dialog, qtbot)
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key_Escape)
    again = open_log_dialog(window, qtbot)
    again.start_afresh.click()
    assert again.participant_choices() == [] and again.title.text() == ""
    assert again.exchange_rows == [] and again.promise_rows == []
    assert drafts.load_draft() is None


def test_the_draft_survives_a_quit_or_a_crash(make_window, journal, qtbot):
    zoe = people.add_person("Zoë Brontë-Nuñez")
    window = make_window()
    dialog = open_log_dialog(window, qtbot)
    write_some(dialog, qtbot)
    # A crash: no Esc, no close; only the draft written as the user typed.
    qtbot.waitUntil(lambda: bool((drafts.load_draft() or {}).get("promises")), timeout=3000)
    window.close()
    again = make_window()
    restored = open_log_dialog(again, qtbot)
    assert restored.participant_choices() == [(zoe.id, "Zoë Brontë-Nuñez")]
    assert restored.promise_rows[0].text.text() == "send the pilot plan"
    # A quit at once after typing (before the draft's timer): the window's close keeps it.
    type_text(restored.title, " (moved)")
    again.close()
    assert drafts.load_draft()["title"] == "Lunch about the pilot (moved)"


def test_esc_on_a_changed_saved_interaction_asks(window, qtbot, monkeypatch):
    import datetime as dt

    ada = people.add_person("Ada")
    saved = interactions.log_interaction(dt.date(2026, 10, 1), "Call", [ada.id])
    asked = []
    answer = [False]

    def ask(_parent):
        asked.append(True)
        return answer[0]

    monkeypatch.setattr(log_dialog, "ask_discard", ask)
    dialog = window.edit_interaction(saved.id)
    activate(qtbot, dialog)
    qtbot.keyClick(dialog.title, Qt.Key_Escape)  # nothing changed: closes, no question
    assert not dialog.isVisible() and asked == []
    dialog = window.edit_interaction(saved.id)
    activate(qtbot, dialog)
    type_text(dialog.title, " with Ada")
    qtbot.keyClick(dialog.title, Qt.Key_Escape)
    assert asked == [True] and dialog.isVisible()  # "Keep editing"
    assert dialog.title.text() == "Call with Ada"
    answer[0] = True
    qtbot.keyClick(dialog.title, Qt.Key_Escape)
    assert not dialog.isVisible()  # "Discard"
    assert interactions.get_interaction(saved.id).title == "Call"


def test_saving_returns_the_cursor_where_it_was(window, qtbot):
    people.add_person("Ada")
    window.show_page(PEOPLE)
    activate(qtbot, window)
    table = window.people_page.table
    table.setFocus()
    dialog = open_log_dialog(window, qtbot)
    add_participant(dialog, qtbot, "ada")
    qtbot.keyClick(dialog.who, Qt.Key_Return, Qt.ControlModifier)
    assert not dialog.isVisible()
    activate(qtbot, window)  # (offscreen, closing a dialog activates no window)
    assert QApplication.focusWidget() is table
