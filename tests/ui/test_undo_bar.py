"""A delete says on screen that it can be undone: "Deleted … — Undo" for a few seconds."""

from __future__ import annotations

import datetime as dt

from winwin_desktop.journal import interactions, people, promises
from winwin_desktop.ui.main_window import PEOPLE


def test_deleting_a_person_offers_undo_on_screen(window, qtbot):
    ada = people.add_person("Ada Lovelace")
    window.show_page(PEOPLE)
    window.open_person(ada.id)
    bar = window.undo_bar
    assert not bar.isVisible()
    window.people_page.person_view.delete_button.click()
    assert people.find_person("Ada Lovelace") is None
    assert bar.isVisible() and bar.label.text() == "Deleted Ada Lovelace — "
    bar.undo_button.click()
    assert people.find_person("Ada Lovelace") is not None
    assert not bar.isVisible()
    window.redo_action.trigger()  # a redo is not a new delete: no bar
    assert not bar.isVisible()
    window.undo_action.trigger()  # Ctrl+Z still works
    assert people.find_person("Ada Lovelace") is not None


def test_deleting_an_interaction_or_a_promise_offers_undo_and_goes_away(window, qtbot):
    bo = people.add_person("Bo")
    call = interactions.log_interaction(dt.date(2026, 10, 1), "Call", [bo.id])
    promise = promises.add_promise(bo.id, "me", "the deck", None)
    bar = window.undo_bar
    window.actions.run("Delete interaction", lambda: interactions.delete_interaction(call.id))
    assert bar.isVisible() and bar.label.text() == "Deleted interaction — "
    window.actions.run(
        f"Delete promise: {promise.text}", lambda: promises.delete_promise(promise.id)
    )
    assert bar.label.text() == "Deleted promise: the deck — "
    bar.timer.setInterval(10)
    bar.timer.start()
    qtbot.waitUntil(lambda: not bar.isVisible())
    window.actions.run("Snooze Bo", lambda: None)  # not a delete: no bar
    assert not bar.isVisible()
