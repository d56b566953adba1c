"""Settings → Calendar: the calendar file or folder the agenda reads (Today's "Next
meetings", ``winwin agenda``, ``brief --next``).

Self-contained for the Settings dialog: a choice is saved at once, as one undoable
step of the window's actions when there are some above it.
"""

from __future__ import annotations

from PySide6.QtWidgets import QFileDialog, QHBoxLayout, QLineEdit, QPushButton, QVBoxLayout, QWidget

from winwin_desktop.journal import ValidationError, agenda
from winwin_desktop.ui.widgets import ErrorLabel, muted

HINT = (
    "An .ics file or a folder of them (vdirsyncer, Thunderbird, Evolution, a calendar "
    "export); read on this computer, never imported."
)


class CalendarField(QWidget):
    """The calendar's path, with Choose file…, Choose folder… and Clear."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        row = QHBoxLayout()
        self.path = QLineEdit(agenda.calendar_path())
        self.path.setReadOnly(True)
        self.path.setPlaceholderText("No calendar")
        self.path.setAccessibleName("Calendar")
        self.path.setMinimumWidth(220)
        row.addWidget(self.path, 1)
        self.choose_file = QPushButton("File…")
        self.choose_file.setToolTip("Choose a calendar (.ics) file")
        self.choose_file.clicked.connect(self._pick_file)
        self.choose_folder = QPushButton("Folder…")
        self.choose_folder.setToolTip("Choose a folder of calendar files")
        self.choose_folder.clicked.connect(self._pick_folder)
        self.clear = QPushButton("Clear")
        self.clear.setToolTip("Read no calendar")
        self.clear.clicked.connect(lambda: self.choose(""))
        for button in (self.choose_file, self.choose_folder, self.clear):
            row.addWidget(button)
        outer.addLayout(row)
        outer.addWidget(muted(HINT))
        self.error = ErrorLabel()
        outer.addWidget(self.error)
        self.clear.setEnabled(bool(self.path.text()))

    def choose(self, path: str) -> bool:
        """Keep ``path`` as the calendar ("" for none); False, said beside the field, when
        it is not a calendar."""
        actions = self._actions()
        try:
            if actions is not None:
                saved = actions.run("Choose the calendar", lambda: agenda.set_calendar_path(path))
            else:
                saved = agenda.set_calendar_path(path)
        except ValidationError as error:
            self.error.show_error(error.message)
            return False
        self.error.clear()
        self.path.setText(saved)
        self.clear.setEnabled(bool(saved))
        return True

    def _actions(self):
        widget = self.parent()
        while widget is not None:
            actions = getattr(widget, "actions", None)
            if actions is not None and hasattr(actions, "run"):
                return actions
            widget = widget.parent()
        return None

    # dialogs (tests replace these) ------------------------------------------------------

    def _pick_file(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self, "Choose your calendar", self.path.text(), "Calendar (*.ics *.ical);;All files (*)"
        )
        if path:
            self.choose(path)

    def _pick_folder(self) -> None:
        path = QFileDialog.getExistingDirectory(
            self, "Choose a folder of calendars", self.path.text()
        )
        if path:
            self.choose(path)
