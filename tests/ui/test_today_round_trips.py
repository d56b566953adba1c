"""A save from the log dialog with Today on screen, counted in round trips to a server:
the save's two, the page's re-read in two (26 before it was read at once), who needs
attention (and everyone's names) in one, the next meetings' calendar setting, and the
dialog's draft forgotten."""

from __future__ import annotations

from PySide6.QtCore import Qt

from tests.helpers.typing import type_text
from tests.journal.test_round_trips import round_trips
from tests.ui.test_log_interaction import add_participant, open_log_dialog
from winwin_desktop.journal import interactions, people, promises, reflections
from winwin_desktop.store.connection import database, is_server
from winwin_desktop.ui.main_window import TODAY


def test_a_save_and_todays_reread_are_two_round_trips_each_then_one_for_the_draft(
    window, qtbot, monkeypatch, today
):
    ada = people.add_person("Ada Obi").id
    interactions.log_interaction(today, "Breakfast", [ada])
    promises.add_promise(ada, "me", "the market map", due=today)
    reflections.save_reflection(today, "Breakfast with @Ada Obi")
    window.show_page(TODAY)
    page = window.today_page
    dialog = open_log_dialog(window, qtbot)
    add_participant(dialog, qtbot, "Ada Obi")
    add_participant(dialog, qtbot, "Rahel Tesfaye")  # new: added with the save
    type_text(dialog.title, "Coffee")

    with round_trips(database.obj, monkeypatch) as counted:
        qtbot.keyClick(dialog.title, Qt.Key_Return, Qt.ControlModifier)

    assert not dialog.isVisible()
    if is_server():
        save, today_page, next_meetings = ["batch"] * 2, ["batch"] * 2, ["SELECT"]
        everyone, draft = ["batch"], ["batch"]
        assert counted == save + today_page + everyone + next_meetings + draft
    logged = [label.text() for label in page.logged.findChildren(type(page.title))]
    assert any("Coffee" in text and "Ada Obi, Rahel Tesfaye" in text for text in logged)
    assert any("Breakfast" in text for text in logged)
    assert page.editor.editor.toPlainText() == "Breakfast with @Ada Obi"
