"""Promises on the person page: where each came from, editing, deleting; and the
promises made in an interaction, in its Edit dialog."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QDialogButtonBox, QPushButton

from tests.helpers.typing import type_text
from winwin_desktop.journal import interactions, people, promises, trash
from winwin_desktop.ui import log_dialog
from winwin_desktop.ui.log_dialog import LogInteractionDialog
from winwin_desktop.ui.main_window import TRASH
from winwin_desktop.ui.promise_dialogs import AddPromiseDialog
from winwin_desktop.ui.promises_tab import ACTION, FROM


def promises_tab(window, person_id):
    window.open_person(person_id)
    view = window.people_page.person_view
    view.tabs.setCurrentWidget(view.promises_tab)
    return view.promises_tab


def rows(tab) -> list[list[str]]:
    tree = tab.tree
    return [
        [tree.topLevelItem(r).text(c) for c in range(ACTION)]
        for r in range(tree.topLevelItemCount())
    ]


OPEN_SOURCE = "Open the interaction it came from"


def menu_texts(tab) -> list[str]:
    return [action.text() for action in tab.menu().actions()]


def open_dialog(window, kind):
    found = [w for w in window.findChildren(kind) if w.isVisible()]
    assert len(found) == 1, found
    return found[0]


def test_the_interaction_a_promise_came_from_is_shown_and_opens(window, qtbot):
    zoe = people.add_person("Zoë Brontë-Nuñez").id
    lunch = interactions.log_interaction("2026-03-04", "Lunch at Fika", [zoe])
    promises.add_promise(zoe, "me", "send the deck", None, lunch.id)
    promises.add_promise(zoe, "them", "an intro")
    tab = promises_tab(window, zoe)
    assert [r[1:] for r in rows(tab)] == [
        ["send the deck", "—", "open", "Wed 4 Mar · Lunch at Fika"],
        ["an intro", "—", "open", "—"],
    ]
    tab.tree.setCurrentItem(tab.tree.topLevelItem(1))
    assert OPEN_SOURCE not in menu_texts(tab)  # not made in an interaction
    item = tab.tree.topLevelItem(0)
    tab.tree.setCurrentItem(item)
    assert OPEN_SOURCE in menu_texts(tab)

    rect = tab.tree.visualItemRect(item)
    at = QPoint(tab.tree.header().sectionViewportPosition(FROM) + 10, rect.center().y())
    qtbot.mouseClick(tab.tree.viewport(), Qt.LeftButton, pos=at)  # as a real double-click
    qtbot.mouseDClick(tab.tree.viewport(), Qt.LeftButton, pos=at)
    dialog = open_dialog(window, LogInteractionDialog)
    assert dialog.windowTitle() == "Edit interaction with Zoë Brontë-Nuñez"
    assert dialog.title.text() == "Lunch at Fika"
    assert [r.text.text() for r in dialog.promise_rows] == ["send the deck"]
    dialog.reject()


def test_a_source_in_the_trash_is_shown_but_not_opened(window):
    zoe = people.add_person("Zoë Brontë-Nuñez").id
    lunch = interactions.log_interaction("2026-03-04", "Lunch", [zoe])
    promises.add_promise(zoe, "me", "send the deck", None, lunch.id)
    interactions.delete_interaction(lunch.id)
    tab = promises_tab(window, zoe)
    assert rows(tab)[0][FROM] == "Wed 4 Mar · Lunch (in the Trash)"
    tab.tree.setCurrentItem(tab.tree.topLevelItem(0))
    assert OPEN_SOURCE not in menu_texts(tab)


def test_edit_a_promise_with_f2_and_undo_it_in_one_step(window, qtbot, today):
    zoe = people.add_person("Zoë Brontë-Nuñez").id
    due = today + dt.timedelta(days=3)
    promises.add_promise(zoe, "me", "send the deck", due)
    tab = promises_tab(window, zoe)
    tab.tree.setFocus()
    tab.tree.setCurrentItem(tab.tree.topLevelItem(0))
    qtbot.keyClick(tab.tree, Qt.Key_F2)
    dialog = open_dialog(window, AddPromiseDialog)
    assert dialog.windowTitle() == "Edit promise with Zoë Brontë-Nuñez"
    assert (dialog.text.text(), dialog.due.value()) == ("send the deck", due)
    dialog.text.clear()
    type_text(dialog.text, "send the revised deck")
    dialog.due.has_due.setChecked(False)
    dialog.owed_by.setCurrentIndex(dialog.owed_by.findData("them"))
    qtbot.keyClick(dialog.text, Qt.Key_Return)
    assert not dialog.isVisible()
    assert rows(tab) == [["They owe", "send the revised deck", "—", "open", "—"]]
    window.undo_action.trigger()
    [back] = promises.promises(zoe)
    assert (back.text, back.due, back.owed_by) == ("send the deck", due, "me")
    assert rows(tab)[0][:3] == ["I owe", "send the deck", "in 3 days"]


def test_a_blank_edit_is_refused_with_one_sentence(window, qtbot):
    zoe = people.add_person("Zoë Brontë-Nuñez").id
    promises.add_promise(zoe, "me", "send the deck")
    tab = promises_tab(window, zoe)
    tab.tree.setCurrentItem(tab.tree.topLevelItem(0))
    tab.edit_selected()
    dialog = open_dialog(window, AddPromiseDialog)
    dialog.text.clear()
    dialog.save()
    assert dialog.isVisible() and dialog.error.text() == "Say what was promised."
    assert promises.promises(zoe)[0].text == "send the deck"
    dialog.reject()


def test_delete_key_moves_a_promise_to_the_trash_and_ctrl_z_brings_it_back(window, qtbot, today):
    zoe = people.add_person("Zoë Brontë-Nuñez").id
    promises.add_promise(zoe, "me", "send the deck", today)
    promises.add_promise(zoe, "them", "an intro", today + dt.timedelta(days=1))
    tab = promises_tab(window, zoe)
    tab.tree.setFocus()
    tab.tree.setCurrentItem(tab.tree.topLevelItem(0))
    qtbot.keyClick(tab.tree, Qt.Key_Delete)
    assert [r[1] for r in rows(tab)] == ["an intro"]
    assert tab.selected().text == "an intro"  # the keyboard stays on the list
    assert tab.note.isVisible()
    assert tab.note.text() == "“send the deck” is in the Trash. Ctrl+Z brings it back."
    assert [i.label for i in trash.trash_items()] == ["send the deck (with Zoë Brontë-Nuñez)"]

    window.undo_action.trigger()
    assert [r[1] for r in rows(tab)] == ["send the deck", "an intro"]

    window.redo_action.trigger()
    window.show_page(TRASH)
    page = window.trash_page
    assert page.table.item(0, 0).text() == "send the deck"
    assert page.table.item(0, 2).text() == "Promises with Zoë Brontë-Nuñez"
    page.table.selectRow(0)
    page.restore_button.click()
    assert [p.text for p in promises.promises(zoe)] == ["send the deck", "an intro"]


def test_one_action_per_row_and_the_rest_in_its_context_menu(window):
    zoe = people.add_person("Zoë Brontë-Nuñez").id
    promises.add_promise(zoe, "me", "send the deck")
    promises.add_promise(zoe, "them", "an intro")
    promises.set_status(promises.promises(zoe)[1].id, "dropped")
    tab = promises_tab(window, zoe)
    assert [tab.row_button(r).text() for r in range(2)] == ["Kept…", "Reopen"]
    buttons = [b.text() for b in tab.findChildren(QPushButton) if b.isVisible()]
    assert sorted(buttons) == ["+ Promise…", "Kept…", "Reopen"]
    assert tab.tree.contextMenuPolicy() == Qt.CustomContextMenu
    tab.tree.setCurrentItem(tab.tree.topLevelItem(0))
    assert menu_texts(tab) == ["Edit…\tF2", "Kept…\tEnter", "Dropped", "", "Move to Trash\tDelete"]
    tab.tree.setCurrentItem(tab.tree.topLevelItem(1))
    assert "Reopen" in menu_texts(tab)


def log_with_promises(zoe: int, minh: int):
    call = interactions.log_interaction("2026-03-04", "Call", [zoe, minh])
    kept = promises.add_promise(zoe, "me", "send the deck", "2026-03-10", call.id)
    promises.set_status(kept.id, "kept", dt.date(2026, 3, 9))
    intro = promises.add_promise(minh, "them", "an intro", None, call.id)
    return call, kept, intro


def test_editing_an_interaction_shows_and_saves_its_promises(window, qtbot):
    zoe = people.add_person("Zoë Brontë-Nuñez").id
    minh = people.add_person("Minh Hoang").id
    call, kept, intro = log_with_promises(zoe, minh)
    dialog = window.edit_interaction(call.id)
    got = [
        (r.owed_by.currentData(), r.person.currentText(), r.text.text(), r.due.value())
        for r in dialog.promise_rows
    ]
    assert got == [
        ("me", "Zoë Brontë-Nuñez", "send the deck", dt.date(2026, 3, 10)),
        ("them", "Minh Hoang", "an intro", None),
    ]
    assert dialog.promise_rows[0].status.text() == "kept"
    assert dialog.promise_rows[1].status.isHidden()

    # Save without a change: nothing is duplicated.
    qtbot.keyClick(dialog.title, Qt.Key_Return, Qt.ControlModifier)
    assert [p.id for p in promises.promises_of_interaction(call.id)] == [kept.id, intro.id]

    dialog = window.edit_interaction(call.id)
    first, second = dialog.promise_rows
    first.text.clear()
    type_text(first.text, "send the deck, v2")
    second.remove.click()
    added = dialog.add_promise("them")
    added.person.setCurrentIndex(added.person.findData(zoe))
    type_text(added.text, "feedback")
    added.due.has_due.setChecked(False)
    dialog.buttons.button(QDialogButtonBox.Save).click()
    assert not dialog.isVisible()
    now = promises.promises_of_interaction(call.id)
    assert [(p.text, p.person_id, p.status) for p in now] == [
        ("send the deck, v2", zoe, "kept"),
        ("feedback", zoe, "open"),
    ]
    assert [i.label for i in trash.trash_items()] == ["an intro (with Minh Hoang)"]

    window.undo_action.trigger()  # the whole edit, in one step
    assert [(p.id, p.text) for p in promises.promises_of_interaction(call.id)] == [
        (kept.id, "send the deck"),
        (intro.id, "an intro"),
    ]


def test_a_blank_promise_in_the_edit_dialog_is_refused_and_nothing_is_written(
    window, qtbot, monkeypatch
):
    zoe = people.add_person("Zoë Brontë-Nuñez").id
    minh = people.add_person("Minh Hoang").id
    call, kept, intro = log_with_promises(zoe, minh)
    dialog = window.edit_interaction(call.id)
    dialog.title.clear()
    type_text(dialog.title, "Renamed call")
    dialog.promise_rows[1].text.clear()
    dialog.save()
    assert dialog.isVisible()
    assert dialog.errors["promise"].text() == "Say what was promised."
    assert interactions.get_interaction(call.id).title == "Call"
    assert promises.get_promise(intro.id).text == "an intro"
    monkeypatch.setattr(log_dialog, "ask_discard", lambda _parent: True)  # "Discard"
    dialog.reject()
