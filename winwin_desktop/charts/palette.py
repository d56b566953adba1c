"""Chart colours: Okabe–Ito (colour-blind safe), in a light and a dark variant.

Plain constants, no matplotlib and no Qt, so the widgets can colour a status badge
without loading matplotlib. Given and received take their colours from
``winwin_desktop/colours.py``, as the window and the brief do.
"""

from __future__ import annotations

from dataclasses import dataclass

from winwin_desktop.analytics import NEW, QUIET, STATUSES, WIN_WIN, YOU_GIVE_MORE, YOU_TAKE_MORE
from winwin_desktop.colours import DARK, GIVEN_COLOUR, LIGHT, RECEIVED_COLOUR

# A one-sided relationship takes the colour of the side that dominates it, so a blue
# dot reads "given more" and an orange one "received more", as on every other chart.
STATUS_COLOUR = {
    LIGHT: {
        NEW: "#CC79A7",
        WIN_WIN: "#009E73",
        YOU_GIVE_MORE: GIVEN_COLOUR[LIGHT],
        YOU_TAKE_MORE: RECEIVED_COLOUR[LIGHT],
        QUIET: "#8C8C8C",
    },
    DARK: {
        NEW: "#CC79A7",
        WIN_WIN: "#009E73",
        YOU_GIVE_MORE: GIVEN_COLOUR[DARK],
        YOU_TAKE_MORE: RECEIVED_COLOUR[DARK],
        QUIET: "#8A9099",
    },
}


@dataclass(frozen=True)
class Colours:
    """Every colour one chart needs, for one theme."""

    figure: str  # behind the axes, the window's background
    axes: str  # inside the axes, the background of lists and text fields
    text: str
    muted: str  # tick labels, captions
    grid: str
    spine: str
    given: str
    received: str
    balance: str
    band: str  # the win-win band on the overview
    status: dict[str, str]


_LIGHT = Colours(
    figure="#f4f5f7",
    axes="#ffffff",
    text="#1d2026",
    muted="#5b616b",
    grid="#e3e6ea",
    spine="#c9cdd3",
    given=GIVEN_COLOUR[LIGHT],
    received=RECEIVED_COLOUR[LIGHT],
    balance="#1d2026",
    band="#009E73",
    status=STATUS_COLOUR[LIGHT],
)

_DARK = Colours(
    figure="#202328",
    axes="#17191d",
    text="#e6e8eb",
    muted="#a3a9b2",
    grid="#2c3036",
    spine="#3a3f46",
    given=GIVEN_COLOUR[DARK],
    received=RECEIVED_COLOUR[DARK],
    balance="#e6e8eb",
    band="#009E73",
    status=STATUS_COLOUR[DARK],
)


def colours(dark: bool) -> Colours:
    return _DARK if dark else _LIGHT


def status_colour(status: str, dark: bool) -> str:
    if status not in STATUSES:
        raise ValueError(f"Unknown status {status!r}; expected one of {', '.join(STATUSES)}.")
    return STATUS_COLOUR[DARK if dark else LIGHT][status]


def text_on(background: str) -> str:
    """Black or white, whichever reads better on ``background`` (a ``#rrggbb`` colour)."""
    red, green, blue = (int(background[i : i + 2], 16) / 255 for i in (1, 3, 5))

    def linear(channel: float) -> float:
        return channel / 12.92 if channel <= 0.04045 else ((channel + 0.055) / 1.055) ** 2.4

    luminance = 0.2126 * linear(red) + 0.7152 * linear(green) + 0.0722 * linear(blue)
    # Contrast against white is (1.05)/(L+0.05), against black (L+0.05)/0.05: pick the larger.
    return "#000000" if (luminance + 0.05) / 0.05 > 1.05 / (luminance + 0.05) else "#ffffff"


def style_figure(figure, colours: Colours) -> None:
    """Colour a figure's background (duck-typed: no matplotlib import here)."""
    figure.set_facecolor(colours.figure)


def style_axes(axes, colours: Colours) -> None:
    """Background, spines, ticks, labels and grid of one ``Axes`` in the theme's colours."""
    axes.set_facecolor(colours.axes)
    for side, spine in axes.spines.items():
        spine.set_color(colours.spine)
        spine.set_visible(side in ("left", "bottom"))
    axes.tick_params(colors=colours.muted, which="both")
    axes.xaxis.label.set_color(colours.text)
    axes.yaxis.label.set_color(colours.text)
    axes.title.set_color(colours.text)
    axes.grid(True, color=colours.grid, linewidth=0.8)
    axes.set_axisbelow(True)
    legend = axes.get_legend()
    if legend is not None:
        style_legend(legend, colours)


def style_legend(legend, colours: Colours) -> None:
    for text in legend.get_texts():
        text.set_color(colours.text)
