"""Where the window keeps its state: the user's config folder, not the journal."""

from __future__ import annotations

from PySide6.QtCore import QSettings

from winwin_desktop import APP_NAME


def ui_settings() -> QSettings:
    """Window state lives in the user's config folder, not in the journal."""
    from platformdirs import user_config_path

    path = user_config_path(APP_NAME, appauthor=False) / "window.ini"
    return QSettings(str(path), QSettings.IniFormat)
