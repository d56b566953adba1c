"""Today: the day's reflection, what happened, what is due, who needs care."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QDate, QMetaMethod, QSettings, Qt, QTimer, Signal
from PySide6.QtGui import QFont, QKeySequence, QPalette, QShortcut, QTextCharFormat
from PySide6.QtWidgets import (
    QApplication,
    QCalendarWidget,
    QCheckBox,
    QFrame,
    QHBoxLayout,
    QLabel,
    QMenu,
    QPushButton,
    QScrollArea,
    QSplitter,
    QStackedWidget,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from winwin_desktop.analytics.attention import KEPT, Attention, PromiseInfo
from winwin_desktop.journal import promises, reflections, today
from winwin_desktop.journal.interactions import InteractionData
from winwin_desktop.text import plural
from winwin_desktop.ui import theme
from winwin_desktop.ui.dates import long_date, short_date
from winwin_desktop.ui.next_meetings import NextMeetings
from winwin_desktop.ui.promise_dialogs import KeepPromiseDialog
from winwin_desktop.ui.reflection_editor import ReflectionEditor
from winwin_desktop.ui.splitters import restore_splitters, save_splitters
from winwin_desktop.ui.undo import Actions
from winwin_desktop.ui.welcome_page import WelcomePage
from winwin_desktop.ui.widgets import heading, muted

MOST_ATTENTION_ROWS = 5  # shown before "Show all N"
MOST_DUE_ROWS = 5
MOST_LOGGED_ROWS = 5
MOST_PAST_TITLES = 3  # of an earlier year's interactions, under On this day
NOBODY_NEEDS_ATTENTION = "Nobody needs attention today."
ATTENTION_RULES = (
    "Most pressing first: someone losing by 10 points or more in the review window, then "
    "someone not met for their cadence and half of it again. Overdue promises are under "
    "Promises due."
)
READING = "…"  # a section whose rows are still being read
CALENDAR_FOLLOW_MS = 600  # the day follows the calendar's keyboard selection after a pause
ANSWER_POLL_MS = 30  # how often the page looks whether who needs attention has been read
ATTENTION_HEIGHT_KEY = "today_attention_height"  # the room the list took, in the settings


def _small_button(text: str, tooltip: str, slot) -> QPushButton:
    button = QPushButton(text)
    button.setToolTip(tooltip)
    button.clicked.connect(slot)
    return button


class Section(QWidget):
    """A titled list of rows that is rebuilt on every reload; with ``most``, only that
    many rows unless the user asks for all (a "Show all N" link under them)."""

    expand_toggled = Signal()

    def __init__(
        self,
        title: str,
        empty_text: str,
        most: int | None = None,
        hidden_words: tuple[str, str] = ("more row", "more rows"),
    ) -> None:
        super().__init__()
        self.layout_ = QVBoxLayout(self)
        self.layout_.setContentsMargins(0, 6, 0, 6)
        self.title = heading(title, 1.1)
        self.layout_.addWidget(self.title)
        self.rows = QVBoxLayout()
        self.rows.setSpacing(4)
        self.layout_.addLayout(self.rows)
        self.empty_text = empty_text
        self.row_widgets: list[QWidget] = []
        self.most = most
        self.hidden_words = hidden_words
        self.expanded = False
        self.show_all_button = QPushButton()
        self.show_all_button.setFlat(True)
        self.show_all_button.setCursor(Qt.PointingHandCursor)
        self.show_all_button.setStyleSheet(
            "QPushButton { color: palette(link); text-align: left; padding: 2px 0; border: none; }"
            "QPushButton:focus { text-decoration: underline; }"
        )
        self.show_all_button.clicked.connect(self.toggle)
        self.show_all_button.hide()
        self.layout_.addWidget(self.show_all_button, 0, Qt.AlignLeft)

    def toggle(self) -> None:
        """Show every row, or only the first few again."""
        self.expanded = not self.expanded
        self.expand_toggled.emit()

    def shown(self, items: list, count: int | None = None) -> list:
        """The items to show as rows (all, or the first :attr:`most`), the link to the
        rest said to match; ``count``: how many there are, when ``items`` holds only the
        first few."""
        count = len(items) if count is None else count
        more = self.most is not None and count > self.most
        if not more:
            self.show_all_button.hide()
            return items
        if self.expanded:
            self._say_more(f"Show only the first {self.most}", "Collapse the list again")
            return items
        one, many = self.hidden_words
        self._say_more(
            f"Show all {count}", f"{plural(count - self.most, one, many)}; show them here"
        )
        return items[: self.most]

    def _say_more(self, text: str, tip: str) -> None:
        # As wide as its words from the start: shown first and given its text after, it
        # kept an empty button's width until the next layout pass.
        button = self.show_all_button
        button.setText(text)
        button.setToolTip(tip)
        button.setFixedWidth(button.sizeHint().width())
        button.show()

    def clear(self) -> None:
        self.setMinimumHeight(0)
        for widget in self.row_widgets:
            widget.setParent(None)
            widget.deleteLater()
        self.row_widgets = []

    def add_row(
        self, text: str, *buttons: QWidget, tooltip: str = "", leading: QWidget | None = None
    ) -> QWidget:
        row = QWidget()
        layout = QHBoxLayout(row)
        layout.setContentsMargins(0, 0, 0, 0)
        if leading is not None:
            layout.addWidget(leading, 0, Qt.AlignTop)
        label = QLabel(text)
        label.setWordWrap(True)
        label.setTextFormat(Qt.RichText)
        label.setToolTip(tooltip)
        layout.addWidget(label, 1)
        for button in buttons:
            layout.addWidget(button, 0, Qt.AlignTop)
        self.rows.addWidget(row)
        self.row_widgets.append(row)
        return row

    def finish(self) -> None:
        if not self.row_widgets:
            label = muted(self.empty_text)
            self.rows.addWidget(label)
            self.row_widgets.append(label)

    def reserve_room(self, height: int | None = None) -> None:
        """While the rows are being read (the empty text says "…"): take ``height``, or
        else the room the first :attr:`most` rows of two lines and the link under them
        take, so that what is below does not move when they come (:meth:`clear` gives
        the room back)."""
        placeholder = self.row_widgets[0]
        placeholder.setAlignment(Qt.AlignLeft | Qt.AlignTop)
        if height is None:
            button = QPushButton("Log…")
            line = max(2 * placeholder.fontMetrics().lineSpacing(), button.sizeHint().height())
            most = self.most or 1
            room = most * line + (most - 1) * self.rows.spacing()
            if self.most is not None:
                room += self.layout_.spacing() + self.show_all_button.sizeHint().height()
            height = self.sizeHint().height() - placeholder.sizeHint().height() + room
        self.setMinimumHeight(height)


class TodayPage(QWidget):
    """The evening routine on one page: the reflection on the left (one pane, Write or
    Preview), and on the right what to act on — promises due (tick = kept), the few
    people who need attention, the day's history. An empty journal shows the welcome
    page instead."""

    log_requested = Signal(list)  # person ids
    open_person = Signal(int)
    open_person_promises = Signal(int)  # the person, on their Promises tab
    open_interaction = Signal(int)
    message = Signal(str)
    import_requested = Signal()  # from the welcome page
    demo_requested = Signal()

    def __init__(self, actions: Actions, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.actions = actions
        self.day = dt.date.today()
        # The names for @-completion and who needs attention look at everyone: read once
        # the day is on screen (see _read_people_part), beside the window on a thread of
        # their own, and again only when the journal has changed.
        self._people_part_due = False  # to read once the page has painted
        self._people_part_queued = False
        self._stored: dict | None = None  # the settings the day was read with
        self._changes = 0  # the user's changes to the journal (actions.changed)
        self._reading = None  # the read under way (aggregates.Background), if any
        self._read_for: tuple | None = None  # the journal as it was when it started
        self._shown_for: tuple | None = None  # ... when the list shown was read
        self._answer_timer = QTimer(self, interval=ANSWER_POLL_MS)
        self._answer_timer.timeout.connect(self._take_answer)
        actions.changed.connect(self._journal_changed)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        self.stack = QStackedWidget()
        outer.addWidget(self.stack)
        self.routine = QWidget()
        self.welcome = WelcomePage()
        self.welcome.import_contacts.connect(self.import_requested)
        self.welcome.import_calendar.connect(self.import_requested)
        self.welcome.log_first.connect(lambda: self.log_requested.emit([]))
        self.welcome.try_demo.connect(self.demo_requested)
        self.stack.addWidget(self.routine)
        self.stack.addWidget(self.welcome)
        layout = QVBoxLayout(self.routine)
        layout.setContentsMargins(16, 10, 16, 10)

        top = QHBoxLayout()
        self.previous = QToolButton(text="◀")
        self.previous.setToolTip("Previous day (Alt+Left)")
        self.previous.clicked.connect(lambda: self.show_day(self.day - dt.timedelta(days=1)))
        self.next = QToolButton(text="▶")
        self.next.setToolTip("Next day (Alt+Right)")
        self.next.clicked.connect(lambda: self.show_day(self.day + dt.timedelta(days=1)))
        self.title = heading("")
        self.today_button = QPushButton("Today")
        self.today_button.setToolTip("Back to today (Ctrl+T)")
        self.today_button.clicked.connect(lambda: self.show_day(dt.date.today()))
        self.streak = QLabel()
        self.streak.setToolTip("Days in a row with a reflection")
        for widget in (self.previous, self.title, self.next, self.today_button):
            top.addWidget(widget)
        top.addStretch(1)
        top.addWidget(self.streak)
        self.log_button = QPushButton("Log interaction…")
        self.log_button.setToolTip("Log a meeting, call or message (Ctrl+N)")
        self.log_button.clicked.connect(lambda: self.log_requested.emit([]))
        top.addWidget(self.log_button)
        layout.addLayout(top)

        splitter = QSplitter()
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 10, 0)
        self.editor = ReflectionEditor()
        self.editor.saved.connect(lambda _day: self._refresh_side())
        self.editor.save_failed.connect(self.message)
        self.editor.person_activated.connect(self.open_person)
        reflection_head = QHBoxLayout()
        reflection_head.addWidget(heading("Reflection", 1.1))
        reflection_head.addStretch(1)
        reflection_head.addLayout(self.editor.toggle_row)
        left_layout.addLayout(reflection_head)
        # The prompts wrap like text; each is a link that adds it as a heading.
        self.prompts = QLabel()
        self.prompts.setWordWrap(True)
        self.prompts.setTextFormat(Qt.RichText)
        self.prompts.setTextInteractionFlags(
            Qt.LinksAccessibleByMouse | Qt.LinksAccessibleByKeyboard
        )
        self.prompts.setToolTip("Click a prompt to add it as a heading to the reflection")
        self.prompts.linkActivated.connect(
            lambda index: self._insert_prompt(self._prompts[int(index)])
        )
        self._prompts: list[str] = []
        left_layout.addWidget(self.prompts)
        left_layout.addWidget(self.editor, 1)
        # The first few, as in the sections beside it: a busy day's every interaction
        # under the editor squeezed it (and took a third of a second to lay out).
        self.logged = Section(
            "Logged this day",
            "Nothing logged on this day yet (Ctrl+N).",
            MOST_LOGGED_ROWS,
            ("more interaction", "more interactions"),
        )
        self._logged: list[InteractionData] = []
        self.logged.expand_toggled.connect(lambda: self._fill_logged(self._logged))
        left_layout.addWidget(self.logged)
        splitter.addWidget(left)

        side = QWidget()
        side_layout = QVBoxLayout(side)
        side_layout.setContentsMargins(10, 0, 4, 0)
        self.calendar = QCalendarWidget()
        self.calendar.setGridVisible(False)
        self.calendar.setVerticalHeaderFormat(QCalendarWidget.NoVerticalHeader)
        self.calendar.setMaximumHeight(210)
        self.calendar.setToolTip(
            "Bold: a reflection. Coloured: interactions logged. "
            "Arrow keys move, Enter opens the day."
        )
        self.calendar.clicked.connect(lambda qdate: self.show_day(qdate.toPython()))
        # Enter (or a double-click) opens the day at once; arrow keys open it after a
        # short pause, so that browsing day by day does not reload on every press.
        self.calendar.activated.connect(lambda qdate: self.show_day(qdate.toPython()))
        self._calendar_timer = QTimer(self, singleShot=True, interval=CALENDAR_FOLLOW_MS)
        self._calendar_timer.timeout.connect(self._follow_calendar)
        self.calendar.selectionChanged.connect(self._calendar_timer.start)
        self.calendar.currentPageChanged.connect(lambda _y, _m: self._mark_calendar())
        side_layout.addWidget(self.calendar)
        # What the marks mean, in the marks themselves (filled in with the theme's colour).
        self.calendar_legend = muted()
        self.calendar_legend.setWordWrap(False)
        self.calendar_legend.setTextFormat(Qt.RichText)
        self.calendar_legend.setAccessibleName("Calendar legend")
        side_layout.addWidget(self.calendar_legend)
        # Promises due and Needs attention show their most pressing few, so that both
        # are in view on a laptop under the calendar; "Show all N" opens the rest.
        self.due = Section(
            "Promises due",
            "No promises due in the next 7 days.",
            MOST_DUE_ROWS,
            ("more promise is due", "more promises are due"),
        )
        self.due.title.setToolTip("Tick a promise when it is kept (Ctrl+Z undoes it)")
        self._due: list[PromiseInfo] = []
        self._due_count = 0  # how many are due: _due may hold only the first few
        self.due.expand_toggled.connect(self._due_expanded)
        self.attention = Section(
            "Needs attention",
            NOBODY_NEEDS_ATTENTION,
            MOST_ATTENTION_ROWS,
            ("more person needs attention", "more people need attention"),
        )
        self.attention.title.setToolTip(ATTENTION_RULES)
        self._attention: list[Attention] = []
        # Until the first read: "…", never a wrong "Nobody needs attention".
        self.attention.empty_text = READING
        self.attention.finish()
        self.attention.reserve_room()
        self.attention.expand_toggled.connect(lambda: self._fill_attention(self._attention))
        self.history = Section("On this day", "Nothing from this date in earlier years.")
        self.next_meetings = NextMeetings(actions)
        sections = QWidget()
        sections_layout = QVBoxLayout(sections)
        sections_layout.setContentsMargins(0, 0, 4, 0)
        for section in (self.next_meetings, self.due, self.attention, self.history):
            sections_layout.addWidget(section)
        sections_layout.addStretch(1)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.NoFrame)
        scroll.setWidget(sections)
        side_layout.addWidget(scroll, 1)
        side.setMinimumWidth(380)
        splitter.addWidget(side)
        splitter.setStretchFactor(0, 1)
        splitter.setStretchFactor(1, 1)
        self.splitter = splitter
        self.side_scroll = scroll
        layout.addWidget(splitter, 1)

        QShortcut(
            QKeySequence("Alt+Left"),
            self,
            self.previous.click,
            context=Qt.WidgetWithChildrenShortcut,
        )
        QShortcut(
            QKeySequence("Alt+Right"), self, self.next.click, context=Qt.WidgetWithChildrenShortcut
        )

    # showing ----------------------------------------------------------------------------

    def reload(self) -> None:
        """Read the day shown again and show it; who needs attention (and the names for
        @-completion) follow once it is on screen, the list read last staying meanwhile
        ("…" before the first)."""
        self.editor.save()  # first: what is read next includes it
        page = self._read(self.day)
        self.stack.setCurrentWidget(self.welcome if page.empty else self.routine)
        if not page.empty:
            self.show_day(self.day, page)
            self._people_part_due = True
            self.update()  # painted, then read (paintEvent)

    def paintEvent(self, event) -> None:
        super().paintEvent(event)
        if self._people_part_due and not self._people_part_queued:
            self._people_part_queued = True
            QTimer.singleShot(0, self, self._read_people_part)

    @property
    def reading_people_part(self) -> bool:
        """Whether who needs attention is still to be read (or being read) for what is
        shown."""
        return self._people_part_due or self._reading is not None

    def _read_people_part(self) -> None:
        """Start reading everyone's names for @-completion, and who needs attention,
        unless the list shown was read from the journal as it is (or a read is under way:
        its answer is checked when it comes)."""
        self._people_part_due = self._people_part_queued = False
        if self.is_welcoming() or self._reading is not None:
            return
        journal = self._journal_state()
        if journal == self._shown_for:
            return
        self._read_for = journal
        self._reading = today.people_part_in_background(self._stored or {})
        if self._reading.ready():  # read at once (a server, an encrypted file)
            self._take_answer()
        else:
            self._answer_timer.start()

    def _take_answer(self) -> None:
        """Show what the read under way found once it is there; an answer from before a
        change to the journal is dropped, and read again."""
        if self._reading is None or not self._reading.ready():
            return
        self._answer_timer.stop()
        reading, self._reading = self._reading, None
        part, names = reading()
        if self._read_for != self._journal_state():
            if self.isVisible():
                self._read_people_part()
            return
        self._shown_for = self._read_for
        self.editor.set_names(names)
        self._fill_attention(part.attention)

    def _journal_state(self) -> tuple:
        """What who needs attention depends on besides the rows: the journal (opened
        anew, written by another program, changed by the user), the settings, the date."""
        return (
            *today.journal_seen(),
            self._changes,
            self._stored,
            dt.date.today(),
        )

    def _journal_changed(self) -> None:
        """An action of the user's changed the journal: with the page on screen, who
        needs attention is read at once (the window has read the day again), so that a
        snooze or a log shows its effect with it."""
        self._changes += 1
        if self.isVisible() and not self.is_welcoming():
            self._read_people_part()

    def is_welcoming(self) -> bool:
        return self.stack.currentWidget() is self.welcome

    def show_day(self, day: dt.date, page: today.DayPage | None = None) -> None:
        """Show ``day`` (as ``page`` read it, or as read now)."""
        self._calendar_timer.stop()
        if day != self.day and not self.flush():
            # The reflection could not be saved (the editor said so): stay on its day, so
            # the text is not replaced by another day's.
            self._select_in_calendar(self.day)
            self._mark_calendar()
            return
        self.editor.save()  # first: what is read next includes it
        page = page or self._read(day)
        self.editor.load(day, page.reflection)
        self.day = day
        is_today = day == dt.date.today()
        self.title.setText(("Today — " if is_today else "") + long_date(day))
        self._select_in_calendar(day)
        self._fill_prompts(page.prompts)
        self._refresh_side(page)

    def _read(self, day: dt.date) -> today.DayPage:
        """What the page shows of ``day``, read at once (the calendar's marks for the month
        it shows ``day`` in); who needs attention is another read (_read_people_part)."""
        # The first few promises due, unless the user asked for all of them.
        first_due = None if self.due.expanded else MOST_DUE_ROWS
        page = today.day_page(day, _marked_range(day.year, day.month), first_due=first_due)
        self._stored = page.stored
        return page

    def _select_in_calendar(self, day: dt.date) -> None:
        self.calendar.blockSignals(True)  # not a choice of the user's
        self.calendar.setSelectedDate(QDate(day.year, day.month, day.day))
        self.calendar.blockSignals(False)

    def _follow_calendar(self) -> None:
        day = self.calendar.selectedDate().toPython()
        if day != self.day:
            self.show_day(day)

    def focus_next_meetings(self) -> None:
        """The cursor on the first of Next meetings' rows, scrolled into view; without a
        meeting, the section is shown with what it says (no calendar, or no meeting)."""
        if self.is_welcoming():
            return
        button = self.next_meetings.focus_first()
        # Once laid out (rows read just now have no place yet).
        target = button or self.next_meetings
        QTimer.singleShot(0, self, lambda: self.side_scroll.ensureWidgetVisible(target))
        if button is None:
            self.message.emit(self.next_meetings.empty.text())

    def cancel_pending(self) -> None:
        """Drop a day picked in the calendar and not shown yet, and a read of who needs
        attention under way (the journal is closing)."""
        self._calendar_timer.stop()
        self._answer_timer.stop()
        self._reading = None
        self._people_part_due = self._people_part_queued = False

    def flush(self) -> bool:
        """Save the reflection now (page change, day change, close)."""
        return self.editor.save()

    def _splitters(self) -> dict[str, QSplitter]:
        return {"today_splitter": self.splitter}

    def save_state(self, settings: QSettings) -> None:
        """Remember where the user left the splitters, and the room who needs attention
        took (its first rows), to keep for it at the next start until it is read (the main
        window calls this on close)."""
        save_splitters(settings, self._splitters())
        if self._shown_for is not None and not self.attention.expanded:
            settings.setValue(ATTENTION_HEIGHT_KEY, self.attention.height())

    def restore_state(self, settings: QSettings) -> None:
        restore_splitters(settings, self._splitters())
        height = settings.value(ATTENTION_HEIGHT_KEY)
        # An unreadable value leaves the room the first rows usually take.
        if self._shown_for is None and str(height).isdigit():
            self.attention.reserve_room(int(height))

    def _refresh_side(self, page: today.DayPage | None = None) -> None:
        page = page or self._read(self.day)
        # Said once there is one: "0 days" on day one only discourages.
        self.streak.setText(f"Reflection streak: <b>{plural(page.streak, 'day')}</b>")
        self.streak.setVisible(page.streak > 0)
        self._fill_logged(page.logged)
        self._fill_due(page.due, page.due_count)
        self._fill_history(page.on_this_day)
        self._mark_calendar(page)

    def _fill_prompts(self, prompts: list[str]) -> None:
        self._prompts = prompts
        links = " · ".join(
            f"<a href='{i}' style='text-decoration:none'>+ {_escape(p)}</a>"
            for i, p in enumerate(self._prompts)
        )
        self.prompts.setText(
            f"<span style='color:palette(placeholder-text)'>Prompts:</span> {links}"
        )

    def _insert_prompt(self, prompt: str) -> None:
        editor = self.editor.editor
        text = editor.toPlainText()
        prefix = (
            "" if not text or text.endswith("\n\n") else ("\n" if text.endswith("\n") else "\n\n")
        )
        editor.moveCursor(editor.textCursor().MoveOperation.End)
        editor.insertPlainText(f"{prefix}### {prompt}\n")
        editor.setFocus()

    def _fill_logged(self, items: list[InteractionData]) -> None:
        self.logged.clear()
        self._logged = items
        given, received = theme.given_colour(), theme.received_colour()
        for item in self.logged.shown(items):
            g = sum(e.points for e in item.exchanges if e.direction == "given")
            r = sum(e.points for e in item.exchanges if e.direction == "received")
            text = (
                f"<b>{_escape(item.title or item.kind.capitalize())}</b> — {item.kind} with "
                f"{_escape(', '.join(item.participant_names))} "
                f"<span style='color:{given}'>gave {g}</span> · "
                f"<span style='color:{received}'>received {r}</span>"
            )
            self.logged.add_row(
                text,
                _small_button(
                    "Open",
                    "Edit this interaction",
                    lambda _=False, i=item.id: self.open_interaction.emit(i),
                ),
            )
        self.logged.finish()

    def _due_expanded(self) -> None:
        """Show all promises due (read now if only the first few were), or the first few."""
        if self.due.expanded and len(self._due) < self._due_count:
            self._due = today.due_now()
            self._due_count = len(self._due)
        self._fill_due(self._due, self._due_count)

    def _fill_due(self, due: list[PromiseInfo], count: int) -> None:
        self.due.clear()
        self._due, self._due_count = due, count
        now = dt.date.today()
        for promise in self.due.shown(due, count):
            text = _escape(promise.describe(now))
            if promise.is_overdue(now):
                main, _, late = text.rpartition(" — ")
                text = f"{main} — <b style='color:{theme.alarm_colour()}'>{late}</b>"
            kept = QCheckBox()
            kept.setToolTip("Tick when it is kept (Ctrl+Z undoes it)")
            kept.setAccessibleName(f"Kept: {promise.describe(now)}")
            kept.toggled.connect(lambda on, p=promise: on and self.tick(p))
            row = self.due.add_row(
                text,
                _small_button(
                    "Open",
                    f"Open {promise.person_name}'s promises",
                    lambda _=False, p=promise: self.open_promises(p.person_id),
                ),
                leading=kept,
            )
            row.kept = kept
        self.due.finish()

    def _fill_attention(self, people: list[Attention]) -> None:
        self.attention.clear()
        self.attention.empty_text = NOBODY_NEEDS_ATTENTION
        self._attention = people
        for item in self.attention.shown(people):
            # A push button with a menu keeps room for its arrow (a tool button drew the
            # arrow over "Snooze"), and looks like the row's other button.
            snooze = QPushButton("Snooze")
            snooze.setToolTip(f"Hide {item.name} from this list for a while")
            menu = QMenu(snooze)
            menu.addAction(
                "For a week", lambda _checked=False, pid=item.person_id: self.snooze(pid, 7)
            )
            menu.addAction(
                "For a month", lambda _checked=False, pid=item.person_id: self.snooze(pid, 30)
            )
            snooze.setMenu(menu)
            # The reason that put them here first; every reason in the tooltip.
            main = _main_reason(item)
            more = len(item.reasons) - 1
            self.attention.add_row(
                f"<b>{_escape(item.name)}</b> — "
                f"<span style='color:palette(placeholder-text)'>{_escape(main)}"
                + (f" (+{more} more)" if more > 0 else "")
                + "</span>",
                _small_button(
                    "Log…",
                    f"Log an interaction with {item.name}",
                    lambda _=False, pid=item.person_id: self.log_requested.emit([pid]),
                ),
                snooze,
                tooltip="\n".join(item.reasons),
            )
        self.attention.finish()

    def _fill_history(self, days: list[today.OnThisDay]) -> None:
        self.history.clear()
        for past in days:
            parts = []
            if past.reflection:
                first = past.reflection.text.strip().splitlines()[0]
                parts.append(f"“{_escape(first[:120])}”")
            # The first few: a day with hundreds made a paragraph nobody reads (and a
            # tenth of a second to lay out).
            shown = past.titles[:MOST_PAST_TITLES]
            parts += [_escape(title) for title in shown]
            if len(past.titles) > len(shown):
                parts.append(f"and {len(past.titles) - len(shown)} more")
            self.history.add_row(
                f"<b>{past.day.year}</b> — " + " · ".join(parts),
                _small_button(
                    "Go",
                    f"Show {short_date(past.day)}",
                    lambda _=False, d=past.day: self.show_day(d),
                ),
            )
        self.history.finish()

    def _mark_calendar(self, page: today.DayPage | None = None) -> None:
        """Mark the days of the month shown (and around it) with interactions and
        reflections: as ``page`` read them if it read that month."""
        first, last = _marked_range(self.calendar.yearShown(), self.calendar.monthShown())
        self.calendar.setDateTextFormat(QDate(), QTextCharFormat())  # clear every mark
        # Weekends in the ordinary text colour: Qt's red read as an alarm.
        ordinary = QTextCharFormat()
        ordinary.setForeground(QApplication.palette().color(QPalette.Text))
        for weekend_day in (Qt.Saturday, Qt.Sunday):
            self.calendar.setWeekdayTextFormat(weekend_day, ordinary)
        self.calendar_legend.setText(
            f"<span style='color:{theme.given_colour()}'>Blue</span>: interactions logged"
            " · <b><u>bold</u></b>: a reflection"
        )
        bold = QFont()
        bold.setBold(True)
        if page is not None and page.marked == (first, last):
            logged, written = page.days_logged, page.days_written
        else:  # another month than the day's
            logged = reflections.days_with_interactions(first, last)
            written = reflections.days_with_reflections(first, last)
        for day in logged | written:
            fmt = QTextCharFormat()
            if day in written:
                fmt.setFontWeight(QFont.Bold)
                fmt.setFontUnderline(True)
            if day in logged:
                fmt.setForeground(_qcolor(theme.given_colour()))
            self.calendar.setDateTextFormat(QDate(day.year, day.month, day.day), fmt)

    # actions ----------------------------------------------------------------------------

    def tick(self, promise: PromiseInfo) -> None:
        """The promise's box was ticked: it is kept (one undoable step)."""
        self.actions.run(
            f"Promise kept: {promise.text}", lambda: promises.set_status(promise.id, KEPT)
        )
        self.message.emit(f"Kept: {promise.text}. Ctrl+Z undoes it.")

    def keep(self, promise: PromiseInfo) -> KeepPromiseDialog:
        dialog = KeepPromiseDialog(self.actions, promises.get_promise(promise.id), self)
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()
        return dialog

    def open_promises(self, person_id: int) -> None:
        """Open the person on their Promises tab (or just the person, if the window does
        not know how to choose a tab)."""
        signal = QMetaMethod.fromSignal(self.open_person_promises)
        if self.isSignalConnected(signal):
            self.open_person_promises.emit(person_id)
        else:
            self.open_person.emit(person_id)

    def snooze(self, person_id: int, days: int) -> None:
        until = self.actions.run("Snooze", lambda: today.snooze(person_id, days))
        self.message.emit(f"Snoozed until {short_date(until)}. Ctrl+Z undoes it.")


def _marked_range(year: int, month: int) -> tuple[dt.date, dt.date]:
    """The days the calendar shows with ``month`` of ``year``: a week before, two after."""
    first = dt.date(year, month, 1) - dt.timedelta(days=7)
    last = dt.date(year + (month == 12), month % 12 + 1, 1) + dt.timedelta(days=14)
    return first, last


def _main_reason(item: Attention) -> str:
    """The reason that put ``item`` on the list (its priority), in a few words (the name
    is already at the row's start)."""
    wanted = {"losing": "They are the one losing", "drifting": "No contact"}.get(item.priority)
    found = [r for r in item.reasons if wanted and r.startswith(wanted)]
    return (found or item.reasons)[0]


def _qcolor(name: str):
    from PySide6.QtGui import QColor

    return QColor(name)


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
