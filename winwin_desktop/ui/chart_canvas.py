"""A thin Qt widget around one matplotlib figure, with "Save chart as PNG/SVG…".

matplotlib's Qt backend is imported when the first canvas is made, not when this module
is: importing it costs about a second, and a window that shows no chart must not pay.
"""

from __future__ import annotations

import importlib
import threading
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QFileDialog, QMenu, QMessageBox, QToolTip, QVBoxLayout, QWidget

from winwin_desktop import APP_NAME
from winwin_desktop.journal import ValidationError
from winwin_desktop.journal.targets import refuse_unsafe_targets
from winwin_desktop.safe_files import replacing
from winwin_desktop.ui.widgets import confirm_replace

FORMATS = {"png": "PNG image", "svg": "SVG drawing"}
# What the first chart needs that takes long to import (with matplotlib's font list).
CHART_MODULES = (
    "matplotlib.backends.backend_qtagg",
    "winwin_desktop.charts.overview_chart",
    "winwin_desktop.charts.balance_chart",
)
_warming: threading.Thread | None = None


def warm_up_charts() -> threading.Thread:
    """Import matplotlib and the charts on a thread of their own, once (the window calls
    this a few seconds after its first paint): the start stays free of them, and the
    first Ctrl+3 no longer waits half a second or more for the imports. A chart opened
    while they are still loading waits for them as it would have anyway."""
    global _warming
    if _warming is None:
        _warming = threading.Thread(target=_import_charts, name="chart-warm-up", daemon=True)
        _warming.start()
    return _warming


def _import_charts() -> None:
    for name in CHART_MODULES:
        try:
            importlib.import_module(name)
        except Exception:  # the chart says so itself when it is opened
            return


class ChartCanvas(QWidget):
    """Shows ``figure``; its context menu saves it as PNG or SVG.

    ``name`` is the suggested file name (without extension) in the save dialog.
    """

    def __init__(self, figure, name: str = "chart", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        from matplotlib.backends.backend_qtagg import FigureCanvasQTAgg

        self.figure = figure
        self.name = name
        self.canvas = FigureCanvasQTAgg(figure)
        self.canvas.setMinimumSize(240, 160)
        self.canvas.setContextMenuPolicy(Qt.CustomContextMenu)
        self.canvas.customContextMenuRequested.connect(self._show_menu)
        self.canvas.setFocusPolicy(Qt.ClickFocus)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.canvas)

    # drawing and events -----------------------------------------------------------------

    def draw_idle(self) -> None:
        """Redraw at the next turn of the event loop (several updates, one redraw)."""
        self.canvas.draw_idle()

    def draw(self) -> None:
        """Redraw now."""
        self.canvas.draw()

    def mpl_connect(self, event: str, handler: Callable) -> int:
        """Listen to a matplotlib event (``"motion_notify_event"``, ``"pick_event"``…)."""
        return self.canvas.mpl_connect(event, handler)

    def widget_position(self, x: float, y: float) -> QPoint:
        """Where display pixel (x, y) of a matplotlib event is, in the canvas's coordinates."""
        ratio = self.canvas.device_pixel_ratio or 1
        height = self.canvas.get_width_height()[1]
        return QPoint(round(x / ratio), round(height - y / ratio))

    def show_tooltip(self, text: str, x: float, y: float) -> None:
        """Show ``text`` beside display pixel (x, y); an empty text hides the tooltip."""
        if not text:
            QToolTip.hideText()
            return
        position = self.widget_position(x, y) + QPoint(14, 10)
        QToolTip.showText(self.canvas.mapToGlobal(position), text, self.canvas)

    # saving -----------------------------------------------------------------------------

    def context_menu(self) -> QMenu:
        menu = QMenu(self)
        menu.addAction("Save chart as PNG…", lambda: self.save_as("png"))
        menu.addAction("Save chart as SVG…", lambda: self.save_as("svg"))
        return menu

    def _show_menu(self, position: QPoint) -> None:
        self.context_menu().exec(self.canvas.mapToGlobal(position))

    def save_as(self, file_format: str) -> Path | None:
        """Ask where to save the chart as ``png`` or ``svg``, and save it there."""
        chosen = self.ask_save_path(file_format)
        if not chosen:
            return None
        path = Path(chosen)
        if path.suffix.lower() != f".{file_format}":
            path = path.with_name(path.name + f".{file_format}")
            # The file dialog asked about replacing the name as typed, not this one.
            if path.exists() and not confirm_replace(self, path):
                return None
        try:
            refuse_unsafe_targets([path], replace=True)
        except ValidationError as error:
            self.show_error(error.message)
            return None
        try:
            # Drawn into an owner-only file beside it, then renamed into place: a chart
            # that fails half-way leaves the file the user chose to replace as it was.
            with replacing(path) as partial:
                self.figure.savefig(
                    partial, format=file_format, dpi=150, facecolor=self.figure.get_facecolor()
                )
        except OSError as error:
            reason = error.strerror or str(error)
            self.show_error(
                f"The chart could not be saved to {path} ({reason}); choose another folder."
            )
            return None
        return path

    def ask_save_path(self, file_format: str) -> str:
        """The file the user chose, or "" (a dialog; tests replace this method)."""
        suggested = str(Path.home() / f"{self.name}.{file_format}")
        chosen, _ = QFileDialog.getSaveFileName(
            self,
            f"Save chart as {file_format.upper()}",
            suggested,
            f"{FORMATS[file_format]} (*.{file_format})",
        )
        return chosen

    def show_error(self, text: str) -> None:
        QMessageBox.warning(self, APP_NAME, text)
