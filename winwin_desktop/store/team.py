"""A team on one journal (PostgreSQL only): members, who recorded what, sharing and
private notes, and the row-level security that enforces them.

A SQLite file never has members; every function here leaves it as it is, or answers as
for a journal of one user.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from peewee import Database

from winwin_desktop.store.connection import database, is_server

# The member logged in: the row of ``member`` whose role is the session's login, if it
# is not removed. Column defaults and the row-level policies call it.
MEMBER_FUNCTION = "winwin_member_id"
# The team's own tables: no journal records (never exported, copied or in the trash).
TEAM_TABLES = ("member", "person_share", "private_note")


@dataclass(frozen=True)
class MemberRow:
    id: int
    role: str
    email: str
    name: str
    added_at: dt.datetime
    removed_at: dt.datetime | None


# ---- the schema (migration 0008) -----------------------------------------------------


def create_member_function(db: Database) -> None:
    """``winwin_member_id()`` on a server: the id of the member logged in, or NULL."""
    if not is_server(db):
        return
    db.execute_sql(
        f"CREATE OR REPLACE FUNCTION {MEMBER_FUNCTION}() RETURNS integer "
        "LANGUAGE sql STABLE AS $$ SELECT id FROM member "
        "WHERE role = current_user AND removed_at IS NULL $$"
    )


def default_to_member(db: Database, table: str, column: str) -> None:
    """On a server, ``column`` of ``table`` defaults to the member logged in."""
    if is_server(db):
        db.execute_sql(f"ALTER TABLE {table} ALTER COLUMN {column} SET DEFAULT {MEMBER_FUNCTION}()")


def boolean_false(db: Database) -> str:
    """A boolean column's type, false by default, as each engine writes it (SQLite's
    booleans are integers, as peewee makes them)."""
    return "BOOLEAN NOT NULL DEFAULT FALSE" if is_server(db) else "INTEGER NOT NULL DEFAULT 0"


# ---- members -------------------------------------------------------------------------


def _rows(query: str, params: tuple = (), db: Database | None = None) -> list[MemberRow]:
    db = db if db is not None else database.obj
    return [
        MemberRow(*row)
        for row in db.execute_sql(
            f"SELECT id, role, email, name, added_at, removed_at FROM member {query}", params
        )
    ]


def member_rows(db: Database | None = None) -> list[MemberRow]:
    """Every member of the journal, removed ones too, by name."""
    return _rows("ORDER BY lower(name), id", db=db)


def has_members(db: Database | None = None) -> bool:
    """Whether the journal is a team's: a server journal with at least one member."""
    db = db if db is not None else database.obj
    if not is_server(db):
        return False
    return db.execute_sql("SELECT EXISTS (SELECT 1 FROM member)").fetchone()[0]


def logged_in_member(db: Database | None = None) -> MemberRow | None:
    """The member whose login this connection uses (removed or not); None on a file, or
    for a login that is no member."""
    db = db if db is not None else database.obj
    if not is_server(db):
        return None
    found = _rows("WHERE role = current_user", db=db)
    return found[0] if found else None
