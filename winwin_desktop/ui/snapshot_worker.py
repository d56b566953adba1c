"""Today's first snapshot, taken in a thread: on a large journal its verification takes
seconds, and the window stays usable meanwhile (WAL lets it go on writing)."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QObject, QThread, Signal

from winwin_desktop.journal import ValidationError, backups
from winwin_desktop.journal.opening import JournalError


class StartSnapshot(QThread):
    """Takes the snapshot through a connection of its own; reports in the window's thread."""

    taken = Signal(object)  # backups.SnapshotInfo
    failed = Signal(str)

    def __init__(self, parent: QObject | None = None, now: dt.datetime | None = None) -> None:
        super().__init__(parent)
        self.now = now or dt.datetime.now()

    def run(self) -> None:
        try:
            taken = backups.take_snapshot(backups.START, now=self.now, in_background=True)
        except (ValidationError, JournalError) as error:
            self.failed.emit(getattr(error, "message", str(error)))
        except Exception as error:  # noqa: BLE001 — nothing may escape a thread's run()
            self.failed.emit(f"{type(error).__name__}: {error}")
        else:
            self.taken.emit(taken)
