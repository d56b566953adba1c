"""The people list: an item model over ``PersonSummary`` rows and a filter proxy."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
)
from PySide6.QtGui import QColor, QFont

from winwin_desktop.analytics import NEW, STATUSES, PersonBalance
from winwin_desktop.charts.palette import STATUS_COLOUR
from winwin_desktop.journal.people import PersonSummary
from winwin_desktop.journal.validate import fold
from winwin_desktop.ui import theme

NAME, STATUS, ORGANISATION, TAGS, BALANCE, LAST_CONTACT = range(6)
HEADERS = ("Name", "Status", "Organisation", "Tags", "Balance", "Last contact")
TOOLTIPS = (
    "The person's name",
    "Where the relationship stands over the review window:\n"
    "win-win — both sides gain; you give more — you are the one losing;\n"
    "you take more — they are the one losing; quiet — no exchange lately;\n"
    "new — too few exchanges to judge.",
    "Where they work",
    "Your labels for this person",
    "Points you gave minus points you received, over all time:\n"
    "positive when you have given more, negative when you have received more.",
    "The date of your last interaction with them",
)

SORT_ROLE = Qt.UserRole + 1
ID_ROLE = Qt.UserRole + 2
Index = QModelIndex | QPersistentModelIndex


class PeopleModel(QAbstractTableModel):
    """The people, kept in the list's sort order: sorting 10,000 rows in Python takes a few
    milliseconds, where the proxy's own sort would ask :meth:`data` for each comparison."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self._rows: list[PersonSummary] = []
        self._haystacks: list[str] = []
        self._balances: dict[int, PersonBalance] = {}
        self._sort_column = NAME
        self._sort_order = Qt.AscendingOrder

    def set_people(
        self, rows: list[PersonSummary], balances: dict[int, PersonBalance] | None = None
    ) -> None:
        self.beginResetModel()
        self._balances = balances or {}
        self._rows = self._sorted(rows, self._sort_column, self._sort_order)
        self._haystacks = [
            fold(" ".join((p.name, p.organisation, " ".join(p.tags)))) for p in self._rows
        ]
        self.endResetModel()

    def sort(self, column: int, order=Qt.AscendingOrder) -> None:
        if not 0 <= column < len(HEADERS):
            return
        self._sort_column, self._sort_order = column, order
        self.layoutAboutToBeChanged.emit()
        haystacks = {
            person.id: text for person, text in zip(self._rows, self._haystacks, strict=True)
        }
        old_rows = {person.id: row for row, person in enumerate(self._rows)}
        self._rows = self._sorted(self._rows, column, order)
        self._haystacks = [haystacks[person.id] for person in self._rows]
        moved = {old_rows[person.id]: row for row, person in enumerate(self._rows)}
        persistent = self.persistentIndexList()
        self.changePersistentIndexList(
            persistent,
            [self.index(moved[index.row()], index.column()) for index in persistent],
        )
        self.layoutChanged.emit()

    def _sorted(self, rows, column: int, order) -> list[PersonSummary]:
        if column == STATUS:
            ranks = {status: rank for rank, status in enumerate(STATUSES)}
            key = lambda p: ranks[self._status_of(p.id)]  # noqa: E731
        else:
            key = lambda p: _sort_key(p, column)  # noqa: E731
        return sorted(rows, key=key, reverse=order == Qt.DescendingOrder)

    def _status_of(self, person_id: int) -> str:
        found = self._balances.get(person_id)
        return found.status if found else NEW

    def person_at(self, row: int) -> PersonSummary:
        return self._rows[row]

    def row_of(self, person_id: int) -> int:
        for row, person in enumerate(self._rows):
            if person.id == person_id:
                return row
        return -1

    def haystack(self, row: int) -> str:
        return self._haystacks[row]

    def status_at(self, row: int) -> str:
        return self._status_of(self._rows[row].id)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 (Qt signature)
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(HEADERS)

    def headerData(self, section: int, orientation, role: int = Qt.DisplayRole):
        if orientation != Qt.Horizontal or not 0 <= section < len(HEADERS):
            return None
        if role == Qt.DisplayRole:
            return HEADERS[section]
        if role == Qt.ToolTipRole:
            return TOOLTIPS[section]
        if role == Qt.TextAlignmentRole and section == BALANCE:
            return int(Qt.AlignRight | Qt.AlignVCenter)
        return None

    def data(self, index: Index, role: int = Qt.DisplayRole):
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        person = self._rows[index.row()]
        column = index.column()
        if column == STATUS:
            return self._status_data(index.row(), role)
        if role == Qt.DisplayRole:
            return _display(person, column)
        if role == SORT_ROLE:
            return _sort_key(person, column)
        if role == ID_ROLE:
            return person.id
        if role == Qt.ToolTipRole:
            if column == BALANCE:
                return (
                    f"You gave {person.given} points and received {person.received} "
                    f"over {person.interactions} interactions."
                )
            if column == NAME and person.archived:
                return "Archived"
            return None
        if role == Qt.TextAlignmentRole and column == BALANCE:
            return int(Qt.AlignRight | Qt.AlignVCenter)
        if role == Qt.ForegroundRole:
            if column == BALANCE and person.balance:
                return QColor(
                    theme.given_colour() if person.balance > 0 else theme.received_colour()
                )
            if person.archived:
                return QColor("#8a9099")
        if role == Qt.FontRole and person.archived:
            font = QFont()
            font.setItalic(True)
            return font
        return None

    def _status_data(self, row: int, role: int):
        status = self.status_at(row)
        if role == Qt.DisplayRole:
            return f"● {status}"
        if role == SORT_ROLE:
            return STATUSES.index(status)
        if role == ID_ROLE:
            return self._rows[row].id
        if role == Qt.ForegroundRole:
            return QColor(STATUS_COLOUR[theme.current_theme()][status])
        if role == Qt.ToolTipRole:
            found = self._balances.get(self._rows[row].id)
            return found.explanation if found else "No exchanges yet — too early to judge."
        return None


def signed(value: int) -> str:
    return f"+{value}" if value > 0 else ("0" if value == 0 else f"−{-value}")


def _display(person: PersonSummary, column: int) -> str:
    if column == NAME:
        return person.name
    if column == ORGANISATION:
        return person.organisation
    if column == TAGS:
        return ", ".join(person.tags)
    if column == BALANCE:
        return signed(person.balance)
    if column == LAST_CONTACT:
        return person.last_contact.isoformat() if person.last_contact else "never"
    return ""


def _sort_key(person: PersonSummary, column: int):
    if column == BALANCE:
        return person.balance
    if column == LAST_CONTACT:
        return (person.last_contact or dt.date.min).toordinal()
    return fold(_display(person, column))


class PeopleFilter(QSortFilterProxyModel):
    """Filters as you type over name, organisation and tags (accents and case ignored).

    Sorting is the source model's (see :class:`PeopleModel`); this proxy only filters.
    """

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self._words: list[str] = []
        self._show_archived = True
        self._status: str | None = None
        self.setSortRole(SORT_ROLE)
        self.setDynamicSortFilter(True)

    def sort(self, column: int, order=Qt.AscendingOrder) -> None:
        self.sourceModel().sort(column, order)

    def set_text(self, text: str) -> None:
        self.beginFilterChange()
        self._words = fold(text).split()
        self.endFilterChange()

    def set_show_archived(self, show: bool) -> None:
        self.beginFilterChange()
        self._show_archived = show
        self.endFilterChange()

    def set_status(self, status: str | None) -> None:
        """Show only people with this win-win status (None: everyone)."""
        self.beginFilterChange()
        self._status = status
        self.endFilterChange()

    def filterAcceptsRow(self, source_row: int, source_parent: Index) -> bool:
        model = self.sourceModel()
        if not self._show_archived and model.person_at(source_row).archived:
            return False
        if self._status is not None and model.status_at(source_row) != self._status:
            return False
        haystack = model.haystack(source_row)
        return all(word in haystack for word in self._words)
