"""When the journal cannot be opened because it is damaged or is not a journal at all.

The dialog explains what is wrong and offers three ways on: restore the latest verified
backup in the journal's place (the file as it is stays beside it, renamed), open another
journal, or quit. The file itself is never written to.
"""

from __future__ import annotations

import html
from pathlib import Path

from PySide6.QtWidgets import (
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QStyle,
    QVBoxLayout,
    QWidget,
)

from winwin_desktop import APP_NAME
from winwin_desktop.journal import backups
from winwin_desktop.journal.opening import (
    DamagedJournal,
    JournalError,
    restore_in_place_of,
)

RESTORED, OPEN_OTHER, QUIT = "restored", "open other", "quit"


class DamagedJournalDialog(QDialog):
    """Says what is wrong with the journal and lets the user choose how to go on.

    After ``exec()``, ``choice`` is RESTORED (the journal's path now holds the backup;
    ``set_aside`` is where the damaged file went), OPEN_OTHER (``other_journal`` is the
    file chosen) or QUIT.
    """

    def __init__(
        self, error: DamagedJournal, parent: QWidget | None = None, passphrase: str | None = None
    ) -> None:
        super().__init__(parent)
        self.journal = Path(error.path)
        self.passphrase = passphrase
        self.choice = QUIT
        self.other_journal: Path | None = None
        self.set_aside: Path | None = None
        self.backup = backups.latest_verified_backup(self.journal, passphrase)
        self.setWindowTitle(f"{APP_NAME} — the journal cannot be opened")

        icon = QLabel()
        icon.setPixmap(self.style().standardIcon(QStyle.SP_MessageBoxWarning).pixmap(48, 48))
        self.explanation = QLabel(self._explanation(error))
        self.explanation.setWordWrap(True)
        self.explanation.setMinimumWidth(460)
        top = QHBoxLayout()
        top.addWidget(icon)
        top.addWidget(self.explanation, 1)

        self.restore_button = QPushButton("&Restore the latest backup")
        self.restore_button.setEnabled(self.backup is not None)
        self.restore_button.clicked.connect(self.restore)
        self.open_button = QPushButton("&Open another journal…")
        self.open_button.clicked.connect(self.open_other)
        self.quit_button = QPushButton("&Quit")
        self.quit_button.clicked.connect(self.reject)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        for button in (self.restore_button, self.open_button, self.quit_button):
            button.setAutoDefault(False)
            buttons.addWidget(button)
        (self.restore_button if self.backup else self.open_button).setDefault(True)

        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addLayout(buttons)

    def _explanation(self, error: DamagedJournal) -> str:
        name, problem = html.escape(self.journal.name), html.escape(error.problem)
        text = (
            f"<p><b>{name} {problem}.</b></p>"
            f"<p>WinWin has not changed the file ({html.escape(str(self.journal))}).</p>"
        )
        if self.backup is not None:
            text += (
                f"<p>The latest verified backup is from {self.backup.describe()}. "
                f"Restoring it puts a copy in the journal's place; the file as it is now "
                f"stays beside it, renamed “{self.journal.stem}.damaged-….”</p>"
            )
        else:
            folder = backups.backups_folder(self.journal)
            text += (
                f"<p>There is no verified backup of this journal in {html.escape(str(folder))}.</p>"
            )
        return text

    def restore(self) -> None:
        try:
            self.set_aside = restore_in_place_of(
                self.journal, self.backup.path, passphrase=self.passphrase
            )
        except JournalError as error:
            QMessageBox.warning(self, APP_NAME, str(error))
            return
        self.choice = RESTORED
        self.accept()

    def open_other(self) -> None:
        chosen, _ = QFileDialog.getOpenFileName(
            self,
            "Open another journal",
            str(self.journal.parent),
            "WinWin journals (*.db);;All files (*)",
        )
        if not chosen:
            return
        self.other_journal = Path(chosen)
        self.choice = OPEN_OTHER
        self.accept()

    def reject(self) -> None:
        self.choice = QUIT
        super().reject()
