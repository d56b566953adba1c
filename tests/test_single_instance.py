"""One process per journal: a second ``winwin`` brings the first window forward and exits
0, a lock left by a killed WinWin is recovered, a journal that stays locked is explained
with exit 1 — and the window shows what the command line wrote once it regains focus.

The windows here are real ``winwin`` processes (offscreen), started with subprocess.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings

from winwin_desktop.journal import people
from winwin_desktop.ui.single_instance import lock_path, server_name

REPO = Path(__file__).resolve().parents[1]

# A WinWin window that reports, on stdout, each window it shows, each time another launch
# asks it to come forward, and each error message (which nobody could click away here).
WINDOW = textwrap.dedent(
    """
    import sys
    from pathlib import Path
    from PySide6.QtWidgets import QMessageBox
    from winwin_desktop import app
    from winwin_desktop.ui import single_instance

    QMessageBox.critical = lambda parent, title, text: print("message:", text, flush=True)

    bring_forward = single_instance.bring_forward
    attach = single_instance.SingleInstance.attach

    def reporting_bring_forward(window):
        bring_forward(window)
        print("raised", type(window).__name__, flush=True)

    def reporting_attach(self, window):
        attach(self, window)
        print("showing", type(window).__name__, flush=True)

    single_instance.bring_forward = reporting_bring_forward
    single_instance.SingleInstance.attach = reporting_attach
    sys.exit(app.run_gui(Path(sys.argv[1])))
    """
)

# Holds the journal's lock file as WinWin would, without a window or a socket.
LOCK_HOLDER = textwrap.dedent(
    """
    import sys, time
    from PySide6.QtCore import QLockFile
    lock = QLockFile(sys.argv[1])
    lock.setStaleLockTime(0)
    print("locked" if lock.tryLock(0) else "failed", flush=True)
    time.sleep(60)
    """
)

# Holds the lock and listens as WinWin does, but never answers: a WinWin that hangs.
HUNG_WINWIN = textwrap.dedent(
    """
    import sys, time
    from PySide6.QtCore import QCoreApplication, QLockFile
    from PySide6.QtNetwork import QLocalServer
    app = QCoreApplication([])
    lock = QLockFile(sys.argv[1])
    lock.setStaleLockTime(0)
    server = QLocalServer()
    print("listening" if lock.tryLock(0) and server.listen(sys.argv[2]) else "failed", flush=True)
    time.sleep(60)
    """
)


def environment() -> dict[str, str]:
    # The isolated HOME and XDG folders of tests/conftest.py are in os.environ.
    return {**os.environ, "QT_QPA_PLATFORM": "offscreen", "PYTHONPATH": str(REPO)}


def start(script: str, *args: str) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-c", script, *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=environment(),
        cwd=REPO,
    )


def winwin(*args: str, timeout: float = 30) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "winwin_desktop", *args],
        capture_output=True,
        text=True,
        env=environment(),
        cwd=REPO,
        timeout=timeout,
    )


def expect_line(process: subprocess.Popen, wanted: str) -> None:
    line = process.stdout.readline().strip()
    if line != wanted:
        process.kill()
        raise AssertionError(f"expected {wanted!r}, got {line!r}; stderr: {process.stderr.read()}")


def stop(process: subprocess.Popen, how: signal.Signals = signal.SIGTERM) -> None:
    if process.poll() is None:
        process.send_signal(how)
    process.wait(10)


@pytest.fixture
def processes():
    started: list[subprocess.Popen] = []
    yield started
    for process in started:
        stop(process, signal.SIGKILL)


def test_a_second_launch_brings_the_first_window_forward_and_exits_0(tmp_path, processes):
    journal = tmp_path / "journal.db"
    first = start(WINDOW, str(journal))
    processes.append(first)
    expect_line(first, "showing MainWindow")

    second = winwin("--db", str(journal))

    assert second.returncode == 0, second.stderr
    assert second.stdout == f"WinWin already has {journal} open: its window was brought forward.\n"
    expect_line(first, "raised MainWindow")
    # The same journal under another spelling of its path is the same journal.
    third = winwin("--db", str(tmp_path / "." / "journal.db"))
    assert third.returncode == 0, third.stderr
    expect_line(first, "raised MainWindow")
    assert first.poll() is None


def test_a_second_launch_while_the_first_is_still_starting_brings_it_forward(tmp_path, processes):
    # The first window answers other launches once it has painted: a launch in between
    # keeps asking (for up to LISTEN_GRACE_S) rather than calling the journal locked.
    journal = tmp_path / "journal.db"
    first = start(WINDOW, str(journal))
    processes.append(first)
    deadline = time.monotonic() + 30
    while not lock_path(journal).exists() and time.monotonic() < deadline:
        time.sleep(0.01)
    second = winwin("--db", str(journal))
    assert second.returncode == 0, second.stderr
    assert second.stdout == f"WinWin already has {journal} open: its window was brought forward.\n"
    expect_line(first, "showing MainWindow")
    expect_line(first, "raised MainWindow")


def test_a_lock_left_by_a_killed_winwin_is_recovered(tmp_path, processes):
    journal = tmp_path / "journal.db"
    killed = start(WINDOW, str(journal))
    processes.append(killed)
    expect_line(killed, "showing MainWindow")
    stop(killed, signal.SIGKILL)
    assert lock_path(journal).exists(), "the killed WinWin left its lock behind"

    after = start(WINDOW, str(journal))
    processes.append(after)
    expect_line(after, "showing MainWindow")  # it opened the journal: the lock is its own
    assert lock_path(journal).read_text().split("\n")[0] == str(after.pid)
    again = winwin("--db", str(journal))
    assert again.returncode == 0, again.stderr
    expect_line(after, "raised MainWindow")


def test_a_lock_whose_process_number_now_belongs_to_another_program_is_recovered(
    tmp_path, processes
):
    journal = tmp_path / "journal.db"
    holder = start(LOCK_HOLDER, str(lock_path(journal)))
    processes.append(holder)
    expect_line(holder, "locked")
    stop(holder, signal.SIGKILL)
    # The number of the dead holder now names a live Python process, as after a reboot.
    stranger = start("import time; time.sleep(60)")
    processes.append(stranger)
    lines = lock_path(journal).read_text().split("\n")
    lock_path(journal).write_text("\n".join([str(stranger.pid), *lines[1:]]))

    window = start(WINDOW, str(journal))
    processes.append(window)
    expect_line(window, "showing MainWindow")
    assert lock_path(journal).read_text().split("\n")[0] == str(window.pid)


def test_a_journal_locked_by_a_winwin_that_does_not_answer_is_explained_with_exit_1(
    tmp_path, processes
):
    journal = tmp_path / "journal.db"
    holder = start(LOCK_HOLDER, str(lock_path(journal)))
    processes.append(holder)
    expect_line(holder, "locked")

    refused = start(WINDOW, str(journal))
    stdout, stderr = refused.communicate(timeout=30)

    reason = (
        f"{journal} is locked by another program (process {holder.pid}); close it, "
        f"or delete {lock_path(journal)} if no WinWin is running."
    )
    assert refused.returncode == 1
    assert stdout == f"message: {reason}\n"
    assert stderr.endswith(f"winwin: {reason}\n")
    assert not journal.exists(), "nothing was written"


def test_a_winwin_that_does_not_answer_is_explained_with_exit_1(tmp_path, processes):
    journal = tmp_path / "journal.db"
    hung = start(HUNG_WINWIN, str(lock_path(journal)), server_name(journal))
    processes.append(hung)
    expect_line(hung, "listening")

    refused = start(WINDOW, str(journal))
    stdout, stderr = refused.communicate(timeout=30)

    reason = (
        f"WinWin already has {journal} open (process {hung.pid}), but it does not answer; "
        "wait a moment and try again, or close that window."
    )
    assert refused.returncode == 1
    assert stdout == f"message: {reason}\n"
    assert stderr.endswith(f"winwin: {reason}\n")


def test_a_journal_open_on_another_computer_is_explained_with_exit_1(tmp_path, processes):
    journal = tmp_path / "shared" / "journal.db"
    journal.parent.mkdir()
    holder = start(LOCK_HOLDER, str(lock_path(journal)))
    processes.append(holder)
    expect_line(holder, "locked")
    stop(holder, signal.SIGKILL)
    # As a WinWin on a laptop leaves it in a shared folder (another host name, machine id
    # and boot id): its process cannot be checked from here.
    pid, app, *_ = lock_path(journal).read_text().split("\n")
    elsewhere = [pid, app, "laptop-elsewhere", "0" * 32, "00000000-0000-0000-0000-000000000000"]
    lock_path(journal).write_text("\n".join([*elsewhere, ""]))

    refused = start(WINDOW, str(journal))
    stdout, _ = refused.communicate(timeout=30)

    assert refused.returncode == 1
    assert stdout == (
        f"message: {journal} is open in WinWin on laptop-elsewhere (process {pid}); "
        "close it there first.\n"
    )
    assert lock_path(journal).exists(), "another computer's lock is left alone"


def test_the_window_shows_what_the_command_line_wrote_when_it_regains_focus(
    tmp_path, qtbot, journal_path, journal
):
    from winwin_desktop.ui.main_window import PEOPLE, MainWindow

    window = MainWindow(journal_path, QSettings(str(tmp_path / "window.ini"), QSettings.IniFormat))
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    window.show_page(PEOPLE)
    assert window.people_page.model.rowCount() == 0

    logged = winwin("log", "Ada Lovelace", "--new", "--title", "Call", "--db", str(journal_path))
    assert logged.returncode == 0, logged.stderr
    assert window.people_page.model.rowCount() == 0  # not yet: the window is not refreshed

    assert window.refresh_if_changed_elsewhere()
    assert [window.people_page.model.person_at(0).name] == ["Ada Lovelace"]
    # Nothing new since: focus alone does not reload the page.
    assert not window.refresh_if_changed_elsewhere()
    # The window's own saves are not "changes elsewhere".
    people.add_person("Grace Hopper")
    assert not window.refresh_if_changed_elsewhere()


def test_regaining_focus_refreshes_the_page(tmp_path, qtbot, journal_path, journal):
    from PySide6.QtWidgets import QWidget

    from winwin_desktop.ui.main_window import PEOPLE, MainWindow

    window = MainWindow(journal_path, QSettings(str(tmp_path / "window.ini"), QSettings.IniFormat))
    qtbot.addWidget(window)
    window.show()
    window.show_page(PEOPLE)
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    other = QWidget()
    qtbot.addWidget(other)
    other.show()
    other.activateWindow()
    qtbot.waitUntil(lambda: not window.isActiveWindow())

    assert winwin("person", "add", "Ada Lovelace", "--db", str(journal_path)).returncode == 0
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    qtbot.waitUntil(lambda: window.people_page.model.rowCount() == 1)
    assert window.people_page.model.person_at(0).name == "Ada Lovelace"


def test_the_lock_is_released_with_the_claim(tmp_path, qapp):
    from winwin_desktop.ui.single_instance import SingleInstance

    journal = tmp_path / "journal.db"
    claim = SingleInstance(journal)
    assert claim.claim()
    assert lock_path(journal).exists()
    claim.release()
    assert not lock_path(journal).exists()
    again = SingleInstance(journal)
    assert again.claim()
    again.release()
