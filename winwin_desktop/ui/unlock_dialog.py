"""At start, for a journal protected by a passphrase: ask for it, three tries.

Each try only reads the file (a wrong passphrase leaves it untouched); after three wrong
ones WinWin says so plainly and quits.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from winwin_desktop import APP_NAME
from winwin_desktop.journal.opening import RESTORE_ADVICE, DamagedJournal, is_encrypted
from winwin_desktop.ui.widgets import ErrorLabel

TRIES = 3


class UnlockDialog(QDialog):
    def __init__(self, path: Path, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.path = Path(path)
        self.tries_left = TRIES
        self.passphrase: str | None = None
        self.setWindowTitle(f"Unlock — {APP_NAME}")
        layout = QVBoxLayout(self)
        intro = QLabel(f"{self.path} is protected by a passphrase. Type it to open the journal.")
        intro.setWordWrap(True)
        layout.addWidget(intro)
        self.field = QLineEdit()
        self.field.setEchoMode(QLineEdit.Password)
        self.field.setPlaceholderText("Passphrase")
        layout.addWidget(self.field)
        self.error = ErrorLabel()
        layout.addWidget(self.error)
        self.never_button = QPushButton("Never set a passphrase for it? It may be damaged…")
        self.never_button.setFlat(True)
        self.never_button.setCursor(Qt.PointingHandCursor)
        self.never_button.setStyleSheet(
            "QPushButton { color: palette(link); border: none; padding: 0; text-align: left; }"
        )
        self.never_button.setToolTip(
            "A damaged journal can look encrypted: choose this to see its backups instead"
        )
        self.never_button.clicked.connect(self._never_protected)
        self.never_protected = False
        layout.addWidget(self.never_button, 0, Qt.AlignLeft)
        buttons = QDialogButtonBox()
        self.unlock_button = buttons.addButton("&Unlock", QDialogButtonBox.AcceptRole)
        buttons.addButton("&Quit", QDialogButtonBox.RejectRole)
        buttons.accepted.connect(self.try_unlock)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.setMinimumWidth(420)

    def _never_protected(self) -> None:
        self.never_protected = True
        self.done(QDialog.Rejected)

    def try_unlock(self) -> None:
        text = self.field.text()
        if text and is_encrypted(self.path, text):
            self.passphrase = text
            self.accept()
            return
        self.tries_left -= 1
        self.field.clear()
        if self.tries_left <= 0:
            self.done(QDialog.Rejected)
            return
        tries = "1 try" if self.tries_left == 1 else f"{self.tries_left} tries"
        self.error.show_error(f"That passphrase does not open {self.path.name}; {tries} left.")


def ask_passphrase(path: Path) -> str | None:
    """The passphrase that opens ``path``, or None when the user quit or had three wrong
    tries (then a plain message says so). Raises :class:`DamagedJournal` when the user
    says the journal never had a passphrase: a damaged file can look encrypted."""
    dialog = UnlockDialog(path)
    dialog.exec()
    if dialog.never_protected:
        raise DamagedJournal(
            Path(path),
            "does not open as a journal (it looks encrypted, but it never had a passphrase)",
            RESTORE_ADVICE,
        )
    if dialog.passphrase is None and dialog.tries_left <= 0:
        QMessageBox.warning(
            None,
            APP_NAME,
            f"The passphrase was wrong {TRIES} times, so WinWin will quit. "
            f"{path} was not changed; start WinWin again to retry.",
        )
    return dialog.passphrase
