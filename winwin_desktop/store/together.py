"""Several statements in one round trip to the server.

A journal on a PostgreSQL server 20 ms away pays 20 ms per statement sent and waited
for. :func:`run_together` sends a batch of independent queries at once (psycopg's
pipeline mode) and waits once; on a SQLite file, where a statement costs microseconds,
it simply runs them one after another. The queries must not need each other's results:
a row inserted in the batch is referred to by its ``uid`` (see :func:`id_of`), not by an
id read back in between, and the rows belonging to those another query finds are read by
a :class:`Related` query. :class:`BeginWithFirstStatement` does the same for a
transaction's ``BEGIN``, which need not travel alone, and a use case's last batch of
writes (``last=True``) carries the transaction's ``COMMIT`` where the transaction may end
with it (:func:`transaction_may_end`).
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterator, Sequence
from contextvars import ContextVar
from dataclasses import dataclass
from typing import Any

from peewee import ModelSelect, Query, __exception_wrapper__, chunked

from winwin_desktop.store.connection import database, is_server

# Whether the transaction being run may end with the next batch run with ``last=True``:
# set by the one recording the whole user action (store.history.recording).
_may_end: ContextVar[bool] = ContextVar("winwin_transaction_may_end", default=False)


@dataclass(frozen=True)
class Related:
    """A query of a batch reading what belongs to the rows another query of the same
    batch finds (``source``, whose first column is the key): ``build(keys)`` makes it.

    On a server ``keys`` is ``keys_query`` (the source's keys, as a subquery): the batch
    stays one round trip. On a file it is the keys the source's rows gave, 500 at a time:
    SQLite then finds the source's rows once, not once per query that needs them."""

    source: Query
    keys_query: Query
    build: Callable[[Any], Query]


@contextlib.contextmanager
def transaction_may_end(allowed: bool) -> Iterator[None]:
    """Inside this block the transaction may (or may not) end with a batch run with
    ``last=True``: its code does nothing after that batch."""
    token = _may_end.set(allowed)
    try:
        yield
    finally:
        _may_end.reset(token)


def run_together(queries: Sequence[Query | Related], *, last: bool = False) -> list[list[Any]]:
    """The rows of each query (in the row type each asks for: ``.dicts()``, ``.tuples()``;
    an INSERT or UPDATE gives the rows of its ``returning(...)``, or none).

    ``last``: the caller's last statements in the transaction, none of which can refuse
    the action but by failing on the server (INSERTs, say, not an UPDATE whose finding no
    row must then be checked). On a server, the transaction's ``COMMIT`` then goes in the
    same round trip, where the transaction may end there (:func:`transaction_may_end`):
    a statement failing in the batch skips the ``COMMIT``, and the transaction is rolled
    back as ever; a connection lost on the way commits nothing."""
    db = database.obj
    if not is_server(db):
        answers: list[list[Any]] = []
        for query in queries:
            if isinstance(query, Related):
                source = answers[_position(queries, query.source)]
                keys = [row[0] for row in source]
                answers.append(
                    [row for part in chunked(keys, 500) for row in _run(db, query.build(part))]
                )
            else:
                answers.append(_run(db, query))
        return answers
    queries = [q.build(q.keys_query) if isinstance(q, Related) else q for q in queries]
    conn = db.connection()
    cursors = []
    # Errors come back when the batch is synced: peewee's own exceptions, as for any query.
    with __exception_wrapper__:
        with conn.pipeline():
            if isinstance(db, BeginWithFirstStatement):
                db.send_pending_begin(conn)
            for query in queries:
                sql, params = db.get_sql_context().sql(query).query()
                cursor = conn.cursor()
                cursor.execute(sql, params)
                cursors.append(cursor)
            ending = last and _may_end.get() and isinstance(db, BeginWithFirstStatement)
            if ending:
                ending = db.send_commit(conn)
        if ending:
            db.committed_with_batch()
        return [_rows(query, cursor) for query, cursor in zip(queries, cursors, strict=True)]


def _run(db, query: Query) -> list[Any]:
    return _rows(query, db.execute(query))


def _position(queries: Sequence[Query | Related], source: Query) -> int:
    """Where ``source`` is in the batch (an earlier query, the very object)."""
    return next(i for i, query in enumerate(queries) if query is source)


def id_of(model: type, uid: str) -> ModelSelect:
    """The id of the ``model`` row with ``uid``, as a value of another row: the row may be
    inserted earlier in the same batch."""
    return model.select(model.id).where(model.uid == uid)


def _rows(query: Query, cursor) -> list[Any]:
    if cursor.description is None:
        return []
    return list(query._get_cursor_wrapper(cursor))


class BeginWithFirstStatement:
    """For a server's database class: a transaction's ``BEGIN`` is held back and sent
    with the transaction's first statement, in the same round trip; a transaction that
    ran no statement sends neither ``BEGIN`` nor ``COMMIT``. Its ``COMMIT`` may go with
    its last batch (:meth:`send_commit`), and is then not sent again.

    The held ``BEGIN`` belongs to the connection it was asked on (a connection lost and
    made again never starts a transaction by surprise)."""

    def begin(self, isolation_level=None) -> None:
        if isolation_level is not None:
            super().begin(isolation_level)
            return
        self.connection()
        self._state.begin_held = self._state.conn
        self._state.committed_with = None

    def send_pending_begin(self, conn) -> None:
        """Queue the held ``BEGIN`` on ``conn`` (in pipeline mode: sent with what follows)."""
        if self._take_begin():
            conn.cursor().execute("BEGIN")

    def send_commit(self, conn) -> bool:
        """Queue the transaction's ``COMMIT`` on ``conn`` (in pipeline mode: sent with the
        batch before it) unless a savepoint is open; whether it was queued. Then
        :meth:`committed_with_batch` once the batch has succeeded."""
        if self.transaction_depth() != 1:
            return False
        conn.cursor().execute("COMMIT")
        return True

    def committed_with_batch(self) -> None:
        """The ``COMMIT`` sent with a batch was done: the transaction's end sends nothing."""
        self._state.committed_with = self._state.conn

    def _take_committed(self) -> bool:
        committed = getattr(self._state, "committed_with", None)
        self._state.committed_with = None
        return committed is not None and committed is self._state.conn

    def _take_begin(self) -> bool:
        held = getattr(self._state, "begin_held", None)
        self._state.begin_held = None
        return held is not None and held is self._state.conn

    def _execute_cursor(self, sql, params, **cursor_options):
        if getattr(self._state, "begin_held", None) is None:
            return super()._execute_cursor(sql, params, **cursor_options)
        conn = self._state.conn
        if cursor_options:  # a server-side cursor: it cannot be pipelined
            with __exception_wrapper__:
                self.send_pending_begin(conn)
            return super()._execute_cursor(sql, params, **cursor_options)
        with __exception_wrapper__, conn.pipeline():
            self.send_pending_begin(conn)
            cursor = conn.cursor()
            cursor.execute(sql, params or ())
        return cursor

    def commit(self) -> None:
        if not self._take_begin() and not self._take_committed():
            super().commit()

    def rollback(self) -> None:
        # After a COMMIT sent with the last batch there is nothing left to roll back.
        if not self._take_begin() and not self._take_committed():
            super().rollback()
