"""Settings (Ctrl+,): the review window and thresholds behind every status, the default
keep-in-touch cadence, the prompts, kinds and categories, the theme and the brief's paper."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QSpinBox,
    QStackedWidget,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from winwin_desktop.journal import ValidationError, people, settings
from winwin_desktop.ui import theme
from winwin_desktop.ui.calendar_field import CalendarField
from winwin_desktop.ui.my_addresses_editor import MyAddressesEditor
from winwin_desktop.ui.undo import Actions
from winwin_desktop.ui.widgets import ErrorLabel, muted

SECTIONS = ("Scoring", "Vocabulary", "Reminders", "Backups & security", "Appearance")
# The brief's paper (journal setting "brief_paper"): "" follows the locale.
BRIEF_PAPERS = (("From your locale", ""), ("A4", "a4"), ("Letter", "letter"))


class ListEditor(QWidget):
    """A list the user keeps in order: add, rename (double-click or F2), remove, move."""

    def __init__(self, items: list[str], noun: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.noun = noun
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(4)
        self.list = QListWidget()
        self.list.setAccessibleName(noun.capitalize() + "s")
        self.list.setEditTriggers(
            QAbstractItemView.DoubleClicked | QAbstractItemView.EditKeyPressed
        )
        self.set_items(items)
        # Six rows show; more scroll.
        self.list.setFixedHeight((self.fontMetrics().height() + 4) * 6 + 6)
        layout.addWidget(self.list)
        buttons = QHBoxLayout()
        buttons.setSpacing(4)
        for text, tip, slot in (
            ("Add", f"Add a {noun}", self.add),
            ("Rename", f"Rename the selected {noun} (F2)", self.rename),
            ("Remove", f"Remove the selected {noun}; what already uses it keeps it", self.remove),
            ("↑", "Move up: offer it earlier in the list", lambda: self.move(-1)),
            ("↓", "Move down: offer it later in the list", lambda: self.move(1)),
        ):
            button = QPushButton(text)
            button.setToolTip(tip)
            button.clicked.connect(slot)
            if len(text) == 1:
                button.setFixedWidth(button.fontMetrics().horizontalAdvance("↓") + 24)
            buttons.addWidget(button)
        buttons.addStretch(1)
        layout.addLayout(buttons)

    def items(self) -> list[str]:
        return [self.list.item(row).text() for row in range(self.list.count())]

    def set_items(self, items: list[str]) -> None:
        self.list.clear()
        for text in items:
            self._append(text)

    def _append(self, text: str) -> QListWidgetItem:
        item = QListWidgetItem(text)
        item.setFlags(item.flags() | Qt.ItemIsEditable)
        self.list.addItem(item)
        return item

    def add(self) -> None:
        item = self._append(f"new {self.noun}")
        self.list.setCurrentItem(item)
        self.list.editItem(item)

    def rename(self) -> None:
        item = self.list.currentItem()
        if item is not None:
            self.list.editItem(item)

    def remove(self) -> None:
        row = self.list.currentRow()
        if row >= 0:
            self.list.takeItem(row)

    def move(self, step: int) -> None:
        row = self.list.currentRow()
        if row < 0 or not 0 <= row + step < self.list.count():
            return
        item = self.list.takeItem(row)
        self.list.insertItem(row + step, item)
        self.list.setCurrentItem(item)

    def setFocus(self) -> None:  # noqa: N802 (Qt's name)
        self.list.setFocus()


def compact_form() -> tuple[QWidget, QFormLayout]:
    """A section's page: a form whose fields keep their natural width (a spin box for
    "365 days" stretched to 500 px reads as a text field)."""
    page = QWidget()
    column = QVBoxLayout(page)
    form = QFormLayout()
    column.addLayout(form)
    column.addStretch(1)  # the rows at the top, however tall the section
    form.setFieldGrowthPolicy(QFormLayout.FieldsStayAtSizeHint)
    form.setLabelAlignment(Qt.AlignRight | Qt.AlignTop)
    return page, form


class SettingsDialog(QDialog):
    def __init__(self, actions: Actions, current_theme: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.actions = actions
        self.setWindowTitle("Settings")
        outer = QVBoxLayout(self)
        body = QHBoxLayout()
        outer.addLayout(body, 1)
        self.nav = QListWidget()
        self.nav.addItems(list(SECTIONS))
        self.nav.setFixedWidth(
            max(self.nav.fontMetrics().horizontalAdvance(s) for s in SECTIONS) + 40
        )
        self.nav.setAccessibleName("Sections")
        self.nav.setSpacing(3)
        self.pages = QStackedWidget()
        body.addWidget(self.nav)
        body.addWidget(self.pages, 1)
        self.nav.currentRowChanged.connect(self.pages.setCurrentIndex)

        # Scoring ----------------------------------------------------------------------
        page, form = compact_form()
        self.window_days = QSpinBox()
        self.window_days.setRange(7, 3650)
        self.window_days.setSuffix(" days")
        self.window_days.setValue(int(settings.get_setting("review_window_days")))
        self.window_days.setToolTip(
            "Statuses and window totals count the exchanges of this many days, up to today."
        )
        form.addRow("Review &window:", self.window_days)
        self.ratio = QDoubleSpinBox()
        self.ratio.setRange(1.1, 10.0)
        self.ratio.setSingleStep(0.1)
        self.ratio.setDecimals(1)
        self.ratio.setSuffix(" × the smaller side")
        self.ratio.setValue(float(settings.get_setting("ratio_threshold")))
        self.ratio.setToolTip(
            "A relationship is win-win while the larger side is at most this many times the smaller."
        )
        form.addRow("Win-win &up to:", self.ratio)
        self.min_exchanges = QSpinBox()
        self.min_exchanges.setRange(1, 50)
        self.min_exchanges.setSuffix(" exchanges")
        self.min_exchanges.setValue(int(settings.get_setting("min_exchanges")))
        self.min_exchanges.setToolTip("Below this many exchanges ever, a relationship is “new”.")
        form.addRow("&New until:", self.min_exchanges)
        form.addRow(
            "",
            muted("These decide every status: win-win, you give more, you take more, quiet, new."),
        )
        self._add_section(page)

        # Vocabulary --------------------------------------------------------------------
        page, form = compact_form()
        form.setFieldGrowthPolicy(QFormLayout.AllNonFixedFieldsGrow)
        self.choice_edits: dict[str, ListEditor] = {}
        for key, caption, noun, tip in (
            ("kinds", "Interaction &kinds:", "kind", "Offered when logging an interaction"),
            (
                "categories",
                "Exchange &categories:",
                "category",
                "The kinds of value offered for each exchange",
            ),
        ):
            editor = ListEditor(settings.get_setting(key), noun)
            editor.list.setToolTip(f"{tip}. Removing one keeps it on what already uses it.")
            self.choice_edits[key] = editor
            form.addRow(buddy_label(caption, editor.list), editor)
        self.prompts = QPlainTextEdit("\n".join(settings.get_setting("prompts")))
        self.prompts.setTabChangesFocus(True)
        self.prompts.setFixedHeight(self.prompts.fontMetrics().lineSpacing() * 4 + 12)
        self.prompts.setToolTip("Shown above each day's reflection; one per line.")
        form.addRow("Reflection &prompts:", self.prompts)
        self._add_section(page)

        # Reminders ---------------------------------------------------------------------
        page, form = compact_form()
        # On a narrow screen the calendar's row goes under its label, not off the edge.
        form.setRowWrapPolicy(QFormLayout.WrapLongRows)
        self.cadence = QSpinBox()
        self.cadence.setRange(1, 3650)
        self.cadence.setSuffix(" days")
        self.cadence.setValue(int(settings.get_setting("default_cadence_days")))
        self.cadence.setToolTip(
            "How often to keep in touch when neither the person nor a tag says otherwise."
        )
        form.addRow("Keep in touch &every:", self.cadence)
        self.tags = QTableWidget(0, 2)
        self.tags.setHorizontalHeaderLabels(["Tag", "Every (days)"])
        self.tags.verticalHeader().hide()
        self.tags.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 8)
        self.tags.horizontalHeader().setSectionResizeMode(0, QHeaderView.Stretch)
        self.tags.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeToContents)
        self.tags.setShowGrid(False)
        self.tags.setToolTip(
            "People with a tag and no cadence of their own use the shortest of their tags'. "
            "Empty: the default above."
        )
        for name, days in people.tag_cadences().items():
            row = self.tags.rowCount()
            self.tags.insertRow(row)
            tag = QTableWidgetItem(name)
            tag.setFlags(tag.flags() & ~Qt.ItemIsEditable)
            self.tags.setItem(row, 0, tag)
            self.tags.setItem(row, 1, QTableWidgetItem("" if days is None else str(days)))
        rows = max(1, min(self.tags.rowCount(), 8))
        self.tags.setFixedSize(
            320,
            self.tags.horizontalHeader().sizeHint().height()
            + rows * self.tags.verticalHeader().defaultSectionSize()
            + 4,
        )
        if self.tags.rowCount():
            form.addRow("By &tag:", self.tags)
        # The agenda's calendar (Today's next meetings) and the user's own addresses,
        # which the agenda and the imports leave out.
        self.calendar_field = CalendarField()
        form.addRow(buddy_label("Calen&dar:", self.calendar_field.path), self.calendar_field)
        self.my_addresses = MyAddressesEditor()
        form.addRow(buddy_label("My addre&sses:", self.my_addresses.field), self.my_addresses)
        self._add_section(page)

        # Backups & security ------------------------------------------------------------
        page, form = compact_form()
        self.daily_kept = QSpinBox()
        self.daily_kept.setRange(0, 60)
        self.daily_kept.setSuffix(" daily")
        self.daily_kept.setValue(int(settings.get_setting("backups_daily_kept")))
        self.weekly_kept = QSpinBox()
        self.weekly_kept.setRange(0, 52)
        self.weekly_kept.setSuffix(" weekly")
        self.weekly_kept.setValue(int(settings.get_setting("backups_weekly_kept")))
        kept = QHBoxLayout()
        kept.addWidget(self.daily_kept)
        kept.addWidget(QLabel("and"))
        kept.addWidget(self.weekly_kept)
        kept.addWidget(QLabel("snapshots"))
        kept.addStretch(1)
        form.addRow(buddy_label("&Keep:", self.daily_kept), kept)
        form.addRow("", muted("A snapshot is taken at the first start of each day and on quit."))
        passphrase_row = self._passphrase_buttons()
        first_button = next(iter(self.passphrase_buttons.values()))
        form.addRow(buddy_label("Pass&phrase:", first_button), passphrase_row)
        self.lock_after = QSpinBox()
        self.lock_after.setRange(0, 480)
        self.lock_after.setSingleStep(5)
        self.lock_after.setSpecialValueText("Never")
        self.lock_after.setSuffix(" idle minutes")
        self.lock_after.setValue(int(settings.get_setting("lock_after_minutes")))
        form.addRow("&Lock after:", self.lock_after)
        self._enable_lock_after()
        self._add_section(page)

        # Appearance --------------------------------------------------------------------
        page, form = compact_form()
        self.theme = QComboBox()
        for name in theme.THEMES:
            self.theme.addItem(
                "Follow the system" if name == theme.SYSTEM else name.capitalize(), name
            )
        self.theme.setCurrentIndex(max(self.theme.findData(current_theme), 0))
        form.addRow("&Theme:", self.theme)
        self.brief_paper = QComboBox()
        for label, name in BRIEF_PAPERS:
            self.brief_paper.addItem(label, name)
        self.brief_paper.setCurrentIndex(
            max(self.brief_paper.findData(settings.get_setting("brief_paper")), 0)
        )
        form.addRow("&Brief paper:", self.brief_paper)
        form.addRow("", muted("Journal settings travel with the journal file; the theme is yours."))
        self._add_section(page)

        self.nav.setCurrentRow(0)
        self.error = ErrorLabel()
        outer.addWidget(self.error)
        buttons = QDialogButtonBox(QDialogButtonBox.Ok | QDialogButtonBox.Cancel)
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        outer.addWidget(buttons)
        self.resize(820, 560)

    def _add_section(self, page: QWidget) -> None:
        # Each section scrolls inside itself rather than making the dialog taller.
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.NoFrame)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarAlwaysOff)
        scroll.setWidget(page)
        self.pages.addWidget(scroll)

    def show_section(self, widget: QWidget) -> None:
        """Bring the section holding ``widget`` forward."""
        for index in range(self.pages.count()):
            if self.pages.widget(index).isAncestorOf(widget):
                self.nav.setCurrentRow(index)
                return

    def showEvent(self, event) -> None:  # noqa: N802 (Qt's name)
        fit_to_screen(self)
        super().showEvent(event)

    def _passphrase_buttons(self) -> QHBoxLayout:
        from winwin_desktop.journal import protection
        from winwin_desktop.ui import passphrase_dialog as pd

        row = QHBoxLayout()
        modes = [pd.CHANGE, pd.REMOVE] if protection.is_protected() else [pd.SET]
        self.passphrase_buttons = {}
        for mode in modes:
            button = QPushButton(f"{pd.TITLES[mode]}…")
            button.clicked.connect(lambda _=False, m=mode: self.open_passphrase_dialog(m))
            row.addWidget(button)
            self.passphrase_buttons[mode] = button
        self.passphrase_status = muted()
        row.addWidget(self.passphrase_status)
        row.addStretch(1)
        return row

    def _passphrase_changed(self, message: str) -> None:
        for button in self.passphrase_buttons.values():
            button.setEnabled(False)
        self.passphrase_status.setText(message)
        self._enable_lock_after()

    def _enable_lock_after(self) -> None:
        from winwin_desktop.journal import protection

        protected = protection.is_protected()
        self.lock_after.setEnabled(protected)
        self.lock_after.setToolTip(
            "With no keyboard or mouse input for this long, WinWin closes the journal "
            "until its passphrase is typed again (File → Lock, Ctrl+Shift+L, locks at once)."
            if protected
            else "Locking needs a passphrase: set one above first."
        )

    def open_passphrase_dialog(self, mode: str):
        from winwin_desktop.ui.passphrase_dialog import PassphraseDialog

        dialog = PassphraseDialog(mode, self)
        dialog.accepted.connect(lambda: self._passphrase_changed(dialog.result_message))
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()
        return dialog

    def chosen_theme(self) -> str:
        return self.theme.currentData()

    def save(self) -> None:
        self.error.clear()
        prompts = [line.strip() for line in self.prompts.toPlainText().splitlines() if line.strip()]
        choices = {}
        for key, edit in self.choice_edits.items():
            try:
                choices[key] = settings.clean_choices(key, edit.items())
            except ValidationError as error:
                self.error.show_error(error.message)
                self.show_section(edit)
                edit.setFocus()
                return
        values = {
            "review_window_days": self.window_days.value(),
            "ratio_threshold": round(self.ratio.value(), 1),
            "min_exchanges": self.min_exchanges.value(),
            "default_cadence_days": self.cadence.value(),
            "prompts": prompts,
            "backups_daily_kept": self.daily_kept.value(),
            "backups_weekly_kept": self.weekly_kept.value(),
            "lock_after_minutes": self.lock_after.value(),
            "brief_paper": self.brief_paper.currentData(),
            **choices,
        }
        changed = {k: v for k, v in values.items() if settings.get_setting(k) != v}
        cadences = {
            self.tags.item(row, 0).text(): self.tags.item(row, 1).text().strip() or None
            for row in range(self.tags.rowCount())
        }

        def write() -> None:
            for key, value in changed.items():
                settings.set_setting(key, value)
            for name, days in cadences.items():
                people.set_tag_cadence(name, days)
            self.my_addresses.save()

        try:
            self.actions.run("Change settings", write)
        except ValidationError as error:
            self.error.show_error(f"{error.message} (tag cadences)")
            self.show_section(self.tags)
            return
        self.accept()


def buddy_label(text: str, buddy: QWidget) -> QLabel:
    """A form label whose Alt+letter moves to ``buddy`` (a row holding a layout has no
    field for QFormLayout to make the label's buddy, and would show the “&”)."""
    label = QLabel(text)
    label.setBuddy(buddy)
    return label


def fit_to_screen(dialog: QDialog) -> None:
    """Never taller or wider than the screen's free area (content scrolls inside)."""
    screen = dialog.screen()
    if screen is None:
        return
    available = screen.availableGeometry()
    dialog.setMaximumSize(available.width() - 20, available.height() - 40)
    dialog.resize(
        min(dialog.width(), available.width() - 20), min(dialog.height(), available.height() - 40)
    )
