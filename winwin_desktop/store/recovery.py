"""Putting a snapshot in place of a journal that cannot be opened (damaged, or not a journal).

The file found at the journal's path is never written to: it is renamed, with its ``-wal``
file, to ``<journal>.damaged-<YYYY-MM-DDTHH-MM-SS>.db`` beside it, and the snapshot is
copied to the journal's path through SQLite's backup API, then verified.
"""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

from winwin_desktop.store import crypto
from winwin_desktop.store.connection import JournalError, connect_plain, sql_errors
from winwin_desktop.store.snapshots import SIDECARS, copy_verified


def restore_in_place_of(
    journal: str | os.PathLike,
    snapshot: str | os.PathLike,
    now: dt.datetime | None = None,
    passphrase: str | None = None,
) -> Path:
    """Set the file at ``journal`` aside, untouched, and put a verified copy of ``snapshot``
    in its place (an encrypted snapshot stays encrypted: give its ``passphrase``). Returns
    where the set-aside file now is. On failure the journal's path holds the set-aside
    file again, as it was."""
    journal, snapshot = Path(journal).absolute(), Path(snapshot).absolute()
    stamp = (now or dt.datetime.now()).strftime("%Y-%m-%dT%H-%M-%S")
    kept = journal.with_name(f"{journal.stem}.damaged-{stamp}{journal.suffix}")
    number = 2
    while kept.exists():
        kept = journal.with_name(f"{journal.stem}.damaged-{stamp}-{number}{journal.suffix}")
        number += 1
    moved = _move_with_sidecars(journal, kept)
    try:
        _copy(snapshot, journal, passphrase)
    except (OSError, JournalError, *sql_errors()) as exc:
        for suffix in ("", *SIDECARS):
            Path(f"{journal}{suffix}").unlink(missing_ok=True)
        _move_with_sidecars(kept, journal, only=moved)
        raise JournalError(
            f"The backup {snapshot} could not be restored ({exc}); the journal was left as it was."
        ) from exc
    return kept


def _move_with_sidecars(source: Path, target: Path, only: list[str] | None = None) -> list[str]:
    moved = []
    for suffix in ("", *SIDECARS):
        if only is not None and suffix not in only:
            continue
        if Path(f"{source}{suffix}").exists():
            os.replace(f"{source}{suffix}", f"{target}{suffix}")
            moved.append(suffix)
    return moved


def _copy(snapshot: Path, journal: Path, passphrase: str | None) -> None:
    if passphrase:
        reader = crypto.connect(snapshot, passphrase, read_only=True)
    else:
        reader = connect_plain(snapshot, read_only=True)
    try:
        # Created owner-only, like every journal file.
        os.close(os.open(journal, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600))
        writer = crypto.connect(journal, passphrase) if passphrase else connect_plain(journal)
        try:
            if problem := copy_verified(reader, writer):
                raise JournalError(f"the copy did not verify ({problem})")
        finally:
            writer.close()
    finally:
        reader.close()
