"""The person page's promises, both ways: add, edit, keep (with the exchange), drop,
reopen, delete, and open the interaction each came from."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QBrush, QColor, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QHBoxLayout,
    QHeaderView,
    QMenu,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from winwin_desktop.analytics.attention import DROPPED, I_OWE, OPEN, PromiseInfo, due_phrase
from winwin_desktop.journal import ValidationError, promises
from winwin_desktop.journal.promises import PromiseSource
from winwin_desktop.ui import theme
from winwin_desktop.ui.dates import human_date, short_date
from winwin_desktop.ui.promise_dialogs import AddPromiseDialog, KeepPromiseDialog
from winwin_desktop.ui.undo import Actions
from winwin_desktop.ui.widgets import EmptyState, LoadsWhenShown, muted

ID_ROLE = Qt.UserRole + 1
WHO, WHAT, DUE, STATUS, FROM, ACTION = range(6)
TREE_TIP = (
    "Enter: mark kept · F2 or double-click: edit · Delete: move to the Trash · "
    "right-click for everything else"
)


def source_text(source: PromiseSource | None) -> str:
    """Where a promise was made: "Wed 4 Mar · Lunch", "(in the Trash)" when it is."""
    if source is None:
        return "—"
    return f"{short_date(source.date)} · {source.title}" + (
        " (in the Trash)" if source.deleted else ""
    )


class PromisesTab(LoadsWhenShown, QWidget):
    """One person's promises; read when the tab is on screen (like the Balance and Brief
    tabs), so that opening someone with many promises does not wait for them."""

    open_interaction = Signal(int)  # the interaction a promise came from

    def __init__(self, actions: Actions, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.actions = actions
        self.person_id: int | None = None
        self.person_name = ""
        self._promises: dict[int, PromiseInfo] = {}
        self._sources: dict[int, PromiseSource] = {}
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 6, 0, 0)
        self.tree = QTreeWidget()
        self.tree.setHeaderLabels(["Who owes", "What", "Due", "Status", "From", ""])
        self.tree.setRootIsDecorated(False)
        self.tree.setAlternatingRowColors(True)
        self.tree.setToolTip(TREE_TIP)
        self.tree.setContextMenuPolicy(Qt.CustomContextMenu)
        self.tree.customContextMenuRequested.connect(self._menu)
        header = self.tree.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(WHAT, QHeaderView.Stretch)
        for column in (WHO, DUE, STATUS):
            header.setSectionResizeMode(column, QHeaderView.ResizeToContents)
        header.setSectionResizeMode(FROM, QHeaderView.Stretch)  # shares the room with What
        # Each row's one main action (Kept… or Reopen) has a button of its own.
        header.setSectionResizeMode(ACTION, QHeaderView.Fixed)
        header.resizeSection(ACTION, self.fontMetrics().horizontalAdvance("Reopen") + 40)
        self.tree.itemDoubleClicked.connect(self._double_clicked)
        for keys, slot in (
            (QKeySequence(Qt.Key_Return), self.keep_selected),
            (QKeySequence(Qt.Key_Enter), self.keep_selected),
            (QKeySequence(Qt.Key_F2), self.edit_selected),
            (QKeySequence.Delete, self.delete_selected),
        ):
            QShortcut(keys, self.tree, slot, context=Qt.WidgetShortcut)
        self.empty = EmptyState(
            "No promises yet",
            "Note what you promised them and what they promised you; due ones show on Today.",
        )
        layout.addWidget(self.tree, 1)
        layout.addWidget(self.empty, 1)
        self.note = muted()
        self.note.hide()
        self._note_timer = QTimer(self, singleShot=True, interval=10_000)
        self._note_timer.timeout.connect(self.note.hide)
        layout.addWidget(self.note)
        # One button here; each promise's main action is on its row, the rest in its
        # right-click menu (seven buttons, most of them disabled, read as clutter).
        row = QHBoxLayout()
        self.add_button = QPushButton("+ Promise…")
        self.add_button.setToolTip("Note something you promised them, or they promised you")
        self.add_button.clicked.connect(self.add)
        row.addWidget(self.add_button)
        self.menu_hint = muted("Right-click a promise to edit, drop, open or delete it.")
        row.addWidget(self.menu_hint, 1)
        layout.addLayout(row)

    def show_person(self, person_id: int, name: str) -> None:
        """Show ``person_id``'s promises now if the tab is on screen, else when it appears."""
        self.person_id, self.person_name = person_id, name
        self.load_when_shown()

    def _load(self) -> None:
        self._stale = False
        person_id = self.person_id
        today = dt.date.today()
        selected = self.selected()
        self.tree.clear()
        self._promises = {}
        alarm = QBrush(QColor(theme.alarm_colour()))
        found = promises.promises(person_id)
        self._sources = promises.promise_sources(found)
        for promise in found:
            self._promises[promise.id] = promise
            who = "I owe" if promise.owed_by == I_OWE else "They owe"
            due = human_date(promise.due) if promise.due else "—"
            status = promise.status
            if promise.status == OPEN and promise.due:
                status = f"open{due_phrase(promise.due, today)}"
            source = self._sources.get(promise.id)
            item = QTreeWidgetItem([who, promise.text, due, status, source_text(source)])
            item.setData(0, ID_ROLE, promise.id)
            item.setToolTip(WHAT, promise.text)
            if promise.due:
                item.setToolTip(DUE, promise.due.isoformat())
            item.setToolTip(
                FROM,
                f"Made in “{source.title}” on {source.date.isoformat()} — double-click to open it"
                if source and not source.deleted
                else (
                    "The interaction it was made in is in the Trash"
                    if source
                    else "Not made in a logged interaction"
                ),
            )
            if promise.is_overdue(today):
                item.setForeground(STATUS, alarm)
            if promise.status != OPEN:
                for column in range(self.tree.columnCount()):
                    item.setForeground(column, QBrush(QColor("#8a9099")))
            self.tree.addTopLevelItem(item)
            self.tree.setItemWidget(item, ACTION, self._row_button(promise))
            if selected and promise.id == selected.id:
                self.tree.setCurrentItem(item)
        has = bool(self._promises)
        self.tree.setVisible(has)
        self.empty.setVisible(not has)
        self.menu_hint.setVisible(has)

    def _row_button(self, promise: PromiseInfo) -> QPushButton:
        """The row's main action: Kept… while open, else Reopen."""
        is_open = promise.status == OPEN
        button = QPushButton("Kept…" if is_open else "Reopen")
        button.setToolTip(
            "Mark kept, and record what was given or received (Enter)"
            if is_open
            else "Make it open again"
        )
        button.clicked.connect(lambda: self._row_action(promise.id))
        return button

    def row_button(self, row: int) -> QPushButton:
        return self.tree.itemWidget(self.tree.topLevelItem(row), ACTION)

    def _row_action(self, promise_id: int) -> None:
        for i in range(self.tree.topLevelItemCount()):
            if self.tree.topLevelItem(i).data(0, ID_ROLE) == promise_id:
                self.tree.setCurrentItem(self.tree.topLevelItem(i))
        if self.selected().status == OPEN:
            self.keep_selected()
        else:
            self._set_status(OPEN)

    def selected(self) -> PromiseInfo | None:
        item = self.tree.currentItem()
        return self._promises.get(item.data(0, ID_ROLE)) if item else None

    def selected_source(self) -> PromiseSource | None:
        promise = self.selected()
        source = self._sources.get(promise.id) if promise else None
        return source if source is not None and not source.deleted else None

    def _double_clicked(self, item: QTreeWidgetItem, column: int) -> None:
        self.tree.setCurrentItem(item)
        if column == FROM and self.selected_source() is not None:
            self.open_selected_source()
        else:
            self.edit_selected()

    def _menu(self, pos) -> None:
        item = self.tree.itemAt(pos)
        if item is None:
            return
        self.tree.setCurrentItem(item)
        self.menu().popup(self.tree.viewport().mapToGlobal(pos))

    def menu(self) -> QMenu:
        """Everything that can be done with the selected promise."""
        promise = self.selected()
        menu = QMenu(self)
        menu.addAction("Edit…\tF2", self.edit_selected)
        if promise.status == OPEN:
            menu.addAction("Kept…\tEnter", self.keep_selected)
            menu.addAction("Dropped", lambda: self._set_status(DROPPED))
        else:
            menu.addAction("Reopen", lambda: self._set_status(OPEN))
        if self.selected_source() is not None:
            menu.addAction("Open the interaction it came from", self.open_selected_source)
        menu.addSeparator()
        menu.addAction("Move to Trash\tDelete", self.delete_selected)
        return menu

    def add(self) -> AddPromiseDialog:
        dialog = AddPromiseDialog(self.actions, self.person_id, self.person_name, self)
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()
        return dialog

    def edit_selected(self) -> AddPromiseDialog | None:
        promise = self.selected()
        if promise is None:
            return None
        dialog = AddPromiseDialog(
            self.actions, self.person_id, self.person_name, self, promise=promise
        )
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()
        return dialog

    def delete_selected(self) -> None:
        promise = self.selected()
        if promise is None:
            return
        below = self.tree.itemBelow(self.tree.currentItem()) or self.tree.itemAbove(
            self.tree.currentItem()
        )
        next_id = below.data(0, ID_ROLE) if below else None
        try:
            self.actions.run(
                f"Delete promise: {promise.text}", lambda: promises.delete_promise(promise.id)
            )
        except ValidationError as error:  # deleted meanwhile, from the command line say
            self._say(error.message)
            return
        for i in range(self.tree.topLevelItemCount()):  # keep the keyboard on the list
            if self.tree.topLevelItem(i).data(0, ID_ROLE) == next_id:
                self.tree.setCurrentItem(self.tree.topLevelItem(i))
        self._say(f"“{promise.text}” is in the Trash. Ctrl+Z brings it back.")

    def open_selected_source(self) -> None:
        source = self.selected_source()
        if source is not None:
            self.open_interaction.emit(source.interaction_id)

    def _say(self, text: str) -> None:
        self.note.setText(text)
        self.note.show()
        self._note_timer.start()

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
