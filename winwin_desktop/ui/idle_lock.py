"""Locking a passphrase-protected journal: after some idle minutes, or on demand.

While locked the journal is closed and its passphrase forgotten, the window shows only
the lock screen, and every action is disabled; the passphrase opens it again. Dialogs
that were open are hidden with their contents and come back on unlock.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path

import shiboken6
from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMainWindow,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from winwin_desktop.journal import protection
from winwin_desktop.journal import settings as journal_settings
from winwin_desktop.journal.opening import JournalError
from winwin_desktop.text import plural
from winwin_desktop.ui.passphrase_dialog import PassphraseDialog
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


class WindowLock(QObject):
    """Locks a main window: its ``body`` shows the lock screen instead of the pages, its
    actions are disabled (Quit aside), its dialogs are hidden or cancelled, the journal
    is closed; unlocking puts everything back. ``before_lock`` saves what the window
    holds and stops anything that would read the journal; ``after_unlock`` shows the
    journal again."""

    def __init__(
        self,
        window: QMainWindow,
        body: QStackedWidget,
        lock_action: QAction,
        quit_action: QAction,
        before_lock: Callable[[], None],
        after_unlock: Callable[[], None],
    ) -> None:
        super().__init__(window)
        self.window = window
        self.body = body
        self.lock_action = lock_action
        self.quit_action = quit_action
        self.before_lock = before_lock
        self.after_unlock = after_unlock
        self.screen: LockScreen | None = None
        self.idle = IdleWatcher(window)
        self.idle.idle.connect(lambda: self.lock(idle=True))
        self._hidden_while_locked: list[QWidget] = []
        self._enabled_before_lock: dict[QAction, bool] = {}

    def apply_setting(self) -> None:
        """Lock is offered for a passphrase-protected journal only (locking a plain file
        would hide nothing); the idle count follows the journal's setting."""
        if self.is_locked():
            return
        protected = protection.is_protected()
        self.lock_action.setEnabled(protected)
        self.lock_action.setToolTip(
            "Close the journal until its passphrase is typed again"
            if protected
            else "Protect the journal with a passphrase (Settings) to lock it"
        )
        minutes = int(journal_settings.get_setting("lock_after_minutes")) if protected else 0
        self.idle.watch(minutes * 60_000)

    def is_locked(self) -> bool:
        return self.screen is not None and self.body.currentWidget() is self.screen

    def lock(self, idle: bool = False) -> bool:
        """Close the journal, forget its passphrase and show only the lock screen."""
        if self.is_locked() or not protection.is_protected():
            return False
        self.before_lock()
        self.idle.stop()
        self._hidden_while_locked = []
        for widget in QApplication.topLevelWidgets():
            if widget is self.window or not widget.isVisible():
                continue
            if isinstance(widget, QDialog) and (
                widget.windowModality() == Qt.ApplicationModal
                or isinstance(widget, PassphraseDialog)  # typed passphrases are not kept
            ):
                widget.reject()  # a question or a file chooser that was waiting: cancelled
            elif isinstance(widget, QDialog):
                widget.hide()  # WinWin's own dialogs keep what was typed, for after
                self._hidden_while_locked.append(widget)
            else:
                widget.hide()  # menus, popups, tooltips
        # The window's own actions (a dialog's, such as a file chooser's, may be deleted
        # while locked).
        self._enabled_before_lock = {action: action.isEnabled() for action in self._own_actions()}
        for action in self._enabled_before_lock:
            action.setEnabled(action is self.quit_action)
        protection.lock()
        path = Path(getattr(self.window, "journal_path", ""))
        if self.screen is None:
            self.screen = LockScreen(path)
            self.screen.unlocked.connect(self._unlocked)
            self.screen.gave_up.connect(self._gave_up_unlocking)
            self.body.addWidget(self.screen)
        self.body.setCurrentWidget(self.screen)
        minutes = round(self.idle.interval_ms() / 60_000)
        self.screen.reset(f"Locked after {plural(minutes, 'idle minute')}." if idle else "Locked.")
        self.window.statusBar().clearMessage()
        return True

    def _own_actions(self) -> list[QAction]:
        found = list(QWidget.actions(self.window))
        for menu_action in self.window.menuBar().actions():
            if menu_action.menu() is not None:
                found += menu_action.menu().actions()
        return list(dict.fromkeys(found))

    def _unlocked(self) -> None:
        restore, self._enabled_before_lock = self._enabled_before_lock, {}
        self.body.setCurrentIndex(0)
        for action, enabled in restore.items():
            if shiboken6.isValid(action):
                action.setEnabled(enabled)
        self.after_unlock()
        for widget in self._hidden_while_locked:
            if shiboken6.isValid(widget):
                widget.show()
        self._hidden_while_locked = []
        self.apply_setting()
        self.window.statusBar().showMessage("Unlocked.", 5000)

    def _gave_up_unlocking(self) -> None:
        print(
            f"winwin: the passphrase was wrong {TRIES} times; WinWin closed "
            f"(everything was saved before it locked).",
            file=sys.stderr,
        )
        for widget in self._hidden_while_locked:
            widget.close()
        self.window.close()
