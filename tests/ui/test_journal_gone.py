"""The journal's file deleted while the window has it open: no "Saved" for a write into
a deleted file, a dialog that saves the journal it holds to a new file; and SIGTERM and
SIGHUP quit as the Quit action does."""

from __future__ import annotations

import signal
import subprocess
import sys
import time

import pytest
from PySide6.QtWidgets import QFileDialog, QMessageBox

from tests.helpers.cli import REPO, user_env
from winwin_desktop.journal import ValidationError, backups, people
from winwin_desktop.ui.main_window import TODAY


def test_a_closed_window_asks_nothing_when_the_file_goes(window, journal_path, monkeypatch):
    # A window closed (its process going, or a test's window not yet collected) must not
    # pop a dialog over whatever is on screen now.
    shown = []
    monkeypatch.setattr(QMessageBox, "exec", lambda box: shown.append(box.text()))
    window.close()
    journal_path.unlink()
    assert not window.journal_watch.check()
    assert shown == []


def test_a_deleted_journal_is_noticed_and_saved_to_a_new_file(
    window, journal_path, tmp_path, monkeypatch
):
    window.actions.run("Add Ada", lambda: people.add_person("Ada Lovelace"))
    journal_path.unlink()

    window.show_page(TODAY)
    editor = window.today_page.editor
    editor.editor.insertPlainText("Typed after the file went.")
    assert not window.today_page.flush()
    assert editor.status.text() == "Not saved"
    try:
        window.actions.run("Add Grace", lambda: people.add_person("Grace Hopper"))
    except ValidationError as refused:
        assert f"The journal file {journal_path} was deleted by another program" in refused.message
    else:
        raise AssertionError("a write into a deleted journal was accepted")

    shown = []

    def answer(box):
        shown.append(box.text())
        box.buttons()[0].click()  # "Save to a new file…"

    target = tmp_path / "rescued.db"
    monkeypatch.setattr(QMessageBox, "exec", answer)
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *args, **kwargs: (str(target), ""))
    assert window.journal_watch.check()
    assert shown and f"{journal_path} was deleted by another program" in shown[0]
    assert window.journal_path == target
    assert [name for _, name in people.people_names()] == ["Ada Lovelace"]
    assert backups.check() == []
    assert "Saved the journal to" in window.statusBar().currentMessage()
    assert window.today_page.flush()  # the text typed meanwhile goes into the new file


@pytest.mark.parametrize("how", [signal.SIGTERM, signal.SIGHUP], ids=["SIGTERM", "SIGHUP"])
def test_a_signal_to_stop_quits_cleanly(tmp_path, how):
    path = tmp_path / "journal.db"
    env = user_env(tmp_path, QT_QPA_PLATFORM="offscreen")
    window = subprocess.Popen(
        [sys.executable, "-m", "winwin_desktop", "--db", str(path)],
        env=env,
        cwd=REPO,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    lock = tmp_path / "journal.db.lock"
    deadline = time.monotonic() + 60
    while not lock.exists() and time.monotonic() < deadline:
        time.sleep(0.1)
    assert lock.exists(), window.stderr.read() if window.poll() is not None else "no lock"
    time.sleep(3)  # the window is up
    window.send_signal(how)
    _out, err = window.communicate(timeout=60)
    assert window.returncode == 0, err
    assert "Created a new journal at" in err
    assert not lock.exists()
    assert "Traceback" not in err
    # The quit snapshot (or, taken within the same second, the day's first one that the
    # pruning keeps instead).
    assert list((tmp_path / "backups").glob("journal.*.db"))
