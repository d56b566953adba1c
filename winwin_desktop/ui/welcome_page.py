"""The first run: on an empty journal, what to do first instead of an empty table."""

from __future__ import annotations

import sys

from PySide6.QtCore import QProcess, Qt, Signal
from PySide6.QtWidgets import QFrame, QGridLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from winwin_desktop.journal.settings import POINTS_SCALE
from winwin_desktop.ui.widgets import heading, muted

POINTS_LINE = (
    "In each meeting you note what you gave and what you received, worth 1 to 5 points: "
    + " · ".join(f"{n} {label.split(' — ')[0]}" for n, label in POINTS_SCALE.items())
    + ". WinWin then shows, for everyone, whether both sides gain."
)


class WelcomePage(QWidget):
    """Four ways to start; each button says what it does."""

    import_contacts = Signal()
    import_calendar = Signal()
    log_first = Signal()
    try_demo = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        outer = QVBoxLayout(self)
        outer.addStretch(2)
        column = QWidget()
        column.setFixedWidth(720)
        layout = QVBoxLayout(column)
        layout.setContentsMargins(24, 0, 24, 0)
        title = heading("Welcome to WinWin", 1.8)
        layout.addWidget(title)
        layout.addWidget(
            muted(
                "A private journal of your professional relationships: who helped whom, "
                "what was promised, and which relationships need care. Everything stays on "
                "this computer."
            )
        )
        layout.addSpacing(12)
        grid = QGridLayout()
        grid.setHorizontalSpacing(16)
        grid.setVerticalSpacing(10)
        self.buttons: dict[str, QPushButton] = {}
        for row, (key, text, explanation, signal) in enumerate(
            (
                (
                    "contacts",
                    "Import contacts…",
                    "LinkedIn (Connections.csv), Google or Outlook (CSV), vCard files",
                    self.import_contacts,
                ),
                (
                    "calendar",
                    "Import a calendar…",
                    "An .ics file: past meetings become interactions",
                    self.import_calendar,
                ),
                (
                    "log",
                    "Log your first meeting…",
                    "Who was there, what was given and received, promises (Ctrl+N)",
                    self.log_first,
                ),
                (
                    "demo",
                    "Try the demo journal",
                    "A second window on 40 made-up people; your journal is untouched",
                    self.try_demo,
                ),
            )
        ):
            button = QPushButton(text)
            button.setMinimumWidth(200)
            button.clicked.connect(signal)
            self.buttons[key] = button
            # One line each: wrapped labels in a grid are given one line's height.
            label = QLabel(explanation)
            grid.addWidget(button, row, 0, Qt.AlignTop)
            grid.addWidget(label, row, 1)
        grid.setColumnStretch(1, 1)
        layout.addLayout(grid)
        layout.addSpacing(12)
        line = QFrame()
        line.setFrameShape(QFrame.HLine)
        line.setFrameShadow(QFrame.Sunken)
        layout.addWidget(line)
        self.points = muted(POINTS_LINE)
        layout.addWidget(self.points)
        outer.addWidget(column, 0, Qt.AlignHCenter)
        outer.addStretch(3)


def open_demo() -> bool:
    """Open the demo journal in a second WinWin (its own temporary journal)."""
    return QProcess.startDetached(sys.executable, ["-m", "winwin_desktop", "--demo"])[0]
