"""The Trash: deleted people, interactions and promises, restorable until emptied."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from winwin_desktop.journal import trash
from winwin_desktop.ui.undo import Actions
from winwin_desktop.ui.widgets import EmptyState, heading, muted

ITEM_ROLE = Qt.UserRole + 1
KIND_LABELS = {trash.PERSON: "Person", trash.INTERACTION: "Interaction", trash.PROMISE: "Promise"}


def deleted_when(
    deleted_at: dt.datetime, now: dt.datetime | None = None, tz: dt.tzinfo | None = None
) -> str:
    """When something was deleted, in local time: "today 21:01", "yesterday 09:12" or
    "2026-11-20 14:03". ``deleted_at`` is naive UTC, as the journal stores it; ``now``
    (aware) and ``tz`` (default: the computer's) are for tests."""
    local = deleted_at.replace(tzinfo=dt.UTC).astimezone(tz)
    today = (now or dt.datetime.now(dt.UTC)).astimezone(tz).date()
    if local.date() == today:
        return f"today {local:%H:%M}"
    if local.date() == today - dt.timedelta(days=1):
        return f"yesterday {local:%H:%M}"
    return f"{local:%Y-%m-%d %H:%M}"


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
        self.list = QListWidget()
        self.list.setSelectionMode(QAbstractItemView.ExtendedSelection)
        self.list.itemActivated.connect(lambda _item: self.restore_selected())
        self.empty = EmptyState(
            "The trash is empty",
            "Things you delete land here first, so nothing is lost by accident.",
        )
        self.stack = QStackedWidget()
        self.stack.addWidget(self.list)
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
        self.list.clear()
        items = trash.trash_items()
        for item in items:
            kind = KIND_LABELS.get(item.kind, item.kind.capitalize())
            row = QListWidgetItem(
                f"{kind}: {item.label}   — deleted {deleted_when(item.deleted_at)}"
            )
            row.setData(ITEM_ROLE, item)
            self.list.addItem(row)
        self.stack.setCurrentWidget(self.list if items else self.empty)
        self.restore_button.setEnabled(bool(items))
        self.empty_button.setEnabled(bool(items))
        if items:
            self.list.setCurrentRow(0)

    def restore_selected(self) -> None:
        chosen = [row.data(ITEM_ROLE) for row in self.list.selectedItems()]
        if not chosen:
            return
        label = f"Restore {chosen[0].label}" if len(chosen) == 1 else f"Restore {len(chosen)} items"
        self.actions.run(label, lambda: [trash.restore(item) for item in chosen])

    def empty_trash(self) -> None:
        answer = QMessageBox.question(
            self,
            "Empty trash",
            f"Delete the {self.list.count()} items in the trash for good? "
            "You can still undo this with Ctrl+Z until you close WinWin.",
        )
        if answer == QMessageBox.Yes:
            self.actions.run("Empty the trash", trash.empty_trash)
