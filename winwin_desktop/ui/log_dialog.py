"""Log (or edit) an interaction: people, kind, date, title, notes and the value exchanged
both ways — all from the keyboard."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QDate, QStringListModel, Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QApplication,
    QComboBox,
    QCompleter,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QSpinBox,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from winwin_desktop.analytics.attention import I_OWE, OPEN, THEY_OWE, PromiseInfo
from winwin_desktop.journal import ValidationError, people, promises, settings
from winwin_desktop.journal.interactions import ExchangeData, InteractionData
from winwin_desktop.journal.log_entry import (
    EntryExchange,
    EntryPromise,
    LogEntry,
    NewPerson,
    save_log_entry,
)
from winwin_desktop.journal.settings import POINTS_SCALE
from winwin_desktop.text import fold
from winwin_desktop.ui.promise_dialogs import OWED_LABELS, DueDate
from winwin_desktop.ui.undo import Actions
from winwin_desktop.ui.widgets import ErrorLabel, muted

DIRECTION_LABELS = {"given": "I gave", "received": "I received"}
SCALE_TEXT = "Points: " + " · ".join(f"{n} {label}" for n, label in POINTS_SCALE.items())
KEY_ROLE = Qt.UserRole + 1


REMOVE_ROW_KEYS = "Alt+Delete"


def _removable(row: QWidget, button: QToolButton, what: str) -> None:
    """The row's ✕ button (Alt+Delete anywhere in the row does the same: the dialog's
    ``remove_focused_row``)."""
    button.setText("✕")
    button.setToolTip(f"Remove this {what} ({REMOVE_ROW_KEYS})")
    button.setFocusPolicy(Qt.NoFocus)
    button.clicked.connect(lambda: row.remove_requested.emit(row))


class ExchangeRow(QWidget):
    """One exchange: with whom, which way, what kind, how much, and a few words."""

    remove_requested = Signal(object)

    def __init__(self, people_choices: list[tuple[object, str]], categories: list[str]) -> None:
        super().__init__()
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.person = QComboBox()
        self.person.setToolTip("Who this value went to or came from")
        self.person.setMinimumWidth(150)
        self.direction = QComboBox()
        for key, label in DIRECTION_LABELS.items():
            self.direction.addItem(label, key)
        self.direction.setToolTip("Given: value I gave them. Received: value they gave me.")
        self.category = QComboBox()
        self.category.addItems(categories)
        self.category.setToolTip("What kind of value it was")
        self.points = QSpinBox()
        self.points.setRange(1, 5)
        self.points.setValue(2)
        self.points.setToolTip("\n".join(f"{n} — {label}" for n, label in POINTS_SCALE.items()))
        self.points.setAccessibleName("Points")
        self.meaning = QLabel()
        self.meaning.setMinimumWidth(80)
        self.points.valueChanged.connect(self._show_meaning)
        self._show_meaning(self.points.value())
        self.description = QLineEdit()
        self.description.setPlaceholderText("What was it? e.g. market map")
        self.remove = QToolButton()
        _removable(self, self.remove, "exchange")
        for widget, stretch in (
            (self.person, 2),
            (self.direction, 0),
            (self.category, 1),
            (self.points, 0),
            (self.meaning, 0),
            (self.description, 3),
            (self.remove, 0),
        ):
            layout.addWidget(widget, stretch)
        self.exchange_id: int | None = None
        self.set_people(people_choices)

    def _show_meaning(self, points: int) -> None:
        self.meaning.setText(POINTS_SCALE[points].split(" — ")[0])

    def set_people(self, choices: list[tuple[object, str]]) -> bool:
        """Offer ``choices``; returns False when this row's person is no longer among them."""
        current = self.person.currentData()
        self.person.blockSignals(True)
        self.person.clear()
        for key, name in choices:
            self.person.addItem(name, key)
        found = self.person.findData(current) if current is not None else 0
        self.person.setCurrentIndex(max(found, 0))
        self.person.blockSignals(False)
        return current is None or found >= 0

    def load(self, exchange: ExchangeData) -> None:
        self.exchange_id = exchange.id
        self.person.setCurrentIndex(max(self.person.findData(exchange.person_id), 0))
        self.direction.setCurrentIndex(self.direction.findData(exchange.direction))
        index = self.category.findText(exchange.category)
        if index < 0:
            self.category.addItem(exchange.category)
            index = self.category.count() - 1
        self.category.setCurrentIndex(index)
        self.points.setValue(exchange.points)
        self.description.setText(exchange.description)


class PromiseRow(QWidget):
    """A promise made in this interaction: who owes, to or from whom, what, by when.

    ``promise_id`` is None for a promise not saved yet.
    """

    remove_requested = Signal(object)

    def __init__(self, people_choices: list[tuple[object, str]], owed_by: str) -> None:
        super().__init__()
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.owed_by = QComboBox()
        for key, label in OWED_LABELS.items():
            self.owed_by.addItem(label, key)
        self.owed_by.setCurrentIndex(self.owed_by.findData(owed_by))
        self.person = QComboBox()
        self.person.setToolTip("Whom the promise is with")
        self.person.setMinimumWidth(150)
        self.text = QLineEdit()
        self.text.setPlaceholderText("What was promised, e.g. send the shortlist")
        self.due = DueDate()
        self.status = QLabel()
        self.status.setStyleSheet("color: palette(placeholder-text);")
        self.status.hide()
        self.remove = QToolButton()
        _removable(self, self.remove, "promise")
        for widget, stretch in (
            (self.owed_by, 0),
            (self.person, 2),
            (self.text, 3),
            (self.due, 0),
            (self.status, 0),
            (self.remove, 0),
        ):
            layout.addWidget(widget, stretch)
        self.promise_id: int | None = None
        # The person of a saved promise who is not (or no longer) a participant stays
        # offered, so that editing the interaction never moves the promise by itself.
        self._kept_choice: tuple[int, str] | None = None
        self.set_people(people_choices)

    def set_people(self, choices: list[tuple[object, str]]) -> bool:
        if self._kept_choice is not None and all(k != self._kept_choice[0] for k, _ in choices):
            choices = [*choices, self._kept_choice]
        return ExchangeRow.set_people(self, choices)

    def load(self, promise: PromiseInfo) -> None:
        self.promise_id = promise.id
        self._kept_choice = (promise.person_id, promise.person_name)
        if self.person.findData(promise.person_id) < 0:
            self.person.addItem(promise.person_name, promise.person_id)
        self.person.setCurrentIndex(self.person.findData(promise.person_id))
        self.owed_by.setCurrentIndex(self.owed_by.findData(promise.owed_by))
        self.text.setText(promise.text)
        self.due.set_value(promise.due)
        if promise.status != OPEN:
            self.status.setText(promise.status)
            self.status.setToolTip(f"This promise is {promise.status}; edit it on the person page")
            self.status.show()
        self.remove.setToolTip("Remove this promise (it goes to the Trash when you save)")


class LogInteractionDialog(QDialog):
    """Ctrl+N from anywhere. Saving writes everything in one transaction, undoable."""

    def __init__(
        self,
        actions: Actions,
        parent: QWidget | None = None,
        interaction: InteractionData | None = None,
        people_ids: list[int] | None = None,
    ) -> None:
        super().__init__(parent)
        self.actions = actions
        self.editing = interaction
        self.saved: InteractionData | None = None
        self.setWindowTitle("Edit interaction" if interaction else "Log interaction")
        self.setMinimumWidth(760)
        self._names = dict(people.people_names())  # id -> name
        self._build()
        if interaction:
            self._load(interaction)
        else:
            for person_id in people_ids or ():
                self._add_participant(person_id, self._names.get(person_id, ""))
        self.who.setFocus()

    # building ---------------------------------------------------------------------------

    def _build(self) -> None:
        outer = QVBoxLayout(self)
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.ExpandingFieldsGrow)
        self.errors: dict[str, ErrorLabel] = {}

        self.who = QLineEdit()
        self.who.setPlaceholderText(
            "Type part of a name and press Enter — a name nobody has adds a new person"
        )
        self.who.setAccessibleName("Add a person")
        # Matching is ours (accents and case ignored, any word's start), so the completer
        # only shows what we hand it.
        self._folded = {pid: fold(name).split() for pid, name in self._names.items()}
        self._suggestions = QStringListModel(self)
        completer = QCompleter(self._suggestions, self)
        completer.setCompletionMode(QCompleter.UnfilteredPopupCompletion)
        completer.activated.connect(self._completed)
        self.who.setCompleter(completer)
        self.who.textEdited.connect(self._suggest)
        self.who.returnPressed.connect(self._add_typed_person)
        QShortcut(
            QKeySequence("Shift+Return"),
            self.who,
            self._add_typed_as_new,
            context=Qt.WidgetShortcut,
        )
        self.participants = QListWidget()
        self.participants.setFlow(QListWidget.LeftToRight)
        self.participants.setWrapping(True)
        self.participants.setMaximumHeight(56)
        self.participants.setSpacing(3)
        self.participants.setToolTip(
            "The people in this interaction. Select one and press Delete to remove."
        )
        self.participants.setAccessibleName("People")
        QShortcut(
            QKeySequence.Delete,
            self.participants,
            self._remove_selected_participant,
            context=Qt.WidgetShortcut,
        )
        QShortcut(
            QKeySequence(Qt.Key_Backspace),
            self.participants,
            self._remove_selected_participant,
            context=Qt.WidgetShortcut,
        )
        who_box = QVBoxLayout()
        who_box.addWidget(self.who)
        who_box.addWidget(self.participants)
        who_box.addWidget(self._error("participants"))
        form.addRow(self._buddy_label("&People:", self.who), who_box)

        self.kind = QComboBox()
        self.kind.addItems(settings.kinds())
        self.date = QDateEdit(QDate.currentDate())
        self.date.setCalendarPopup(True)
        self.date.setDisplayFormat("yyyy-MM-dd")
        self.date.setToolTip("When it happened (today by default)")
        row = QHBoxLayout()
        row.addWidget(self.kind, 1)
        row.addWidget(QLabel("on"))
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
        self.notes.setFixedHeight(80)
        form.addRow("&Notes:", self.notes)
        outer.addLayout(form)

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
        scroll.setMinimumHeight(130)
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
                "Enter adds a person · Alt+G / Alt+R add an exchange · Alt+O / Alt+T add a promise · "
                f"{REMOVE_ROW_KEYS} removes the row you are in · Ctrl+Enter saves · Esc cancels"
            )
        )

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
        for promise in promises.promises_of_interaction(interaction.id):
            self.add_promise(promise.owed_by).load(promise)

    # participants -----------------------------------------------------------------------

    def participant_choices(self) -> list[tuple[object, str]]:
        return [
            (self.participants.item(i).data(KEY_ROLE), self.participants.item(i).data(Qt.UserRole))
            for i in range(self.participants.count())
        ]

    def _completed(self, text: str) -> None:
        # Let the completer finish writing into the field, then take it.
        self.who.setText(text)
        self._add_typed_person()

    def matching(self, text: str) -> list[int]:
        """People whose name has a word starting with each typed word (accents ignored)."""
        typed = fold(text).split()
        if not typed:
            return []
        found = [
            pid
            for pid, words in self._folded.items()
            if all(any(word.startswith(t) for word in words) for t in typed)
        ]
        return sorted(found, key=lambda pid: fold(self._names[pid]))

    def _suggest(self, text: str) -> None:
        names = [self._names[pid] for pid in self.matching(text)[:20]]
        self._suggestions.setStringList(names)
        if names:
            self.who.completer().complete()
        else:
            self.who.completer().popup().hide()

    def _add_typed_person(self) -> None:
        text = " ".join(self.who.text().split())
        if not text:
            return
        wanted = fold(text)
        exact = [pid for pid, name in self._names.items() if fold(name) == wanted]
        found = exact or self.matching(text)
        if len(found) > 1 and not exact:
            self.errors["participants"].show_error(
                f"Several people match “{text}”: pick one from the list, type more, "
                "or press Shift+Enter to add a new person with this name."
            )
            return
        if found:
            self._add_participant(found[0], self._names[found[0]])
        else:
            self._add_participant(f"new:{text}", text)
        self.who.clear()

    def _add_typed_as_new(self) -> None:
        text = " ".join(self.who.text().split())
        if text:
            self._add_participant(f"new:{text}", text)
            self.who.clear()

    def _add_participant(self, key: object, name: str) -> None:
        if any(k == key for k, _ in self.participant_choices()):
            return
        is_new = isinstance(key, str)
        item = QListWidgetItem(f"{name}  (new)" if is_new else name)
        item.setData(KEY_ROLE, key)
        item.setData(Qt.UserRole, name)
        item.setToolTip(f"{name} is not in the journal yet: saving adds them." if is_new else name)
        self.participants.addItem(item)
        self.errors["participants"].clear()
        self._refresh_rows()

    def _remove_selected_participant(self) -> None:
        for item in self.participants.selectedItems():
            self.participants.takeItem(self.participants.row(item))
        self._refresh_rows()

    # exchanges --------------------------------------------------------------------------

    def add_exchange(self, direction: str) -> ExchangeRow:
        row = ExchangeRow(self.participant_choices(), settings.categories())
        row.direction.setCurrentIndex(row.direction.findData(direction))
        row.remove_requested.connect(self._remove_row)
        self.rows_box.addWidget(row)
        self.exchange_rows.append(row)
        self.no_exchanges.hide()
        (row.person if self.participants.count() > 1 else row.category).setFocus()
        return row

    def _remove_row(self, row: ExchangeRow) -> None:
        self._keep_focus_after_removing(row, self.exchange_rows, self.add_given)
        self.exchange_rows.remove(row)
        row.setParent(None)
        row.deleteLater()
        self.no_exchanges.setVisible(not self.exchange_rows)

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
        self.promise_rows.append(row)
        row.text.setFocus()
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

    # saving -----------------------------------------------------------------------------

    def save(self) -> None:
        for label in self.errors.values():
            label.clear()
        if self.who.text().strip():
            self._add_typed_person()
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
        )
        try:
            self.saved = self.actions.run(entry.label, lambda: save_log_entry(entry)).interaction
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
