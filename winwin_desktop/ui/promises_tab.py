"""The person page's promises, both ways: add, keep (with the exchange), drop, reopen."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QHBoxLayout,
    QHeaderView,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from winwin_desktop.analytics.attention import DROPPED, I_OWE, OPEN, PromiseInfo, due_phrase
from winwin_desktop.journal import promises
from winwin_desktop.ui import theme
from winwin_desktop.ui.promise_dialogs import AddPromiseDialog, KeepPromiseDialog
from winwin_desktop.ui.undo import Actions
from winwin_desktop.ui.widgets import EmptyState

ID_ROLE = Qt.UserRole + 1


class PromisesTab(QWidget):
    def __init__(self, actions: Actions, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.actions = actions
        self.person_id: int | None = None
        self.person_name = ""
        self._promises: dict[int, PromiseInfo] = {}
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 6, 0, 0)
        self.tree = QTreeWidget()
        self.tree.setHeaderLabels(["Who owes", "What", "Due", "Status"])
        self.tree.setRootIsDecorated(False)
        self.tree.setAlternatingRowColors(True)
        header = self.tree.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(1, QHeaderView.Stretch)
        for column in (0, 2, 3):
            header.setSectionResizeMode(column, QHeaderView.ResizeToContents)
        self.tree.currentItemChanged.connect(lambda *_: self._update_buttons())
        self.tree.itemActivated.connect(lambda _item: self.keep_selected())
        self.empty = EmptyState(
            "No promises yet",
            "Note what you promised them and what they promised you; due ones show on Today.",
        )
        layout.addWidget(self.tree, 1)
        layout.addWidget(self.empty, 1)
        row = QHBoxLayout()
        self.add_button = QPushButton("+ Promise…")
        self.add_button.clicked.connect(self.add)
        self.kept_button = QPushButton("Kept…")
        self.kept_button.setToolTip("Mark kept, and record what was given or received (Enter)")
        self.kept_button.clicked.connect(self.keep_selected)
        self.drop_button = QPushButton("Dropped")
        self.drop_button.setToolTip("It will not happen; keep it for the record")
        self.drop_button.clicked.connect(lambda: self._set_status(DROPPED))
        self.reopen_button = QPushButton("Reopen")
        self.reopen_button.clicked.connect(lambda: self._set_status(OPEN))
        row.addWidget(self.add_button)
        row.addStretch(1)
        for button in (self.kept_button, self.drop_button, self.reopen_button):
            row.addWidget(button)
        layout.addLayout(row)

    def show_person(self, person_id: int, name: str) -> None:
        self.person_id, self.person_name = person_id, name
        today = dt.date.today()
        selected = self.selected()
        self.tree.clear()
        self._promises = {}
        alarm = QBrush(QColor("#ff8a80" if theme.current_theme() == theme.DARK else "#b3261e"))
        for promise in promises.promises(person_id):
            self._promises[promise.id] = promise
            who = "I owe" if promise.owed_by == I_OWE else "They owe"
            due = promise.due.isoformat() if promise.due else "—"
            status = promise.status
            if promise.status == OPEN and promise.due:
                status = f"open{due_phrase(promise.due, today)}"
            item = QTreeWidgetItem([who, promise.text, due, status])
            item.setData(0, ID_ROLE, promise.id)
            if promise.is_overdue(today):
                item.setForeground(3, alarm)
            if promise.status != OPEN:
                for column in range(4):
                    item.setForeground(column, QBrush(QColor("#8a9099")))
            self.tree.addTopLevelItem(item)
            if selected and promise.id == selected.id:
                self.tree.setCurrentItem(item)
        has = bool(self._promises)
        self.tree.setVisible(has)
        self.empty.setVisible(not has)
        self._update_buttons()

    def selected(self) -> PromiseInfo | None:
        item = self.tree.currentItem()
        return self._promises.get(item.data(0, ID_ROLE)) if item else None

    def _update_buttons(self) -> None:
        promise = self.selected()
        is_open = promise is not None and promise.status == OPEN
        self.kept_button.setEnabled(is_open)
        self.drop_button.setEnabled(is_open)
        self.reopen_button.setEnabled(promise is not None and not is_open)

    def add(self) -> AddPromiseDialog:
        dialog = AddPromiseDialog(self.actions, self.person_id, self.person_name, self)
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()
        return dialog

    def keep_selected(self) -> KeepPromiseDialog | None:
        promise = self.selected()
        if promise is None or promise.status != OPEN:
            return None
        dialog = KeepPromiseDialog(self.actions, promise, self)
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()
        return dialog

    def _set_status(self, status: str) -> None:
        promise = self.selected()
        if promise is not None:
            self.actions.run(f"Promise {status}", lambda: promises.set_status(promise.id, status))
