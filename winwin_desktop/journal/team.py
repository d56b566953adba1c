"""A team on one journal: its members and who is logged in.

Members exist only on a journal on a PostgreSQL server; a journal file, or a server
journal before its first member is added, is one user's, and every answer here says so.
"""

from __future__ import annotations

from dataclasses import dataclass

from winwin_desktop.store import team as store_team


@dataclass(frozen=True)
class Member:
    """A member of a team journal: their email and name, their PostgreSQL login
    (``role``), and whether they were removed (their rows stay, read-only)."""

    id: int
    email: str
    name: str
    role: str
    removed: bool


def _member(row: store_team.MemberRow) -> Member:
    return Member(row.id, row.email, row.name, row.role, row.removed_at is not None)


def members() -> list[Member]:
    """Every member of the open journal (removed ones too), by name; [] on a journal of
    one user."""
    if not store_team.has_members():
        return []
    return [_member(row) for row in store_team.member_rows()]


def current_member() -> Member | None:
    """The member logged in to the open journal; None on a file, on a journal without
    members, or for a login that is not a member."""
    row = store_team.logged_in_member()
    return _member(row) if row is not None else None


def is_team_journal() -> bool:
    """Whether the open journal is a team's (on a server, with members)."""
    return store_team.has_members()
