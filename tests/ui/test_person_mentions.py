"""The person page's Mentions tab: reflections that name the person, with their day and
the words around the name; a row opens the day's reflection on Today."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt

from winwin_desktop.journal import people, reflections
from winwin_desktop.ui.dates import human_date
from winwin_desktop.ui.main_window import TODAY


def mentions_of(window, person_id):
    window.open_person(person_id)
    view = window.people_page.person_view
    view.tabs.setCurrentWidget(view.mentions_tab)
    return view.mentions_tab


def test_reflections_naming_the_person_are_listed_and_open_their_day(window, qtbot, today):
    day = today - dt.timedelta(days=20)
    zoe = people.add_person("Zoë Brontë-Nuñez")
    minh = people.add_person("Minh Hoang")
    reflections.save_reflection(day, "Met zoe bronte-nunez at the fair; she wants the pilot plan.")
    reflections.save_reflection(day - dt.timedelta(days=2), "Sent @Zoë Brontë-Nuñez the deck.")
    reflections.save_reflection(day - dt.timedelta(days=4), "@Minh Hoang called about rates.")
    tab = mentions_of(window, zoe.id)
    assert tab.title.text() == "Mentioned in reflections"
    assert tab.list.isVisible() and not tab.empty.isVisible()
    rows = [
        (tab.list.topLevelItem(i).text(0), tab.list.topLevelItem(i).text(1))
        for i in range(tab.list.topLevelItemCount())
    ]
    assert rows == [
        (human_date(day), "Met zoe bronte-nunez at the fair; she wants the pilot plan."),
        (human_date(day - dt.timedelta(days=2)), "Sent @Zoë Brontë-Nuñez the deck."),
    ]
    tab.list.setFocus()
    qtbot.keyClick(tab.list, Qt.Key_Return)  # the newest is current: Enter opens its day
    assert window.nav.currentRow() == TODAY
    assert window.today_page.day == day
    assert "she wants the pilot plan" in window.today_page.editor.editor.toPlainText()

    other = mentions_of(window, minh.id)
    assert other.days() == [day - dt.timedelta(days=4)]


def test_a_person_no_reflection_names_gets_a_sentence_saying_how(window, qtbot, today):
    day = today - dt.timedelta(days=20)
    ada = people.add_person("Ada Lovelace")
    reflections.save_reflection(day, "A quiet day.")
    tab = mentions_of(window, ada.id)
    assert not tab.list.isVisible() and tab.empty.isVisible()
    assert tab.empty.text.text().startswith("No reflection names Ada Lovelace yet.")
