"""People: the filterable, sortable list beside the person page."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QByteArray, QItemSelectionModel, QModelIndex, QSettings, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLineEdit,
    QMenu,
    QPushButton,
    QSplitter,
    QStackedWidget,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from winwin_desktop.analytics import STATUSES, WIN_WIN
from winwin_desktop.journal import balance, people
from winwin_desktop.ui.elided_tips import ElidedTipDelegate, header_text_width
from winwin_desktop.ui.people_model import (
    BALANCE,
    HEADERS,
    ID_ROLE,
    LAST_CONTACT,
    NAME,
    ORGANISATION,
    STATUS,
    TAGS,
    PeopleModel,
)
from winwin_desktop.ui.undo import Actions
from winwin_desktop.ui.widgets import EmptyState

if TYPE_CHECKING:
    from winwin_desktop.ui.brief_tab import BriefDialog
    from winwin_desktop.ui.merge_dialog import MergeDialog
    from winwin_desktop.ui.new_person_dialog import NewPersonDialog
    from winwin_desktop.ui.person_view import PersonView

# Shown from the header's menu; hidden at first so the list stays narrow.
DEFAULT_HIDDEN = (ORGANISATION, TAGS, LAST_CONTACT)


class PeoplePage(QWidget):
    log_requested = Signal(int)
    edit_interaction_requested = Signal(int)
    reflection_requested = Signal(object)  # a date

    def __init__(self, actions: Actions, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.actions = actions
        self.model = PeopleModel(self)

        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(8, 8, 4, 8)
        self.filter = QLineEdit()
        self.filter.setPlaceholderText("Filter people…  (Ctrl+L)")
        self.filter.setClearButtonEnabled(True)
        self.filter.setToolTip(
            "Matches names, organisations and tags; accents and case are ignored."
        )
        self.filter.textChanged.connect(self._filter_changed)
        self.status_filter = QComboBox()
        self.status_filter.addItem("Everyone", None)
        for status in STATUSES:
            self.status_filter.addItem(
                status.capitalize() if status != WIN_WIN else "Win-win", status
            )
        self.status_filter.setToolTip("Show only people whose relationship has this status")
        self.status_filter.currentIndexChanged.connect(
            lambda: self._filters_changed(self.model.set_status, self.status_filter.currentData())
        )
        filters = QHBoxLayout()
        filters.addWidget(self.filter, 1)
        filters.addWidget(self.status_filter)
        left_layout.addLayout(filters)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(NAME, Qt.AscendingOrder)
        self.table.setSelectionBehavior(QAbstractItemView.SelectRows)
        # Several people can be selected, for a meeting brief or a merge.
        self.table.setSelectionMode(QAbstractItemView.ExtendedSelection)
        self.table.setContextMenuPolicy(Qt.CustomContextMenu)
        self.table.customContextMenuRequested.connect(self._table_menu)
        self.table.setEditTriggers(QAbstractItemView.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setDefaultSectionSize(26)
        self.table.setShowGrid(False)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        self.table.setItemDelegate(ElidedTipDelegate(self.table))
        header = self.table.horizontalHeader()
        header.setDefaultAlignment(Qt.AlignLeft | Qt.AlignVCenter)
        header.setSectionResizeMode(QHeaderView.Interactive)
        header.setSectionResizeMode(NAME, QHeaderView.Stretch)
        header.setStretchLastSection(False)
        header.setContextMenuPolicy(Qt.CustomContextMenu)
        header.customContextMenuRequested.connect(self._header_menu)
        # Narrow, as in Contacts: the name takes what is left; the rest have their width,
        # never less than their title's, and some are hidden until chosen in the header's
        # menu (right-click), to leave the person page the room.
        metrics = self.table.fontMetrics()
        for column, sample in (
            (STATUS, "● you take more"),
            (ORGANISATION, "Lumière Analytics"),
            (TAGS, "client, investor"),
            (BALANCE, "−999"),
            (LAST_CONTACT, "Wed 30 Sep 2026"),
        ):
            width = max(metrics.horizontalAdvance(sample) + 16, header_text_width(header, column))
            self.table.setColumnWidth(column, width)
        header.setMinimumSectionSize(40)
        for column in DEFAULT_HIDDEN:
            header.hideSection(column)
        self.table.selectionModel().currentRowChanged.connect(self._current_changed)
        self.table.doubleClicked.connect(
            lambda: self.person_view.tabs.setCurrentWidget(self.person_view.profile_page)
        )
        left_layout.addWidget(self.table, 1)
        row = QHBoxLayout()
        self.show_archived = QCheckBox("Show archived")
        self.show_archived.setChecked(True)
        self.show_archived.toggled.connect(
            lambda show: self._filters_changed(self.model.set_show_archived, show)
        )
        self.new_button = QPushButton("+ New person")
        self.new_button.setToolTip("Add a person (Ctrl+Shift+N)")
        self.new_button.clicked.connect(self.new_person)
        row.addWidget(self.show_archived)
        row.addStretch(1)
        row.addWidget(self.new_button)
        left_layout.addLayout(row)

        # The person page is built the first time someone is shown: at start, once the
        # window has painted (until then its place holds a quiet, empty pane).
        self._person_view: PersonView | None = None
        self._paint_first = False
        self._shown_at_start: int | None = None
        self.waiting = QWidget()
        self.waiting.setAccessibleName("Opening the person…")
        self.no_selection = EmptyState(
            "No one selected", "Pick someone on the left to see your history together."
        )
        self.no_people = EmptyState(
            "Your journal is empty",
            "Add the people you work with, then log what you give and receive in each "
            "meeting, call or message. WinWin keeps score so both sides keep winning.",
            "Add your first person…",
            self.new_person,
        )
        self.right = QStackedWidget()
        for widget in (self.waiting, self.no_selection, self.no_people):
            self.right.addWidget(widget)

        self.splitter = QSplitter()
        self.splitter.addWidget(left)
        self.splitter.addWidget(self.right)
        self.splitter.setStretchFactor(0, 0)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setChildrenCollapsible(False)
        left.setMinimumWidth(300)
        # The list narrow and the person wide, as in Contacts (the window scales these).
        self.splitter.setSizes([420, 760])
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.splitter)

    @property
    def person_view(self) -> PersonView:
        """The person page, built when first needed."""
        if self._person_view is None:
            from winwin_desktop.ui.person_view import PersonView

            view = self._person_view = PersonView(self.actions)
            view.log_requested.connect(self.log_requested)
            view.edit_interaction_requested.connect(self.edit_interaction_requested)
            view.reflection_requested.connect(self.reflection_requested)
            self.right.insertWidget(0, view)
        return self._person_view

    # state ------------------------------------------------------------------------------

    def save_state(self, settings: QSettings) -> None:
        """Remember the splitter and the list's columns (the main window calls this)."""
        settings.setValue("people_splitter", self.splitter.saveState())
        settings.setValue("people_columns", self.table.horizontalHeader().saveState())

    def restore_state(self, settings: QSettings) -> None:
        splitter = settings.value("people_splitter")
        if isinstance(splitter, QByteArray):
            self.splitter.restoreState(splitter)
        columns = settings.value("people_columns")
        if isinstance(columns, QByteArray):
            header = self.table.horizontalHeader()
            header.restoreState(columns)
            header.setSectionHidden(NAME, False)  # the name is always there

    def columns_menu(self) -> QMenu:
        """Which columns the list shows (the name always)."""
        header = self.table.horizontalHeader()
        menu = QMenu(self)
        for column in range(len(HEADERS)):
            if column == NAME:
                continue
            action = menu.addAction(self.model.header(column))
            action.setCheckable(True)
            action.setChecked(not header.isSectionHidden(column))
            action.toggled.connect(lambda shown, c=column: header.setSectionHidden(c, not shown))
        return menu

    def _header_menu(self, pos) -> None:
        header = self.table.horizontalHeader()
        self.columns_menu().exec(header.mapToGlobal(pos))

    # data -------------------------------------------------------------------------------

    def reload(self, totals: bool = True) -> None:
        """Re-read the people and the shown person, keeping the selection. Without
        ``totals`` (the start, to paint sooner) the list names everyone and shows "…"
        for the totals until the next reload; sorted by a total, it stays empty until
        then rather than reorder itself."""
        selected = self.current_person_id()
        # Without totals (the start), the person beside the list is shown at the next
        # reload too: the window paints without reading or laying them out.
        self._paint_first = not totals
        if totals:
            summaries, balances, rules = people.people_list_and_rules()
            self.model.set_window_days(rules.window_days)
            self.model.set_people(summaries, balances)
        else:
            header = self.table.horizontalHeader()
            sorted_by = header.sortIndicatorSection()
            if sorted_by not in (NAME, ORGANISATION, TAGS):
                return
            # The tags when on screen or sorted by (the filter has them with the totals).
            with_tags = sorted_by == TAGS or not header.isSectionHidden(TAGS)
            self.model.set_window_days(balance.status_rules().window_days)
            self.model.set_people(
                people.people_without_totals(with_tags=with_tags), totals_known=False
            )
        if selected is not None and self.model.has_person(selected):
            self.select_person(selected)
        elif self.model.rowCount():
            # Nothing chosen yet (or the chosen one left): open the first in the list.
            self.table.selectRow(0)
        else:
            self._show(None)

    def finish_start(self) -> None:
        """After :meth:`reload` without totals: show the person beside the list (while
        the totals are read on another core, when they are), then the totals."""
        self._paint_first = False
        shown = self.current_person_id()
        if shown is not None:
            self._show(shown)
        self._shown_at_start = shown
        try:
            self.reload()
        finally:
            self._shown_at_start = None

    def selected_person_ids(self) -> list[int]:
        """The selected people in list order (the current one if nothing else is)."""
        rows = sorted(index.row() for index in self.table.selectionModel().selectedRows(NAME))
        ids = [self.model.person_at(row).id for row in rows]
        current = self.current_person_id()
        return ids or ([current] if current is not None else [])

    def brief_for_selection(self) -> BriefDialog | None:
        from winwin_desktop.ui.brief_tab import BriefDialog

        ids = self.selected_person_ids()
        if not ids:
            return None
        dialog = BriefDialog(ids, self)
        dialog.setAttribute(Qt.WA_DeleteOnClose)
        dialog.show()
        return dialog

    def merge_selection(self) -> MergeDialog | None:
        from winwin_desktop.ui.merge_dialog import MergeDialog

        ids = self.selected_person_ids()
        if not 1 <= len(ids) <= 2:
            return None
        dialog = MergeDialog(self.actions, ids[0], ids[1] if len(ids) == 2 else None, self)
        dialog.accepted.connect(lambda: self.select_person(dialog.kept_id))
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()
        return dialog

    def table_menu(self) -> QMenu | None:
        """The list's context menu for the selected people (None when nobody is)."""
        ids = self.selected_person_ids()
        if not ids:
            return None
        menu = QMenu(self)
        label = (
            "Brief for this person…" if len(ids) == 1 else f"Meeting brief for {len(ids)} people…"
        )
        menu.addAction(label, self.brief_for_selection)
        if len(ids) <= 2:
            merge = "Merge with…" if len(ids) == 1 else "Merge these two people…"
            menu.addAction(merge, self.merge_selection)
        return menu

    def _table_menu(self, pos) -> None:
        menu = self.table_menu()
        if menu is not None:
            menu.exec(self.table.viewport().mapToGlobal(pos))

    def current_person_id(self) -> int | None:
        index = self.table.currentIndex()
        return index.data(ID_ROLE) if index.isValid() else None

    def select_person(self, person_id: int) -> bool:
        if not self.model.has_person(person_id):
            return False
        row = self.model.row_of(person_id)
        if row < 0:  # hidden by the filter: clear it so the person shows
            self.filter.clear()
            row = self.model.row_of(person_id)
        index = self.model.index(row, NAME) if row >= 0 else QModelIndex()
        already_current = self.table.currentIndex().row() == index.row()
        self.table.selectionModel().setCurrentIndex(
            index, QItemSelectionModel.ClearAndSelect | QItemSelectionModel.Rows
        )
        self.table.scrollTo(index)
        if already_current:  # otherwise the current-row signal has just shown them
            self._show(person_id)
        return True

    def new_person(self) -> NewPersonDialog:
        typed = self.filter.text().strip() if not self.model.rowCount() else ""
        from winwin_desktop.ui.new_person_dialog import NewPersonDialog

        dialog = NewPersonDialog(self.actions, self, typed)
        dialog.accepted.connect(lambda: self.select_person(dialog.person_id))
        dialog.open()
        return dialog

    # reacting ---------------------------------------------------------------------------

    def _filter_changed(self, text: str) -> None:
        self._filters_changed(self.model.set_text, text)

    def _filters_changed(self, set_filter, value) -> None:
        """Filter the list; when the person shown is filtered out, show the first one
        left (or no one)."""
        set_filter(value)
        if self.table.currentIndex().isValid():
            return
        if self.model.rowCount():
            self.table.selectRow(0)
        elif self._person_view is not None and self._person_view.person is not None:
            self._show(None)

    def _current_changed(self, current, _previous) -> None:
        self._show(current.data(ID_ROLE) if current.isValid() else None)

    def _show(self, person_id: int | None) -> None:
        if person_id is None:
            if self._person_view is not None:
                self._person_view.show_person(None)
            self.right.setCurrentWidget(
                self.no_people if not self.model.person_count() else self.no_selection
            )
            return
        if self._paint_first:
            self.right.setCurrentWidget(self.waiting)
            return
        if person_id == self._shown_at_start:  # shown a moment ago, the list reloaded since
            self._shown_at_start = None
            return
        self.person_view.show_person(person_id)
        self.right.setCurrentWidget(self.person_view)
