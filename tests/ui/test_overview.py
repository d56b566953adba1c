"""The Overview page: a dot per person, people by status, the tag filter, opening a person."""

from __future__ import annotations

import datetime as dt
import os
import subprocess
import sys
import textwrap

import pytest
from PySide6.QtCore import QEvent, QPoint, QPointF, Qt
from PySide6.QtGui import QMouseEvent
from PySide6.QtWidgets import QApplication, QToolTip

from winwin_desktop.analytics import NEW, QUIET, WIN_WIN, YOU_GIVE_MORE, YOU_TAKE_MORE
from winwin_desktop.journal import interactions, people, settings
from winwin_desktop.journal.interactions import ExchangeData
from winwin_desktop.ui.overview_page import OverviewPage


@pytest.fixture
def days_ago(today):
    return lambda days: today - dt.timedelta(days=days)


def exchange(person_id: int, direction: str, points: int, category: str = "advice"):
    return ExchangeData(person_id, direction, category, points)


@pytest.fixture
def cast(journal, days_ago):
    """Five people, one per status, with tags; Ben and Cleo share a meeting."""
    ada = people.add_person("Ada Lovelace", tags=["client"]).id
    ben = people.add_person("Ben Okafor", tags=["client", "investor"]).id
    cleo = people.add_person("Cleo Núñez", tags=["press"]).id
    dev = people.add_person("Dev Iyer").id
    eve = people.add_person("Eve Sørensen", tags=["press"]).id
    people.add_person("Finn Never-Met")  # no exchanges: not on the overview
    log = interactions.log_interaction
    # Ada: 6 given, 5 received this year -> win-win.
    log(days_ago(30), "Strategy lunch", [ada], exchanges=[exchange(ada, "given", 3)])
    log(
        days_ago(20),
        "Intro to CFO",
        [ada],
        exchanges=[exchange(ada, "received", 5, "introduction")],
    )
    log(days_ago(10), "Deck review", [ada], exchanges=[exchange(ada, "given", 3)])
    # Ben: 9 given, 1 received -> you give more. Cleo: 1 given, 8 received -> you take more.
    log(
        days_ago(40),
        "Panel prep",
        [ben, cleo],
        exchanges=[
            exchange(ben, "given", 5),
            exchange(ben, "received", 1),
            exchange(cleo, "received", 4, "knowledge"),
        ],
    )
    log(days_ago(15), "Pitch practice", [ben], exchanges=[exchange(ben, "given", 4)])
    log(
        days_ago(5),
        "Article quote",
        [cleo],
        exchanges=[exchange(cleo, "received", 4), exchange(cleo, "given", 1, "gift")],
    )
    # Dev: only one exchange -> new. Eve: three, all two years ago -> quiet.
    log(days_ago(3), "First call", [dev], exchanges=[exchange(dev, "given", 2)])
    for n in range(3):
        log(days_ago(700 + n), f"Old chat {n}", [eve], exchanges=[exchange(eve, "received", 2)])
    return {"ada": ada, "ben": ben, "cleo": cleo, "dev": dev, "eve": eve}


@pytest.fixture
def page(qtbot):
    page = OverviewPage()
    qtbot.addWidget(page)
    page.resize(1100, 760)
    page.show()
    qtbot.waitExposed(page)
    return page


def click_dot(qtbot, page, person_id: int, button=Qt.LeftButton) -> None:
    page.scatter_canvas.draw()
    x, y = page.scatter.display_position(person_id)
    qtbot.mouseClick(
        page.scatter_canvas.canvas, button, pos=page.scatter_canvas.widget_position(x, y)
    )


def hover(widget, position: QPoint) -> None:
    local = QPointF(position)
    event = QMouseEvent(
        QEvent.MouseMove, local, widget.mapToGlobal(local), Qt.NoButton, Qt.NoButton, Qt.NoModifier
    )
    QApplication.sendEvent(widget, event)


@pytest.mark.both_journal_kinds
def test_clicking_a_dot_opens_that_person(page, qtbot, cast):
    page.reload()
    for name in ("cleo", "ada"):
        with qtbot.waitSignal(page.person_activated, timeout=1000) as blocker:
            click_dot(qtbot, page, cast[name])
        assert blocker.args == [cast[name]]


def test_a_pick_event_on_a_dot_opens_that_person(page, qtbot, cast):
    from matplotlib.backend_bases import MouseEvent, PickEvent

    page.reload()
    canvas = page.scatter_canvas.canvas
    canvas.draw()
    chart = page.scatter
    index = list(chart.person_ids).index(cast["ben"])
    x, y = chart.display_position(cast["ben"])
    mouse = MouseEvent("button_press_event", canvas, x, y, button=1)
    with qtbot.waitSignal(page.person_activated, timeout=1000) as blocker:
        canvas.callbacks.process(
            "pick_event", PickEvent("pick_event", canvas, mouse, chart.dots, ind=[index])
        )
    assert blocker.args == [cast["ben"]]


def test_right_click_or_a_miss_opens_nobody(page, qtbot, cast):
    page.reload()
    with qtbot.assertNotEmitted(page.person_activated):
        click_dot(qtbot, page, cast["ada"], Qt.RightButton)
        qtbot.mouseClick(page.scatter_canvas.canvas, Qt.LeftButton, pos=QPoint(5, 5))


def test_the_dots_are_everyone_with_exchanges(page, cast):
    page.reload()
    chart = page.scatter
    assert sorted(chart.person_ids) == sorted(cast.values())
    where = {
        pid: tuple(xy) for pid, xy in zip(chart.person_ids, chart.dots.get_offsets(), strict=True)
    }
    assert where[cast["ada"]] == (6, 5)
    assert where[cast["ben"]] == (9, 1)
    assert where[cast["cleo"]] == (1, 8)
    assert where[cast["eve"]] == (0, 0)  # quiet: nothing inside the window


def test_the_status_tree_lists_the_right_people(page, cast):
    page.reload()
    assert page.people_in_status(WIN_WIN) == [cast["ada"]]
    assert page.people_in_status(YOU_GIVE_MORE) == [cast["ben"]]
    assert page.people_in_status(YOU_TAKE_MORE) == [cast["cleo"]]
    assert page.people_in_status(NEW) == [cast["dev"]]
    assert page.people_in_status(QUIET) == [cast["eve"]]
    model = page.tree.model()
    groups = [model.index(row, 0).data() for row in range(model.rowCount())]
    assert groups == [
        "new (1)",
        "win-win (1)",
        "you give more (1)",
        "you take more (1)",
        "quiet (1)",
    ]
    give_more = model.index(2, 0)
    ben = [model.index(0, column, give_more) for column in range(3)]
    assert [cell.data() for cell in ben] == ["Ben Okafor", "9", "1"]
    assert ben[0].data(Qt.ToolTipRole) == "You gave 9 points and received 1 in the last 12 months."
    assert page.tree.isExpanded(give_more)


def test_enter_on_a_name_opens_that_person(page, qtbot, cast):
    page.reload()
    model = page.tree.model()
    cleo = model.index(0, 0, model.index(3, 0))
    page.tree.setFocus()
    page.tree.setCurrentIndex(cleo)
    with qtbot.waitSignal(page.person_activated, timeout=1000) as blocker:
        qtbot.keyClick(page.tree, Qt.Key_Return)
    assert blocker.args == [cast["cleo"]]


def test_the_tag_filter_narrows_the_dots(page, cast):
    page.reload()
    tags = [page.tag_filter.itemText(i) for i in range(page.tag_filter.count())]
    assert tags == ["All tags", "client", "investor", "press"]

    page.set_tag("client")
    assert sorted(page.scatter.person_ids) == sorted([cast["ada"], cast["ben"]])
    assert page.people_in_status(YOU_TAKE_MORE) == []
    # The category and network charts follow the filter too.
    given = dict(zip(page.categories.categories, page.categories.given.patches, strict=True))
    assert given["advice"].get_width() == 6 + 9

    page.set_tag("press")
    assert sorted(page.scatter.person_ids) == sorted([cast["cleo"], cast["eve"]])

    page.set_tag(None)
    assert len(page.scatter.person_ids) == 5


def test_the_status_tree_model_is_a_sound_tree(page, cast, qtmodeltester):
    page.reload()
    qtmodeltester.check(page.tree.model())


def test_a_tag_without_exchanges_says_so(page, cast):
    people.add_person("Gus Quiet", tags=["mentor"])
    page.reload()
    page.set_tag("mentor")
    assert len(page.scatter.person_ids) == 0
    assert page.scatter.message.get_text() == "Nobody tagged “mentor” has exchanges."


def test_hovering_a_dot_shows_the_name(page, qtbot, cast):
    page.reload()
    page.scatter_canvas.draw()
    x, y = page.scatter.display_position(cast["ben"])
    hover(page.scatter_canvas.canvas, page.scatter_canvas.widget_position(x, y))
    qtbot.waitUntil(QToolTip.isVisible, timeout=1000)
    assert QToolTip.text().splitlines() == [
        "Ben Okafor",
        "you give more · gave 9 · received 1",
    ]


def test_changing_the_settings_and_reloading_updates_the_statuses(page, cast):
    page.reload()
    assert page.scatter.band_lower.get_ydata()[-1] / page.scatter.band_lower.get_xdata()[-1] == (
        pytest.approx(1 / 2.5)
    )
    settings.set_setting("ratio_threshold", 10.0)
    settings.set_setting("review_window_days", 730)
    page.reload()
    assert page.people_in_status(WIN_WIN) == [cast["ada"], cast["ben"], cast["cleo"]]
    assert page.people_in_status(QUIET) == []
    assert page.people_in_status(YOU_TAKE_MORE) == [cast["eve"]]
    assert page.scatter.band_upper.get_ydata()[-1] / page.scatter.band_upper.get_xdata()[
        -1
    ] == pytest.approx(10)
    assert "10×" in page.caption.text()
    assert "in the last 24 months" in page.caption.text()


def test_nobody_with_exchanges_shows_the_empty_state(page, journal):
    people.add_person("Finn Never-Met")
    page.reload()
    assert page.stack.currentWidget() is page.empty
    assert page.empty.isVisible()


def test_an_unshown_page_reads_nothing(qtbot, cast):
    page = OverviewPage()
    qtbot.addWidget(page)
    page.reload()
    assert page.scatter is None
    assert page.balances == {}
    page.show()
    qtbot.waitUntil(lambda: page.scatter is not None, timeout=2000)
    assert len(page.scatter.person_ids) == 5


def test_starting_the_app_imports_no_matplotlib():
    code = textwrap.dedent(
        """
        import sys
        import winwin_desktop.ui.main_window
        import winwin_desktop.ui.chart_canvas
        import winwin_desktop.ui.balance_tab
        import winwin_desktop.ui.overview_page
        import winwin_desktop.charts
        import winwin_desktop.charts.palette
        loaded = sorted(m for m in sys.modules if m.split(".")[0] == "matplotlib")
        print(loaded)
        """
    )
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, env=env, timeout=60
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "[]"


def test_biggest_changes_of_the_last_30_days_are_listed_and_open(page, cast, qtbot):
    page.reload()
    changes = [page.changes.item(r).text() for r in range(page.changes.count())]
    # 30 days ago Ada had only been given 3 points; her introduction since evened it.
    assert changes == ["Ada Lovelace: you give more → win-win"]
    with qtbot.waitSignal(page.person_activated, timeout=1000) as blocker:
        page.changes.itemActivated.emit(page.changes.item(0))
    assert blocker.args == [cast["ada"]]


def test_the_period_switch_recounts_the_chart(page, cast):
    page.reload()
    buttons = {b.text(): b for b in page.period_buttons.buttons()}
    assert buttons["12 months"].isChecked()  # the review window's
    assert cast["eve"] in page.people_in_status(QUIET)
    buttons["All"].click()
    assert buttons["All"].isChecked() and not buttons["12 months"].isChecked()
    assert page.shown[cast["eve"]].received_window == 6
    assert cast["eve"] in page.people_in_status(YOU_TAKE_MORE)
    assert "all time" in page.caption.text()
    buttons["3 months"].click()
    assert page.rules.window_days == 91
    assert "the last 3 months" in page.caption.text()


def test_outliers_carry_names_and_the_chosen_person_is_ringed(page, cast, qtbot):
    page.reload()
    assert "Cleo N." in page.scatter.labelled_names()
    tree, model = page.tree, page.status_model
    status_row = model.index(list(dict(model.groups)).index(WIN_WIN), 0)
    tree.setCurrentIndex(model.index(0, 0, status_row))
    assert page.scatter.selection_label.get_text() == "Ada Lovelace"
    tree.setCurrentIndex(status_row)
    assert page.scatter.selection_label.get_text() == ""


def test_the_names_on_the_drawn_chart_do_not_overlap(page, cast):
    page.reload()
    page.tree.setCurrentIndex(page.status_model.index(0, 0, page.status_model.index(1, 0)))
    page.scatter_canvas.draw()
    chart, renderer = page.scatter, page.scatter_canvas.canvas.get_renderer()
    boxes = {label.get_text(): label.get_window_extent(renderer) for label in chart.drawn_labels()}
    # The chosen person in bold, the others with points in the window by short names.
    assert sorted(boxes) == ["Ada Lovelace", "Ben O.", "Cleo N.", "Dev I."]
    assert [
        (first, second)
        for first, box in boxes.items()
        for second, other in boxes.items()
        if first < second and box.overlaps(other)
    ] == []
    assert all(chart.axes.bbox.contains(*box.p0) for box in boxes.values())
    assert all(chart.axes.bbox.contains(*box.p1) for box in boxes.values())


def test_the_charts_load_on_a_thread_of_their_own_after_the_start():
    code = textwrap.dedent(
        """
        import sys
        from PySide6.QtWidgets import QApplication
        from winwin_desktop.ui import chart_canvas
        app = QApplication([])
        before = [m for m in sys.modules if m.startswith("matplotlib")]
        thread = chart_canvas.warm_up_charts()
        assert chart_canvas.warm_up_charts() is thread  # once
        thread.join(120)
        print(before, sorted(m for m in chart_canvas.CHART_MODULES if m in sys.modules))
        """
    )
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, env=env, timeout=150
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == (
        "[] ['matplotlib.backends.backend_qtagg', 'winwin_desktop.charts.balance_chart', "
        "'winwin_desktop.charts.overview_chart']"
    )
