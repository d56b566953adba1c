"""Splitter positions remembered between runs, in the window's ``QSettings``."""

from __future__ import annotations

from PySide6.QtCore import QByteArray, QSettings
from PySide6.QtWidgets import QSplitter


def save_splitters(settings: QSettings, splitters: dict[str, QSplitter]) -> None:
    for key, splitter in splitters.items():
        settings.setValue(key, splitter.saveState())


def restore_splitters(settings: QSettings, splitters: dict[str, QSplitter]) -> None:
    """Put each splitter back where it was; a missing or unreadable value leaves it be."""
    for key, splitter in splitters.items():
        state = settings.value(key)
        if isinstance(state, QByteArray):
            splitter.restoreState(state)
