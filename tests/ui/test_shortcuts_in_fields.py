"""The window's shortcuts work while typing in a field, unless the field edits with the
key."""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication, QLineEdit

from winwin_desktop.ui.export_dialog import ExportDialog


class EmacsLineEdit(QLineEdit):
    """A line edit claiming Ctrl+E (end of line), as Qt's line edits do on X11."""

    def event(self, event) -> bool:
        if event.type() == QEvent.ShortcutOverride and event.keyCombination() == (
            Qt.ControlModifier | Qt.Key_E
        ):
            event.accept()
            return True
        return super().event(event)


def override(widget, key, modifiers) -> bool:
    """Whether ``widget`` keeps the key from the shortcuts (accepts the override)."""
    event = QKeyEvent(QEvent.ShortcutOverride, key, modifiers)
    event.ignore()
    QApplication.sendEvent(widget, event)
    return event.isAccepted()


def test_ctrl_e_exports_from_inside_a_field_that_claims_it(window, qtbot):
    field = EmacsLineEdit(window.people_page)
    field.show()
    assert not override(field, Qt.Key_E, Qt.ControlModifier)  # the shortcut gets it
    window.activateWindow()
    field.setFocus()
    qtbot.keyClick(field, Qt.Key_E, Qt.ControlModifier)
    exports = [d for d in window.findChildren(ExportDialog) if d.isVisible()]
    assert len(exports) == 1
    exports[0].reject()


def test_editing_keys_stay_the_fields(window):
    field = window.people_page.filter
    field.setText("Zoë")
    field.selectAll()
    # Ctrl+Z is also Edit → Undo; in a field with text it undoes the typing.
    assert override(field, Qt.Key_Z, Qt.ControlModifier)
    assert override(field, Qt.Key_C, Qt.ControlModifier)


def test_a_started_window_gives_the_shortcuts_their_keys_once_it_has_painted(
    qtbot, journal, journal_path, window_settings
):
    from winwin_desktop.ui.main_window import MainWindow

    # The start (paint_first) gives the shortcuts their keys after its first paint.
    window = MainWindow(journal_path, window_settings, paint_first=True)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    window.finish_start()
    field = EmacsLineEdit(window.people_page)
    field.show()
    assert not override(field, Qt.Key_E, Qt.ControlModifier)  # the shortcut's
    assert override(field, Qt.Key_C, Qt.ControlModifier)  # copying stays the field's
