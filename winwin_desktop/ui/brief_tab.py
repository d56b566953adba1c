"""The Brief tab: the meeting brief for one person or a selection, to read, print or save.

Nothing is read or drawn until the tab is on screen (the brief draws a chart per
person). The file and print dialogs sit behind :meth:`BriefTab.ask_save_path` and
:meth:`BriefTab.ask_print`, so tests replace them in one line.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QGuiApplication, QKeySequence, QPageSize, QPalette, QShortcut
from PySide6.QtWidgets import (
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QPushButton,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from winwin_desktop.colours import MUTED_COLOUR, TEXT_COLOUR
from winwin_desktop.journal import ValidationError
from winwin_desktop.private_files import KEEP_PRIVATE
from winwin_desktop.text import plural
from winwin_desktop.ui.widgets import ErrorLabel, LoadsWhenShown, confirm_replace, muted

if TYPE_CHECKING:
    # The brief's own machinery loads with the first brief shown, not with the window.
    from winwin_desktop.formats.brief.model import Artwork, BriefData

# (format, button text, dialog caption, file filter, extension)
SAVE_FORMATS = (
    ("pdf", "Save as &PDF…", "Save the brief as PDF", "PDF document (*.pdf)", ".pdf"),
    ("markdown", "Save as &Markdown…", "Save the brief as Markdown", "Markdown (*.md)", ".md"),
    ("html", "Save as &HTML…", "Save the brief as HTML", "Web page (*.html)", ".html"),
)
# The brief window's size when the screen has room for it.
DIALOG_SIZE = (820, 860)
# The width of the charts on screen, in points (about 660 pixels).
SCREEN_CHART_POINTS = 495


def paper_artwork() -> Artwork:
    """The brief's chart and status colours, from ``charts/`` (the chart is painted by
    Qt: the brief loads no matplotlib)."""
    from winwin_desktop.charts import brief_chart
    from winwin_desktop.formats.brief.model import Artwork

    return Artwork(brief_chart.status_pills(), brief_chart.chart_colours())


def paper_chosen() -> QPageSize:
    """The paper of Settings → Appearance → Brief paper, or the locale's."""
    from winwin_desktop.formats.brief import pdf as brief_pdf
    from winwin_desktop.journal.settings import get_setting

    return brief_pdf.paper_size(get_setting("brief_paper") or None)


class BriefTab(LoadsWhenShown, QWidget):
    """Shows the brief of the people given to :meth:`show_people`, as it will print."""

    def _chart_points(self) -> float:
        """The charts' width: the view's, less the page margins and the scroll bar (at
        most SCREEN_CHART_POINTS), so that no chart runs past the right edge."""
        pixels = self.browser.viewport().width() - 2 * 24 - 24
        return max(240.0, min(SCREEN_CHART_POINTS, pixels * 72 / 96))

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.person_ids: list[int] = []
        self.brief: BriefData | None = None
        self.today: dt.date | None = None  # None: the real today
        self.meeting = ""  # the meeting the brief is for, from the calendar
        self.folder = Path.home()
        self._document = None

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 8, 0, 0)
        buttons = QHBoxLayout()
        self.print_button = QPushButton("P&rint…")
        self.print_button.setToolTip("Print the brief (Ctrl+P), laid out as the PDF")
        self.print_button.clicked.connect(self.print_brief)
        QShortcut(
            QKeySequence.StandardKey.Print,
            self,
            self.print_brief,
            context=Qt.ShortcutContext.WidgetWithChildrenShortcut,
        )
        buttons.addWidget(self.print_button)
        self.save_buttons: dict[str, QPushButton] = {}
        for kind, text, caption, _filter, _extension in SAVE_FORMATS:
            button = QPushButton(text)
            button.setToolTip(caption)
            button.clicked.connect(lambda _checked=False, k=kind: self.save(k))
            self.save_buttons[kind] = button
            buttons.addWidget(button)
        buttons.addStretch(1)
        layout.addLayout(buttons)
        self.message = muted()
        self.message.hide()
        layout.addWidget(self.message)
        self.error = ErrorLabel()
        layout.addWidget(self.error)

        self.browser = QTextBrowser()
        self.browser.setOpenExternalLinks(True)
        self.browser.setAccessibleName("Brief")
        # The brief is a sheet of paper whatever the theme: dark text on white.
        palette = self.browser.palette()
        palette.setColor(QPalette.ColorRole.Base, QColor("#ffffff"))
        palette.setColor(QPalette.ColorRole.Text, QColor(TEXT_COLOUR))
        palette.setColor(QPalette.ColorRole.PlaceholderText, QColor(MUTED_COLOUR))
        self.browser.setPalette(palette)
        self.browser.setPlaceholderText("Choose a person to see their brief.")
        layout.addWidget(self.browser, 1)
        self._update_buttons()

    # showing ----------------------------------------------------------------------------

    def show_people(self, person_ids: list[int]) -> None:
        """Show the brief of ``person_ids`` now if the tab is on screen, else when it appears."""
        self.person_ids = list(person_ids)
        self.load_when_shown()

    def reload(self) -> None:
        """The journal changed: gather the same people's brief again."""
        self.show_people(self.person_ids)

    def _load(self) -> None:
        from winwin_desktop.journal.brief import gather_brief

        self._stale = False
        self.message.hide()
        self.error.clear()
        self.brief = None
        if self.person_ids:
            try:
                self.brief = gather_brief(self.person_ids, self.today or dt.date.today())
                if self.meeting:
                    self.brief = dataclasses.replace(self.brief, meeting=self.meeting)
            except ValidationError as error:
                self.error.show_error(error.message)
        if self.brief is None:
            self.browser.clear()
            self._document = None
        else:
            # The PDF and print machinery is loaded with the first brief, not at start-up.
            from winwin_desktop.formats.brief import pdf as brief_pdf

            QGuiApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
            try:
                dpi = round(96 * self.devicePixelRatioF())  # one image pixel per screen pixel
                document = brief_pdf.brief_document(
                    self.brief, self._chart_points(), chart_dpi=dpi, art=paper_artwork()
                )
            finally:
                QGuiApplication.restoreOverrideCursor()
            document.setDocumentMargin(24)
            document.setParent(self.browser)
            self._document = document
            self.browser.setDocument(document)
        self._update_buttons()

    def _update_buttons(self) -> None:
        for button in (self.print_button, *self.save_buttons.values()):
            button.setEnabled(self.brief is not None)

    # printing and saving ----------------------------------------------------------------

    def print_brief(self) -> None:
        """Ask for a printer and its settings, then print the brief."""
        if self.brief is None:
            return
        from PySide6.QtPrintSupport import QPrinter

        from winwin_desktop.formats.brief import pdf as brief_pdf

        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        printer.setPageLayout(brief_pdf.page_layout(paper_chosen()))
        printer.setDocName(self._file_stem())
        if not self.ask_print(printer):
            return
        try:
            pages = brief_pdf.print_brief(self.brief, printer, art=paper_artwork())
        except OSError:
            self.error.show_error("The printer could not be opened; check it and try again.")
            return
        self._say(f"Printed {plural(pages, 'page')}.")

    def save(self, kind: str) -> Path | None:
        """Ask where to save the brief as ``kind`` ("pdf", "markdown" or "html"), and save it."""
        if self.brief is None:
            return None
        _kind, _text, caption, file_filter, extension = next(
            entry for entry in SAVE_FORMATS if entry[0] == kind
        )
        chosen = self.ask_save_path(
            caption, str(self.folder / (self._file_stem() + extension)), file_filter
        )
        if not chosen:
            return None
        from winwin_desktop.formats.brief import pdf as brief_pdf
        from winwin_desktop.journal.targets import refuse_unsafe_targets

        path = Path(chosen)
        if brief_pdf.FORMATS.get(path.suffix.lower()) != kind:
            path = path.with_name(path.name + extension)
            # The file dialog asked about replacing the name as typed, not this one.
            if path.exists() and not confirm_replace(self, path):
                return None
        try:
            refuse_unsafe_targets([path], replace=True)
        except ValidationError as error:
            self.error.show_error(error.message)
            return None
        QGuiApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            written = brief_pdf.save_brief(self.brief, path, paper_chosen(), art=paper_artwork())
        except brief_pdf.BriefFileError as error:
            self.error.show_error(error.message)
            return None
        finally:
            QGuiApplication.restoreOverrideCursor()
        self.folder = path.parent
        self.error.clear()
        extra = len(written) - 1
        beside = f", with {plural(extra, 'chart image')} beside it" if extra else ""
        self._say(f"Saved {path}{beside}. {KEEP_PRIVATE}")
        return path

    def save_pdf(self) -> Path | None:
        return self.save("pdf")

    def save_markdown(self) -> Path | None:
        return self.save("markdown")

    def save_html(self) -> Path | None:
        return self.save("html")

    # dialogs (tests replace these) ------------------------------------------------------

    def ask_save_path(self, caption: str, suggested: str, file_filter: str) -> str | None:
        path, _selected = QFileDialog.getSaveFileName(self, caption, suggested, file_filter)
        return path or None

    def ask_print(self, printer) -> bool:
        from PySide6.QtPrintSupport import QPrintDialog

        dialog = QPrintDialog(printer, self)
        dialog.setWindowTitle("Print the brief")
        return dialog.exec() == QDialog.DialogCode.Accepted

    # helpers ----------------------------------------------------------------------------

    def _file_stem(self) -> str:
        from winwin_desktop.formats.brief.text import slug

        if self.brief is None:
            return "brief"
        if len(self.brief.people) == 1:
            return f"brief-{slug(self.brief.people[0].name)}"
        return f"meeting-brief-{self.brief.today.isoformat()}"

    def _say(self, text: str) -> None:
        self.message.setText(text)
        self.message.show()


class BriefDialog(QDialog):
    """A window with the brief of a selection of people (for a meeting with several, or
    a meeting in the calendar: ``meeting`` names it). It fits the screen (1280×800
    included): the brief scrolls inside."""

    def __init__(
        self, person_ids: list[int], parent: QWidget | None = None, meeting: str = ""
    ) -> None:
        super().__init__(parent)
        title = "Meeting brief" if len(person_ids) > 1 or meeting else "Brief"
        self.setWindowTitle(f"{title}: {meeting}" if meeting else title)
        screen = (parent.screen() if parent else None) or QGuiApplication.primaryScreen()
        free = screen.availableGeometry() if screen else None
        width, height = DIALOG_SIZE
        if free is not None:
            # Room for the window's frame and title bar on the smallest screens.
            width, height = min(width, free.width() - 40), min(height, free.height() - 60)
        self.resize(width, height)
        layout = QVBoxLayout(self)
        self.tab = BriefTab(self)
        self.tab.meeting = meeting
        layout.addWidget(self.tab)
        self.tab.show_people(person_ids)
