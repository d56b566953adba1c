"""Noticing that the journal's file was deleted or replaced while the window has it open
(a sync tool, a file manager, another program): within seconds, or at the next save,
which is refused. The window then says so and offers to save the journal it still holds
to a new file."""

from __future__ import annotations

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtWidgets import QFileDialog, QMainWindow, QMessageBox

from winwin_desktop import APP_NAME
from winwin_desktop.journal.opening import JournalError, file_gone, save_as_new_file

# Also when the window looks for others' saves (main_window): seen within 2 s.
CHECK_EVERY_MS = 1000


class JournalWatch(QObject):
    """Looks at the journal's path every few seconds; ``saved_elsewhere`` (the new path)
    once the user saved the journal to a new file after its own had gone."""

    saved_elsewhere = Signal(object)

    def __init__(self, window: QMainWindow) -> None:
        super().__init__(window)
        self.window = window
        self.asking = False
        self.timer = QTimer(self)
        self.timer.setInterval(CHECK_EVERY_MS)
        self.timer.timeout.connect(self.check)
        self.timer.start()

    def check(self) -> bool:
        """True when the journal's file is gone (and the user was told). A window that is
        not on screen (closed) asks nothing."""
        if not self.window.isVisible():
            return False
        what = file_gone()
        if what is None:
            return False
        if not self.asking:
            self.asking = True
            try:
                self._offer_to_save(what)
            finally:
                self.asking = False
        return True

    def _offer_to_save(self, what: str) -> None:
        path = self.window.journal_path
        box = QMessageBox(
            QMessageBox.Warning,
            APP_NAME,
            f"The journal file {path} was {what} by another program while WinWin had it "
            "open. Nothing more is saved into it.\n\nWinWin still holds the journal as it "
            "was: save it to a new file to keep it.",
            parent=self.window,
        )
        save = box.addButton("&Save to a new file…", QMessageBox.AcceptRole)
        box.addButton("&Not now", QMessageBox.RejectRole)
        box.setDefaultButton(save)
        while True:
            box.exec()
            if box.clickedButton() is not save:
                self.timer.stop()  # asked once; the next save is refused and says so
                return
            target, _ = QFileDialog.getSaveFileName(
                self.window, "Save the journal to a new file", str(path), "Journal (*.db)"
            )
            if not target:
                continue
            try:
                saved = save_as_new_file(target)
            except JournalError as error:
                QMessageBox.warning(self.window, APP_NAME, str(error))
                continue
            self.saved_elsewhere.emit(saved)
            return
