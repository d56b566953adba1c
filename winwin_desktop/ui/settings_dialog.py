"""Settings (Ctrl+,): the review window and thresholds behind every status, the default
keep-in-touch cadence, the prompts, kinds and categories, and the theme."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from winwin_desktop.journal import ValidationError, people, settings
from winwin_desktop.ui import theme
from winwin_desktop.ui.undo import Actions
from winwin_desktop.ui.widgets import ErrorLabel, muted


class SettingsDialog(QDialog):
    def __init__(self, actions: Actions, current_theme: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.actions = actions
        self.setWindowTitle("Settings")
        self.setMinimumWidth(460)
        form = QFormLayout(self)

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
        self.ratio.setValue(float(settings.get_setting("ratio_threshold")))
        self.ratio.setToolTip(
            "A relationship is win-win while the larger side is at most this many times the smaller."
        )
        form.addRow("Win-win &ratio up to:", self.ratio)

        self.min_exchanges = QSpinBox()
        self.min_exchanges.setRange(1, 50)
        self.min_exchanges.setValue(int(settings.get_setting("min_exchanges")))
        self.min_exchanges.setToolTip("Below this many exchanges ever, a relationship is “new”.")
        form.addRow("&New until:", self.min_exchanges)
        self.min_exchanges.setSuffix(" exchanges")

        self.cadence = QSpinBox()
        self.cadence.setRange(1, 3650)
        self.cadence.setSuffix(" days")
        self.cadence.setValue(int(settings.get_setting("default_cadence_days")))
        self.cadence.setToolTip(
            "How often to keep in touch when neither the person nor a tag says otherwise."
        )
        form.addRow("&Default cadence:", self.cadence)

        self.prompts = QPlainTextEdit("\n".join(settings.get_setting("prompts")))
        self.prompts.setTabChangesFocus(True)
        self.prompts.setFixedHeight(96)
        self.prompts.setToolTip("Shown above each day's reflection; one per line.")
        form.addRow("Reflection &prompts:", self.prompts)

        # The user-extensible lists, side by side to keep the dialog short.
        self.choice_edits: dict[str, QPlainTextEdit] = {}
        lists = QHBoxLayout()
        for key, caption, tip in (
            ("kinds", "Interaction kinds", "Offered when logging an interaction"),
            ("categories", "Exchange categories", "The kinds of value offered for each exchange"),
        ):
            edit = QPlainTextEdit("\n".join(settings.get_setting(key)))
            edit.setTabChangesFocus(True)
            edit.setFixedHeight(118)
            edit.setAccessibleName(caption)
            edit.setToolTip(f"{tip}; one per line. Removing one keeps it on what already uses it.")
            column = QVBoxLayout()
            column.setSpacing(2)
            column.addWidget(muted(caption))
            column.addWidget(edit)
            lists.addLayout(column)
            self.choice_edits[key] = edit
        form.addRow(buddy_label("K&inds, categories:", self.choice_edits["kinds"]), lists)

        self.tags = QTableWidget(0, 2)
        self.tags.setHorizontalHeaderLabels(["Tag", "Every (days)"])
        self.tags.verticalHeader().hide()
        self.tags.horizontalHeader().setSectionResizeMode(0, QHeaderView.Stretch)
        self.tags.setToolTip(
            "People with a tag and no cadence of their own use the shortest of their tags'."
        )
        for name, days in people.tag_cadences().items():
            row = self.tags.rowCount()
            self.tags.insertRow(row)
            tag = QTableWidgetItem(name)
            tag.setFlags(tag.flags() & ~Qt.ItemIsEditable)
            self.tags.setItem(row, 0, tag)
            self.tags.setItem(row, 1, QTableWidgetItem("" if days is None else str(days)))
        self.tags.setFixedHeight(min(160, 30 + 26 * max(1, self.tags.rowCount())))
        if self.tags.rowCount():
            form.addRow("Tag &cadences:", self.tags)

        self.daily_kept = QSpinBox()
        self.daily_kept.setRange(0, 60)
        self.daily_kept.setValue(int(settings.get_setting("backups_daily_kept")))
        self.weekly_kept = QSpinBox()
        self.weekly_kept.setRange(0, 52)
        self.weekly_kept.setValue(int(settings.get_setting("backups_weekly_kept")))
        kept = QHBoxLayout()
        kept.addWidget(self.daily_kept)
        kept.addWidget(QLabel("daily and"))
        kept.addWidget(self.weekly_kept)
        kept.addWidget(QLabel("weekly snapshots"))
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

        self.theme = QComboBox()
        for name in theme.THEMES:
            self.theme.addItem(
                "Follow the system" if name == theme.SYSTEM else name.capitalize(), name
            )
        self.theme.setCurrentIndex(max(self.theme.findData(current_theme), 0))
        form.addRow("&Theme:", self.theme)
        form.addRow("", muted("Journal settings travel with the journal file; the theme is yours."))
        self.error = ErrorLabel()
        form.addRow("", self.error)

        buttons = QDialogButtonBox(QDialogButtonBox.Ok | QDialogButtonBox.Cancel)
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)

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
                choices[key] = settings.clean_choices(key, edit.toPlainText().splitlines())
            except ValidationError as error:
                self.error.show_error(error.message)
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

        try:
            self.actions.run("Change settings", write)
        except ValidationError as error:
            self.error.show_error(f"{error.message} (tag cadences)")
            return
        self.accept()


def buddy_label(text: str, buddy: QWidget) -> QLabel:
    """A form label whose Alt+letter moves to ``buddy`` (a row holding a layout has no
    field for QFormLayout to make the label's buddy, and would show the “&”)."""
    label = QLabel(text)
    label.setBuddy(buddy)
    return label
