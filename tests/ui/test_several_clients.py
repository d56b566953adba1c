"""A window beside another client of the same journal (a terminal, another window, a
machine sharing a server journal): it shows their saves by itself, and its undo refuses
to overwrite what they changed since."""

from __future__ import annotations

import datetime as dt

from PySide6.QtWidgets import QMessageBox

from tests.helpers.clients import elsewhere
from winwin_desktop.journal import people
from winwin_desktop.store.models import Person
from winwin_desktop.ui.main_window import PEOPLE


def shown_names(window) -> list[str]:
    model = window.people_page.model
    return [model.index(row, 0).data() for row in range(model.rowCount())]


def test_the_window_shows_another_clients_new_person_within_two_seconds(window, qtbot):
    people.add_person("Ada Lovelace")
    window.show_page(PEOPLE)
    assert shown_names(window) == ["Ada Lovelace"]

    elsewhere(people.add_person, "Minh Hoang")
    qtbot.waitUntil(lambda: shown_names(window) == ["Ada Lovelace", "Minh Hoang"], timeout=2000)


def test_undo_of_a_change_made_since_elsewhere_says_so_and_keeps_it(window, qtbot, monkeypatch):
    warnings = []
    monkeypatch.setattr(QMessageBox, "warning", lambda _p, _t, text: warnings.append(text))
    ada = people.add_person("Ada Lovelace")
    window.actions.run("Rename Ada", lambda: people.edit_person(ada.id, organisation="Acme"))
    window.actions.run("Minh", lambda: people.add_person("Minh Hoang"))
    window.actions.run("Ada's role", lambda: people.edit_person(ada.id, role="Analyst"))
    elsewhere(people.edit_person, ada.id, role="CTO")

    window.undo_action.trigger()
    changed_at = Person.get_by_id(ada.id).updated_at  # the other client's save, UTC
    clock = changed_at.replace(tzinfo=dt.UTC).astimezone().strftime("%H:%M")
    assert warnings == [
        f"“Ada Lovelace” was changed elsewhere at {clock} — reload and apply yours again; "
        "nothing was undone."
    ]
    assert people.get_person(ada.id).role == "CTO"
    # The refused step leaves the history; the one before it can still be undone.
    assert window.undo_action.text() == "&Undo Minh"
    window.undo_action.trigger()
    assert [p.name for p in people.people_summaries()] == ["Ada Lovelace"]
