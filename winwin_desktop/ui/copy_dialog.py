"""File → Copy journal to…: the whole journal into a new file or an empty PostgreSQL
database (journal/copying.py), with its progress and a plain sentence at the end.

The copy runs on a thread of its own (a large journal takes a while); the dialog is
modal meanwhile, so nothing is changed in the journal while it is read.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QThread, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from winwin_desktop.journal import ValidationError, copying
from winwin_desktop.journal.opening import JournalError
from winwin_desktop.ui.widgets import ErrorLabel, heading, muted

EXPLANATION = (
    "Everything is copied — people, interactions, promises, reflections, photos, "
    "settings and the trash — into a new journal file, or into an empty PostgreSQL "
    "database to share the journal between machines. The copy is checked before it is "
    "kept; this journal is only read."
)
PLACEHOLDER = "a new file, or postgresql://user@host/database"


class CopyThread(QThread):
    """Runs the copy; ``progressed`` (rows done, rows in all) and ``copied`` (the
    sentence to show, and whether it worked) arrive in the window's thread."""

    progressed = Signal(int, int)
    copied = Signal(str, bool)

    def __init__(self, target: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.target = target

    def run(self) -> None:
        try:
            result = copying.copy_journal(self.target, self.progressed.emit, in_background=True)
        except ValidationError as error:
            self.copied.emit(error.message, False)
        except JournalError as error:
            self.copied.emit(str(error), False)
        else:
            self.copied.emit(result.describe(), True)


class CopyDialog(QDialog):
    """Where to copy the journal, then Copy; ``finished_copy`` carries the sentence for
    the status bar once a copy is kept."""

    finished_copy = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Copy the journal")
        self.setModal(True)
        self.setMinimumWidth(560)
        self.thread_: CopyThread | None = None
        layout = QVBoxLayout(self)
        layout.addWidget(heading("Copy the journal", 1.3))
        layout.addWidget(muted(EXPLANATION))

        where = QLabel("Copy &to:")
        layout.addWidget(where)
        row = QHBoxLayout()
        self.target = QLineEdit()
        self.target.setPlaceholderText(PLACEHOLDER)
        self.target.setAccessibleName("Copy to")
        where.setBuddy(self.target)
        self.choose = QPushButton("Choose &file…")
        self.choose.setAutoDefault(False)  # Enter in the field copies; it does not choose
        self.choose.clicked.connect(self._choose)
        row.addWidget(self.target, 1)
        row.addWidget(self.choose)
        layout.addLayout(row)
        layout.addWidget(
            muted(
                "A database on a server must be empty; its password comes from ~/.pgpass, "
                "PGPASSWORD or the system keyring (File → Open shared journal…)."
            )
        )

        self.progress = QProgressBar()
        self.progress.setVisible(False)
        layout.addWidget(self.progress)
        self.outcome = QLabel()
        self.outcome.setWordWrap(True)
        self.outcome.setVisible(False)
        layout.addWidget(self.outcome)
        self.error = ErrorLabel()
        layout.addWidget(self.error)

        self.buttons = QDialogButtonBox(QDialogButtonBox.Close)
        self.copy_button = self.buttons.addButton("&Copy", QDialogButtonBox.AcceptRole)
        self.copy_button.setDefault(True)
        self.buttons.accepted.connect(self.start_copy)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        self.target.setFocus()

    def start_copy(self) -> None:
        target = self.target.text().strip()
        self.error.clear()
        self.outcome.setVisible(False)
        if not target:
            self.error.show_error("Say where to copy the journal: a new file or a database URL.")
            return
        self._set_busy(True)
        self.progress.setRange(0, 0)  # until the first batch says how many rows there are
        self.thread_ = CopyThread(target, self)
        self.thread_.progressed.connect(self._progressed)
        self.thread_.copied.connect(self._copied)
        self.thread_.start()
        self._fit()

    def reject(self) -> None:
        if self.is_copying():
            return  # the copy finishes (or is undone) first; it cannot be half-kept
        super().reject()

    def is_copying(self) -> bool:
        return self.thread_ is not None and self.thread_.isRunning()

    # dialogs (tests replace this) -------------------------------------------------------

    def ask_path(self) -> str | None:
        chosen, _ = QFileDialog.getSaveFileName(
            self,
            "Copy the journal to a new file",
            str(Path.home() / "journal-copy.db"),
            "WinWin journal (*.db)",
            options=QFileDialog.DontConfirmOverwrite,  # a file with data is refused anyway
        )
        return chosen or None

    # reacting ---------------------------------------------------------------------------

    def _choose(self) -> None:
        chosen = self.ask_path()
        if chosen:
            self.target.setText(chosen)

    def _progressed(self, done: int, total: int) -> None:
        self.progress.setRange(0, max(total, 1))
        self.progress.setValue(done)
        self.progress.setFormat(f"{done:,} of {total:,} rows")

    def _copied(self, sentence: str, worked: bool) -> None:
        self.thread_.wait()
        self._set_busy(False)
        self.progress.setVisible(worked)
        if worked:
            self.outcome.setText(sentence)
            self.outcome.setVisible(True)
            self.copy_button.setEnabled(False)
            self.finished_copy.emit(sentence)
        else:
            self.error.show_error(sentence)
        self._fit()

    def _fit(self) -> None:
        """Grow to show the lines that just appeared (wrapped labels ask for their
        height only once laid out)."""
        self.layout().activate()
        self.resize(self.width(), max(self.height(), self.layout().heightForWidth(self.width())))

    def _set_busy(self, busy: bool) -> None:
        self.progress.setVisible(True)
        for widget in (self.target, self.choose, self.copy_button):
            widget.setEnabled(not busy)
        self.buttons.button(QDialogButtonBox.Close).setEnabled(not busy)
