"""Help → About: the version, where the journal is, and a button that opens its folder."""

from __future__ import annotations

import platform
from pathlib import Path

from PySide6 import __version__ as pyside_version
from PySide6.QtCore import Qt, QUrl, qVersion
from PySide6.QtGui import QDesktopServices, QIcon
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from winwin_desktop import APP_NAME, __version__
from winwin_desktop.journal import shared_journals
from winwin_desktop.journal.shared_journals import journal_address
from winwin_desktop.ui.widgets import heading, muted


def data_folder(location: str | Path) -> Path:
    """The folder "Open data folder" shows: the journal file's, or for a journal on a
    server the folder of its JSON backups on this machine."""
    if shared_journals.title_of(str(location)):
        from winwin_desktop.journal import json_backups  # only for a journal on a server

        return json_backups.backups_folder()
    return Path(location).parent


def open_data_folder(location: str | Path) -> bool:
    """Show :func:`data_folder` in the file manager (a server journal's backups folder is
    made, owner-only, when no backup was taken on this machine yet)."""
    folder = data_folder(location)
    folder.mkdir(mode=0o700, parents=True, exist_ok=True)
    return QDesktopServices.openUrl(QUrl.fromLocalFile(str(folder)))


class AboutDialog(QDialog):
    def __init__(
        self, journal_path: str | Path, icon: QIcon, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.journal_path = journal_path
        self.setWindowTitle(f"About {APP_NAME}")
        self.setMinimumWidth(460)

        picture = QLabel()
        if not icon.isNull():
            picture.setPixmap(icon.pixmap(64, 64))
        picture.setAlignment(Qt.AlignTop)
        title = heading(f"{APP_NAME} {__version__}", 1.4)
        title.setAccessibleName("Version")
        summary = QLabel(
            "A private, offline journal of professional relationships: the value given "
            "and received with each person, so that both sides win."
        )
        summary.setWordWrap(True)
        self.location = QLabel(journal_address(journal_path))
        self.location.setAccessibleName("Journal location")
        self.location.setWordWrap(True)
        self.location.setTextInteractionFlags(Qt.TextSelectableByMouse)
        versions = muted(
            f"Qt {qVersion()} · PySide6 {pyside_version} · Python {platform.python_version()}"
        )

        text = QVBoxLayout()
        text.addWidget(title)
        text.addWidget(summary)
        text.addSpacing(8)
        text.addWidget(muted("Journal:"))
        text.addWidget(self.location)
        text.addSpacing(8)
        text.addWidget(versions)
        top = QHBoxLayout()
        top.addWidget(picture, 0, Qt.AlignTop)
        top.addSpacing(12)
        top.addLayout(text, 1)

        buttons = QDialogButtonBox(QDialogButtonBox.Close)
        buttons.rejected.connect(self.reject)
        self.open_folder_button = QPushButton("Open data folder")
        folder = data_folder(journal_path)
        self.open_folder_button.setToolTip(
            f"Show {folder} (this journal's backups on this computer) in the file manager"
            if shared_journals.title_of(str(journal_path))
            else f"Show {folder} (the journal and its backups) in the file manager"
        )
        self.open_folder_button.clicked.connect(lambda: open_data_folder(self.journal_path))
        buttons.addButton(self.open_folder_button, QDialogButtonBox.ActionRole)

        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(buttons)
