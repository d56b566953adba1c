"""Copying the whole open journal into an empty one elsewhere — a new file, or an empty
PostgreSQL database — verified before it is kept (``winwin copy-to``, File → Copy
journal to…).

Everything is copied as it is, ids included: people, tags, interactions, exchanges,
promises, reflections, mentions, settings, photos, and the trash (rows in it stay in
it). The undo history is not: it belongs to a running window, not to the journal. The
copy is written in one transaction and checked inside it — the rows of every table and
every person's points given and received, the same on both — so that the target holds
either the whole verified journal or nothing of it.
"""

from __future__ import annotations

import datetime as dt
import os
import urllib.parse
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from peewee import Database, DatabaseError, chunked, fn

from winwin_desktop.journal import shared_journals
from winwin_desktop.journal.errors import ValidationError
from winwin_desktop.store import aggregates, crypto, transfer
from winwin_desktop.store.connection import JournalError, database, sql_errors
from winwin_desktop.store.models import COPIED_MODELS, Exchange, Interaction, Person, live
from winwin_desktop.text import plural

BATCH_ROWS = 500
SERVER_SCHEMES = ("postgresql", "postgres")

Progress = Callable[[int, int], None]
"""Told (rows copied so far, rows in all) after each batch."""


class CopyMismatch(JournalError):
    """The copy, read back, differs from the journal: nothing of it was kept."""


@dataclass(frozen=True)
class CopyResult:
    """A verified copy: where it went and the rows of each table (trash included)."""

    target: str
    rows: dict[str, int]

    def describe(self) -> str:
        people = plural(self.rows.get("person", 0), "person", "people")
        interactions = plural(self.rows.get("interaction", 0), "interaction", "interactions")
        return (
            f"Copied the journal to {self.target} ({people}, {interactions}, "
            f"{plural(sum(self.rows.values()), 'row', 'rows')} in all, the trash "
            "included); verified: every "
            "table and every person's points given and received are the same in both."
        )


def is_server_location(target: str | os.PathLike) -> bool:
    """Whether ``target`` names a database server (a postgresql:// URL) rather than a file."""
    return urllib.parse.urlsplit(str(target)).scheme.lower() in SERVER_SCHEMES


def shown(target: str | os.PathLike) -> str:
    """``target`` as it may be printed: a URL without any password written in it."""
    if not is_server_location(target):
        return str(Path(target).expanduser().absolute())
    parts = urllib.parse.urlsplit(str(target))
    if parts.password is None:
        return str(target)
    host = parts.netloc.rpartition("@")[2]
    user = f"{parts.username}@" if parts.username else ""
    return urllib.parse.urlunsplit(parts._replace(netloc=f"{user}{host}"))


def copy_journal(
    target: str | os.PathLike, progress: Progress | None = None, *, in_background: bool = False
) -> CopyResult:
    """Copy the open journal into ``target`` (a file path or a postgresql:// URL), which
    must be empty, and verify the copy. On any failure the target is left as it was
    before (:class:`JournalError` says why); the open journal is only read.

    ``in_background``: called from a thread other than the one using the journal; it
    reads the journal through a connection of its own, closed at the end."""
    try:
        return _copy(target, progress)
    finally:
        if in_background and database.obj is not None:
            database.close()  # this thread's connection only: peewee keeps one per thread


def _copy(target: str | os.PathLike, progress: Progress | None) -> CopyResult:
    if database.obj is None:
        raise JournalError("No journal is open.")
    if not str(target).strip():
        raise ValidationError(
            "target", "Give the file or postgresql:// URL to copy the journal to."
        )
    where = shown(target)
    copy_db = _open_target(target)
    try:
        with database.atomic():  # one consistent reading of the journal
            rows = _write_verified(copy_db, where, progress)
    except (DatabaseError, *sql_errors(), OSError) as exc:
        _discard(copy_db)
        raise JournalError(
            f"The journal could not be copied to {where} ({exc}); nothing was kept there."
        ) from exc
    except BaseException:
        _discard(copy_db)
        raise
    copy_db.close()
    return CopyResult(where, rows)


def _open_target(target: str | os.PathLike) -> Database:
    if is_server_location(target):
        if str(target) == getattr(database.obj, "location", None):
            raise ValidationError(
                "target", f"{shown(target)} is the open journal itself; choose an empty database."
            )
        return transfer.new_server_journal(str(target), shared_journals.password_for(str(target)))
    path = Path(target).expanduser().absolute()
    source = getattr(database.obj, "database", None)
    if source and Path(source).absolute() == path:
        raise ValidationError("target", f"{path} is the open journal itself; choose a new file.")
    return transfer.new_journal_file(path, crypto.passphrase_of(database.obj))


def _discard(copy_db: Database) -> None:
    if hasattr(copy_db, "was_empty_file"):
        transfer.discard_journal_file(copy_db)
    else:
        copy_db.close()


def _write_verified(copy_db: Database, where: str, progress: Progress | None) -> dict[str, int]:
    """Write every row into ``copy_db`` in one transaction, and check the copy before it
    is committed (a mismatch rolls it back)."""
    source_rows = _row_counts(database.obj)
    total = sum(source_rows.values())
    done = 0
    with copy_db.atomic():
        if not transfer.is_empty(copy_db):
            raise JournalError(
                f"{where} already holds a journal and was left untouched; copy into a new "
                "file or an empty database."
            )
        introducers: dict[int, int] = {}
        for model in COPIED_MODELS:
            query = model.select().order_by(model.id).dicts()
            for batch in chunked(query.iterator(), BATCH_ROWS):
                if model is Person:
                    # Someone may be introduced by a person with a larger id, not yet
                    # written: their links are set once everyone is there.
                    for row in batch:
                        if row["introduced_by"] is not None:
                            introducers[row["id"]] = row.pop("introduced_by")
                            row["introduced_by"] = None
                # Bound to the copy while writing, so that each value is written as
                # the copy's engine stores it (JSON, say); in this thread only.
                with copy_db.bind_ctx(COPIED_MODELS, bind_refs=False, bind_backrefs=False):
                    model.insert_many(batch).execute()
                done += len(batch)
                if progress:
                    progress(done, total)
            if model is Person:
                for person_id, introducer in introducers.items():
                    Person.update(introduced_by=introducer).where(Person.id == person_id).execute(
                        copy_db
                    )
        transfer.after_ids_written(copy_db)
        _verify(source_rows, _row_counts(copy_db), _totals(database.obj), _totals(copy_db))
        if _fast_totals(database.obj) != _fast_totals(copy_db):
            raise CopyMismatch(
                "The copy's totals, as the people list counts them, did not match the "
                "journal's, so nothing of it was kept; try again."
            )
    return source_rows


def _row_counts(db: Database) -> dict[str, int]:
    return {model._meta.table_name: model.select().count(db) for model in COPIED_MODELS}


def _totals(db: Database) -> dict[int, dict[str, int]]:
    """Points given and received per person, as the journal counts them (out of the
    trash)."""
    query = (
        Exchange.select(Exchange.person, Exchange.direction, fn.SUM(Exchange.points))
        .join(Interaction)
        .where(live(Exchange, Interaction))
        .group_by(Exchange.person, Exchange.direction)
        .tuples()
    )
    found: dict[int, dict[str, int]] = {}
    for person_id, direction, points in query.execute(db):
        found.setdefault(person_id, {})[direction] = int(points)
    return found


def _fast_totals(db: Database) -> dict[int, tuple[int, ...]]:
    """Each person's totals as the people list reads them (from the copies of each
    exchange's day kept by the engine's triggers), over all time."""
    return aggregates.window_totals(db, dt.date(1, 1, 1), dt.date(9999, 12, 31))


def _verify(
    source_rows: dict[str, int],
    copy_rows: dict[str, int],
    source_totals: dict[int, dict[str, int]],
    copy_totals: dict[int, dict[str, int]],
) -> None:
    for table, count in source_rows.items():
        if copy_rows.get(table) != count:
            raise CopyMismatch(
                f"The copy did not match the journal ({table}: {count} rows in the journal, "
                f"{copy_rows.get(table, 0)} in the copy), so nothing of it was kept; try again."
            )
    if source_totals != copy_totals:
        person_id = min(
            set(source_totals) ^ set(copy_totals)
            or {p for p in source_totals if source_totals[p] != copy_totals.get(p)}
        )
        name = Person.get_by_id(person_id).name
        raise CopyMismatch(
            f"The copy did not match the journal ({name}'s points given and received "
            "differ), so nothing of it was kept; try again."
        )
