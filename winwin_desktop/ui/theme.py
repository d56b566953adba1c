"""Light and dark palettes; "system" follows the desktop's colour scheme."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QApplication

from winwin_desktop.colours import ALARM_COLOUR, DARK, GIVEN_COLOUR, LIGHT, RECEIVED_COLOUR

SYSTEM = "system"
THEMES = (SYSTEM, LIGHT, DARK)


# Fusion draws outlines from a darkened window colour, which vanishes on a dark
# window: unticked boxes and radio buttons, the frames of fields, and a checked toggle
# button that looked unchecked. The unchecked indicators are restyled, and the chosen
# radio button is a highlight-coloured ring and dot (Fusion's grey dot in a faint ring
# looked less chosen than the unchosen one beside it); checked boxes keep Fusion's mark.
DARK_OUTLINE = "#8a9099"
DARK_FIELD_BORDER = "#5c626b"
DARK_HIGHLIGHT = "#3d7be0"
DARK_STYLESHEET = f"""
QCheckBox::indicator:unchecked, QAbstractItemView::indicator:unchecked {{
    width: 12px; height: 12px; border: 1px solid {DARK_OUTLINE}; border-radius: 2px;
    background: palette(base);
}}
QRadioButton::indicator:unchecked {{
    width: 12px; height: 12px; border: 1px solid {DARK_OUTLINE}; border-radius: 7px;
    background: palette(base);
}}
QRadioButton::indicator:checked {{
    width: 12px; height: 12px; border: 1px solid {DARK_HIGHLIGHT}; border-radius: 7px;
    background: qradialgradient(cx: 0.5, cy: 0.5, radius: 0.5, fx: 0.5, fy: 0.5,
        stop: 0 {DARK_HIGHLIGHT}, stop: 0.55 {DARK_HIGHLIGHT}, stop: 0.62 palette(base),
        stop: 1 palette(base));
}}
QPushButton:checked {{
    background: palette(highlight); color: palette(highlighted-text);
    border: 1px solid palette(highlight); border-radius: 3px; padding: 5px 10px;
}}
QLineEdit, QAbstractSpinBox, QComboBox, QPlainTextEdit, QTextEdit {{
    border: 1px solid {DARK_FIELD_BORDER}; border-radius: 3px;
}}
QLineEdit, QComboBox {{ padding: 2px 4px; }}
QAbstractSpinBox {{ padding: 2px 2px; min-height: 18px; }}
QAbstractSpinBox::up-button, QAbstractSpinBox::down-button {{ width: 16px; }}
QLineEdit:focus, QAbstractSpinBox:focus, QComboBox:focus, QPlainTextEdit:focus,
QTextEdit:focus {{
    border-color: palette(highlight);
}}
"""


# Every calendar (Today's, a date field's pop-up) in the window's colours, like the rest
# of the app: Qt's stock one has a bright highlight-blue title bar and boxed buttons.
CALENDAR_STYLESHEET = """
QCalendarWidget QWidget#qt_calendar_navigationbar {
    background: palette(window); border-bottom: 1px solid palette(mid);
}
QCalendarWidget QToolButton {
    color: palette(window-text); background: transparent; border: none;
    font-weight: bold; padding: 2px 6px; border-radius: 4px;
}
QCalendarWidget QToolButton:hover { background: palette(midlight); }
QCalendarWidget QToolButton::menu-indicator { image: none; }
QCalendarWidget QToolButton#qt_calendar_prevmonth, QCalendarWidget QToolButton#qt_calendar_nextmonth {
    qproperty-toolButtonStyle: ToolButtonTextOnly; font-size: 18px; padding: 0 8px;
}
QCalendarWidget QToolButton#qt_calendar_prevmonth { qproperty-text: "‹"; }
QCalendarWidget QToolButton#qt_calendar_nextmonth { qproperty-text: "›"; }
QCalendarWidget QAbstractItemView {
    outline: 0; selection-background-color: palette(highlight);
    selection-color: palette(highlighted-text);
}
"""


def effective_theme(app: QApplication, choice: str) -> str:
    if choice in (LIGHT, DARK):
        return choice
    return DARK if app.styleHints().colorScheme() == Qt.ColorScheme.Dark else LIGHT


def apply_theme(app: QApplication, choice: str) -> str:
    """Apply ``choice`` (system, light or dark); returns the theme in effect."""
    app.setStyle("Fusion")
    theme = effective_theme(app, choice)
    app.setPalette(_dark_palette() if theme == DARK else _light_palette())
    app.setStyleSheet(CALENDAR_STYLESHEET + (DARK_STYLESHEET if theme == DARK else ""))
    app.setProperty("winwin_theme", theme)
    return theme


def current_theme() -> str:
    app = QApplication.instance()
    return (app.property("winwin_theme") if app else None) or LIGHT


def given_colour() -> str:
    return GIVEN_COLOUR[current_theme()]


def received_colour() -> str:
    return RECEIVED_COLOUR[current_theme()]


def alarm_colour() -> str:
    """Errors and overdue promises, readable on the theme's background."""
    return ALARM_COLOUR[current_theme()]


def _light_palette() -> QPalette:
    palette = QPalette()
    roles = {
        QPalette.Window: "#f4f5f7",
        QPalette.WindowText: "#1d2026",
        QPalette.Base: "#ffffff",
        QPalette.AlternateBase: "#f0f2f5",
        QPalette.Text: "#1d2026",
        QPalette.Button: "#eceef1",
        QPalette.ButtonText: "#1d2026",
        QPalette.Highlight: "#2f6fd0",
        QPalette.HighlightedText: "#ffffff",
        QPalette.ToolTipBase: "#ffffdc",
        QPalette.ToolTipText: "#1d2026",
        QPalette.PlaceholderText: "#7a808a",
        QPalette.Link: "#1f5fbf",
        QPalette.Mid: "#c9cdd3",
    }
    return _palette(palette, roles, disabled="#9aa0a8")


def _dark_palette() -> QPalette:
    palette = QPalette()
    roles = {
        QPalette.Window: "#202328",
        QPalette.WindowText: "#e6e8eb",
        QPalette.Base: "#17191d",
        QPalette.AlternateBase: "#1f2226",
        QPalette.Text: "#e6e8eb",
        QPalette.Button: "#2b2f35",
        QPalette.ButtonText: "#e6e8eb",
        QPalette.Highlight: DARK_HIGHLIGHT,
        QPalette.HighlightedText: "#ffffff",
        QPalette.ToolTipBase: "#2b2f35",
        QPalette.ToolTipText: "#e6e8eb",
        QPalette.PlaceholderText: "#8a9099",
        QPalette.Link: "#7fb0ff",
        QPalette.Mid: "#3a3f46",
        QPalette.Light: "#3a3f46",
        QPalette.Dark: "#121316",
    }
    return _palette(palette, roles, disabled="#6b7078")


def _palette(palette: QPalette, roles: dict, disabled: str) -> QPalette:
    for role, colour in roles.items():
        palette.setColor(role, QColor(colour))
    for role in (QPalette.WindowText, QPalette.Text, QPalette.ButtonText):
        palette.setColor(QPalette.Disabled, role, QColor(disabled))
    return palette
