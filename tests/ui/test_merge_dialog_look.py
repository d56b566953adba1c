"""The merge dialog as it looks: in dark mode the chosen "Keep …" radio button stands out
in the highlight colour (Fusion's grey dot in a faint ring looked less chosen than the
unchosen one), and a long choice is never cut off."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QRadioButton, QStyle, QStyleOptionButton

from winwin_desktop.journal import interactions, people
from winwin_desktop.ui import theme
from winwin_desktop.ui.merge_dialog import MergeDialog
from winwin_desktop.ui.undo import Actions


def _luminance(colour: QColor) -> float:
    def channel(value: int) -> float:
        value /= 255
        return value / 12.92 if value <= 0.03928 else ((value + 0.055) / 1.055) ** 2.4

    return sum(
        w * channel(c) for w, c in zip((0.2126, 0.7152, 0.0722), colour.getRgb()[:3], strict=True)
    )


def _contrast(one: QColor, other: QColor) -> float:
    high, low = sorted((_luminance(one), _luminance(other)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def _is(colour: QColor, wanted: QColor) -> bool:
    """The same colour, give or take anti-aliasing."""
    return all(
        abs(a - b) <= 24 for a, b in zip(colour.getRgb()[:3], wanted.getRgb()[:3], strict=True)
    )


def _indicator_colours(button: QRadioButton) -> list[QColor]:
    option = QStyleOptionButton()
    button.initStyleOption(option)
    rect = button.style().subElementRect(QStyle.SE_RadioButtonIndicator, option, button)
    image = button.grab().toImage()
    return [
        image.pixelColor(x, y)
        for x in range(rect.left(), rect.right() + 1)
        for y in range(rect.top(), rect.bottom() + 1)
    ]


@pytest.fixture(params=[theme.LIGHT, theme.DARK])
def themed(request, qapp):
    theme.apply_theme(qapp, request.param)
    yield request.param
    theme.apply_theme(qapp, theme.LIGHT)


@pytest.fixture
def dialog(qtbot, journal, themed):
    ana = people.add_person("Ana Lopes", organisation="Iberia Health Partners International")
    interactions.log_interaction(dt.date(2025, 9, 3), "Call", [ana.id])
    twin = people.add_person("Ana Lopes-Ferreira", organisation="Lumière Analytics and Research")
    dialog = MergeDialog(Actions(), twin.id, ana.id)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    return dialog


def test_the_chosen_radio_button_stands_out_in_both_themes(dialog, themed):
    window = dialog.palette().color(dialog.backgroundRole())
    assert dialog.keep_second.isChecked()  # Ana has the history: kept by default
    chosen = _indicator_colours(dialog.keep_second)
    # Visible against the window (3:1, the contrast asked of controls)...
    assert max(_contrast(c, window) for c in chosen) >= 3
    if themed == theme.DARK:
        # ...and in the highlight colour, as every chosen thing in dark mode.
        highlight = QColor(theme.DARK_HIGHLIGHT)
        assert any(_is(c, highlight) for c in chosen)
        unchosen = _indicator_colours(dialog.keep_first)
        assert not any(_is(c, highlight) for c in unchosen)


def test_a_long_choice_is_shown_whole(dialog):
    for button in (dialog.keep_first, dialog.keep_second):
        assert button.width() >= button.sizeHint().width(), button.text()
