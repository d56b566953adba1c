"""Who is signed in, on the window's status bar (a team journal only)."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QStatusBar

from winwin_desktop.journal import team


def show_signed_in(status_bar: QStatusBar) -> QLabel | None:
    """A permanent "Signed in as Ana Ruiz (ana@example.com)" on a team journal; None, and
    nothing shown, on a journal of one user."""
    me = team.current_member()
    if me is None:
        return None
    label = QLabel(f"Signed in as {me.name} ({me.email})")
    label.setAccessibleName("Signed in as")
    label.setToolTip(f"Your PostgreSQL login on this team journal is “{me.role}”.")
    status_bar.addPermanentWidget(label)
    return label
