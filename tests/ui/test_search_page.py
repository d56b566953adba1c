"""The Search page through its widgets: typing, results, filters, and what Enter opens."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import QDate, Qt

from tests.helpers.typing import type_text
from winwin_desktop.journal import interactions, people
from winwin_desktop.journal.interactions import ExchangeData as X
from winwin_desktop.store import recording
from winwin_desktop.store.models import Mention, Promise, Reflection
from winwin_desktop.ui.search_page import SearchPage


@pytest.fixture
def records(journal):
    zoe = people.add_person(
        "Zoë Brontë-Nuñez", organisation="Gdańsk Shipping Tech", role="Head of Partnerships"
    )
    minh = people.add_person("Minh Hoang", organisation="Mekong Ventures")
    call = interactions.log_interaction(
        "2026-03-02",
        "Pricing call with Zoë",
        [zoe.id, minh.id],
        kind="call",
        notes="Walked through the harbour tender.",
        exchanges=[X(zoe.id, "given", "advice", 3, "reviewed the pitch deck")],
    )
    later = interactions.log_interaction("2026-06-10", "Harbour visit", [minh.id])
    with recording("Promise and reflect"):
        promise = Promise(person=minh.id, owed_by="them", text="Send the harbour survey")
        promise.save()
        reflection = Reflection(day=dt.date(2026, 3, 2), text="The harbour pilot looks likely.")
        reflection.save()
        Mention(reflection=reflection, person=zoe.id).save()
    return {"zoe": zoe.id, "minh": minh.id, "call": call.id, "later": later.id}


@pytest.fixture
def page(qtbot, records):
    page = SearchPage()
    qtbot.addWidget(page)
    page.resize(900, 600)
    page.show()
    page.reload()  # as the main window does when it shows the page
    qtbot.waitExposed(page)
    return page


def search_for(qtbot, page: SearchPage, text: str) -> None:
    """Type ``text`` as a user does and wait for the results that follow the pause."""
    page.field.setFocus()
    type_text(page.field, text)
    qtbot.waitUntil(lambda: not page._timer.isActive(), timeout=2000)


def shown(page: SearchPage) -> list[tuple[str, str]]:
    return [(hit.kind, hit.title) for hit in page.hits()]


def test_tips_until_something_is_typed(page, records):
    assert page.stack.currentWidget() is page.tips
    assert "phrases" in page.tips.text.text()
    assert "zoe finds Zoë" in page.tips.text.text()


@pytest.mark.both_journal_kinds
def test_results_follow_typing_grouped_by_kind(page, records, qtbot, qtmodeltester):
    search_for(qtbot, page, "zoë")
    assert page.stack.currentWidget() is page.results
    assert [kind for kind, _ in page.model.groups] == ["person", "interaction"]
    assert shown(page)[0] == ("person", "Zoë Brontë-Nuñez")
    # The kind rows say how many hits each kind has.
    first_group = page.model.index(0, 0)
    assert page.model.data(first_group) == "People (1)"
    assert page.summary.text() == "2 results — Enter opens the selected one."
    qtmodeltester.check(page.model)


def test_accents_need_not_be_typed(page, records, qtbot):
    search_for(qtbot, page, "gdansk")
    assert shown(page) == [("person", "Zoë Brontë-Nuñez")]
    page.field.clear()
    search_for(qtbot, page, "Gdańsk")
    assert shown(page) == [("person", "Zoë Brontë-Nuñez")]


def test_enter_on_a_person_opens_that_person(page, records, qtbot):
    search_for(qtbot, page, "partnerships")
    qtbot.keyClick(page.field, Qt.Key_Down)
    assert page.results.hasFocus()
    with qtbot.waitSignal(page.open_person, timeout=1000) as blocker:
        qtbot.keyClick(page.results, Qt.Key_Return)
    assert blocker.args == [records["zoe"]]


def test_enter_in_the_box_opens_the_best_result(page, records, qtbot):
    search_for(qtbot, page, "harbour visit")
    with qtbot.waitSignal(page.open_interaction, timeout=1000) as blocker:
        qtbot.keyClick(page.field, Qt.Key_Return)
    assert blocker.args == [records["later"]]


def test_arrow_keys_then_enter_open_the_chosen_interaction(page, records, qtbot):
    search_for(qtbot, page, "harbour")
    assert [kind for kind, _ in page.model.groups] == ["interaction", "promise", "reflection"]
    qtbot.keyClick(page.field, Qt.Key_Down)
    qtbot.keyClick(page.results, Qt.Key_Down)
    assert page.current_hit().id == records["call"]
    with qtbot.waitSignal(page.open_interaction, timeout=1000) as blocker:
        qtbot.keyClick(page.results, Qt.Key_Enter)
    assert blocker.args == [records["call"]]
    # Down goes from hit to hit over the kind rows, and stops at the last.
    for _ in range(5):
        qtbot.keyClick(page.results, Qt.Key_Down)
    assert page.current_hit().kind == "reflection"
    qtbot.keyClick(page.results, Qt.Key_Up)
    assert page.current_hit().kind == "promise"
    # Up from the first result goes back to the box.
    for _ in range(3):
        qtbot.keyClick(page.results, Qt.Key_Up)
    assert page.field.hasFocus()


def test_double_click_opens_a_result(page, records, qtbot):
    search_for(qtbot, page, "harbour survey")
    index = page.model.first_hit()
    rect = page.results.visualRect(index)
    with qtbot.waitSignal(page.open_person, timeout=1000) as blocker:
        # A double click is a click, then a second press that Qt reports as a double click.
        qtbot.mouseClick(page.results.viewport(), Qt.LeftButton, pos=rect.center())
        qtbot.mouseDClick(page.results.viewport(), Qt.LeftButton, pos=rect.center())
    assert blocker.args == [records["minh"]]


def test_each_kind_opens_where_it_belongs(page, records, qtbot):
    search_for(qtbot, page, "pitch deck")
    with qtbot.waitSignal(page.open_interaction, timeout=1000) as blocker:
        qtbot.keyClick(page.field, Qt.Key_Return)
    assert blocker.args == [records["call"]]
    page.focus_search("likely")
    with qtbot.waitSignal(page.open_reflection, timeout=1000) as blocker:
        qtbot.keyClick(page.field, Qt.Key_Return)
    assert blocker.args == [dt.date(2026, 3, 2)]


def test_nothing_matches(page, records, qtbot):
    search_for(qtbot, page, "zeppelin")
    assert page.stack.currentWidget() is page.no_match
    assert "“zeppelin”" in page.no_match.text.text()
    with qtbot.assertNotEmitted(page.open_person), qtbot.assertNotEmitted(page.open_interaction):
        qtbot.keyClick(page.field, Qt.Key_Return)


def test_whatever_is_typed_is_safe(page, records, qtbot):
    search_for(qtbot, page, "harbour AND ( \"NEAR(*:- '; DROP TABLE person; --")
    assert page.stack.currentWidget() in (page.results, page.no_match)
    page.field.clear()
    assert page.stack.currentWidget() is page.tips


def test_filters_narrow_the_results(page, records, qtbot):
    search_for(qtbot, page, "harbour")
    assert len(page.hits()) == 4
    page.kind.setCurrentIndex(page.kind.findData("interaction"))
    assert {hit.kind for hit in page.hits()} == {"interaction"}
    page.kind.setCurrentIndex(0)

    page.person.setCurrentIndex(page.person.findData(records["zoe"]))
    assert {(hit.kind, hit.id) for hit in page.hits()} == {
        ("interaction", records["call"]),
        ("reflection", 1),
    }
    page.person.setCurrentIndex(0)

    page.any_date.setChecked(False)
    page.since.setDate(QDate(2026, 6, 1))
    page.until.setDate(QDate(2026, 6, 30))
    assert [hit.id for hit in page.hits()] == [records["later"]]
    page.any_date.setChecked(True)
    assert len(page.hits()) == 4


def test_a_person_typed_into_the_filter(page, records, qtbot):
    search_for(qtbot, page, "harbour")
    page.person.setFocus()
    type_text(page.person.lineEdit(), "minh hoang")
    qtbot.keyClick(page.person.lineEdit(), Qt.Key_Return)
    assert page.person_id() == records["minh"]
    assert all("Minh Hoang" in hit.people for hit in page.hits())
    # Part of one name, without its accents, is enough; a name nobody has means anyone.
    page.person.lineEdit().selectAll()
    type_text(page.person.lineEdit(), "zoe")
    qtbot.keyClick(page.person.lineEdit(), Qt.Key_Return)
    assert page.person_id() == records["zoe"]
    page.person.lineEdit().selectAll()
    type_text(page.person.lineEdit(), "nobody")
    qtbot.keyClick(page.person.lineEdit(), Qt.Key_Return)
    assert page.person_id() is None
    assert len(page.hits()) == 4


def test_focus_search_and_reload(page, records, qtbot):
    page.focus_search("zoe")
    assert page.field.hasFocus()
    assert shown(page)[0] == ("person", "Zoë Brontë-Nuñez")
    people.edit_person(records["zoe"], name="Zoé Martin")
    page.reload()
    assert ("person", "Zoé Martin") in shown(page)
    people.delete_person(records["zoe"])
    page.reload()
    assert ("person", "Zoé Martin") not in shown(page)
    assert page.person.findData(records["zoe"]) == -1


def test_each_kind_lists_its_newest_first(page, records, qtbot):
    interactions.log_interaction("2025-01-15", "Old harbour chat", [records["minh"]])
    interactions.log_interaction("2026-09-01", "Harbour follow-up", [records["zoe"]])
    page.reload()
    search_for(qtbot, page, "harbour")
    group = dict(page.model.groups)["interaction"]
    days = [hit.date for hit in group]
    assert days == sorted(days, reverse=True)
    assert group[0].title == "Harbour follow-up"
