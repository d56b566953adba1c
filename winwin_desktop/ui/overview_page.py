"""The Overview page: every relationship on one chart, grouped by status, and the trends.

Nothing is read or drawn until the page is on screen; the charts (and matplotlib) are
made the first time it is.
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QModelIndex, QSettings, Qt, QTimer, Signal
from PySide6.QtGui import QColor, QIcon, QPainter, QPixmap
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSplitter,
    QStackedWidget,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from winwin_desktop.analytics import (
    STATUSES,
    PersonBalance,
    StatusRules,
    describe_window,
    window_first_day,
)
from winwin_desktop.analytics.changes import StatusChange, biggest_changes
from winwin_desktop.charts.palette import status_colour
from winwin_desktop.journal import balance, interactions, people
from winwin_desktop.ui import theme
from winwin_desktop.ui.grouped_model import GroupedModel
from winwin_desktop.ui.splitters import restore_splitters, save_splitters
from winwin_desktop.ui.team_scope import overview_scope
from winwin_desktop.ui.widgets import EmptyState, heading, muted

ALL_TAGS = "All tags"
# The network chart shows at least this many days, even with a short review window.
_NETWORK_MIN_DAYS = 365
# Up to this many people, every status group opens by itself.
_UNFOLDED_PEOPLE = 200
_ROOT = QModelIndex()  # the invisible root of a tree model
# Names listed in a tooltip when several dots sit on the same spot.
_TOOLTIP_NAMES = 6
# The period switch: (button, days; None is the review window's, 0 everything).
PERIODS = (("3 months", 91), ("12 months", 365), ("All", 0))
# "Biggest changes" compares today with this many days ago.
CHANGES_DAYS = 30
_CHANGES_SHOWN = 6


class OverviewPage(QWidget):
    """Every person with exchanges: a scatter of given against received, the people
    grouped by status, value per category and the network's months."""

    person_activated = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.today = dt.date.today()
        self.rules = StatusRules()
        self.balances: dict[int, PersonBalance] = {}
        self.names: dict[int, str] = {}
        self.shown: dict[int, PersonBalance] = {}
        self._tagged: dict[str, set[int]] = {}
        self._stale = True
        # Shown without a reload() call: load on the next turn of the event loop, unless
        # a reload() right after showing (as the main window does) loads it first.
        self._load_when_shown = QTimer(self)
        self._load_when_shown.setSingleShot(True)
        self._load_when_shown.setInterval(0)
        self._load_when_shown.timeout.connect(self._load)
        self.scatter = self.categories = self.network = None  # charts, made on first show
        self.scatter_canvas = self.categories_canvas = self.network_canvas = None

        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 12, 16, 12)
        header = QHBoxLayout()
        header.addWidget(heading("Overview"))
        header.addStretch(1)
        # "Me / Team" on a team journal: what every figure below counts.
        self.scope = overview_scope(header, self)
        self.scope.changed.connect(self.reload)
        tag_label = QLabel("&Tag:")
        self.tag_filter = QComboBox()
        self.tag_filter.setMinimumContentsLength(14)
        self.tag_filter.setAccessibleName("Filter by tag")
        self.tag_filter.setToolTip("Show only the people with this tag")
        tag_label.setBuddy(self.tag_filter)
        self.tag_filter.addItem(ALL_TAGS)
        self.tag_filter.currentIndexChanged.connect(lambda _index: self._show_filtered())
        # The period the chart counts: the review window's by default.
        self.period_days: int | None = None
        self.period_buttons = QButtonGroup(self)
        for text, days in PERIODS:
            button = QPushButton(text)
            button.setCheckable(True)
            # Its text whole in either theme (the dark one pads a checked button more).
            button.setMinimumWidth(button.fontMetrics().horizontalAdvance(text) + 28)
            button.setToolTip("Count everything logged" if not days else f"Count the last {text}")
            self.period_buttons.addButton(button, days)
            header.addWidget(button)
        self.period_buttons.idClicked.connect(self.set_period)
        header.addSpacing(12)
        header.addWidget(tag_label)
        header.addWidget(self.tag_filter)
        layout.addLayout(header)
        self.caption = muted()
        layout.addWidget(self.caption)

        self.stack = QStackedWidget()
        self.content = QSplitter(Qt.Vertical)
        self.content.setChildrenCollapsible(False)
        self.top = top = QSplitter(Qt.Horizontal)
        top.setChildrenCollapsible(False)
        self.scatter_box = _box()
        top.addWidget(self.scatter_box)
        self.status_model = StatusTreeModel(self)
        self.tree = QTreeView()
        self.tree.setModel(self.status_model)
        self.tree.setAccessibleName("People by status")
        self.tree.setUniformRowHeights(True)
        self.tree.setToolTip("Double-click or press Enter to open the person.")
        self.tree.header().setSectionResizeMode(0, QHeaderView.Stretch)
        for column in (1, 2):
            self.tree.header().setSectionResizeMode(column, QHeaderView.ResizeToContents)
        self.tree.header().setStretchLastSection(False)
        self.tree.activated.connect(self._tree_activated)
        self.tree.selectionModel().currentChanged.connect(self._tree_current)
        side = QWidget()
        side_layout = QVBoxLayout(side)
        side_layout.setContentsMargins(0, 0, 0, 0)
        side_layout.addWidget(self.tree, 3)
        side_layout.addWidget(heading(f"Biggest changes in the last {CHANGES_DAYS} days", 1.0))
        self.changes = QListWidget()
        self.changes.setAccessibleName("Biggest changes")
        self.changes.setToolTip(
            "Whose status changed since 30 days ago, those that tipped between win-win and "
            "one-sided first. Double-click or Enter opens the person."
        )
        self.changes.itemActivated.connect(
            lambda item: self.person_activated.emit(item.data(Qt.UserRole))
        )
        side_layout.addWidget(self.changes, 1)
        top.addWidget(side)
        top.setStretchFactor(0, 3)
        top.setStretchFactor(1, 1)
        top.setSizes([700, 300])
        self.bottom = bottom = QSplitter(Qt.Horizontal)
        bottom.setChildrenCollapsible(False)
        self.categories_box = _box()
        self.network_box = _box()
        bottom.addWidget(self.categories_box)
        bottom.addWidget(self.network_box)
        self.content.addWidget(top)
        self.content.addWidget(bottom)
        self.content.setStretchFactor(0, 3)
        self.content.setStretchFactor(1, 2)
        self.content.setSizes([600, 340])
        self.empty = EmptyState(
            "Nothing to compare yet",
            "Log an interaction with what you gave and received. Every relationship then "
            "appears here as a dot, and the win-win band shows which ones are balanced.",
        )
        self.stack.addWidget(self.content)
        self.stack.addWidget(self.empty)
        layout.addWidget(self.stack, 1)

    def _splitters(self) -> dict[str, QSplitter]:
        return {
            "overview_splitter": self.content,
            "overview_top_splitter": self.top,
            "overview_bottom_splitter": self.bottom,
        }

    def save_state(self, settings: QSettings) -> None:
        """Remember where the user left the splitters (the main window calls this on close)."""
        save_splitters(settings, self._splitters())

    def restore_state(self, settings: QSettings) -> None:
        restore_splitters(settings, self._splitters())

    # showing ----------------------------------------------------------------------------

    def reload(self) -> None:
        """Read the journal and its settings again (when on screen; else when shown)."""
        if self.isVisible():
            self._load()
        else:
            self._stale = True

    def showEvent(self, event) -> None:  # noqa: N802
        super().showEvent(event)
        if self._stale:
            self._load_when_shown.start()

    def current_tag(self) -> str | None:
        return None if self.tag_filter.currentIndex() <= 0 else self.tag_filter.currentText()

    def set_tag(self, tag: str | None) -> None:
        """Show only people with ``tag`` (None: everyone)."""
        index = 0 if tag is None else self.tag_filter.findText(tag)
        self.tag_filter.setCurrentIndex(max(index, 0))

    def _load(self) -> None:
        self._load_when_shown.stop()
        self._stale = False
        self.today = dt.date.today()
        days = self._window_days()
        self.rules = balance.status_rules(days)
        # Totals added up in the database (an indexed scan), not exchange by exchange.
        table = self.scope.status_table(self.today, days)
        self.balances = {pid: b for pid, b in table.items() if b.exchanges}
        before = self.scope.status_table(self.today - dt.timedelta(days=CHANGES_DAYS), days)
        self.names = dict(people.people_names())
        self._tagged = {}
        self._fill_tags(people.all_tags())
        self._fill_changes(biggest_changes(before, self.balances, _CHANGES_SHOWN))
        self._check_period()
        window = self._period_words()
        self.caption.setText(
            f"{self.scope.words()}Each dot is a person: points you gave (across) and received (up) in {window}; "
            f"bigger dots have more exchanges. Inside the green band neither side gets more "
            f"than {self.rules.ratio:g}× the other. Click a dot, or double-click a name, to "
            "open the person."
        )
        self._show_filtered()

    def _fill_tags(self, tags: list[str]) -> None:
        current = self.current_tag()
        self.tag_filter.blockSignals(True)
        self.tag_filter.clear()
        self.tag_filter.addItem(ALL_TAGS)
        self.tag_filter.addItems(tags)
        self.tag_filter.setCurrentIndex(max(self.tag_filter.findText(current), 0) if current else 0)
        self.tag_filter.blockSignals(False)

    def _people_tagged(self, tag: str) -> set[int]:
        if tag not in self._tagged:
            self._tagged[tag] = people.ids_with_tag(tag)
        return self._tagged[tag]

    def _show_filtered(self) -> None:
        if not self.balances:
            self.stack.setCurrentWidget(self.empty)
            return
        self.stack.setCurrentWidget(self.content)
        tag = self.current_tag()
        if tag is None:
            shown = self.balances
            message = "Nobody has exchanges yet."
            network_title = "Whole network, per month"
        else:
            wanted = self._people_tagged(tag)
            shown = {pid: b for pid, b in self.balances.items() if pid in wanted}
            message = f"Nobody tagged “{tag}” has exchanges."
            network_title = f"Tagged “{tag}”, per month"
        self.shown = shown
        self._ensure_charts()
        self.scatter.update(shown, self.names, self.rules, empty_message=message)
        self.categories.update(
            self.scope.category_totals(self.today, tag, self.rules.window_days),
            self._period_words(),
        )
        start = min(
            window_first_day(self.today, self.rules),
            self.today - dt.timedelta(days=_NETWORK_MIN_DAYS - 1),
        )
        months = self.scope.months(start, self.today, tag)
        self.network.update(months, title=network_title, today=self.today)
        for canvas in (self.scatter_canvas, self.categories_canvas, self.network_canvas):
            canvas.draw_idle()
        self._fill_tree(shown)

    def _ensure_charts(self) -> None:
        dark = theme.current_theme() == theme.DARK
        if self.scatter is None:
            from winwin_desktop.charts.overview_chart import (
                CategoryChart,
                NetworkChart,
                OverviewChart,
            )
            from winwin_desktop.ui.chart_canvas import ChartCanvas

            self.scatter = OverviewChart(dark=dark)
            self.categories = CategoryChart(dark=dark)
            self.network = NetworkChart(dark=dark)
            self.scatter_canvas = ChartCanvas(self.scatter.figure, name="overview")
            self.categories_canvas = ChartCanvas(self.categories.figure, name="categories")
            self.network_canvas = ChartCanvas(self.network.figure, name="network")
            self.scatter_canvas.mpl_connect("motion_notify_event", self._hovered)
            self.scatter_canvas.mpl_connect("pick_event", self._picked)
            self.scatter_canvas.mpl_connect("figure_leave_event", lambda _event: self._unhover())
            for box, canvas in (
                (self.scatter_box, self.scatter_canvas),
                (self.categories_box, self.categories_canvas),
                (self.network_box, self.network_canvas),
            ):
                box.layout().addWidget(canvas)
        else:
            for chart in (self.scatter, self.categories, self.network):
                if chart.dark != dark:
                    chart.restyle(dark)

    # the period ---------------------------------------------------------------------------

    def set_period(self, days: int | None) -> None:
        """Count the last ``days`` days (0: everything; None: the review window)."""
        self.period_days = days
        self.reload()

    def _window_days(self) -> int | None:
        if self.period_days != 0:
            return self.period_days
        first = interactions.first_day()
        return max((self.today - first).days + 1, 1) if first else None

    def _period_words(self) -> str:
        return "all time" if self.period_days == 0 else describe_window(self.rules.window_days)

    def _check_period(self) -> None:
        """The button of the period shown is down (none for an unusual review window)."""
        days = self.period_days if self.period_days is not None else self.rules.window_days
        button = self.period_buttons.button(days)
        self.period_buttons.setExclusive(button is not None)
        for each in self.period_buttons.buttons():
            each.setChecked(each is button)
        self.period_buttons.setExclusive(True)

    def _fill_changes(self, changes: list[StatusChange]) -> None:
        self.changes.clear()
        for change in changes:
            name = self.names.get(change.person_id, "")
            item = QListWidgetItem(f"{name}: {change.before} → {change.after}")
            item.setData(Qt.UserRole, change.person_id)
            item.setToolTip(
                f"Balance over the period moved {change.shift:+d} points in "
                f"{CHANGES_DAYS} days (given minus received)."
            )
            self.changes.addItem(item)
        if not changes:
            quiet = QListWidgetItem(f"No status changed in the last {CHANGES_DAYS} days.")
            quiet.setFlags(Qt.NoItemFlags)
            self.changes.addItem(quiet)

    def _tree_current(self, index: QModelIndex, _previous: QModelIndex) -> None:
        """The person chosen in the list is ringed and named on the chart."""
        if self.scatter is None:
            return
        self.scatter.select(self.status_model.person_id(index))
        self.scatter_canvas.draw_idle()

    def _fill_tree(self, shown: dict[int, PersonBalance]) -> None:
        self.status_model.set_people(shown, self.names, theme.current_theme() == theme.DARK)
        # A long list stays folded, so the five statuses and their counts show at once.
        unfold = len(shown) <= _UNFOLDED_PEOPLE
        for row, (_, members) in enumerate(self.status_model.groups):
            self.tree.setExpanded(self.status_model.index(row, 0), unfold and bool(members))

    def people_in_status(self, status: str) -> list[int]:
        """Ids listed under ``status`` in the tree, in the order shown."""
        return [summary.person_id for summary in self.status_model.members(status)]

    # activating a person ----------------------------------------------------------------

    def _tree_activated(self, index: QModelIndex) -> None:
        person_id = self.status_model.person_id(index)
        if person_id is not None:
            self.person_activated.emit(person_id)

    def _picked(self, event) -> None:
        if event.mouseevent.button != 1:
            return
        person_id = self.scatter.person_for_pick(event)
        if person_id is not None:
            self.person_activated.emit(person_id)

    def _hovered(self, event) -> None:
        found = self.scatter.people_at(event.x, event.y)
        if not found:
            self._unhover()
            return
        summary = self.shown[found[0]]
        lines = [
            self.names.get(found[0], ""),
            f"{summary.status} · gave {summary.given_window} · received {summary.received_window}",
        ]
        others = [self.names.get(pid, "") for pid in found[1:]]
        if others:
            listed = ", ".join(others[:_TOOLTIP_NAMES])
            more = len(others) - _TOOLTIP_NAMES
            lines.append(f"Also here: {listed}" + (f" and {more} more" if more > 0 else ""))
        self.scatter_canvas.show_tooltip("\n".join(lines), event.x, event.y)
        self.scatter_canvas.canvas.setCursor(Qt.PointingHandCursor)

    def _unhover(self) -> None:
        if self.scatter_canvas is not None:
            self.scatter_canvas.show_tooltip("", 0, 0)
            self.scatter_canvas.canvas.unsetCursor()


class StatusTreeModel(GroupedModel):
    """People grouped by status: a row per status, the people with it beneath.

    A model rather than a QTreeWidget: in PySide6 6.12, QTreeWidgetItem.setData(),
    setFlags() and addChildren() each drop a reference to None, which crashes Python 3.11
    after a few thousand people; a model's data() is only ever asked for what is shown.
    """

    HEADERS = ("Person", "Gave", "Received")

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.groups: list[tuple[str, list[PersonBalance]]] = [(s, []) for s in STATUSES]
        self.names: dict[int, str] = {}
        self.icons: dict[str, QIcon] = {}

    def set_people(
        self, shown: dict[int, PersonBalance], names: dict[int, str], dark: bool
    ) -> None:
        self.beginResetModel()
        self.names = names
        by_status: dict[str, list[PersonBalance]] = {status: [] for status in STATUSES}
        for summary in shown.values():
            by_status[summary.status].append(summary)
        self.groups = [
            (status, sorted(members, key=lambda b: names.get(b.person_id, "").casefold()))
            for status, members in by_status.items()
        ]
        self.icons = {status: _dot_icon(status_colour(status, dark)) for status in STATUSES}
        self.endResetModel()

    def members(self, status: str) -> list[PersonBalance]:
        return self.groups[STATUSES.index(status)][1]

    def person_id(self, index: QModelIndex) -> int | None:
        """The person on this row, or None for a status row."""
        if not index.isValid() or index.internalId() == 0:
            return None
        return self.groups[index.internalId() - 1][1][index.row()].person_id

    def columnCount(self, parent: QModelIndex = _ROOT) -> int:
        return len(self.HEADERS)

    def headerData(self, section: int, orientation, role: int = Qt.DisplayRole):
        if orientation == Qt.Horizontal and role == Qt.DisplayRole:
            return self.HEADERS[section]
        return None

    def data(self, index: QModelIndex, role: int = Qt.DisplayRole):
        if not index.isValid():
            return None
        column = index.column()
        if index.internalId() == 0:
            status, members = self.groups[index.row()]
            if column == 0 and role == Qt.DisplayRole:
                return f"{status} ({len(members)})"
            if column == 0 and role == Qt.DecorationRole:
                return self.icons.get(status)
            return None
        summary = self.groups[index.internalId() - 1][1][index.row()]
        if role == Qt.DisplayRole:
            if column == 0:
                return self.names.get(summary.person_id, "")
            return str(summary.given_window if column == 1 else summary.received_window)
        if role == Qt.TextAlignmentRole and column:
            return Qt.AlignRight | Qt.AlignVCenter
        if role == Qt.ToolTipRole:
            return summary.explanation
        return None


def _box() -> QWidget:
    box = QWidget()
    layout = QVBoxLayout(box)
    layout.setContentsMargins(0, 0, 0, 0)
    return box


def _dot_icon(colour: str, size: int = 12) -> QIcon:
    pixmap = QPixmap(size, size)
    pixmap.fill(Qt.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.Antialiasing)
    painter.setPen(Qt.NoPen)
    painter.setBrush(QColor(colour))
    painter.drawEllipse(1, 1, size - 2, size - 2)
    painter.end()
    return QIcon(pixmap)
