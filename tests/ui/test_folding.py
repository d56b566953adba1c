"""Søren is "soren" everywhere: the People filter, Ctrl+K search, the log dialog's
completion, @mentions and the other name fields (introduced by, the Search page's person,
Merge with) fold names the same way (winwin_desktop.text.fold)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from tests.helpers.typing import type_text
from winwin_desktop.journal import people
from winwin_desktop.ui.log_dialog import LogInteractionDialog
from winwin_desktop.ui.main_window import PEOPLE, SEARCH, TODAY
from winwin_desktop.ui.merge_dialog import MergeDialog
from winwin_desktop.ui.person_view import INTRODUCER
from winwin_desktop.ui.undo import Actions


def activate(qtbot, widget) -> None:
    # Offscreen, no window is active by itself; shortcuts need one.
    widget.windowHandle().requestActivate()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is widget)


def add_cast() -> None:
    people.add_person("Søren Ødegaard", organisation="Fjord Ventures")
    people.add_person("Ægir Þórsson", organisation="Straße Logistics")
    people.add_person("Sorin Popescu")


def visible_names(window) -> list[str]:
    model = window.people_page.model
    return [model.index(row, 0).data() for row in range(model.rowCount())]


def test_the_people_filter_finds_soren_odegaard_and_aegir(window):
    add_cast()
    window.show_page(PEOPLE)
    box = window.people_page.filter
    for typed, expected in (
        ("soren", ["Søren Ødegaard"]),
        ("odegaard", ["Søren Ødegaard"]),
        ("SØREN", ["Søren Ødegaard"]),
        ("aegir thor", ["Ægir Þórsson"]),
        ("strasse", ["Ægir Þórsson"]),
    ):
        box.clear()
        type_text(box, typed)
        assert visible_names(window) == expected, typed


def test_ctrl_k_finds_soren(window, qtbot):
    add_cast()
    activate(qtbot, window)
    qtbot.keyClick(window, Qt.Key_K, Qt.ControlModifier)
    assert window.nav.currentRow() == SEARCH
    page = window.search_page
    type_text(page.field, "soren")
    qtbot.waitUntil(lambda: bool(page.hits()))
    assert [(hit.kind, hit.title) for hit in page.hits()] == [("person", "Søren Ødegaard")]


def test_the_log_dialog_completes_soren(window, qtbot):
    add_cast()
    activate(qtbot, window)
    qtbot.keyClick(window, Qt.Key_N, Qt.ControlModifier)
    [dialog] = [d for d in window.findChildren(LogInteractionDialog) if d.isVisible()]
    assert [dialog._names[p] for p in dialog.matching("soren")] == ["Søren Ødegaard"]
    assert [dialog._names[p] for p in dialog.matching("aegir")] == ["Ægir Þórsson"]
    dialog.reject()


def test_an_at_mention_completes_soren(window, qtbot):
    add_cast()
    window.show_page(TODAY)
    editor = window.today_page.editor.editor
    editor.setFocus()
    type_text(editor, "Coffee with @soren")
    assert editor.completer.popup().isVisible()
    assert editor.completer.currentCompletion() == "Søren Ødegaard"
    qtbot.keyClick(editor.completer.popup(), Qt.Key_Return)
    assert editor.toPlainText() == "Coffee with @Søren Ødegaard "


def offered(completer) -> list[str]:
    model = completer.completionModel()
    return [model.index(row, 0).data() for row in range(model.rowCount())]


def test_introduced_by_completes_soren_and_writes_his_name(window, qtbot):
    add_cast()
    zoe = people.add_person("Zoë Brontë-Nuñez")
    window.open_person(zoe.id)
    view = window.people_page.person_view
    view.tabs.setCurrentWidget(view.profile_page)
    view.edit_button.setChecked(True)
    field = view.inputs[INTRODUCER]
    field.setFocus()
    type_text(field, "soren")
    completer = field.completer()
    assert completer.popup().isVisible()
    assert offered(completer) == ["Søren Ødegaard"]
    qtbot.keyClick(completer.popup(), Qt.Key_Down)
    qtbot.keyClick(completer.popup(), Qt.Key_Return)
    assert field.text() == "Søren Ødegaard"


def test_the_search_pages_person_field_offers_soren(window, qtbot):
    add_cast()
    window.show_page(SEARCH)
    field = window.search_page.person.lineEdit()
    field.setFocus()
    type_text(field, "SOREN")
    assert offered(window.search_page.person.completer()) == ["Søren Ødegaard"]


def test_merge_with_offers_soren(journal, qtbot):
    add_cast()
    twin = people.add_person("Soren Odegaard")
    dialog = MergeDialog(Actions(), twin.id)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.other.lineEdit().setFocus()
    type_text(dialog.other.lineEdit(), "soren")
    completer = dialog.other.completer()
    assert offered(completer) == ["Søren Ødegaard"]
    qtbot.keyClick(completer.popup(), Qt.Key_Down)
    qtbot.keyClick(completer.popup(), Qt.Key_Return)
    assert dialog.other.currentText() == "Søren Ødegaard"
    assert dialog.other_id() == people.find_person("Søren Ødegaard").id
