"""The brief's balance chart, painted by Qt: its steps, its ticks and its colours,
checked against hand-computed cases."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtGui import QColor

from tests.helpers.brief import ART
from winwin_desktop.analytics import BalancePoint
from winwin_desktop.formats.brief import chart
from winwin_desktop.formats.brief.pdf import CHART_ASPECT, FONT_FAMILIES

TODAY = dt.date(2026, 12, 5)


def point(day: dt.date, given: int, received: int) -> BalancePoint:
    return BalancePoint(day, given, received, given - received, 1, "", 1, "given")


def test_each_day_closes_at_its_last_exchange_and_the_lines_end_at_today():
    points = [
        point(dt.date(2026, 3, 1), 2, 0),
        point(dt.date(2026, 3, 1), 2, 3),  # same day: only the day's close is a step
        point(dt.date(2026, 6, 1), 5, 3),
    ]
    data = chart.series(points, TODAY, 365)
    first, june = dt.date(2026, 3, 1).toordinal(), dt.date(2026, 6, 1).toordinal()
    end = TODAY.toordinal() + 1
    assert data.x == [first, first, june, end]
    assert data.given == [0, 2, 5, 5]
    assert data.received == [0, 3, 3, 3]
    assert data.top == 5
    # The history is shorter than the window: the axes show the window, a week before.
    assert data.left == end - 365 - 7
    assert (data.given_in_window, data.received_in_window) == (5, 3)


def test_window_totals_leave_out_what_came_before_the_window():
    points = [point(dt.date(2024, 1, 10), 4, 1), point(dt.date(2026, 11, 1), 7, 6)]
    data = chart.series(points, TODAY, 365)
    assert (data.given_in_window, data.received_in_window) == (3, 5)
    assert data.left == dt.date(2024, 1, 10).toordinal() - 7


def test_y_ticks_are_round_whole_numbers():
    assert chart.y_ticks(-0.8, 21.6) == [0, 5, 10, 15, 20]
    assert chart.y_ticks(-0.04, 1.08) == [0, 1]
    assert chart.y_ticks(-4, 108) == [0, 50, 100]


def test_x_ticks_are_month_starts_with_the_year_in_january():
    left = dt.date(2025, 10, 1).toordinal() - 7
    right = TODAY.toordinal() + 4
    assert [label for _, label in chart.x_ticks(left, right)] == [
        "Nov",
        "2026",
        "Mar",
        "May",
        "Jul",
        "Sep",
        "Nov",
    ]
    ten_years = chart.x_ticks(dt.date(2016, 6, 1).toordinal(), right)
    assert [label for _, label in ten_years] == ["2018", "2020", "2022", "2024", "2026"]


def test_the_picture_has_both_lines_in_their_colours_on_white_paper(qapp):
    points = [point(dt.date(2026, 3, 1), 2, 0), point(dt.date(2026, 6, 1), 2, 6)]
    image = chart.chart_image(points, TODAY, 365, 7, 1.33, 100, ART.chart, FONT_FAMILIES)
    assert (image.width(), image.height()) == (700, 133)
    colours = {image.pixelColor(x, y).name() for x in range(700) for y in range(133)}
    assert {ART.chart[key].lower() for key in ("paper", "given", "received")} <= colours
    assert image.pixelColor(0, 0) == QColor(ART.chart["paper"])


def lettering_at(image, columns: range, rows: range) -> list[tuple[int, int]]:
    """Where ``image`` has ink other than the paper in the given columns and rows."""
    paper = QColor(ART.chart["paper"])
    return [(x, y) for x in columns for y in rows if image.pixelColor(x, y) != paper]


@pytest.mark.parametrize("width_pt", [240, 300, 360, 495])
def test_on_a_narrow_screen_the_legend_and_month_labels_stay_whole(qapp, width_pt):
    """The Brief tab draws the chart as wide as its pane allows (down to 240 points, at
    one image pixel per screen pixel): the legend's second entry and the month labels
    under the plot must not run off the picture (they were cut at about 400 pixels)."""
    points = [
        point(dt.date(2025, 11, 2), 2, 0),
        point(dt.date(2026, 2, 20), 5, 8),
        point(dt.date(2026, 5, 14), 13, 18),
        point(dt.date(2026, 12, 1), 13, 20),
    ]
    width_in = width_pt / 72
    image = chart.chart_image(
        points, TODAY, 365, width_in, width_in * CHART_ASPECT, 96, ART.chart, FONT_FAMILIES
    )
    width, height = image.width(), image.height()
    # Nothing is painted in the last columns (past the plot's right edge) nor on the
    # bottom row: lettering that ran past the picture would be cut there.
    assert lettering_at(image, range(width - 2, width), range(height)) == []
    assert lettering_at(image, range(width), range(height - 1, height)) == []
    # The month labels are under the plot, whole: ink below the plot's axis.
    axis_row = max(
        y
        for y in range(height)
        if len(lettering_at(image, range(width), range(y, y + 1))) > width // 2
    )
    assert height - axis_row > 12  # room under the axis for the labels, and they are there
    assert lettering_at(image, range(width), range(axis_row + 6, height - 1))


def test_a_short_chart_has_fewer_labels_up_its_side():
    assert chart.y_ticks(-0.8, 21.6, most=3) == [0, 10, 20]
    assert chart.y_ticks(-0.8, 21.6, most=2) == [0, 20]
