"""The Today page on screen as a user sees it once it has settled."""

from __future__ import annotations

import time

from PySide6.QtWidgets import QApplication

from winwin_desktop.ui.main_window import TODAY


def settled_today_page(window):
    """Show Today and let it paint: who needs attention (and the names for @-completion)
    are read once the day is on screen."""
    window.show_page(TODAY)
    page = window.today_page
    deadline = time.monotonic() + 10
    while page.reading_people_part and time.monotonic() < deadline:
        QApplication.processEvents()
    assert not page.reading_people_part, "who needs attention was never read"
    return page
