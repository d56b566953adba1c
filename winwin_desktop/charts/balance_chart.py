"""One person's balance over time: running totals, the balance, and points per month.

The figure is built once; :meth:`BalanceChart.update` moves the existing lines to new
data (``set_data``), so showing another person or another range costs one redraw, not a
new figure. Series longer than about twice the plot's width in pixels are thinned to
the points a screen can show (per pixel column: first, last, lowest and highest).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from matplotlib.collections import PolyCollection
from matplotlib.dates import AutoDateLocator, ConciseDateFormatter, date2num
from matplotlib.figure import Figure
from matplotlib.layout_engine import LayoutEngine
from matplotlib.ticker import FuncFormatter, MaxNLocator

from winwin_desktop.analytics import (
    GIVEN,
    BalancePoint,
    ExchangeRecord,
    MonthPoint,
    monthly_series,
    running_totals,
)
from winwin_desktop.charts.palette import Colours, colours, style_axes, style_figure, style_legend

# Days of empty space either side of the data when the whole history is shown.
_MARGIN_DAYS = 7
# Markers on each exchange only while they stay readable.
_MAX_MARKERS = 250
# How close (in points, 1/72 inch) the mouse must be to a point to pick it.
_HIT_RADIUS_PT = 7


# matplotlib's date number of a day is its ordinal minus this (the epoch is a setting).
_ORDINAL_OFFSET = dt.date(1970, 1, 1).toordinal() - date2num(np.datetime64("1970-01-01"))


def day_numbers(days: Sequence[dt.date]) -> np.ndarray:
    """matplotlib's date numbers (days since its epoch) for a sequence of dates."""
    ordinals = np.fromiter((day.toordinal() for day in days), float, len(days))
    return ordinals - _ORDINAL_OFFSET


def thin_indices(x: np.ndarray, y: np.ndarray, buckets: int) -> np.ndarray:
    """Indices worth drawing when ``x`` (sorted) has far more points than pixel columns.

    ``x`` is cut into ``buckets`` columns of equal width; each keeps its first and last
    point and the points where ``y`` is lowest and highest, so peaks, troughs and the
    ends of every step survive. Returns sorted, unique indices.
    """
    count = len(x)
    if count == 0:
        return np.empty(0, dtype=np.intp)
    span = x[-1] - x[0]
    if span <= 0:
        return np.unique([0, int(np.argmin(y)), int(np.argmax(y)), count - 1])
    column = np.minimum(((x - x[0]) / span * buckets).astype(np.intp), buckets - 1)
    starts = np.flatnonzero(np.r_[True, column[1:] != column[:-1]])
    ends = np.r_[starts[1:], count] - 1
    by_column_then_y = np.lexsort((y, column))
    return np.unique(
        np.concatenate((starts, ends, by_column_then_y[starts], by_column_then_y[ends]))
    )


class FixedMargins(LayoutEngine):
    """Margins fixed in points around the grid of axes, with a fixed gap between rows.

    matplotlib's constrained layout measures every label on every draw, which was half
    the cost of redrawing a chart; fixed margins cost nothing and suit charts whose
    labels have a known size.
    """

    _adjust_compatible = False
    _colorbar_gridspec = False

    def __init__(
        self,
        left: float = 62,
        right: float = 12,
        top: float = 26,
        bottom: float = 30,
        gap: float = 10,
    ) -> None:
        super().__init__()
        self._params = {"left": left, "right": right, "top": top, "bottom": bottom, "gap": gap}

    def set(self, **margins: float) -> None:
        self._params.update(margins)

    def execute(self, fig) -> None:
        width, height = fig.bbox.width, fig.bbox.height
        if width <= 1 or height <= 1:
            return
        to_pixels = fig.dpi / 72
        margin = {name: value * to_pixels for name, value in self._params.items()}
        left = min(margin["left"] / width, 0.45)
        right = max(1 - margin["right"] / width, left + 0.1)
        bottom = min(margin["bottom"] / height, 0.45)
        top = max(1 - margin["top"] / height, bottom + 0.1)
        for grid in {axes.get_gridspec() for axes in fig.axes if axes.get_subplotspec()}:
            rows = grid.nrows
            inner = (top - bottom) * height
            # GridSpec's hspace is a fraction of the average row height.
            space = margin["gap"] * rows / max(inner - margin["gap"] * (rows - 1), 1)
            grid.update(left=left, right=right, bottom=bottom, top=top, hspace=space)
        # GridSpec.update only moves the axes of pyplot's figures; move ours here.
        for axes in fig.axes:
            if axes.get_subplotspec() is not None:
                axes.set_position(axes.get_subplotspec().get_position(fig))


class MonthBars:
    """Points per calendar month on one axes: given as bars up, received as bars down.

    Each direction is one ``PolyCollection`` of rectangles, made once: showing other
    months moves its vertices, and drawing it is one call however many months there
    are (a bar per ``Rectangle`` cost a patch per month to make, and to draw).
    """

    def __init__(self, axes, palette: Colours) -> None:
        self.axes = axes
        self.given = PolyCollection([], zorder=2, linewidths=0)
        self.received = PolyCollection([], zorder=2, linewidths=0)
        for collection in (self.given, self.received):
            axes.add_collection(collection, autolim=False)
        self.months: list[MonthPoint] = []
        self.zero = axes.axhline(0, linewidth=0.9)
        axes.yaxis.set_major_locator(MaxNLocator(nbins=4, integer=True, symmetric=True))
        # Received bars point down, but a month's points are never negative.
        axes.yaxis.set_major_formatter(FuncFormatter(lambda value, _: f"{abs(value):,.0f}"))
        self.restyle(palette)

    def update(self, months: Sequence[MonthPoint]) -> None:
        self.months = list(months)
        firsts = day_numbers([m.month for m in self.months])
        lengths = np.array([_days_in_month(m.month) for m in self.months], dtype=float)
        lefts = firsts + lengths * 0.1
        rights = lefts + lengths * 0.8
        given = np.array([m.given for m in self.months], dtype=float)
        received = -np.array([m.received for m in self.months], dtype=float)
        self.given.set_verts(_rectangles(lefts, rights, given))
        self.received.set_verts(_rectangles(lefts, rights, received))
        tallest = max(float(given.max(initial=0)), float(-received.min(initial=0)), 1.0)
        self.axes.set_ylim(-tallest * 1.25, tallest * 1.25)

    def span(self) -> tuple[float, float] | None:
        """The x-range the bars cover (first day of the first month to end of the last)."""
        if not self.months:
            return None
        first = day_numbers([self.months[0].month])[0]
        last = self.months[-1].month
        return first, day_numbers([last])[0] + _days_in_month(last)

    def restyle(self, palette: Colours) -> None:
        self.palette = palette
        self.zero.set_color(palette.spine)
        self.given.set_facecolor(palette.given)
        self.received.set_facecolor(palette.received)


def _rectangles(lefts: np.ndarray, rights: np.ndarray, heights: np.ndarray) -> np.ndarray:
    """Rectangles from 0 to ``heights``, as (count, 4, 2) vertices: bottom left, top left,
    top right, bottom right."""
    zeros = np.zeros_like(heights)
    x = np.column_stack((lefts, lefts, rights, rights))
    y = np.column_stack((zeros, heights, heights, zeros))
    return np.stack((x, y), axis=-1)


@dataclass(frozen=True)
class BalanceHit:
    """The point under the mouse: the exchange, and where its marker sits in data space."""

    point: BalancePoint
    x: float  # matplotlib date number
    y: float
    line: str  # "given", "received" or "balance"


class BalanceChart:
    """The Balance tab's figure, three panels sharing the time axis: the running totals
    given and received, the balance (given − received), and points per month."""

    def __init__(self, dark: bool = False) -> None:
        self.dark = dark
        palette = colours(dark)
        self.figure = Figure(figsize=(8, 5.5), layout=FixedMargins(top=24, gap=8))
        grid = self.figure.add_gridspec(3, 1, height_ratios=(5, 3, 3))
        self.totals_axes = self.figure.add_subplot(grid[0])
        self.balance_axes = self.figure.add_subplot(grid[1], sharex=self.totals_axes)
        self.months_axes = self.figure.add_subplot(grid[2], sharex=self.totals_axes)

        totals, balance = self.totals_axes, self.balance_axes
        self.given_line = totals.plot([], [], drawstyle="steps-post", linewidth=2.2)[0]
        self.received_line = totals.plot([], [], drawstyle="steps-post", linewidth=2.2)[0]
        self.balance_line = balance.plot([], [], drawstyle="steps-post", linewidth=1.8)[0]
        self.given_marks = totals.plot([], [], linestyle="", marker="o", markersize=3.5)[0]
        self.received_marks = totals.plot([], [], linestyle="", marker="o", markersize=3.5)[0]
        self.hover_marks = {
            axes: axes.plot(
                [], [], linestyle="", marker="o", markersize=11, markerfacecolor="none", zorder=6
            )[0]
            for axes in (totals, balance)
        }
        for mark in self.hover_marks.values():
            mark.set_markeredgewidth(2)
        self.balance_zero = balance.axhline(0, linewidth=0.9, zorder=1)
        self.message = totals.text(
            0.5, 0.5, "", transform=totals.transAxes, ha="center", va="center", fontsize=10
        )
        self.given_line.set_label("given")
        self.received_line.set_label("received")
        # Short enough for the legend's one row on a laptop-sized person page.
        self.balance_line.set_label("balance (given − received)")
        self.legend = self.figure.legend(
            handles=[self.given_line, self.received_line, self.balance_line],
            loc="upper left",
            bbox_to_anchor=(0, 1),
            ncols=3,
            frameon=False,
            fontsize=9,
        )
        totals.set_ylabel("Running total")
        balance.set_ylabel("Balance")
        for axes in (totals, balance):
            axes.yaxis.set_major_locator(MaxNLocator(nbins=5, integer=True))
            axes.tick_params(labelbottom=False)
        balance.yaxis.set_major_formatter(FuncFormatter(_signed))
        self.months = MonthBars(self.months_axes, palette)
        self.months_axes.set_ylabel("Per month")
        locator = AutoDateLocator(minticks=3, maxticks=9)
        self.months_axes.xaxis.set_major_locator(locator)
        self.months_axes.xaxis.set_major_formatter(ConciseDateFormatter(locator))

        self.totals = running_totals([])
        self._x = np.empty(0)
        self._given = np.empty(0)
        self._received = np.empty(0)
        self._balance = np.empty(0)
        self._is_given = np.empty(0, dtype=bool)
        self._end_of_day = np.empty(0, dtype=bool)
        self.restyle(dark)

    # data -------------------------------------------------------------------------------

    def update(
        self,
        records: Sequence[ExchangeRecord],
        start: dt.date | None = None,
        end: dt.date | None = None,
    ) -> None:
        """Show ``records`` (one person's exchanges) from ``start`` to ``end``.

        ``start`` None shows the whole history; ``end`` defaults to the last exchange's
        day and never hides a later exchange. The lines start at zero on the first
        exchange's day and run flat to ``end``, as the running totals do.
        """
        self.figure.get_layout_engine().execute(self.figure)
        # Columns, not a BalancePoint per exchange: the busiest people have thousands.
        self.totals = running_totals(records)
        ordered = self.totals.records
        count = len(ordered)
        self._x = day_numbers([record.day for record in ordered])
        self._given = np.array(self.totals.cumulative_given, dtype=float)
        self._received = np.array(self.totals.cumulative_received, dtype=float)
        self._balance = self._given - self._received
        self._is_given = np.fromiter((r.direction == GIVEN for r in ordered), bool, count)
        # The lines show each day's closing totals: a meeting with value both ways would
        # otherwise draw a spike in the balance.
        self._end_of_day = np.r_[self._x[1:] != self._x[:-1], bool(count)][:count]

        last_day = ordered[-1].day if ordered else (end or dt.date.today())
        end = max(end or last_day, last_day)
        first_day = ordered[0].day if ordered else end
        self.months.update(monthly_series(records, start=start, end=end) if ordered else [])
        if start is None:
            left = day_numbers([first_day])[0] - _MARGIN_DAYS
            right = day_numbers([end])[0] + _MARGIN_DAYS
            span = self.months.span()
            if span is not None:
                left, right = min(left, span[0]), max(right, span[1])
        else:
            left = day_numbers([start])[0]
            right = day_numbers([end])[0] + 1
        self.totals_axes.set_xlim(left, right)
        self._draw_lines(left, day_numbers([end])[0] + 1)
        self.highlight(None)

    @property
    def points(self) -> list[BalancePoint]:
        """The running balance after each exchange shown, oldest first (made when asked)."""
        return [self.totals.point(index) for index in range(len(self.totals))]

    def _draw_lines(self, left: float, end: float) -> None:
        # Anchors: zero on the first exchange's day, the last totals held until ``end``.
        if len(self._x):
            closing = self._end_of_day
            x = np.r_[self._x[0], self._x[closing], max(end, self._x[-1])]
            given = np.r_[0.0, self._given[closing], self._given[-1]]
            received = np.r_[0.0, self._received[closing], self._received[-1]]
        else:
            x = given = received = np.empty(0)
        balance = given - received

        # From the last point left of the view (it sets the level at the left edge) on.
        first = max(int(np.searchsorted(x, left, side="left")) - 1, 0)
        x, given, received, balance = x[first:], given[first:], received[first:], balance[first:]
        width = max(self.totals_axes.bbox.width, 100.0)
        if len(x) > 2 * width:
            keep = thin_indices(x, balance, int(width // 2))
            x, given, received, balance = x[keep], given[keep], received[keep], balance[keep]
        self.given_line.set_data(x, given)
        self.received_line.set_data(x, received)
        self.balance_line.set_data(x, balance)

        visible = self._x >= left
        self.message.set_text(
            ""
            if visible.any() or not len(self._x)
            else "No exchanges in this period; the lines hold the totals from before it."
        )
        if int(visible.sum()) <= _MAX_MARKERS:
            self.given_marks.set_data(
                self._x[visible & self._is_given], self._given[visible & self._is_given]
            )
            self.received_marks.set_data(
                self._x[visible & ~self._is_given], self._received[visible & ~self._is_given]
            )
        else:
            self.given_marks.set_data([], [])
            self.received_marks.set_data([], [])

        if len(x):
            self._fit(
                self.totals_axes,
                float(min(given.min(), received.min())),
                float(max(given.max(), received.max())),
            )
            self._fit(
                self.balance_axes, min(0.0, float(balance.min())), max(0.0, float(balance.max()))
            )
        else:
            self._fit(self.totals_axes, 0.0, 1.0)
            self._fit(self.balance_axes, -1.0, 1.0)

    @staticmethod
    def _fit(axes, low: float, high: float) -> None:
        if high - low < 2:
            middle = (high + low) / 2
            low, high = middle - 1, middle + 1
        pad = (high - low) * 0.08
        axes.set_ylim(low - pad, high + pad)

    # the mouse --------------------------------------------------------------------------

    def hit_at(self, x: float, y: float) -> BalanceHit | None:
        """The exchange whose marker is nearest the mouse, in display pixels (as in
        matplotlib's mouse events), or None when nothing is within reach."""
        if not len(self.totals):
            return None
        if self.totals_axes.bbox.contains(x, y):
            axes = self.totals_axes
            lines = (
                ("given", self._given, self._is_given),
                ("received", self._received, ~self._is_given),
            )
        elif self.balance_axes.bbox.contains(x, y):
            axes = self.balance_axes
            lines = (("balance", self._balance, self._end_of_day),)
        else:
            return None
        left, right = axes.get_xlim()
        visible = (self._x >= left) & (self._x <= right)
        best: tuple[float, int, str] | None = None
        for line, values, mask in lines:
            candidates = np.flatnonzero(visible & mask)
            if not len(candidates):
                continue
            shown = axes.transData.transform(
                np.column_stack((self._x[candidates], values[candidates]))
            )
            distance = np.hypot(shown[:, 0] - x, shown[:, 1] - y)
            # Several exchanges on one day share a spot: the latest one is on top.
            nearest = len(distance) - 1 - int(np.argmin(distance[::-1]))
            if best is None or distance[nearest] < best[0]:
                best = (float(distance[nearest]), int(candidates[nearest]), line)
        if best is None or best[0] > _HIT_RADIUS_PT * self.figure.dpi / 72:
            return None
        _, index, line = best
        return BalanceHit(
            self.totals.point(index), float(self._x[index]), self._value(line, index), line
        )

    def point_at(self, x: float, y: float) -> BalancePoint | None:
        """The exchange under the mouse (display pixels), or None."""
        hit = self.hit_at(x, y)
        return hit.point if hit else None

    def display_position(self, index: int, line: str = "balance") -> tuple[float, float]:
        """Where the ``index``-th exchange's marker on ``line`` is, in display pixels."""
        axes = self.balance_axes if line == "balance" else self.totals_axes
        x, y = axes.transData.transform((self._x[index], self._value(line, index)))
        return float(x), float(y)

    def highlight(self, hit: BalanceHit | None) -> None:
        """Ring the point under the mouse (None clears it)."""
        for mark in self.hover_marks.values():
            mark.set_data([], [])
        if hit is None:
            return
        axes = self.balance_axes if hit.line == "balance" else self.totals_axes
        mark = self.hover_marks[axes]
        mark.set_markeredgecolor(
            {"given": self.palette.given, "received": self.palette.received}.get(
                hit.line, self.palette.balance
            )
        )
        mark.set_data([hit.x], [hit.y])

    def _value(self, line: str, index: int) -> float:
        values = {"given": self._given, "received": self._received, "balance": self._balance}
        return float(values[line][index])

    # look -------------------------------------------------------------------------------

    def restyle(self, dark: bool) -> None:
        """Recolour every artist for the light or dark theme."""
        self.dark = dark
        palette = self.palette = colours(dark)
        style_figure(self.figure, palette)
        for axes in (self.totals_axes, self.balance_axes, self.months_axes):
            style_axes(axes, palette)
        self.months.restyle(palette)
        self.given_line.set_color(palette.given)
        self.received_line.set_color(palette.received)
        self.balance_line.set_color(palette.balance)
        self.given_marks.set_color(palette.given)
        self.received_marks.set_color(palette.received)
        self.balance_zero.set_color(palette.muted)
        self.message.set_color(palette.muted)
        style_legend(self.legend, palette)
        for handle, line in zip(
            self.legend.legend_handles,
            (self.given_line, self.received_line, self.balance_line),
            strict=True,
        ):
            handle.set_color(line.get_color())


def _signed(value: float, _position=None) -> str:
    return f"{value:+g}".replace("-", "\u2212") if value else "0"


def _days_in_month(month: dt.date) -> int:
    following = month.replace(year=month.year + 1, month=1) if month.month == 12 else None
    following = following or month.replace(month=month.month + 1)
    return (following - month.replace(day=1)).days
