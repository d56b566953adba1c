"""The window's size: the screen's room on a first start, then what the user left it at."""

from __future__ import annotations

from winwin_desktop.journal import people
from winwin_desktop.ui.window_settings import FRAME_ALLOWANCE


def test_the_first_start_fills_a_laptop_screen_and_later_starts_keep_the_users_size(
    make_window, journal
):
    people.add_person("Ada")
    window = make_window()
    room = window.screen().availableGeometry()
    assert room.width() <= 1600  # the test screen is laptop-sized
    # Nearly all of it (the window manager's frame aside), and never more than it.
    assert window.height() == room.height() - FRAME_ALLOWANCE.height()
    assert room.contains(window.geometry()) or window.width() == window.minimumSizeHint().width()
    narrowest = window.minimumSizeHint().width()
    window.resize(narrowest, 560)
    window.close()

    again = make_window()
    assert not again.isMaximized()
    assert (again.width(), again.height()) == (narrowest, 560)
    again.showMaximized()
    again.close()
    assert make_window().isMaximized()
