"""The journals opened lately (files and shared ones on a server), newest first, kept
with the window's state in the user's config folder. Only where each one is: a server
journal's address never holds a password."""

from __future__ import annotations

from PySide6.QtCore import QSettings

KEY = "recent_journals"
KEPT = 8


def recent_journals(settings: QSettings) -> list[str]:
    value = settings.value(KEY, [])
    if isinstance(value, str):  # QSettings gives a one-item list back as its item
        value = [value]
    return [str(item) for item in value or [] if item]


def remember_journal(settings: QSettings, location: str) -> None:
    """Put ``location`` first among the recent journals."""
    kept = [location, *(item for item in recent_journals(settings) if item != location)]
    settings.setValue(KEY, kept[:KEPT])
    settings.sync()
