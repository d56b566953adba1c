"""Log (or edit) an interaction: people, kind, date, title, notes and the value exchanged
both ways — all from the keyboard."""

from __future__ import annotations

import contextlib
import datetime as dt
from collections import Counter

import shiboken6
from PySide6.QtCore import QDate, QEvent, QPoint, Qt, QTimer, Signal
from PySide6.QtGui import QKeySequence, QShortcut, QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QApplication,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListView,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QSpinBox,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from winwin_desktop.analytics.attention import I_OWE, OPEN, THEY_OWE, PromiseInfo
from winwin_desktop.journal import (
    ValidationError,
    drafts,
    people,
    promises,
    settings,
    typed_names,
)
from winwin_desktop.journal.interactions import ExchangeData, InteractionData
from winwin_desktop.journal.log_entry import (
    EntryExchange,
    EntryPromise,
    LogEntry,
    NewPerson,
    save_log_entry,
)
from winwin_desktop.journal.settings import POINTS_SCALE
from winwin_desktop.text import fold, listing, words
from winwin_desktop.ui.promise_dialogs import OWED_LABELS, DueDate
from winwin_desktop.ui.undo import Actions
from winwin_desktop.ui.widgets import ErrorLabel, muted

DIRECTION_LABELS = {"given": "I gave", "received": "I received"}
SCALE_TEXT = "Points: " + " · ".join(f"{n} {label}" for n, label in POINTS_SCALE.items())
KEY_ROLE = Qt.UserRole + 1
MOST_SUGGESTIONS = 20
SUGGESTED_ROWS = 7  # shown at once; the rest scroll
DRAFT_MS = 800  # a new log is kept as a draft this long after the last change


REMOVE_ROW_KEYS = "Alt+Delete"


def _removable(row: QWidget, button: QToolButton, what: str) -> None:
    """The row's ✕ button (Alt+Delete anywhere in the row does the same: the dialog's
    ``remove_focused_row``)."""
    button.setText("✕")
    button.setToolTip(f"Remove this {what} ({REMOVE_ROW_KEYS})")
    button.setFocusPolicy(Qt.NoFocus)
    button.clicked.connect(lambda: row.remove_requested.emit(row))


class ExchangeRow(QWidget):
    """One exchange, read as a sentence: I gave · what kind · how much · a few words · to
    whom. The direction is decided by the button that added the row, so Tab skips it."""

    remove_requested = Signal(object)

    def __init__(self, people_choices: list[tuple[object, str]], categories: list[str]) -> None:
        super().__init__()
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.direction = QComboBox()
        for key, label in DIRECTION_LABELS.items():
            self.direction.addItem(label, key)
        self.direction.setToolTip("Given: value I gave them. Received: value they gave me.")
        self.direction.setFocusPolicy(Qt.ClickFocus)
        self.direction.currentIndexChanged.connect(self._show_direction)
        self.category = QComboBox()
        self.category.addItems(categories)
        self.category.setToolTip(
            "What kind of value it was: type its first letters; a digit 1–5 sets the points"
        )
        self.category.setAccessibleName("Category")
        self.category.installEventFilter(self)
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
        self.to_label = QLabel()
        self.person = QComboBox()
        self.person.setToolTip("Who this value went to or came from (type a first letter)")
        self.person.setAccessibleName("With")
        self.person.setMinimumWidth(140)
        self.remove = QToolButton()
        _removable(self, self.remove, "exchange")
        for widget, stretch in (
            (self.direction, 0),
            (self.category, 1),
            (self.points, 0),
            (self.meaning, 0),
            (self.description, 3),
            (self.to_label, 0),
            (self.person, 2),
            (self.remove, 0),
        ):
            layout.addWidget(widget, stretch)
        QWidget.setTabOrder(self.category, self.points)
        QWidget.setTabOrder(self.points, self.description)
        QWidget.setTabOrder(self.description, self.person)
        self.exchange_id: int | None = None
        self._show_direction()
        self.set_people(people_choices)

    def _show_meaning(self, points: int) -> None:
        self.meaning.setText(POINTS_SCALE[points].split(" — ")[0])

    def _show_direction(self) -> None:
        self.to_label.setText("to" if self.direction.currentData() == "given" else "from")

    def eventFilter(self, watched, event) -> bool:
        # A digit in the category field sets the points and moves on to the description:
        # "a3" is advice, 3 points, and the cursor is where the words go.
        if (
            watched is self.category
            and event.type() == QEvent.KeyPress
            and event.text() in {str(n) for n in POINTS_SCALE}
            and not event.modifiers() & (Qt.ControlModifier | Qt.AltModifier)
        ):
            self.points.setValue(int(event.text()))
            self.description.setFocus()
            return True
        return super().eventFilter(watched, event)

    def set_people(self, choices: list[tuple[object, str]]) -> bool:
        """Offer ``choices``; returns False when this row's person is no longer among them.
        A row without a person yet takes the person named last (shown in the row)."""
        current = self.person.currentData()
        self.person.blockSignals(True)
        self.person.clear()
        for key, name in choices:
            self.person.addItem(name, key)
        found = self.person.findData(current) if current is not None else -1
        self.person.setCurrentIndex(found if found >= 0 else self.person.count() - 1)
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

    def draft(self) -> dict:
        return {
            "person": self.person.currentData(),
            "direction": self.direction.currentData(),
            "category": self.category.currentText(),
            "points": self.points.value(),
            "description": self.description.text(),
        }

    def load_draft(self, draft: dict) -> None:
        self.direction.setCurrentIndex(max(self.direction.findData(draft.get("direction")), 0))
        index = self.category.findText(str(draft.get("category", "")))
        if index >= 0:
            self.category.setCurrentIndex(index)
        self.points.setValue(int(draft.get("points", 2)))
        self.description.setText(str(draft.get("description", "")))
        found = self.person.findData(draft.get("person"))
        if found >= 0:
            self.person.setCurrentIndex(found)


class PromiseRow(QWidget):
    """A promise made in this interaction: who owes, what, to or from whom, by when.

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
        self.owed_by.setFocusPolicy(Qt.ClickFocus)  # decided by Alt+O / Alt+T
        self.text = QLineEdit()
        self.text.setPlaceholderText("What was promised, e.g. send the shortlist")
        self.person = QComboBox()
        self.person.setToolTip("Whom the promise is with (type a first letter)")
        self.person.setAccessibleName("With")
        self.person.setMinimumWidth(140)
        self.due = DueDate()
        self.status = QLabel()
        self.status.setStyleSheet("color: palette(placeholder-text);")
        self.status.hide()
        self.remove = QToolButton()
        _removable(self, self.remove, "promise")
        for widget, stretch in (
            (self.owed_by, 0),
            (self.text, 3),
            (self.person, 2),
            (self.due, 0),
            (self.status, 0),
            (self.remove, 0),
        ):
            layout.addWidget(widget, stretch)
        QWidget.setTabOrder(self.text, self.person)
        QWidget.setTabOrder(self.person, self.due.has_due)
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

    def draft(self) -> dict:
        due = self.due.value()
        return {
            "person": self.person.currentData(),
            "owed_by": self.owed_by.currentData(),
            "text": self.text.text(),
            "due": due.isoformat() if due else None,
        }

    def load_draft(self, draft: dict) -> None:
        self.text.setText(str(draft.get("text", "")))
        due = draft.get("due")
        self.due.set_value(dt.date.fromisoformat(due) if due else None)
        found = self.person.findData(draft.get("person"))
        if found >= 0:
            self.person.setCurrentIndex(found)


class Chip(QFrame):
    """One participant: the name and a × that removes them."""

    remove_requested = Signal(object)  # the participant's key

    def __init__(self, key: object, name: str, shown: str, is_new: bool) -> None:
        super().__init__()
        self.key, self.name = key, name
        self.setObjectName("chip")
        self.setStyleSheet(
            "#chip { border: 1px solid palette(mid); border-radius: 11px;"
            " background: palette(alternate-base); }"
        )
        layout = QHBoxLayout(self)
        layout.setContentsMargins(8, 1, 2, 1)
        layout.setSpacing(2)
        self.label = QLabel(f"{shown}  <i>(new)</i>" if is_new else shown)
        self.label.setTextFormat(Qt.RichText if is_new else Qt.PlainText)
        self.setToolTip(f"{name} is not in the journal yet: saving adds them." if is_new else shown)
        self.remove = QToolButton(text="×")
        self.remove.setAutoRaise(True)
        self.remove.setFocusPolicy(Qt.NoFocus)  # Backspace in the empty field does it
        self.remove.setToolTip(f"Remove {name} (Backspace in the empty field removes the last)")
        self.remove.setAccessibleName(f"Remove {name}")
        self.remove.clicked.connect(lambda: self.remove_requested.emit(self.key))
        layout.addWidget(self.label)
        layout.addWidget(self.remove)

    def text(self) -> str:
        return self.label.text()


class Suggestions(QListView):
    """The names matching what is typed, under the field; the field keeps the cursor
    (Up/Down move here, Enter takes the highlighted one)."""

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.setFocusPolicy(Qt.NoFocus)
        self.setAccessibleName("Suggestions")
        self.setFrameShape(QFrame.Box)
        self.setEditTriggers(QListView.NoEditTriggers)
        self.names = QStandardItemModel(self)
        self.setModel(self.names)
        self.hide()

    def show_under(self, field: QWidget, names: list[tuple[int, str]]) -> None:
        self.names.setRowCount(0)
        for person_id, shown in names:
            item = QStandardItem(shown)
            item.setData(person_id, KEY_ROLE)
            self.names.appendRow(item)
        if not names:
            self.hide()
            return
        self.setCurrentIndex(self.names.index(0, 0))
        rows = min(len(names), SUGGESTED_ROWS)
        height = self.sizeHintForRow(0) * rows + 2 * self.frameWidth() + 2
        below = field.mapTo(self.parentWidget(), QPoint(0, field.height()))
        self.setGeometry(below.x(), below.y(), max(field.width(), 320), height)
        self.show()
        self.raise_()

    def texts(self) -> list[str]:
        return [self.names.item(row).text() for row in range(self.names.rowCount())]

    def current_row(self) -> int:
        return self.currentIndex().row()

    def move_by(self, step: int) -> None:
        count = self.names.rowCount()
        if count:
            row = (self.currentIndex().row() + step) % count
            self.setCurrentIndex(self.names.index(row, 0))

    def chosen(self) -> int | None:
        index = self.currentIndex()
        return index.data(KEY_ROLE) if index.isValid() and self.isVisible() else None


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
        self.saved: InteractionData | None = None
        # Saving or closing puts the cursor back where the user was.
        self._return_focus = QApplication.focusWidget()
        self.setMinimumWidth(820)
        self._load_people()
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

    def _load_people(self) -> None:
        summaries = people.people_summaries()
        self._names = {p.id: p.name for p in summaries}
        # Recent contacts first among the matches: "p" is more likely Piotr, met today,
        # than someone last seen a year ago.
        self._recency = {p.id: (p.last_contact or dt.date.min).toordinal() for p in summaries}
        counts = Counter(fold(p.name) for p in summaries)
        # A name two people share is shown with the organisation: "Sam Lee (Globex)".
        self._shown = {
            p.id: (
                f"{p.name} ({p.organisation or 'no organisation'})"
                if counts[fold(p.name)] > 1
                else p.name
            )
            for p in summaries
        }
        self._folded = {pid: words(name) for pid, name in self._shown.items()}

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

        self.who = QLineEdit()
        self.who.setPlaceholderText("Type a few letters of a name, Enter takes the first")
        self.who.setAccessibleName("Add a person")
        self.who.setMinimumWidth(180)
        self.who.textEdited.connect(self._suggest)
        self.who.installEventFilter(self)
        self.suggestions = Suggestions(self)
        self.suggestions.clicked.connect(lambda index: self._take(index.data(KEY_ROLE)))
        self.participants = QWidget()
        self.participants.setAccessibleName("People")
        self.chips = QHBoxLayout(self.participants)
        self.chips.setContentsMargins(0, 0, 0, 0)
        self.chips.setSpacing(4)
        self.chips.addWidget(self.who, 1)
        who_box = QVBoxLayout()
        who_box.addWidget(self.participants)
        who_box.addWidget(self._error("participants"))
        form.addRow(self._buddy_label("&People:", self.who), who_box)

        self.kind = QComboBox()
        self.kind.addItems(settings.kinds())
        self.kind.setToolTip("Type its first letters: “mea” is a meal")
        self.date = QDateEdit(QDate.currentDate())
        self.date.setCalendarPopup(True)
        self.date.setDisplayFormat("yyyy-MM-dd")
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
        if watched is self.who and event.type() == QEvent.KeyPress:
            return self._name_key(event)
        if watched is self.who and event.type() == QEvent.FocusOut:
            self.suggestions.hide()
        return super().eventFilter(watched, event)

    def _name_key(self, event) -> bool:
        """The keys of the names field; True when the key was used here."""
        key, open_ = event.key(), self.suggestions.isVisible()
        if key in (Qt.Key_Down, Qt.Key_Up) and open_:
            self.suggestions.move_by(1 if key == Qt.Key_Down else -1)
            return True
        if key == Qt.Key_Down and self.who.text().strip():
            self._suggest(self.who.text())
            return True
        if key in (Qt.Key_Return, Qt.Key_Enter) and not event.modifiers() & Qt.ControlModifier:
            if event.modifiers() & Qt.ShiftModifier:
                self._add_typed_as_new()
            elif open_:
                self._take(self.suggestions.chosen())
            elif self.who.text().strip():
                self._add_typed_person()
            else:
                self.focusNextChild()  # the names are done
            return True
        if key == Qt.Key_Escape and open_:
            self.suggestions.hide()
            return True
        if key == Qt.Key_Backspace and not self.who.text() and self.participant_chips():
            self.remove_participant(self.participant_chips()[-1].key)
            return True
        return False

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

    def _show_title(self) -> None:
        names = [chip.name for chip in self.participant_chips()]
        what = "Edit interaction" if self.editing else "Log interaction"
        self.setWindowTitle(f"{what} with {listing(names)}" if names else what)

    # participants -----------------------------------------------------------------------

    def participant_chips(self) -> list[Chip]:
        return [
            self.chips.itemAt(i).widget()
            for i in range(self.chips.count())
            if isinstance(self.chips.itemAt(i).widget(), Chip)
        ]

    def participant_choices(self) -> list[tuple[object, str]]:
        return [(chip.key, chip.name) for chip in self.participant_chips()]

    def matching(self, text: str) -> list[int]:
        """People with a name word starting with each typed word (accents and case
        ignored, "eri" finds Åberg-Eriksen); the most recently met first."""
        typed = words(text)
        if not typed:
            return []
        found = [
            pid
            for pid, words in self._folded.items()
            if all(any(word.startswith(t) for word in words) for t in typed)
        ]
        return sorted(found, key=lambda pid: (-self._recency[pid], fold(self._names[pid])))

    def _suggest(self, text: str) -> None:
        chosen = {key for key, _ in self.participant_choices()}
        found = [pid for pid in self.matching(text) if pid not in chosen][:MOST_SUGGESTIONS]
        self.errors["participants"].clear()
        self.suggestions.show_under(self.who, [(pid, self._shown[pid]) for pid in found])

    def _take(self, person_id: int | None) -> None:
        if person_id is None:
            return
        self._add_participant(person_id, self._names[person_id])
        self.who.clear()
        self.suggestions.hide()

    def _add_typed_person(self) -> None:
        """Enter with the suggestions closed: a whole name (or "Sam Lee (Globex)", or an
        email) names that person; else the one partial match, else a new person."""
        text = " ".join(self.who.text().split())
        if not text:
            return
        try:
            [named] = typed_names.find_people([text], "participants")
        except ValidationError as error:
            self._refuse(text, error.message)
            return
        found = [named.person.id] if named.person is not None else self.matching(text)
        if len(found) > 1:
            self._refuse(
                text,
                f"Several people match “{text}”: type more, or press Shift+Enter to add a "
                "new person with this name.",
            )
        elif found:
            self._take(found[0])
        else:
            self._add_participant(f"new:{text}", text)
            self.who.clear()

    def _refuse(self, text: str, message: str) -> None:
        self._suggest(text)
        if self.suggestions.isVisible():
            message += " Or pick one here with Up/Down and Enter."
        self.errors["participants"].show_error(message)

    def _add_typed_as_new(self) -> None:
        text = " ".join(self.who.text().split())
        if text:
            self._add_participant(f"new:{text}", text)
            self.who.clear()
            self.suggestions.hide()

    def _add_participant(self, key: object, name: str) -> None:
        if any(k == key for k, _ in self.participant_choices()):
            return
        is_new = isinstance(key, str)
        chip = Chip(key, name, name if is_new else self._shown.get(key, name), is_new)
        chip.remove_requested.connect(self.remove_participant)
        self.chips.insertWidget(self.chips.count() - 1, chip)
        chip.show()
        self.errors["participants"].clear()
        self._refresh_rows()
        self._show_title()
        self._changed()

    def remove_participant(self, key: object) -> None:
        for chip in self.participant_chips():
            if chip.key == key:
                self.chips.removeWidget(chip)
                chip.hide()
                chip.deleteLater()
        self._refresh_rows()
        self._show_title()
        self._changed()
        self.who.setFocus()

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
