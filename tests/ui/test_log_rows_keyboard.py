"""Rows added by mistake in the Log dialog come off from the keyboard: Alt+Delete in a
row removes it, and the cursor moves to the row before it."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from tests.helpers.typing import type_text
from tests.ui.test_log_interaction import activate, add_participant, open_log_dialog
from winwin_desktop.journal import people


def test_alt_delete_removes_the_exchange_or_promise_row_the_cursor_is_in(window, qtbot):
    zoe = people.add_person("Zoë Brontë-Nuñez")
    dialog = open_log_dialog(window, qtbot)
    add_participant(dialog, qtbot, "Zoë Brontë-Nuñez")
    type_text(dialog.title, "Intro call")
    qtbot.keyClick(dialog.title, Qt.Key_G, Qt.AltModifier)  # + I gave
    type_text(dialog.exchange_rows[-1].description, "market map")
    qtbot.keyClick(dialog.exchange_rows[-1].description, Qt.Key_R, Qt.AltModifier)  # oops
    assert len(dialog.exchange_rows) == 2
    mistake = dialog.exchange_rows[-1]
    assert mistake.isAncestorOf(QApplication.focusWidget())  # the cursor is in the new row
    assert "(Alt+Delete)" in mistake.remove.toolTip()

    qtbot.keyClick(QApplication.focusWidget(), Qt.Key_Delete, Qt.AltModifier)

    assert len(dialog.exchange_rows) == 1
    kept = dialog.exchange_rows[0]
    assert kept.description.text() == "market map"
    assert QApplication.focusWidget() is kept.description

    qtbot.keyClick(kept.description, Qt.Key_O, Qt.AltModifier)  # + I owe, by mistake
    assert len(dialog.promise_rows) == 1
    assert dialog.promise_rows[0].isAncestorOf(QApplication.focusWidget())
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key_Delete, Qt.AltModifier)
    assert dialog.promise_rows == []
    assert QApplication.focusWidget() is dialog.add_i_owe

    activate(qtbot, dialog)
    qtbot.keyClick(dialog.title, Qt.Key_Return, Qt.ControlModifier)
    assert not dialog.isVisible()
    summary = people.person_summary(zoe.id)
    assert (summary.given, summary.received) == (2, 0)
