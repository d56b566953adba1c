"""Log (or edit) an interaction: people, kind, date, title, notes and the value exchanged
both ways — all from the keyboard."""

from __future__ import annotations

import contextlib
import datetime as dt

import shiboken6
from PySide6.QtCore import QDate, QEvent, Qt, QTimer, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QApplication,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from winwin_desktop.analytics.attention import I_OWE, THEY_OWE
from winwin_desktop.journal import ValidationError, drafts, interactions, promises, settings
from winwin_desktop.journal.errors import ChangedMeanwhile
from winwin_desktop.journal.interactions import InteractionData
from winwin_desktop.journal.log_entry import (
    EntryExchange,
    EntryPromise,
    LoadedEntry,
    LogEntry,
    NewPerson,
    save_log_entry,
)
from winwin_desktop.journal.settings import POINTS_SCALE
from winwin_desktop.text import listing
from winwin_desktop.ui.dates import date_edit_format
from winwin_desktop.ui.log_participants import Chip, ParticipantsField
from winwin_desktop.ui.log_rows import REMOVE_ROW_KEYS, ExchangeRow, PromiseRow
from winwin_desktop.ui.undo import Actions
from winwin_desktop.ui.widgets import ErrorLabel, muted

SCALE_TEXT = "Points: " + " · ".join(f"{n} {label}" for n, label in POINTS_SCALE.items())
DRAFT_MS = 800  # a new log is kept as a draft this long after the last change


def ask_discard(parent: QWidget) -> bool:
    """Whether to throw away the changes made in the dialog (tests replace this)."""
    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Question)
    box.setWindowTitle("Discard changes?")
    box.setText("Discard the changes you made to this interaction?")
    discard = box.addButton("Discard", QMessageBox.DestructiveRole)
    keep = box.addButton("Keep editing", QMessageBox.RejectRole)
    box.setDefaultButton(keep)
    box.exec()
    return box.clickedButton() is discard


class LogInteractionDialog(QDialog):
    """Ctrl+N from anywhere. Saving writes everything in one transaction, undoable.

    A new log starts with nobody in it unless it is opened *for* someone (``people_ids``):
    nothing is logged with a person the user did not choose here. What is typed into a
    new log is kept as a draft until it is saved, so Esc, a quit or a crash lose nothing;
    the next Ctrl+N brings it back.
    """

    draft_kept = Signal()

    def __init__(
        self,
        actions: Actions,
        parent: QWidget | None = None,
        interaction: InteractionData | None = None,
        people_ids: list[int] | None = None,
        meeting: tuple[str, dt.date] | None = None,
    ) -> None:
        super().__init__(parent)
        self.actions = actions
        self.editing = interaction
        self.loaded: LoadedEntry | None = None
        self.saved: InteractionData | None = None
        # Saving or closing puts the cursor back where the user was.
        self._return_focus = QApplication.focusWidget()
        self.setMinimumWidth(820)
        self._loading = True
        self._build()
        self.restored_draft = False
        if interaction:
            self._load(interaction)
        else:
            # A meeting from the calendar (title, date) is logged with exactly its people.
            draft = None if meeting else drafts.load_draft()
            if draft:
                self._load_draft(draft)
            for person_id in people_ids or ():
                self._add_participant(person_id, self._names.get(person_id, ""))
            if meeting:
                self.title.setText(meeting[0])
                self.date.setDate(QDate(meeting[1].year, meeting[1].month, meeting[1].day))
        self._loading = False
        self._pristine = self._snapshot()
        self._draft_timer = QTimer(self, singleShot=True, interval=DRAFT_MS)
        self._draft_timer.timeout.connect(self.keep_draft)
        self._show_title()
        if parent is not None:
            parent.installEventFilter(self)
        self.who.setFocus()

    # building ---------------------------------------------------------------------------

    def _build(self) -> None:
        outer = QVBoxLayout(self)
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.ExpandingFieldsGrow)
        self.errors: dict[str, ErrorLabel] = {}

        self.restored = QWidget()
        restored = QHBoxLayout(self.restored)
        restored.setContentsMargins(0, 0, 0, 0)
        restored.addWidget(muted("This is the log you were writing; it was kept as a draft."))
        self.start_afresh = QPushButton("Start afresh")
        self.start_afresh.setToolTip("Throw the draft away and start an empty log")
        self.start_afresh.clicked.connect(self.discard_draft)
        restored.addWidget(self.start_afresh)
        restored.addStretch(1)
        self.restored.hide()
        outer.addWidget(self.restored)

        self.participants = ParticipantsField(self, self._error("participants"))
        self.participants.changed.connect(self._participants_changed)
        # The names field and its suggestions, as the tests and the keys know them.
        self.who, self.suggestions = self.participants.who, self.participants.suggestions
        self._names = self.participants.names
        who_box = QVBoxLayout()
        who_box.addWidget(self.participants)
        who_box.addWidget(self.errors["participants"])
        form.addRow(self._buddy_label("&People:", self.who), who_box)

        self.kind = QComboBox()
        self.kind.addItems(settings.kinds())
        self.kind.setToolTip("Type its first letters: “mea” is a meal")
        self.date = QDateEdit(QDate.currentDate())
        self.date.setCalendarPopup(True)
        self.date.setDisplayFormat(date_edit_format())
        self.date.setToolTip("When it happened (today by default; Alt+D)")
        row = QHBoxLayout()
        row.addWidget(self.kind, 1)
        row.addWidget(self._buddy_label("on (&D)", self.date))
        row.addWidget(self.date)
        row.addStretch(1)
        kind_box = QVBoxLayout()
        kind_box.addLayout(row)
        kind_box.addWidget(self._error("kind"))
        kind_box.addWidget(self._error("date"))
        form.addRow(self._buddy_label("&Kind:", self.kind), kind_box)

        self.title = QLineEdit()
        self.title.setPlaceholderText("e.g. Intro call about the pilot")
        title_box = QVBoxLayout()
        title_box.addWidget(self.title)
        title_box.addWidget(self._error("title"))
        form.addRow(self._buddy_label("T&itle:", self.title), title_box)

        self.notes = QPlainTextEdit()
        self.notes.setPlaceholderText("Notes (Markdown)")
        self.notes.setTabChangesFocus(True)
        self.notes.setFixedHeight(70)
        form.addRow(self._buddy_label("&Notes:", self.notes), self.notes)
        outer.addLayout(form)
        # Tab from the names goes to the kind, then the title: the date is today's unless
        # the user goes to it (Alt+D).
        QWidget.setTabOrder(self.who, self.kind)
        QWidget.setTabOrder(self.kind, self.title)
        QWidget.setTabOrder(self.title, self.notes)

        header = QHBoxLayout()
        header.addWidget(QLabel("<b>Value exchanged</b>"))
        header.addStretch(1)
        self.add_given = QPushButton("+ I gave  (Alt+G)")
        self.add_given.setToolTip("Add something you gave them")
        self.add_given.clicked.connect(lambda: self.add_exchange("given"))
        self.add_received = QPushButton("+ I received  (Alt+R)")
        self.add_received.setToolTip("Add something they gave you")
        self.add_received.clicked.connect(lambda: self.add_exchange("received"))
        header.addWidget(self.add_given)
        header.addWidget(self.add_received)
        outer.addLayout(header)

        self.exchange_rows: list[ExchangeRow] = []
        self.rows_box = QVBoxLayout()
        self.rows_box.setSpacing(4)
        holder = QWidget()
        holder_layout = QVBoxLayout(holder)
        holder_layout.setContentsMargins(0, 0, 0, 0)
        self.no_exchanges = muted("Nothing exchanged yet. Add what you gave and what you received.")
        holder_layout.addWidget(self.no_exchanges)
        holder_layout.addLayout(self.rows_box)
        holder_layout.addStretch(1)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(holder)
        scroll.setMinimumHeight(120)
        scroll.setFrameShape(QScrollArea.NoFrame)
        outer.addWidget(scroll, 1)
        outer.addWidget(self._error("exchanges"))
        outer.addWidget(self._error("category"))
        outer.addWidget(self._error("points"))
        outer.addWidget(self._error("direction"))

        promise_header = QHBoxLayout()
        promise_header.addWidget(QLabel("<b>Promises</b>"))
        promise_header.addStretch(1)
        self.add_i_owe = QPushButton("+ I owe  (Alt+O)")
        self.add_i_owe.setToolTip("Something you promised them")
        self.add_i_owe.clicked.connect(lambda: self.add_promise(I_OWE))
        self.add_they_owe = QPushButton("+ They owe  (Alt+T)")
        self.add_they_owe.setToolTip("Something they promised you")
        self.add_they_owe.clicked.connect(lambda: self.add_promise(THEY_OWE))
        promise_header.addWidget(self.add_i_owe)
        promise_header.addWidget(self.add_they_owe)
        outer.addLayout(promise_header)
        self.promise_rows: list[PromiseRow] = []
        self.removed_promise_ids: list[int] = []  # saved promises whose row was removed
        self.promises_box = QVBoxLayout()
        self.promises_box.setSpacing(4)
        outer.addLayout(self.promises_box)
        outer.addWidget(self._error("promise"))
        outer.addWidget(self._error("due"))
        outer.addWidget(muted(SCALE_TEXT))
        outer.addWidget(
            muted(
                "Enter takes the first name · Backspace removes the last · "
                "Alt+G / Alt+R add an exchange (type its category, then its points) · "
                f"Alt+O / Alt+T add a promise · {REMOVE_ROW_KEYS} removes the row you are in · "
                "Ctrl+Enter saves · Esc closes (a new log is kept as a draft)"
            )
        )

        # A save refused as a whole: the journal could not be written, or what was
        # loaded to edit was changed meanwhile by someone else.
        outer.addWidget(self._error("journal"))
        self.buttons = QDialogButtonBox(QDialogButtonBox.Save | QDialogButtonBox.Cancel)
        self.buttons.button(QDialogButtonBox.Save).setToolTip("Save (Ctrl+Enter)")
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        outer.addWidget(self.buttons)
        for keys in ("Ctrl+Return", "Ctrl+Enter"):
            QShortcut(QKeySequence(keys), self, self.save)
        QShortcut(QKeySequence(REMOVE_ROW_KEYS), self, self.remove_focused_row)
        QShortcut(QKeySequence("Alt+G"), self, lambda: self.add_exchange("given"))
        QShortcut(QKeySequence("Alt+R"), self, lambda: self.add_exchange("received"))
        QShortcut(QKeySequence("Alt+O"), self, lambda: self.add_promise(I_OWE))
        QShortcut(QKeySequence("Alt+T"), self, lambda: self.add_promise(THEY_OWE))
        for signal in (
            self.kind.currentIndexChanged,
            self.date.dateChanged,
            self.title.textChanged,
            self.notes.textChanged,
        ):
            signal.connect(self._changed)

    def keyPressEvent(self, event) -> None:
        # Enter adds a person or finishes a field; only Ctrl+Enter (or a click) saves,
        # so a half-written interaction is never saved by accident.
        if (
            event.key() in (Qt.Key_Return, Qt.Key_Enter)
            and not event.modifiers() & Qt.ControlModifier
        ):
            event.accept()
            return
        super().keyPressEvent(event)

    def eventFilter(self, watched, event) -> bool:
        if watched is self.parentWidget() and event.type() == QEvent.Close:
            # The window is closing around the dialog (quit): keep the draft, ask nothing.
            if self.editing is None and self.saved is None:
                self.keep_draft()
            return False
        return super().eventFilter(watched, event)

    @staticmethod
    def _buddy_label(text: str, buddy: QWidget) -> QLabel:
        label = QLabel(text)
        label.setBuddy(buddy)
        return label

    def _error(self, field: str) -> ErrorLabel:
        label = ErrorLabel()
        self.errors[field] = label
        return label

    def _load(self, interaction: InteractionData) -> None:
        for person_id, name in interaction.participants:
            self._add_participant(person_id, name)
        index = self.kind.findText(interaction.kind)
        if index < 0:
            self.kind.addItem(interaction.kind)
            index = self.kind.count() - 1
        self.kind.setCurrentIndex(index)
        d = interaction.date
        self.date.setDate(QDate(d.year, d.month, d.day))
        self.title.setText(interaction.title)
        self.notes.setPlainText(interaction.notes)
        for exchange in interaction.exchanges:
            self.add_exchange(exchange.direction).load(exchange)
        promised = promises.promises_of_interaction(interaction.id)
        for promise in promised:
            self.add_promise(promise.owed_by).load(promise)
        # What the user edits from: saving is refused if the journal no longer has it.
        self.loaded = LoadedEntry(interaction, tuple(promised))

    def _show_title(self) -> None:
        names = [chip.name for chip in self.participant_chips()]
        what = "Edit interaction" if self.editing else "Log interaction"
        self.setWindowTitle(f"{what} with {listing(names)}" if names else what)

    # participants -----------------------------------------------------------------------

    def participant_chips(self) -> list[Chip]:
        return self.participants.participant_chips()

    def participant_choices(self) -> list[tuple[object, str]]:
        return self.participants.participant_choices()

    def matching(self, text: str) -> list[int]:
        return self.participants.matching(text)

    def _add_participant(self, key: object, name: str) -> None:
        self.participants.add(key, name)

    def remove_participant(self, key: object) -> None:
        self.participants.remove(key)

    def _participants_changed(self) -> None:
        self._refresh_rows()
        self._show_title()
        self._changed()

    # exchanges --------------------------------------------------------------------------

    def add_exchange(self, direction: str) -> ExchangeRow:
        row = ExchangeRow(self.participant_choices(), settings.categories())
        row.direction.setCurrentIndex(row.direction.findData(direction))
        row.remove_requested.connect(self._remove_row)
        self.rows_box.addWidget(row)
        row.show()
        self.exchange_rows.append(row)
        self.no_exchanges.hide()
        row.category.setFocus()
        self._watch(row)
        return row

    def _remove_row(self, row: ExchangeRow) -> None:
        self._keep_focus_after_removing(row, self.exchange_rows, self.add_given)
        self.exchange_rows.remove(row)
        row.setParent(None)
        row.deleteLater()
        self.no_exchanges.setVisible(not self.exchange_rows)
        self._changed()

    def _refresh_rows(self) -> None:
        choices = self.participant_choices()
        for row in list(self.exchange_rows):
            if not row.set_people(choices):
                self._remove_row(row)
        for row in list(self.promise_rows):
            if not row.set_people(choices):
                self._remove_promise(row)

    # promises ---------------------------------------------------------------------------

    def add_promise(self, owed_by: str) -> PromiseRow:
        row = PromiseRow(self.participant_choices(), owed_by)
        row.remove_requested.connect(self._remove_promise)
        self.promises_box.addWidget(row)
        row.show()
        self.promise_rows.append(row)
        row.text.setFocus()
        self._watch(row)
        return row

    def remove_focused_row(self) -> None:
        """Alt+Delete: remove the exchange or promise row the cursor is in."""
        focused = QApplication.focusWidget()
        for row in [*self.exchange_rows, *self.promise_rows]:
            if row.isAncestorOf(focused):
                row.remove_requested.emit(row)
                return

    def _keep_focus_after_removing(self, row: QWidget, rows: list, fallback: QWidget) -> None:
        """Removing the row the cursor is in puts the cursor in the row before it (or on
        the button that adds one), not nowhere."""
        if not row.isAncestorOf(QApplication.focusWidget()):
            return
        index = rows.index(row)
        target = rows[index - 1] if index > 0 else (rows[1] if len(rows) > 1 else None)
        field = getattr(target, "description", None) or getattr(target, "text", None)
        (field if target is not None else fallback).setFocus()

    def _remove_promise(self, row: PromiseRow) -> None:
        self._keep_focus_after_removing(row, self.promise_rows, self.add_i_owe)
        self.promise_rows.remove(row)
        if row.promise_id is not None:
            self.removed_promise_ids.append(row.promise_id)
        row.setParent(None)
        row.deleteLater()
        self._changed()

    # drafts and closing -----------------------------------------------------------------

    def _watch(self, row: QWidget) -> None:
        for child in row.findChildren(QComboBox):
            child.currentIndexChanged.connect(self._changed)
        for child in row.findChildren(QLineEdit):
            child.textChanged.connect(self._changed)
        for child in row.findChildren(QSpinBox):
            child.valueChanged.connect(self._changed)
        self._changed()

    def _changed(self, *_args) -> None:
        if not self._loading and not self.editing and hasattr(self, "_draft_timer"):
            self._draft_timer.start()

    def _snapshot(self) -> dict:
        qdate = self.date.date()
        return {
            "participants": [[key, name] for key, name in self.participant_choices()],
            "kind": self.kind.currentText(),
            "date": dt.date(qdate.year(), qdate.month(), qdate.day()).isoformat(),
            "title": self.title.text(),
            "notes": self.notes.toPlainText(),
            "exchanges": [row.draft() for row in self.exchange_rows],
            "promises": [row.draft() for row in self.promise_rows],
        }

    def has_changes(self) -> bool:
        """Whether anything was typed or chosen since the dialog opened."""
        return self._snapshot() != self._pristine or bool(self.who.text().strip())

    def _has_content(self) -> bool:
        snapshot = self._snapshot()
        return bool(
            snapshot["participants"]
            or snapshot["title"].strip()
            or snapshot["notes"].strip()
            or snapshot["exchanges"]
            or snapshot["promises"]
        )

    def keep_draft(self) -> None:
        """Keep what is in a new log (or forget the draft once it is empty)."""
        self._draft_timer.stop()
        if self.editing or self.saved is not None:
            return
        if self._has_content():
            drafts.keep_draft(self._snapshot())
        else:
            drafts.forget_draft()

    def _load_draft(self, draft: dict) -> None:
        for key, name in draft.get("participants", []):
            if isinstance(key, str) or key in self._names:
                self._add_participant(key, name)
        index = self.kind.findText(str(draft.get("kind", "")))
        if index >= 0:
            self.kind.setCurrentIndex(index)
        with contextlib.suppress(TypeError, ValueError):
            day = dt.date.fromisoformat(draft.get("date"))
            self.date.setDate(QDate(day.year, day.month, day.day))
        self.title.setText(str(draft.get("title", "")))
        self.notes.setPlainText(str(draft.get("notes", "")))
        for exchange in draft.get("exchanges", []):
            self.add_exchange(str(exchange.get("direction", "given"))).load_draft(exchange)
        for promise in draft.get("promises", []):
            self.add_promise(str(promise.get("owed_by", I_OWE))).load_draft(promise)
        self.restored_draft = True
        self.restored.show()

    def discard_draft(self) -> None:
        """Start afresh: an empty log, and no draft kept."""
        self._loading = True
        for chip in self.participant_chips():
            self.remove_participant(chip.key)
        for row in list(self.exchange_rows):
            self._remove_row(row)
        for row in list(self.promise_rows):
            self._remove_promise(row)
        self.title.clear()
        self.notes.clear()
        self.kind.setCurrentIndex(0)
        self.date.setDate(QDate.currentDate())
        self._loading = False
        self.restored.hide()
        drafts.forget_draft()
        self.who.setFocus()

    def reject(self) -> None:
        """Esc or Cancel. A new log with something in it is kept as a draft; changes to
        a saved interaction are thrown away only when the user says so."""
        if self.editing is not None:
            if self.has_changes() and not ask_discard(self):
                return
        elif self._has_content():
            self.keep_draft()
            self.draft_kept.emit()
        else:
            self.keep_draft()  # forgets an emptied draft
        super().reject()

    def accept(self) -> None:
        if self.saved is not None and not self.editing:
            self._draft_timer.stop()
            drafts.forget_draft()
        super().accept()

    def done(self, result: int) -> None:
        super().done(result)
        target = self._return_focus
        if target is not None and shiboken6.isValid(target) and target.isVisible():
            target.setFocus()

    # saving -----------------------------------------------------------------------------

    def save(self) -> None:
        for label in self.errors.values():
            label.clear()
        if self.who.text().strip():
            self.participants.add_typed_person()
        choices = self.participant_choices()
        # Keys are person ids, or "new:NAME" for someone added with this entry.
        who = {key: NewPerson(name) if isinstance(key, str) else key for key, name in choices}
        qdate = self.date.date()
        entry = LogEntry(
            date=dt.date(qdate.year(), qdate.month(), qdate.day()),
            title=self.title.text(),
            people=list(who.values()),
            kind=self.kind.currentText(),
            notes=self.notes.toPlainText(),
            exchanges=[
                EntryExchange(
                    id=row.exchange_id,
                    who=who[row.person.currentData()],
                    direction=row.direction.currentData(),
                    category=row.category.currentText(),
                    points=row.points.value(),
                    description=row.description.text(),
                )
                for row in self.exchange_rows
            ],
            promises=[
                EntryPromise(
                    id=row.promise_id,
                    who=who.get(row.person.currentData(), row.person.currentData()),
                    owed_by=row.owed_by.currentData(),
                    text=row.text.text(),
                    due=row.due.value(),
                )
                for row in self.promise_rows
            ],
            interaction_id=self.editing.id if self.editing else None,
            removed_promise_ids=list(self.removed_promise_ids),
            loaded=self.loaded,
        )
        try:
            self.saved = self.actions.run(
                entry.label, lambda: save_log_entry(entry), one_use_case=True
            ).interaction
        except ChangedMeanwhile as error:
            # Reloaded underneath what was typed, which stays: saving again applies it.
            self.loaded = LoadedEntry(
                interactions.get_interaction(self.editing.id),
                tuple(promises.promises_of_interaction(self.editing.id)),
            )
            self.show_error(error)
            return
        except ValidationError as error:
            self.show_error(error)
            return
        self.accept()

    def show_error(self, error: ValidationError) -> None:
        field = error.field if error.field in self.errors else "exchanges"
        if error.field == "name":
            field = "participants"
        self.errors[field].show_error(error.message)
        focus = {"participants": self.who, "title": self.title, "kind": self.kind}.get(field)
        if focus:
            focus.setFocus()
