"""The rows of the log dialog: one exchange (I gave / I received) and one promise (I owe /
they owe), each read as a sentence and removed with its ✕ or Alt+Delete."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QSpinBox,
    QToolButton,
    QWidget,
)

from winwin_desktop.analytics.attention import OPEN, PromiseInfo
from winwin_desktop.journal.interactions import ExchangeData
from winwin_desktop.journal.settings import POINTS_SCALE
from winwin_desktop.ui.promise_dialogs import OWED_LABELS, DueDate

DIRECTION_LABELS = {"given": "I gave", "received": "I received"}
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
