"""Today for the evening routine: one reflection pane with a Write/Preview toggle, @mentions
as links, promises due ticked off, the five most pressing people, a streak only once there
is one, and the welcome page on an empty journal."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt, QUrl
from PySide6.QtWidgets import QApplication, QLabel

from tests.helpers.journals import build_demo_journal
from tests.helpers.today import settled_today_page
from tests.helpers.typing import type_text
from tests.ui.test_log_interaction import activate
from winwin_desktop.journal import interactions, people, promises, reflections
from winwin_desktop.journal import today as today_module
from winwin_desktop.ui.main_window import PEOPLE, TODAY, MainWindow
from winwin_desktop.ui.reflection_editor import PERSON_SCHEME


def today_page(window):
    return settled_today_page(window)


def test_an_empty_journal_shows_the_welcome_page(make_window, journal, qtbot):
    window = make_window()
    assert window.nav.currentRow() == TODAY  # a first run opens on Today
    page = window.today_page
    assert page.is_welcoming() and page.welcome.isVisible()
    texts = [b.text() for b in page.welcome.buttons.values()]
    assert texts == [
        "Import contacts…",
        "Import a calendar…",
        "Log your first meeting…",
        "Try the demo journal",
    ]
    words = " ".join(label.text() for label in page.welcome.findChildren(QLabel))
    for wanted in (
        "LinkedIn",
        "Google",
        "Outlook",
        "vCard",
        "Ctrl+N",
        "1 courtesy",
        "5 exceptional",
    ):
        assert wanted in words
    shown = " ".join(w.text() for w in window.findChildren(QLabel) if w.isVisible())
    assert "good shape" not in shown and "0 people" not in shown
    page.demo_requested.disconnect()  # (the window would start a second WinWin)
    with qtbot.waitSignal(page.demo_requested):
        page.welcome.buttons["demo"].click()
    page.welcome.buttons["log"].click()
    from winwin_desktop.ui.log_dialog import LogInteractionDialog

    [dialog] = [d for d in window.findChildren(LogInteractionDialog) if d.isVisible()]
    assert dialog.participant_choices() == []
    dialog.reject()
    people.add_person("Ada")
    page.reload()
    assert not page.is_welcoming() and page.editor.isVisible()


def test_one_pane_write_or_preview_and_mentions_are_links(window, qtbot):
    zoe = people.add_person("Zoë Brontë-Nuñez")
    people.add_person("Paweł Mazur")  # "z" is in his name, not at a word's start
    page = today_page(window)
    activate(qtbot, window)
    editor = page.editor.editor
    editor.setFocus()
    type_text(editor, "Good lunch. @z")
    assert editor.completer.currentCompletion() == "Zoë Brontë-Nuñez"
    qtbot.keyClick(editor.completer.popup(), Qt.Key_Return)
    type_text(editor, " wants the plan.")  # the completion's space is not doubled
    assert editor.toPlainText() == "Good lunch. @Zoë Brontë-Nuñez wants the plan."
    # In the editor the mention is in the link colour.
    block = editor.document().firstBlock()
    formats = block.layout().formats()
    link = QApplication.palette().link().color()
    [span] = [f for f in formats if f.format.foreground().color() == link]
    assert (span.start, span.length) == (12, len("@Zoë Brontë-Nuñez"))
    # Enter inside it opens the person; Backspace at its end removes it whole.
    cursor = editor.textCursor()
    cursor.setPosition(15)
    editor.setTextCursor(cursor)
    with qtbot.waitSignal(page.open_person) as opened:
        qtbot.keyClick(editor, Qt.Key_Return)
    assert opened.args == [zoe.id]
    assert window.nav.currentRow() == PEOPLE
    window.show_page(TODAY)
    cursor.setPosition(12 + len("@Zoë Brontë-Nuñez"))
    editor.setTextCursor(cursor)
    qtbot.keyClick(editor, Qt.Key_Backspace)
    assert editor.toPlainText() == "Good lunch.  wants the plan."
    editor.undo()
    # The formatted view replaces the editor (not beside it) and links the mention.
    assert not page.editor.preview.isVisible()
    page.editor.preview_button.click()
    assert page.editor.preview.isVisible() and not editor.isVisible()
    html = page.editor.preview.toHtml()
    assert f"{PERSON_SCHEME}:{zoe.id}" in html and "@Zoë" not in html
    with qtbot.waitSignal(page.editor.person_activated) as clicked:
        page.editor.preview.anchorClicked.emit(QUrl(f"{PERSON_SCHEME}:{zoe.id}"))
    assert clicked.args == [zoe.id]
    assert window.nav.currentRow() == PEOPLE
    window.show_page(TODAY)
    page.editor.write_button.click()
    assert editor.isVisible()


def test_a_due_promise_is_ticked_kept_and_undone(window, qtbot):
    zoe = people.add_person("Zoë Brontë-Nuñez")
    promise = promises.add_promise(zoe.id, "me", "send the plan", dt.date.today())
    page = today_page(window)
    [row] = page.due.row_widgets
    assert [b.text() for b in row.findChildren(type(page.log_button))] == ["Open"]
    row.kept.click()
    assert promises.get_promise(promise.id).status == "kept"
    assert page.due.row_widgets[0].text() == "No promises due in the next 7 days."
    window.undo_action.trigger()
    assert promises.get_promise(promise.id).status == "open"
    assert not page.due.row_widgets[0].kept.isChecked()


def test_needs_attention_shows_five_most_pressing_first(window, qtbot):
    for n in range(6):
        person = people.add_person(f"Late {n}", cadence_days=10)
        interactions.log_interaction(
            dt.date.today() - dt.timedelta(days=30 + n), "Call", [person.id]
        )
    page = today_page(window)
    labels = [w.findChild(QLabel).text() for w in page.attention.row_widgets]
    assert len(labels) == 5
    assert labels[0].startswith("<b>Late 5</b>")  # the latest for their cadence first
    assert labels[1].startswith("<b>Late 4</b>")
    assert page.attention.show_all_button.text() == "Show all 6"


def test_an_overdue_promise_is_shown_once_under_promises_due(window, qtbot):
    minh = people.add_person("Minh Hoang", cadence_days=10)
    interactions.log_interaction(dt.date.today() - dt.timedelta(days=40), "Call", [minh.id])
    promises.add_promise(minh.id, "me", "the deck", dt.date.today() - dt.timedelta(days=3))
    page = today_page(window)
    rows = [w.findChild(QLabel) for w in page.due.row_widgets + page.attention.row_widgets]
    assert sum("the deck" in label.text() + label.toolTip() for label in rows) == 1
    [due] = [w.findChild(QLabel).text() for w in page.due.row_widgets]
    assert "You promised Minh Hoang: the deck" in due and "overdue by 3 days" in due
    # Still in need of attention for the relationship itself, not for the promise again.
    [row] = page.attention.row_widgets
    assert "No contact for 40 days" in row.findChild(QLabel).text()
    assert "the deck" not in row.findChild(QLabel).toolTip()


def test_the_streak_appears_once_there_is_one(window, qtbot):
    people.add_person("Ada")
    page = today_page(window)
    assert not page.streak.isVisible()
    reflections.save_reflection(dt.date.today(), "A good day.")
    page.reload()
    assert page.streak.isVisible() and "1 day" in page.streak.text()


def test_next_meetings_come_first_in_the_right_column(window, qtbot):
    people.add_person("Ada")
    page = today_page(window)
    meetings = page.next_meetings
    assert (
        meetings.mapTo(page, meetings.rect().topLeft()).y()
        < page.due.mapTo(page, page.due.rect().topLeft()).y()
    )


def test_on_a_laptop_the_demo_shows_promises_due_and_needs_attention_without_scrolling(
    qtbot, tmp_path, window_settings, passphrase
):
    path = build_demo_journal(tmp_path / "demo.db", passphrase)
    window = MainWindow(path, window_settings)
    qtbot.addWidget(window)
    window.resize(1264, 752)  # the first start on a 1280×800 screen
    window.show()
    qtbot.waitExposed(window)
    page = today_page(window)
    qtbot.wait(30)
    viewport = page.side_scroll.viewport()

    def in_view(widget) -> bool:
        top = widget.mapTo(viewport, widget.rect().topLeft()).y()
        return top >= 0 and top + widget.height() <= viewport.height()

    # The most pressing few of each, the rest one click away.
    assert len(page.due.row_widgets) == 5
    due = today_module.due_promises()
    assert page._due == due[:5]  # read alone: the rest when asked for
    assert page.due.show_all_button.text() == f"Show all {len(due)}"
    assert len(page.attention.row_widgets) == 5
    assert in_view(page.due.title) and in_view(page.attention.title)
    assert in_view(page.attention.row_widgets[0]) and in_view(page.attention.row_widgets[1])
    # Each overdue promise once, under Promises due; attention rows say why the
    # relationship needs care, naming the person once.
    shown = [w.text() for w in page.findChildren(QLabel) if w.isVisible()]
    for promise in due:
        said = [t for t in shown if promise.person_name in t and promise.text in t]
        assert len(said) == (promise in due[:5]), promise.describe(dt.date.today())
    for row in page.attention.row_widgets:
        text = row.findChild(QLabel).text()
        assert "promised" not in text
        name = text.removeprefix("<b>").split("</b>")[0]
        assert text.count(name) == 1

    page.due.show_all_button.click()
    assert page._due == due and len(page.due.row_widgets) == len(due) > 5
    assert page.due.show_all_button.text() == "Show only the first 5"
