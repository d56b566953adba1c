"""Pages whose features come in later releases: an honest empty state, never fake data."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from winwin_desktop.ui.widgets import EmptyState


def overview_placeholder() -> QWidget:
    return EmptyState(
        "Overview",
        "Every relationship on one chart — points given against points received, with the "
        "win-win band — arrives in the next release. Until then, the People page shows each "
        "person's balance.",
    )


def search_placeholder() -> QWidget:
    return EmptyState(
        "Search",
        "Full-text search over people, interactions and notes arrives in the next release. "
        "Until then, filter the People list by name, organisation or tag (Ctrl+2, then type).",
    )
