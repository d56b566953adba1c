"""Shared widgets: an empty state's wrapped lines are never cut off or overlapped."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QLabel, QTabWidget, QVBoxLayout, QWidget

from winwin_desktop.ui.widgets import EmptyState

TEXT = "Note what you promised them and what they promised you; due ones show on Today."


@pytest.mark.parametrize("action", ["", "+ Promise…"])
def test_an_empty_state_on_a_tab_shown_later_keeps_every_line(qtbot, action):
    # As on the person page: the empty state is built on a tab that is not showing yet.
    tabs = QTabWidget()
    qtbot.addWidget(tabs)
    tabs.addTab(QLabel("Timeline"), "Timeline")
    page = QWidget()
    empty = EmptyState("No promises yet", TEXT, action, (lambda: None) if action else None)
    QVBoxLayout(page).addWidget(empty, 1)
    tabs.addTab(page, "Promises")
    tabs.resize(560, 600)
    tabs.show()
    qtbot.waitExposed(tabs)
    tabs.setCurrentWidget(page)
    qtbot.waitUntil(page.isVisible)

    title, text = empty.title.geometry(), empty.text.geometry()
    assert text.height() >= empty.text.heightForWidth(text.width())  # every line shows
    assert title.bottom() < text.top()  # nothing overlaps
    if action:
        assert text.bottom() < empty.button.geometry().top()
