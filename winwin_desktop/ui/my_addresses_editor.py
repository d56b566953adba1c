"""Settings → My addresses: the user's own email addresses, a list to add to and remove
from. They are never imported as a person or a meeting guest.

The Settings dialog embeds :class:`MyAddressesEditor` and calls :meth:`save` inside its
own action, so the change is part of that one undo step; nothing is written before.
"""

from __future__ import annotations

from PySide6.QtWidgets import (
    QHBoxLayout,
    QLineEdit,
    QListWidget,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from winwin_desktop.journal import ValidationError, my_addresses
from winwin_desktop.ui.widgets import ErrorLabel, muted


class MyAddressesEditor(QWidget):
    """The user's own addresses: type one and press Add (or Enter), select one and
    press Remove. An address that is not one is refused beside the field."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(4)
        self.list = QListWidget()
        self.list.setAccessibleName("My addresses")
        self.list.setFixedHeight((self.fontMetrics().height() + 4) * 4 + 6)
        layout.addWidget(self.list)
        row = QHBoxLayout()
        row.setSpacing(4)
        self.field = QLineEdit()
        self.field.setPlaceholderText("you@example.com")
        self.field.setAccessibleName("New address")
        self.field.returnPressed.connect(self.add)
        self.add_button = QPushButton("Add")
        self.add_button.setToolTip("Add this address as one of yours")
        self.add_button.clicked.connect(self.add)
        self.remove_button = QPushButton("Remove")
        self.remove_button.setToolTip("Remove the selected address")
        self.remove_button.clicked.connect(self.remove)
        row.addWidget(self.field, 1)
        row.addWidget(self.add_button)
        row.addWidget(self.remove_button)
        layout.addLayout(row)
        self.error = ErrorLabel()
        layout.addWidget(self.error)
        layout.addWidget(
            muted("Never imported as a person or a meeting guest (from calendars and cards).")
        )
        self._saved = my_addresses.my_addresses()
        self.list.addItems(self._saved)
        self.list.currentRowChanged.connect(lambda _: self._enable())
        self._enable()

    def addresses(self) -> list[str]:
        return [self.list.item(row).text() for row in range(self.list.count())]

    def add(self) -> None:
        self.error.clear()
        text = self.field.text()
        if not text.strip():
            return
        try:
            address = my_addresses.checked_address(text)
        except ValidationError as refused:
            self.error.show_error(refused.message)
            return
        if address.casefold() not in {a.casefold() for a in self.addresses()}:
            self.list.addItem(address)
        self.field.clear()
        self._enable()

    def remove(self) -> None:
        row = self.list.currentRow()
        if row >= 0:
            self.list.takeItem(row)
        self._enable()

    @property
    def changed(self) -> bool:
        return self.addresses() != self._saved

    def save(self) -> None:
        """Write the list, if it changed (call it inside the dialog's one action)."""
        if self.changed:
            self._saved = my_addresses.set_my_addresses(self.addresses())

    def _enable(self) -> None:
        self.remove_button.setEnabled(self.list.currentRow() >= 0)
