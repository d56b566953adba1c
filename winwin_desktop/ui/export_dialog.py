"""File → Export…: the whole journal as JSON, CSV, Markdown or vCard, with a plain
warning that an export is not protected the way the journal is."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QStandardPaths, Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from winwin_desktop.journal import ValidationError, exporting
from winwin_desktop.ui.widgets import ErrorLabel, confirm_replace, heading, muted

PLAIN_TEXT_WARNING = (
    "<b>Exports are plain text.</b> Anyone who can open the file can read everything in "
    "it. WinWin makes it readable only by you on this computer, but a copy you e-mail, "
    "sync or put on a USB stick is not protected: keep it somewhere private and delete it "
    "when you no longer need it."
)
DETAILS = {
    exporting.JSON: "The whole journal, trash included: WinWin imports it again.",
    exporting.CSV: "People, interactions, exchanges, promises and reflections, one file each, "
    "to open in a spreadsheet.",
    exporting.MARKDOWN: "Reflections day by day and interactions person by person, to read in "
    "any editor.",
    exporting.VCARD: "Names, organisations, emails, phones, notes and tags, for an address book.",
}


class ExportDialog(QDialog):
    """Choose a format and a place; Export writes it. ``exported`` carries the sentence
    to show in the status bar."""

    exported = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Export the journal")
        self.setMinimumWidth(520)
        self.result: exporting.ExportResult | None = None
        self._confirmed: str | None = None  # a path the file dialog asked to replace
        layout = QVBoxLayout(self)
        layout.addWidget(heading("Export the journal", 1.3))

        self.formats = QButtonGroup(self)
        self.format_buttons: dict[str, QRadioButton] = {}
        for name, label in exporting.export_formats():
            button = QRadioButton(label)
            button.setProperty("format", name)
            self.formats.addButton(button)
            self.format_buttons[name] = button
            choice = QVBoxLayout()
            choice.setSpacing(0)
            choice.addWidget(button)
            detail = muted(DETAILS[name])
            detail.setContentsMargins(26, 0, 0, 0)
            choice.addWidget(detail)
            layout.addLayout(choice)
        self.format_buttons[exporting.JSON].setChecked(True)
        self.formats.buttonToggled.connect(self._format_changed)

        self.where_label = QLabel()
        layout.addWidget(self.where_label)
        row = QHBoxLayout()
        folder = QStandardPaths.writableLocation(QStandardPaths.DocumentsLocation) or str(
            Path.home()
        )
        self.path = QLineEdit(str(Path(folder) / exporting.suggested_name(exporting.JSON)))
        self.where_label.setBuddy(self.path)
        self.choose = QPushButton("Choose…")
        self.choose.clicked.connect(self._choose)
        row.addWidget(self.path, 1)
        row.addWidget(self.choose)
        layout.addLayout(row)

        self.warning = QLabel(PLAIN_TEXT_WARNING)
        self.warning.setWordWrap(True)
        self.warning.setStyleSheet(
            "QLabel { background: palette(alternate-base); border: 1px solid palette(mid);"
            " border-radius: 4px; padding: 8px; }"
        )
        self.warning.setAccessibleName("Warning")
        layout.addWidget(self.warning)

        self.error = ErrorLabel()
        layout.addWidget(self.error)
        self.buttons = QDialogButtonBox(QDialogButtonBox.Cancel)
        self.export_button = self.buttons.addButton("Export", QDialogButtonBox.AcceptRole)
        self.export_button.setDefault(True)
        self.buttons.accepted.connect(self.export)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        self._format_changed()

    def chosen_format(self) -> str:
        return self.formats.checkedButton().property("format")

    def set_format(self, name: str) -> None:
        self.format_buttons[name].setChecked(True)

    def export(self) -> exporting.ExportResult | None:
        self.error.clear()
        text = self.path.text().strip()
        if not text:
            self.error.show_error("Say where to save the export.")
            return None
        # Replacing a file is asked first, unless the file dialog just asked it.
        existing = exporting.existing_files(self.chosen_format(), text)
        if existing and text != self._confirmed and not self.confirm_replace(existing):
            return None
        try:
            self.result = exporting.export_journal(
                self.chosen_format(), text, replace=bool(existing)
            )
        except ValidationError as error:
            self.error.show_error(error.message)
            return None
        self.exported.emit(self.result.describe())
        self.accept()
        return self.result

    # dialogs (tests replace these) ------------------------------------------------------

    def confirm_replace(self, existing: list[Path]) -> bool:
        return confirm_replace(self, existing)

    def ask_path(self, format_name: str, suggested: str) -> str | None:
        if format_name == exporting.CSV:
            chosen = QFileDialog.getExistingDirectory(
                self, "Folder for the CSV files", str(Path(suggested).parent)
            )
            return str(Path(chosen) / Path(suggested).name) if chosen else None
        filters = {
            exporting.JSON: "WinWin JSON (*.json)",
            exporting.MARKDOWN: "Markdown (*.md)",
            exporting.VCARD: "vCard (*.vcf)",
        }
        chosen, _ = QFileDialog.getSaveFileName(
            self, "Export the journal", suggested, filters[format_name]
        )
        return chosen or None

    # reacting ---------------------------------------------------------------------------

    def _choose(self) -> None:
        chosen = self.ask_path(self.chosen_format(), self.path.text())
        if chosen:
            self.path.setText(chosen)
            # Qt's save dialog has asked about replacing the file; its folder dialog has not.
            self._confirmed = chosen if self.chosen_format() != exporting.CSV else None

    def _format_changed(self, *_args) -> None:
        if self.formats.checkedButton() is None:
            return
        name = self.chosen_format()
        self.where_label.setText(
            "Save in the &folder (created if needed):" if name == exporting.CSV else "Save &as:"
        )
        # Keep the chosen folder; give the file the new format's name.
        current = Path(self.path.text().strip() or ".")
        self.path.setText(str(current.parent / exporting.suggested_name(name)))
