"""Undo and redo for whole user actions.

A user action runs inside :func:`recording`: one transaction, during which every row the
action saves or deletes is remembered as it was before and as it is after. Undo writes
the "before" images back, redo the "after" images, each again in one transaction. The
models call :func:`before_write` and :func:`after_write` from ``save`` and
``delete_instance``, so use cases need not do anything special — they must only avoid
bulk ``update()``/``delete()`` queries, which would bypass the record.

Several windows, processes or machines may write to one journal: undo (and redo) first
checks that every row is still as the step left it — and that nobody has since added a
row that points to one it would delete — and otherwise refuses with
:class:`ChangedSince`, writing nothing, rather than overwrite someone else's change.
"""

from __future__ import annotations

import contextlib
import datetime as dt
from collections.abc import Iterator
from contextvars import ContextVar
from dataclasses import dataclass, field
from typing import Any

from peewee import chunked, sort_models

from winwin_desktop.store import team, together, verified
from winwin_desktop.store.connection import (
    JournalError,
    is_server,
    refuse_if_gone,
    write_transaction,
)

Key = tuple[type, int]
Image = dict[str, Any] | None

_current: ContextVar[Change | None] = ContextVar("winwin_change", default=None)
# Whether the action being recorded is one use case and nothing else (see recording).
_one_use_case: ContextVar[bool] = ContextVar("winwin_one_use_case", default=False)


# Who last changed a row (migration 0009): a server sets it to the member writing, so it
# is never compared (every change moves ``updated_at`` too) nor the reason for a refusal.
CHANGER = "changed_by"


class ChangedSince(JournalError):
    """Undo, redo or a save refused: someone else changed what it would write since it
    was read. ``row`` is that row as stored now (None: gone); the sentence says when,
    and on a team journal which member."""

    def __init__(self, what: str, verb: str, row: Image = None) -> None:
        super().__init__(changed_sentence(what, verb, row))


def changed_sentence(what: str, verb: str, row: Image) -> str:
    """“Workshop” was changed by Ana Ruiz at 14:02 — reload and apply yours again;
    nothing was saved. (On a journal of one user: "changed elsewhere at 14:02".)"""
    after = f" — reload and apply yours again; nothing was {verb}."
    if row is None or row.get("updated_at") is None:
        return f"{what} was changed elsewhere{after}"
    return f"{what} was changed {_by_whom(row.get(CHANGER))} at {_clock(row['updated_at'])}{after}"


def _by_whom(member_id: int | None) -> str:
    """Who changed a row, as the sentence says it: a member by name on a team journal,
    else "elsewhere" (the single user's other window, or a login that is no member)."""
    if member_id is None or not team.has_members():
        return "elsewhere"
    me = team.logged_in_member()
    if me is not None and me.id == member_id:
        return "by you in another window"
    member = team.member_by_id(member_id)
    return f"by {member.name}" if member is not None else "elsewhere"


def same_row(stored: Image, expected: Image) -> bool:
    """Whether a row is as ``expected``, who last changed it aside."""
    if stored is None or expected is None:
        return stored is expected
    return {k: v for k, v in stored.items() if k != CHANGER} == {
        k: v for k, v in expected.items() if k != CHANGER
    }


def _clock(changed_at: dt.datetime) -> str:
    """A stored UTC time as the user's clock says it: "14:02", or "3 Dec 14:02" another day."""
    local = changed_at.replace(tzinfo=dt.UTC).astimezone()
    if local.date() == dt.datetime.now().astimezone().date():
        return local.strftime("%H:%M")
    return f"{local.day} {local.strftime('%b %H:%M')}"


@dataclass
class Change:
    """What one user action did: each touched row before and after."""

    label: str
    before: dict[Key, Image] = field(default_factory=dict)
    after: dict[Key, Image] = field(default_factory=dict)
    # Rows written with their stored values in hand (RETURNING): not read again.
    known: dict[Key, Image] = field(default_factory=dict, repr=False)

    @property
    def is_empty(self) -> bool:
        return all(self.before[k] == self.after.get(k) for k in self.before)

    def undo(self) -> None:
        """Write the rows back as they were before; :class:`ChangedSince` if any of them
        is no longer as this action left it."""
        _apply(self.before, expected=self.after, verb="undone")

    def redo(self) -> None:
        _apply(self.after, expected=self.before, verb="redone")

    def _finish(self) -> None:
        # One query per table and 500 rows, not one per row: an import touches thousands.
        by_model = _by_model(key for key in self.before if key not in self.known)
        self.after = dict.fromkeys(self.before)
        self.after.update(self.known)
        for model, ids in by_model.items():
            for chunk in chunked(ids, 500):
                for image in model.select().where(model.id.in_(chunk)).dicts():
                    self.after[(model, image["id"])] = image


def _image(model: type, row_id: int) -> Image:
    return model.select().where(model.id == row_id).dicts().get_or_none()


def before_write(row: Any) -> None:
    change = _current.get()
    if change is None or row.id is None:
        return
    key = (type(row), row.id)
    change.known.pop(key, None)
    if key not in change.before:
        change.before[key] = _image(*key)


def written(model: type, rows: list[tuple[Image, dict[str, Any]]]) -> None:
    """Rows the current action has just written itself, each as it was read before (None
    for a new row) and as stored after (an INSERT's or UPDATE's ``RETURNING`` of every
    field): recorded without reading them again."""
    change = _current.get()
    if change is None:
        return
    for before, after in rows:
        key = (model, after["id"])
        change.before.setdefault(key, before)
        change.known[key] = after


def after_write(row: Any) -> None:
    change = _current.get()
    if change is not None and row.id is not None:
        change.before.setdefault((type(row), row.id), None)


@contextlib.contextmanager
def recording(label: str, *, one_use_case: bool = False) -> Iterator[Change]:
    """Run one user action in one transaction and record what it changed.

    The use case whose recording this is may end the transaction with its last batch of
    writes (``together.run_together(..., last=True)``: one round trip less to a server);
    a use case it calls may too if ``one_use_case`` says the block runs that use case
    and nothing else (the log dialog's save)."""
    change = Change(label)
    outer = _current.get()
    if outer is not None:  # nested use case: it is part of the outer action
        alone = _one_use_case.get()
        token = _one_use_case.set(False)  # what it calls in turn is not alone
        try:
            with together.transaction_may_end(alone):
                yield outer
        finally:
            _one_use_case.reset(token)
        return
    refuse_if_gone()
    verified.refuse_if_damaged()
    with write_transaction():
        token = _current.set(change)
        alone = _one_use_case.set(one_use_case)
        try:
            with together.transaction_may_end(True):
                yield change
        finally:
            _one_use_case.reset(alone)
            _current.reset(token)
        change._finish()


def _apply(images: dict[Key, Image], expected: dict[Key, Image], verb: str) -> None:
    # Parents before children (foreign keys), so rows are written back in a valid order.
    order = {model: rank for rank, model in enumerate(sort_models({k[0] for k in images}))}
    refuse_if_gone()
    verified.refuse_if_damaged()
    keys = sorted(images, key=lambda k: (order[k[0]], k[1]))
    with write_transaction():
        token = _current.set(None)
        try:
            _refuse_if_changed_since(expected, images, verb)
            for model, row_id in reversed(keys):
                if images[(model, row_id)] is None:
                    model.delete().where(model.id == row_id).execute()
            for model, row_id in keys:
                image = images[(model, row_id)]
                if image is None:
                    continue
                values = {k: v for k, v in image.items() if k != "id"}
                updated = model.update(**values).where(model.id == row_id).execute()
                if not updated:
                    model.insert(id=row_id, **values).execute()
        finally:
            _current.reset(token)


def _by_model(keys) -> dict[type, list[int]]:
    grouped: dict[type, list[int]] = {}
    for model, row_id in keys:
        grouped.setdefault(model, []).append(row_id)
    return grouped


def _refuse_if_changed_since(
    expected: dict[Key, Image], target: dict[Key, Image], verb: str
) -> None:
    """:class:`ChangedSince` unless every row is as ``expected`` and no row outside the
    step points to a row the step would delete. The rows are locked on a server until
    the transaction ends (SQLite's write lock is already held)."""
    for model, ids in _by_model(expected).items():
        for chunk in chunked(ids, 500):
            query = model.select().where(model.id.in_(chunk))
            if is_server():
                query = query.for_update()
            current = {row["id"]: row for row in query.dicts()}
            for row_id in chunk:
                image = expected[(model, row_id)]
                if not same_row(current.get(row_id), image):
                    raise ChangedSince(
                        describe(model, image or current[row_id]), verb, current.get(row_id)
                    )
    doomed = [k for k, image in target.items() if image is None and expected.get(k) is not None]
    known = _by_model(expected)
    for model, ids in _by_model(doomed).items():
        for foreign_key, child in model._meta.backrefs.items():
            for chunk in chunked(ids, 500):
                pointing = child.select().where(
                    foreign_key.in_(chunk) & child.id.not_in(known.get(child, []))
                )
                row = pointing.dicts().first()
                if row is not None:
                    parent = expected[(model, row[foreign_key.name])]
                    raise ChangedSince(describe(model, parent), verb, row)


def describe(model: type, image: dict[str, Any]) -> str:
    """A row in the user's words, to begin a sentence."""
    for name in ("name", "title", "text"):
        if image.get(name):
            return f"“{image[name]}”"
    if image.get("day"):
        return f"The reflection of {image['day']}"
    if image.get("key"):
        return f"The setting “{image['key']}”"
    return f"A{'n' if model.__name__[0] in 'AEIOU' else ''} {model.__name__.lower()}"
