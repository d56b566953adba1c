"""Merge two people who are the same person: choose the duplicate and which record to
keep, see what will move, merge as one undoable action."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLayout,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from winwin_desktop.journal import ValidationError, merge, people
from winwin_desktop.ui.completion import FoldingCompleter
from winwin_desktop.ui.dates import human_date
from winwin_desktop.ui.undo import Actions
from winwin_desktop.ui.widgets import ErrorLabel, heading, muted


class MergeDialog(QDialog):
    """After ``accepted``, ``kept_id`` is the person who remains."""

    def __init__(
        self,
        actions: Actions,
        person_id: int,
        other_id: int | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.actions = actions
        self.person_id = person_id
        self.kept_id: int | None = None
        self.setWindowTitle("Merge two people")
        self.setMinimumWidth(560)
        layout = QVBoxLayout(self)
        # Never narrower than the "Keep …" choices: a long one was cut at its end.
        layout.setSizeConstraint(QLayout.SizeConstraint.SetMinimumSize)
        person = people.get_person(person_id)
        layout.addWidget(heading(f"Merge {person.name} with someone else", 1.3))
        layout.addWidget(
            muted(
                "For two records of the same person: everything of the one you do not keep "
                "— interactions, exchanges, promises, mentions, tags, emails, phones and "
                "links — moves to the one you keep, which then stands for both."
            )
        )
        form = QFormLayout()
        self.other = QComboBox()
        self.other.setEditable(True)
        self.other.setInsertPolicy(QComboBox.NoInsert)
        for candidate_id, name in people.people_names():
            if candidate_id != person_id:
                self.other.addItem(name, candidate_id)
        self.other.setCompleter(FoldingCompleter(self.other.model(), self.other))
        self.other.setCurrentIndex(self.other.findData(other_id) if other_id is not None else -1)
        self.other.currentIndexChanged.connect(self._other_changed)
        form.addRow("Merge &with:", self.other)
        layout.addLayout(form)

        self.keep_group = QButtonGroup(self)
        self.keep_first = QRadioButton()
        self.keep_second = QRadioButton()
        for button in (self.keep_first, self.keep_second):
            self.keep_group.addButton(button)
            layout.addWidget(button)
        self.keep_group.buttonToggled.connect(self._update_preview)

        self.preview = QLabel()
        self.preview.setWordWrap(True)
        self.preview.setTextFormat(Qt.RichText)
        self.preview.setAccessibleName("What will move")
        layout.addWidget(self.preview)
        self.error = ErrorLabel()
        layout.addWidget(self.error)

        self.buttons = QDialogButtonBox(QDialogButtonBox.Cancel)
        self.merge_button = self.buttons.addButton("&Merge", QDialogButtonBox.AcceptRole)
        self.buttons.accepted.connect(self.merge)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        self._other_changed()

    # choices ----------------------------------------------------------------------------

    def other_id(self) -> int | None:
        data = self.other.currentData()
        return int(data) if data is not None else None

    def choose_other(self, other_id: int) -> None:
        self.other.setCurrentIndex(self.other.findData(other_id))

    def keep(self, person_id: int) -> None:
        """Choose which of the two stays."""
        button = self.keep_first if person_id == self.person_id else self.keep_second
        button.setChecked(True)

    def kept_and_merged(self) -> tuple[int, int] | None:
        other = self.other_id()
        if other is None:
            return None
        if self.keep_second.isChecked():
            return other, self.person_id
        return self.person_id, other

    # merging ----------------------------------------------------------------------------

    def merge(self) -> int | None:
        self.error.clear()
        pair = self.kept_and_merged()
        if pair is None:
            self.error.show_error("Choose the person to merge with.")
            return None
        keep, other = pair
        label = f"Merge {people.get_person(other).name} into {people.get_person(keep).name}"
        try:
            kept = self.actions.run(label, lambda: merge.merge_people(keep, other))
        except ValidationError as error:
            self.error.show_error(error.message)
            return None
        self.kept_id = kept.id
        self.accept()
        return kept.id

    # reacting ---------------------------------------------------------------------------

    def _other_changed(self, *_args) -> None:
        other = self.other_id()
        self.keep_first.setVisible(other is not None)
        self.keep_second.setVisible(other is not None)
        self.merge_button.setEnabled(other is not None)
        if other is None:
            self.preview.setText("Choose the duplicate record above.")
            return
        first, second = people.person_summary(self.person_id), people.person_summary(other)
        self.keep_first.setText(f"Keep {_describe(first)}")
        self.keep_second.setText(f"Keep {_describe(second)}")
        # The record with more history is usually the one to keep.
        richer = second if second.interactions > first.interactions else first
        self.keep(richer.id)
        self._update_preview()

    def _update_preview(self, *_args) -> None:
        pair = self.kept_and_merged()
        if pair is None:
            return
        preview = merge.merge_preview(*pair)
        items = "".join(f"<li>{_escape(line)}</li>" for line in preview.describe())
        self.preview.setText(f"<ul style='margin-left: -20px'>{items}</ul>")


def _describe(summary: people.PersonSummary) -> str:
    details = [summary.organisation] if summary.organisation else []
    count = summary.interactions
    details.append(f"{count} interaction{'' if count == 1 else 's'}")
    if summary.last_contact:
        details.append(f"last contact {human_date(summary.last_contact)}")
    return f"{summary.name} ({', '.join(details)})"


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
