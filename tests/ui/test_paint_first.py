"""The start paints the People list before its totals are read: names first, "…" for
every total until they are read, never a score that is not the person's."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel

from winwin_desktop.journal import people
from winwin_desktop.journal.interactions import ExchangeData, log_interaction
from winwin_desktop.ui.main_window import MainWindow
from winwin_desktop.ui.people_model import BALANCE, LAST_CONTACT, NAME, STATUS, TAGS


def _journal_with_scores() -> None:
    ada = people.add_person("Ada Lovelace")
    bea = people.add_person("Bea Brontë")
    people.add_person("Cy Twombly")
    day = dt.date.today() - dt.timedelta(days=3)
    for points in (4, 3, 2):
        log_interaction(
            day, "Call", [ada.id], exchanges=[ExchangeData(ada.id, "given", "advice", points)]
        )
    log_interaction(
        day, "Lunch", [bea.id], exchanges=[ExchangeData(bea.id, "received", "advice", 2)]
    )


def _cells(window: MainWindow, column: int) -> list[str]:
    model = window.people_page.model
    return [model.index(row, column).data() for row in range(model.rowCount())]


def _start(qtbot, journal_path, window_settings) -> MainWindow:
    window = MainWindow(journal_path, window_settings, paint_first=True)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    return window


def test_the_list_names_everyone_first_and_shows_no_score_until_read(
    qtbot, journal, journal_path, window_settings
):
    _journal_with_scores()
    window = _start(qtbot, journal_path, window_settings)
    assert _cells(window, NAME) == ["Ada Lovelace", "Bea Brontë", "Cy Twombly"]
    for column in (STATUS, BALANCE, LAST_CONTACT):
        assert _cells(window, column) == ["…", "…", "…"]
    assert window.people_page.model.index(0, BALANCE).data(Qt.ToolTipRole) is None
    # Ada is chosen in the list; beside it, a quiet empty pane until the window has
    # painted (no half-read page, no "No one selected").
    page = window.people_page
    assert page.current_person_id() == people.find_person("Ada Lovelace").id
    assert page.right.currentWidget() is page.waiting
    assert page.waiting.findChildren(QLabel) == []

    window.finish_start()
    assert _cells(window, NAME) == ["Ada Lovelace", "Bea Brontë", "Cy Twombly"]
    assert _cells(window, BALANCE) == ["+9", "−2", "0"]
    assert _cells(window, STATUS)[0] == "● you give more"
    assert page.current_person_id() == people.find_person("Ada Lovelace").id
    assert page.right.currentWidget() is page.person_view
    assert page.person_view.person.name == "Ada Lovelace"


def test_the_person_shown_after_the_paint_has_every_tab_filled(
    qtbot, journal, journal_path, window_settings
):
    _journal_with_scores()
    window = _start(qtbot, journal_path, window_settings)
    page = window.people_page
    splitter = page.splitter.sizes()
    window.finish_start()
    assert page.splitter.sizes() == splitter  # the pane kept its place: no jump
    view = page.person_view
    tabs = [view.tabs.tabText(i) for i in range(view.tabs.count())]
    assert tabs == ["Timeline", "Balance", "Promises", "Mentions", "Profile", "Brief"]
    assert view.name_label.text() == "Ada Lovelace"
    assert "you give more" in view.totals.text()
    timeline = [view.timeline.topLevelItem(i).text(1) for i in range(3)]
    assert timeline == ["Call", "Call", "Call"]
    view.tabs.setCurrentWidget(view.profile_page)
    assert view.inputs["name"].text() == "Ada Lovelace"
    view.tabs.setCurrentWidget(view.promises_tab)
    assert view.promises_tab.person_id == people.find_person("Ada Lovelace").id


def test_a_list_sorted_by_a_total_waits_for_the_totals_rather_than_reorder(
    qtbot, journal, journal_path, window_settings
):
    _journal_with_scores()
    first = _start(qtbot, journal_path, window_settings)
    first.finish_start()
    first.people_page.table.sortByColumn(BALANCE, Qt.AscendingOrder)
    first.close()  # remembers the sort

    window = _start(qtbot, journal_path, window_settings)
    assert window.people_page.model.rowCount() == 0
    window.finish_start()
    assert _cells(window, NAME) == ["Bea Brontë", "Cy Twombly", "Ada Lovelace"]


def test_tags_are_on_screen_at_once_when_shown_and_the_filter_finds_them_after(
    qtbot, journal, journal_path, window_settings
):
    _journal_with_scores()
    people.edit_person(people.find_person("Bea Brontë").id, tags=["Investor"])
    first = _start(qtbot, journal_path, window_settings)
    first.finish_start()
    first.people_page.filter.setText("investor")  # the Tags column is hidden
    assert _cells(first, NAME) == ["Bea Brontë"]
    first.people_page.filter.clear()
    first.people_page.table.horizontalHeader().showSection(TAGS)
    first.close()  # remembers the columns

    window = _start(qtbot, journal_path, window_settings)
    assert _cells(window, TAGS) == ["", "Investor", ""]  # before the totals
    window.finish_start()
    window.people_page.filter.setText("invest")
    assert _cells(window, NAME) == ["Bea Brontë"]
