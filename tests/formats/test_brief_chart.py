"""The brief's balance chart, painted by Qt: its steps, its ticks and its colours,
checked against hand-computed cases."""

from __future__ import annotations

import datetime as dt

from PySide6.QtGui import QColor

from tests.helpers.brief import ART
from winwin_desktop.analytics import BalancePoint
from winwin_desktop.formats.brief import chart
from winwin_desktop.formats.brief.pdf import FONT_FAMILIES

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
