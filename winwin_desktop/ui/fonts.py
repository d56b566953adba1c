"""An emoji-capable font behind the interface's own, when the system has one: names
imported with an emoji (“Ana 🚀”) otherwise show an empty box on some desktops."""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtGui import QFont, QFontDatabase
from PySide6.QtWidgets import QApplication

# Colour emoji fonts of the common desktops, the best first.
EMOJI_FAMILIES = (
    "Noto Color Emoji",
    "Apple Color Emoji",
    "Segoe UI Emoji",
    "Twemoji",
    "Twitter Color Emoji",
    "JoyPixels",
    "EmojiOne Color",
    "Symbola",
)


def emoji_family(installed: Iterable[str]) -> str | None:
    """The first of :data:`EMOJI_FAMILIES` among the ``installed`` families, or None."""
    available = set(installed)
    return next((family for family in EMOJI_FAMILIES if family in available), None)


def add_emoji_fallback(app: QApplication) -> str | None:
    """Put the system's emoji font after the application's font (Qt then takes emoji
    from it); returns its family, or None when the system has none."""
    family = emoji_family(QFontDatabase.families())
    if family is None:
        return None
    font = QFont(app.font())
    if family not in font.families():
        font.setFamilies([*font.families(), family])
        app.setFont(font)
    return family
