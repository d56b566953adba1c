"""The edit dialog and the profile beside another window saving the same interaction or
person: the second save is refused with a sentence, what the user typed stays, and
saving again (it was reloaded underneath) applies it."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt

from tests.helpers.clients import elsewhere
from winwin_desktop.journal import interactions, name_parts, people
from winwin_desktop.journal.log_entry import LogEntry, save_log_entry
from winwin_desktop.store.models import Interaction, Person
from winwin_desktop.ui.main_window import PEOPLE


def clock_of(changed_at: dt.datetime) -> str:
    return changed_at.replace(tzinfo=dt.UTC).astimezone().strftime("%H:%M")


def test_the_edit_dialog_keeps_what_was_typed_when_its_save_is_refused(window, qtbot, today):
    ada = people.add_person("Ada Lovelace").id
    logged = save_log_entry(LogEntry(date=today, title="Workshop", people=[ada])).interaction
    dialog = window.edit_interaction(logged.id)
    dialog.title.setText("Workshop (mine)")
    dialog.notes.setPlainText("What I typed")
    elsewhere(interactions.edit_interaction, logged.id, today, "Workshop (theirs)", [ada])
    steps = window.actions.stack.count()

    dialog.save()
    clock = clock_of(Interaction.get_by_id(logged.id).updated_at)
    assert dialog.isVisible()
    assert dialog.errors["journal"].text() == (
        f"“Workshop” was changed elsewhere at {clock} — reload and apply yours again; "
        "nothing was saved."
    )
    assert (dialog.title.text(), dialog.notes.toPlainText()) == ("Workshop (mine)", "What I typed")
    assert interactions.get_interaction(logged.id).title == "Workshop (theirs)"
    assert window.actions.stack.count() == steps  # nothing to undo: nothing was saved

    dialog.save()  # reloaded underneath: saving again applies what was typed
    qtbot.waitUntil(lambda: not dialog.isVisible())
    again = interactions.get_interaction(logged.id)
    assert (again.title, again.notes) == ("Workshop (mine)", "What I typed")


def test_a_profile_field_keeps_what_was_typed_when_its_save_is_refused(window, qtbot):
    ada = people.add_person("Ada Lovelace", notes="Met at the fair")
    window.show_page(PEOPLE)
    window.people_page.select_person(ada.id)
    view = window.people_page.person_view
    view.tabs.setCurrentWidget(view.profile_page)
    view.edit_button.setChecked(True)
    view.notes.setFocus()
    view.notes.setPlainText("My notes")
    elsewhere(people.edit_person, ada.id, notes="Their notes")
    view.show_person(ada.id)  # the page refreshes meanwhile, as it does by itself

    view.notes.clearFocus()  # leaving the field saves it
    clock = clock_of(Person.get_by_id(ada.id).updated_at)
    assert view.profile_error.text() == (
        f"“Ada Lovelace” was changed elsewhere at {clock} — reload and apply yours again; "
        "nothing was saved."
    )
    assert people.get_person(ada.id).notes == "Their notes"
    view.show_person(ada.id)  # a later refresh keeps the refused text too
    assert view.notes.toPlainText() == "My notes"

    view.notes.setFocus()
    view.notes.clearFocus()  # saved again, over their notes it was reloaded with
    assert people.get_person(ada.id).notes == "My notes"
    assert view.profile_error.text() == ""
    # Another field edited from what the page showed is not refused.
    view.inputs["role"].setFocus()
    view.inputs["role"].setText("CTO")
    view.inputs["role"].clearFocus()
    assert people.get_person(ada.id).role == "CTO"


def test_a_name_part_keeps_what_was_typed_when_its_save_is_refused(window, qtbot):
    ada = people.add_person("Ada Lovelace")
    name_parts.set_name_parts(ada.id, {"given": "Ada", "family": "Lovelace"})
    window.show_page(PEOPLE)
    window.people_page.select_person(ada.id)
    view = window.people_page.person_view
    view.tabs.setCurrentWidget(view.profile_page)
    view.edit_button.setChecked(True)
    rows = view.name_parts
    rows.parts["family"].setFocus()
    rows.parts["family"].setText("Byron")
    elsewhere(name_parts.set_name_parts, ada.id, {"family": "King", "given": "Augusta"})
    view.show_person(ada.id)

    rows.parts["family"].clearFocus()
    assert rows.error.text().startswith("“Ada Lovelace” was changed elsewhere at ")
    view.show_person(ada.id)
    assert rows.parts["family"].text() == "Byron"  # kept across the refresh
    assert rows.parts["given"].text() == "Augusta"  # their change, shown
    assert name_parts.name_parts(ada.id).part("family") == "King"

    # Enter saves it again, over theirs it was reloaded with (leaving the field unchanged
    # does not: Qt finishes the editing of a line only once per change).
    qtbot.keyClick(rows.parts["family"], Qt.Key_Return)
    assert name_parts.name_parts(ada.id).parts == {"given": "Augusta", "family": "Byron"}
    assert rows.error.text() == ""
