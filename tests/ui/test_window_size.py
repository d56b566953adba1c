"""The window's size: the screen's room on a first start, then what the user left it at."""

from __future__ import annotations

from PySide6.QtCore import QRect
from PySide6.QtWidgets import QWidget

from winwin_desktop.journal import people
from winwin_desktop.ui.window_settings import FRAME_ALLOWANCE, restore_geometry


def test_the_first_start_fills_a_laptop_screen_and_later_starts_keep_the_users_size(
    make_window, journal
):
    people.add_person("Ada")
    window = make_window()
    room = window.screen().availableGeometry()
    assert room.width() <= 1600  # the test screen is laptop-sized
    # Nearly all of it (the window manager's frame aside), and never more than it.
    assert window.height() == room.height() - FRAME_ALLOWANCE.height()
    # (The test screen, 800 pixels wide, is narrower than the window can be: then it is
    # no wider than its narrowest, whenever the person beside the list was laid out.)
    assert room.contains(window.geometry()) or (window.width() <= window.minimumSizeHint().width())
    narrowest = window.minimumSizeHint().width()
    window.resize(narrowest, 560)
    window.close()

    again = make_window()
    assert not again.isMaximized()
    assert again.height() == 560
    # The width the user left, or as much of it as the screen holds (the test screen is
    # narrower than the window's narrowest, and how much of it Qt gives a restored window
    # then varies).
    assert room.width() - FRAME_ALLOWANCE.width() <= again.width() <= narrowest
    again.showMaximized()
    again.close()
    assert make_window().isMaximized()


class _Screen:
    """A desktop monitor's room (the test platform's screen is laptop-sized)."""

    def availableGeometry(self) -> QRect:  # noqa: N802 (Qt's name)
        return QRect(0, 0, 2560, 1400)


class _OnABigScreen(QWidget):
    def screen(self) -> _Screen:
        return _Screen()


def test_on_a_big_screen_the_first_start_is_large_and_centred(qtbot, window_settings):
    window = _OnABigScreen()
    qtbot.addWidget(window)
    restore_geometry(window, window_settings)
    assert window.geometry() == QRect(480, 200, 1600, 1000)
