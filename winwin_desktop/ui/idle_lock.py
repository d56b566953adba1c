"""Locking a passphrase-protected journal: after some idle minutes, or on demand.

While locked the journal is closed and its passphrase forgotten, the window shows only
the lock screen, and every action is disabled; the passphrase opens it again. Dialogs
that were open are hidden with their contents and come back on unlock.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QApplication,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from winwin_desktop.journal import protection
from winwin_desktop.journal.opening import JournalError
from winwin_desktop.ui.widgets import ErrorLabel, heading, muted

TRIES = 3

# What counts as the user being there; painting, timers and focus changes do not.
_INPUT = {
    QEvent.KeyPress,
    QEvent.MouseButtonPress,
    QEvent.MouseMove,
    QEvent.Wheel,
    QEvent.TouchBegin,
    QEvent.TabletPress,
}


class IdleWatcher(QObject):
    """Emits ``idle`` once the application has had no keyboard, mouse or touch input
    for the given time; any input starts the count again."""

    idle = Signal()

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self.idle)
        self._watching = False

    def watch(self, milliseconds: int) -> None:
        """Start watching (0 stops)."""
        app = QApplication.instance()
        if milliseconds <= 0:
            self.stop()
            return
        self._timer.setInterval(milliseconds)
        self._timer.start()
        if not self._watching:
            app.installEventFilter(self)
            self._watching = True

    def stop(self) -> None:
        self._timer.stop()
        if self._watching:
            QApplication.instance().removeEventFilter(self)
            self._watching = False

    def is_watching(self) -> bool:
        return self._watching

    def interval_ms(self) -> int:
        return self._timer.interval()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() in _INPUT:
            self._timer.start()
        return False


class LockScreen(QWidget):
    """What the window shows while locked: the journal's name and the passphrase field."""

    unlocked = Signal()
    gave_up = Signal()

    def __init__(self, path: Path, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.path = Path(path)
        self.tries_left = TRIES
        box = QWidget()
        box.setFixedWidth(460)
        inner = QVBoxLayout(box)
        inner.setSpacing(10)
        icon = QLabel()
        icon.setPixmap(QApplication.windowIcon().pixmap(64, 64))
        icon.setFixedSize(64, 64)
        inner.addWidget(icon, 0, Qt.AlignHCenter)
        inner.addWidget(heading("WinWin is locked"), 0, Qt.AlignHCenter)
        self.reason = muted()
        inner.addWidget(self.reason)
        self.field = QLineEdit()
        self.field.setEchoMode(QLineEdit.Password)
        self.field.setPlaceholderText("Passphrase")
        self.field.setAccessibleName("Passphrase")
        self.field.returnPressed.connect(self.try_unlock)
        row = QHBoxLayout()
        row.addWidget(self.field, 1)
        self.unlock_button = QPushButton("&Unlock")
        self.unlock_button.setDefault(True)
        self.unlock_button.clicked.connect(self.try_unlock)
        row.addWidget(self.unlock_button)
        inner.addLayout(row)
        self.error = ErrorLabel()
        inner.addWidget(self.error)
        outer = QVBoxLayout(self)
        outer.addStretch(2)
        outer.addWidget(box, 0, Qt.AlignHCenter)
        outer.addStretch(3)

    def reset(self, reason: str) -> None:
        self.tries_left = TRIES
        self.reason.setText(
            f"{reason} {self.path.name} is closed and its passphrase forgotten. "
            "Type the passphrase to go on where you left off."
        )
        self.field.clear()
        self.error.clear()
        self.field.setFocus()

    def try_unlock(self) -> None:
        text = self.field.text()
        self.field.clear()
        try:
            opened = bool(text) and protection.unlock(self.path, text)
        except JournalError as error:
            self.error.show_error(str(error))
            return
        if opened:
            self.unlocked.emit()
            return
        self.tries_left -= 1
        if self.tries_left <= 0:
            self.gave_up.emit()
            return
        tries = "1 try" if self.tries_left == 1 else f"{self.tries_left} tries"
        self.error.show_error(f"That passphrase does not open {self.path.name}; {tries} left.")
