"""Settings (Ctrl+,): the review window and thresholds behind every status, the default
keep-in-touch cadence, and the theme."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFormLayout,
    QSpinBox,
    QWidget,
)

from winwin_desktop.journal import settings
from winwin_desktop.ui import theme
from winwin_desktop.ui.undo import Actions
from winwin_desktop.ui.widgets import muted


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
        form.addRow("Default &cadence:", self.cadence)

        self.theme = QComboBox()
        for name in theme.THEMES:
            self.theme.addItem(
                "Follow the system" if name == theme.SYSTEM else name.capitalize(), name
            )
        self.theme.setCurrentIndex(max(self.theme.findData(current_theme), 0))
        form.addRow("&Theme:", self.theme)
        form.addRow("", muted("Journal settings travel with the journal file; the theme is yours."))

        buttons = QDialogButtonBox(QDialogButtonBox.Ok | QDialogButtonBox.Cancel)
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)

    def chosen_theme(self) -> str:
        return self.theme.currentData()

    def save(self) -> None:
        values = {
            "review_window_days": self.window_days.value(),
            "ratio_threshold": round(self.ratio.value(), 1),
            "min_exchanges": self.min_exchanges.value(),
            "default_cadence_days": self.cadence.value(),
        }
        changed = {k: v for k, v in values.items() if settings.get_setting(k) != v}
        if changed:
            self.actions.run(
                "Change settings", lambda: [settings.set_setting(k, v) for k, v in changed.items()]
            )
        self.accept()
