"""The Balance tab: the status badge and its reason, the range buttons, the chart's points."""

from __future__ import annotations

import datetime as dt
import stat

import pytest
from PySide6.QtCore import QEvent, QPoint, QPointF, Qt
from PySide6.QtGui import QMouseEvent
from PySide6.QtWidgets import QApplication, QToolTip

from winwin_desktop.journal import interactions, people
from winwin_desktop.journal.interactions import ExchangeData
from winwin_desktop.ui.balance_tab import BalanceTab


@pytest.fixture
def days_ago(today):
    return lambda days: today - dt.timedelta(days=days)


def log(person_id: int, when: dt.date, title: str, given=(), received=()):
    exchanges = [ExchangeData(person_id, "given", "advice", p) for p in given]
    exchanges += [ExchangeData(person_id, "received", "introduction", p) for p in received]
    return interactions.log_interaction(when, title, [person_id], exchanges=exchanges)


@pytest.fixture
def ada(journal, days_ago):
    """Ada: I gave 9 points and received 2 in the last year, and more long before."""
    person = people.add_person("Ada Lovelace")
    logged = {
        "old": log(person.id, days_ago(500), "Conference panel", given=[2], received=[3]),
        "intro": log(person.id, days_ago(200), "Intro call", given=[4]),
        "advice": log(person.id, days_ago(60), "Advice on pricing", given=[3], received=[2]),
        "review": log(person.id, days_ago(20), "Reviewed her deck", given=[2]),
    }
    return person.id, logged


@pytest.fixture
def tab(qtbot):
    tab = BalanceTab()
    qtbot.addWidget(tab)
    tab.resize(900, 640)
    tab.show()
    qtbot.waitExposed(tab)
    return tab


def hover(widget, position: QPoint) -> None:
    """Move the mouse over ``widget`` (QTest.mouseMove lands a few pixels off offscreen)."""
    local = QPointF(position)
    event = QMouseEvent(
        QEvent.MouseMove, local, widget.mapToGlobal(local), Qt.NoButton, Qt.NoButton, Qt.NoModifier
    )
    QApplication.sendEvent(widget, event)


def x_of_day(day: dt.date) -> float:
    from matplotlib.dates import date2num

    return date2num(day)


def drawn(tab):
    tab.canvas.draw()
    return tab.chart


def test_the_badge_says_the_status_and_why(tab, ada):
    person_id, _ = ada
    tab.show_person(person_id)
    assert tab.badge.text() == "you give more"
    assert tab.explanation.text() == "You gave 9 points and received 2 in the last 12 months."
    assert tab.stack.currentWidget() is tab.chart_box
    assert "Balance trend" in tab.trend.text()


def test_a_person_without_exchanges_gets_an_honest_empty_state(tab, journal):
    person = people.add_person("Grace Hopper")
    tab.show_person(person.id)
    assert tab.badge.text() == "new"
    assert tab.explanation.text() == "No exchanges yet — too early to judge."
    assert tab.stack.currentWidget() is tab.empty
    assert tab.empty.isVisible()
    assert tab.chart is None  # nothing to draw, so matplotlib is not even asked


def test_nothing_is_read_or_drawn_until_the_tab_is_shown(qtbot, ada):
    person_id, _ = ada
    tab = BalanceTab()
    qtbot.addWidget(tab)
    tab.show_person(person_id)
    assert tab.chart is None
    assert tab.badge.text() == ""
    tab.show()
    qtbot.waitExposed(tab)
    assert tab.chart is not None
    assert tab.badge.text() == "you give more"


def test_range_buttons_change_the_x_limits(tab, qtbot, ada, today, days_ago):
    from matplotlib.dates import date2num

    person_id, _ = ada
    tab.show_person(person_id)
    chart = tab.chart
    assert tab.range_buttons[None].isChecked()
    everything = chart.totals_axes.get_xlim()
    assert everything[0] < date2num(days_ago(500))

    qtbot.mouseClick(tab.range_buttons[91], Qt.LeftButton)
    assert tab.range_buttons[91].isChecked()
    assert chart.totals_axes.get_xlim() == (
        date2num(days_ago(90)),
        date2num(today + dt.timedelta(days=1)),
    )

    # Keyboard: Tab reaches the checked button, as in any group of options, and the
    # arrow keys move to the next range.
    three_months = tab.range_buttons[91]
    assert three_months.focusPolicy() & Qt.TabFocus
    three_months.setFocus()
    qtbot.keyClick(three_months, Qt.Key_Right)
    assert tab.range_buttons[365].isChecked()
    assert chart.totals_axes.get_xlim()[0] == date2num(days_ago(364))

    qtbot.mouseClick(tab.range_buttons[None], Qt.LeftButton)
    assert chart.totals_axes.get_xlim() == everything


def test_clicking_a_point_opens_its_interaction(tab, qtbot, ada):
    person_id, logged = ada
    tab.show_person(person_id)
    chart = drawn(tab)
    index = next(i for i, p in enumerate(chart.points) if p.title == "Advice on pricing")
    assert chart.points[index].direction == "given"
    x, y = chart.display_position(index, "given")
    with qtbot.waitSignal(tab.interaction_activated, timeout=1000) as blocker:
        qtbot.mouseClick(tab.canvas.canvas, Qt.LeftButton, pos=tab.canvas.widget_position(x, y))
    assert blocker.args == [logged["advice"].id]


def test_clicking_empty_space_or_with_the_right_button_opens_nothing(tab, qtbot, ada):
    person_id, _ = ada
    tab.show_person(person_id)
    chart = drawn(tab)
    x, y = chart.display_position(0, "given")
    with qtbot.assertNotEmitted(tab.interaction_activated):
        qtbot.mouseClick(tab.canvas.canvas, Qt.RightButton, pos=tab.canvas.widget_position(x, y))
        qtbot.mouseClick(tab.canvas.canvas, Qt.LeftButton, pos=QPoint(3, 3))


def test_hovering_a_point_shows_date_title_and_points(tab, qtbot, ada, days_ago):
    person_id, logged = ada
    tab.show_person(person_id)
    chart = drawn(tab)
    index = next(i for i, p in enumerate(chart.points) if p.title == "Intro call")
    x, y = chart.display_position(index, "given")
    hover(tab.canvas.canvas, tab.canvas.widget_position(x, y))
    qtbot.waitUntil(QToolTip.isVisible, timeout=1000)
    assert QToolTip.text() == (
        f"{days_ago(200).isoformat()} · Intro call\ngave 4 points · balance +3"
    )
    ring = chart.hover_marks[chart.totals_axes]
    assert (list(ring.get_xdata()), list(ring.get_ydata())) == ([x_of_day(days_ago(200))], [6])
    # Away from every point, the tooltip and the ring go.
    hover(tab.canvas.canvas, QPoint(3, 3))
    qtbot.waitUntil(lambda: not QToolTip.isVisible(), timeout=1000)
    assert len(ring.get_xdata()) == 0


def test_reload_follows_a_change_of_settings(tab, ada):
    from winwin_desktop.journal import settings

    person_id, _ = ada
    tab.show_person(person_id)
    settings.set_setting("ratio_threshold", 5.0)
    tab.reload()
    assert tab.badge.text() == "win-win"
    settings.set_setting("review_window_days", 30)
    tab.reload()
    assert tab.explanation.text() == "You gave 2 points and received 0 in the last month."


def test_save_the_chart_from_its_context_menu(tab, ada, tmp_path, monkeypatch):
    person_id, _ = ada
    tab.show_person(person_id)
    menu = tab.canvas.context_menu()
    actions = {action.text(): action for action in menu.actions()}
    assert list(actions) == ["Save chart as PNG…", "Save chart as SVG…"]

    monkeypatch.setattr(tab.canvas, "ask_save_path", lambda fmt: str(tmp_path / f"ada.{fmt}"))
    actions["Save chart as PNG…"].trigger()
    actions["Save chart as SVG…"].trigger()
    assert (tmp_path / "ada.png").read_bytes().startswith(b"\x89PNG")
    assert "<svg" in (tmp_path / "ada.svg").read_text()
    for name in ("ada.png", "ada.svg"):  # an image of the journal: for its owner only
        assert stat.S_IMODE((tmp_path / name).stat().st_mode) == 0o600

    errors = []
    monkeypatch.setattr(tab.canvas, "show_error", errors.append)
    monkeypatch.setattr(tab.canvas, "ask_save_path", lambda fmt: str(tmp_path / "no" / "x.png"))
    assert tab.canvas.save_as("png") is None
    assert len(errors) == 1 and errors[0].startswith("The chart could not be saved")
