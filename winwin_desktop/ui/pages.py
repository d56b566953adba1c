"""Pages whose features come in later releases: an honest empty state, never fake data."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QListWidget, QPushButton, QVBoxLayout, QWidget

from winwin_desktop.journal import interactions
from winwin_desktop.ui.undo import Actions
from winwin_desktop.ui.widgets import EmptyState, heading, muted


class TodayPage(QWidget):
    """Today's interactions; reflections, promises and attention arrive with the Today issue."""

    log_requested = Signal()

    def __init__(self, actions: Actions, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 12, 16, 12)
        self.title = heading("")
        layout.addWidget(self.title)
        layout.addWidget(
            muted(
                "What happened today. Log each meeting, call or message with what "
                "you gave and received — it takes under a minute."
            )
        )
        self.list = QListWidget()
        self.empty = EmptyState(
            "Nothing logged today",
            "Had a meeting or a call? Log it while it is fresh.",
            "Log interaction…  (Ctrl+N)",
            self.log_requested.emit,
        )
        layout.addWidget(self.list, 1)
        layout.addWidget(self.empty, 1)
        self.log_button = QPushButton("Log interaction…")
        self.log_button.clicked.connect(self.log_requested.emit)
        layout.addWidget(self.log_button)

    def reload(self) -> None:
        today = dt.date.today()
        self.title.setText(f"Today — {today:%A %-d %B %Y}")
        self.list.clear()
        for item in interactions.on_day(today):
            people = ", ".join(item.participant_names)
            given = sum(e.points for e in item.exchanges if e.direction == "given")
            received = sum(e.points for e in item.exchanges if e.direction == "received")
            self.list.addItem(
                f"{item.title or item.kind.capitalize()} — {item.kind} with {people}"
                f"   (gave {given}, received {received})"
            )
        has_items = self.list.count() > 0
        self.list.setVisible(has_items)
        self.log_button.setVisible(has_items)
        self.empty.setVisible(not has_items)


def overview_placeholder() -> QWidget:
    return EmptyState(
        "Overview",
        "Every relationship on one chart — points given against points received, with the "
        "win-win band — arrives in the next release. Until then, the People page shows each "
        "person's balance.",
    )


def search_placeholder() -> QWidget:
    return EmptyState(
        "Search",
        "Full-text search over people, interactions and notes arrives in the next release. "
        "Until then, filter the People list by name, organisation or tag (Ctrl+2, then type).",
    )
