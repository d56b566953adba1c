"""Saving the meeting brief — PDF with Qt's own writer, Markdown or HTML — and printing it.

QtGui and QtCore only, never QtWidgets (the one Qt exception of ``formats/``, see the
package's docstring); the chart and the status colours come in an :class:`Artwork`.

The PDF is a ``QTextDocument`` laid out on the page, painted page by page with a footer;
``QTextDocument`` moves a line that would straddle a page break to the next page, so long
notes flow on without cutting lines, and Qt embeds the fonts it uses. Only QtGui is
needed: from the command line a ``QGuiApplication`` on the offscreen platform is made
when there is none. Everything works offline; the chart (:mod:`.chart`) is painted by Qt
too, as an image at print resolution.
"""

from __future__ import annotations

import base64
import os
from pathlib import Path

from PySide6.QtCore import (
    QBuffer,
    QByteArray,
    QIODevice,
    QLocale,
    QMarginsF,
    QRectF,
    QSizeF,
    Qt,
    QUrl,
)
from PySide6.QtGui import (
    QAbstractTextDocumentLayout,
    QColor,
    QFont,
    QFontMetricsF,
    QGuiApplication,
    QImage,
    QPagedPaintDevice,
    QPageLayout,
    QPageSize,
    QPainter,
    QPainterPath,
    QPalette,
    QPdfWriter,
    QTextBlock,
    QTextCursor,
    QTextDocument,
    QTextFormat,
)

from winwin_desktop.formats.brief import chart

# FORMATS and BriefFileError are read from here too (the Brief tab's Save as).
from winwin_desktop.formats.brief.files import (  # noqa: F401
    FORMATS,
    PAPER_NAMES,
    BriefFileError,
    brief_format,
    paper_name,
)
from winwin_desktop.formats.brief.model import Artwork, BriefData, PersonBrief
from winwin_desktop.formats.brief.text import (
    MUTED_COLOUR,
    PHOTO_PX,
    TEXT_COLOUR,
    ChartImage,
    chart_file_name,
    document_title,
    to_html,
    to_markdown,
)
from winwin_desktop.private_files import create_private
from winwin_desktop.text import short_day

PAPER_SIZES = dict(
    zip(
        PAPER_NAMES,
        (
            QPageSize.PageSizeId.A4,
            QPageSize.PageSizeId.Letter,
            QPageSize.PageSizeId.Legal,
            QPageSize.PageSizeId.A5,
        ),
        strict=True,
    )
)
# Where people print on Letter paper; everyone else uses A4.
LETTER_TERRITORIES = {QLocale.Country.UnitedStates, QLocale.Country.Canada}
MARGIN_MM = 15
FONT_FAMILIES = ["Noto Sans", "Segoe UI", "Helvetica Neue", "Arial", "DejaVu Sans"]
FONT_POINTS = 10.5
FOOTER_POINTS = 8
# The chart's height as a share of its width (the page's text width).
CHART_ASPECT = 0.19
# Paragraphs up to this long are never split across pages.
KEEP_TOGETHER_CHARACTERS = 1200
# Blocks moved to the next page at most, in a brief of any length.
MAX_MOVES = 200
# A chart in an HTML or Markdown file, in CSS pixels (about an A4 page's text width).
FILE_CHART_WIDTH = 660
# Photos are drawn from this many pixels per CSS pixel: sharp on paper and on HiDPI screens.
PHOTO_SCALE = 3

# The chart's resolution on paper: sharp in print, a PNG of a few hundred kilobytes.
CHART_DPI = 220

_application: QGuiApplication | None = None


def ensure_gui_application() -> QGuiApplication:
    """The running application, or a new ``QGuiApplication`` on the offscreen platform
    (fonts and the PDF writer need one; no window is ever shown)."""
    global _application
    app = QGuiApplication.instance()
    if app is None:
        app = _application = QGuiApplication(["winwin", "-platform", "offscreen"])
    return app


def default_page_size(locale: QLocale | None = None) -> QPageSize:
    """Letter in the United States and Canada, A4 everywhere else.

    Without ``locale``: the locale of ``LC_ALL`` or ``LC_PAPER`` when set (the paper the
    user prints on, which Qt's system locale does not look at), else the system's.
    """
    if locale is None:
        locale = _paper_locale()
    letter = locale.territory() in LETTER_TERRITORIES
    return QPageSize(QPageSize.PageSizeId.Letter if letter else QPageSize.PageSizeId.A4)


def paper_size(name: str | None) -> QPageSize:
    """A paper size by name ("a4", "letter", "legal", "a5"); None: the locale's."""
    found = paper_name(name)
    return default_page_size() if found is None else QPageSize(PAPER_SIZES[found])


def page_layout(page_size: QPageSize | None = None) -> QPageLayout:
    """Portrait, with margins of :data:`MARGIN_MM` millimetres all round."""
    return QPageLayout(
        page_size or default_page_size(),
        QPageLayout.Orientation.Portrait,
        QMarginsF(MARGIN_MM, MARGIN_MM, MARGIN_MM, MARGIN_MM),
        QPageLayout.Unit.Millimeter,
    )


# ---- files --------------------------------------------------------------------------------


def save_brief(
    brief: BriefData,
    path: str | os.PathLike,
    page_size: QPageSize | None = None,
    *,
    art: Artwork,
) -> list[Path]:
    """Write the brief to ``path`` in the format its extension names; returns the files
    written (a Markdown brief has its charts as PNG files beside it)."""
    path = Path(path)
    kind = brief_format(path)
    if not path.parent.is_dir():
        raise BriefFileError(f"There is no folder {path.parent}; create it or choose another file.")
    if not os.access(path.parent, os.W_OK):
        raise BriefFileError(f"Cannot write in {path.parent}; choose another folder.")
    try:
        if kind == "pdf":
            write_pdf(brief, path, page_size, art=art)
            return [path]
        if kind == "html":
            return [write_html(brief, path, art=art)]
        return write_markdown(brief, path, art=art)
    except OSError as exc:
        raise BriefFileError(
            f"Cannot write {path} ({exc.strerror or exc}); choose another file."
        ) from exc


def write_pdf(
    brief: BriefData,
    path: str | os.PathLike,
    page_size: QPageSize | None = None,
    *,
    art: Artwork,
) -> int:
    """Write the brief as a PDF; returns its number of pages."""
    ensure_gui_application()
    path = Path(path)
    partial = create_private(path.with_name(f".{path.name}.part"))
    writer = QPdfWriter(str(partial))
    writer.setPageLayout(page_layout(page_size))
    writer.setTitle(document_title(brief))
    writer.setCreator("WinWin")
    try:
        pages = render(brief, writer, art=art)
    except BaseException:
        partial.unlink(missing_ok=True)
        raise
    del writer  # flushes and closes the file
    os.replace(partial, path)
    return pages


def write_html(brief: BriefData, path: str | os.PathLike, *, art: Artwork) -> Path:
    """Write the brief as one self-contained HTML file (the charts inline as data URIs)."""
    charts = {}
    for person in _charted(brief, art):
        png = _chart_png(person, brief, art, FILE_CHART_WIDTH * 72 / 96)
        source = "data:image/png;base64," + base64.b64encode(png).decode("ascii")
        charts[person.person_id] = _chart_image(source, FILE_CHART_WIDTH)
    photos = {}
    for person in brief.people:
        image = square_photo(person.photo, PHOTO_PX * 2) if person.photo else None
        if image is not None:
            photos[person.person_id] = ChartImage(_data_uri(image), PHOTO_PX, PHOTO_PX)
    path = Path(path)
    page = to_html(brief, charts, photos=photos, status_colours=art.status_colours)
    _write_atomically(path, page.encode("utf-8"))
    return path


def write_markdown(brief: BriefData, path: str | os.PathLike, *, art: Artwork) -> list[Path]:
    """Write the brief as Markdown, each chart a PNG file beside it."""
    path = Path(path)
    written, names = [], {}
    for person in _charted(brief, art):
        name = chart_file_name(person)
        stem = name.removesuffix(".png")
        number = 2
        while name in names.values():
            name, number = f"{stem}-{number}.png", number + 1
        names[person.person_id] = name
        png = _chart_png(person, brief, art, FILE_CHART_WIDTH * 72 / 96)
        _write_atomically(path.with_name(name), png)
        written.append(path.with_name(name))
    _write_atomically(path, to_markdown(brief, names).encode("utf-8"))
    return [path, *written]


def _write_atomically(path: Path, data: bytes) -> None:
    partial = path.with_name(f".{path.name}.part")
    try:
        create_private(partial).write_bytes(data)
        os.replace(partial, path)
    finally:
        partial.unlink(missing_ok=True)


# ---- the document -------------------------------------------------------------------------


def brief_document(
    brief: BriefData,
    text_width_pt: float,
    device: QPagedPaintDevice | None = None,
    chart_dpi: int | None = None,
    *,
    art: Artwork,
) -> QTextDocument:
    """The brief as a ``QTextDocument`` whose charts are ``text_width_pt`` wide.

    With ``device`` the document is laid out in that device's pixels (for paper);
    without, in screen pixels (for the Brief tab). ``chart_dpi`` is the charts'
    resolution: print resolution unless given (a screen wants its own, or Qt's
    scaling blurs the chart's lettering).
    """
    ensure_gui_application()
    document = QTextDocument()
    if device is not None:
        document.documentLayout().setPaintDevice(device)
    font = QFont()
    font.setFamilies(FONT_FAMILIES)
    font.setPointSizeF(FONT_POINTS)
    document.setDefaultFont(font)
    document.setDocumentMargin(0)
    charts = {}
    for person in _charted(brief, art):
        url = f"winwin-chart-{person.person_id}.png"
        image = chart.chart_image(*_chart_arguments(person, brief, art, text_width_pt, chart_dpi))
        document.addResource(QTextDocument.ResourceType.ImageResource, QUrl(url), image)
        charts[person.person_id] = _chart_image(url, round(text_width_pt * 96 / 72))
    photos = {}
    for person in brief.people:
        image = square_photo(person.photo, PHOTO_PX * PHOTO_SCALE) if person.photo else None
        if image is not None:
            url = f"winwin-photo-{person.person_id}.png"
            document.addResource(QTextDocument.ResourceType.ImageResource, QUrl(url), image)
            photos[person.person_id] = ChartImage(url, PHOTO_PX, PHOTO_PX)
    document.setHtml(
        to_html(brief, charts, standalone=False, photos=photos, status_colours=art.status_colours)
    )
    return document


def square_photo(data: bytes, pixels: int) -> QImage | None:
    """A photo cropped to its centre square, ``pixels`` wide, with rounded corners; None
    when the bytes are not an image Qt can read."""
    image = QImage.fromData(data)
    if image.isNull():
        return None
    image = image.scaled(
        pixels,
        pixels,
        Qt.AspectRatioMode.KeepAspectRatioByExpanding,
        Qt.TransformationMode.SmoothTransformation,
    )
    image = image.copy(
        (image.width() - pixels) // 2, (image.height() - pixels) // 2, pixels, pixels
    )
    rounded = QImage(pixels, pixels, QImage.Format.Format_ARGB32_Premultiplied)
    rounded.fill(Qt.GlobalColor.transparent)
    painter = QPainter(rounded)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    path = QPainterPath()
    path.addRoundedRect(QRectF(0, 0, pixels, pixels), pixels * 0.18, pixels * 0.18)
    painter.setClipPath(path)
    painter.drawImage(0, 0, image)
    painter.end()
    return rounded


def _data_uri(image: QImage) -> str:
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG")
    return "data:image/png;base64," + base64.b64encode(bytes(data)).decode("ascii")


def render(
    brief: BriefData, device: QPagedPaintDevice, footer: bool = True, *, art: Artwork
) -> int:
    """Paint the brief on ``device`` (a ``QPdfWriter`` or a ``QPrinter``) whose page
    layout is already set; returns the number of pages."""
    ensure_gui_application()
    text_width_pt = device.pageLayout().paintRect(QPageLayout.Unit.Point).width()
    document = brief_document(brief, text_width_pt, device, art=art)
    painter = QPainter()
    if not painter.begin(device):
        raise OSError("the PDF file or printer could not be opened")
    # Otherwise Qt stores the chart as a JPEG, which blurs its thin lines.
    painter.setRenderHint(QPainter.RenderHint.LosslessImageRendering)
    try:
        return _paint_pages(document, painter, device, brief if footer else None)
    finally:
        painter.end()


def print_brief(brief: BriefData, printer: QPagedPaintDevice, *, art: Artwork) -> int:
    """Print on a ``QPrinter`` the user has set up; returns the number of pages."""
    return render(brief, printer, art=art)


def _paint_pages(
    document: QTextDocument, painter: QPainter, device: QPagedPaintDevice, brief: BriefData | None
) -> int:
    width, height = float(device.width()), float(device.height())
    footer_font = QFont()
    footer_font.setFamilies(FONT_FAMILIES)
    footer_font.setPointSizeF(FOOTER_POINTS)
    line = QFontMetricsF(footer_font, device).height()
    footer_height = line * 2.2 if brief else 0.0
    page_height = height - footer_height
    document.setPageSize(QSizeF(width, page_height))
    _paginate(document, page_height)
    pages = document.pageCount()
    footers = _footers(document, page_height, pages, brief) if brief else []
    hair = device.logicalDpiY() * 2 / 72  # 2 points
    context = QAbstractTextDocumentLayout.PaintContext()
    context.palette.setColor(QPalette.ColorRole.Text, QColor(TEXT_COLOUR))
    for page in range(pages):
        if page:
            device.newPage()
        painter.save()
        painter.translate(0, -page * page_height)
        view = QRectF(0, page * page_height, width, page_height)
        painter.setClipRect(view)
        # The first line of the next page can reach a hair above the break; drawn here
        # too (if clipped), its text would be found twice when searching the PDF.
        context.clip = view.adjusted(0, hair, 0, -hair)
        document.documentLayout().draw(painter, context)
        painter.restore()
        if footers:
            painter.save()
            painter.setFont(footer_font)
            painter.setPen(QColor(MUTED_COLOUR))
            band = QRectF(0, height - line, width, line)
            bottom = Qt.AlignmentFlag.AlignBottom
            painter.drawText(band, Qt.AlignmentFlag.AlignLeft | bottom, footers[page])
            painter.drawText(
                band, Qt.AlignmentFlag.AlignRight | bottom, f"page {page + 1} of {pages}"
            )
            painter.restore()
    return pages


def _paginate(document: QTextDocument, page_height: float) -> None:
    """Move to the next page, one at a time from the top, each heading that would end a
    page without what it introduces, and each paragraph or list item that would be cut
    in two (a conversation and its lines, a promise); a paragraph longer than
    :data:`KEEP_TOGETHER_CHARACTERS`, in the user's notes, may still be cut.

    After each move the document is laid out again: Qt keeps the old positions of what
    follows a changed block otherwise, and the pages it paints would lose text."""
    for _ in range(MAX_MOVES):
        block = _first_to_move(document, page_height)
        if block is None:
            return
        moved = block.blockFormat()
        moved.setPageBreakPolicy(QTextFormat.PageBreakFlag.PageBreak_AlwaysBefore)
        QTextCursor(block).setBlockFormat(moved)
        document.markContentsDirty(0, document.characterCount())


def _first_to_move(document: QTextDocument, page_height: float) -> QTextBlock | None:
    layout = document.documentLayout()

    def page_of(y: float) -> int:
        return int(y // page_height)

    def lines(block: QTextBlock) -> tuple[float, float, float, float]:
        """The block's top, its first line's top and bottom, its last line's bottom."""
        rect = layout.blockBoundingRect(block)
        text = block.layout()
        if not text.lineCount():
            return rect.top(), rect.top(), rect.bottom(), rect.bottom()
        first, last = text.lineAt(0).rect(), text.lineAt(text.lineCount() - 1).rect()
        return (
            rect.top(),
            rect.top() + first.top(),
            rect.top() + first.bottom(),
            rect.top() + last.bottom() - 0.5,
        )

    def heading(block: QTextBlock) -> bool:
        return bool(block.isValid() and block.blockFormat().headingLevel())

    def with_headings_above(block: QTextBlock) -> QTextBlock:
        start = block
        while heading(start.previous()) and page_of(
            layout.blockBoundingRect(start.previous()).top()
        ) == page_of(layout.blockBoundingRect(block).top()):
            start = start.previous()
        return start

    block = document.begin()
    while block.isValid():
        following = block.next()
        top, first_top, first_bottom, last_bottom = lines(block)
        at_page_top = top % page_height <= 1
        if QTextCursor(block).currentTable() is None and not at_page_top:
            if heading(block) and following.isValid():
                if page_of(lines(following)[2]) > page_of(top):
                    return with_headings_above(block)
            elif (
                # Cut in two, or a line across the page's edge.
                page_of(last_bottom) > page_of(first_top)
                and len(block.text()) <= KEEP_TOGETHER_CHARACTERS
                and last_bottom - top < page_height
            ):
                return with_headings_above(block)
        block = following
    return None


def _footers(
    document: QTextDocument, page_height: float, pages: int, brief: BriefData
) -> list[str]:
    """Each page's footer: the brief's title, or in a meeting brief the name of the
    person the page is about, so that loose pages still say whom they describe."""
    if len(brief.people) == 1:
        return [
            f"{document_title(brief)} · {short_day(brief.today, brief.today, year=True)}"
        ] * pages
    names = set(brief.names)
    starts: list[tuple[int, str]] = []
    layout = document.documentLayout()
    block = document.begin()
    while block.isValid():
        # Each person's section starts with their name as an <h1>.
        if block.blockFormat().headingLevel() == 1 and block.text() in names:
            starts.append((int(layout.blockBoundingRect(block).top() // page_height), block.text()))
        block = block.next()
    footers = []
    for page in range(pages):
        name = next((n for p, n in reversed(starts) if p <= page), brief.names[0])
        footers.append(
            f"{name} · meeting brief of {short_day(brief.today, brief.today, year=True)}"
        )
    return footers


# ---- charts -------------------------------------------------------------------------------


def _charted(brief: BriefData, art: Artwork) -> list[PersonBrief]:
    """The people with something to chart (nobody without the chart's colours)."""
    if art.chart is None:
        return []
    return [person for person in brief.people if person.balance_points]


def _chart_png(
    person: PersonBrief, brief: BriefData, art: Artwork, width_pt: float, dpi: int | None = None
) -> bytes:
    ensure_gui_application()  # Qt paints the chart and measures its lettering
    return chart.chart_png(*_chart_arguments(person, brief, art, width_pt, dpi))


def _chart_arguments(
    person: PersonBrief, brief: BriefData, art: Artwork, width_pt: float, dpi: int | None
) -> tuple:
    assert art.chart is not None  # _charted() lets only charted people through
    width_in = width_pt / 72
    return (
        person.balance_points,
        brief.today,
        brief.window_days,
        width_in,
        width_in * CHART_ASPECT,
        dpi or CHART_DPI,
        art.chart,
        FONT_FAMILIES,
    )


def _chart_image(source: str, width_px: int) -> ChartImage:
    return ChartImage(source, width_px, round(width_px * CHART_ASPECT))


def _paper_locale() -> QLocale:
    for variable in ("LC_ALL", "LC_PAPER"):
        value = os.environ.get(variable, "").split(".")[0]
        if value and value not in ("C", "POSIX"):
            return QLocale(value)
    return QLocale.system()
