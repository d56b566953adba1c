"""Starting the GUI: the application, its theme, the journal, the main window."""

from __future__ import annotations

import sys
from pathlib import Path

from winwin_desktop import APP_NAME, __version__
from winwin_desktop.resources import resource_path


def run_gui(db_path: Path | None = None, demo: bool = False) -> int:
    from PySide6.QtGui import QIcon
    from PySide6.QtWidgets import QApplication, QMessageBox

    from winwin_desktop.store import JournalError, default_journal_path, open_journal
    from winwin_desktop.ui import theme
    from winwin_desktop.ui.main_window import MainWindow, ui_settings

    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setApplicationName(APP_NAME)
    app.setApplicationVersion(__version__)
    app.setDesktopFileName("winwin")
    icon = resource_path("winwin.svg")
    if icon:
        app.setWindowIcon(QIcon(str(icon)))
    settings = ui_settings()
    theme.apply_theme(app, str(settings.value("theme", theme.SYSTEM)))

    try:
        if demo:
            from winwin_desktop.demo import build_demo, demo_path

            path = build_demo(demo_path())
        else:
            path = Path(db_path) if db_path else default_journal_path()
        open_journal(path)
    except JournalError as error:
        QMessageBox.critical(None, APP_NAME, str(error))
        print(f"winwin: {error}", file=sys.stderr)
        return 1
    window = MainWindow(path, settings)
    if demo:
        window.setWindowTitle(f"{APP_NAME} — demo journal (not your real one)")
    window.show()
    return app.exec()
