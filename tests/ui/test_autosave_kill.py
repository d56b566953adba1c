"""Killed while typing: at most the last 5 seconds of a reflection are lost."""

from __future__ import annotations

import datetime as dt
import os
import signal
import subprocess
import sys
import textwrap
from pathlib import Path

from winwin_desktop.journal import reflections
from winwin_desktop.store import open_journal

CHILD = textwrap.dedent(
    """
    import sys, time
    from PySide6.QtCore import QSettings, QTimer
    from PySide6.QtWidgets import QApplication
    from winwin_desktop.store import open_journal
    from winwin_desktop.ui.main_window import MainWindow, TODAY

    app = QApplication([])
    path = sys.argv[1]
    open_journal(path)
    window = MainWindow(path, QSettings(sys.argv[2], QSettings.IniFormat))
    window.show()
    window.show_page(TODAY)
    editor = window.today_page.editor.editor
    count = 0

    def type_word():
        global count
        count += 1
        editor.insertPlainText(f"w{count} ")
        print(f"typed {count} {time.time():.3f}", flush=True)

    timer = QTimer(interval=100)
    timer.timeout.connect(type_word)
    timer.start()
    app.exec()
    """
)


def test_sigkill_while_typing_loses_at_most_five_seconds(tmp_path):
    journal = tmp_path / "journal.db"
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "HOME": str(tmp_path)}
    child = subprocess.Popen(
        [sys.executable, "-c", CHILD, str(journal), str(tmp_path / "window.ini")],
        stdout=subprocess.PIPE,
        text=True,
        env=env,
        cwd=Path(__file__).resolve().parents[2],
    )
    typed: list[tuple[int, float]] = []
    try:
        while True:
            line = child.stdout.readline()
            assert line, "the child stopped before typing"
            _, number, stamp = line.split()
            typed.append((int(number), float(stamp)))
            if typed[-1][1] - typed[0][1] >= 9:
                break
    finally:
        child.send_signal(signal.SIGKILL)
        child.wait(10)
    killed_at = typed[-1][1]
    open_journal(journal)
    saved = reflections.get_reflection(dt.date.today()).text.split()
    must_have = [n for n, stamp in typed if stamp <= killed_at - 5]
    assert must_have, "typing went on for long enough to test"
    assert saved[: len(must_have)] == [f"w{n}" for n in must_have]
