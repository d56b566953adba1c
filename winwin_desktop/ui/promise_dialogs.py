"""Adding or editing a promise, and keeping one (with the exchange it usually means)."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QDate
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLineEdit,
    QSpinBox,
    QWidget,
)

from winwin_desktop.analytics.attention import I_OWE, THEY_OWE, PromiseInfo
from winwin_desktop.journal import ValidationError, promises, settings
from winwin_desktop.journal.interactions import ExchangeData
from winwin_desktop.journal.settings import POINTS_SCALE
from winwin_desktop.ui.dates import date_edit_format
from winwin_desktop.ui.undo import Actions
from winwin_desktop.ui.widgets import ErrorLabel, muted

OWED_LABELS = {I_OWE: "I owe them", THEY_OWE: "They owe me"}


class DueDate(QWidget):
    """A due date that may also be "no due date"."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.has_due = QCheckBox("due")
        self.has_due.setChecked(True)
        self.date = QDateEdit(QDate.currentDate().addDays(7))
        self.date.setCalendarPopup(True)
        self.date.setDisplayFormat(date_edit_format())
        self.has_due.toggled.connect(self.date.setEnabled)
        layout.addWidget(self.has_due)
        layout.addWidget(self.date)
        layout.addStretch(1)

    def value(self) -> dt.date | None:
        return self.date.date().toPython() if self.has_due.isChecked() else None

    def set_value(self, day: dt.date | None) -> None:
        self.has_due.setChecked(day is not None)
        self.date.setEnabled(day is not None)
        if day is not None:
            self.date.setDate(QDate(day.year, day.month, day.day))


class AddPromiseDialog(QDialog):
    """A new promise with one person, or (given ``promise``) an edit of an existing one."""

    def __init__(
        self,
        actions: Actions,
        person_id: int,
        person_name: str,
        parent: QWidget | None = None,
        promise: PromiseInfo | None = None,
    ) -> None:
        super().__init__(parent)
        self.actions = actions
        self.person_id = person_id
        self.promise = promise
        self.setWindowTitle(f"{'Edit promise' if promise else 'Promise'} with {person_name}")
        self.setMinimumWidth(440)
        form = QFormLayout(self)
        self.owed_by = QComboBox()
        for key, label in OWED_LABELS.items():
            self.owed_by.addItem(label, key)
        self.text = QLineEdit()
        self.text.setPlaceholderText("e.g. send the shortlist")
        self.due = DueDate()
        form.addRow("&Who owes:", self.owed_by)
        form.addRow("&What:", self.text)
        form.addRow("Due:", self.due)
        self.error = ErrorLabel()
        form.addRow("", self.error)
        buttons = QDialogButtonBox(QDialogButtonBox.Ok | QDialogButtonBox.Cancel)
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)
        if promise is not None:
            self.owed_by.setCurrentIndex(self.owed_by.findData(promise.owed_by))
            self.text.setText(promise.text)
            self.due.set_value(promise.due)
            buttons.button(QDialogButtonBox.Ok).setText("Save")
        self.text.setFocus()

    def save(self) -> None:
        owed_by, text, due = self.owed_by.currentData(), self.text.text(), self.due.value()
        try:
            if self.promise is None:
                self.actions.run(
                    "Add promise",
                    lambda: promises.add_promise(self.person_id, owed_by, text, due),
                )
            else:
                self.actions.run(
                    f"Edit promise: {self.promise.text}",
                    lambda: promises.edit_promise(self.promise.id, text, due, owed_by),
                )
        except ValidationError as error:
            self.error.show_error(error.message)
            self.text.setFocus()
            return
        self.accept()


class KeepPromiseDialog(QDialog):
    """Mark a promise kept; offers to record the exchange, prefilled from the promise."""

    def __init__(
        self, actions: Actions, promise: PromiseInfo, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.actions = actions
        self.promise = promise
        suggestion = promises.suggested_exchange(promise)
        self.setWindowTitle("Promise kept")
        self.setMinimumWidth(480)
        form = QFormLayout(self)
        form.addRow(muted(promise.describe(dt.date.today())))
        verb = "you gave" if suggestion.direction == "given" else "you received"
        self.record = QCheckBox(f"Also record what {verb}")
        self.record.setChecked(True)
        form.addRow(self.record)
        self.category = QComboBox()
        self.category.addItems(settings.categories())
        self.category.setCurrentText(suggestion.category)
        self.points = QSpinBox()
        self.points.setRange(1, 5)
        self.points.setValue(suggestion.points)
        self.points.setToolTip("\n".join(f"{n} — {label}" for n, label in POINTS_SCALE.items()))
        self.description = QLineEdit(suggestion.description)
        for label, widget in (
            ("&Category:", self.category),
            ("&Points:", self.points),
            ("&What:", self.description),
        ):
            form.addRow(label, widget)
            self.record.toggled.connect(widget.setEnabled)
        self.error = ErrorLabel()
        form.addRow("", self.error)
        buttons = QDialogButtonBox(QDialogButtonBox.Ok | QDialogButtonBox.Cancel)
        buttons.button(QDialogButtonBox.Ok).setText("Mark kept")
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)

    def exchange(self) -> ExchangeData | None:
        if not self.record.isChecked():
            return None
        suggestion = promises.suggested_exchange(self.promise)
        return ExchangeData(
            person_id=suggestion.person_id,
            direction=suggestion.direction,
            category=self.category.currentText(),
            points=self.points.value(),
            description=self.description.text(),
        )

    def save(self) -> None:
        exchange = self.exchange()
        try:
            self.actions.run(
                f"Kept: {self.promise.text}",
                lambda: promises.keep_promise(self.promise.id, exchange),
            )
        except ValidationError as error:
            self.error.show_error(error.message)
            return
        self.accept()
