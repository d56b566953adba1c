"""The Today page shows its day first and reads what looks at everyone (who needs
attention, the names for @-completion) once the day is on screen: "…" until then, never a
wrong "Nobody needs attention"; moving between days keeps the list it read."""

from __future__ import annotations

import datetime as dt

from PySide6.QtWidgets import QLabel

from tests.helpers.today import settled_today_page
from tests.helpers.typing import type_text
from winwin_desktop.journal import interactions, people, reflections
from winwin_desktop.ui.main_window import TODAY
from winwin_desktop.ui.today_page import (
    MOST_LOGGED_ROWS,
    MOST_PAST_TITLES,
    NOBODY_NEEDS_ATTENTION,
    READING,
)


def row_texts(section) -> list[str]:
    return [
        widget.text() if isinstance(widget, QLabel) else widget.findChild(QLabel).text()
        for widget in section.row_widgets
    ]


def test_who_needs_attention_shows_an_ellipsis_until_the_page_has_painted(
    make_window, journal, qtbot, today
):
    ada = people.add_person("Ada Obi", cadence_days=7)
    interactions.log_interaction(today - dt.timedelta(days=30), "Old call", [ada.id])
    reflections.save_reflection(today, "Coffee with @Ada Obi")
    window = make_window()  # opens on People: Today is built when first shown
    window.show_page(TODAY)
    page = window.today_page

    # The day at once; who needs attention not yet, and not said to be nobody.
    assert page.editor.editor.toPlainText() == "Coffee with @Ada Obi"
    assert page.reading_people_part
    assert row_texts(page.attention) == [READING]
    # The mention is known (a link) before everyone's names are read.
    assert page.editor.editor.people == [(ada.id, "Ada Obi")]

    qtbot.waitUntil(lambda: not page.reading_people_part)
    [row] = row_texts(page.attention)
    assert row.startswith("<b>Ada Obi</b>") and "No contact for 30 days" in row
    # Everyone's names coloured the mentions again: not an edit.
    assert page.editor.editor.people == [(ada.id, "Ada Obi")]
    assert page.editor.status.text() == "" and not page.editor.is_dirty


def test_nobody_needing_attention_is_said_once_read(make_window, journal, qtbot, today):
    people.add_person("Ada Obi")
    window = make_window()
    page = settled_today_page(window)
    assert row_texts(page.attention) == [NOBODY_NEEDS_ATTENTION]


def test_moving_between_days_keeps_the_list_read_and_everyone_completes(window, qtbot, today):
    ada = people.add_person("Ada Obi", cadence_days=7)
    interactions.log_interaction(today - dt.timedelta(days=30), "Old call", [ada.id])
    people.add_person("Sam Lee", organisation="Globex")
    people.add_person("Sam Lee", organisation="Initech")
    page = settled_today_page(window)
    rows = list(page.attention.row_widgets)

    page.previous.click()
    assert page.day == today - dt.timedelta(days=1)
    assert not page.reading_people_part and page.attention.row_widgets == rows
    page.next.click()
    assert not page.reading_people_part and page.attention.row_widgets == rows

    editor = page.editor.editor
    editor.setFocus()
    type_text(editor, "Lunch with @sam")
    model = editor.completer.model()
    assert [model.index(i, 0).data() for i in range(model.rowCount())] == [
        "Sam Lee (Globex)",
        "Sam Lee (Initech)",
    ]


def test_a_busy_day_shows_its_first_interactions_and_on_this_day_its_first_titles(
    window, qtbot, today
):
    ada = people.add_person("Ada Obi").id
    for n in range(MOST_LOGGED_ROWS + 2):
        interactions.log_interaction(today, f"Call {n}", [ada], time=dt.time(8 + n))
    a_year_ago = today.replace(year=today.year - 1)
    for n in range(MOST_PAST_TITLES + 4):
        interactions.log_interaction(a_year_ago, f"Talk {n}", [ada], time=dt.time(8 + n))
    page = settled_today_page(window)

    assert len(page.logged.row_widgets) == MOST_LOGGED_ROWS
    assert page.logged.show_all_button.text() == f"Show all {MOST_LOGGED_ROWS + 2}"
    page.logged.show_all_button.click()
    assert len(page.logged.row_widgets) == MOST_LOGGED_ROWS + 2
    [past] = row_texts(page.history)
    assert past == f"<b>{a_year_ago.year}</b> — Talk 0 · Talk 1 · Talk 2 · and 4 more"
