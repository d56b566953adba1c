"""The brief's colours on paper: the status pills and the balance chart's.

The brief's chart itself is painted by the brief's PDF writer with Qt
(``formats.brief.chart``), which loads no matplotlib; the caller hands it these colours
in an ``Artwork``, so that the chart takes the same palette as every other chart. Plain
constants: importing this module loads neither matplotlib nor Qt.
"""

from __future__ import annotations

from winwin_desktop.charts.palette import LIGHT, STATUS_COLOUR, colours, text_on

_PAPER = "#ffffff"
_WINDOW_SHADE = "#eef1f5"


def chart_colours() -> dict[str, str]:
    """The balance chart's colours on white paper, by the names the writer asks for."""
    palette = colours(dark=False)
    return {
        "paper": _PAPER,
        "window": _WINDOW_SHADE,
        "text": palette.text,
        "muted": palette.muted,
        "grid": palette.grid,
        "spine": palette.spine,
        "given": palette.given,
        "received": palette.received,
    }


def status_pills() -> dict[str, tuple[str, str]]:
    """Each status's pill on paper: (background, text) colours."""
    return {status: (colour, text_on(colour)) for status, colour in STATUS_COLOUR[LIGHT].items()}
