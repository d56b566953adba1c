"""What a team member sees: the person page's Team tab, the Overview's "Me / Team"
switch and who is signed in — and, on a journal of one user, none of them."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QPushButton

from tests.journal import test_team_views_balance
from tests.journal.test_team_views_balance import ANA, BEN, as_member, make_team
from winwin_desktop.journal import interactions, people, team
from winwin_desktop.journal.interactions import ExchangeData as X
from winwin_desktop.store.models import Person
from winwin_desktop.ui.main_window import OVERVIEW, MainWindow

# The team's own database on the server, as that module makes it.
team_database = test_team_views_balance.team_database


def tab_titles(window: MainWindow) -> list[str]:
    tabs = window.people_page.person_view.tabs
    return [tabs.tabText(index) for index in range(tabs.count())]


def signed_in_labels(window: MainWindow) -> list[str]:
    return [
        label.text()
        for label in window.statusBar().findChildren(QLabel)
        if label.text().startswith("Signed in as")
    ]


def test_a_journal_of_one_user_shows_nothing_of_a_team(window, qtbot, today):
    ada = people.add_person("Ada Lovelace").id
    interactions.log_interaction(today, "Coffee", [ada], exchanges=[X(ada, "given", "advice", 2)])
    window.open_person(ada)
    assert "Team" not in tab_titles(window)
    assert window.people_page.person_view.team_tab is None
    window.show_page(OVERVIEW)
    page = window.overview_page
    assert page.scope.me is None
    assert not [b for b in page.findChildren(QPushButton) if b.text() in ("Me", "Team")]
    assert signed_in_labels(window) == []


@pytest.fixture
def team_window(qtbot, team_database, window_settings, today):
    """Ana and Ben log with one client shared with the team; the window is Ana's."""
    urls = make_team(team_database, ANA, BEN)
    as_member(urls["ana@example.com"])
    client = people.add_person("Zoë Client").id
    Person.update(shared_with_team=True).where(Person.id == client).execute()
    interactions.log_interaction(
        today,
        "Ana's workshop",
        [client],
        exchanges=[X(client, "given", "advice", 4), X(client, "received", "gift", 1)],
    )
    as_member(urls["ben@example.com"])
    interactions.log_interaction(
        today,
        "Ben's lunch",
        [client],
        exchanges=[X(client, "received", "referral", 5), X(client, "received", "advice", 3)],
    )
    as_member(urls["ana@example.com"])
    window = MainWindow(urls["ana@example.com"], window_settings)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    return window, client


@pytest.mark.needs_server
def test_the_person_page_shows_the_team_and_each_member(team_window, qtbot):
    window, client = team_window
    window.open_person(client)
    view = window.people_page.person_view
    assert tab_titles(window)[:3] == ["Timeline", "Balance", "Team"]
    view.tabs.setCurrentWidget(view.team_tab)
    tab = view.team_tab
    qtbot.waitUntil(lambda: tab.tree.topLevelItemCount() == 2)
    # The team: gave 4, received 1 + 5 + 3 = 9.
    assert tab.summary.text().startswith("The team gave 4 points and received 9 in ")
    # 4 exchanges, 9 / 4 = 2.25 ≤ 2.5; each member alone has only 2 ("new").
    assert tab.badge.status == "win-win"
    rows = [
        [tab.tree.topLevelItem(i).text(c) for c in range(5)]
        for i in range(tab.tree.topLevelItemCount())
    ]
    # Ben's 8 points first, then Ana's 5; Ana is the one signed in.
    assert rows == [
        ["Ben Okafor", "0", "8", "−8", "new"],
        ["Ana Ruiz (you)", "4", "1", "+3", "new"],
    ]
    ben = tab.tree.topLevelItem(0)
    assert sorted(ben.child(i).text(2) for i in range(ben.childCount())) == ["3", "5"]
    assert {ben.child(i).text(0).split(" · ", 1)[1] for i in range(ben.childCount())} == {
        "Ben's lunch — referral",
        "Ben's lunch — advice",
    }


@pytest.mark.needs_server
def test_the_overview_switches_between_me_and_the_team(team_window, qtbot):
    window, client = team_window
    window.show_page(OVERVIEW)
    page = window.overview_page
    qtbot.waitUntil(lambda: client in page.balances)
    assert page.balances[client].received_window == 9
    me = next(b for b in page.findChildren(QPushButton) if b.text() == "Me")
    qtbot.mouseClick(me, Qt.LeftButton)
    qtbot.waitUntil(
        lambda: page.balances.get(client) and page.balances[client].received_window == 1
    )
    assert (page.balances[client].given_window, page.balances[client].exchanges) == (4, 2)
    assert page.caption.text().startswith("Only your exchanges.")
    assert page.scope.member_id == team.current_member().id


@pytest.mark.needs_server
def test_the_status_bar_says_who_is_signed_in(team_window):
    window, _client = team_window
    assert signed_in_labels(window) == ["Signed in as Ana Ruiz (ana@example.com)"]
