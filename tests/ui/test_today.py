"""The Today page: autosave, day navigation, @mentions, promises and attention actions."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractButton, QStyle

from tests.helpers.today import settled, settled_today_page
from tests.helpers.typing import type_text
from winwin_desktop.journal import interactions, people, promises, reflections
from winwin_desktop.ui.dates import long_date, short_date
from winwin_desktop.ui.main_window import PEOPLE, TODAY
from winwin_desktop.ui.promise_dialogs import KeepPromiseDialog
from winwin_desktop.ui.reflection_editor import IDLE_SAVE_MS


def today_page(window):
    return settled_today_page(window)


@pytest.mark.both_journal_kinds
def test_typing_is_saved_after_a_pause_and_found_after_a_restart(
    make_window, journal, qtbot, today
):
    window = make_window()
    page = today_page(window)
    editor = page.editor.editor
    editor.setFocus()
    type_text(editor, "Helped Zoë with the pitch.")
    assert reflections.get_reflection(today).text == ""  # not yet: still typing
    qtbot.waitUntil(
        lambda: reflections.get_reflection(today).text == "Helped Zoë with the pitch.",
        timeout=IDLE_SAVE_MS + 2000,
    )
    assert page.editor.status.text().startswith("Saved")
    window.close()
    again = make_window()
    again.show_page(TODAY)
    assert again.today_page.editor.editor.toPlainText() == "Helped Zoë with the pitch."


def test_switching_day_and_page_saves_at_once(window, qtbot, today):
    page = today_page(window)
    type_text(page.editor.editor, "Today's note")
    page.previous.click()  # to yesterday: today's text is written first
    assert reflections.get_reflection(today).text == "Today's note"
    assert page.day == today - dt.timedelta(days=1)
    type_text(page.editor.editor, "Yesterday, late")
    window.show_page(PEOPLE)
    assert reflections.get_reflection(today - dt.timedelta(days=1)).text == "Yesterday, late"
    window.show_page(TODAY)
    page.today_button.click()
    assert page.editor.editor.toPlainText() == "Today's note"


def test_alt_arrows_move_between_days(window, qtbot, today):
    from tests.ui.test_log_interaction import activate

    page = today_page(window)
    activate(qtbot, window)
    page.editor.editor.setFocus()
    qtbot.keyClick(page.editor.editor, Qt.Key_Left, Qt.AltModifier)
    assert page.day == today - dt.timedelta(days=1)
    qtbot.keyClick(page.editor.editor, Qt.Key_Right, Qt.AltModifier)
    assert page.day == today


def test_at_completes_names_and_links_the_person(window, qtbot, today):
    zoe = people.add_person("Zoë Brontë-Nuñez")
    people.add_person("Minh Hoang")
    page = today_page(window)
    editor = page.editor.editor
    editor.setFocus()
    type_text(editor, "Lunch with @zo")
    popup = editor.completer.popup()
    assert popup.isVisible()
    assert editor.completer.currentCompletion() == "Zoë Brontë-Nuñez"
    qtbot.keyClick(popup, Qt.Key_Return)
    assert editor.toPlainText() == "Lunch with @Zoë Brontë-Nuñez "
    assert page.flush()
    assert reflections.get_reflection(today).mentions == [(zoe.id, "Zoë Brontë-Nuñez")]
    assert "Mentions: Zoë Brontë-Nuñez" in page.editor.mentions.text()
    # The mention shows on her timeline, and survives a rename.
    people.edit_person(zoe.id, name="Zoë Nuñez")
    assert reflections.get_reflection(today).text == "Lunch with @Zoë Nuñez "
    assert reflections.reflections_mentioning(zoe.id)[0].day == today


def test_a_mention_of_nobody_is_saved_as_text_and_pointed_out(window, qtbot, today):
    page = today_page(window)
    type_text(page.editor.editor, "Coffee with @Nobody")
    assert page.flush()
    assert reflections.get_reflection(today).text == "Coffee with @Nobody"
    assert "Nobody called “@Nobody”" in page.editor.mentions.text()


def test_a_failed_save_keeps_the_text_and_says_so(window, qtbot, monkeypatch, today):
    from peewee import OperationalError

    page = today_page(window)
    type_text(page.editor.editor, "Precious words")

    def full_disk(day, text):
        raise OperationalError("database or disk is full")

    monkeypatch.setattr(reflections, "save_reflection", full_disk)
    with qtbot.waitSignal(page.editor.save_failed) as blocker:
        assert not page.flush()
    assert blocker.args[0].startswith("Could not save the reflection — your text is still here.")
    assert page.editor.editor.toPlainText() == "Precious words"
    assert page.editor.status.text() == "Not saved"
    monkeypatch.undo()
    assert page.flush()
    assert reflections.get_reflection(today).text == "Precious words"


def test_keep_a_due_promise_from_today_records_the_exchange(window, qtbot, today):
    zoe = people.add_person("Zoë Brontë-Nuñez")
    promise = promises.add_promise(zoe.id, "me", "send the shortlist", today + dt.timedelta(days=2))
    page = today_page(window)
    assert (
        "You promised Zoë Brontë-Nuñez: send the shortlist — due in 2 days"
        in page.due.row_widgets[0].findChild(type(page.title)).text()
    )
    dialog = page.keep(promise)
    assert isinstance(dialog, KeepPromiseDialog)
    assert dialog.description.text() == "send the shortlist"
    dialog.points.setValue(3)
    dialog.save()
    assert promises.get_promise(promise.id).status == "kept"
    summary = people.person_summary(zoe.id)
    assert (summary.given, summary.received, summary.interactions) == (3, 0, 1)
    window.undo_action.trigger()  # one undo: the promise is open again and the exchange gone
    assert promises.get_promise(promise.id).status == "open"
    assert people.person_summary(zoe.id).given == 0
    assert interactions.timeline(zoe.id) == []


def test_snooze_hides_a_person_from_needs_attention(window, qtbot, today):
    ada = people.add_person("Ada", cadence_days=7)
    interactions.log_interaction(today - dt.timedelta(days=30), "Old call", [ada.id])
    page = today_page(window)
    names = [w.findChild(type(page.title)).text() for w in page.attention.row_widgets]
    assert any("Ada" in n and "No contact for 30 days; your cadence is 7." in n for n in names)
    page.snooze(ada.id, 7)
    assert people.get_person(ada.id)  # still there
    settled(page)
    texts = [
        w.findChild(type(page.title)).text() if w.findChild(type(page.title)) else w.text()
        for w in page.attention.row_widgets
    ]
    assert texts == ["Nobody needs attention today."]


def test_the_snooze_button_shows_its_word_beside_its_arrow_and_says_until_when(
    window, qtbot, today
):
    ada = people.add_person("Ada", cadence_days=7)
    interactions.log_interaction(today - dt.timedelta(days=30), "Old call", [ada.id])
    page = today_page(window)
    page.resize(1280, 800)
    [row] = page.attention.row_widgets
    [snooze] = [b for b in row.findChildren(QAbstractButton) if b.text() == "Snooze"]
    qtbot.waitUntil(snooze.isVisible)
    # The menu's arrow has room of its own beside the word and its margins (a tool
    # button drew it against the "e").
    style = snooze.style()
    arrow = style.pixelMetric(QStyle.PM_MenuButtonIndicator, None, snooze)
    margins = 2 * style.pixelMetric(QStyle.PM_ButtonMargin, None, snooze)
    assert snooze.width() >= snooze.fontMetrics().horizontalAdvance("Snooze") + arrow + margins
    [week, month] = snooze.menu().actions()
    assert (week.text(), month.text()) == ("For a week", "For a month")
    with qtbot.waitSignal(page.message) as said:
        week.trigger()
    until = today + dt.timedelta(days=7)
    assert said.args == [f"Snoozed until {short_date(until)}. Ctrl+Z undoes it."]
    assert "-" not in said.args[0]  # a date as people read it, not 2026-12-12
    assert [w.text() for w in settled(page).attention.row_widgets] == [
        "Nobody needs attention today."
    ]


def test_a_prompt_becomes_a_heading_in_the_reflection(window):
    people.add_person("Ada")  # (an empty journal shows the welcome page instead)
    page = today_page(window)
    assert "Who helped me?" in page.prompts.text()
    page.prompts.linkActivated.emit("1")
    assert page.editor.editor.toPlainText() == "### Who helped me?\n"
    page.prompts.linkActivated.emit("0")
    assert page.editor.editor.toPlainText() == "### Who helped me?\n\n### Who did I help today?\n"


def test_the_days_heading_and_on_this_day_read_as_people_say_dates(window, qtbot, today):
    ada = people.add_person("Ada")
    last_year = today.replace(year=today.year - 1) if (today.month, today.day) != (2, 29) else today
    interactions.log_interaction(last_year, "Kick-off", [ada.id])
    page = today_page(window)
    assert page.title.text() == f"Today — {long_date(today)}"
    [row] = page.history.row_widgets
    [go] = [b for b in row.findChildren(QAbstractButton) if b.text() == "Go"]
    assert go.toolTip() == f"Show {short_date(last_year)}"
    for text in (page.title.text(), go.toolTip()):
        assert today.isoformat()[:7] not in text and last_year.isoformat()[:7] not in text
