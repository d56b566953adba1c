from __future__ import annotations

import pytest
from PySide6.QtCore import QSettings

from winwin_desktop.ui.main_window import MainWindow


@pytest.fixture
def window_settings(tmp_path):
    return QSettings(str(tmp_path / "window.ini"), QSettings.IniFormat)


@pytest.fixture
def make_window(qtbot, journal_path, reopen, window_settings):
    """Open a main window on the test's journal (call again to 'restart' the app); with its
    passphrase when it is encrypted, as the unlock dialog would have given it."""

    def make() -> MainWindow:
        reopen()
        window = MainWindow(journal_path, window_settings)
        qtbot.addWidget(window)
        window.show()
        qtbot.waitExposed(window)
        return window

    return make


@pytest.fixture
def window(make_window, journal):
    return make_window()
