"""What the user sees when an action fails where no dialog catches it: one plain
sentence in a message box, never a traceback (that goes to stderr, for a bug report)."""

from __future__ import annotations

import sys
import traceback

from PySide6.QtCore import QThread
from PySide6.QtWidgets import QApplication, QMessageBox

from winwin_desktop import APP_NAME
from winwin_desktop.journal import ValidationError


def message_for(error: BaseException) -> str:
    if isinstance(error, ValidationError):
        return error.message
    from winwin_desktop.journal import backups  # here: not needed before a failure

    if isinstance(error, backups.READ_FAILURES) and (
        damaged := backups.damaged_row_message("File → Restore from a snapshot…")
    ):
        return damaged
    return (
        f"Something went wrong ({type(error).__name__}: {error}). What was saved before "
        "stays saved. If it happens again, please report it with the details WinWin "
        "printed on its terminal."
    )


def report(kind, error, trace) -> None:
    """``sys.excepthook`` for the window: Qt calls it for an exception a slot let out."""
    if issubclass(kind, (KeyboardInterrupt, SystemExit)):
        sys.__excepthook__(kind, error, trace)
        return
    if not isinstance(error, ValidationError):
        traceback.print_exception(kind, error, trace, file=sys.stderr)
    app = QApplication.instance()
    if app is None or QThread.currentThread() is not app.thread():
        return  # no message box outside the window's thread (it would hang there)
    QMessageBox.warning(QApplication.activeWindow(), APP_NAME, message_for(error))


def install():
    """Make :func:`report` the exception hook; returns the one it replaces."""
    previous, sys.excepthook = sys.excepthook, report
    return previous
