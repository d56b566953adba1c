"""The "Deleted … — Undo" bar: a delete (a person, an interaction, a promise) says on
screen, for a few seconds, that it can be undone; Ctrl+Z still works after."""

from __future__ import annotations

from PySide6.QtCore import QTimer
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QWidget

SHOWN_MS = 8000
# The undo labels that are deletes: "Delete Zoë", "Delete interaction", "Delete promise: …".
DELETE_PREFIX = "Delete"


class UndoBar(QWidget):
    """Watches the undo stack; hidden unless a delete was just done."""

    def __init__(self, stack: QUndoStack, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.stack = stack
        layout = QHBoxLayout(self)
        layout.setContentsMargins(8, 0, 8, 0)
        self.label = QLabel()
        self.undo_button = QPushButton("Undo")
        self.undo_button.setToolTip("Bring it back (Ctrl+Z)")
        self.undo_button.clicked.connect(self.undo)
        layout.addWidget(self.label)
        layout.addWidget(self.undo_button)
        self.timer = QTimer(self, singleShot=True, interval=SHOWN_MS)
        self.timer.timeout.connect(self.hide)
        self._seen: set[int] = set()
        stack.indexChanged.connect(self._changed)
        self.hide()

    def _changed(self, index: int) -> None:
        top = self.stack.command(index - 1) if index > 0 else None
        # A new action pushes a command never seen before; an undo or a redo does not.
        pushed = top is not None and index == self.stack.count() and id(top) not in self._seen
        if top is not None:
            self._seen.add(id(top))
        text = self.stack.text(index - 1) if index > 0 else ""
        if pushed and text.startswith(DELETE_PREFIX):
            what = text[len(DELETE_PREFIX) :].strip(" :")
            self.label.setText(f"Deleted {what} — " if what else "Deleted — ")
            self.show()
            self.timer.start()
        else:
            self.timer.stop()
            self.hide()

    def undo(self) -> None:
        self.timer.stop()
        self.hide()
        self.stack.undo()
