"""Issue 13: a row the window cannot read (an interaction's date that is not a date) is
one sentence in a box naming the journal, the row, `winwin check` and the restore menu —
on the People page and the person's page alike — never a traceback's last line."""

from __future__ import annotations

import sqlite3
import sys

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QMessageBox

from winwin_desktop.journal import interactions, people
from winwin_desktop.journal.interactions import ExchangeData
from winwin_desktop.journal.opening import close_journal
from winwin_desktop.ui import errors

# The window's own exception hook is what shows the sentence.
pytestmark = [
    pytest.mark.qt_no_exception_capture,
    pytest.mark.needs_file("SQLite stores any value in any column; a server does not"),
]


def test_the_people_page_and_the_person_page_name_a_damaged_row(
    journal, journal_path, make_window, qtbot, monkeypatch
):
    ada = people.add_person("Ada Lovelace")
    interactions.log_interaction(
        "2026-09-01", "Kick-off", [ada.id], exchanges=[ExchangeData(ada.id, "given", "advice", 3)]
    )
    close_journal()
    con = sqlite3.connect(journal_path)
    con.execute("UPDATE interaction SET date = 'garbage'")
    con.commit()
    con.close()
    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda parent, title, text: shown.append(text))
    monkeypatch.setattr(sys, "excepthook", errors.report)

    window = make_window()
    qtbot.keyClick(window, Qt.Key_2, Qt.ControlModifier)  # the People page
    qtbot.waitUntil(lambda: len(shown) >= 1)
    on_people_page = len(shown)
    # The person's page, as a link to them (a search result, a name on Today) opens it.
    QTimer.singleShot(0, lambda: window.open_person(ada.id))
    qtbot.waitUntil(lambda: len(shown) > on_people_page)
    sentence = (
        f"The journal {journal_path} has a damaged row (interaction 1: its date is "
        "“garbage”, not a date): run `winwin check` to see what else is damaged, and "
        "restore its latest snapshot (File → Restore from a snapshot…)."
    )
    assert set(shown) == {sentence}
