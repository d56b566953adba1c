"""People → + New person: a name, and what is known beside it."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QFormLayout, QLineEdit, QWidget

from winwin_desktop.journal import ValidationError, people
from winwin_desktop.ui.undo import Actions
from winwin_desktop.ui.widgets import ErrorLabel


class NewPersonDialog(QDialog):
    def __init__(self, actions: Actions, parent: QWidget | None = None, name: str = "") -> None:
        super().__init__(parent)
        self.actions = actions
        self.person_id: int | None = None
        self.setWindowTitle("New person")
        self.setMinimumWidth(420)
        form = QFormLayout(self)
        self.name = QLineEdit(name)
        self.name.setPlaceholderText("Full name")
        self.organisation = QLineEdit()
        self.role = QLineEdit()
        self.email = QLineEdit()
        self.email.setPlaceholderText("name@example.com")
        self.tags = QLineEdit()
        self.tags.setPlaceholderText("e.g. client, investor")
        from winwin_desktop.ui.person_view import PersonNameEdit

        self.introduced_by = PersonNameEdit()
        self.introduced_by.setPlaceholderText("Start typing a name; empty: nobody")
        self.introduced_by.setToolTip(
            "Who introduced you to them: one of the people in the journal"
        )
        for label, widget in (
            ("&Name:", self.name),
            ("&Organisation:", self.organisation),
            ("&Role:", self.role),
            ("&Email:", self.email),
            ("&Tags:", self.tags),
            ("&Introduced by:", self.introduced_by),
        ):
            form.addRow(label, widget)
        self.error = ErrorLabel()
        form.addRow("", self.error)
        buttons = QDialogButtonBox(QDialogButtonBox.Ok | QDialogButtonBox.Cancel)
        buttons.button(QDialogButtonBox.Ok).setText("Add person")
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)

    def save(self) -> None:
        name = self.name.text()
        details = dict(
            organisation=self.organisation.text(),
            role=self.role.text(),
            emails=[self.email.text()],
            tags=self.tags.text().split(","),
        )

        def add():
            from winwin_desktop.journal import profile  # the person page's, after the start

            introducer = profile.introducer_id(self.introduced_by.text())
            return people.add_person(name, introduced_by_id=introducer, **details)

        try:
            person = self.actions.run(f"Add {name.strip()}", add)
        except ValidationError as error:
            self.error.show_error(error.message)
            (self.introduced_by if error.field == "introduced_by" else self.name).setFocus()
            return
        self.person_id = person.id
        self.accept()
