"""The people list: an item model over ``PersonSummary`` rows, sorted and filtered."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import (
    QAbstractItemModel,
    QAbstractTableModel,
    QModelIndex,
    QModelRoleDataSpan,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtGui import QColor, QFont

from winwin_desktop.analytics import NEW, STATUSES, PersonBalance, StatusRules, window_abbreviation
from winwin_desktop.charts.palette import STATUS_COLOUR
from winwin_desktop.journal.people import PersonSummary
from winwin_desktop.text import fold
from winwin_desktop.ui import theme
from winwin_desktop.ui.dates import human_date

NAME, STATUS, ORGANISATION, TAGS, BALANCE, LAST_CONTACT = range(6)
# The balance is over the review window that decides the status (the journal's setting,
# said in its header: "Balance (12 mo)"), so the two columns never contradict each other.
HEADERS = ("Name", "Status", "Organisation", "Tags", "Balance", "Last contact")
TOOLTIPS = (
    "The person's name",
    "Where the relationship stands over the review window:\n"
    "win-win — both sides gain; you give more — you are the one losing;\n"
    "you take more — they are the one losing; quiet — no exchange lately;\n"
    "new — too few exchanges to judge.",
    "Where they work",
    "Your labels for this person",
    "Points you gave minus points you received in the review window that decides the\n"
    "status: positive when you have given more, negative when you have received more.\n"
    "All-time figures are in each cell's tooltip.",
    "The date of your last interaction with them",
)

SORT_ROLE = Qt.UserRole + 1
ID_ROLE = Qt.UserRole + 2
Index = QModelIndex | QPersistentModelIndex


class PeopleModel(QAbstractTableModel):
    """The people in the list's sort order, filtered as you type.

    The model sorts and filters itself over plain Python lists: sorting 10,000 rows takes
    a few milliseconds and filtering them under one, where a ``QSortFilterProxyModel``
    would call back into Python for every row on each keystroke (and for each comparison
    when sorting). A change of filter is a layout change: the selection and the current
    row follow their people, and people filtered out leave them.
    """

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self._all: list[PersonSummary] = []  # everyone, in sort order
        # Per person in ``_all``: folded name, organisation and tags, made when the list
        # is first filtered by text (not before the window's first paint).
        self._haystacks: list[str] | None = []
        self._folded_names: dict[int, str] = {}
        self._shown: list[int] = []  # positions in ``_all`` of the rows, ascending
        self._rows: list[PersonSummary] = []  # the rows: ``_all`` at ``_shown``
        self._row_by_id: dict[int, int] | None = None  # made when first asked
        self._known: set[int] = set()
        self._balances: dict[int, PersonBalance] = {}
        self._sort_column = NAME
        self._sort_order = Qt.AscendingOrder
        self._words: list[str] = []
        self._show_archived = True
        self._status: str | None = None
        self._window_days = StatusRules().window_days
        self._totals_known = True
        self._folded: dict[str, str] = {}  # text → fold(text), kept between reloads

    # the people -------------------------------------------------------------------------

    def set_people(
        self,
        rows: list[PersonSummary],
        balances: dict[int, PersonBalance] | None = None,
        totals_known: bool = True,
    ) -> None:
        """The people to list; with ``totals_known`` False, their names only (the start
        paints these while the totals are read): status, balance and last contact show
        "…", never a score not read yet."""
        self.beginResetModel()
        self._totals_known = totals_known
        self._balances = balances or {}
        # Organisations and tags repeat, and names come again at the next reload (the
        # start lists them twice): fold each text once.
        if len(self._folded) > 4 * len(rows) + 1000:
            self._folded.clear()
        fold_once = self._fold_once
        names = self._folded_names = {p.id: fold_once(p.name) for p in rows}
        self._all = self._sorted(rows, self._sort_column, self._sort_order, names)
        self._haystacks = None
        self._known = {p.id for p in self._all}
        self._apply_filter()
        self.endResetModel()

    def _fold_once(self, text: str) -> str:
        found = self._folded.get(text)
        if found is None:
            found = self._folded[text] = fold(text)
        return found

    def _text_haystacks(self) -> list[str]:
        if self._haystacks is None:
            names, fold_once = self._folded_names, self._fold_once
            self._haystacks = [
                f"{names[p.id]} {fold_once(p.organisation)} {fold_once(' '.join(p.tags))}"
                for p in self._all
            ]
        return self._haystacks

    def sort(self, column: int, order=Qt.AscendingOrder) -> None:
        if not 0 <= column < len(HEADERS):
            return
        self._sort_column, self._sort_order = column, order
        self._relayout(self._resort)

    def _resort(self) -> None:
        self._all = self._sorted(self._all, self._sort_column, self._sort_order, self._folded_names)
        self._haystacks = None  # in the new order when next needed

    def _sorted(
        self, rows, column: int, order, folded_names: dict[int, str] | None = None
    ) -> list[PersonSummary]:
        if column == STATUS:
            ranks = {status: rank for rank, status in enumerate(STATUSES)}
            key = lambda p: ranks[self._status_of(p.id)]  # noqa: E731
        elif column == BALANCE:
            key = lambda p: self._window_balance(p.id)  # noqa: E731
        elif column == NAME and folded_names is not None:
            key = lambda p: folded_names[p.id]  # noqa: E731
        else:
            key = lambda p: _sort_key(p, column)  # noqa: E731
        return sorted(rows, key=key, reverse=order == Qt.DescendingOrder)

    def set_window_days(self, window_days: int) -> None:
        """The review window the balances are over, named in the Balance header."""
        if window_days != self._window_days:
            self._window_days = window_days
            self.headerDataChanged.emit(Qt.Horizontal, BALANCE, BALANCE)

    def header(self, section: int) -> str:
        """A column's title as shown."""
        if section == BALANCE:
            return f"{HEADERS[BALANCE]} ({window_abbreviation(self._window_days)})"
        return HEADERS[section]

    # filtering --------------------------------------------------------------------------

    def set_text(self, text: str) -> None:
        """Show the people whose name, organisation or tags contain every word of
        ``text`` (accents and case ignored)."""
        words = fold(text).split()
        if words != self._words:
            self._relayout(lambda: setattr(self, "_words", words))

    def set_show_archived(self, show: bool) -> None:
        if show != self._show_archived:
            self._relayout(lambda: setattr(self, "_show_archived", show))

    def set_status(self, status: str | None) -> None:
        """Show only people with this win-win status (None: everyone)."""
        if status != self._status:
            self._relayout(lambda: setattr(self, "_status", status))

    def _apply_filter(self) -> None:
        shown = range(len(self._all))
        people = self._all
        if not self._show_archived:
            shown = [i for i in shown if not people[i].archived]
        if self._status is not None:
            shown = [i for i in shown if self._status_of(people[i].id) == self._status]
        haystacks = self._text_haystacks() if self._words else []
        for word in self._words:  # each word narrows the rows left by the one before
            shown = [i for i in shown if word in haystacks[i]]
        self._shown = list(shown)
        self._rows = [people[i] for i in self._shown]
        self._row_by_id = None

    def _relayout(self, change) -> None:
        """Apply ``change`` (to the order or the filter) as one layout change, moving the
        view's persistent indexes (selection, current row) to their people's new rows."""
        # Rows only: the header keeps its columns' widths without saving and restoring them.
        hint = QAbstractItemModel.LayoutChangeHint.VerticalSortHint
        self.layoutAboutToBeChanged[_LAYOUT_SIGNATURE].emit([], hint)
        persistent = self.persistentIndexList()
        before = [(self._rows[index.row()].id, index.column()) for index in persistent]
        change()
        self._apply_filter()
        moved = []
        for person_id, column in before:
            row = self.row_of(person_id)
            moved.append(self.index(row, column) if row >= 0 else QModelIndex())
        self.changePersistentIndexList(persistent, moved)
        self.layoutChanged[_LAYOUT_SIGNATURE].emit([], hint)

    # looking up -------------------------------------------------------------------------

    def person_at(self, row: int) -> PersonSummary:
        return self._rows[row]

    def row_of(self, person_id: int) -> int:
        """The row showing ``person_id``; -1 when they are filtered out or unknown."""
        if self._row_by_id is None:
            if len(self._rows) < 64:
                return next((row for row, p in enumerate(self._rows) if p.id == person_id), -1)
            self._row_by_id = {person.id: row for row, person in enumerate(self._rows)}
        return self._row_by_id.get(person_id, -1)

    def has_person(self, person_id: int) -> bool:
        """Whether ``person_id`` is in the list, shown or filtered out."""
        return person_id in self._known

    def person_count(self) -> int:
        """Everyone in the list, shown or filtered out."""
        return len(self._all)

    def status_at(self, row: int) -> str:
        return self._status_of(self._rows[row].id)

    def _window_balance(self, person_id: int) -> int:
        """Given minus received inside the review window."""
        found = self._balances.get(person_id)
        return found.given_window - found.received_window if found else 0

    def _status_of(self, person_id: int) -> str:
        found = self._balances.get(person_id)
        return found.status if found else NEW

    # the Qt model -----------------------------------------------------------------------

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 (Qt signature)
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(HEADERS)

    def headerData(self, section: int, orientation, role: int = Qt.DisplayRole):
        if orientation != Qt.Horizontal or not 0 <= section < len(HEADERS):
            return None
        if role == _DISPLAY:
            return self.header(section)
        if role == _TOOLTIP:
            return TOOLTIPS[section]
        if role == _ALIGNMENT and section == BALANCE:
            return _RIGHT
        return None

    def data(self, index: Index, role: int = Qt.DisplayRole):
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        return self._value(index.row(), index.column(), role)

    def multiData(self, index: Index, roles: QModelRoleDataSpan) -> None:
        """Every role a cell is painted with in one call (Qt's default asks :meth:`data`
        once per role, seven calls into Python for each cell on screen)."""
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return
        row, column = index.row(), index.column()
        for role_data in roles:
            value = self._value(row, column, role_data.role())
            # The view hands the same span from cell to cell: a role this cell does not
            # have must be cleared, or it paints with the previous cell's colour or font.
            if value is None:
                role_data.clearData()
            else:
                role_data.setData(value)

    def totals_known(self) -> bool:
        """False while the list names people whose totals are still being read."""
        return self._totals_known

    def _value(self, row: int, column: int, role: int):
        person = self._rows[row]
        if not self._totals_known and column in _TOTALS_COLUMNS:
            if role == _DISPLAY:
                return NOT_READ_YET
            if role == _ALIGNMENT:
                return _RIGHT if column == BALANCE else None
            return person.id if role == ID_ROLE else None
        if column == STATUS:
            return self._status_data(person, role)
        if role == _DISPLAY:
            if column == BALANCE:
                return signed(self._window_balance(person.id))
            return _display(person, column)
        if role == _FOREGROUND:
            balance = self._window_balance(person.id)
            if column == BALANCE and balance:
                return _colour(theme.given_colour() if balance > 0 else theme.received_colour())
            return _colour(ARCHIVED_COLOUR) if person.archived else None
        if role == _FONT:
            return _italic() if person.archived else None
        if role == _ALIGNMENT:
            return _RIGHT if column == BALANCE else None
        if role == SORT_ROLE:
            if column == BALANCE:
                return self._window_balance(person.id)
            return _sort_key(person, column)
        if role == ID_ROLE:
            return person.id
        if role == _TOOLTIP:
            if column == BALANCE:
                found = self._balances.get(person.id)
                given, received = (found.given_window, found.received_window) if found else (0, 0)
                return (
                    f"In the review window: you gave {given} points and received {received}.\n"
                    f"All time: you gave {person.given} and received {person.received} "
                    f"(balance {signed(person.balance)}) over {person.interactions} "
                    "interactions."
                )
            if column == NAME and person.archived:
                return "Archived"
            if column == LAST_CONTACT and person.last_contact:
                return person.last_contact.isoformat()
        return None

    def _status_data(self, person: PersonSummary, role: int):
        if role == _DISPLAY:
            return f"● {self._status_of(person.id)}"
        if role == _FOREGROUND:
            return _colour(STATUS_COLOUR[theme.current_theme()][self._status_of(person.id)])
        if role == SORT_ROLE:
            return STATUSES.index(self._status_of(person.id))
        if role == ID_ROLE:
            return person.id
        if role == _TOOLTIP:
            found = self._balances.get(person.id)
            return found.explanation if found else "No exchanges yet — too early to judge."
        return None


# Roles as plain ints: comparing an int with one of PySide's enum members costs
# microseconds, and the view asks for thousands of roles each time it paints.
_DISPLAY = int(Qt.DisplayRole)
_FOREGROUND = int(Qt.ForegroundRole)
_FONT = int(Qt.FontRole)
_ALIGNMENT = int(Qt.TextAlignmentRole)
_TOOLTIP = int(Qt.ToolTipRole)
_RIGHT = int(Qt.AlignRight | Qt.AlignVCenter)
ARCHIVED_COLOUR = "#8a9099"
# What a total not read yet shows (the window paints before the totals are read).
NOT_READ_YET = "…"
_TOTALS_COLUMNS = (STATUS, BALANCE, LAST_CONTACT)
# PySide's plain ``emit`` only knows the signals' overload without arguments.
_LAYOUT_SIGNATURE = "QList<QPersistentModelIndex>,QAbstractItemModel::LayoutChangeHint"
_ITALIC: list[QFont] = []
_COLOURS: dict[str, QColor] = {}


def _colour(name: str) -> QColor:
    """The colour ``name`` (``#rrggbb``), parsed once."""
    found = _COLOURS.get(name)
    if found is None:
        found = _COLOURS[name] = QColor(name)
    return found


def _italic() -> QFont:
    """The archived people's font, made once (after the application exists)."""
    if not _ITALIC:
        font = QFont()
        font.setItalic(True)
        _ITALIC.append(font)
    return _ITALIC[0]


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
        return human_date(person.last_contact) if person.last_contact else "never"
    return ""


def _sort_key(person: PersonSummary, column: int):
    if column == BALANCE:
        return person.balance
    if column == LAST_CONTACT:
        return (person.last_contact or dt.date.min).toordinal()
    return fold(_display(person, column))
