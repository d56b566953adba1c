"""File → Import…: choose a file, see what it would change, decide about duplicates,
import it as one undoable step.

The dialog shows the format it detected (changeable), then the preview: the counts, and
a row per record with its place in the file, what happens to it and why. Duplicates get
a choice (merge, keep both, skip) in their last column. A CSV whose columns WinWin does
not recognise first asks what each column holds; a calendar lists the attendees who are
not in the journal, to tick the ones to add. Everything is written by one
``actions.run(...)``: one transaction, one step of Edit → Undo.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QSortFilterProxyModel,
    Qt,
    Signal,
)
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QStyledItemDelegate,
    QTableView,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from winwin_desktop.formats import contacts_csv
from winwin_desktop.formats.detect import CSV, FORMAT_NAMES, detect_format, read_file
from winwin_desktop.formats.records import ImportFormatError, UnknownColumns
from winwin_desktop.journal import importing
from winwin_desktop.ui import theme
from winwin_desktop.ui.undo import Actions
from winwin_desktop.ui.widgets import ErrorLabel, muted

FILE_FILTER = (
    "Contacts, calendars and journals (*.vcf *.vcard *.csv *.ics *.json);;"
    "vCard (*.vcf *.vcard);;CSV (*.csv);;iCalendar (*.ics);;JSON (*.json);;All files (*)"
)
PLACE, RECORD, STATUS, DETAIL, CHOICE = range(5)
HEADERS = ("Where in the file", "Record", "Status", "What happens", "Your choice ▾")
NO_PARENT = QModelIndex()
SHOW_ALL, SHOW_DECISIONS, SHOW_SKIPPED = "Every record", "Maybe the same", "Skipped"
# Light and dark backgrounds that mark the rows a user should look at.
STATUS_COLOURS = {
    importing.DUPLICATE: ("#fff3cd", "#4d3b00"),
    importing.SKIPPED: ("#eeeeee", "#333333"),
}


class PreviewModel(QAbstractTableModel):
    """The plan's rows; the choice column is editable where a record has choices."""

    decided = Signal()

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.plan: importing.ImportPlan | None = None

    def set_plan(self, plan: importing.ImportPlan | None) -> None:
        self.beginResetModel()
        self.plan = plan
        self.endResetModel()

    def rowCount(self, parent=NO_PARENT) -> int:  # noqa: N802 (Qt's name)
        return 0 if parent.isValid() or self.plan is None else len(self.plan.rows)

    def columnCount(self, parent=NO_PARENT) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(HEADERS)

    def headerData(self, section, orientation, role=Qt.DisplayRole):  # noqa: N802
        if orientation == Qt.Horizontal and role == Qt.DisplayRole:
            return HEADERS[section]
        return None

    def row(self, number: int) -> importing.PreviewRow:
        return self.plan.rows[number]

    def data(self, index: QModelIndex, role=Qt.DisplayRole):
        if not index.isValid() or self.plan is None:
            return None
        row = self.plan.rows[index.row()]
        column = index.column()
        if role in (Qt.DisplayRole, Qt.EditRole):
            if column == PLACE:
                return row.place
            if column == RECORD:
                return row.label or "—"
            if column == STATUS:
                return importing.STATUS_LABELS[row.status].capitalize()
            if column == DETAIL:
                return row.detail
            if column == CHOICE:
                return importing.DECISION_LABELS.get(row.decision, "") if row.choices else ""
        if role == Qt.ToolTipRole and column in (DETAIL, RECORD):
            return row.detail or None
        if role == Qt.ToolTipRole and column == CHOICE and len(row.choices) > 1:
            return "Click to choose: " + ", ".join(
                importing.DECISION_LABELS[c].lower() for c in row.choices
            )
        if role == Qt.BackgroundRole and row.status in STATUS_COLOURS:
            light, dark = STATUS_COLOURS[row.status]
            return QBrush(QColor(dark if theme.current_theme() == theme.DARK else light))
        if role == Qt.UserRole:
            return row.status
        return None

    def flags(self, index: QModelIndex):
        flags = super().flags(index)
        if index.column() == CHOICE and self.plan and len(self.plan.rows[index.row()].choices) > 1:
            flags |= Qt.ItemIsEditable
        return flags

    def setData(self, index: QModelIndex, value, role=Qt.EditRole) -> bool:  # noqa: N802
        if role != Qt.EditRole or index.column() != CHOICE or self.plan is None:
            return False
        self.plan.decide(index.row(), value)
        # A decision can change later rows too (a duplicate of a record now skipped).
        self.dataChanged.emit(self.index(0, 0), self.index(self.rowCount() - 1, CHOICE))
        self.decided.emit()
        return True


class ChoiceDelegate(QStyledItemDelegate):
    """A drop-down of the record's choices in the last column."""

    def createEditor(self, parent, option, index):  # noqa: N802
        model = index.model()
        source = model.mapToSource(index) if hasattr(model, "mapToSource") else index
        row = source.model().row(source.row())
        box = QComboBox(parent)
        for choice in row.choices:
            box.addItem(importing.DECISION_LABELS[choice], choice)
        box.activated.connect(lambda: self.commitData.emit(box))
        return box

    def setEditorData(self, editor, index):  # noqa: N802
        model = index.model()
        source = model.mapToSource(index) if hasattr(model, "mapToSource") else index
        found = editor.findData(source.model().row(source.row()).decision)
        editor.setCurrentIndex(max(found, 0))

    def setModelData(self, editor, model, index):  # noqa: N802
        model.setData(index, editor.currentData())


class StatusFilter(QSortFilterProxyModel):
    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.showing = SHOW_ALL

    def show_only(self, showing: str) -> None:
        self.beginFilterChange()
        self.showing = showing
        self.endFilterChange()

    def filterAcceptsRow(self, row: int, parent) -> bool:  # noqa: N802
        if self.showing == SHOW_ALL:
            return True
        status = self.sourceModel().row(row).status
        if self.showing == SHOW_SKIPPED:
            return status == importing.SKIPPED
        return status == importing.DUPLICATE


class ImportDialog(QDialog):
    """Preview a file and import it. ``imported`` carries the result's summary."""

    imported = Signal(str)

    def __init__(self, actions: Actions, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.actions = actions
        self.path: Path | None = None
        self.data = b""
        self.plan: importing.ImportPlan | None = None
        self.mapping: dict[str, str] | None = None
        self.setWindowTitle("Import")
        self.resize(1100, 700)
        layout = QVBoxLayout(self)

        intro = muted(
            "Bring in contacts (vCard, or CSV from LinkedIn, Google or Outlook), past "
            "meetings from a calendar (.ics), or a journal (jrnl, WinWin). Nothing is "
            "written until you press Import, and Edit → Undo takes the whole import back."
        )
        layout.addWidget(intro)
        file_row = QHBoxLayout()
        self.choose_button = QPushButton("&Choose file…")
        self.choose_button.clicked.connect(self._choose)
        self.file_label = QLabel("No file chosen yet.")
        self.file_label.setTextInteractionFlags(Qt.TextSelectableByMouse)
        self.format_box = QComboBox()
        self.format_box.addItem("Detect from the content", None)
        for code, name in FORMAT_NAMES.items():
            self.format_box.addItem(name, code)
        self.format_box.setToolTip("WinWin reads the file to tell its kind; change it if wrong.")
        self.format_box.activated.connect(lambda _: self._reload())
        file_row.addWidget(self.choose_button)
        file_row.addWidget(self.file_label, 1)
        file_row.addWidget(QLabel("&Kind:", buddy=self.format_box))
        file_row.addWidget(self.format_box)
        layout.addLayout(file_row)
        self.detected_label = muted()
        layout.addWidget(self.detected_label)
        self.error = ErrorLabel()
        layout.addWidget(self.error)

        self.mapping_group = QGroupBox("What does each column hold?")
        mapping_layout = QVBoxLayout(self.mapping_group)
        mapping_layout.addWidget(
            muted(
                "WinWin does not recognise these columns. Say what each one holds — at "
                "least a name, or a first and last name — and read the file again."
            )
        )
        self.mapping_table = QTableWidget(0, 3)
        self.mapping_table.setHorizontalHeaderLabels(["Column", "First values", "Holds"])
        self.mapping_table.horizontalHeader().setSectionResizeMode(1, QHeaderView.Stretch)
        self.mapping_table.verticalHeader().hide()
        mapping_layout.addWidget(self.mapping_table)
        self.mapping_button = QPushButton("&Read the file with these columns")
        self.mapping_button.clicked.connect(self._apply_mapping)
        mapping_layout.addWidget(self.mapping_button, 0, Qt.AlignRight)
        layout.addWidget(self.mapping_group)

        self.attendees_group = QGroupBox("People in the calendar who are not in the journal")
        attendees_layout = QVBoxLayout(self.attendees_group)
        attendees_layout.addWidget(
            muted(
                "Tick the people to add; the others are left out. A meeting with nobody "
                "from the journal is skipped."
            )
        )
        self.attendees = QListWidget()
        self.attendees.setMaximumHeight(140)
        self.attendees.itemChanged.connect(self._attendees_changed)
        attendees_layout.addWidget(self.attendees)
        layout.addWidget(self.attendees_group)

        summary_row = QHBoxLayout()
        self.summary = QLabel()
        self.summary.setTextInteractionFlags(Qt.TextSelectableByMouse)
        font = self.summary.font()
        font.setBold(True)
        self.summary.setFont(font)
        self.show_box = QComboBox()
        self.show_box.addItems([SHOW_ALL, SHOW_DECISIONS, SHOW_SKIPPED])
        self.show_box.currentTextChanged.connect(lambda text: self.proxy.show_only(text))
        summary_row.addWidget(self.summary, 1)
        summary_row.addWidget(QLabel("&Show:", buddy=self.show_box))
        summary_row.addWidget(self.show_box)
        layout.addLayout(summary_row)

        self.model = PreviewModel(self)
        self.model.decided.connect(self._refresh_summary)
        self.proxy = StatusFilter(self)
        self.proxy.setSourceModel(self.model)
        self.table = QTableView()
        self.table.setModel(self.proxy)
        self.table.setItemDelegateForColumn(CHOICE, ChoiceDelegate(self.table))
        self.table.setEditTriggers(
            QAbstractItemView.CurrentChanged
            | QAbstractItemView.SelectedClicked
            | QAbstractItemView.DoubleClicked
        )
        self.table.setSelectionBehavior(QAbstractItemView.SelectRows)
        self.table.setWordWrap(False)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(DETAIL, QHeaderView.Stretch)
        for column in (PLACE, RECORD, STATUS, CHOICE):
            header.setSectionResizeMode(column, QHeaderView.Interactive)
        layout.addWidget(self.table, 1)

        self.buttons = QDialogButtonBox(QDialogButtonBox.Cancel)
        self.import_button = self.buttons.addButton("&Import", QDialogButtonBox.AcceptRole)
        self.import_button.setDefault(True)
        self.buttons.accepted.connect(self.import_now)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        self.mapping_group.hide()  # only for a CSV file whose columns it does not know
        self._show_plan(None)

    # dialogs (tests replace this) -------------------------------------------------------

    def choose_file(self) -> Path | None:
        chosen, _ = QFileDialog.getOpenFileName(self, "Import a file", "", FILE_FILTER)
        return Path(chosen) if chosen else None

    # reading ----------------------------------------------------------------------------

    def open_file(self, path: str | Path) -> None:
        """Read ``path`` and show what importing it would do."""
        self.path = Path(path)
        self.mapping = None
        self.format_box.setCurrentIndex(0)
        self.file_label.setText(str(self.path))
        try:
            self.data = self.path.read_bytes()
        except OSError as exc:
            self.data = b""
            self._fail(f"{self.path.name} cannot be opened ({exc.strerror or exc}).")
            return
        self._reload()

    def chosen_format(self) -> str | None:
        return self.format_box.currentData()

    def _choose(self) -> None:
        chosen = self.choose_file()
        if chosen:
            self.open_file(chosen)

    def _reload(self) -> None:
        if self.path is None:
            return
        self.error.clear()
        self.mapping_group.hide()
        name = self.path.name
        format_code = self.chosen_format()
        try:
            if format_code is None:
                format_code = detect_format(self.data, name)
                self.detected_label.setText(f"WinWin reads this as: {FORMAT_NAMES[format_code]}.")
            else:
                self.detected_label.setText("")
            parsed = read_file(self.data, name, format_code, self.mapping)
        except UnknownColumns as unknown:
            self._ask_mapping(unknown)
            return
        except ImportFormatError as error:
            self._fail(f"{error} Nothing will be imported; choose another file or kind.")
            return
        self._show_plan(importing.preview(parsed))

    def _fail(self, message: str) -> None:
        self.error.show_error(message)
        self.detected_label.setText("")  # what it was read as no longer matters
        self._show_plan(None)

    def _ask_mapping(self, unknown: UnknownColumns) -> None:
        self._show_plan(None)
        self.mapping_table.setRowCount(len(unknown.columns))
        for row, column in enumerate(unknown.columns):
            name = QTableWidgetItem(column)
            name.setFlags(Qt.ItemIsEnabled)
            examples = ", ".join(
                sample[row] for sample in unknown.samples if row < len(sample) and sample[row]
            )
            sample = QTableWidgetItem(examples)
            sample.setFlags(Qt.ItemIsEnabled)
            box = QComboBox()
            box.addItems(list(contacts_csv.FIELDS))
            box.setCurrentText(contacts_csv.classify(column, unknown.columns))
            self.mapping_table.setItem(row, 0, name)
            self.mapping_table.setItem(row, 1, sample)
            self.mapping_table.setCellWidget(row, 2, box)
        self.mapping_table.resizeColumnToContents(0)
        self.mapping_group.show()
        self.detected_label.setText(
            f"WinWin reads this as: {FORMAT_NAMES[CSV]}, with columns of its own."
        )

    def set_column(self, column: str, holds: str) -> None:
        """Say what ``column`` holds in the mapping step (as picking it in the list does)."""
        for row in range(self.mapping_table.rowCount()):
            if self.mapping_table.item(row, 0).text() == column:
                self.mapping_table.cellWidget(row, 2).setCurrentText(holds)
                return
        raise KeyError(column)

    def _apply_mapping(self) -> None:
        self.mapping = {
            self.mapping_table.item(row, 0).text(): self.mapping_table.cellWidget(
                row, 2
            ).currentText()
            for row in range(self.mapping_table.rowCount())
        }
        self._reload()
        if self.mapping_group.isVisible():
            self.error.show_error(
                "Still no column holds a name: choose “name”, or “first name” and "
                "“last name”, for one of them."
            )

    # the preview ------------------------------------------------------------------------

    def _show_plan(self, plan: importing.ImportPlan | None) -> None:
        self.plan = plan
        self.model.set_plan(plan)
        self.attendees.blockSignals(True)
        self.attendees.clear()
        for attendee in plan.unknown_attendees if plan else []:
            meetings = "meeting" if attendee.meetings == 1 else "meetings"
            item = QListWidgetItem(f"{attendee} — in {attendee.meetings} {meetings}")
            item.setData(Qt.UserRole, attendee.key)
            item.setFlags(item.flags() | Qt.ItemIsUserCheckable)
            checked = attendee.key in plan.added_attendees
            item.setCheckState(Qt.Checked if checked else Qt.Unchecked)
            self.attendees.addItem(item)
        self.attendees.blockSignals(False)
        self.attendees_group.setVisible(bool(plan and plan.unknown_attendees))
        self.table.setVisible(plan is not None)
        self.show_box.setEnabled(plan is not None)
        if plan is not None:
            self.table.resizeColumnToContents(PLACE)
            self.table.resizeColumnToContents(STATUS)
            self.table.setColumnWidth(RECORD, 220)
            self.table.setColumnWidth(CHOICE, 120)
        self._refresh_summary()

    def _refresh_summary(self) -> None:
        plan = self.plan
        if plan is None:
            self.summary.setText("")
            self.import_button.setEnabled(False)
            return
        text = f"{plan.summary()}."
        if any(row.status == importing.DUPLICATE for row in plan.rows):
            text += "  Check the choices in the last column."
        self.summary.setText(text)
        self.import_button.setEnabled(plan.writes_anything)
        self.import_button.setToolTip(
            "" if plan.writes_anything else "Nothing in this file would change the journal."
        )

    def _attendees_changed(self, _item) -> None:
        keys = [
            self.attendees.item(i).data(Qt.UserRole)
            for i in range(self.attendees.count())
            if self.attendees.item(i).checkState() == Qt.Checked
        ]
        self.plan.add_attendees(keys)
        self.model.set_plan(self.plan)
        self._refresh_summary()

    # importing --------------------------------------------------------------------------

    def import_now(self) -> importing.ImportResult | None:
        if self.plan is None or not self.plan.writes_anything:
            return None
        plan = self.plan
        label = f"Import {Path(plan.file).name}"
        try:
            result = self.actions.run(label, lambda: importing.apply(plan))
        except Exception as exc:  # noqa: BLE001 — the journal is unchanged; say so, stay open
            self.error.show_error(
                f"The import failed ({exc}); nothing was written. Try again, or import "
                "a smaller file."
            )
            return None
        self.imported.emit(result.summary())
        self.accept()
        return result
