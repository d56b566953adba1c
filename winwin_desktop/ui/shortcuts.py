"""The window's shortcuts work from inside text fields, unless the field edits with the
key: on X11, Qt gives a line edit Emacs-style keys (Ctrl+E: end of line) that took
File → Export's Ctrl+E away from anyone typing in a field."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject
from PySide6.QtGui import QAction, QKeyEvent, QKeySequence
from PySide6.QtWidgets import QApplication, QWidget

# View → Next meetings: the cursor on Today's first coming meeting (its Brief).
NEXT_MEETINGS_KEYS = "Ctrl+M"


def text_fields() -> tuple[type[QWidget], ...]:
    """The widgets a key types into. Asked for, not made at import: the window imports
    this module to build its menus, and PySide makes each Qt class's type (enums and
    all) the first time it is named, a cost the start does without."""
    from PySide6.QtWidgets import QAbstractSpinBox, QLineEdit, QPlainTextEdit, QTextEdit

    return (QLineEdit, QTextEdit, QPlainTextEdit, QAbstractSpinBox)


# What a field really does with a key: these stay the field's when they clash.
EDITING = (
    QKeySequence.Undo,
    QKeySequence.Redo,
    QKeySequence.Cut,
    QKeySequence.Copy,
    QKeySequence.Paste,
    QKeySequence.SelectAll,
    QKeySequence.Delete,
    QKeySequence.Backspace,
    QKeySequence.DeleteStartOfWord,
    QKeySequence.DeleteEndOfWord,
    QKeySequence.MoveToNextWord,
    QKeySequence.MoveToPreviousWord,
    QKeySequence.SelectNextWord,
    QKeySequence.SelectPreviousWord,
    QKeySequence.MoveToStartOfDocument,
    QKeySequence.MoveToEndOfDocument,
    QKeySequence.SelectStartOfDocument,
    QKeySequence.SelectEndOfDocument,
    QKeySequence.Bold,
    QKeySequence.Italic,
    QKeySequence.Underline,
)


class ShortcutsOverFields(QObject):
    """An application event filter: a key that is one of ``window``'s shortcuts goes to
    the shortcut, not to the field that has the focus, unless it is an editing key."""

    def __init__(self, window: QWidget) -> None:
        super().__init__(window)
        # The window's actions with a shortcut, read once it is built (asking the window
        # for its actions from inside an event filter crashed PySide 6.11).
        self.shortcut_actions = [
            a for a in window.findChildren(QAction) if not a.shortcut().isEmpty()
        ]
        self.fields = text_fields()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt's name)
        if event.type() != QEvent.ShortcutOverride or not isinstance(watched, self.fields):
            return False
        if not isinstance(event, QKeyEvent) or any(event.matches(key) for key in EDITING):
            return False
        pressed = QKeySequence(event.keyCombination())
        for action in self.shortcut_actions:
            if action.isEnabled() and any(
                shortcut.matches(pressed) == QKeySequence.ExactMatch
                for shortcut in action.shortcuts()
            ):
                return True  # not offered to the field: the shortcut takes it
        return False


def shortcuts_over_fields(window: QWidget) -> ShortcutsOverFields:
    """Install the filter for ``window`` (it goes when the window does)."""
    watcher = ShortcutsOverFields(window)
    QApplication.instance().installEventFilter(watcher)
    return watcher
