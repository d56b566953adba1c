from __future__ import annotations

import pytest
from PySide6.QtCore import QSettings

from winwin_desktop.ui.main_window import MainWindow


@pytest.fixture
def window_settings(tmp_path):
    return QSettings(str(tmp_path / "window.ini"), QSettings.IniFormat)


@pytest.fixture
def make_window(qtbot, journal_path, window_settings):
    """Open a main window on the test's journal (call again to 'restart' the app)."""
    from winwin_desktop.store import open_journal

    def make() -> MainWindow:
        open_journal(journal_path)
        window = MainWindow(journal_path, window_settings)
        qtbot.addWidget(window)
        window.show()
        qtbot.waitExposed(window)
        return window

    return make


@pytest.fixture
def window(make_window, journal):
    return make_window()
