"""Bulk writes for generated journals (the benchmarks' reference journal has 800,000
rows): straight into the tables, hundreds of rows per statement and tens of thousands
per transaction, with no undo history. Everything a user does goes through ``journal/``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence

from peewee import Function, Node, chunked

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


def insert_dicts(model: type, rows: list[dict]) -> None:
    """Insert ``rows`` (dicts of field names to values, all with the same fields) into
    ``model``'s table, in the open transaction: one prepared statement run for every row.

    peewee's ``insert_many`` builds an expression tree for every value, which took most
    of the time a 10,000-contact import spent writing; this converts each value with its
    field as peewee does (a JSON value becomes ``json(?)`` on SQLite, a parameter of its
    own on PostgreSQL) and fills in the model's defaults for the fields not given."""
    if not rows:
        return
    meta = model._meta
    given = [meta.fields[name] for name in rows[0]]
    defaults = [(f, d) for f, d in meta.defaults.items() if f.name not in rows[0]]
    fields = given + [f for f, _ in defaults]

    def _row(row: dict) -> list:
        return [row[f.name] for f in given] + [d() if callable(d) else d for _, d in defaults]

    opening, closing = database.quote  # the engine's quotes around a name: "" or ``
    converters = [f.db_value for f in fields]
    placeholders = [_parameter(c(v))[0] for c, v in zip(converters, _row(rows[0]), strict=True)]
    values = []
    for row in rows:
        params = []
        for convert, value in zip(converters, _row(row), strict=True):
            value = convert(value)
            if isinstance(value, Node):
                params.extend(_parameter(value)[1])
            else:
                params.append(value)
        values.append(params)
    statement = "INSERT INTO {}{}{} ({}) VALUES ({})".format(
        opening,
        meta.table_name,
        closing,
        ", ".join(f"{opening}{f.column_name}{closing}" for f in fields),
        ", ".join(placeholders),
    )
    database.cursor().executemany(statement, values)


def _parameter(value: object) -> tuple[str, list]:
    """A converted value as (placeholder, parameters): a function of plain values, such
    as SQLite's ``json(?)``, without building its expression (the slow part)."""
    if isinstance(value, Function) and not any(isinstance(a, Node) for a in value.arguments):
        marks = ", ".join([database.param] * len(value.arguments))
        return f"{value.name}({marks})", list(value.arguments)
    if isinstance(value, Node):
        sql, params = database.get_sql_context().sql(value).query()
        return sql, list(params)
    return database.param, [value]
