"""The person page: who they are (editable in place) and the timeline of what happened."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QBrush, QColor, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMenu,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QTabWidget,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from winwin_desktop.journal import ValidationError, interactions, people, reflections
from winwin_desktop.journal.interactions import InteractionData
from winwin_desktop.journal.people import PersonData
from winwin_desktop.journal.reflections import ReflectionData
from winwin_desktop.ui import theme
from winwin_desktop.ui.balance_tab import BalanceTab
from winwin_desktop.ui.brief_tab import BriefTab
from winwin_desktop.ui.people_model import signed
from winwin_desktop.ui.promises_tab import PromisesTab
from winwin_desktop.ui.undo import Actions
from winwin_desktop.ui.widgets import EmptyState, ErrorLabel, heading, muted

ID_ROLE = Qt.UserRole + 1
REFLECTION_ROLE = Qt.UserRole + 2
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
    ("cadence_days", "Keep in touch every", "days, e.g. 60 (empty: the journal's default)"),
)
LIST_FIELDS = {"emails", "phones", "links", "tags"}
TIMELINE_TIP = "Double-click or press Enter to edit an interaction; Delete moves it to the Trash."


class NotesEdit(QPlainTextEdit):
    """Markdown notes, saved when the field loses focus."""

    editing_finished = Signal()

    def focusOutEvent(self, event) -> None:
        super().focusOutEvent(event)
        self.editing_finished.emit()


def field_text(person: PersonData, field: str) -> str:
    value = getattr(person, field)
    if field in LIST_FIELDS:
        return ", ".join(value)
    if value is None:
        return ""
    return value.isoformat() if hasattr(value, "isoformat") else str(value)


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
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 8, 12, 8)

        top = QHBoxLayout()
        self.name_label = heading("", 1.6)
        top.addWidget(self.name_label, 1)
        self.log_button = QPushButton("Log interaction…")
        self.log_button.setToolTip("Log an interaction with this person (Ctrl+N)")
        self.log_button.clicked.connect(lambda: self.log_requested.emit(self.person.id))
        self.archive_button = QPushButton()
        self.archive_button.clicked.connect(self._toggle_archive)
        self.delete_button = QPushButton("Delete")
        self.delete_button.setToolTip("Move this person to the Trash (you can restore them)")
        self.delete_button.clicked.connect(self._delete)
        for button in (self.log_button, self.archive_button, self.delete_button):
            top.addWidget(button, 0, Qt.AlignVCenter)
        layout.addLayout(top)
        self.subtitle = muted()
        self.totals = QLabel()
        self.totals.setTextFormat(Qt.RichText)
        self.totals.setWordWrap(True)
        layout.addWidget(self.subtitle)
        layout.addWidget(self.totals)

        self.tabs = QTabWidget()
        self.tabs.addTab(self._build_timeline(), "Timeline")
        self.balance_tab = BalanceTab()
        self.balance_tab.interaction_activated.connect(self.edit_interaction_requested)
        self.tabs.addTab(self.balance_tab, "Balance")
        self.promises_tab = PromisesTab(actions)
        self.tabs.addTab(self.promises_tab, "Promises")
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
        self.timeline.setHeaderLabels(["Date", "What", "Points"])
        header = self.timeline.header()
        header.setStretchLastSection(False)
        # Widths from the font, not ResizeToContents, which measures rows on every change.
        metrics = self.timeline.fontMetrics()
        header.setSectionResizeMode(0, QHeaderView.Interactive)
        header.resizeSection(0, metrics.horizontalAdvance("  2026-12-31  ") + 28)
        header.setSectionResizeMode(1, QHeaderView.Stretch)
        header.setSectionResizeMode(2, QHeaderView.Interactive)
        header.resizeSection(2, metrics.horizontalAdvance("  +99 −99  "))
        self._person_id_shown: int | None = None
        self._shown_interactions = 0
        self._timeline_complete = True
        self._mentions: list[ReflectionData] = []
        self.timeline.verticalScrollBar().valueChanged.connect(self._timeline_scrolled)
        self.timeline.setRootIsDecorated(True)
        self.timeline.setUniformRowHeights(True)
        self.timeline.setAlternatingRowColors(True)
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
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.NoFrame)
        inner = QWidget()
        form = QFormLayout(inner)
        self.inputs: dict[str, QLineEdit] = {}
        for field, label, placeholder in PROFILE_FIELDS:
            edit = QLineEdit()
            edit.setPlaceholderText(placeholder)
            edit.setAccessibleName(label)
            edit.editingFinished.connect(lambda f=field: self._commit(f))
            self.inputs[field] = edit
            form.addRow(label + ":", edit)
        self.notes = NotesEdit()
        self.notes.setPlaceholderText("Notes about this person (Markdown)")
        self.notes.setTabChangesFocus(True)
        self.notes.setMinimumHeight(140)
        self.notes.editing_finished.connect(lambda: self._commit("notes"))
        form.addRow("Notes:", self.notes)
        self.talking_points = NotesEdit()
        self.talking_points.setPlaceholderText(
            "What to bring up next time (Markdown) — shown first in the brief"
        )
        self.talking_points.setTabChangesFocus(True)
        self.talking_points.setMinimumHeight(90)
        self.talking_points.editing_finished.connect(lambda: self._commit("talking_points"))
        form.addRow("Talking points:", self.talking_points)
        self.profile_error = ErrorLabel()
        form.addRow("", self.profile_error)
        form.addRow("", muted("Changes are saved as you leave each field; Ctrl+Z undoes them."))
        scroll.setWidget(inner)
        return scroll

    # showing ----------------------------------------------------------------------------

    def show_person(self, person_id: int | None) -> None:
        self.balance_tab.show_person(person_id)
        if person_id is not None:
            self.brief_tab.show_people([person_id])
        if person_id is None:
            self.person = None
            return
        keep_tab = self.person is not None
        self.person = people.get_person(person_id)
        person = self.person
        summary = people.person_summary(person_id)
        self.name_label.setText(person.name + ("  (archived)" if person.archived else ""))
        self.subtitle.setText(
            " · ".join(part for part in (person.role, person.organisation) if part)
            or "No role or organisation yet — add them in Profile."
        )
        given, received = theme.given_colour(), theme.received_colour()
        last = summary.last_contact.isoformat() if summary.last_contact else "never"
        self.totals.setText(
            f"<span style='color:{given}'>gave <b>{summary.given}</b></span> · "
            f"<span style='color:{received}'>received <b>{summary.received}</b></span> · "
            f"balance <b>{signed(summary.balance)}</b> · {summary.interactions} interactions · "
            f"last contact {last}"
        )
        self.archive_button.setText("Unarchive" if person.archived else "Archive")
        self.archive_button.setToolTip(
            "Bring them back to the active list"
            if person.archived
            else "Hide from the people list without deleting (Show archived brings them back)"
        )
        for field, edit in self.inputs.items():
            if not edit.hasFocus():
                edit.setText(field_text(person, field))
        for field in ("notes", "talking_points"):
            editor = getattr(self, field)
            if not editor.hasFocus():
                editor.setPlainText(getattr(person, field))
        self.profile_error.clear()
        shown = TIMELINE_PAGE
        if self._person_id_shown == person_id:  # the same person again: keep what was loaded
            shown = max(shown, self._shown_interactions)
        self._person_id_shown = person_id
        items = interactions.timeline(person_id, limit=shown + 1)
        self._timeline_complete = len(items) <= shown
        self._fill_timeline(
            items[:shown],
            reflections.reflections_mentioning(person_id),
            complete=self._timeline_complete,
        )
        self.promises_tab.show_person(person_id, person.name)
        if not keep_tab:
            self.tabs.setCurrentIndex(0)

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
            detail = f"  ({interaction.kind}" + (f", with {', '.join(others)})" if others else ")")
            top = QTreeWidgetItem([interaction.date.isoformat(), what + detail, ""])
            top.setData(0, ID_ROLE, interaction.id)
            mine = [e for e in interaction.exchanges if e.person_id == self.person.id]
            g = sum(e.points for e in mine if e.direction == "given")
            r = sum(e.points for e in mine if e.direction == "received")
            top.setText(2, " ".join(p for p in (f"+{g}" if g else "", f"−{r}" if r else "") if p))
            top.setToolTip(1, interaction.notes or what)
            for exchange in mine:
                verb = "gave" if exchange.direction == "given" else "received"
                text = f"{verb}  {exchange.category} {exchange.points}"
                if exchange.description:
                    text += f" · {exchange.description}"
                child = QTreeWidgetItem(["", text, str(exchange.points)])
                child.setData(0, ID_ROLE, interaction.id)
                brush = given if exchange.direction == "given" else received
                child.setForeground(1, brush)
                child.setForeground(2, brush)
                top.addChild(child)
            self.timeline.addTopLevelItem(top)
            top.setExpanded(True)
        oldest = items[-1].date.isoformat() if items else ""
        due = [m for m in self._mentions if complete or m.day.isoformat() >= oldest]
        self._mentions = [m for m in self._mentions if m not in due]
        for reflection in due:
            first = next((line for line in reflection.text.splitlines() if line.strip()), "")
            item = QTreeWidgetItem(
                [reflection.day.isoformat(), f"Reflection: {first.strip()[:120]}", ""]
            )
            item.setData(0, REFLECTION_ROLE, reflection.day)
            item.setToolTip(1, reflection.text[:1000])
            item.setForeground(1, QBrush(QColor("#8a9099")))
            # Newest first, interactions and reflections together.
            day = reflection.day.isoformat()
            at = next(
                (
                    i
                    for i in range(self.timeline.topLevelItemCount())
                    if self.timeline.topLevelItem(i).text(0) < day
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
        if text.strip() == field_text(self.person, field).strip():
            return
        value = field_value(field, text)
        try:
            self.actions.run(
                f"Edit {self.person.name}",
                lambda: people.edit_person(self.person.id, **{field: value}),
            )
        except ValidationError as error:
            self.profile_error.show_error(error.message)
            if field in self.inputs:
                self.inputs[field].setFocus()
                self.inputs[field].selectAll()

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
