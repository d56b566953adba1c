"""The person page's Team tab (a team journal only): the relationship's balance with the
whole team, and per member who gave and received what."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import (
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QStackedWidget,
    QTabWidget,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from winwin_desktop.analytics import GIVEN, ExchangeRecord, StatusRules, window_first_day
from winwin_desktop.analytics.team_balance import TeamBalance, member_sentence, team_balance
from winwin_desktop.charts.palette import STATUS_COLOUR
from winwin_desktop.journal import balance, team
from winwin_desktop.ui import theme
from winwin_desktop.ui.balance_tab import StatusBadge
from winwin_desktop.ui.widgets import EmptyState, LoadsWhenShown, muted

# What the rows logged before the journal had members are shown as.
BEFORE_MEMBERS = "Before the team had members"
COLUMNS = ("Member", "Gave", "Received", "Balance", "Status")


def member_names(members: list[team.Member], me: team.Member | None) -> dict[int | None, str]:
    """Each member's name as the team views show it: "(you)" after the one signed in,
    "(removed)" after a member who has left."""
    names: dict[int | None, str] = {None: BEFORE_MEMBERS}
    for member in members:
        suffix = " (you)" if me is not None and member.id == me.id else ""
        suffix += " (removed)" if member.removed else ""
        names[member.id] = member.name + suffix
    return names


class TeamTab(LoadsWhenShown, QWidget):
    """Who in the team gave and received what with one person; read when on screen."""

    interaction_activated = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.person_id: int | None = None
        self.standing: TeamBalance | None = None
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 8, 0, 0)
        top = QHBoxLayout()
        self.badge = StatusBadge()
        self.badge.setAccessibleName("The team's status")
        top.addWidget(self.badge, 0, Qt.AlignVCenter)
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.summary.setTextInteractionFlags(Qt.TextSelectableByMouse)
        top.addWidget(self.summary, 1, Qt.AlignVCenter)
        layout.addLayout(top)
        self.stack = QStackedWidget()
        self.tree = QTreeWidget()
        self.tree.setAccessibleName("Team members' exchanges")
        self.tree.setHeaderLabels(COLUMNS)
        self.tree.setUniformRowHeights(True)
        self.tree.header().setSectionResizeMode(0, QHeaderView.Stretch)
        for column in range(1, len(COLUMNS)):
            self.tree.header().setSectionResizeMode(column, QHeaderView.ResizeToContents)
        self.tree.header().setStretchLastSection(False)
        self.tree.itemActivated.connect(self._activated)
        self.empty = EmptyState(
            "Nothing exchanged yet",
            "No member has logged what they gave or received with this person. Each "
            "member's exchanges, and the team's balance, appear here once they do.",
        )
        self.stack.addWidget(self.tree)
        self.stack.addWidget(self.empty)
        layout.addWidget(self.stack, 1)
        layout.addWidget(
            muted(
                "Each member's line counts what that member gave and received; open it for "
                "the exchanges, and double-click one to open its interaction. Gave and "
                "received are over the review window (older exchanges are greyed); the "
                "balance is over all time."
            )
        )

    def show_person(self, person_id: int | None) -> None:
        """Show ``person_id``'s team balance now if the tab is on screen, else when shown."""
        self.person_id = person_id
        self.load_when_shown()

    def _load(self) -> None:
        self._stale = False
        if self.person_id is None:
            return
        today = dt.date.today()
        rules = balance.status_rules()
        records = balance.team_exchange_records([self.person_id])
        self.standing = team_balance(self.person_id, records, today, rules)
        names = member_names(team.members(), team.current_member())
        self.show_team(self.standing, records, names, rules)

    def show_team(
        self,
        standing: TeamBalance,
        records: list[ExchangeRecord],
        names: dict[int | None, str],
        rules: StatusRules,
    ) -> None:
        """Fill the tab from figures already computed (``names`` by member id)."""
        self.badge.show_status(standing.team.status)
        self.summary.setText(
            member_sentence("The team", standing.team, rules)
            + f" All time: balance {_signed(standing.team.balance)}."
        )
        self.tree.clear()
        if not standing.members:
            self.stack.setCurrentWidget(self.empty)
            return
        self.stack.setCurrentWidget(self.tree)
        today = dt.date.today()
        first_day = window_first_day(today, rules)
        outside = self.tree.palette().color(QPalette.PlaceholderText)
        for line in standing.members:
            name = names.get(line.member_id, BEFORE_MEMBERS)
            figures = line.standing
            item = QTreeWidgetItem(
                [
                    name,
                    str(figures.given_window),
                    str(figures.received_window),
                    _signed(figures.balance),
                    figures.status,
                ]
            )
            item.setToolTip(0, member_sentence(name, figures, rules))
            item.setForeground(4, QColor(STATUS_COLOUR[theme.current_theme()][figures.status]))
            for record in reversed([r for r in records if r.member_id == line.member_id]):
                child = _exchange_item(record)
                if not first_day <= record.day <= today:  # not counted in gave and received
                    for column in range(len(COLUMNS)):
                        child.setForeground(column, outside)
                item.addChild(child)
            self.tree.addTopLevelItem(item)
        for column in (1, 2, 3):
            self.tree.headerItem().setTextAlignment(column, Qt.AlignRight | Qt.AlignVCenter)
        self._align()

    def _align(self) -> None:
        for index in range(self.tree.topLevelItemCount()):
            item = self.tree.topLevelItem(index)
            rows = [item] + [item.child(i) for i in range(item.childCount())]
            for row in rows:
                for column in (1, 2, 3):
                    row.setTextAlignment(column, Qt.AlignRight | Qt.AlignVCenter)

    def _activated(self, item: QTreeWidgetItem, _column: int) -> None:
        interaction_id = item.data(0, Qt.UserRole)
        if interaction_id is not None:
            self.interaction_activated.emit(interaction_id)


def _exchange_item(record: ExchangeRecord) -> QTreeWidgetItem:
    """One exchange under its member: day, interaction and category, the points in the
    gave or the received column."""
    points = str(record.points)
    given = record.direction == GIVEN
    title = record.title or "(untitled interaction)"
    item = QTreeWidgetItem(
        [
            f"{record.day.isoformat()} · {title} — {record.category}",
            points if given else "",
            "" if given else points,
            "",
            "",
        ]
    )
    item.setData(0, Qt.UserRole, record.interaction_id)
    return item


def _signed(value: int) -> str:
    return f"+{value}" if value > 0 else (f"−{-value}" if value < 0 else "0")


def add_team_tab(tabs: QTabWidget, after: QWidget) -> TeamTab | None:
    """On a team journal, a Team tab right after ``after``; None (and no tab) otherwise."""
    if not team.is_team_journal():
        return None
    tab = TeamTab()
    tabs.insertTab(tabs.indexOf(after) + 1, tab, "Team")
    return tab
