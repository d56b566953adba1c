"""Another program writing to the journal (the command line, say) while the window saves:
the save waits for it up to the busy timeout, and past it says so plainly, keeping what
the user typed and writing nothing."""

from __future__ import annotations

import sqlite3
import threading
import time

import pytest
from PySide6.QtWidgets import QMessageBox

from tests.helpers.typing import type_text
from winwin_desktop.journal import ValidationError, people
from winwin_desktop.store.models import database
from winwin_desktop.ui import errors
from winwin_desktop.ui.undo import Actions, JournalUnavailable


@pytest.fixture
def other_writer(journal_path, journal):
    """Another connection that takes the journal's write lock on ``hold()`` and keeps it
    until ``release()``."""
    con = sqlite3.connect(journal_path, isolation_level=None, check_same_thread=False)

    class Writer:
        held = False

        def hold(self) -> Writer:
            con.execute("BEGIN IMMEDIATE")
            self.held = True
            return self

        def release(self) -> None:
            if self.held:
                con.execute("ROLLBACK")
                self.held = False

    writer = Writer()
    yield writer
    writer.release()
    con.close()


def names() -> list[str]:
    return [name for _, name in people.people_names()]


def test_a_save_waits_for_another_writer_to_finish(other_writer, qapp):
    actions = Actions()
    other_writer.hold()
    threading.Timer(0.4, other_writer.release).start()
    started = time.monotonic()
    actions.run("Add Ada", lambda: people.add_person("Ada Lovelace"))
    assert time.monotonic() - started >= 0.3  # it waited, then wrote
    assert names() == ["Ada Lovelace"]
    assert actions.stack.count() == 1


def test_past_the_busy_timeout_nothing_is_written_and_it_says_so(other_writer, qapp):
    database.execute_sql("PRAGMA busy_timeout = 150")
    other_writer.hold()
    actions = Actions()
    with pytest.raises(JournalUnavailable) as refused:
        actions.run("Add Ada", lambda: people.add_person("Ada Lovelace"))
    assert refused.value.message.startswith("The journal could not be written (database is locked)")
    assert "nothing was saved" in refused.value.message
    assert actions.stack.count() == 0
    other_writer.release()
    assert names() == []


def test_the_log_dialog_keeps_the_typed_interaction_when_the_journal_is_busy(
    other_writer, window, qtbot
):
    people.add_person("Ada Lovelace")
    database.execute_sql("PRAGMA busy_timeout = 150")
    other_writer.hold()
    dialog = window.log_interaction()
    dialog.who.setText("Ada Lovelace")
    type_text(dialog.title, "Coffee")
    dialog.save()
    assert dialog.isVisible() and dialog.title.text() == "Coffee"
    shown = [label.text() for label in dialog.errors.values() if label.text()]
    assert len(shown) == 1 and "could not be written (database is locked)" in shown[0]

    other_writer.release()
    dialog.save()
    assert not dialog.isVisible()
    assert dialog.saved.title == "Coffee"


def test_an_error_no_dialog_caught_is_one_sentence_in_a_box(monkeypatch, capsys, qapp):
    shown = []
    monkeypatch.setattr(QMessageBox, "warning", lambda parent, title, text: shown.append(text))
    refused = ValidationError("name", "A person needs a name; type one.")
    errors.report(ValidationError, refused, None)
    try:
        raise KeyError("photo")
    except KeyError as error:
        errors.report(KeyError, error, error.__traceback__)
    assert shown[0] == "A person needs a name; type one."
    assert shown[1].startswith("Something went wrong (KeyError: 'photo'). What was saved")
    printed = capsys.readouterr().err
    assert "Traceback" in printed and "KeyError: 'photo'" in printed  # for a bug report
    assert "A person needs a name" not in printed
