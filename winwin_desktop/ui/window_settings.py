"""Where the window keeps its state (the user's config folder, not the journal), and the
window's size: the one the user left it at, or on a first start the screen's room."""

from __future__ import annotations

from PySide6.QtCore import QByteArray, QRect, QSettings, QSize
from PySide6.QtWidgets import QWidget

from winwin_desktop import APP_NAME

# A screen with no more room than this is a laptop's: the window fills it but for the
# window manager's frame and title bar. On a larger one it opens at a comfortable size,
# centred, with the desktop around it.
LAPTOP_ROOM = QSize(1600, 1000)
FRAME_ALLOWANCE = QSize(16, 48)
ROOMY_SIZE = QSize(1600, 1000)


def ui_settings() -> QSettings:
    """Window state lives in the user's config folder, not in the journal."""
    from platformdirs import user_config_path

    path = user_config_path(APP_NAME, appauthor=False) / "window.ini"
    return QSettings(str(path), QSettings.IniFormat)


def restore_geometry(window: QWidget, settings: QSettings) -> None:
    """Give ``window`` the geometry saved at the last quit (maximised or not); on a first
    start, nearly all of a laptop's screen, or a large window centred on a bigger one."""
    saved = settings.value("geometry")
    if isinstance(saved, QByteArray) and window.restoreGeometry(saved):
        return
    screen = window.screen()
    if screen is None:
        return
    room = screen.availableGeometry()
    laptop = room.width() <= LAPTOP_ROOM.width() or room.height() <= LAPTOP_ROOM.height()
    # A plain geometry rather than "maximised": the same wherever it runs (a window
    # manager, none, offscreen), and a later start restores exactly it.
    size = room.size() - FRAME_ALLOWANCE if laptop else ROOMY_SIZE
    placed = QRect(room.topLeft(), size)
    placed.moveCenter(room.center())
    window.setGeometry(placed)
