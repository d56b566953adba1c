"""One WinWin window per journal.

The window holds a lock file beside its journal (``<journal>.lock``, a ``QLockFile``) and
listens on a local socket named from the journal's path. A second ``winwin`` on the same
journal finds the lock taken, asks the first over the socket to bring its window forward,
and exits 0; when it cannot, it says why and exits 1.

A lock left behind by a WinWin that crashed or was killed is recovered: its process is
gone (``QLockFile`` then removes it by itself), or — when the process number has been
reused by another program — nothing answers on the socket and the file's system lock is
free, so ``removeStaleLockFile`` can take it away. The command line takes no lock: it may
write while the window is open (WAL and the busy timeout keep that safe).
"""

from __future__ import annotations

import getpass
import hashlib
import time
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QLockFile, QObject, QSysInfo, Signal
from PySide6.QtWidgets import QWidget

if TYPE_CHECKING:
    from PySide6.QtNetwork import QLocalServer, QLocalSocket

# QtNetwork (the socket) is imported when first used: by a second launch asking the first
# to come forward, or by :meth:`SingleInstance.listen`, which the window's start calls once
# it has painted (a launch meanwhile keeps asking for LISTEN_GRACE_S).

RAISE = b"raise\n"
RAISED = b"raised\n"
# How long a second launch waits for the first to answer: it may be busy starting.
ANSWER_TIMEOUT_MS = 5000
# How long it keeps trying to reach a lock holder that is not listening yet.
LISTEN_GRACE_S = 5.0


class JournalInUse(Exception):
    """The journal is held by a WinWin this process cannot reach; the message says why."""


def lock_path(journal: Path) -> Path:
    return Path(f"{Path(journal).resolve()}.lock")


def server_name(journal: Path) -> str:
    """The local socket's name: the same for every spelling of the journal's path, and
    different for each user of the computer."""
    key = f"{getpass.getuser()}\0{Path(journal).resolve()}".encode()
    return f"winwin-{hashlib.sha256(key).hexdigest()[:24]}"


def bring_forward(window: QWidget) -> None:
    if window.isMinimized():
        window.showNormal()
    window.show()
    window.raise_()
    window.activateWindow()


class SingleInstance(QObject):
    """The claim of this process on one journal."""

    raise_requested = Signal()

    def __init__(self, journal: Path, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.journal = Path(journal).absolute()
        self.lock = QLockFile(str(lock_path(self.journal)))
        # A WinWin keeps its journal open for days: the lock is stale only once its
        # process is gone, never because of its age.
        self.lock.setStaleLockTime(0)
        self.name = server_name(self.journal)
        self.server: QLocalServer | None = None
        self._window: QWidget | None = None
        self._raise_pending = False

    # claiming -----------------------------------------------------------------------------

    def claim(self, listen: bool = True) -> bool:
        """Take the journal: True when this process now holds it, False when the WinWin
        that holds it was asked to bring its window forward (and answered). Raises
        :class:`JournalInUse` when neither is possible. Without ``listen``, another
        launch's request is heard only from :meth:`listen` on."""
        try:
            self.journal.parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise JournalInUse(
                f"Cannot create the folder {self.journal.parent} ({exc.strerror}); "
                "choose another location with --db."
            ) from exc
        deadline = time.monotonic() + LISTEN_GRACE_S
        while True:
            if self.lock.tryLock(0):
                if listen:
                    self.listen()
                return True
            if self.lock.error() != QLockFile.LockError.LockFailedError:
                raise JournalInUse(
                    f"Cannot create the lock file {self.lock.fileName()}; check the "
                    "permissions of the journal's folder, or choose another location with --db."
                )
            answer = self._ask_to_raise()
            if answer == "raised":
                return False
            holder = self._holder()
            if answer == "silent":
                raise JournalInUse(
                    f"WinWin already has {self.journal} open{holder}, but it does not answer; "
                    "wait a moment and try again, or close that window."
                )
            if not self._held_on_this_computer():
                raise JournalInUse(
                    f"{self.journal} is open in WinWin{holder}; close it there first."
                )
            # Nothing listens: either the holder is still starting, or it is gone and its
            # process number now belongs to another program. The file's system lock tells.
            if self.lock.removeStaleLockFile():
                continue
            if time.monotonic() > deadline:
                raise JournalInUse(
                    f"{self.journal} is locked by another program{holder}; "
                    f"close it, or delete {self.lock.fileName()} if no WinWin is running."
                )
            time.sleep(0.1)

    def release(self) -> None:
        if self.server is not None:
            self.server.close()
            self.server = None
        if self.lock.isLocked():
            self.lock.unlock()

    def _holder(self) -> str:
        pid, host, _app = self.lock.getLockInfo()  # (0, "", "") when unreadable
        if not pid:
            return ""
        return (
            f" (process {pid})" if self._held_on_this_computer() else f" on {host} (process {pid})"
        )

    def _held_on_this_computer(self) -> bool:
        _pid, host, _app = self.lock.getLockInfo()
        return not host or host == QSysInfo.machineHostName()

    # talking to the running WinWin ----------------------------------------------------

    def _ask_to_raise(self) -> str:
        """One of "raised", "silent" (connected, no answer) or "absent" (nobody listens)."""
        from PySide6.QtNetwork import QLocalSocket

        socket = QLocalSocket()
        socket.connectToServer(self.name)
        if not socket.waitForConnected(1000):
            return "absent"
        socket.write(RAISE)
        socket.waitForBytesWritten(1000)
        answer = b""
        deadline = time.monotonic() + ANSWER_TIMEOUT_MS / 1000
        while not answer.endswith(b"\n") and time.monotonic() < deadline:
            if socket.bytesAvailable() or socket.waitForReadyRead(100):
                answer += bytes(socket.readAll().data())
            elif socket.state() == QLocalSocket.LocalSocketState.UnconnectedState:
                break
        socket.abort()
        return "raised" if answer == RAISED else "silent"

    def listen(self) -> None:
        """Answer other launches' requests to bring the window forward (once claimed)."""
        if self.server is not None or not self.lock.isLocked():
            return
        from PySide6.QtNetwork import QLocalServer

        self.server = QLocalServer(self)
        self.server.setSocketOptions(QLocalServer.SocketOption.UserAccessOption)
        self.server.newConnection.connect(self._accept)
        if not self.server.listen(self.name):
            # A socket file left by a WinWin that crashed: ours to replace, since we hold
            # the lock.
            QLocalServer.removeServer(self.name)
            self.server.listen(self.name)

    def _accept(self) -> None:
        while self.server is not None and self.server.hasPendingConnections():
            connection = self.server.nextPendingConnection()
            connection.readyRead.connect(lambda c=connection: self._read(c))
            connection.disconnected.connect(connection.deleteLater)
            if connection.bytesAvailable():
                self._read(connection)

    def _read(self, connection: QLocalSocket) -> None:
        if not connection.canReadLine():
            return
        if bytes(connection.readLine().data()) == RAISE:
            connection.write(RAISED)
            connection.flush()
            connection.disconnectFromServer()
            self._raise()

    # the window to bring forward --------------------------------------------------------

    def attach(self, window: QWidget) -> None:
        """Bring ``window`` forward when another launch asks (also for a request that
        came while this process was still starting)."""
        self._window = window
        if self._raise_pending:
            self._raise_pending = False
            bring_forward(window)

    def _raise(self) -> None:
        self.raise_requested.emit()
        if self._window is None:
            self._raise_pending = True
        else:
            bring_forward(self._window)
