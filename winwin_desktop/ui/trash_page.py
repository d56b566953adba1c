"""The Trash: deleted people, interactions and promises, restorable until emptied."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QMessageBox,
    QPushButton,
    QStackedWidget,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from winwin_desktop.journal import trash
from winwin_desktop.ui.dates import human_moment, short_date
from winwin_desktop.ui.undo import Actions
from winwin_desktop.ui.widgets import EmptyState, heading, muted

ITEM_ROLE = Qt.UserRole + 1
WHAT, DELETED, FROM = range(3)


def deleted_when(
    deleted_at: dt.datetime, now: dt.datetime | None = None, tz: dt.tzinfo | None = None
) -> str:
    """When something was deleted, in local time: "today 21:01", "yesterday 09:12" or
    "Fri 20 Nov 14:03". ``deleted_at`` is naive UTC, as the journal stores it; ``now``
    (aware) and ``tz`` (default: the computer's) are for tests."""
    local = deleted_at.replace(tzinfo=dt.UTC).astimezone(tz)
    return human_moment(local, (now or dt.datetime.now(dt.UTC)).astimezone(tz))


def local_iso(deleted_at: dt.datetime) -> str:
    """The deletion time in full, for a tooltip: "2026-11-20 14:03"."""
    return f"{deleted_at.replace(tzinfo=dt.UTC).astimezone():%Y-%m-%d %H:%M}"


class TrashPage(QWidget):
    def __init__(self, actions: Actions, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.actions = actions
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 12, 16, 12)
        layout.addWidget(heading("Trash"))
        layout.addWidget(
            muted(
                "Deleted people, interactions and promises stay here until you empty the trash. "
                "They do not count in any balance."
            )
        )
        self.table = QTableWidget(0, 3)
        self.table.setHorizontalHeaderLabels(["What", "Deleted", "From"])
        self.table.setSelectionBehavior(QAbstractItemView.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.ExtendedSelection)
        self.table.setEditTriggers(QAbstractItemView.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.setShowGrid(False)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(WHAT, QHeaderView.Stretch)
        header.setSectionResizeMode(DELETED, QHeaderView.ResizeToContents)
        header.setSectionResizeMode(FROM, QHeaderView.Interactive)
        header.resizeSection(FROM, 280)
        header.setDefaultAlignment(Qt.AlignLeft | Qt.AlignVCenter)
        self.table.itemActivated.connect(lambda _item: self.restore_selected())
        self.empty = EmptyState(
            "The trash is empty",
            "Things you delete land here first, so nothing is lost by accident.",
        )
        self.stack = QStackedWidget()
        self.stack.addWidget(self.table)
        self.stack.addWidget(self.empty)
        layout.addWidget(self.stack, 1)
        row = QHBoxLayout()
        self.restore_button = QPushButton("Restore")
        self.restore_button.setToolTip("Put the selected items back (Enter)")
        self.restore_button.clicked.connect(self.restore_selected)
        self.empty_button = QPushButton("Empty trash…")
        self.empty_button.setToolTip("Delete everything in the trash for good")
        self.empty_button.clicked.connect(self.empty_trash)
        row.addStretch(1)
        row.addWidget(self.restore_button)
        row.addWidget(self.empty_button)
        layout.addLayout(row)

    def reload(self) -> None:
        items = trash.trash_items()
        self.table.setRowCount(len(items))
        for row, item in enumerate(items):
            what = item.what or item.label
            if item.day is not None:
                what = f"{what} · {short_date(item.day)}"
            cells = (
                (what, item.label),
                (deleted_when(item.deleted_at), local_iso(item.deleted_at)),
                (item.where, item.where),
            )
            for column, (text, tip) in enumerate(cells):
                cell = QTableWidgetItem(text)
                cell.setToolTip(tip)
                cell.setData(ITEM_ROLE, item)
                self.table.setItem(row, column, cell)
        self.stack.setCurrentWidget(self.table if items else self.empty)
        self.restore_button.setEnabled(bool(items))
        self.empty_button.setEnabled(bool(items))
        if items:
            self.table.selectRow(0)

    def restore_selected(self) -> None:
        rows = sorted(index.row() for index in self.table.selectionModel().selectedRows())
        chosen = [self.table.item(row, WHAT).data(ITEM_ROLE) for row in rows]
        if not chosen:
            return
        label = f"Restore {chosen[0].label}" if len(chosen) == 1 else f"Restore {len(chosen)} items"
        self.actions.run(label, lambda: [trash.restore(item) for item in chosen])

    def empty_trash(self) -> None:
        answer = QMessageBox.question(
            self,
            "Empty trash",
            f"Delete the {self.table.rowCount()} items in the trash for good? "
            "You can still undo this with Ctrl+Z until you close WinWin.",
        )
        if answer == QMessageBox.Yes:
            self.actions.run("Empty the trash", trash.empty_trash)
