"""Dark mode gives unticked boxes, fields and checked toggle buttons a visible outline
(Fusion draws them from the darkened window colour); light mode has none of that, only
the calendars' look, shared by both."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QApplication

from winwin_desktop.ui import theme
from winwin_desktop.ui.widgets import ErrorLabel


def test_the_dark_stylesheet_comes_and_goes_with_the_theme(qapp):
    try:
        assert theme.apply_theme(qapp, theme.DARK) == theme.DARK
        sheet = QApplication.instance().styleSheet()
        assert "QCheckBox::indicator:unchecked" in sheet
        assert "QRadioButton::indicator:unchecked" in sheet
        assert "QAbstractItemView::indicator:unchecked" in sheet
        assert f"border: 1px solid {theme.DARK_OUTLINE}" in sheet
        assert "QPushButton:checked" in sheet and "background: palette(highlight)" in sheet
        for field in ("QLineEdit", "QAbstractSpinBox", "QComboBox", "QPlainTextEdit", "QTextEdit"):
            assert field in sheet
        assert theme.CALENDAR_STYLESHEET in sheet
        theme.apply_theme(qapp, theme.LIGHT)
        assert QApplication.instance().styleSheet() == theme.CALENDAR_STYLESHEET
    finally:
        theme.apply_theme(qapp, theme.LIGHT)


@pytest.mark.parametrize(("choice", "red"), [("light", "#b3261e"), ("dark", "#ff8a80")])
def test_errors_and_overdue_promises_take_the_themes_one_red(qapp, qtbot, choice, red):
    try:
        theme.apply_theme(qapp, choice)
        label = ErrorLabel()
        qtbot.addWidget(label)
        label.show_error("That name is taken; add the organisation.")
        assert label.styleSheet() == f"color: {red};"
        assert theme.alarm_colour() == red
    finally:
        theme.apply_theme(qapp, theme.LIGHT)
