"""Starting the GUI: the application, its theme, the journal, the main window."""

from __future__ import annotations

import contextlib
import gc
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from winwin_desktop import APP_NAME, __version__
from winwin_desktop.resources import app_icon_files, resource_path

if TYPE_CHECKING:
    from winwin_desktop.ui.single_instance import SingleInstance

# Set by benchmarks/run_all.py: print when the window first paints, then quit.
EXIT_AFTER_FIRST_PAINT = "WINWIN_EXIT_AFTER_FIRST_PAINT"
# The charts' imports start this long after the first paint (ui.chart_canvas.warm_up_charts).
CHARTS_WARM_UP_MS = 2000


def run_gui(db_path: str | os.PathLike | None = None, demo: bool = False) -> int:
    # No cyclic garbage collection until the window has painted: the start makes
    # hundreds of thousands of objects that all live on (modules, Qt's enums, ten thousand
    # people), and the collector walking them again and again took about a tenth of the
    # start (30 ms of the People list's 50 on the reference journal). After the first
    # paint they are set aside as permanent (gc.freeze) and collection resumes.
    gc.disable()
    try:
        return _run_gui(db_path, demo)
    finally:
        gc.enable()  # (a window that never painted: nothing set aside)


def _collect_garbage_again() -> None:
    """Resume the garbage collection paused for the start, with what the start made set
    aside as permanent (reference counting still frees it once unused)."""
    if not gc.isenabled():
        gc.freeze()
        gc.enable()


def _run_gui(db_path: str | os.PathLike | None, demo: bool) -> int:
    # The journal's code (peewee and its drivers) before Qt: once PySide6 is loaded, it
    # reads the source of every module imported after it (for its __feature__ imports).
    # So too what the window needs that does not use Qt: the settings' folders, the lock's
    # user name, the signals, the colours, the journal's use cases the window calls.
    import getpass  # noqa: F401
    import signal  # noqa: F401

    import platformdirs  # noqa: F401

    from winwin_desktop import colours  # noqa: F401
    from winwin_desktop.charts import palette  # noqa: F401
    from winwin_desktop.journal import people, protection, shared_journals, targets, undo  # noqa: F401
    from winwin_desktop.journal.opening import (
        JournalError,
        default_journal_path,
        is_url,
        journal_location,
    )

    # Every file WinWin creates (journal, -wal, -shm, lock, backups, exports) is its
    # owner's only, whatever the session's umask.
    os.umask(0o077)
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication, QMessageBox

    from winwin_desktop.ui import theme
    from winwin_desktop.ui.single_instance import JournalInUse
    from winwin_desktop.ui.window_settings import ui_settings

    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setApplicationName(APP_NAME)
    app.setApplicationVersion(__version__)
    app.setDesktopFileName("winwin")
    app.setWindowIcon(app_icon())
    settings = ui_settings()
    theme.apply_theme(app, str(settings.value("theme", theme.SYSTEM)))
    from winwin_desktop.ui.fonts import add_emoji_fallback

    add_emoji_fallback(app)

    try:
        if demo:
            from winwin_desktop.demo import build_demo, demo_path

            path = build_demo(demo_path())
        else:
            path = journal_location(db_path) if db_path else default_journal_path()
        if is_url(path):  # a shared journal on a server: no file, no lock
            from winwin_desktop.ui.open_shared_dialog import open_shared_at_start

            opened = open_shared_at_start(path)
        else:
            opened = _open_with_lock(Path(path))
    except (JournalError, JournalInUse) as error:
        QMessageBox.critical(None, APP_NAME, str(error))
        print(f"winwin: {error}", file=sys.stderr)
        return 1
    if opened is None:
        return 1
    path, instance = opened
    if instance is None:
        print(f"WinWin already has {path} open: its window was brought forward.")
        return 0
    from winwin_desktop.ui import errors

    previous_hook = errors.install()  # from here on, a failing action says so in a sentence
    # Measuring the first paint (benchmarks, CI) takes no snapshots, at start or at quit.
    measuring = bool(os.environ.get(EXIT_AFTER_FIRST_PAINT))
    # The people's totals are read once the window has painted (the list naming everyone),
    # on another core while the person beside the list is laid out: read beside the
    # start, they took the core the start needed on a busy machine (0.3 s later).
    reading_ahead = contextlib.ExitStack()
    try:
        from winwin_desktop.ui.main_window import MainWindow

        window = MainWindow(
            path,
            settings,
            automatic_snapshots=not (demo or measuring or is_url(path)),
            paint_first=True,
        )
        instance.attach(window)
        if demo:
            window.setWindowTitle(f"{APP_NAME} — demo journal (not your real one)")
        window.show()
        if window.automatic_snapshots:
            # Well after the first paint: a snapshot of a large journal takes seconds.
            QTimer.singleShot(1500, window, window.snapshot_at_start)
        from winwin_desktop.journal.opening import start_check
        from winwin_desktop.ui import chart_canvas

        def finish_start() -> None:
            _collect_garbage_again()
            instance.listen()  # from now on another launch brings this window forward
            reading_ahead.enter_context(people.people_list_read_ahead())
            window.finish_start()  # the person beside the list, then the people's totals
            reading_ahead.close()
            start_check()  # then a large journal's check, on the core the totals used
            # Then, once that is under way, the charts' imports beside whatever comes.
            QTimer.singleShot(CHARTS_WARM_UP_MS, window, chart_canvas.warm_up_charts)

        _after_first_paint(app, window, finish_start)
        if measuring:
            _exit_after_first_paint(app, window)
        _quit_on_signals(window)
        return app.exec()
    finally:
        reading_ahead.close()  # unused if the window never painted
        instance.release()
        sys.excepthook = previous_hook


def _open_with_lock(path: Path) -> tuple[Path, SingleInstance | None] | None:
    """Claim the journal and open it. Returns (path, the claim) — the path the user may
    have changed, the claim None when a running WinWin had the journal and brought its
    window forward — or None when the user chose to quit over a damaged journal."""
    from winwin_desktop.journal.opening import (
        DamagedJournal,
        JournalError,
        PassphraseRequired,
        check_location,
        looks_encrypted,
        open_journal,
        refuse_unusable,
    )
    from winwin_desktop.ui.single_instance import JournalInUse, SingleInstance

    instance = None
    passphrase = None
    while True:
        if instance is None:
            refuse_unusable(path.absolute(), create=True)  # nothing left beside /dev/null
            instance = SingleInstance(path)
            try:
                # Listening for other launches waits for the first paint (or a dialog).
                if not instance.claim(listen=False):
                    return path, None
            except JournalInUse:
                if not looks_encrypted(path.absolute()):
                    check_location(path.absolute())  # a plainer reason, when there is one
                raise
        try:
            # A large journal's whole-file check starts once the window has painted.
            if open_journal(path, passphrase, create=True, check_later=True):
                print(f"Created a new journal at {path.absolute()}", file=sys.stderr)
            return path, instance
        except PassphraseRequired:
            from winwin_desktop.ui.unlock_dialog import ask_passphrase

            instance.listen()  # another launch brings the dialog forward
            try:
                passphrase = ask_passphrase(path)
            except DamagedJournal as error:  # "it was never protected": damaged, then
                damaged = error
            else:
                if passphrase is not None:
                    continue
                instance.release()
                print(
                    f"winwin: {path} is protected by a passphrase and stays closed.",
                    file=sys.stderr,
                )
                return None
        except DamagedJournal as error:
            damaged = error
        except JournalError:
            instance.release()
            raise
        from winwin_desktop.ui import damaged_dialog

        dialog = damaged_dialog.DamagedJournalDialog(damaged, passphrase=passphrase)
        instance.listen()
        instance.attach(dialog)
        dialog.exec()
        if dialog.choice == damaged_dialog.RESTORED:
            continue
        instance.release()
        if dialog.choice == damaged_dialog.OPEN_OTHER:
            path, instance, passphrase = dialog.other_journal, None, None
            continue
        print(f"winwin: {damaged}", file=sys.stderr)
        return None


def _quit_on_signals(window) -> None:
    """SIGTERM (a logout, ``kill``) and SIGHUP (the terminal closed) quit as the Quit
    action does: what is typed is saved, the quit snapshot taken, the lock removed."""
    import signal

    from PySide6.QtCore import QTimer

    def quit_cleanly(_signal, _frame) -> None:
        QTimer.singleShot(0, window.close)

    for number in (signal.SIGTERM, signal.SIGHUP):
        signal.signal(number, quit_cleanly)
    # Python runs signal handlers between bytecodes only: wake it up now and then.
    window._signal_wakeup = QTimer(window)
    window._signal_wakeup.timeout.connect(lambda: None)
    window._signal_wakeup.start(250)


def app_icon():
    """The window icon: its PNG sizes (no SVG plugin needed), else the SVG."""
    from PySide6.QtGui import QIcon

    icon = QIcon()
    for path in app_icon_files():
        icon.addFile(str(path))
    if icon.isNull() and (svg := resource_path("winwin.svg")):
        icon = QIcon(str(svg))
    return icon


def _exit_after_first_paint(app, window) -> None:
    """For the start-up benchmark: once the window has painted, print the wall-clock time
    and the CPU time the process has used so far as ``first-paint SECONDS CPU_SECONDS``,
    and quit."""
    import time

    def report() -> None:
        print(f"first-paint {time.time():.6f} {time.process_time():.6f}", flush=True)
        window.close()
        app.quit()

    _after_first_paint(app, window, report)


def _after_first_paint(app, window, then) -> None:
    """Call ``then`` once the window's first paint pass has ended (the whole window is on
    screen). The watcher is the window's own: an application's event filter would see
    every object's events, and PySide makes each Qt class's Python type (with its enums)
    the first time one passes."""
    from PySide6.QtCore import QEvent, QObject, QTimer

    class FirstPaint(QObject):
        def eventFilter(self, watched, event) -> bool:
            if event.type() == QEvent.Type.Paint and watched is window:
                window.removeEventFilter(self)
                QTimer.singleShot(0, then)
            return False

    watcher = FirstPaint(window)
    window.installEventFilter(watcher)
