"""A two-level tree of named groups and their items, in a Python item model.

Python models are used rather than ``QTreeWidget`` because PySide 6.12's tree items leak
references to ``None`` (see pyproject.toml). Subclasses fill ``groups`` with
``(name, items)`` pairs and give ``columnCount`` and ``data``.
"""

from __future__ import annotations

from PySide6.QtCore import QAbstractItemModel, QModelIndex

ROOT = QModelIndex()  # the invisible root of the tree


class GroupedModel(QAbstractItemModel):
    # The internal id is 0 for a group row, and 1 + the group's row for an item row.

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.groups: list[tuple[str, list]] = []

    def index(self, row: int, column: int, parent: QModelIndex = ROOT) -> QModelIndex:
        if not self.hasIndex(row, column, parent):
            return QModelIndex()
        return self.createIndex(row, column, parent.row() + 1 if parent.isValid() else 0)

    def parent(self, index: QModelIndex = ROOT) -> QModelIndex:
        if not index.isValid() or index.internalId() == 0:
            return QModelIndex()
        return self.createIndex(index.internalId() - 1, 0, 0)

    def rowCount(self, parent: QModelIndex = ROOT) -> int:
        if not parent.isValid():
            return len(self.groups)
        if parent.internalId() == 0 and parent.column() == 0:
            return len(self.groups[parent.row()][1])
        return 0
