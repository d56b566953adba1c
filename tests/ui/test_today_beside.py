"""Who needs attention is read beside the window (a thread with a connection of its own,
on a journal file): the page answers meanwhile and says "…" until the first answer, in
the room the list will take; an answer older than a change of the user's is dropped; and
the list is read again only when the journal has changed."""

from __future__ import annotations

import datetime as dt
import threading

import pytest
from PySide6.QtCore import QPoint

from tests.helpers.today import settled, settled_today_page
from tests.helpers.typing import type_text
from tests.ui.test_today_after_paint import row_texts
from winwin_desktop.journal import interactions, people
from winwin_desktop.journal import today as today_module
from winwin_desktop.ui.main_window import PEOPLE, TODAY
from winwin_desktop.ui.today_page import MOST_ATTENTION_ROWS, NOBODY_NEEDS_ATTENTION, READING

# A server's read is one round trip, made at once: nothing to hold while the page answers.
beside = pytest.mark.needs_file("the read beside the window runs on a file's own thread")


@pytest.fixture
def held_reads(monkeypatch):
    """Every read of who needs attention, once it has read the journal, waits until the
    test lets it go; the names of the people each answered, in order."""
    release = threading.Event()
    answered: list[list[str]] = []
    read = today_module.people_part

    def held(*args, **kwargs):
        part = read(*args, **kwargs)
        assert release.wait(10), "the test never let the read go"
        answered.append([item.name for item in part.attention])
        return part

    monkeypatch.setattr(today_module, "people_part", held)
    return release, answered


def neglected(count: int, today: dt.date) -> list[int]:
    """``count`` people not met for 30 days, weekly cadence: each needs attention."""
    ids = []
    for n in range(count):
        person = people.add_person(f"Person {n}", cadence_days=7)
        interactions.log_interaction(today - dt.timedelta(days=30), f"Call {n}", [person.id])
        ids.append(person.id)
    return ids


def on_this_day_top(page) -> QPoint:
    return page.history.mapTo(page, QPoint(0, 0))


@beside
def test_typing_goes_on_while_who_needs_attention_is_read_and_nothing_moves_when_it_comes(
    make_window, journal, qtbot, today, held_reads
):
    release, answered = held_reads
    neglected(MOST_ATTENTION_ROWS + 2, today)
    a_year_ago = (
        today.replace(year=today.year - 1) if (today.month, today.day) != (2, 29) else today
    )
    interactions.log_interaction(a_year_ago, "Kick-off", [people.find_person("Person 0").id])
    release.set()
    window = make_window()
    window.resize(1280, 800)
    settled_today_page(window)
    qtbot.wait(50)  # laid out
    window.close()  # the room the list took is remembered for the next start
    release.clear()

    window = make_window()
    window.resize(1280, 800)
    window.show_page(TODAY)
    page = window.today_page
    qtbot.waitUntil(lambda: page._reading is not None)  # painted; the read under way
    editor = page.editor.editor
    editor.setFocus()
    type_text(editor, "Lunch with Ada")
    qtbot.wait(50)
    assert editor.toPlainText() == "Lunch with Ada"
    assert page.reading_people_part and row_texts(page.attention) == [READING]
    [past] = row_texts(page.history)
    assert "Kick-off" in past
    before = on_this_day_top(page)

    release.set()
    settled(page)
    everyone = [f"Person {n}" for n in range(MOST_ATTENTION_ROWS + 2)]
    assert answered == [everyone, everyone]
    assert len(page.attention.row_widgets) == MOST_ATTENTION_ROWS
    qtbot.wait(10)  # laid out
    assert on_this_day_top(page) == before
    assert editor.toPlainText() == "Lunch with Ada"


@beside
def test_until_the_first_read_the_list_has_the_room_of_its_first_rows(
    make_window, journal, qtbot, today, held_reads
):
    release, _ = held_reads
    neglected(MOST_ATTENTION_ROWS + 2, today)
    window = make_window()
    window.show_page(TODAY)
    page = window.today_page
    qtbot.waitUntil(lambda: page._reading is not None)
    placeholder = page.attention.row_widgets[0]
    buttons = page.attention.show_all_button.sizeHint().height()
    # At least the rows' buttons, one above the other, and the link under them.
    assert placeholder.height() >= MOST_ATTENTION_ROWS * buttons
    release.set()
    settled(page)
    assert page.attention.minimumHeight() == 0  # the rows' own room from now on


@beside
def test_an_answer_read_before_a_change_of_the_users_is_dropped_and_read_again(
    make_window, journal, qtbot, today, held_reads
):
    release, answered = held_reads
    [ada] = neglected(1, today)
    window = make_window()
    window.show_page(TODAY)
    page = window.today_page
    qtbot.waitUntil(lambda: page._reading is not None)
    shown: list[list[str]] = []
    fill = page._fill_attention
    page._fill_attention = lambda found: (shown.append([a.name for a in found]), fill(found))

    page.snooze(ada, 7)  # while the first read is under way
    assert row_texts(page.attention) == [READING]
    release.set()
    settled(page)
    # The first answer (Person 0 drifting) came, and was never shown.
    assert answered == [["Person 0"], []]
    assert shown == [[]]
    assert row_texts(page.attention) == [NOBODY_NEEDS_ATTENTION]


def test_the_list_is_read_again_only_when_the_journal_has_changed(
    make_window, journal, qtbot, today, held_reads
):
    release, answered = held_reads
    release.set()
    [ada, _] = neglected(2, today)
    window = make_window()
    page = settled_today_page(window)
    assert answered == [["Person 0", "Person 1"]]

    window.show_page(PEOPLE)
    settled_today_page(window)
    page.show_day(today - dt.timedelta(days=1))
    page.show_day(today)
    assert answered == [["Person 0", "Person 1"]]  # nothing changed: the list read before

    page.snooze(ada, 7)
    settled(page)
    assert answered[-1] == ["Person 1"]
    assert [row.split(" — ")[0] for row in row_texts(page.attention)] == ["<b>Person 1</b>"]


@beside
def test_a_journal_file_deleted_meanwhile_is_read_through_the_open_connection_not_made_again(
    journal, journal_path, today
):
    neglected(1, today)
    page = today_module.day_page(today, (today, today))
    journal_path.unlink()  # by another program, with the journal open

    reading = today_module.people_part_in_background(page.stored)
    part, names = reading()
    assert [item.name for item in part.attention] == ["Person 0"]
    assert names.names == part.names
    # A connection of its own would have made an empty journal at the path.
    assert not journal_path.exists()


@beside
def test_a_read_started_as_the_file_is_deleted_does_not_make_it_again(
    journal, journal_path, today, monkeypatch
):
    from winwin_desktop.store import aggregates

    neglected(1, today)
    page = today_module.day_page(today, (today, today))
    journal_path.unlink()
    # As if the file went between the check and the thread's connection.
    monkeypatch.setattr(aggregates, "reads_beside", lambda db: True)

    part, _names = today_module.people_part_in_background(page.stored)()
    assert [item.name for item in part.attention] == ["Person 0"]
    assert not journal_path.exists()
