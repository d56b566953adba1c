"""Every change a user makes goes through :class:`Actions`: one transaction, one entry in
the undo stack, one ``changed`` signal for the pages to refresh."""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from PySide6.QtCore import QCoreApplication, QEventLoop, QObject, Signal
from PySide6.QtGui import QUndoCommand, QUndoStack

from winwin_desktop.journal import ValidationError, opening
from winwin_desktop.journal.undo import Change, ChangedSince, JournalUnavailable, user_action

T = TypeVar("T")


class JournalCommand(QUndoCommand):
    """A recorded user action. It has already happened when pushed, so the first redo
    (which ``QUndoStack.push`` calls) does nothing. One that could not be undone or redone
    leaves the stack (obsolete): the journal no longer matches it."""

    def __init__(self, change: Change, actions: Actions) -> None:
        super().__init__(change.label)
        self._change = change
        self._actions = actions
        self._applied = True

    def undo(self) -> None:
        if self._actions.replay(self._change.undo):
            self._applied = False
        else:
            self.setObsolete(True)

    def redo(self) -> None:
        if self._applied:
            return
        if self._actions.replay(self._change.redo):
            self._applied = True
        else:
            self.setObsolete(True)


class Actions(QObject):
    """Runs use cases as undoable actions and tells the pages when the journal changed."""

    changed = Signal()
    failed = Signal(str)
    # A sentence for the status bar while a write waits ("" once it no longer does).
    waiting = Signal(str)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.stack = QUndoStack(self)

    def run(self, label: str, action: Callable[[], T], one_use_case: bool = False) -> T:
        """Run ``action`` (any number of use-case calls) as ONE undoable transaction;
        ``one_use_case``: ``action`` calls one use case and does nothing after it (a
        server's journal may then commit with that use case's last writes).

        ``ValidationError`` propagates to the caller, which shows it beside the field;
        nothing has been written then. So does a journal that cannot be written (another
        program holding it past the busy timeout, a full disk): :class:`JournalUnavailable`.
        """
        self._wait_for_check()
        with user_action(label, one_use_case) as change:
            result = action()
        if not change.is_empty:
            self.stack.push(JournalCommand(change, self))
            self.changed.emit()
        return result

    def replay(self, step: Callable[[], None]) -> bool:
        """Undo or redo a step; False (and ``failed`` with a sentence) if it was refused."""
        self._wait_for_check()
        try:
            step()
        except ChangedSince as exc:  # someone else's later change is kept
            self.failed.emit(str(exc))
            self.changed.emit()  # show their change
            return False
        except Exception as exc:  # noqa: BLE001 — undo must never crash the app
            self.failed.emit(
                f"That could not be undone or redone ({exc}); the journal was left as it was."
            )
            return False
        self.changed.emit()
        return True

    def _wait_for_check(self) -> None:
        """A large journal's first write waits for its whole-file check: say so, and
        keep the window painting (no input meanwhile) until the check is over."""
        if not opening.checking():
            return
        self.waiting.emit("Checking the journal before saving…")
        while not opening.wait_for_check(0.05):
            QCoreApplication.processEvents(QEventLoop.ExcludeUserInputEvents, 50)
        self.waiting.emit("")


__all__ = ["Actions", "JournalCommand", "JournalUnavailable", "ValidationError"]
