"""The Today page on screen as a user sees it once it has settled."""

from __future__ import annotations

import time

from PySide6.QtWidgets import QApplication

from winwin_desktop.ui.main_window import TODAY


def settled_today_page(window):
    """Show Today and let it paint: who needs attention (and the names for @-completion)
    are read once the day is on screen."""
    window.show_page(TODAY)
    return settled(window.today_page)


def settled(page):
    """``page`` (Today) once who needs attention has been read again: after the first paint
    and after each change of the user's, it is read beside the window and shown when
    there."""
    deadline = time.monotonic() + 10
    while page.reading_people_part and time.monotonic() < deadline:
        QApplication.processEvents()
        time.sleep(0.005)
    assert not page.reading_people_part, "who needs attention was never read"
    return page
