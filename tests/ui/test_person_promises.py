"""The person page's Promises tab and the mentions on the timeline."""

from __future__ import annotations

import datetime as dt

from tests.helpers.typing import type_text
from winwin_desktop.journal import people, promises, reflections


def test_add_keep_drop_and_reopen_from_the_person_page(window, qtbot):
    zoe = people.add_person("Zoë Brontë-Nuñez")
    window.open_person(zoe.id)
    view = window.people_page.person_view
    tab = view.promises_tab
    view.tabs.setCurrentWidget(tab)
    assert not tab.empty.isHidden() and tab.tree.isHidden()
    dialog = tab.add()
    dialog.owed_by.setCurrentIndex(dialog.owed_by.findData("them"))
    type_text(dialog.text, "intro to the CFO")
    dialog.due.date.setDate(dt.date.today() - dt.timedelta(days=2))
    dialog.save()
    item = tab.tree.topLevelItem(0)
    assert [item.text(c) for c in range(4)] == [
        "They owe",
        "intro to the CFO",
        "2 days ago",
        "open — overdue by 2 days",
    ]
    tab.tree.setCurrentItem(item)
    keep = tab.keep_selected()
    assert keep.record.text() == "Also record what you received"
    keep.save()
    [kept] = promises.promises(zoe.id)
    assert kept.status == "kept"
    assert people.person_summary(zoe.id).received == 2
    assert tab.row_button(0).text() == "Reopen"
    tab.row_button(0).click()
    assert promises.promises(zoe.id)[0].status == "open"
    assert tab.row_button(0).text() == "Kept…"
    tab.tree.setCurrentItem(tab.tree.topLevelItem(0))
    dropped = next(a for a in tab.menu().actions() if a.text() == "Dropped")
    dropped.trigger()
    assert promises.promises(zoe.id)[0].status == "dropped"


def test_a_blank_promise_is_refused_in_the_dialog(window):
    zoe = people.add_person("Zoë Brontë-Nuñez")
    window.open_person(zoe.id)
    dialog = window.people_page.person_view.promises_tab.add()
    dialog.save()
    assert dialog.isVisible() and dialog.error.text() == "Say what was promised."
    assert promises.promises(zoe.id) == []


def test_reflections_that_mention_someone_are_on_their_timeline(window):
    zoe = people.add_person("Zoë Brontë-Nuñez")
    day = dt.date(2026, 3, 4)
    reflections.save_reflection(day, "Good talk with @Zoë Brontë-Nuñez about pricing.")
    window.open_person(zoe.id)
    view = window.people_page.person_view
    item = view.timeline.topLevelItem(0)
    assert item.text(0) == "Wed 4 Mar" and item.toolTip(0) == "2026-03-04"
    assert item.text(1) == "Reflection: Good talk with @Zoë Brontë-Nuñez about pricing."
    view._open_item(item)
    assert window.today_page.day == day
    assert window.today_page.editor.editor.toPlainText().startswith("Good talk")


def test_promises_are_read_when_their_tab_is_shown(window):
    zoe = people.add_person("Zoë Brontë-Nuñez")
    promises.add_promise(zoe.id, "them", "intro to the CFO")
    window.open_person(zoe.id)
    view = window.people_page.person_view
    tab = view.promises_tab
    assert tab.tree.topLevelItemCount() == 0  # not on screen: nothing read yet
    view.tabs.setCurrentWidget(tab)
    assert [tab.tree.topLevelItem(0).text(c) for c in range(2)] == ["They owe", "intro to the CFO"]
