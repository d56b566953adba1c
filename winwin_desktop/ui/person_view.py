"""The person page: who they are (editable in place) and the timeline of what happened."""

from __future__ import annotations

import datetime as dt
import re

from PySide6.QtCore import QStringListModel, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QKeySequence, QPixmap, QShortcut
from PySide6.QtWidgets import (
    QApplication,
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMenu,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QStackedWidget,
    QTabWidget,
    QTextBrowser,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from winwin_desktop.analytics import NEW
from winwin_desktop.analytics.balance import balance_trend, describe_window, window_abbreviation
from winwin_desktop.charts.palette import STATUS_COLOUR
from winwin_desktop.formats import markdown
from winwin_desktop.journal import (
    ValidationError,
    interactions,
    people,
    person_page,
    profile,
    today,
)
from winwin_desktop.journal.errors import ChangedMeanwhile
from winwin_desktop.journal.interactions import InteractionData
from winwin_desktop.journal.people import PersonData
from winwin_desktop.journal.person_page import PersonPage
from winwin_desktop.journal.reflections import ReflectionData
from winwin_desktop.journal.search import plain_text
from winwin_desktop.ui import theme
from winwin_desktop.ui.balance_tab import BalanceTab
from winwin_desktop.ui.brief_tab import BriefTab
from winwin_desktop.ui.completion import FoldingCompleter
from winwin_desktop.ui.dates import human_date, short_date
from winwin_desktop.ui.name_parts import NamePartsRows
from winwin_desktop.ui.people_model import signed
from winwin_desktop.ui.person_mentions import MentionsTab
from winwin_desktop.ui.promises_tab import PromisesTab
from winwin_desktop.ui.team_tab import add_team_tab
from winwin_desktop.ui.timeline_rows import SUBTITLE_ROLE, WRAP_ROLE, TwoLineDelegate
from winwin_desktop.ui.undo import Actions
from winwin_desktop.ui.widgets import ElidedLabel, EmptyState, ErrorLabel, heading, muted

ID_ROLE = Qt.UserRole + 1
TREND_STEADY = 0.5  # points per 30 days: slower than this, the balance is steady
REFLECTION_ROLE = Qt.UserRole + 2
DATE_ROLE = Qt.UserRole + 3  # a timeline row's day, for putting reflections in order
# The timeline shows the newest interactions first and this many more each time it is
# scrolled to its end: the busiest people have thousands, and filling them all at once
# would make opening them slow.
TIMELINE_PAGE = 200

# (field, label, placeholder); list fields are edited as comma-separated text.
PROFILE_FIELDS = (
    ("name", "Name", ""),
    ("organisation", "Organisation", "Where they work"),
    ("role", "Role", "e.g. Head of Partnerships"),
    ("emails", "Emails", "Separate several with commas"),
    ("phones", "Phones", "Separate several with commas"),
    ("links", "Links", "LinkedIn, website… separated with commas"),
    ("tags", "Tags", "e.g. client, investor — separated with commas"),
    ("how_met", "How we met", "e.g. panel at Web Summit"),
    ("met_on", "Met on", "YYYY-MM-DD"),
    ("introduced_by_name", "Introduced by", "Start typing a name; empty: nobody"),
    ("cadence_days", "Keep in touch every", "e.g. 60"),
)
LIST_FIELDS = {"emails", "phones", "links", "tags"}
INTRODUCER = "introduced_by_name"
CADENCE = "cadence_days"
PHOTO_SIZE = 56  # the header's picture, in device-independent pixels
# (menu text, days) offered by the header's Snooze button, as on the Today page.
SNOOZES = (("For a week", 7), ("For a month", 30))
TIMELINE_TIP = "Double-click or press Enter to edit an interaction; Delete moves it to the Trash."


class NotesEdit(QPlainTextEdit):
    """Markdown notes, saved when the field loses focus."""

    editing_finished = Signal()

    def focusOutEvent(self, event) -> None:
        super().focusOutEvent(event)
        self.editing_finished.emit()


class PersonNameEdit(QLineEdit):
    """A line edit completing the journal's names; the list is read when it gets focus
    (not on every refresh of the page: a journal can hold thousands of people)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.names = QStringListModel(self)
        self.setCompleter(FoldingCompleter(self.names, self))
        self.excluded_id: int | None = None

    def focusInEvent(self, event) -> None:
        self.names.setStringList(
            [name for pid, name in people.people_names() if pid != self.excluded_id]
        )
        super().focusInEvent(event)


def rounded_photo(data: bytes, size: int, ratio: float) -> QPixmap | None:
    """The picture as a rounded square ``size`` wide on a screen of this pixel ratio, or
    None when the bytes are not an image Qt can read."""
    from winwin_desktop.formats.brief.pdf import square_photo  # the PDF code, on first photo

    image = square_photo(data, round(size * ratio))
    if image is None:
        return None
    pixmap = QPixmap.fromImage(image)
    pixmap.setDevicePixelRatio(ratio)
    return pixmap


def field_text(person: PersonData, field: str) -> str:
    value = getattr(person, field)
    if field in LIST_FIELDS:
        return ", ".join(value)
    if value is None:
        return ""
    return value.isoformat() if hasattr(value, "isoformat") else str(value)


def profile_text(person: PersonData, field: str, default_cadence: int) -> str:
    """A profile field as the read-only page shows it (Markdown), "" when empty."""
    value = getattr(person, field)
    if field == CADENCE:
        days = value or default_cadence
        return f"every {days} days" + ("" if value else " (the journal's default)")
    if field == "met_on" and value:
        return f"{short_date(value)} ({value.isoformat()})"
    if field == "emails":
        return ", ".join(f"[{e}](mailto:{e})" for e in value)
    if field == "links":
        return ", ".join(f"<{link}>" if "://" in link else link for link in value)
    return field_text(person, field).replace("*", "\\*").replace("_", "\\_")


def demoted(markdown: str) -> str:
    """The notes' headings one level lower, under the page's "Notes" heading."""
    return re.sub(r"(?m)^(#{1,5})(?=[ \t])", r"#\1", markdown)


def field_value(field: str, text: str):
    if field in LIST_FIELDS:
        return [part.strip() for part in text.split(",") if part.strip()]
    return text


class PersonView(QWidget):
    """Shows one person; every edit is one undoable action through ``actions``."""

    log_requested = Signal(int)
    edit_interaction_requested = Signal(int)
    reflection_requested = Signal(object)  # a date

    def __init__(self, actions: Actions, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.actions = actions
        self.person: PersonData | None = None
        # Each profile field's value as the user started editing it (the person as the
        # page was when it filled the field): a save is refused if the journal no longer
        # has that value. Fields whose typed text was refused keep it across refreshes.
        self._filled_from: dict[str, PersonData] = {}
        self._refused: set[str] = set()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 8, 12, 8)

        header = QHBoxLayout()
        self.photo = QLabel()
        self.photo.setFixedSize(PHOTO_SIZE, PHOTO_SIZE)
        self.photo.setAccessibleName("Photo")
        self.photo.hide()
        self._photo_data: bytes | None = None
        header.addWidget(self.photo, 0, Qt.AlignTop)
        details = QVBoxLayout()
        header.addLayout(details, 1)
        self.name_label = ElidedLabel()
        self.name_label.setFont(heading("", 1.6).font())
        # The page keeps its width whoever is shown (a long name is cut at the edge, and
        # in full in the tooltip): a width that followed the name resized the chart.
        self.name_label.setMinimumWidth(120)
        details.addWidget(self.name_label)
        self.log_button = QPushButton("Log interaction…")
        self.log_button.setToolTip("Log an interaction with this person (Ctrl+N)")
        self.log_button.clicked.connect(lambda: self.log_requested.emit(self.person.id))
        self.archive_button = QPushButton()
        self.archive_button.clicked.connect(self._toggle_archive)
        self.delete_button = QPushButton("Delete")
        self.delete_button.setToolTip("Move this person to the Trash (you can restore them)")
        self.delete_button.clicked.connect(self._delete)
        self.snooze_button = QPushButton("Snooze")
        self.snooze_button.setToolTip(
            "Leave them out of “Needs attention” on the Today page for a while"
        )
        snooze_menu = QMenu(self.snooze_button)
        for text, days in SNOOZES:
            snooze_menu.addAction(text, lambda _checked=False, d=days: self.snooze(d))
        self.snooze_button.setMenu(snooze_menu)
        # The actions have a row of their own under the name and totals: beside the name
        # they left it a hundred pixels on a laptop.
        action_row = QHBoxLayout()
        buttons = (self.log_button, self.snooze_button, self.archive_button, self.delete_button)
        for button in buttons:
            action_row.addWidget(button)
        action_row.addStretch(1)
        self.subtitle = ElidedLabel()  # one line, “…” at the edge, whole in the tooltip
        self.subtitle.setStyleSheet("color: palette(placeholder-text);")
        self.totals = QLabel()
        self.totals.setTextFormat(Qt.RichText)
        # One line whoever is shown: a line that wrapped for some people and not others
        # resized the tabs below, and the balance chart was drawn twice.
        self.totals.setWordWrap(False)
        self.totals.setSizePolicy(QSizePolicy.Ignored, QSizePolicy.Preferred)
        details.addWidget(self.subtitle)
        details.addWidget(self.totals)
        details.addLayout(action_row)
        self.snoozed = QWidget()
        snoozed = QHBoxLayout(self.snoozed)
        snoozed.setContentsMargins(0, 0, 0, 0)
        self.snoozed_label = muted()
        self.snoozed_label.setWordWrap(False)
        self.snoozed_label.setToolTip(
            "Not listed under “Needs attention” on the Today page until then"
        )
        self.unsnooze_button = QPushButton("Un-snooze")
        self.unsnooze_button.setToolTip("Let them appear under “Needs attention” again now")
        self.unsnooze_button.clicked.connect(self.unsnooze)
        snoozed.addWidget(self.snoozed_label)
        snoozed.addWidget(self.unsnooze_button)
        snoozed.addStretch(1)
        self.snoozed.hide()
        details.addWidget(self.snoozed)
        layout.addLayout(header)

        self.tabs = QTabWidget()
        self.tabs.addTab(self._build_timeline(), "Timeline")
        self.balance_tab = BalanceTab()
        self.balance_tab.interaction_activated.connect(self.edit_interaction_requested)
        self.tabs.addTab(self.balance_tab, "Balance")
        self.team_tab = add_team_tab(self.tabs, after=self.balance_tab)  # a team journal's
        if self.team_tab is not None:
            self.team_tab.interaction_activated.connect(self.edit_interaction_requested)
        self.promises_tab = PromisesTab(actions)
        self.promises_tab.open_interaction.connect(self.edit_interaction_requested)
        self.tabs.addTab(self.promises_tab, "Promises")
        self.mentions_tab = MentionsTab()
        self.mentions_tab.reflection_requested.connect(self.reflection_requested)
        self.tabs.addTab(self.mentions_tab, "Mentions")
        self.profile_page = self._build_profile()
        self.tabs.addTab(self.profile_page, "Profile")
        self.brief_tab = BriefTab()
        self.tabs.addTab(self.brief_tab, "Brief")
        layout.addWidget(self.tabs, 1)

    # building ---------------------------------------------------------------------------

    def _build_timeline(self) -> QWidget:
        box = QWidget()
        layout = QVBoxLayout(box)
        layout.setContentsMargins(0, 6, 0, 0)
        self.timeline = QTreeWidget()
        self.timeline.setHeaderLabels(["When", "What", "Points"])
        self.timeline.setItemDelegateForColumn(1, TwoLineDelegate(self.timeline))
        header = self.timeline.header()
        header.setStretchLastSection(False)
        header.setDefaultAlignment(Qt.AlignLeft | Qt.AlignVCenter)
        self.timeline.headerItem().setTextAlignment(2, Qt.AlignRight | Qt.AlignVCenter)
        # Widths from the font, not ResizeToContents, which measures rows on every change.
        metrics = self.timeline.fontMetrics()
        header.setSectionResizeMode(0, QHeaderView.Interactive)
        header.resizeSection(0, metrics.horizontalAdvance("  Wed 30 Sep 2026  "))
        header.setSectionResizeMode(1, QHeaderView.Stretch)
        header.setSectionResizeMode(2, QHeaderView.Interactive)
        header.resizeSection(2, metrics.horizontalAdvance("  +99 −99  ") + 8)
        # Wrapped rows (reflections) take the height their new width needs.
        header.sectionResized.connect(lambda *_: self.timeline.doItemsLayout())
        self._person_id_shown: int | None = None
        self._person_id_edited: int | None = None
        self._default_cadence = 30
        self._shown_interactions = 0
        self._timeline_complete = True
        self._mentions: list[ReflectionData] = []
        self.timeline.verticalScrollBar().valueChanged.connect(self._timeline_scrolled)
        # Rows as in a feed: every interaction open, its exchanges under its title, no
        # expand arrows and no stripes.
        self.timeline.setRootIsDecorated(False)
        self.timeline.setItemsExpandable(False)
        self.timeline.setIndentation(0)
        self.timeline.setUniformRowHeights(False)
        self.timeline.setContextMenuPolicy(Qt.CustomContextMenu)
        self.timeline.customContextMenuRequested.connect(self._timeline_menu)
        self.timeline.itemActivated.connect(self._open_item)
        self.timeline.setToolTip(TIMELINE_TIP)
        QShortcut(
            QKeySequence.Delete,
            self.timeline,
            self._delete_selected_interaction,
            context=Qt.WidgetShortcut,
        )
        self.timeline_empty = EmptyState(
            "No interactions yet",
            "Log a meeting, call or message with this person, and what was given and received.",
            "Log interaction…",
            lambda: self.log_requested.emit(self.person.id),
        )
        layout.addWidget(self.timeline)
        layout.addWidget(self.timeline_empty)
        return box

    def _build_profile(self) -> QWidget:
        """The profile reads as a page (notes rendered, talking points in one list); Edit
        turns it into the form, each field saved as it is left."""
        page = QWidget()
        outer = QVBoxLayout(page)
        outer.setContentsMargins(0, 6, 0, 0)
        bar = QHBoxLayout()
        self.profile_hint = muted("")
        self.profile_hint.setWordWrap(False)
        self.edit_button = QPushButton("Edit")
        self.edit_button.setCheckable(True)
        self.edit_button.setToolTip("Edit this profile (Ctrl+Z undoes each change)")
        self.edit_button.toggled.connect(self._edit_profile)
        bar.addWidget(self.profile_hint, 1)
        bar.addWidget(self.edit_button)
        outer.addLayout(bar)
        self.profile_view = QTextBrowser()
        self.profile_view.setOpenExternalLinks(True)
        self.profile_view.setFrameShape(QFrame.NoFrame)
        self.profile_stack = QStackedWidget()
        self.profile_stack.addWidget(self.profile_view)
        outer.addWidget(self.profile_stack, 1)

        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.NoFrame)
        inner = QWidget()
        form = QFormLayout(inner)
        self.inputs: dict[str, QLineEdit] = {}
        for field, label, placeholder in PROFILE_FIELDS:
            edit = PersonNameEdit() if field == INTRODUCER else QLineEdit()
            edit.setPlaceholderText(placeholder)
            edit.setAccessibleName(label)
            edit.editingFinished.connect(lambda f=field: self._commit(f))
            self.inputs[field] = edit
            if field == CADENCE:
                # A number with its unit beside it, and what an empty field means.
                edit.setMaximumWidth(self.fontMetrics().horizontalAdvance("0000000") + 16)
                row = QHBoxLayout()
                row.addWidget(edit)
                row.addWidget(QLabel("days"))
                self.cadence_default = muted()
                self.cadence_default.setWordWrap(False)
                row.addWidget(self.cadence_default, 1)
                caption = QLabel(label + ":")
                caption.setBuddy(edit)
                form.addRow(caption, row)
            else:
                form.addRow(label + ":", edit)
        self.name_parts = NamePartsRows(self.actions, form, 1, self.inputs["name"])
        self.inputs[INTRODUCER].setToolTip(
            "Who introduced you to them; pick one of the people in the journal. "
            "Clear the field to remove the link."
        )
        self.talking_points = NotesEdit()
        self.talking_points.setPlaceholderText(
            "What to bring up next time (Markdown) — shown first in the brief"
        )
        self.talking_points.setTabChangesFocus(True)
        self.talking_points.setMinimumHeight(90)
        self.talking_points.editing_finished.connect(lambda: self._commit("talking_points"))
        form.addRow("Talking points:", self.talking_points)
        self.notes = NotesEdit()
        self.notes.setPlaceholderText("Notes about this person (Markdown)")
        self.notes.setTabChangesFocus(True)
        self.notes.setMinimumHeight(140)
        self.notes.editing_finished.connect(lambda: self._commit("notes"))
        form.addRow("Notes:", self.notes)
        self.profile_error = ErrorLabel()
        form.addRow("", self.profile_error)
        form.addRow("", muted("Changes are saved as you leave each field; Ctrl+Z undoes them."))
        scroll.setWidget(inner)
        self.profile_form = scroll
        self.profile_stack.addWidget(scroll)
        return page

    def _edit_profile(self, editing: bool) -> None:
        self.edit_button.setText("Done" if editing else "Edit")
        if editing and self.person is not None:
            person = self.person
            # A "Talking points" heading in the notes joins the talking points field, so
            # there is one place to edit them (one undoable step, said on screen).
            moved = self.actions.run(
                f"Edit {person.name}", lambda: profile.talking_points_in_one_place(person.id)
            )
            self.profile_hint.setText(
                "The notes' “Talking points” moved to their own field (Ctrl+Z undoes it)."
                if moved is not None
                else ""
            )
        else:
            focused = QApplication.focusWidget()
            if focused is not None and self.profile_form.isAncestorOf(focused):
                focused.clearFocus()  # save the field being typed in
            self.profile_hint.setText("")
        self.profile_stack.setCurrentWidget(self.profile_form if editing else self.profile_view)
        if editing:
            self.inputs["organisation"].setFocus()

    def _render_profile(self, person: PersonData) -> None:
        """The profile as a page: the details, the talking points, the notes."""
        notes, from_notes = profile.split_talking_points(person.notes)
        points = "\n".join(p for p in (person.talking_points.strip(), from_notes) if p)
        lines = []
        for field, label, _ in PROFILE_FIELDS[1:]:
            text = profile_text(person, field, self._default_cadence)
            if text:
                label = "Keep in touch" if field == CADENCE else label
                lines.append(f"**{label}:** {text}  ")
        lines[:0] = self.name_parts.page_lines()
        if not lines:
            lines.append("*No details yet — Edit adds them.*")
        sections = ["\n".join(lines)]
        sections.append("## Talking points\n\n" + (points or "*None yet.*"))
        if notes:
            sections.append("## Notes\n\n" + demoted(notes))
        # The one Markdown renderer (formats.markdown), as the brief shows the same notes:
        # HTML typed in a note is shown as typed, links only to the web and mail, tasks
        # with their boxes.
        self.profile_view.setHtml(markdown.to_html("\n\n".join(sections)))

    # showing ----------------------------------------------------------------------------

    def show_person(self, person_id: int | None) -> None:
        if person_id is None:
            self.balance_tab.show_person(None)
            self.person = None
            return
        shown = TIMELINE_PAGE
        if self._person_id_shown == person_id:  # the same person again: keep what was loaded
            shown = max(shown, self._shown_interactions)
        # Everything the page shows now, in one read (one round trip to a server).
        page = person_page.person_page(person_id, timeline_limit=shown + 1)
        self.balance_tab.show_person(person_id, page.records, page.rules)
        if self.team_tab is not None:  # reads the members' figures only when on screen
            self.team_tab.show_person(person_id)
        self.brief_tab.show_people([person_id])
        keep_tab = self.person is not None
        self.person = person = page.person
        self.name_label.setText(person.name + ("  (archived)" if person.archived else ""))
        last = human_date(page.last_contact) if page.last_contact else "never"
        who = " · ".join(part for part in (person.role, person.organisation) if part)
        self.subtitle.setText(
            f"{who} · last contact {last}"
            if who
            else f"No role or organisation yet — add them in Profile · last contact {last}"
        )
        self._show_standing(page)
        self._show_photo(page.photo)
        self._show_snooze(page.snoozed_until, page.today)
        self.archive_button.setText("Unarchive" if person.archived else "Archive")
        self.archive_button.setToolTip(
            "Bring them back to the active list"
            if person.archived
            else "Hide from the people list without deleting (Show archived brings them back)"
        )
        self.inputs[INTRODUCER].excluded_id = person_id
        if self._person_id_shown != person_id:
            self._refused.clear()
        for field, edit in self.inputs.items():
            if not edit.hasFocus() and field not in self._refused:
                edit.setText(field_text(person, field))
                self._filled_from[field] = person
        for field in ("notes", "talking_points"):
            editor = getattr(self, field)
            if not editor.hasFocus() and field not in self._refused:
                editor.setPlainText(getattr(person, field))
                self._filled_from[field] = person
        self.profile_error.clear()
        self._default_cadence = page.default_cadence
        self.cadence_default.setText(f"empty: the journal's default, {self._default_cadence} days")
        self.name_parts.show_person(person, page.name_parts)
        self._render_profile(person)
        self._person_id_shown = person_id
        self._timeline_complete = len(page.timeline) <= shown
        self._fill_timeline(page.timeline[:shown], page.mentions, complete=self._timeline_complete)
        self.promises_tab.show_person(person_id, person.name)
        self.mentions_tab.show_person(person_id, person.name)
        if not keep_tab:
            self.tabs.setCurrentIndex(0)
        if self.edit_button.isChecked() and self._person_id_edited != person_id:
            self.edit_button.setChecked(False)  # another person opens as a page again
        self._person_id_edited = person_id

    def _show_standing(self, page: PersonPage) -> None:
        """The header's verdict, over the same review window as the status: the status
        pill, what was given and received in the window and where it is heading; the
        all-time figures in the tooltip."""
        rules, standing = page.rules, page.standing
        status = standing.status if standing else NEW
        given_w = standing.given_window if standing else 0
        received_w = standing.received_window if standing else 0
        trend = balance_trend(page.records, page.today, rules)
        arrow, heading_to = (
            ("↗", "you give more and more")
            if trend > TREND_STEADY
            else ("↘", "you receive more and more")
            if trend < -TREND_STEADY
            else ("→", "steady")
        )
        given, received = theme.given_colour(), theme.received_colour()
        pill = STATUS_COLOUR[theme.current_theme()][status]
        self.totals.setText(
            f"<span style='color:{pill}'>● <b>{status}</b></span> &nbsp; "
            f"{window_abbreviation(rules.window_days)}: "
            f"<span style='color:{given}'>gave <b>{given_w}</b></span> · "
            f"<span style='color:{received}'>received <b>{received_w}</b></span> "
            f"<span title='trend'>{arrow}</span> · {page.interactions} interactions"
        )
        self.totals.setToolTip(
            (standing.explanation + "\n" if standing else "")
            + f"Trend over {describe_window(rules.window_days)}: {heading_to}.\n"
            f"All time: gave {page.given}, received {page.received}, "
            f"balance {signed(page.given - page.received)}."
        )

    def _show_photo(self, data: bytes | None) -> None:
        if data != self._photo_data:  # decoding a photo on every refresh would be wasted
            self._photo_data = data
            pixmap = rounded_photo(data, PHOTO_SIZE, self.devicePixelRatioF()) if data else None
            if pixmap is not None:
                self.photo.setPixmap(pixmap)
            self.photo.setVisible(pixmap is not None)

    def _show_snooze(self, until: dt.date | None, today: dt.date) -> None:
        self.snoozed.setVisible(until is not None)
        if until is not None:
            days = (until - today).days
            left = "today is the last day" if days == 0 else f"{days} more day{'s' * (days > 1)}"
            self.snoozed_label.setText(f"Snoozed until {short_date(until)} ({left})")
            self.snoozed_label.setToolTip(
                f"Not listed under “Needs attention” on the Today page until {until.isoformat()}"
            )

    def _fill_timeline(
        self, items: list[InteractionData], mentions: list[ReflectionData], complete: bool = True
    ) -> None:
        self.timeline.clear()
        self.timeline.setVisible(bool(items or mentions))
        self.timeline_empty.setVisible(not (items or mentions))
        self._shown_interactions = 0
        self._mentions = list(mentions)
        self._add_to_timeline(items, complete)

    def _timeline_scrolled(self, value: int) -> None:
        bar = self.timeline.verticalScrollBar()
        if self._timeline_complete or value < bar.maximum() or self.person is None:
            return
        shown = self._shown_interactions
        items = interactions.timeline(self.person.id, limit=shown + TIMELINE_PAGE + 1)
        self._timeline_complete = len(items) <= shown + TIMELINE_PAGE
        self._add_to_timeline(items[shown : shown + TIMELINE_PAGE], self._timeline_complete)

    def _add_to_timeline(self, items: list[InteractionData], complete: bool) -> None:
        """Append ``items`` (older than those shown) and the mentions that fall among them
        (all that are left when ``complete``)."""
        self._shown_interactions += len(items)
        given = QBrush(QColor(theme.given_colour()))
        received = QBrush(QColor(theme.received_colour()))
        for interaction in items:
            others = [n for pid, n in interaction.participants if pid != self.person.id]
            what = interaction.title or interaction.kind.capitalize()
            kind = interaction.kind + (f" · with {', '.join(others)}" if others else "")
            top = QTreeWidgetItem([human_date(interaction.date), what, ""])
            top.setData(0, ID_ROLE, interaction.id)
            top.setData(0, DATE_ROLE, interaction.date)
            top.setData(1, SUBTITLE_ROLE, kind)
            top.setToolTip(0, interaction.date.isoformat())
            top.setTextAlignment(0, Qt.AlignLeft | Qt.AlignTop)
            mine = [e for e in interaction.exchanges if e.person_id == self.person.id]
            g = sum(e.points for e in mine if e.direction == "given")
            r = sum(e.points for e in mine if e.direction == "received")
            top.setText(2, " ".join(p for p in (f"+{g}" if g else "", f"−{r}" if r else "") if p))
            top.setTextAlignment(2, Qt.AlignRight | Qt.AlignTop)
            top.setToolTip(1, "\n".join(part for part in (what, kind, interaction.notes) if part))
            for exchange in mine:
                verb = "gave" if exchange.direction == "given" else "received"
                # The points have their own column.
                parts = (verb, exchange.category, exchange.description)
                text = " · ".join(part for part in parts if part)
                child = QTreeWidgetItem(["", text, str(exchange.points)])
                child.setData(0, ID_ROLE, interaction.id)
                child.setToolTip(1, text)
                child.setTextAlignment(2, Qt.AlignRight | Qt.AlignVCenter)
                brush = given if exchange.direction == "given" else received
                child.setForeground(1, brush)
                child.setForeground(2, brush)
                top.addChild(child)
            self.timeline.addTopLevelItem(top)
            top.setExpanded(True)
        oldest = items[-1].date if items else dt.date.min
        due = [m for m in self._mentions if complete or m.day >= oldest]
        self._mentions = [m for m in self._mentions if m not in due]
        for reflection in due:
            # Readable in the row itself: wrapped over a few lines, whole in the tooltip.
            plain = plain_text(reflection.text)
            item = QTreeWidgetItem([human_date(reflection.day), f"Reflection: {plain}", ""])
            item.setData(0, REFLECTION_ROLE, reflection.day)
            item.setData(0, DATE_ROLE, reflection.day)
            item.setData(1, WRAP_ROLE, True)
            item.setToolTip(0, reflection.day.isoformat())
            item.setToolTip(1, reflection.text[:1000])
            item.setTextAlignment(0, Qt.AlignLeft | Qt.AlignTop)
            # Newest first, interactions and reflections together.
            at = next(
                (
                    i
                    for i in range(self.timeline.topLevelItemCount())
                    if self.timeline.topLevelItem(i).data(0, DATE_ROLE) < reflection.day
                ),
                self.timeline.topLevelItemCount(),
            )
            self.timeline.insertTopLevelItem(at, item)

    # editing ----------------------------------------------------------------------------

    def _commit(self, field: str) -> None:
        if self.person is None:
            return
        if field in ("notes", "talking_points"):
            text = getattr(self, field).toPlainText()
        else:
            text = self.inputs[field].text()
        loaded = self._filled_from.get(field, self.person)
        if text.strip() == field_text(loaded, field).strip():
            self.profile_error.clear()
            self._refused.discard(field)
            return
        value = field_value(field, text)
        person_id = self.person.id
        as_loaded = (
            {"introduced_by_id": loaded.introduced_by_id}
            if field == INTRODUCER
            else {field: getattr(loaded, field)}
        )
        try:
            if field == INTRODUCER:
                saved = self.actions.run(
                    f"Edit {self.person.name}",
                    lambda: profile.set_introducer(person_id, value, loaded=as_loaded),
                )
            else:
                saved = self.actions.run(
                    f"Edit {self.person.name}",
                    lambda: people.edit_person(person_id, loaded=as_loaded, **{field: value}),
                )
        except ChangedMeanwhile as error:
            # Reloaded: the typed text stays, and saving it again applies it over theirs.
            self._filled_from[field] = people.get_person(person_id)
            self._refused.add(field)
            self.profile_error.show_error(error.message)
            return
        except ValidationError as error:
            self.profile_error.show_error(error.message)
            if field in self.inputs:
                self.inputs[field].setFocus()
                self.inputs[field].selectAll()
            return
        self._filled_from[field] = saved  # the field now shows what was saved
        self._refused.discard(field)

    def snooze(self, days: int) -> None:
        person = self.person
        self.actions.run(f"Snooze {person.name}", lambda: today.snooze(person.id, days))

    def unsnooze(self) -> None:
        person = self.person
        self.actions.run(f"Un-snooze {person.name}", lambda: today.unsnooze(person.id))

    def _toggle_archive(self) -> None:
        person = self.person
        self.actions.run(
            f"{'Unarchive' if person.archived else 'Archive'} {person.name}",
            lambda: people.set_archived(person.id, not person.archived),
        )

    def _delete(self) -> None:
        person = self.person
        self.actions.run(f"Delete {person.name}", lambda: people.delete_person(person.id))

    def _selected_interaction(self) -> int | None:
        item = self.timeline.currentItem()
        return item.data(0, ID_ROLE) if item else None

    def _open_item(self, item: QTreeWidgetItem) -> None:
        day = item.data(0, REFLECTION_ROLE)
        if day is not None:
            self.reflection_requested.emit(day)
        elif item.data(0, ID_ROLE) is not None:
            self.edit_interaction_requested.emit(item.data(0, ID_ROLE))

    def _delete_selected_interaction(self) -> None:
        interaction_id = self._selected_interaction()
        if interaction_id is not None:
            self.actions.run(
                "Delete interaction", lambda: interactions.delete_interaction(interaction_id)
            )

    def _timeline_menu(self, pos) -> None:
        if self._selected_interaction() is None:
            return
        menu = QMenu(self)
        menu.addAction(
            "Edit…", lambda: self.edit_interaction_requested.emit(self._selected_interaction())
        )
        menu.addAction("Move to Trash", self._delete_selected_interaction)
        menu.exec(self.timeline.viewport().mapToGlobal(pos))
