"""The evening routine of the README, by keyboard alone, counting every key that is not
the free text itself (the README's figure: 25)."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from tests.helpers.typing import type_text
from tests.ui.test_log_interaction import activate
from winwin_desktop.journal import interactions, people, promises, reflections
from winwin_desktop.ui.log_dialog import LogInteractionDialog
from winwin_desktop.ui.main_window import PEOPLE


def test_the_reference_routine_takes_25_overhead_keys(window, qtbot):
    zoe = people.add_person("Zoë Brontë-Nuñez")
    piotr = people.add_person("Piotr Kowalski")
    pawel = people.add_person("Paweł Mazur")
    today = dt.date.today()
    interactions.log_interaction(today - dt.timedelta(days=40), "Call", [pawel.id])
    interactions.log_interaction(today - dt.timedelta(days=3), "Call", [piotr.id])
    window.show_page(PEOPLE)
    activate(qtbot, window)
    overhead: list[str] = []

    def key(name: str, code, modifier=Qt.NoModifier) -> None:
        overhead.append(name)
        qtbot.keyClick(QApplication.focusWidget() or window, code, modifier)

    def letters(text: str) -> None:
        for char in text:
            overhead.append(char)
            qtbot.keyClicks(QApplication.focusWidget(), char)

    def free(text: str) -> None:
        type_text(QApplication.focusWidget(), text)

    key("Ctrl+N", Qt.Key_N, Qt.ControlModifier)
    [dialog] = [d for d in window.findChildren(LogInteractionDialog) if d.isVisible()]
    activate(qtbot, dialog)
    assert dialog.participant_choices() == []  # nobody chosen for the user
    letters("z")
    key("Enter", Qt.Key_Return)
    letters("p")  # Piotr, met recently, comes before Paweł
    key("Enter", Qt.Key_Return)
    key("Tab", Qt.Key_Tab)
    letters("mea")
    key("Tab", Qt.Key_Tab)
    free("Lunch about the pilot")
    key("Alt+G", Qt.Key_G, Qt.AltModifier)
    letters("a3")
    free("reviewed the pilot plan")
    key("Tab", Qt.Key_Tab)
    letters("z")
    key("Alt+R", Qt.Key_R, Qt.AltModifier)
    letters("i4")
    free("intro to their CFO")
    key("Alt+O", Qt.Key_O, Qt.AltModifier)
    free("send the pilot plan")
    key("Tab", Qt.Key_Tab)
    letters("z")
    key("Ctrl+Enter", Qt.Key_Return, Qt.ControlModifier)
    assert not dialog.isVisible()
    activate(qtbot, window)
    key("Ctrl+T", Qt.Key_T, Qt.ControlModifier)
    free("Good lunch. @")
    letters("z")
    key("Enter", Qt.Key_Return)
    free(" wants the pilot plan by Friday.")

    assert len(overhead) == 25, overhead
    [lunch] = interactions.on_day(today)
    assert (lunch.title, lunch.kind) == ("Lunch about the pilot", "meal")
    assert lunch.participant_names == ["Zoë Brontë-Nuñez", "Piotr Kowalski"]
    assert [
        (e.person_id, e.direction, e.category, e.points, e.description) for e in lunch.exchanges
    ] == [
        (zoe.id, "given", "advice", 3, "reviewed the pilot plan"),
        (piotr.id, "received", "introduction", 4, "intro to their CFO"),
    ]
    [owed] = promises.promises(zoe.id)
    assert (owed.owed_by, owed.text, owed.due) == (
        "me",
        "send the pilot plan",
        today + dt.timedelta(days=7),
    )
    assert promises.promises(piotr.id) == []
    assert window.today_page.flush()
    saved = reflections.get_reflection(today)
    assert saved.text == "Good lunch. @Zoë Brontë-Nuñez wants the pilot plan by Friday."
    assert saved.mentions == [(zoe.id, "Zoë Brontë-Nuñez")]
