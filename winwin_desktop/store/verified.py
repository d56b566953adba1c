"""Which state of a journal file passed the whole-file check, so that it runs once per
change from outside instead of at every start.

The state (inode, size, modification time, and those of a non-empty ``-wal``) is kept
in the user's cache folder, one small owner-only file per journal (nothing is added
beside the journal, whose folder may be synced or read-only). It is recorded when a
process that had checked the journal (or found it recorded) closes it: WinWin's own
writes keep a sound journal sound; anything else (a copy, a sync, a flipped byte, a
crash before the close) changes the state and brings the check back.

A journal too big to check before it opens (``opening.QUICK_CHECK_MAX_BYTES``) is
checked on a thread of its own, on a read-only connection, while it is read: opening
stays fast, and the first write waits for the verdict (:func:`refuse_if_damaged`).
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

from winwin_desktop import APP_NAME
from winwin_desktop.store.connection import (
    RESTORE_ADVICE,
    DamagedJournal,
    database,
    is_server,
    sql_errors,
)

# The journals this process found sound (True when every row was found readable too,
# store/damaged_rows.py), or damaged. The state of a sound one is recorded when it is
# closed; a damaged one refuses writes.
_sound: dict[Path, bool] = {}
_damaged: dict[Path, str] = {}  # the first problem found
# Journals opened without a check, to check once open; checks on their own thread.
_pending: set[Path] = set()
_running: dict[Path, _Check] = {}


def state(path: Path) -> list[int] | None:
    try:
        main = os.stat(path)
    except OSError:
        return None
    try:
        wal = os.stat(f"{path}-wal")
        wal_state = [wal.st_size, wal.st_mtime_ns] if wal.st_size else [0, 0]
    except OSError:
        wal_state = [0, 0]
    return [main.st_ino, main.st_size, main.st_mtime_ns, *wal_state]


def record_file(path: Path) -> Path:
    from platformdirs import user_cache_path

    key = hashlib.sha256(str(Path(path).absolute()).encode()).hexdigest()[:32]
    return user_cache_path(APP_NAME, appauthor=False) / "verified" / f"{key}.json"


def _record(path: Path) -> dict:
    try:
        recorded = json.loads(record_file(path).read_text())
    except (OSError, ValueError):
        return {}
    return recorded if isinstance(recorded, dict) else {}


def is_recorded(path: Path) -> bool:
    """Whether the journal at ``path`` is in a state that passed the check."""
    return _record(path).get("state") == state(path)


def rows_recorded(path: Path) -> bool:
    """Whether, in that state, every row was found readable too (``winwin check``)."""
    recorded = _record(path)
    return recorded.get("state") == state(path) and recorded.get("rows") is True


def found_sound(path: Path, rows: bool | None = None) -> None:
    """This process checked the journal whole (or found it recorded) and it is sound;
    ``rows``: its rows were read too (None: as recorded for this state, if it is)."""
    path = Path(path)
    _sound[path] = rows_recorded(path) if rows is None else rows
    _damaged.pop(path, None)


def found_damaged(path: Path, problem: str = "its whole-file check failed") -> None:
    _sound.pop(Path(path), None)
    _damaged[Path(path)] = problem
    with contextlib.suppress(OSError):
        record_file(path).unlink()


class _Check(threading.Thread):
    """The whole-file check of one journal on a read-only connection of its own; stopping
    it interrupts SQLite at once (the verdict is then unknown, nothing is recorded)."""

    def __init__(
        self, path: Path, connect: Callable[[], Any], problems: Callable[[Any], list[str]]
    ) -> None:
        super().__init__(name=f"check {path.name}", daemon=True)
        self.path, self._connect, self._problems = path, connect, problems
        self._lock = threading.Lock()
        self._con: Any = None
        self._stopped = False

    def run(self) -> None:
        try:
            con = self._connect()
            try:
                with self._lock:
                    if self._stopped:
                        return
                    self._con = con
                problems = self._problems(con)
            finally:
                with self._lock:
                    self._con = None
                con.close()
        except sql_errors() as exc:  # "interrupted" when stopped, else damage
            problems = [str(exc)]
        if self._stopped:
            return
        if problems:
            found_damaged(self.path, problems[0])
        else:
            found_sound(self.path)

    def stop(self) -> None:
        self._stopped = True
        # Again until the thread ends: an interrupt that comes just before SQLite starts
        # the check does nothing.
        while self.is_alive():
            with self._lock:
                if self._con is not None:
                    self._con.interrupt()
            self.join(0.05)


def check_once_open(path: Path) -> None:
    """The journal at ``path`` is opening without its whole-file check (it is too big to
    wait for): :func:`check_in_background` is to run it. What this process knew of an
    earlier state of the file no longer holds."""
    path = Path(path)
    _sound.pop(path, None)
    _damaged.pop(path, None)
    _pending.add(path)


def check_in_background(
    path: Path,
    connect: Callable[[], Any],
    problems: Callable[[Any], list[str]],
    start: bool = True,
) -> None:
    """Check the journal just opened at ``path`` on a thread of its own if it opened
    without its check: ``connect`` makes a read-only connection to it, ``problems``
    returns what the check finds there (an empty list when sound). With ``start``
    False the check waits for :func:`start_check` (the window starts it once it has
    painted, so that it does not share the second core with the start-up's reads), or
    for the first write, which starts it and waits for it."""
    path = Path(path)
    if path not in _pending:
        return
    _pending.discard(path)
    stop_check(path)
    _running[path] = _Check(path, connect, problems)
    if start:
        _running[path].start()


def _open_journal_check() -> _Check | None:
    """The whole-file check of the open journal, unfinished or done; None if none ran."""
    if database.obj is None or is_server():
        return None
    return _running.get(Path(database.obj.database))


def start_check() -> None:
    """Start the open journal's check if it was left for later."""
    check = _open_journal_check()
    if check is not None and check.ident is None:
        check.start()


def checking() -> bool:
    """Whether the open journal's check has yet to finish: a write would wait for it."""
    check = _open_journal_check()
    return check is not None and (check.ident is None or check.is_alive())


def wait_for_check(seconds: float | None) -> bool:
    """Wait up to ``seconds`` (None: as long as it takes) for the open journal's check,
    starting it if it was left for later; True once it is over."""
    check = _open_journal_check()
    if check is None:
        return True
    if check.ident is None:
        check.start()
    check.join(seconds)
    return not check.is_alive()


def stop_check(path: Path) -> None:
    """Stop the check of ``path`` still running, if any (the journal is closing, or is
    being checked in the foreground)."""
    check = _running.pop(Path(path), None)
    if check is not None:
        check.stop()


def refuse_if_damaged() -> None:
    """Before a write: wait for the check of the open journal if it is still running;
    :class:`DamagedJournal` when it found the file damaged."""
    if database.obj is None or is_server():
        return
    path = Path(database.obj.database)
    wait_for_check(None)
    if path in _damaged:
        raise DamagedJournal(path, f"is damaged ({_damaged[path]})", RESTORE_ADVICE)


def closed(path: Path) -> None:
    """The journal was closed by this process: record its state if it was found sound."""
    path = Path(path)
    stop_check(path)
    if path not in _sound:
        return
    current = state(path)
    if current is None:
        return
    record = record_file(path)
    temporary = record.with_name(f"{record.name}.tmp")
    try:
        record.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        fd = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "w") as stream:
            json.dump({"state": current, "rows": _sound[path]}, stream)
        os.replace(temporary, record)
    except OSError:
        # A read-only folder or a full disk: the check simply runs again next time.
        with contextlib.suppress(OSError):
            temporary.unlink()
