"""The brief's balance chart: running totals of points given and received, for paper.

A small static figure, unlike the Balance tab's interactive one: white background,
two step lines ending at today, the review window shaded, the window's totals in the
legend (the same figures as the text beside it). Sized
in inches by the caller so that it fills the printed page's width.

Importing this module is cheap: matplotlib and numpy load when a chart is drawn. The
brief's writers (``formats.brief``) are handed :func:`chart_png` and
:func:`status_pills` by their caller.
"""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Sequence
from typing import TYPE_CHECKING

from winwin_desktop.analytics import BalancePoint, describe_window
from winwin_desktop.charts.palette import LIGHT, STATUS_COLOUR, colours, style_axes, text_on
from winwin_desktop.text import plural

if TYPE_CHECKING:
    from matplotlib.figure import Figure

_PAPER = "#ffffff"
_WINDOW_SHADE = "#eef1f5"


def preload() -> None:
    """Import what drawing a chart needs (matplotlib, numpy): called on a thread of its
    own by the command line while the journal is read and Qt starts."""
    import matplotlib.backends.backend_agg  # noqa: F401 (savefig's PNG writer)
    import matplotlib.dates  # noqa: F401
    import matplotlib.figure  # noqa: F401
    import matplotlib.ticker  # noqa: F401


def brief_figure(
    points: Sequence[BalancePoint],
    today: dt.date,
    window_days: int,
    width_in: float,
    height_in: float,
) -> Figure:
    """Running totals given and received from the first exchange to ``today``, the last
    ``window_days`` shaded."""
    import numpy as np
    from matplotlib.dates import AutoDateLocator, ConciseDateFormatter, date2num
    from matplotlib.figure import Figure
    from matplotlib.ticker import FuncFormatter, MaxNLocator

    palette = colours(dark=False)
    figure = Figure(figsize=(width_in, height_in), facecolor=_PAPER)
    axes = figure.add_subplot()
    style_axes(axes, palette)
    axes.set_facecolor(_PAPER)
    axes.tick_params(labelsize=8)

    end = date2num(np.datetime64(today, "D")) + 1
    if points:
        # Each day's closing totals, from zero on the first day to today's level.
        days = date2num(np.array([p.day for p in points], dtype="datetime64[D]"))
        closing = np.r_[days[1:] != days[:-1], True]
        given_after = np.fromiter((p.cumulative_given for p in points), float, len(points))
        received_after = np.fromiter((p.cumulative_received for p in points), float, len(points))
        x = np.r_[days[0], days[closing], max(end, days[-1])]
        given = np.r_[0.0, given_after[closing], given_after[-1]]
        received = np.r_[0.0, received_after[closing], received_after[-1]]
        start = days[0]
    else:
        x = given = received = np.empty(0)
        start = end - window_days
    last_given = int(given[-1]) if len(given) else 0
    last_received = int(received[-1]) if len(received) else 0
    window = describe_window(window_days)
    given_window, received_window = _window_totals(points, today, window_days)
    axes.step(x, given, where="post", color=palette.given, linewidth=1.8)
    axes.step(x, received, where="post", color=palette.received, linewidth=1.8)
    for colour, verb, value in (
        (palette.given, "given", given_window),
        (palette.received, "received", received_window),
    ):
        axes.plot(
            [],
            [],
            color=colour,
            linewidth=1.8,
            label=f"{verb}: {plural(value, 'point')} in {window}",
        )

    window_start = end - window_days
    left = min(start, window_start) - 7
    axes.axvspan(max(window_start, left), end, color=_WINDOW_SHADE, zorder=0, linewidth=0)
    axes.text(
        end - 4,
        0.97,
        window.removeprefix("the "),
        transform=axes.get_xaxis_transform(),
        fontsize=7.5,
        color=palette.muted,
        ha="right",
        va="top",
    )
    axes.set_xlim(left, end + 3)
    top = max(last_given, last_received, 1)
    # A little room below zero keeps a line that stays at zero clear of the axis.
    axes.set_ylim(-top * 0.04, top * 1.25)
    axes.yaxis.set_major_locator(MaxNLocator(nbins=4, integer=True))
    axes.yaxis.set_major_formatter(FuncFormatter(lambda value, _: f"{value:,.0f}"))
    locator = AutoDateLocator(minticks=3, maxticks=8)
    axes.xaxis.set_major_locator(locator)
    axes.xaxis.set_major_formatter(ConciseDateFormatter(locator))
    legend = axes.legend(loc="upper left", frameon=False, fontsize=8, borderaxespad=0.2)
    for text in legend.get_texts():
        text.set_color(palette.text)
    # Room for the tick labels; fixed so the chart looks the same for everyone.
    figure.subplots_adjust(left=0.08, right=0.985, top=0.96, bottom=0.16)
    return figure


def chart_png(
    points: Sequence[BalancePoint],
    today: dt.date,
    window_days: int,
    width_in: float,
    height_in: float,
    dpi: int,
) -> bytes:
    """:func:`brief_figure` as PNG bytes at ``dpi``."""
    buffer = io.BytesIO()
    brief_figure(points, today, window_days, width_in, height_in).savefig(
        buffer, format="png", dpi=dpi, facecolor=_PAPER
    )
    return buffer.getvalue()


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


def status_pills() -> dict[str, tuple[str, str]]:
    """Each status's pill on paper: (background, text) colours."""
    return {status: (colour, text_on(colour)) for status, colour in STATUS_COLOUR[LIGHT].items()}
