"""Today's "Next meetings": the coming week's meetings from the user's calendar with
people in the journal, each with Brief (the brief for those people) and Log (after the
meeting, a log with exactly those people, its title and date).

The calendar is read by ``journal.agenda`` (never imported) after the page is painted,
again every minute while the page is on screen (a changed file is read again; an
unchanged one costs a stat), and when the journal changed (once back on screen).
"""

from __future__ import annotations

import datetime as dt
import html
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from winwin_desktop.journal import ValidationError
from winwin_desktop.journal.opening import data_version
from winwin_desktop.ui.dates import human_date
from winwin_desktop.ui.shortcuts import NEXT_MEETINGS_KEYS
from winwin_desktop.ui.undo import Actions
from winwin_desktop.ui.widgets import heading, muted

if TYPE_CHECKING:
    from winwin_desktop.journal.agenda import Meeting

DAYS = 7
REFRESH_MS = 60_000
NO_CALENDAR = "Choose your calendar in Settings → Reminders → Calendar to see meetings here."
NO_MEETINGS = f"No meetings with people from the journal in the next {DAYS} days."


class NextMeetings(QWidget):
    """The next :data:`DAYS` days' meetings with people from the journal."""

    def __init__(self, actions: Actions, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.actions = actions
        self.meetings: list[Meeting] = []
        self._shown: tuple[list[Meeting], dt.date] | None = None  # what the rows show
        self.rows: list[QWidget] = []
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 6, 0, 6)
        title = heading("Next meetings", 1.1)
        title.setToolTip(
            f"{NEXT_MEETINGS_KEYS} goes here: Enter opens the brief, Tab moves to Log and on"
        )
        layout.addWidget(title)
        self.list = QVBoxLayout()
        self.list.setSpacing(4)
        layout.addLayout(self.list)
        self.empty = muted()
        layout.addWidget(self.empty)
        self.timer = QTimer(self, interval=REFRESH_MS)
        self.timer.timeout.connect(self._refresh_if_shown)
        self.timer.start()
        actions.changed.connect(self._refresh_if_shown)
        # Read once the page is painted, and only while it is on screen: a window closed
        # or locked meanwhile has no journal to read.
        self._stale = True
        QTimer.singleShot(0, self, self._refresh_if_shown)

    def reload(self) -> None:
        """Read the calendar (again, if it changed) and show its coming meetings."""
        # The calendar reader (and its iCalendar parser) loads after the first paint.
        from winwin_desktop.journal import agenda

        if data_version() is None:  # the journal is locked: read it once it is open again
            self._stale = True
            return
        try:
            path = agenda.calendar_path()  # read once: a round trip to a server
            meetings = agenda.upcoming(path, days=DAYS)
            message = "" if meetings else NO_MEETINGS
            if not path:
                message = NO_CALENDAR
        except ValidationError as error:
            meetings, message = [], error.message
        self.empty.setText(message)
        self.empty.setVisible(bool(message))
        shown = (meetings, dt.date.today())  # "tomorrow" is "today" after midnight
        if shown == self._shown and len(self.rows) == len(meetings):
            return  # the same rows: the cursor stays on the one it is on (read every minute)
        self.meetings, self._shown = meetings, shown
        for row in self.rows:
            row.setParent(None)
            row.deleteLater()
        self.rows = [self._row(meeting) for meeting in self.meetings]
        for row in self.rows:
            self.list.addWidget(row)

    def focus_first(self) -> QPushButton | None:
        """Put the cursor on the first meeting's Brief (reading the calendar first if
        it is not read yet); None when there is no meeting."""
        if self._stale:
            self._refresh_if_shown()
        if not self.rows:
            return None
        button = self.rows[0].brief
        button.setFocus(Qt.FocusReason.ShortcutFocusReason)
        return button

    def _refresh_if_shown(self) -> None:
        if self.isVisible():
            self._stale = False
            self.reload()
        else:
            self._stale = True

    def showEvent(self, event) -> None:  # noqa: N802 (Qt's name)
        super().showEvent(event)
        if self._stale:
            QTimer.singleShot(0, self, self._refresh_if_shown)

    def _row(self, meeting: Meeting) -> QWidget:
        row = QWidget()
        layout = QHBoxLayout(row)
        layout.setContentsMargins(0, 0, 0, 0)
        day = human_date(meeting.start.date())
        when = day if meeting.all_day else f"{day} {meeting.start:%H:%M}"
        who = ", ".join(meeting.names + meeting.others)
        label = QLabel(
            f"<b>{html.escape(when)}</b> · {html.escape(meeting.title or 'Meeting')}"
            f"<br><span style='color: palette(placeholder-text);'>with {html.escape(who)}</span>"
        )
        label.setTextFormat(Qt.RichText)
        label.setWordWrap(True)
        layout.addWidget(label, 1)
        brief = QPushButton("Brief")
        brief.setToolTip(f"The brief for {', '.join(meeting.names)}")
        brief.clicked.connect(lambda: self.open_brief(meeting))
        log = QPushButton("Log")
        log.setToolTip("After the meeting: log it with these people, its title and date")
        log.clicked.connect(lambda: self.log_meeting(meeting))
        for button in (brief, log):
            button.setAutoDefault(True)  # Enter presses it, as Space does
            layout.addWidget(button, 0, Qt.AlignTop)
        row.brief = brief
        return row

    def open_brief(self, meeting: Meeting):
        """The brief of the meeting's people from the journal, in its own window."""
        from winwin_desktop.ui.brief_tab import BriefDialog

        dialog = BriefDialog(meeting.person_ids, self.window(), meeting=meeting.heading())
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.show()
        return dialog

    def log_meeting(self, meeting: Meeting):
        """A log dialog with exactly the meeting's people, its title and its date."""
        from winwin_desktop.ui.log_dialog import LogInteractionDialog

        dialog = LogInteractionDialog(
            self.actions,
            self.window(),
            people_ids=meeting.person_ids,
            meeting=(meeting.title, meeting.start.date()),
        )
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()
        return dialog
