"""Several queries in one round trip to the server.

A journal on a PostgreSQL server 20 ms away pays 20 ms per statement sent and waited
for. :func:`run_together` sends a batch of independent queries at once (psycopg's
pipeline mode) and waits once; on a SQLite file, where a statement costs microseconds,
it simply runs them one after another. The queries must not need each other's results:
a row inserted in the batch is referred to by its ``uid`` (see :func:`id_of`), not by an
id read back in between.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from peewee import ModelSelect, Query, __exception_wrapper__

from winwin_desktop.store.connection import database, is_server


def run_together(queries: Sequence[Query]) -> list[list[Any]]:
    """The rows of each query (in the row type each asks for: ``.dicts()``, ``.tuples()``;
    an INSERT or UPDATE gives the rows of its ``returning(...)``, or none)."""
    db = database.obj
    if not is_server(db):
        return [_rows(query, db.execute(query)) for query in queries]
    conn = db.connection()
    cursors = []
    # Errors come back when the batch is synced: peewee's own exceptions, as for any query.
    with __exception_wrapper__:
        with conn.pipeline():
            for query in queries:
                sql, params = db.get_sql_context().sql(query).query()
                cursor = conn.cursor()
                cursor.execute(sql, params)
                cursors.append(cursor)
        return [_rows(query, cursor) for query, cursor in zip(queries, cursors, strict=True)]


def id_of(model: type, uid: str) -> ModelSelect:
    """The id of the ``model`` row with ``uid``, as a value of another row: the row may be
    inserted earlier in the same batch."""
    return model.select(model.id).where(model.uid == uid)


def _rows(query: Query, cursor) -> list[Any]:
    if cursor.description is None:
        return []
    return list(query._get_cursor_wrapper(cursor))
