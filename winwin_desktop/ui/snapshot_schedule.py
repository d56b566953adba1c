"""The window's snapshots: today's first one, taken in a thread (on a large journal its
verification takes seconds, and the window stays usable meanwhile: WAL lets it go on
writing), the one on quit, and "Back up now"."""

from __future__ import annotations

import contextlib
import datetime as dt
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt, QThread, QTimer, Signal
from PySide6.QtWidgets import QApplication, QDialog, QMainWindow, QMessageBox

from winwin_desktop import APP_NAME
from winwin_desktop.journal import ValidationError
from winwin_desktop.journal.opening import JournalError
from winwin_desktop.text import plural

if TYPE_CHECKING:
    from winwin_desktop.journal.backups import SnapshotInfo

# The snapshots' modules (backups, and today's for an empty journal) are imported when a
# snapshot is due, after the first paint: the window's start does not need them.

# A dialog open at start (Settings may re-key the journal, Restore replace it): try later.
SNAPSHOT_RETRY_MS = 60_000


class StartSnapshot(QThread):
    """Takes the snapshot through a connection of its own; reports in the window's thread."""

    taken = Signal(object)  # a backups.SnapshotInfo
    failed = Signal(str)

    def __init__(self, parent: QObject | None = None, now: dt.datetime | None = None) -> None:
        super().__init__(parent)
        self.now = now or dt.datetime.now()

    def run(self) -> None:
        from winwin_desktop.journal import backups

        try:
            taken = backups.take_snapshot(backups.START, now=self.now, in_background=True)
        except (ValidationError, JournalError) as error:
            self.failed.emit(getattr(error, "message", str(error)))
        except Exception as error:  # noqa: BLE001 — nothing may escape a thread's run()
            self.failed.emit(f"{type(error).__name__}: {error}")
        else:
            self.taken.emit(taken)


class SnapshotSchedule(QObject):
    """When the window's snapshots are taken, and what the status bar says about them.
    ``is_locked`` tells whether the window is locked (no snapshot of a closed journal)."""

    def __init__(self, window: QMainWindow, is_locked: Callable[[], bool]) -> None:
        super().__init__(window)
        self.window = window
        self.is_locked = is_locked
        self.running: StartSnapshot | None = None

    def _say(self, text: str, milliseconds: int = 0) -> None:
        self.window.statusBar().showMessage(text, milliseconds)

    def at_start(self) -> StartSnapshot | None:
        """The day's first automatic snapshot, unless one was taken today: in a thread,
        the window staying usable. It runs on its own, so a failure is said in the status
        bar, where it stays, rather than in a dialog nobody asked for."""
        if not self.window.isVisible() or self.is_locked() or self.running is not None:
            return None
        if any(isinstance(w, QDialog) and w.isVisible() for w in QApplication.topLevelWidgets()):
            QTimer.singleShot(SNAPSHOT_RETRY_MS, self.window, self.window.snapshot_at_start)
            return None
        from winwin_desktop.journal import backups, people

        try:
            # An empty journal has nothing to keep yet; "a snapshot of 0 people" in the
            # status bar of a first run would only puzzle.
            if backups.taken_today() or people.journal_is_empty():
                return None
        except (ValidationError, JournalError):
            pass  # the snapshot itself will say what is wrong
        worker = StartSnapshot(self.window)
        worker.taken.connect(self._taken_at_start)
        worker.failed.connect(
            lambda message: self._say(f"Today's first snapshot failed: {message}")
        )
        self.running = worker
        self._say("Taking today's first snapshot…")
        worker.start(QThread.LowPriority)
        return worker

    def _taken_at_start(self, taken: SnapshotInfo) -> None:
        from winwin_desktop.journal import backups

        with contextlib.suppress(ValidationError, JournalError):
            backups.prune()  # on failure the old snapshots stay until the next prune
        self._say(f"Today's first snapshot: {_holding(taken)}.", 8000)

    def finish_start(self) -> None:
        """Wait for today's first snapshot, if it is still being taken: before the
        journal is locked, closed, restored or re-keyed."""
        worker, self.running = self.running, None
        if worker is None:
            return
        if worker.isRunning():
            self._say("Finishing today's first snapshot…")
            QApplication.setOverrideCursor(Qt.WaitCursor)
            try:
                worker.wait()
            finally:
                QApplication.restoreOverrideCursor()
        QApplication.sendPostedEvents(worker)  # its report, before it goes
        QApplication.sendPostedEvents(self)
        QApplication.sendPostedEvents(self.window)

    def take(self, take: Callable[[], SnapshotInfo | None], what: str):
        """Take a snapshot now (``take``: "Back up now", or the one on quit), saying
        ``what`` with it in the status bar, or a failure in a message box."""
        self.finish_start()
        self._say("Backing up…")
        QApplication.processEvents()
        try:
            taken = take()
        except (ValidationError, JournalError) as error:
            self.window.statusBar().clearMessage()
            QMessageBox.warning(self.window, APP_NAME, getattr(error, "message", str(error)))
            return None
        self._say(f"{what}: {_holding(taken)}." if taken else "", 8000)
        return taken


def _holding(taken: SnapshotInfo) -> str:
    """What a snapshot just taken holds, in words (its time is now, and its file name
    in Restore)."""
    return (
        f"{plural(taken.people, 'person', 'people')} and "
        f"{plural(taken.interactions, 'interaction')} kept among your backups"
    )
