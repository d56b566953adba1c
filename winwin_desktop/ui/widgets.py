"""Small widgets shared by the pages and dialogs."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QLabel,
    QMessageBox,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from winwin_desktop.ui import theme


class ErrorLabel(QLabel):
    """The plain sentence shown beside a field the journal refused; hidden when empty."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWordWrap(True)
        self.setTextInteractionFlags(Qt.TextSelectableByMouse)
        self.setAccessibleName("Error")
        self.clear()

    def show_error(self, message: str) -> None:
        self.setStyleSheet(f"color: {theme.alarm_colour()};")
        self.setText(message)
        self.setVisible(bool(message))

    def clear(self) -> None:
        self.setText("")
        self.setVisible(False)


class LoadsWhenShown:
    """For a tab that reads the journal only while it is on screen (mixed in before
    QWidget): :meth:`load_when_shown` calls ``_load()`` now if the tab is visible, else
    when it is next shown."""

    _stale = False

    def load_when_shown(self) -> None:
        if self.isVisible():
            self._load()
        else:
            self._stale = True

    def showEvent(self, event) -> None:  # noqa: N802 (Qt's name)
        super().showEvent(event)
        if self._stale:
            self._stale = False
            self._load()


class ElidedLabel(QLabel):
    """One line that ends in “…” when it is too narrow, the whole text in its tooltip.

    It never asks for more width than it gets, so a long name or title cannot widen the
    page; ``text()`` is the whole text."""

    def __init__(self, text: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._full = ""
        self.setSizePolicy(QSizePolicy.Ignored, QSizePolicy.Preferred)
        self.setText(text)

    def setText(self, text: str) -> None:  # noqa: N802 (Qt's name)
        self._full = text
        self.setToolTip(text)
        self._elide()

    def text(self) -> str:
        return self._full

    def resizeEvent(self, event) -> None:  # noqa: N802
        super().resizeEvent(event)
        self._elide()

    def _elide(self) -> None:
        shown = self.fontMetrics().elidedText(self._full, Qt.ElideRight, max(self.width(), 0))
        super().setText(shown)


def confirm_replace(parent: QWidget | None, existing: Path | list[Path]) -> bool:
    """Ask, as Qt's save dialog does, whether to replace files that exist."""
    files = existing if isinstance(existing, list) else [existing]
    names = ", ".join(path.name for path in files)
    one = len(files) == 1
    answer = QMessageBox.question(
        parent,
        "Replace?",
        f"{names} already {'exists' if one else 'exist'} in {files[0].parent}. "
        f"Replace {'it' if one else 'them'}?",
    )
    return answer == QMessageBox.StandardButton.Yes


def heading(text: str, size: float = 1.5, bold: bool = True) -> QLabel:
    label = QLabel(text)
    font = QFont(label.font())
    font.setPointSizeF(font.pointSizeF() * size)
    font.setBold(bold)
    label.setFont(font)
    label.setTextInteractionFlags(Qt.TextSelectableByMouse)
    return label


def muted(text: str = "") -> QLabel:
    label = QLabel(text)
    label.setWordWrap(True)
    label.setStyleSheet("color: palette(placeholder-text);")
    return label


class EmptyState(QWidget):
    """A centred explanation for a page with nothing to show yet, with an optional action."""

    def __init__(
        self,
        title: str,
        text: str,
        action_text: str = "",
        action=None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.addStretch(2)
        # A fixed-width column: word-wrapped labels then get the height they need.
        column = self.column = QWidget()
        column.setFixedWidth(460)
        inner = QVBoxLayout(column)
        inner.setContentsMargins(0, 0, 0, 0)
        self.title = heading(title, 1.4)
        self.title.setAlignment(Qt.AlignCenter)
        self.title.setWordWrap(True)
        inner.addWidget(self.title)
        self.text = muted(text)
        self.text.setAlignment(Qt.AlignCenter)
        inner.addWidget(self.text)
        self.button = None
        if action_text:
            self.button = QPushButton(action_text)
            self.button.clicked.connect(action)
            inner.addSpacing(8)
            inner.addWidget(self.button, 0, Qt.AlignHCenter)
        layout.addWidget(column, 0, Qt.AlignHCenter)
        layout.addStretch(3)

    def showEvent(self, event) -> None:
        self._fit_lines()
        super().showEvent(event)

    def changeEvent(self, event) -> None:
        if event.type() in (QEvent.FontChange, QEvent.StyleChange, QEvent.PaletteChange):
            self._fit_lines()
        super().changeEvent(event)

    def _fit_lines(self) -> None:
        """The box layout sizes the column by its one-line hint: give it the height its
        wrapped lines take (known once shown, in the style's fonts), or they overlap."""
        self.column.setMinimumHeight(self.column.layout().heightForWidth(self.column.width()))
