"""The Today calendar explains its marks under it, and weekends are not red."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QApplication

from winwin_desktop.journal import people
from winwin_desktop.ui import theme
from winwin_desktop.ui.main_window import TODAY


@pytest.fixture
def themed(window):
    yield window
    theme.apply_theme(QApplication.instance(), theme.LIGHT)


@pytest.mark.parametrize("name", [theme.LIGHT, theme.DARK])
def test_legend_and_neutral_weekends_follow_the_theme(themed, name):
    window = themed
    people.add_person("Ada")  # (an empty journal shows the welcome page instead)
    window.set_theme(name)
    window.show_page(TODAY)
    page = window.today_page
    legend = page.calendar_legend
    assert legend.isVisible()
    assert "interactions logged" in legend.text() and "a reflection" in legend.text()
    assert f"color:{theme.GIVEN_COLOUR[name]}" in legend.text()
    text = QApplication.palette().color(QApplication.palette().ColorRole.Text)
    assert text == QColor("#1d2026" if name == theme.LIGHT else "#e6e8eb")
    for day in (Qt.Saturday, Qt.Sunday):
        assert page.calendar.weekdayTextFormat(day).foreground().color() == text
