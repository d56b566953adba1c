"""The Overview's "Me / Team" switch (a team journal only) and the figures each side
counts: the team's every exchange, or only those of the member signed in."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QButtonGroup, QHBoxLayout, QPushButton

from winwin_desktop.analytics import MonthPoint, PersonBalance
from winwin_desktop.journal import balance, people, team

ME, TEAM = "Me", "Team"


class OverviewScope(QObject):
    """What the Overview counts. On a journal without members it is always everyone's,
    with no switch; on a team journal "Team" counts everyone's and "Me" only the
    exchanges of the member signed in (:attr:`member_id`)."""

    changed = Signal()

    def __init__(self, me: team.Member | None, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.me = me
        self.member_id: int | None = None  # None: the team's (everyone's) figures
        self.buttons = QButtonGroup(self)

    def add_switch(self, layout: QHBoxLayout) -> None:
        """The two buttons, added to ``layout``; "Team" is down at first."""
        for index, (text, tip) in enumerate(
            (
                (ME, f"Count only what {self.me.name} gave and received"),
                (TEAM, "Count what every member of the team gave and received"),
            )
        ):
            button = QPushButton(text)
            button.setCheckable(True)
            button.setMinimumWidth(button.fontMetrics().horizontalAdvance(text) + 28)
            button.setToolTip(tip)
            button.setAccessibleName(f"Show {text.lower()}")
            self.buttons.addButton(button, index)
            layout.addWidget(button)
        self.buttons.button(1).setChecked(True)
        self.buttons.idClicked.connect(lambda index: self.set_mine(index == 0))

    def set_mine(self, mine: bool) -> None:
        """Count only the signed-in member's exchanges (True), or the team's."""
        self.member_id = self.me.id if mine and self.me is not None else None
        self.buttons.button(0 if mine else 1).setChecked(True)
        self.changed.emit()

    def words(self) -> str:
        """Who is counted, for the page's caption ("" when the whole journal)."""
        if self.me is None:
            return ""
        return "Only your exchanges. " if self.member_id else "The whole team's exchanges. "

    def status_table(self, today: dt.date, days: int | None) -> dict[int, PersonBalance]:
        if self.member_id is None:
            return balance.status_table(today, days)
        return balance.member_status_table(self.member_id, today, days)

    def category_totals(
        self, today: dt.date, tag: str | None, days: int
    ) -> dict[str, tuple[int, int]]:
        if self.member_id is None:
            return balance.category_window_totals(today, tag, days)
        tagged = people.ids_with_tag(tag) if tag else None
        return balance.member_category_totals(self.member_id, today, tagged, days)

    def months(self, start: dt.date, end: dt.date, tag: str | None) -> list[MonthPoint]:
        if self.member_id is None:
            return balance.network_months(start, end, tag)
        tagged = people.ids_with_tag(tag) if tag else None
        return balance.member_months(self.member_id, start, end, tagged)


def overview_scope(layout: QHBoxLayout, parent: QObject) -> OverviewScope:
    """The Overview's scope; on a team journal with a member signed in, its switch is
    added to ``layout`` (the page's header)."""
    me = team.current_member()
    scope = OverviewScope(me, parent)
    if me is not None:
        scope.add_switch(layout)
        layout.addSpacing(12)
    return scope
