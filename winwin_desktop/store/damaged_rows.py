"""Rows holding what their columns cannot hold: a date that is not a date, nothing where a
value is required, text where a number belongs. SQLite stores whatever it is given, so a
damaged or hand-edited file can pass ``integrity_check`` and still fail when such a row is
read; this finds them, in words. (A PostgreSQL server enforces the types itself.)
"""

from __future__ import annotations

from peewee import (
    BlobField,
    BooleanField,
    DateField,
    DateTimeField,
    Field,
    ForeignKeyField,
    IntegerField,
    JSONField,
    TimeField,
)

from winwin_desktop.store.connection import database, is_server, sql_errors
from winwin_desktop.store.models import MODELS

# A row's problem, in words, by the condition that finds it (``{c}`` is the column).
_KINDS: tuple[tuple[type[Field], str, str], ...] = (
    (DateTimeField, "datetime({c}) IS NULL", "is “{v}”, not a date and time"),
    (DateField, "date({c}) IS NULL", "is “{v}”, not a date"),
    (TimeField, "time({c}) IS NULL", "is “{v}”, not a time"),
    (ForeignKeyField, "typeof({c}) != 'integer'", "is “{v}”, not a row number"),
    (BooleanField, "typeof({c}) != 'integer'", "is “{v}”, not yes or no"),
    (IntegerField, "typeof({c}) != 'integer'", "is “{v}”, not a number"),
    (JSONField, "json_valid({c}) = 0", "is “{v}”, not readable"),
    (BlobField, "typeof({c}) NOT IN ('blob', 'text')", "is “{v}”, not a picture"),
    (Field, "typeof({c}) != 'text'", "is “{v}”, not text"),
)
SHOWN_CHARACTERS = 40


def damaged_values(con, most: int = 5) -> list[str]:
    """Up to ``most`` values the journal behind ``con`` (a sqlite3 connection) cannot read,
    each as "interaction 12: its date is “garbage”, not a date"; empty when every row
    reads. One pass over each table."""
    found: list[str] = []
    for model in MODELS:
        fields = [field for field in model._meta.sorted_fields if not field.primary_key]
        checks = [_check(field) for field in fields]
        wrong = ", ".join(condition for condition, _ in checks)
        columns = ", ".join(f'"{field.column_name}"' for field in fields)
        table = model._meta.table_name
        query = (
            f'SELECT id, {wrong}, {columns} FROM "{table}" '
            f"WHERE {' OR '.join(condition for condition, _ in checks)} LIMIT ?"
        )
        for row_id, *cells in con.execute(query, (most - len(found),)):
            flags, values = cells[: len(fields)], cells[len(fields) :]
            at = next(i for i, flag in enumerate(flags) if flag)
            what = (
                "is missing" if values[at] is None else checks[at][1].format(v=_shown(values[at]))
            )
            found.append(f"{table} {row_id}: its {fields[at].name.replace('_', ' ')} {what}")
        if len(found) >= most:
            break
    return found


def _check(field: Field) -> tuple[str, str]:
    """The condition that finds a wrong value in ``field``'s column, and its words."""
    column = f'"{field.column_name}"'
    for kind, condition, words in _KINDS:
        if isinstance(field, kind):
            wrong = f"({column} IS NOT NULL AND {condition.format(c=column)})"
            if not field.null:
                wrong = f"({column} IS NULL OR {wrong})"
            return wrong, words
    raise AssertionError(field)  # the last kind, Field, matches every field


def _shown(value) -> str:
    shown = value if isinstance(value, str) else repr(value)
    if len(shown) > SHOWN_CHARACTERS:
        shown = shown[: SHOWN_CHARACTERS - 1] + "…"
    return shown


def damaged_value_in_open_journal() -> str | None:
    """The first value the open journal cannot read, in words, or None (also when no
    journal is open, or it lives on a server, which enforces its types)."""
    if database.obj is None or is_server():
        return None
    try:
        found = damaged_values(database.connection(), most=1)
    except sql_errors():
        return None  # too damaged to look: the caller's own error stands
    return found[0] if found else None
