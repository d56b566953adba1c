"""Which state of a journal file passed the whole-file check, so that it runs once per
change from outside instead of at every start.

The state (inode, size, modification time, and those of a non-empty ``-wal``) is kept
in the user's cache folder, one small owner-only file per journal (nothing is added
beside the journal, whose folder may be synced or read-only). It is recorded when a
process that had checked the journal (or found it recorded) closes it: WinWin's own
writes keep a sound journal sound; anything else (a copy, a sync, a flipped byte, a
crash before the close) changes the state and brings the check back.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
from pathlib import Path

from winwin_desktop import APP_NAME

# The journals this process found sound; their state is recorded when they are closed.
_sound: set[Path] = set()


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


def is_recorded(path: Path) -> bool:
    """Whether the journal at ``path`` is in a state that passed the check."""
    try:
        recorded = json.loads(record_file(path).read_text())
    except (OSError, ValueError):
        return False
    return recorded == state(path)


def found_sound(path: Path) -> None:
    """This process checked the journal whole (or found it recorded) and it is sound."""
    _sound.add(Path(path))


def found_damaged(path: Path) -> None:
    _sound.discard(Path(path))
    with contextlib.suppress(OSError):
        record_file(path).unlink()


def closed(path: Path) -> None:
    """The journal was closed by this process: record its state if it was found sound."""
    path = Path(path)
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
            json.dump(current, stream)
        os.replace(temporary, record)
    except OSError:
        # A read-only folder or a full disk: the check simply runs again next time.
        with contextlib.suppress(OSError):
            temporary.unlink()
