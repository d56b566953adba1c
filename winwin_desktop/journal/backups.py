"""Snapshots of the journal, restoring one, and checking a journal's health.

Snapshots go to a ``backups/`` folder beside the journal, one file each, named
``<journal>.<YYYY-MM-DDTHH-MM-SS>.<kind>.db`` (local time). They are taken only through
SQLite's online backup API (never by copying the open file), each verified with
``PRAGMA integrity_check``, readable by the owner only, and self-contained (no ``-wal``
file beside them).

Kinds: ``start`` (the first start of each day) and ``quit`` are automatic and pruned to
the last ``backups_daily_kept`` days plus the last ``backups_weekly_kept`` weeks before
those (journal settings); ``manual`` ("Back up now") and ``before-restore`` (the safety
snapshot a restore takes first) are kept until the user deletes them.
"""

from __future__ import annotations

import datetime as dt
import glob
import os
import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from winwin_desktop.journal import settings
from winwin_desktop.journal.errors import ValidationError
from winwin_desktop.store import (
    JournalError,
    close_journal,
    crypto,
    damaged_rows,
    open_journal,
    snapshots,
)
from winwin_desktop.store.connection import database, is_server, sql_errors
from winwin_desktop.store.migrate import HISTORY_TABLE
from winwin_desktop.text import plural

if TYPE_CHECKING:
    from winwin_desktop.journal.json_backups import JsonBackup

FOLDER = snapshots.FOLDER
START, QUIT, MANUAL, SAFETY = "start", "quit", "manual", "before-restore"
AUTOMATIC = (START, QUIT)
KIND_LABELS = {
    START: "first start of the day",
    QUIT: "on quit",
    MANUAL: "backed up by hand",
    SAFETY: "before a restore",
}
_STAMP = "%Y-%m-%dT%H-%M-%S"
_NAME = re.compile(
    r"^(?P<stem>.+)\.(?P<stamp>\d{4}-\d\d-\d\dT\d\d-\d\d-\d\d)(?:-(?P<number>\d+))?\.(?P<kind>[a-z-]+)\.db$"
)
_JOURNAL_TABLES = {HISTORY_TABLE, "person", "interaction"}


@dataclass(frozen=True)
class SnapshotInfo:
    """One snapshot file: when, why, and what it holds (live people and interactions)."""

    path: Path
    taken_at: dt.datetime
    kind: str
    people: int
    interactions: int
    size: int

    @property
    def is_automatic(self) -> bool:
        return self.kind in AUTOMATIC

    def describe(self) -> str:
        when = self.taken_at.strftime("%Y-%m-%d %H:%M")
        return (
            f"{when} ({KIND_LABELS.get(self.kind, self.kind)}): "
            f"{plural(self.people, 'person', 'people')}, "
            f"{plural(self.interactions, 'interaction', 'interactions')}"
        )


# ---- where ------------------------------------------------------------------------------


def journal_file() -> Path:
    """The file of the open journal."""
    return snapshots.open_journal_path()


def backups_folder(journal: Path | None = None) -> Path:
    return snapshots.backups_folder(journal or journal_file())


# ---- taking snapshots -------------------------------------------------------------------


def take_snapshot(
    kind: str = MANUAL,
    target: str | os.PathLike | None = None,
    now: dt.datetime | None = None,
    in_background: bool = False,
) -> SnapshotInfo:
    """Snapshot the open journal into ``backups/`` (or to ``target``: a new file, or a
    folder to put it in), verified; a failed snapshot leaves no file behind.

    ``in_background``: called from a thread other than the one using the journal; the
    snapshot then reads the journal through its own connection and asks it nothing else."""
    now = now or dt.datetime.now()
    journal = journal_file()
    if target is None:
        path = _new_name(backups_folder(journal), journal, kind, now)
    else:
        path = Path(target).expanduser()
        if path.is_dir():
            path = _new_name(path, journal, kind, now)
        elif path.exists():
            raise ValidationError(
                "target", f"{path} already exists; give the name of a new file for the snapshot."
            )
    try:
        path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        # Created owner-only and empty before SQLite writes into it.
        os.close(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600))
    except OSError as exc:
        raise ValidationError(
            "target", f"Cannot write the snapshot {path} ({exc.strerror}); choose another place."
        ) from exc
    try:
        snapshots.write_snapshot(path, in_background)
    except (JournalError, *sql_errors()) as exc:
        _remove(path)
        if isinstance(exc, JournalError):
            raise
        raise JournalError(
            f"The snapshot {path} could not be written ({exc}); the journal was not changed."
        ) from exc
    try:
        return read_snapshot_info(path, kind=kind, taken_at=now)
    except ValidationError:
        _remove(path)  # a snapshot that cannot be read back is no snapshot
        raise


def back_up_now() -> SnapshotInfo | JsonBackup:
    """ "Back up now": a snapshot that automatic pruning leaves alone; for a journal on a
    server, which has no file to snapshot, a verified JSON backup in the data folder."""
    if is_server():
        from winwin_desktop.journal.json_backups import take_backup

        return take_backup()
    return take_snapshot(MANUAL)


def snapshot_at_start(now: dt.datetime | None = None) -> SnapshotInfo | None:
    """At start: a snapshot if none was taken today yet, then the old ones pruned."""
    now = now or dt.datetime.now()
    if taken_today(now):
        return None
    taken = take_snapshot(START, now=now)
    prune(now)
    return taken


def taken_today(now: dt.datetime | None = None) -> bool:
    """Whether a snapshot of the open journal was taken today (any kind)."""
    today = (now or dt.datetime.now()).date()
    return any(s.taken_at.date() == today for s in list_snapshots())


def snapshot_at_quit(now: dt.datetime | None = None) -> SnapshotInfo:
    """On quit: a snapshot, then the old ones pruned."""
    taken = take_snapshot(QUIT, now=now)
    prune(now)
    return taken


def _new_name(folder: Path, journal: Path, kind: str, now: dt.datetime) -> Path:
    stamp = now.strftime(_STAMP)
    # Numbered across kinds (a start then a quit within one second are T and T-2), so
    # that pruning knows which is the newest.
    numbers = [
        _number(path)
        for path in folder.glob(f"{glob.escape(journal.stem)}.{stamp}*.db")
        if (match := _NAME.match(path.name)) and match["stamp"] == stamp
    ]
    number = max(numbers, default=0) + 1
    return folder / f"{journal.stem}.{stamp}{'' if number == 1 else f'-{number}'}.{kind}.db"


def _number(path: Path) -> int:
    """Which of the snapshots taken within one second this is (1, 2, …)."""
    match = _NAME.match(path.name)
    return int(match["number"] or 1) if match else 1


def _newest_first(snapshots: Iterable[SnapshotInfo]) -> list[SnapshotInfo]:
    return sorted(snapshots, key=lambda s: (s.taken_at, _number(s.path), s.path.name), reverse=True)


# ---- keeping the last days and weeks ----------------------------------------------------


def retained(snapshots: Iterable[SnapshotInfo], daily: int, weekly: int) -> list[SnapshotInfo]:
    """The automatic snapshots to keep: the newest of each of the last ``daily`` days that
    have one, then the newest of each of the last ``weekly`` weeks before those."""
    ordered = _newest_first(snapshots)
    kept: list[SnapshotInfo] = []
    days: set[dt.date] = set()
    for snapshot in ordered:
        day = snapshot.taken_at.date()
        if day not in days and len(days) < daily:
            days.add(day)
            kept.append(snapshot)
    oldest_day = min(days, default=dt.date.max)
    weeks: set[tuple[int, int]] = set()
    for snapshot in ordered:
        if snapshot.taken_at.date() >= oldest_day:
            continue
        week = tuple(snapshot.taken_at.isocalendar())[:2]
        if week not in weeks and len(weeks) < weekly:
            weeks.add(week)
            kept.append(snapshot)
    return kept


def prune(now: dt.datetime | None = None) -> list[Path]:
    """Delete the automatic snapshots the retention settings no longer keep."""
    automatic = [s for s in list_snapshots() if s.is_automatic]
    keep = retained(
        automatic,
        int(settings.get_setting("backups_daily_kept")),
        int(settings.get_setting("backups_weekly_kept")),
    )
    kept = {s.path for s in keep}
    removed = [s.path for s in automatic if s.path not in kept]
    for path in removed:
        _remove(path)
    return removed


# ---- listing ----------------------------------------------------------------------------


def list_snapshots(
    folder: str | os.PathLike | None = None, passphrase: str | None = None
) -> list[SnapshotInfo]:
    """Every readable snapshot in the backups folder, newest first. Each is opened
    read-only for its counts (an encrypted one with ``passphrase``, else the open
    journal's); a file that is not a journal, or that the key does not open, is left out."""
    folder = Path(folder) if folder is not None else backups_folder()
    if not folder.is_dir():
        return []
    found = []
    for path in folder.glob("*.db"):
        try:
            found.append(read_snapshot_info(path, passphrase=passphrase))
        except ValidationError:
            continue
    return _newest_first(found)


def read_snapshot_info(
    path: str | os.PathLike,
    kind: str | None = None,
    taken_at: dt.datetime | None = None,
    passphrase: str | None = None,
) -> SnapshotInfo:
    """What a journal file holds, read without changing it; :class:`ValidationError` if
    it is not a WinWin journal. (Quick: :func:`verify_journal_file` checks it whole.)"""
    path = Path(path)
    _refuse_other_files(path, passphrase)
    match = _NAME.match(path.name)
    if taken_at is None:
        if match:
            taken_at = dt.datetime.strptime(match["stamp"], _STAMP)
        else:
            taken_at = dt.datetime.fromtimestamp(path.stat().st_mtime).replace(microsecond=0)
    try:
        people, interactions = snapshots.live_counts(path, passphrase)
    except sql_errors() as exc:
        raise ValidationError(
            "file", f"{path} is damaged ({exc}); choose another snapshot."
        ) from exc
    return SnapshotInfo(
        path=path,
        taken_at=taken_at,
        kind=kind or (match["kind"] if match else "file"),
        people=people,
        interactions=interactions,
        size=path.stat().st_size,
    )


def latest_verified_backup(journal: Path, passphrase: str | None = None) -> SnapshotInfo | None:
    """The newest snapshot of ``journal`` in its backups folder that passes the integrity
    and foreign key checks (read-only; an encrypted one with ``passphrase``), or None."""
    own = re.compile(re.escape(journal.stem) + r"\.\d{4}-\d\d-\d\dT")
    for snapshot in list_snapshots(backups_folder(journal), passphrase):
        if not own.match(snapshot.path.name):
            continue
        if passphrase and not crypto.looks_encrypted(snapshot.path):
            continue  # a plain copy must not take an encrypted journal's place
        try:
            verify_journal_file(snapshot.path, passphrase)
        except ValidationError:
            continue
        return snapshot
    return None


def verify_journal_file(path: str | os.PathLike, passphrase: str | None = None) -> None:
    """Refuse, with one sentence, a file that is not a WinWin journal passing
    ``integrity_check`` and ``foreign_key_check``. Reads the file only; an encrypted one
    with ``passphrase``, else with the open journal's."""
    path = Path(path)
    _refuse_other_files(path, passphrase)
    problems = check(path, passphrase)
    if problems:
        raise ValidationError(
            "file", f"{path} is damaged ({problems[0]}); choose another snapshot."
        )


def _refuse_other_files(path: Path, passphrase: str | None = None) -> None:
    if not path.is_file():
        raise ValidationError("file", f"{path} does not exist; give the path of a snapshot file.")
    if not snapshots.has_database_header(path):
        raise ValidationError("file", f"{path} is not a WinWin journal or snapshot.")
    try:
        tables = snapshots.table_names(path, passphrase)
    except crypto.WrongPassphrase as exc:
        raise ValidationError(
            "file", f"{path} is encrypted with another passphrase; choose another snapshot."
        ) from exc
    except sql_errors() as exc:
        raise ValidationError(
            "file", f"{path} is damaged ({exc}); choose another snapshot."
        ) from exc
    if not _JOURNAL_TABLES.issubset(tables):
        raise ValidationError(
            "file", f"{path} is a database of another program, not a WinWin journal."
        )


# ---- restoring --------------------------------------------------------------------------


def restore(snapshot: str | os.PathLike, now: dt.datetime | None = None) -> SnapshotInfo:
    """Replace the open journal's contents with ``snapshot``'s, through the backup API.

    First checks the snapshot and takes a safety snapshot of the journal as it is (which
    is returned). The journal is closed while it is overwritten and open again after,
    migrated if the snapshot is from an older WinWin. The undo history of the session
    no longer applies afterwards.
    """
    source = Path(snapshot).expanduser()
    verify_journal_file(source)
    journal = journal_file()
    if source.resolve() == journal.resolve():
        raise ValidationError("file", f"{source} is the journal itself; choose a snapshot.")
    passphrase = crypto.passphrase_of(database.obj)
    if bool(passphrase) != crypto.looks_encrypted(source):
        protected = "is" if passphrase else "is not"
        raise ValidationError(
            "file",
            f"{source} and the journal differ in protection (the journal {protected} "
            "encrypted); change the journal's passphrase setting first.",
        )
    safety = take_snapshot(SAFETY, now=now)
    close_journal()
    try:
        snapshots.copy_into(source, journal, passphrase)
    except (JournalError, *sql_errors()) as exc:
        raise JournalError(
            f"The restore failed ({exc}); the journal is as it was, and a copy is in {safety.path}."
        ) from exc
    finally:
        open_journal(journal, passphrase)
    return safety


# ---- checking ---------------------------------------------------------------------------


def check(path: str | os.PathLike | None = None, passphrase: str | None = None) -> list[str]:
    """The problems ``PRAGMA integrity_check`` and ``PRAGMA foreign_key_check`` find in
    the open journal (or in the file at ``path``, read-only): an empty list when healthy.
    For the open journal, encrypted, a plain snapshot left beside it is a problem too."""
    if path is not None:
        return snapshots.integrity_problems(Path(path), passphrase)
    problems = snapshots.integrity_problems()
    if crypto.passphrase_of(database.obj):
        problems += [
            f"{copy} is a plain (unencrypted) copy of the encrypted journal: open the journal "
            "again to encrypt it, or delete it"
            for copy in snapshots.plain_copies(journal_file())
        ]
    return problems


# ---- helpers ----------------------------------------------------------------------------


def _remove(path: Path) -> None:
    snapshots.remove_with_sidecars(path)


# Reading a row fails with one of these when a value is not of its column's kind.
READ_FAILURES = (ValueError, TypeError, AttributeError)


def damaged_row_message(restore: str) -> str | None:
    """Asked when reading the open journal failed with one of ``READ_FAILURES``: the
    sentence naming its first damaged row (``restore`` says how to restore a snapshot),
    or None when every row reads, and the failure is something else."""
    row = damaged_rows.damaged_value_in_open_journal()
    if row is None:
        return None
    return (
        f"The journal {journal_file()} has a damaged row ({row}): run `winwin check` to "
        f"see what else is damaged, and restore its latest snapshot ({restore})."
    )
