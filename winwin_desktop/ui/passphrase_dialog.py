"""Settings → protect the journal with a passphrase, change it, or remove it.

Setting one warns first that a lost passphrase cannot be recovered; the new one is
typed twice. Changing or removing asks for the current one. The journal and its backups
get the new protection (see ``journal.protection``).
"""

from __future__ import annotations

from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QWidget,
)

from winwin_desktop.journal import protection
from winwin_desktop.journal.opening import JournalError
from winwin_desktop.ui.widgets import ErrorLabel

SET, CHANGE, REMOVE = "set", "change", "remove"
TITLES = {
    SET: "Protect with a passphrase",
    CHANGE: "Change passphrase",
    REMOVE: "Remove passphrase",
}


def _password_field(placeholder: str) -> QLineEdit:
    field = QLineEdit()
    field.setEchoMode(QLineEdit.Password)
    field.setPlaceholderText(placeholder)
    return field


class PassphraseDialog(QDialog):
    def __init__(self, mode: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.mode = mode
        self.result_message = ""
        self.setWindowTitle(TITLES[mode])
        self.setMinimumWidth(460)
        form = QFormLayout(self)
        if mode == REMOVE:
            text = (
                "The journal and its backups will be stored as plain files again, readable by "
                "anyone who can read your files."
            )
        else:
            text = (
                "The journal and its backups will be encrypted with this passphrase. "
                + protection.LOST_WARNING
            )
        warning = QLabel(text)
        warning.setWordWrap(True)
        form.addRow(warning)
        self.current = self.new = self.again = None
        if mode in (CHANGE, REMOVE):
            self.current = _password_field("The passphrase it has now")
            form.addRow("&Current passphrase:", self.current)
        if mode in (SET, CHANGE):
            self.new = _password_field("New passphrase")
            self.again = _password_field("The same again")
            form.addRow("&New passphrase:", self.new)
            form.addRow("&Again:", self.again)
        self.delete_backups = None
        if mode == SET:
            self.delete_backups = QCheckBox(
                "&Delete the existing backups instead of encrypting them"
            )
            self.delete_backups.setToolTip(
                "Either way no plain copy of the journal stays behind; deleting is quicker "
                "but leaves no older snapshot to go back to."
            )
            form.addRow(self.delete_backups)
        self.error = ErrorLabel()
        form.addRow(self.error)
        buttons = QDialogButtonBox(QDialogButtonBox.Ok | QDialogButtonBox.Cancel)
        buttons.button(QDialogButtonBox.Ok).setText(TITLES[mode])
        buttons.accepted.connect(self.apply)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)

    def apply(self) -> None:
        self.error.clear()
        if self.current is not None and not protection.is_current_passphrase(self.current.text()):
            self.error.show_error("That is not the journal's current passphrase.")
            return
        new = None
        if self.new is not None:
            new = self.new.text()
            if not new:
                self.error.show_error("Type a passphrase: an empty one protects nothing.")
                return
            if new != self.again.text():
                self.error.show_error("The two passphrases differ; type them again.")
                return
        try:
            if self.mode == SET:
                failed = protection.set_passphrase(
                    new, delete_backups=self.delete_backups.isChecked()
                )
            elif self.mode == CHANGE:
                failed = protection.change_passphrase(new)
            else:
                failed = protection.remove_passphrase()
        except JournalError as error:
            self.error.show_error(str(error))
            return
        self.result_message = {
            SET: "The journal and its backups are now encrypted.",
            CHANGE: "The passphrase is changed, for the journal and its backups.",
            REMOVE: "The journal and its backups are no longer encrypted.",
        }[self.mode]
        if self.mode == SET and self.delete_backups.isChecked():
            self.result_message = "The journal is now encrypted; its plain backups were deleted."
        if failed:
            names = ", ".join(path.name for path in failed)
            self.result_message += (
                f" These backups could not be converted: {names}; delete them if you do not "
                "need them."
            )
        self.accept()
