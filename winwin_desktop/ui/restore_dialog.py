"""File → Restore…: the snapshots with their date and what they hold; restore one (after
a safety snapshot of the journal as it is), back up now, or check the journal."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QMessageBox,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from winwin_desktop.journal import ValidationError, backups, settings
from winwin_desktop.journal.opening import JournalError
from winwin_desktop.text import plural
from winwin_desktop.ui.widgets import ErrorLabel, heading, muted

TAKEN, KIND, PEOPLE, INTERACTIONS, SIZE = range(5)
HEADERS = ("Taken", "Why", "People", "Interactions", "Size")


class RestoreDialog(QDialog):
    """``restored`` (a sentence for the status bar) is emitted once the journal's
    contents were replaced: everything on screen, and the undo history, is out of date."""

    restored = Signal(str)
    backed_up = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Snapshots and restore")
        self.setMinimumSize(640, 420)
        self.safety: backups.SnapshotInfo | None = None
        layout = QVBoxLayout(self)
        layout.addWidget(heading("Snapshots of your journal", 1.3))
        daily = settings.get_setting("backups_daily_kept")
        weekly = settings.get_setting("backups_weekly_kept")
        self.explanation = muted(
            f"WinWin takes a snapshot when you first start it each day and when you quit, "
            f"and keeps the last {daily} days and {weekly} weeks of them; snapshots you take "
            f"yourself are kept until you delete them. Restoring replaces the whole journal, "
            f"after saving a snapshot of it as it is now, so a restore can itself be undone "
            f"by restoring that one."
        )
        layout.addWidget(self.explanation)
        self.folder = muted()
        self.folder.setTextInteractionFlags(Qt.TextSelectableByMouse)
        layout.addWidget(self.folder)

        self.table = QTableWidget(0, len(HEADERS))
        self.table.setHorizontalHeaderLabels(HEADERS)
        self.table.verticalHeader().hide()
        self.table.setSelectionBehavior(QAbstractItemView.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.NoEditTriggers)
        self.table.setShowGrid(False)
        self.table.setAlternatingRowColors(True)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeToContents)
        header.setSectionResizeMode(KIND, QHeaderView.Stretch)
        self.table.itemSelectionChanged.connect(self._selection_changed)
        self.table.doubleClicked.connect(self.restore_selected)
        layout.addWidget(self.table, 1)
        self.empty = muted("No snapshots yet. “Back up now” takes the first one.")
        layout.addWidget(self.empty)

        self.message = muted()
        layout.addWidget(self.message)
        self.error = ErrorLabel()
        layout.addWidget(self.error)

        self.back_up_button = QPushButton("&Back up now")
        self.check_button = QPushButton("C&heck the journal")
        self.from_file_button = QPushButton("Restore from &file…")
        self.restore_button = QPushButton("&Restore this snapshot")
        self.restore_button.setAutoDefault(False)  # Enter must not replace the journal
        self.close_button = QPushButton("Close")
        self.close_button.setDefault(True)
        self.back_up_button.clicked.connect(self.back_up_now)
        self.check_button.clicked.connect(self.check)
        self.from_file_button.clicked.connect(self.restore_from_file)
        self.restore_button.clicked.connect(self.restore_selected)
        self.close_button.clicked.connect(self.reject)
        self.buttons = QHBoxLayout()
        for button in (self.back_up_button, self.check_button):
            self.buttons.addWidget(button)
        self.buttons.addStretch(1)
        for button in (self.from_file_button, self.restore_button, self.close_button):
            self.buttons.addWidget(button)
        layout.addLayout(self.buttons)
        self.reload()

    # data -------------------------------------------------------------------------------

    def reload(self) -> None:
        self.snapshots = backups.list_snapshots()
        self.folder.setText(f"Folder: {backups.backups_folder()}")
        self.table.setRowCount(0)
        for snapshot in self.snapshots:
            row = self.table.rowCount()
            self.table.insertRow(row)
            cells = (
                snapshot.taken_at.strftime("%Y-%m-%d %H:%M"),
                backups.KIND_LABELS.get(snapshot.kind, snapshot.kind),
                str(snapshot.people),
                str(snapshot.interactions),
                _size(snapshot.size),
            )
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                if column in (PEOPLE, INTERACTIONS, SIZE):
                    item.setTextAlignment(Qt.AlignRight | Qt.AlignVCenter)
                item.setToolTip(str(snapshot.path))
                self.table.setItem(row, column, item)
        self.table.setVisible(bool(self.snapshots))
        self.empty.setVisible(not self.snapshots)
        if self.snapshots:
            self.table.selectRow(0)
        self._selection_changed()

    def selected(self) -> backups.SnapshotInfo | None:
        rows = self.table.selectionModel().selectedRows()
        return self.snapshots[rows[0].row()] if rows else None

    # actions ----------------------------------------------------------------------------

    def back_up_now(self) -> backups.SnapshotInfo | None:
        self.error.clear()
        try:
            taken = backups.back_up_now()
        except (ValidationError, JournalError) as error:
            self.error.show_error(_message(error))
            return None
        self.reload()
        text = f"Backed up: {taken.describe()}."
        self.message.setText(text)
        self.backed_up.emit(text)
        return taken

    def check(self) -> list[str]:
        self.error.clear()
        problems = backups.check()
        if problems:
            self.error.show_error(
                f"The journal has {plural(len(problems), 'problem')}: "
                f"{problems[0]}. Restore the newest snapshot that checks out."
            )
        else:
            self.message.setText("The journal is healthy: integrity and foreign keys check out.")
        return problems

    def restore_selected(self) -> backups.SnapshotInfo | None:
        snapshot = self.selected()
        if snapshot is None:
            self.error.show_error("Choose a snapshot to restore.")
            return None
        return self._restore(snapshot.path, snapshot.describe())

    def restore_from_file(self) -> backups.SnapshotInfo | None:
        chosen = self.ask_file()
        if not chosen:
            return None
        try:
            info = backups.read_snapshot_info(chosen)
        except ValidationError as error:
            self.error.show_error(error.message)
            return None
        return self._restore(info.path, info.describe())

    def _restore(self, path, description: str) -> backups.SnapshotInfo | None:
        self.error.clear()
        if not self.confirm(
            f"Replace the whole journal with the snapshot of {description}?\n\n"
            "A snapshot of the journal as it is now is taken first."
        ):
            return None
        try:
            self.safety = backups.restore(path)
        except (ValidationError, JournalError) as error:
            self.error.show_error(_message(error))
            return None
        self.restored.emit(
            f"Restored the snapshot of {description}. The journal as it was is kept in "
            f"{self.safety.path.name}."
        )
        self.accept()
        return self.safety

    # dialogs (tests replace these) ------------------------------------------------------

    def confirm(self, question: str) -> bool:
        answer = QMessageBox.question(
            self, "Restore a snapshot", question, QMessageBox.Yes | QMessageBox.Cancel
        )
        return answer == QMessageBox.Yes

    def ask_file(self) -> str | None:
        chosen, _ = QFileDialog.getOpenFileName(
            self,
            "Restore from a snapshot file",
            str(backups.backups_folder()),
            "WinWin journals and snapshots (*.db);;All files (*)",
        )
        return chosen or None

    # reacting ---------------------------------------------------------------------------

    def _selection_changed(self) -> None:
        self.restore_button.setEnabled(self.selected() is not None)


def _message(error: Exception) -> str:
    return error.message if isinstance(error, ValidationError) else str(error)


def _size(size: int) -> str:
    if size < 1024:
        return f"{size} bytes"
    if size < 1024 * 1024:
        return f"{size / 1024:.0f} KB"
    return f"{size / (1024 * 1024):.1f} MB"
