"""The person page's Mentions tab: the reflections that name the person (their name
written out, accents and case ignored, or an @mention), newest first, each with its day
and the words around the name; Enter or a double-click opens the day's reflection."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QHeaderView, QTreeWidget, QTreeWidgetItem, QVBoxLayout, QWidget

from winwin_desktop.journal import reflections
from winwin_desktop.ui.dates import human_date
from winwin_desktop.ui.timeline_rows import WRAP_ROLE, TwoLineDelegate
from winwin_desktop.ui.widgets import EmptyState, heading

DAY_ROLE = Qt.UserRole + 1
TITLE = "Mentioned in reflections"


class MentionsTab(QWidget):
    """Read when shown (a search of every reflection), again after each change."""

    reflection_requested = Signal(object)  # a date

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.person_id: int | None = None
        self.person_name = ""
        self._stale = True
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 6, 0, 0)
        self.title = heading(TITLE, 1.1)
        self.title.setContentsMargins(4, 0, 0, 4)  # off the tab's frame
        layout.addWidget(self.title)
        self.list = QTreeWidget()
        self.list.setHeaderLabels(["When", "What you wrote"])
        self.list.setItemDelegateForColumn(1, TwoLineDelegate(self.list))
        self.list.setRootIsDecorated(False)
        self.list.setIndentation(0)
        self.list.setUniformRowHeights(False)
        self.list.setToolTip("Enter or a double-click opens the day's reflection on Today")
        header = self.list.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(0, QHeaderView.Interactive)
        header.resizeSection(0, self.list.fontMetrics().horizontalAdvance("  Wed 30 Sep 2026  "))
        header.setSectionResizeMode(1, QHeaderView.Stretch)
        header.sectionResized.connect(lambda *_: self.list.doItemsLayout())
        self.list.itemActivated.connect(
            lambda item: self.reflection_requested.emit(item.data(0, DAY_ROLE))
        )
        layout.addWidget(self.list, 1)
        self.empty = EmptyState("No mentions yet", "")
        layout.addWidget(self.empty, 1)

    def show_person(self, person_id: int, name: str) -> None:
        """Show ``person_id``'s mentions (now if the tab is on screen, else when it is)."""
        self.person_id, self.person_name = person_id, name
        self._stale = True
        if self.isVisible():
            self.reload()

    def showEvent(self, event) -> None:
        if self._stale:
            self.reload()
        super().showEvent(event)

    def reload(self) -> None:
        self._stale = False
        self.list.clear()
        named = reflections.reflections_naming(self.person_id) if self.person_id else []
        for mention in named:
            item = QTreeWidgetItem(
                [human_date(mention.day), mention.snippet.replace("«", "").replace("»", "")]
            )
            item.setData(0, DAY_ROLE, mention.day)
            item.setToolTip(0, mention.day.isoformat())
            item.setTextAlignment(0, Qt.AlignLeft | Qt.AlignTop)
            item.setData(1, WRAP_ROLE, True)
            self.list.addTopLevelItem(item)
        self.list.setVisible(bool(named))
        self.empty.setVisible(not named)
        self.empty.text.setText(
            f"No reflection names {self.person_name} yet. Write their name, or @ and the "
            "first letters of it, in a reflection on Today, and it is listed here."
        )
        if named:
            self.list.setCurrentItem(self.list.topLevelItem(0))

    def days(self) -> list[dt.date]:
        """The days listed, newest first."""
        return [
            self.list.topLevelItem(i).data(0, DAY_ROLE)
            for i in range(self.list.topLevelItemCount())
        ]
