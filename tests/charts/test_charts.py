"""The charts draw the analytics' numbers: every value is read back from the artists."""

from __future__ import annotations

import datetime as dt
import random

import numpy as np
import pytest
from matplotlib.backend_bases import MouseEvent
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.colors import to_hex

from tests.helpers.journals import build_demo_journal, open_again
from winwin_desktop.analytics import (
    GIVEN,
    NEW,
    QUIET,
    RECEIVED,
    STATUSES,
    WIN_WIN,
    YOU_GIVE_MORE,
    YOU_TAKE_MORE,
    ExchangeRecord,
    StatusRules,
    category_totals,
    cumulative_series,
    monthly_series,
    person_balances,
    window_first_day,
)
from winwin_desktop.charts import BalanceChart, CategoryChart, NetworkChart, OverviewChart, palette
from winwin_desktop.charts.balance_chart import day_numbers, thin_indices
from winwin_desktop.store import close_journal

# The charts of a demo journal run against both kinds of journal; the rest read no journal.
pytestmark = pytest.mark.both_journal_kinds

TODAY = dt.date(2026, 5, 15)
RULES = StatusRules()


def record(day, direction, points, interaction_id, person_id=1, category="advice", title=""):
    return ExchangeRecord(
        person_id=person_id,
        day=dt.date.fromisoformat(day) if isinstance(day, str) else day,
        direction=direction,
        points=points,
        category=category,
        interaction_id=interaction_id,
        title=title or f"Meeting {interaction_id}",
    )


# One person over five months; 2026-03-02 has value both ways in one meeting.
RECORDS = [
    record("2026-01-10", GIVEN, 3, 1, title="Intro call"),
    record("2026-01-24", RECEIVED, 2, 2, title="Coffee"),
    record("2026-03-02", GIVEN, 4, 3, title="Workshop"),
    record("2026-03-02", RECEIVED, 4, 3, title="Workshop"),
    record("2026-04-18", RECEIVED, 1, 4, title="Thank-you note"),
    record("2026-05-05", GIVEN, 2, 5, title="Referral"),
]


def drawn(chart, width=8.0, height=5.5):
    """Attach an off-screen canvas of the given size (inches at 100 dpi) and draw."""
    canvas = FigureCanvasAgg(chart.figure)
    chart.figure.set_size_inches(width, height)
    canvas.draw()
    return canvas


def bar_heights(bars) -> list[float]:
    """The heights of a month chart's bars (rectangles from 0: the second vertex is the
    top left corner)."""
    return [float(path.vertices[1, 1]) for path in bars.get_paths()]


@pytest.fixture(scope="module")
def demo_file(tmp_path_factory, passphrase):
    path = build_demo_journal(tmp_path_factory.mktemp("demo") / "demo.db", passphrase, today=TODAY)
    close_journal()
    return path


@pytest.fixture
def demo_journal(demo_file, passphrase):
    """The demo journal, open (the charts only read it)."""
    from winwin_desktop.journal import balance, people

    open_again(demo_file, passphrase)
    yield balance, people
    close_journal()


# palette ---------------------------------------------------------------------------------


def test_given_and_received_colours_are_the_themes_own():
    from winwin_desktop.ui import theme

    assert palette.GIVEN_COLOUR == theme.GIVEN_COLOUR
    assert palette.RECEIVED_COLOUR == theme.RECEIVED_COLOUR
    assert palette.GIVEN_COLOUR == {"light": "#0072B2", "dark": "#56B4E9"}
    assert palette.RECEIVED_COLOUR == {"light": "#D55E00", "dark": "#E69F00"}


@pytest.mark.parametrize("dark", [False, True])
def test_every_status_has_its_own_colour(dark):
    colours = [palette.status_colour(status, dark) for status in STATUSES]
    assert len(set(colours)) == len(STATUSES)
    assert palette.status_colour(YOU_GIVE_MORE, dark) == palette.colours(dark).given
    assert palette.status_colour(YOU_TAKE_MORE, dark) == palette.colours(dark).received


def test_badge_text_is_readable_on_its_background():
    assert palette.text_on("#000000") == "#ffffff"
    assert palette.text_on("#ffffff") == "#000000"
    assert palette.text_on(palette.status_colour(WIN_WIN, False)) == "#000000"


# the balance chart -----------------------------------------------------------------------


def closing_points(records):
    """The analytics' running totals at the end of each day, as the lines draw them."""
    series = cumulative_series(records)
    return [p for i, p in enumerate(series) if i + 1 == len(series) or series[i + 1].day != p.day]


def test_balance_lines_are_the_running_totals_of_the_analytics():
    chart = BalanceChart()
    chart.update(RECORDS, end=TODAY)
    closing = closing_points(RECORDS)

    x = chart.given_line.get_xdata()
    # Zero on the first exchange's day, each day's closing totals, then held until today.
    assert list(x[1:-1]) == list(day_numbers([p.day for p in closing]))
    assert x[0] == x[1]
    assert x[-1] == day_numbers([TODAY])[0] + 1
    assert list(chart.given_line.get_ydata()) == [0, *(p.cumulative_given for p in closing), 9]
    assert list(chart.received_line.get_ydata()) == [
        0,
        *(p.cumulative_received for p in closing),
        7,
    ]
    assert list(chart.balance_line.get_ydata()) == [0, 3, 1, 1, 0, 2, 2]
    assert [p.balance for p in closing] == [3, 1, 1, 0, 2]
    # The workshop (4 given, 4 received) shows its closing balance, no spike up to +5.
    assert 5 not in list(chart.balance_line.get_ydata())


def test_monthly_bars_are_the_monthly_series_given_up_received_down():
    chart = BalanceChart()
    chart.update(RECORDS, end=TODAY)
    months = monthly_series(RECORDS, end=TODAY)
    assert [m.month for m in months] == [dt.date(2026, m, 1) for m in range(1, 6)]
    assert bar_heights(chart.months.given) == [m.given for m in months] == [3, 0, 4, 0, 2]
    assert bar_heights(chart.months.received) == [-m.received for m in months]
    assert bar_heights(chart.months.received) == [-2, 0, -4, -1, 0]


def test_markers_sit_on_each_exchange():
    chart = BalanceChart()
    chart.update(RECORDS, end=TODAY)
    series = cumulative_series(RECORDS)
    given = [p for p in series if p.direction == GIVEN]
    assert list(chart.given_marks.get_xdata()) == list(day_numbers([p.day for p in given]))
    assert list(chart.given_marks.get_ydata()) == [p.cumulative_given for p in given]
    received = [p for p in series if p.direction == RECEIVED]
    assert list(chart.received_marks.get_ydata()) == [p.cumulative_received for p in received]


def test_a_range_moves_the_x_limits_and_keeps_the_carried_in_totals():
    chart = BalanceChart()
    chart.update(RECORDS, end=TODAY)
    whole = chart.totals_axes.get_xlim()
    start = dt.date(2026, 3, 1)
    chart.update(RECORDS, start=start, end=TODAY)
    assert chart.totals_axes.get_xlim() == (day_numbers([start])[0], day_numbers([TODAY])[0] + 1)
    assert whole[0] < day_numbers([RECORDS[0].day])[0]
    # Bars only for the months shown; the lines start from the totals before the range.
    assert bar_heights(chart.months.given) == [4, 0, 2]
    assert chart.given_line.get_ydata()[0] == 3
    assert chart.received_line.get_ydata()[0] == 2


def test_update_reuses_the_artists():
    chart = BalanceChart()
    chart.update(RECORDS, end=TODAY)
    lines = (chart.given_line, chart.received_line, chart.balance_line)
    bars = chart.months.given
    chart.update(RECORDS[:4], end=TODAY)
    assert (chart.given_line, chart.received_line, chart.balance_line) == lines
    assert chart.months.given is bars  # still five months
    assert chart.totals_axes.lines.count(chart.given_line) == 1
    assert len(chart.months_axes.collections) == 2  # given and received, not one more


def test_a_long_history_is_thinned_to_what_the_plot_can_show():
    rng = random.Random(3)
    records = sorted(
        (
            record(
                TODAY - dt.timedelta(days=rng.randrange(1000)),
                rng.choice((GIVEN, RECEIVED)),
                rng.randint(1, 5),
                i,
            )
            for i in range(6000)
        ),
        key=lambda r: r.day,
    )
    chart = BalanceChart()
    drawn(chart, width=6, height=4)
    chart.update(records, end=TODAY)
    width = chart.totals_axes.bbox.width
    drawn_x = chart.balance_line.get_xdata()
    assert len(drawn_x) <= 2 * width
    closing = closing_points(records)
    balances = [p.balance for p in closing]
    # The line starts from zero, then every peak and trough of the balance survives.
    assert max(chart.balance_line.get_ydata()) == max(0, *balances)
    assert min(chart.balance_line.get_ydata()) == min(0, *balances)
    assert chart.given_line.get_ydata()[-1] == closing[-1].cumulative_given
    assert chart.received_line.get_ydata()[-1] == closing[-1].cumulative_received
    # The markers give way to the line when there are too many to read.
    assert len(chart.given_marks.get_xdata()) == 0


def test_thinning_keeps_ends_and_extremes_of_every_column():
    x = np.arange(100, dtype=float)
    y = np.zeros(100)
    y[37], y[38] = 9, -9
    keep = thin_indices(x, y, 10)
    assert {0, 99, 37, 38} <= set(keep)
    assert len(keep) <= 40
    assert list(keep) == sorted(set(keep))


def test_the_point_under_the_mouse_is_that_exchange():
    chart = BalanceChart()
    drawn(chart)
    chart.update(RECORDS, end=TODAY)
    chart.figure.canvas.draw()
    series = cumulative_series(RECORDS)
    workshop_received = 3
    x, y = chart.display_position(workshop_received, "received")
    found = chart.point_at(x + 2, y - 2)
    assert found == series[workshop_received]
    assert (found.interaction_id, found.title, found.points) == (3, "Workshop", 4)
    x, y = chart.display_position(0, "given")
    assert chart.point_at(x, y).title == "Intro call"
    # Far from every point, and outside the axes: nothing.
    left, bottom = chart.totals_axes.bbox.x0, chart.totals_axes.bbox.y0
    assert chart.point_at(left + 300, bottom + 200) is None
    assert chart.point_at(1, 1) is None


def test_an_empty_history_draws_nothing():
    chart = BalanceChart()
    chart.update([], end=TODAY)
    drawn(chart)
    assert len(chart.given_line.get_xdata()) == 0
    assert chart.months.given is None or bar_heights(chart.months.given) == []
    assert chart.point_at(100, 100) is None


def test_dark_theme_recolours_the_chart():
    chart = BalanceChart(dark=False)
    assert to_hex(chart.figure.get_facecolor()) == palette.colours(False).figure
    chart.restyle(dark=True)
    dark = palette.colours(True)
    assert to_hex(chart.figure.get_facecolor()) == dark.figure
    assert to_hex(chart.totals_axes.get_facecolor()) == dark.axes
    assert chart.given_line.get_color() == dark.given
    assert chart.received_line.get_color() == dark.received
    assert [to_hex(t.get_color()) for t in chart.legend.get_texts()] == [dark.text] * 3


def test_the_balance_chart_of_a_demo_person(demo_journal):
    balance, people = demo_journal
    person = people.find_person("Zoë Brontë-Nuñez")
    records = balance.exchange_records([person.id])
    chart = BalanceChart()
    chart.update(records, end=TODAY)
    closing = closing_points(records)
    assert list(chart.given_line.get_ydata()[1:-1]) == [p.cumulative_given for p in closing]
    assert list(chart.balance_line.get_ydata()[1:-1]) == [p.balance for p in closing]
    months = monthly_series(records, end=TODAY)
    assert bar_heights(chart.months.given) == [m.given for m in months]
    assert bar_heights(chart.months.received) == [-m.received for m in months]


# the overview ----------------------------------------------------------------------------


def test_one_dot_per_person_at_given_and_received_in_the_window(demo_journal):
    balance, people = demo_journal
    balances = balance.balances(TODAY)
    names = dict(people.people_names())
    chart = OverviewChart()
    chart.update(balances, names, balance.status_rules())

    offsets = chart.dots.get_offsets()
    assert sorted(chart.person_ids) == sorted(balances)
    for person_id, (x, y) in zip(chart.person_ids, offsets, strict=True):
        assert (x, y) == (balances[person_id].given_window, balances[person_id].received_window)
    colours = [to_hex(c).upper() for c in chart.dots.get_facecolors()]
    expected = [
        palette.status_colour(balances[pid].status, False).upper() for pid in chart.person_ids
    ]
    assert colours == expected
    # Every status occurs in the demo, and the legend counts them.
    counts = {s: sum(b.status == s for b in balances.values()) for s in STATUSES}
    assert all(counts.values())
    assert [t.get_text() for t in chart.legend.get_texts()] == [
        f"{s} ({counts[s]})" for s in STATUSES
    ]


def test_more_exchanges_make_bigger_dots():
    balances = {
        pid: person_balances(
            [record(TODAY, GIVEN, 1, i, person_id=pid) for i in range(count)], TODAY, RULES
        )[pid]
        for pid, count in ((1, 1), (2, 10), (3, 40))
    }
    chart = OverviewChart()
    chart.update(balances, {1: "A", 2: "B", 3: "C"}, RULES)
    size = dict(zip(chart.person_ids, chart.dots.get_sizes(), strict=True))
    assert size[1] < size[2] < size[3]


@pytest.mark.parametrize("ratio", [2.5, 4.0])
def test_the_win_win_band_follows_the_ratio(ratio):
    rules = StatusRules(ratio=ratio)
    balances = person_balances(
        [record(TODAY, GIVEN, 5, 1), record(TODAY, RECEIVED, 3, 2), record(TODAY, GIVEN, 4, 3)],
        TODAY,
        rules,
    )
    chart = OverviewChart()
    chart.update(balances, {1: "Ada"}, rules)
    lower_x, lower_y = chart.band_lower.get_data()
    upper_x, upper_y = chart.band_upper.get_data()
    assert lower_y[0] == lower_x[0] == 0
    assert lower_y[-1] / lower_x[-1] == pytest.approx(1 / ratio)
    assert upper_y[-1] / upper_x[-1] == pytest.approx(ratio)
    corners = chart.band.get_xy()
    slopes = sorted(y / x for x, y in corners if x)
    assert slopes[0] == pytest.approx(1 / ratio)
    assert slopes[-1] == pytest.approx(ratio)
    # The band reaches past the visible corner, so it is never cut short.
    assert lower_x[-1] > chart.axes.get_xlim()[1]


def test_a_pick_on_a_dot_names_that_person():
    balances = person_balances(
        [
            record(TODAY, GIVEN, 5, 1, person_id=7),
            record(TODAY, RECEIVED, 5, 2, person_id=8),
            record(TODAY, RECEIVED, 2, 3, person_id=8),
        ],
        TODAY,
        RULES,
    )
    chart = OverviewChart()
    canvas = drawn(chart)
    chart.update(balances, {7: "Ada", 8: "Bo"}, RULES)
    canvas.draw()
    picked = []
    canvas.mpl_connect("pick_event", lambda event: picked.append(chart.person_for_pick(event)))
    for person_id in (8, 7):
        x, y = chart.display_position(person_id)
        chart.figure.pick(MouseEvent("button_press_event", canvas, x + 1, y, button=1))
        assert chart.people_at(x + 1, y) == [person_id]
    assert picked == [8, 7]


def test_no_dots_shows_a_message():
    chart = OverviewChart()
    chart.update({}, {}, RULES, empty_message="Nobody tagged “press” has exchanges.")
    assert len(chart.dots.get_offsets()) == 0
    assert chart.message.get_text() == "Nobody tagged “press” has exchanges."
    assert chart.people_at(10, 10) == []


def test_the_status_legend_and_band_use_the_dark_theme():
    chart = OverviewChart(dark=True)
    chart.update(
        person_balances([record(TODAY, GIVEN, 2, i) for i in range(4)], TODAY, RULES),
        {1: "Ada"},
        RULES,
    )
    assert [to_hex(c).upper() for c in chart.dots.get_facecolors()] == [
        palette.status_colour(YOU_GIVE_MORE, True).upper()
    ]
    handles = [to_hex(h.get_color()).upper() for h in chart.legend.legend_handles]
    assert handles == [palette.status_colour(s, True).upper() for s in STATUSES]
    assert to_hex(chart.figure.get_facecolor()) == palette.colours(True).figure


def test_new_and_quiet_people_get_their_own_colours():
    old = TODAY - dt.timedelta(days=500)
    balances = person_balances(
        [record(TODAY, GIVEN, 1, 1, person_id=1)]
        + [record(old, GIVEN, 1, i, person_id=2) for i in range(2, 6)],
        TODAY,
        RULES,
    )
    assert {b.status for b in balances.values()} == {NEW, QUIET}
    chart = OverviewChart()
    chart.update(balances, {1: "Ada", 2: "Bo"}, RULES)
    colour = {
        pid: to_hex(c).upper()
        for pid, c in zip(chart.person_ids, chart.dots.get_facecolors(), strict=True)
    }
    assert colour == {
        1: palette.status_colour(NEW, False).upper(),
        2: palette.status_colour(QUIET, False).upper(),
    }


# categories and the network --------------------------------------------------------------


def test_category_bars_diverge_given_right_received_left(demo_journal):
    balance, _ = demo_journal
    records = balance.exchange_records()
    totals = category_totals(records, TODAY, RULES)
    chart = CategoryChart()
    chart.update(totals, "the last 12 months")
    assert set(chart.categories) == set(totals)
    by_size = sorted(totals, key=lambda c: -sum(totals[c]))
    assert [sum(totals[c]) for c in chart.categories] == [sum(totals[c]) for c in by_size]
    given = [p.get_width() for p in chart.given.patches]
    received = [p.get_width() for p in chart.received.patches]
    assert given == [totals[c][0] for c in chart.categories]
    # Received bars point left from zero, given bars right: balanced ones mirror.
    assert received == [-totals[c][1] for c in chart.categories]
    assert {p.get_x() for p in chart.received.patches + chart.given.patches} == {0}
    low, high = chart.axes.get_xlim()
    assert low == -high
    assert [t.get_text() for t in chart.axes.get_yticklabels()] == chart.categories


def test_category_update_reuses_bars_when_the_categories_are_the_same():
    chart = CategoryChart()
    chart.update({"advice": (3, 1), "gift": (1, 1)})
    bars = chart.given
    chart.update({"advice": (5, 0), "gift": (2, 2)})
    assert chart.given is bars
    assert [p.get_width() for p in chart.given.patches] == [5, 2]
    chart.update({"advice": (5, 0)})
    assert [p.get_width() for p in chart.given.patches] == [5]


@pytest.mark.parametrize("chart_class", [CategoryChart, NetworkChart])
def test_the_title_and_the_legend_share_their_row_without_overlapping(chart_class):
    chart = chart_class()
    if chart_class is CategoryChart:
        chart.update({"endorsement": (30, 27), "introduction": (47, 41), "gift": (16, 13)})
    else:
        months = monthly_series([], start=dt.date(2026, 1, 1), end=dt.date(2026, 12, 5))
        chart.update(months, "Whole network, per month")
    # The width the Overview gives each lower chart in a 1280-pixel window (about 470 px).
    from matplotlib.backends.backend_agg import FigureCanvasAgg

    chart.figure.set_size_inches(4.7, 2.2)
    renderer = FigureCanvasAgg(chart.figure).get_renderer()
    chart.figure.draw(renderer)
    title = chart.title.get_window_extent(renderer)
    legend = chart.legend.get_window_extent(renderer)
    assert title.x1 <= legend.x0 or title.y1 <= legend.y0 or legend.y1 <= title.y0


def test_network_bars_are_the_whole_networks_months(demo_journal):
    balance, _ = demo_journal
    records = balance.exchange_records()
    months = monthly_series(records, start=window_first_day(TODAY, RULES), end=TODAY)
    chart = NetworkChart()
    chart.update(months)
    assert len(months) == 13
    assert not chart.partial  # no day given: every month is whole
    assert bar_heights(chart.bars.given) == [m.given for m in months]
    assert bar_heights(chart.bars.received) == [-m.received for m in months]
    assert sum(m.given for m in months) == sum(
        r.points for r in records if r.direction == GIVEN and r.day >= months[0].month
    )


def test_a_heavy_tail_compresses_the_axes_and_keeps_the_band():
    from winwin_desktop.charts.overview_chart import overview_scale

    few = np.array([0, 3, 5, 8, 12, 20, 30])
    assert overview_scale(few) == "linear"
    heavy = np.r_[np.arange(1, 200) % 15, [4000, 2500]]
    assert overview_scale(heavy) == "asinh"

    records = [record(TODAY, GIVEN, 5, i, person_id=1) for i in range(400)]
    records += [record(TODAY, RECEIVED, 5, 1000 + i, person_id=1) for i in range(300)]
    for person_id in range(2, 40):
        records += [
            record(TODAY, GIVEN, 2, 2000 + person_id, person_id=person_id),
            record(TODAY, RECEIVED, 3, 3000 + person_id, person_id=person_id),
            record(TODAY, RECEIVED, 1, 4000 + person_id, person_id=person_id),
        ]
    balances = person_balances(records, TODAY, RULES)
    chart = OverviewChart()
    chart.update(balances, {}, RULES)
    assert chart.scale == "asinh"
    assert chart.axes.get_xscale() == chart.axes.get_yscale() == "asinh"
    x, y = chart.band_upper.get_data()
    assert np.allclose(y[1:] / x[1:], RULES.ratio)
    # Back to a plain scale when the tail is gone.
    chart.update({pid: b for pid, b in balances.items() if pid != 1}, {}, RULES)
    assert chart.axes.get_xscale() == "linear"


def test_the_month_under_way_is_marked_and_the_axis_ends_with_the_data():
    from winwin_desktop.analytics import MonthPoint

    months = [MonthPoint(dt.date(2026, m, 1), 5, 3, 0, 0, 0) for m in range(1, 13)]
    chart = NetworkChart()
    chart.update(months, today=dt.date(2026, 12, 5))
    assert chart.partial and chart.so_far.get_text() == "so far"
    alphas = chart.bars.given.get_facecolor()[:, 3]
    assert alphas[-1] < 1 and (alphas[:-1] == 1).all()
    FigureCanvasAgg(chart.figure).draw()
    labels = [t.get_text() for t in chart.axes.get_xticklabels()]
    assert "2027" not in labels
    chart.update(months, today=dt.date(2026, 12, 31))
    assert not chart.partial and chart.so_far.get_text() == ""


def test_outliers_are_named_and_stacked_dots_counted():
    from winwin_desktop.charts.overview_chart import outlier_indices, stacked_spots

    given = np.array([0.0, 0, 0, 30, 5, 12, 2])
    received = np.array([0.0, 0, 0, 1, 5, 10, 40])
    assert stacked_spots(given, received) == [(0.0, 0.0, 3)]
    # Outside the band and lopsided first (the 2-vs-40 and the 30-vs-1), then the busiest.
    assert outlier_indices(given, received, 2.5, 3) == [6, 3, 5]


def overlapping_labels(chart, canvas) -> list[tuple[str, str]]:
    """Pairs of labels drawn on ``chart`` whose boxes overlap."""
    renderer = canvas.get_renderer()
    boxes = [
        (label.get_text(), label.get_window_extent(renderer)) for label in chart.drawn_labels()
    ]
    return [
        (first, second)
        for n, (first, box) in enumerate(boxes)
        for second, other in boxes[n + 1 :]
        if box.overlaps(other)
    ]


def outside_the_axes(chart, canvas) -> list[str]:
    renderer = canvas.get_renderer()
    frame = chart.axes.bbox
    return [
        label.get_text()
        for label in chart.drawn_labels()
        if not frame.contains(*label.get_window_extent(renderer).p0)
        or not frame.contains(*label.get_window_extent(renderer).p1)
    ]


def covered_dots(chart, canvas) -> list[str]:
    """Labels whose box has a dot's centre inside it."""
    renderer = canvas.get_renderer()
    centres = chart.axes.transData.transform(chart.dots.get_offsets())
    covered = []
    for label in chart.drawn_labels():
        box = label.get_window_extent(renderer)
        inside = (
            (centres[:, 0] >= box.x0)
            & (centres[:, 0] <= box.x1)
            & (centres[:, 1] >= box.y0)
            & (centres[:, 1] <= box.y1)
        )
        if inside.any():
            covered.append(label.get_text())
    return covered


@pytest.mark.parametrize("size", [(7.3, 3.9), (8.5, 4.6), (5.0, 3.2)])
def test_the_demo_overview_names_its_outliers_without_overlapping_labels(demo_journal, size):
    from winwin_desktop.charts.overview_chart import NAMED_OUTLIERS

    balance, people = demo_journal
    chart = OverviewChart()
    chart.update(balance.balances(TODAY), dict(people.people_names()), balance.status_rules())
    canvas = drawn(chart, *size)
    assert len(chart.labelled_names()) == NAMED_OUTLIERS
    assert chart.stack_counts()  # several quiet people sit at 0, 0
    assert overlapping_labels(chart, canvas) == []
    assert outside_the_axes(chart, canvas) == []
    # There is room beside every dot of the demo: no name hides a dot.
    assert covered_dots(chart, canvas) == []
    # The person chosen in the list is named in bold, once, clear of the others.
    chosen = chart.person_ids[chart.dots.get_sizes().argmax()]
    chart.select(int(chosen))
    canvas.draw()
    drawn_texts = [label.get_text() for label in chart.drawn_labels()]
    assert drawn_texts.count(chart.name_of(int(chosen))) == 1
    assert overlapping_labels(chart, canvas) == []


def crowded_balances(count: int, seed: int = 7) -> dict:
    """``count`` people on a few spots, with a tight knot of one-sided ones in a corner."""
    from winwin_desktop.analytics import balance_from_counts

    rng = np.random.default_rng(seed)
    given = rng.integers(0, 12, count)
    received = rng.integers(0, 12, count)
    given[:8], received[:8] = 60 + np.arange(8), 1  # eight lopsided dots, side by side
    return {
        pid: balance_from_counts(
            pid,
            RULES,
            exchanges=int(g + r) or 1,
            exchanges_window=int(g + r) or 1,
            given_window=int(g),
            received_window=int(r),
            given_total=int(g),
            received_total=int(r),
        )
        for pid, (g, r) in enumerate(zip(given, received, strict=True), start=1)
    }


@pytest.mark.parametrize("size", [(7.3, 3.9), (4.0, 2.6)])
def test_a_crowded_overview_counts_only_the_biggest_stacks_and_no_label_overlaps(size):
    from winwin_desktop.charts.overview_chart import COUNTED_STACKS

    balances = crowded_balances(3000)
    chart = OverviewChart()
    chart.update(balances, {pid: f"Person {pid} Example" for pid in balances}, RULES)
    canvas = drawn(chart, *size)
    counts = [int(text.lstrip("×")) for text in chart.stack_counts()]
    assert 0 < len(counts) <= COUNTED_STACKS
    spots = {}
    for b in balances.values():
        spots[b.given_window, b.received_window] = (
            spots.get((b.given_window, b.received_window), 0) + 1
        )
    assert counts[0] == max(spots.values())
    assert chart.labelled_names()  # the knot of one-sided dots is named, as far as it fits
    assert overlapping_labels(chart, canvas) == []
    assert outside_the_axes(chart, canvas) == []


def test_labels_of_an_earlier_update_are_gone_after_the_next():
    chart = OverviewChart()
    canvas = drawn(chart)
    crowd = crowded_balances(500)
    chart.update(crowd, {pid: f"Person {pid} Example" for pid in crowd}, RULES)
    canvas.draw()
    assert chart.stack_counts() and len(chart.labelled_names()) > 2
    two = person_balances(
        [record(TODAY, GIVEN, 5, 1, person_id=7)]
        + [record(TODAY, RECEIVED, 2, i, person_id=8) for i in range(2, 5)],
        TODAY,
        RULES,
    )
    chart.update(two, {7: "Ada Lovelace", 8: "Bo Diddley"}, RULES)
    canvas.draw()
    assert sorted(chart.labelled_names()) == ["Ada L.", "Bo D."]
    assert chart.stack_counts() == []
    assert sorted(label.get_text() for label in chart.drawn_labels()) == ["Ada L.", "Bo D."]
