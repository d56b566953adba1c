"""File → Open shared journal…: a journal in a PostgreSQL database, by its parts (host,
port, database, user, TLS) and a password that may be remembered in the system keyring.

The dialog tries the connection first (on a thread: a server far away may take seconds
to answer); a failure is said in one sentence, everything typed stays, and the button
becomes Retry. Once it connects, the address (never the password) goes first among the
recent journals and the journal opens in a window of its own.
"""

from __future__ import annotations

import getpass
import sys

from PySide6.QtCore import QProcess, QProcessEnvironment, QSettings, QThread, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLineEdit,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from winwin_desktop.journal import ValidationError, shared_journals
from winwin_desktop.journal.opening import JournalError, open_journal
from winwin_desktop.journal.shared_journals import ServerAddress
from winwin_desktop.ui.recent_journals import recent_journals, remember_journal
from winwin_desktop.ui.widgets import ErrorLabel, heading, muted
from winwin_desktop.ui.window_settings import ui_settings

PASSWORD_HINT = (
    "Leave the password empty to use ~/.pgpass or PGPASSWORD. WinWin never writes it in "
    "its own files; ticked, it is kept in the system keyring."
)


class ConnectThread(QThread):
    """Tries the connection; ``tried`` carries the failure's sentence, or "" when it worked."""

    tried = Signal(str)

    def __init__(self, where: ServerAddress, password: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.where = where
        self.password = password

    def run(self) -> None:
        try:
            shared_journals.try_connecting(self.where, self.password)
        except JournalError as error:
            self.tried.emit(str(error))
        else:
            self.tried.emit("")


class OpenSharedDialog(QDialog):
    """``opened`` carries the sentence for the status bar once the journal is opened."""

    opened = Signal(str)

    def __init__(self, parent: QWidget | None = None, settings: QSettings | None = None):
        super().__init__(parent)
        self.settings = settings or ui_settings()
        self.setWindowTitle("Open a shared journal")
        self.setMinimumWidth(520)
        self.thread_: ConnectThread | None = None
        self._tls_chosen = False  # once the user picks a TLS mode, the host no longer does
        layout = QVBoxLayout(self)
        layout.addWidget(heading("Open a shared journal", 1.3))
        layout.addWidget(muted("A journal in a PostgreSQL database, shared between your machines."))

        form = QFormLayout()
        self.recent = QComboBox()
        self.recent.addItem("—", None)
        for location in recent_journals(self.settings):
            where = shared_journals.address_of(location)
            if where is not None:
                self.recent.addItem(where.keyring_name, location)
        self.recent.activated.connect(self._recent_chosen)
        self.recent.setVisible(self.recent.count() > 1)
        if self.recent.count() > 1:
            form.addRow("&Recent:", self.recent)
        self.host = QLineEdit()
        self.host.setPlaceholderText("db.example.com")
        self.host.textEdited.connect(self._host_edited)
        form.addRow("&Host:", self.host)
        self.port = QSpinBox()
        self.port.setRange(1, 65535)
        self.port.setValue(shared_journals.DEFAULT_PORT)
        self.port.setMaximumWidth(self.port.fontMetrics().horizontalAdvance("0") * 12)
        form.addRow("P&ort:", self.port)
        self.database = QLineEdit()
        self.database.setPlaceholderText("winwin")
        form.addRow("&Database:", self.database)
        self.user = QLineEdit(_login_name())
        form.addRow("&User:", self.user)
        self.tls = QComboBox()
        for mode, meaning in shared_journals.TLS_MODES.items():
            self.tls.addItem(f"{mode} — {meaning}", mode)
        self.tls.activated.connect(self._tls_activated)
        form.addRow("&TLS:", self.tls)
        self.password = QLineEdit()
        self.password.setEchoMode(QLineEdit.Password)
        form.addRow("&Password:", self.password)
        self.remember = QCheckBox("Re&member in the system keyring")
        if not shared_journals.keyring_available():
            self.remember.setEnabled(False)
            self.remember.setToolTip(shared_journals.NO_KEYRING)
        form.addRow("", self.remember)
        layout.addLayout(form)
        layout.addWidget(muted(PASSWORD_HINT))
        self.error = ErrorLabel()
        layout.addWidget(self.error)

        self.buttons = QDialogButtonBox(QDialogButtonBox.Cancel)
        self.open_button = self.buttons.addButton("&Open", QDialogButtonBox.AcceptRole)
        self.open_button.setDefault(True)
        self.buttons.accepted.connect(self.try_open)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        self._set_tls(shared_journals.default_tls(""))

    def address(self) -> ServerAddress:
        return shared_journals.address(
            self.host.text(),
            self.port.value(),
            self.database.text(),
            self.user.text(),
            self.tls.currentData(),
        )

    def try_open(self) -> None:
        self.error.clear()
        try:
            where = self.address()
        except ValidationError as error:
            self.error.show_error(error.message)
            getattr(self, error.field).setFocus()
            return
        self._set_busy(True)
        self.thread_ = ConnectThread(where, self.password.text(), self)
        self.thread_.tried.connect(self._tried)
        self.thread_.start()

    def is_connecting(self) -> bool:
        return self.thread_ is not None and self.thread_.isRunning()

    def reject(self) -> None:
        if self.is_connecting():
            self.thread_.wait()
        super().reject()

    # the second window (tests replace this) -----------------------------------------------

    def launch(self, where: ServerAddress, password: str) -> bool:
        """Open the journal in a WinWin of its own; a password typed (or remembered) is
        handed over in its environment, as libpq reads it, never on its command line."""
        process = QProcess()
        environment = QProcessEnvironment.systemEnvironment()
        if password:
            environment.insert("PGPASSWORD", password)
        process.setProcessEnvironment(environment)
        process.setProgram(sys.executable)
        process.setArguments(["-m", "winwin_desktop", "--db", where.url])
        return process.startDetached()[0]

    # reacting ---------------------------------------------------------------------------

    def _tried(self, failure: str) -> None:
        self.thread_.wait()
        self._set_busy(False)
        if failure:
            self.error.show_error(failure)
            self.open_button.setText("&Retry")
            return
        where, password = self.address(), self.password.text()
        note = ""
        if self.remember.isChecked() and password:
            try:
                shared_journals.remember_password(where, password)
            except JournalError as error:
                note = f" {error}"
        elif not self.remember.isChecked():
            shared_journals.forget_password(where)
        remember_journal(self.settings, where.url)
        if not self.launch(where, password):
            self.error.show_error("A second WinWin could not be started; try again.")
            return
        self.opened.emit(f"Opening the shared journal {where.keyring_name}.{note}")
        self.accept()

    def _recent_chosen(self, index: int) -> None:
        where = shared_journals.address_of(self.recent.itemData(index) or "")
        if where is None:
            return
        self.host.setText(where.host)
        self.port.setValue(where.port)
        self.database.setText(where.database)
        self.user.setText(where.user)
        self._set_tls(where.tls)
        self._tls_chosen = True
        remembered = shared_journals.remembered_password(where)
        self.password.setText(remembered or "")
        self.remember.setChecked(remembered is not None)

    def _host_edited(self, host: str) -> None:
        if not self._tls_chosen:
            self._set_tls(shared_journals.default_tls(host))

    def _tls_activated(self, _index: int) -> None:
        self._tls_chosen = True

    def _set_tls(self, mode: str) -> None:
        self.tls.setCurrentIndex(max(self.tls.findData(mode), 0))

    def _set_busy(self, busy: bool) -> None:
        for widget in (self.open_button, self.recent, self.host, self.port, self.database):
            widget.setEnabled(not busy)
        for widget in (self.user, self.tls, self.password, self.remember):
            widget.setEnabled(not busy)
        if busy:
            self.open_button.setText("Connecting…")
        elif self.open_button.text() == "Connecting…":
            self.open_button.setText("&Open")


def _login_name() -> str:
    try:
        return getpass.getuser()
    except (OSError, KeyError):
        return ""


class SharedClaim:
    """What the window holds of a shared journal at start: nothing to claim (several
    windows and machines use it at once, unlike a file's one window), so nothing to
    release; it stands where a file's :class:`SingleInstance` claim does."""

    def attach(self, window: QWidget) -> None:
        del window  # no second launch to bring it forward for

    def listen(self) -> None:
        return

    def release(self) -> None:
        return


def open_shared_at_start(url: str) -> tuple[str, SharedClaim]:
    """Open the shared journal at ``url`` for the window (``--db postgresql://…``,
    or the window this dialog launched): an empty database becomes a new journal, said on
    stderr as for a new file; :class:`JournalError` says in one sentence why not."""
    if open_journal(url, create=True):
        print(f"Created a new journal in {url}", file=sys.stderr)
    return url, SharedClaim()
