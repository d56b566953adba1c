"""Bulk writes for generated journals (the benchmarks' reference journal has 800,000
rows): straight into the tables, hundreds of rows per statement and tens of thousands
per transaction, with no undo history. Everything a user does goes through ``journal/``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence

from peewee import chunked

from winwin_desktop.store.models import MODELS, Person, database

BATCH_ROWS = 500
ROWS_PER_TRANSACTION = 50_000

_MODELS_BY_TABLE = {model._meta.table_name: model for model in MODELS}


def holds_people() -> bool:
    """Whether the open journal has any person, in the trash or not."""
    return Person.select().exists()


def insert_rows(
    table: str,
    columns: Sequence[str],
    rows: Iterable[tuple],
    written: Callable[[int], None] | None = None,
) -> None:
    """Insert ``rows`` (values in the order of ``columns``) into ``table`` of the open
    journal; ``written`` is told how many rows each committed transaction held."""
    model = _MODELS_BY_TABLE[table]
    fields = [getattr(model, name) for name in columns]
    for block in chunked(rows, ROWS_PER_TRANSACTION):
        with database.atomic():
            for batch in chunked(block, BATCH_ROWS):
                model.insert_many(batch, fields=fields).execute()
        if written:
            written(len(block))
