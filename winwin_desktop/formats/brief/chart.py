"""The brief's balance chart, painted with QtGui: running totals of points given and
received, for paper.

A small static picture, unlike the Balance tab's interactive matplotlib figure: white
background, two step lines ending at today, the review window shaded, and above the
plot a legend with the window's totals (the same figures as the text beside it) and the
window's name. Painting it with Qt rather than matplotlib keeps ``winwin brief`` from
loading matplotlib and numpy, most of a brief's time (issue 17 item 5).

QtGui only, never QtWidgets, like :mod:`.pdf`. The colours come from the caller (an
:class:`.model.Artwork`'s ``chart``, from ``charts/``); the layout is fixed so that the
chart looks the same for everyone.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QLineF, QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QImage, QPainter, QPainterPath, QPen

from winwin_desktop.analytics import BalancePoint, describe_window
from winwin_desktop.text import plural

# The colours a chart needs, the keys of ``Artwork.chart``.
COLOUR_KEYS = ("paper", "window", "text", "muted", "grid", "spine", "given", "received")
MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
# The plot's edges as shares of the picture's width (left, right) and height (top,
# bottom): room for the legend above and the tick labels left and below.
PLOT_LEFT, PLOT_RIGHT, PLOT_TOP, PLOT_BOTTOM = 0.08, 0.985, 0.19, 0.82
TICK_POINTS = 8
LEGEND_POINTS = 8
WINDOW_LABEL_POINTS = 7.5
LINE_POINTS = 1.8
HAIR_POINTS = 0.8  # grid, axes and tick marks
TICK_LENGTH_POINTS = 3.5
# At most this many labelled steps on each axis.
MAX_X_TICKS = 8
MAX_Y_TICKS = 5


@dataclass(frozen=True)
class Series:
    """What the chart shows, in days (proleptic ordinals) and points."""

    x: list[float]  # where each step starts; the last is where the lines end
    given: list[float]
    received: list[float]
    left: float
    right: float
    window_start: float
    end: float  # the day after today
    top: int  # the highest running total, at least 1
    given_in_window: int
    received_in_window: int


def series(points: Sequence[BalancePoint], today: dt.date, window_days: int) -> Series:
    """Each day's closing totals, from zero on the first day to today's level, and the
    axes' extent: the whole history or the window, whichever is longer, a week before."""
    end = today.toordinal() + 1
    x: list[float] = []
    given: list[float] = []
    received: list[float] = []
    if points:
        x, given, received = [points[0].day.toordinal()], [0.0], [0.0]
        for index, point in enumerate(points):
            if index + 1 < len(points) and points[index + 1].day == point.day:
                continue  # not the day's last exchange
            x.append(point.day.toordinal())
            given.append(point.cumulative_given)
            received.append(point.cumulative_received)
        x.append(max(end, x[-1]))
        given.append(given[-1])
        received.append(received[-1])
    window_start = end - window_days
    start = x[0] if x else window_start
    left = min(start, window_start) - 7
    top = int(max(given[-1] if given else 0, received[-1] if received else 0, 1))
    given_in_window, received_in_window = _window_totals(points, today, window_days)
    return Series(
        x, given, received, left, end + 3, window_start, end, top,
        given_in_window, received_in_window,
    )  # fmt: skip


def chart_image(
    points: Sequence[BalancePoint],
    today: dt.date,
    window_days: int,
    width_in: float,
    height_in: float,
    dpi: int,
    colours: Mapping[str, str],
    font_families: Sequence[str],
) -> QImage:
    """The chart, ``width_in`` by ``height_in`` inches at ``dpi``."""
    image = QImage(
        max(1, round(width_in * dpi)),
        max(1, round(height_in * dpi)),
        QImage.Format.Format_RGB32,
    )
    dots_per_metre = round(dpi / 0.0254)
    image.setDotsPerMeterX(dots_per_metre)
    image.setDotsPerMeterY(dots_per_metre)
    image.fill(QColor(colours["paper"]))
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setRenderHint(QPainter.RenderHint.TextAntialiasing)
    try:
        _paint(
            painter,
            QRectF(0, 0, image.width(), image.height()),
            series(points, today, window_days),
            window_days,
            dpi / 72,
            colours,
            font_families,
        )
    finally:
        painter.end()
    return image


def chart_png(
    points: Sequence[BalancePoint],
    today: dt.date,
    window_days: int,
    width_in: float,
    height_in: float,
    dpi: int,
    colours: Mapping[str, str],
    font_families: Sequence[str],
) -> bytes:
    """:func:`chart_image` as PNG bytes (for the HTML and Markdown briefs)."""
    image = chart_image(
        points, today, window_days, width_in, height_in, dpi, colours, font_families
    )
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG")
    return bytes(data)


def y_ticks(low: float, high: float, most: int = MAX_Y_TICKS) -> list[int]:
    """Whole numbers at a round step (1, 2 or 5 times a power of ten), at most ``most``
    of them between ``low`` and ``high``."""
    step = 1
    while True:
        for factor in (1, 2, 5):
            ticks = list(range(0, int(high) + 1, step * factor))
            if len(ticks) <= most:
                return [t for t in ticks if t >= low]
        step *= 10


def x_ticks(left: float, right: float) -> list[tuple[float, str]]:
    """Month starts every 1, 2, 3, 4 or 6 months, or year starts every 1, 2, 5… years,
    the fewest-spaced that fit :data:`MAX_X_TICKS`; each labelled with its month, or its
    year in January (a year's tick: its year)."""
    first, last = dt.date.fromordinal(int(left) + 1), dt.date.fromordinal(int(right))
    for months in (1, 2, 3, 4, 6):
        ticks = []
        year, month = first.year, first.month
        if first.day > 1:
            year, month = (year + 1, 1) if month == 12 else (year, month + 1)
        while dt.date(year, month, 1) <= last:
            if (month - 1) % months == 0:
                day = dt.date(year, month, 1)
                label = str(year) if month == 1 else MONTHS[month - 1]
                ticks.append((float(day.toordinal()), label))
            year, month = (year + 1, 1) if month == 12 else (year, month + 1)
        if len(ticks) <= MAX_X_TICKS:
            return ticks
    years = 1
    while True:
        start = first.year + (first.month > 1 or first.day > 1)
        ticks = [
            (float(dt.date(year, 1, 1).toordinal()), str(year))
            for year in range(start, last.year + 1)
            if year % years == 0
        ]
        if len(ticks) <= MAX_X_TICKS:
            return ticks
        years = {1: 2, 2: 5}.get(years, years * 2)


def _paint(
    painter: QPainter,
    area: QRectF,
    data: Series,
    window_days: int,
    px_per_pt: float,
    colours: Mapping[str, str],
    font_families: Sequence[str],
) -> None:
    def font(points: float) -> QFont:
        chosen = QFont()
        chosen.setFamilies(list(font_families))
        chosen.setPixelSize(max(1, round(points * px_per_pt)))
        return chosen

    def pen(colour: str, points: float) -> QPen:
        drawn = QPen(QColor(colour), points * px_per_pt)
        drawn.setCapStyle(Qt.PenCapStyle.FlatCap)
        return drawn

    tick_font = font(TICK_POINTS)
    metrics = QFontMetricsF(tick_font)
    tick_length = TICK_LENGTH_POINTS * px_per_pt
    gap = 3.5 * px_per_pt  # between a tick mark and its label
    legend_font = font(LEGEND_POINTS)
    legend_metrics = QFontMetricsF(legend_font)
    # The legend's row above the plot and the month labels under it keep their whole
    # height however small the picture (a narrow Brief tab): only the plot gets smaller.
    top = max(area.height() * PLOT_TOP, legend_metrics.height() + gap)
    bottom = min(
        area.height() * PLOT_BOTTOM,
        area.height() - tick_length - gap / 2 - metrics.height() - gap / 2,
    )
    plot = QRectF(
        area.left() + area.width() * PLOT_LEFT,
        area.top() + top,
        area.width() * (PLOT_RIGHT - PLOT_LEFT),
        max(1.0, bottom - top),
    )
    # A little room below zero keeps a line that stays at zero clear of the axis.
    low, high = -data.top * 0.04, data.top * 1.08

    def at_x(day: float) -> float:
        return plot.left() + (day - data.left) / (data.right - data.left) * plot.width()

    def at_y(value: float) -> float:
        return plot.bottom() - (value - low) / (high - low) * plot.height()

    # The window, shaded; then the grid over it, the lines over the grid.
    painter.fillRect(
        QRectF(QPointF(at_x(max(data.window_start, data.left)), plot.top()),
               QPointF(at_x(data.end), plot.bottom())),
        QColor(colours["window"]),
    )  # fmt: skip
    painter.setFont(tick_font)
    # As many labels up the side as fit without touching (fewer on a short chart).
    most = max(2, min(MAX_Y_TICKS, int(plot.height() / (1.1 * metrics.height())) + 1))
    for value in y_ticks(low, high, most):
        y = at_y(value)
        painter.setPen(pen(colours["grid"], HAIR_POINTS))
        painter.drawLine(QLineF(plot.left(), y, plot.right(), y))
        painter.setPen(pen(colours["muted"], HAIR_POINTS))
        painter.drawLine(QLineF(plot.left() - tick_length, y, plot.left(), y))
        label = QRectF(
            0, y - metrics.height(), plot.left() - tick_length - gap, 2 * metrics.height()
        )
        painter.drawText(
            label, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter, f"{value:,}"
        )
    for day, text in x_ticks(data.left, data.right):
        x = at_x(day)
        painter.setPen(pen(colours["grid"], HAIR_POINTS))
        painter.drawLine(QLineF(x, plot.top(), x, plot.bottom()))
        painter.setPen(pen(colours["muted"], HAIR_POINTS))
        painter.drawLine(QLineF(x, plot.bottom(), x, plot.bottom() + tick_length))
        width = metrics.horizontalAdvance(text) + 2
        top = plot.bottom() + tick_length + gap / 2
        label = QRectF(x - width / 2, top, width, metrics.height())
        painter.drawText(label, Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop, text)
    painter.setPen(pen(colours["spine"], HAIR_POINTS))
    painter.drawLine(QLineF(plot.bottomLeft(), plot.bottomRight()))
    painter.drawLine(QLineF(plot.bottomLeft(), plot.topLeft()))

    painter.save()
    painter.setClipRect(plot)
    for key, values in (("given", data.given), ("received", data.received)):
        if not values:
            continue
        path = QPainterPath(QPointF(at_x(data.x[0]), at_y(values[0])))
        for index in range(1, len(values)):
            path.lineTo(at_x(data.x[index]), at_y(values[index - 1]))
            path.lineTo(at_x(data.x[index]), at_y(values[index]))
        line = pen(colours[key], LINE_POINTS)
        line.setJoinStyle(Qt.PenJoinStyle.MiterJoin)
        painter.setPen(line)
        painter.drawPath(path)
    painter.restore()

    # The legend, in one row above the plot where no line can run under it.
    em = legend_font.pixelSize()
    row = QRectF(plot.left(), area.top(), plot.width(), plot.top() - area.top() - gap)
    painter.setFont(legend_font)
    x = row.left() + 0.4 * em
    window = describe_window(window_days)
    entries = [
        ("given", f"given: {plural(data.given_in_window, 'point')}"),
        ("received", f"received: {plural(data.received_in_window, 'point')}"),
    ]

    def legend_width(texts: list[str]) -> float:
        return sum(2.8 * em + legend_metrics.horizontalAdvance(t) + 2 + 2 * em for t in texts)

    # "in the last 12 months" when the row has room for it; else the short form (the
    # sentence above the chart says over which months).
    with_window = [(key, f"{text} in {window}") for key, text in entries]
    if legend_width([t for _, t in with_window]) - 2 * em <= row.width() - 0.4 * em:
        entries = with_window
    for key, text in entries:
        y = row.center().y()
        painter.setPen(pen(colours[key], LINE_POINTS))
        painter.drawLine(QLineF(x, y, x + 2 * em, y))
        x += 2.8 * em
        painter.setPen(QColor(colours["text"]))
        width = legend_metrics.horizontalAdvance(text) + 2
        painter.drawText(
            QRectF(x, row.top(), width, row.height()), Qt.AlignmentFlag.AlignVCenter, text
        )
        x += width + 2 * em
    # The shaded window's name, where the legend leaves room for it (on a narrow screen
    # it may not: the legend says the same).
    window_font = font(WINDOW_LABEL_POINTS)
    name = window.removeprefix("the ")
    if QFontMetricsF(window_font).horizontalAdvance(name) < at_x(data.end) - x:
        painter.setFont(window_font)
        painter.setPen(QColor(colours["muted"]))
        label = QRectF(x, row.top(), at_x(data.end) - x, row.height())
        painter.drawText(label, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter, name)


def _window_totals(
    points: Sequence[BalancePoint], today: dt.date, window_days: int
) -> tuple[int, int]:
    """Points given and received in the window (the text beside the chart says the same)."""
    first = today - dt.timedelta(days=window_days - 1)
    before = [p for p in points if p.day < first]
    inside = [p for p in points if p.day <= today]
    if not inside:
        return 0, 0
    given = inside[-1].cumulative_given - (before[-1].cumulative_given if before else 0)
    received = inside[-1].cumulative_received - (before[-1].cumulative_received if before else 0)
    return given, received
