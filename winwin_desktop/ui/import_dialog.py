"""File → Import…: choose or drop a file, see what it would change, answer the
"maybe the same" questions, import it as one undoable step.

The first step is small: a place to drop a file, a button to choose one, and the kinds
of file WinWin reads. Then the dialog grows to the preview: the kind it detected
(changeable), the counts, and a row per record with its name, organisation and role,
what happens to it and why (a skipped row's reason in words; its place in the file in
the tooltip). A record that may be someone already in the journal gets a choice in the
last column: add as new (the default), merge, or skip. A CSV whose columns WinWin does
not recognise first asks what each column holds; a calendar offers its owner as one of
"My addresses", asks from when to import repeating meetings, and lists the attendees who
are not in the journal, to tick the ones to add. Everything is written by one
``actions.run(...)``: one transaction, one step of Edit → Undo.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from PySide6.QtCore import (
    QAbstractTableModel,
    QDate,
    QModelIndex,
    QSortFilterProxyModel,
    Qt,
    Signal,
)
from PySide6.QtGui import QBrush, QColor, QGuiApplication
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFrame,
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
from winwin_desktop.formats.detect import CSV, FORMAT_NAMES, ICALENDAR, detect_format, read_file
from winwin_desktop.formats.icalendar_import import DEFAULT_SINCE_DAYS
from winwin_desktop.formats.records import ImportFormatError, UnknownColumns
from winwin_desktop.journal import importing
from winwin_desktop.ui import theme
from winwin_desktop.ui.undo import Actions
from winwin_desktop.ui.widgets import ErrorLabel, muted

FILE_FILTER = (
    "Contacts, calendars and journals (*.vcf *.vcard *.csv *.ics *.json);;"
    "vCard (*.vcf *.vcard);;CSV (*.csv);;iCalendar (*.ics);;JSON (*.json);;All files (*)"
)
NAME, ORGANISATION, ROLE, STATUS, DETAIL, CHOICE = range(6)
HEADERS = ("Name", "Organisation", "Role", "Status", "What happens", "Your choice ▾")
# The first step, before a file, and the preview: both fit a 1280×800 screen.
FIRST_STEP_SIZE = (560, 380)
PREVIEW_SIZE = (1160, 720)
# Up to this many rows, "What happens" wraps; more are elided (measuring is slow).
WRAPPED_ROWS = 400
NO_PARENT = QModelIndex()
SHOW_ALL, SHOW_DECISIONS, SHOW_SKIPPED = "Every record", "Maybe the same", "Skipped"
# Light and dark backgrounds that mark the rows a user should look at.
STATUS_COLOURS = {
    importing.DUPLICATE: ("#fff3cd", "#4d3b00"),
    importing.KEPT: ("#fff3cd", "#4d3b00"),
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
            if section == NAME and self.plan is not None and not self.plan.parsed.contacts:
                return "Record"  # a meeting or a journal entry: its date and title
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
            if column == NAME:
                return row.label or row.place[:1].upper() + row.place[1:]
            if column == ORGANISATION:
                return row.organisation
            if column == ROLE:
                return row.role
            if column == STATUS:
                return importing.STATUS_LABELS[row.status].capitalize()
            if column == DETAIL:
                return row.detail
            if column == CHOICE:
                return importing.DECISION_LABELS.get(row.decision, "") if row.choices else ""
        if role == Qt.ToolTipRole and column == NAME:
            return f"{row.label or 'No name'} — {row.place} of the file"
        if role == Qt.ToolTipRole and column in (DETAIL, ORGANISATION, ROLE):
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


class DropZone(QFrame):
    """The first step: drop a file here or choose one; the kinds WinWin reads."""

    dropped = Signal(Path)

    def __init__(self, choose_button: QPushButton, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAcceptDrops(True)
        self.setFrameShape(QFrame.StyledPanel)
        self.setObjectName("dropZone")
        self.setStyleSheet("#dropZone { border: 2px dashed palette(mid); border-radius: 8px; }")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 20, 24, 20)
        title = QLabel("Drop a file here, or choose one")
        font = title.font()
        font.setPointSizeF(font.pointSizeF() * 1.2)
        font.setBold(True)
        title.setFont(font)
        title.setAlignment(Qt.AlignCenter)
        layout.addWidget(title)
        layout.addWidget(choose_button, 0, Qt.AlignCenter)
        self.formats = muted(
            "WinWin reads:\n" + "\n".join(f"•  {name}" for name in FORMAT_NAMES.values())
        )
        self.formats.setAlignment(Qt.AlignCenter)
        layout.addWidget(self.formats)

    @staticmethod
    def _local_file(event) -> Path | None:
        urls = event.mimeData().urls() if event.mimeData().hasUrls() else []
        files = [Path(url.toLocalFile()) for url in urls if url.isLocalFile()]
        return files[0] if len(files) == 1 and files[0].is_file() else None

    def dragEnterEvent(self, event) -> None:  # noqa: N802 (Qt's name)
        if self._local_file(event) is not None:
            event.acceptProposedAction()

    def dropEvent(self, event) -> None:  # noqa: N802
        path = self._local_file(event)
        if path is not None:
            event.acceptProposedAction()
            self.dropped.emit(path)


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
        self.setAcceptDrops(True)
        layout = QVBoxLayout(self)

        self.intro = muted(
            "Bring in contacts (vCard, or CSV from LinkedIn, Google or Outlook), past "
            "meetings from a calendar (.ics), or a journal (jrnl, WinWin). Nothing is "
            "written until you press Import, and Edit → Undo takes the whole import back."
        )
        layout.addWidget(self.intro)
        self.choose_button = QPushButton("&Choose a file…")
        self.choose_button.clicked.connect(self._choose)
        self.drop_zone = DropZone(self.choose_button)
        self.drop_zone.dropped.connect(self.open_file)
        layout.addWidget(self.drop_zone, 1)

        self.file_row = QWidget()
        file_row = QHBoxLayout(self.file_row)
        file_row.setContentsMargins(0, 0, 0, 0)
        self.other_button = QPushButton("C&hoose another…")
        self.other_button.clicked.connect(self._choose)
        self.file_label = QLabel("No file chosen yet.")
        self.file_label.setTextInteractionFlags(Qt.TextSelectableByMouse)
        self.format_box = QComboBox()
        self.format_box.addItem("Detect from the content", None)
        for code, name in FORMAT_NAMES.items():
            self.format_box.addItem(name, code)
        self.format_box.setToolTip("WinWin reads the file to tell its kind; change it if wrong.")
        self.format_box.activated.connect(lambda _: self._reload())
        file_row.addWidget(self.file_label, 1)
        file_row.addWidget(QLabel("&Kind:", buddy=self.format_box))
        file_row.addWidget(self.format_box)
        file_row.addWidget(self.other_button)
        layout.addWidget(self.file_row)
        self.detected_label = muted()
        layout.addWidget(self.detected_label)
        self.error = ErrorLabel()
        layout.addWidget(self.error)

        self.mapping_group = QGroupBox("What does each column hold?")
        mapping_layout = QVBoxLayout(self.mapping_group)
        mapping_layout.addWidget(
            muted(
                "WinWin does not recognise these columns. Say what each one holds — at "
                "least a name, a first and last name, or an email — and read the file again."
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

        self.calendar_group = QGroupBox("This calendar")
        calendar_layout = QVBoxLayout(self.calendar_group)
        since_row = QHBoxLayout()
        self.since_edit = QDateEdit()
        self.since_edit.setCalendarPopup(True)
        self.since_edit.setDisplayFormat("yyyy-MM-dd")
        self.since_edit.setMaximumDate(QDate.currentDate())
        self.since_edit.setDate(QDate.currentDate().addDays(-DEFAULT_SINCE_DAYS))
        self.since_edit.setToolTip(
            "Repeating meetings (a weekly call, a daily stand-up) are imported from this "
            "day up to today; the summary says how many earlier ones were left out."
        )
        self.since_edit.editingFinished.connect(self._reload)
        since_row.addWidget(QLabel("Repeating meetings &from:", buddy=self.since_edit))
        since_row.addWidget(self.since_edit)
        since_row.addStretch(1)
        calendar_layout.addLayout(since_row)
        self.me_boxes: list[QCheckBox] = []
        self.me_layout = QVBoxLayout()
        calendar_layout.addLayout(self.me_layout)
        self.attendees_label = muted(
            "People in it who are not in the journal: tick the ones to add. A meeting "
            "with nobody from the journal is skipped."
        )
        calendar_layout.addWidget(self.attendees_label)
        self.attendees = QListWidget()
        self.attendees.setMaximumHeight(120)
        self.attendees.itemChanged.connect(self._attendees_changed)
        calendar_layout.addWidget(self.attendees)
        layout.addWidget(self.calendar_group)

        self.summary_row = QWidget()
        summary_row = QHBoxLayout(self.summary_row)
        summary_row.setContentsMargins(0, 0, 0, 0)
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.summary.setTextInteractionFlags(Qt.TextSelectableByMouse)
        font = self.summary.font()
        font.setBold(True)
        self.summary.setFont(font)
        self.show_box = QComboBox()
        self.show_box.addItems([SHOW_ALL, SHOW_DECISIONS, SHOW_SKIPPED])
        self.show_box.currentTextChanged.connect(lambda text: self.proxy.show_only(text))
        self.show_label = QLabel("&Show:", buddy=self.show_box)
        summary_row.addWidget(self.summary, 1)
        summary_row.addWidget(self.show_label)
        summary_row.addWidget(self.show_box)
        layout.addWidget(self.summary_row)

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
        self.table.setTextElideMode(Qt.ElideRight)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(DETAIL, QHeaderView.Stretch)
        for column in (NAME, ORGANISATION, ROLE, STATUS, CHOICE):
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
        self._fit(FIRST_STEP_SIZE)

    def _fit(self, size: tuple[int, int]) -> None:
        """Resize to ``size``, never larger than the screen it is on."""
        screen = self.screen() or QGuiApplication.primaryScreen()
        room = screen.availableGeometry() if screen else None
        width, height = size
        if room is not None:
            width, height = min(width, room.width() - 40), min(height, room.height() - 60)
        self.resize(width, height)

    # dialogs (tests replace this) -------------------------------------------------------

    def choose_file(self) -> Path | None:
        chosen, _ = QFileDialog.getOpenFileName(self, "Import a file", "", FILE_FILTER)
        return Path(chosen) if chosen else None

    # dropping a file on the dialog, anywhere ----------------------------------------------

    def dragEnterEvent(self, event) -> None:  # noqa: N802 (Qt's name)
        self.drop_zone.dragEnterEvent(event)

    def dropEvent(self, event) -> None:  # noqa: N802
        self.drop_zone.dropEvent(event)

    # reading ----------------------------------------------------------------------------

    def open_file(self, path: str | Path) -> None:
        """Read ``path`` and show what importing it would do."""
        self.path = Path(path)
        self.mapping = None
        self.format_box.setCurrentIndex(0)
        self.file_label.setText(self.path.name)
        self.file_label.setToolTip(str(self.path))
        self.intro.hide()
        self.drop_zone.hide()
        self.file_row.show()
        self._fit(PREVIEW_SIZE)
        try:
            self.data = self.path.read_bytes()
        except OSError as exc:
            self.data = b""
            self._fail(f"{self.path.name} cannot be opened ({exc.strerror or exc}).")
            return
        self._reload()

    def chosen_format(self) -> str | None:
        return self.format_box.currentData()

    def since(self) -> dt.date:
        """The first day of repeating meetings to import, as the field says."""
        return self.since_edit.date().toPython()

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
            since = self.since() if format_code == ICALENDAR else None
            parsed = read_file(self.data, name, format_code, self.mapping, since=since)
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
        calendar = plan is not None and plan.format == ICALENDAR
        self._show_me_offers(plan)
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
        strangers = bool(plan and plan.unknown_attendees)
        self.attendees.setVisible(strangers)
        self.attendees_label.setVisible(strangers)
        self.calendar_group.setVisible(calendar)
        self.table.setVisible(plan is not None)
        self.summary_row.setVisible(plan is not None)
        self.file_row.setVisible(self.path is not None)
        if plan is not None:
            self._size_columns()
        self._refresh_summary()

    def _size_columns(self) -> None:
        """Name, organisation and role as wide as they need, within reason; "What
        happens" takes the rest, its text wrapped (but on very long files, where
        measuring every row would take seconds, elided with the whole in its tooltip)."""
        people = bool(self.plan.parsed.contacts)
        self.table.setColumnHidden(ORGANISATION, not people)
        self.table.setColumnHidden(ROLE, not people)
        self.table.resizeColumnsToContents()
        for column, widest in ((NAME, 220), (ORGANISATION, 170), (ROLE, 170), (STATUS, 130)):
            self.table.setColumnWidth(column, min(self.table.columnWidth(column) + 8, widest))
        self.table.setColumnWidth(CHOICE, 120)
        wrap = len(self.plan.rows) <= WRAPPED_ROWS
        self.table.setWordWrap(wrap)
        # Heights follow the width (and a changed choice's words) by themselves.
        self.table.verticalHeader().setSectionResizeMode(
            QHeaderView.ResizeToContents if wrap else QHeaderView.Interactive
        )

    def _show_me_offers(self, plan: importing.ImportPlan | None) -> None:
        for box in self.me_boxes:
            self.me_layout.removeWidget(box)
            box.deleteLater()
        self.me_boxes = []
        for address in plan.me_offered if plan else []:
            box = QCheckBox(f"{address} is me: add it to My addresses, never as a person")
            box.setToolTip(
                "The calendar's owner. Your own addresses are never imported as a person "
                "or a meeting guest; change them later in Settings → My addresses."
            )
            box.setChecked(address in plan.me_accepted)
            box.toggled.connect(self._me_changed)
            box.setProperty("address", address)
            self.me_layout.addWidget(box)
            self.me_boxes.append(box)

    def _me_changed(self, _checked: bool) -> None:
        self.plan.count_as_me([box.property("address") for box in self.me_boxes if box.isChecked()])
        accepted = set(self.plan.me_accepted)
        self._show_plan(self.plan)
        for box in self.me_boxes:
            box.blockSignals(True)
            box.setChecked(box.property("address") in accepted)
            box.blockSignals(False)

    def _refresh_summary(self) -> None:
        plan = self.plan
        if plan is None:
            self.summary.setText("")
            self.import_button.setEnabled(False)
            return
        text = f"{plan.summary()}."
        if any(row.status == importing.DUPLICATE for row in plan.rows):
            text += (
                "  Check the choices in the last column: each is added as new unless you merge it."
            )
        if any(row.status == importing.KEPT for row in plan.rows):
            text += (
                "  Another member keeps some of these people: they are not added, and that "
                "member is asked to share them (Add as new adds your own)."
            )
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
        except Exception:  # noqa: BLE001 — the journal is unchanged; say so, stay open
            self.error.show_error(
                "The import could not be written; nothing was changed. Try again, or "
                "import a smaller file."
            )
            return None
        self.imported.emit(result.summary())
        self.accept()
        return result
