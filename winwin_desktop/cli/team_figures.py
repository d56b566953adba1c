"""``winwin people --member EMAIL`` and ``--team``: per-member figures on a team journal."""

from __future__ import annotations

import argparse
from typing import Any

from winwin_desktop.analytics import PersonBalance
from winwin_desktop.analytics.team_balance import TeamBalance
from winwin_desktop.journal import balance, team
from winwin_desktop.journal.errors import ValidationError


def figures(standing: PersonBalance | None) -> dict[str, Any]:
    """What one member (or the team) gave and received with a person; the key order is
    part of the format."""
    if standing is None:
        return {
            "given": 0,
            "received": 0,
            "balance": 0,
            "status": "new",
            "given_window": 0,
            "received_window": 0,
        }
    return {
        "given": standing.given_total,
        "received": standing.received_total,
        "balance": standing.balance,
        "status": standing.status,
        "given_window": standing.given_window,
        "received_window": standing.received_window,
    }


class TeamFigures:
    """The per-member figures ``people`` adds: one member's (``--member``) or every
    member's (``--team``)."""

    def __init__(self, member: team.Member | None, members: list[team.Member]) -> None:
        self.member = member  # None: every member
        self.members = {each.id: each for each in members}
        self.table: dict[int, TeamBalance] = balance.team_table()

    def record(self, person_id: int) -> dict[str, Any]:
        """The keys added to the person's JSON object."""
        standing = self.table.get(person_id)
        if self.member is not None:
            line = standing.member(self.member.id) if standing else None
            return {"member": self._who(self.member.id) | figures(line and line.standing)}
        lines = standing.members if standing else ()
        return {
            "team": figures(standing.team if standing else None),
            "members": [self._who(line.member_id) | figures(line.standing) for line in lines],
        }

    def cells(self, person_id: int) -> tuple[str, ...]:
        """The columns added to the table (see :meth:`headers`): balances over the review
        window, as the table's own."""
        standing = self.table.get(person_id)
        if self.member is not None:
            line = standing.member(self.member.id) if standing else None
            return (_signed(_window_balance(line.standing)) if line else "0",)
        lines = standing.members if standing else ()
        return (
            ", ".join(
                f"{self._name(line.member_id)} {_signed(_window_balance(line.standing))}"
                for line in lines
            )
            or "—",
        )

    def headers(self, window: str) -> tuple[str, ...]:
        """The added columns' headers; ``window`` as the table's balance says it ("12 mo")."""
        if self.member is not None:
            return (f"{self.member.name}'s balance ({window})",)
        return (f"Each member's balance ({window})",)

    def _who(self, member_id: int | None) -> dict[str, Any]:
        member = self.members.get(member_id) if member_id is not None else None
        return {"email": member.email if member else None, "name": member.name if member else None}

    def _name(self, member_id: int | None) -> str:
        member = self.members.get(member_id) if member_id is not None else None
        return member.name if member else "before members"


def team_figures(args: argparse.Namespace) -> TeamFigures:
    """The figures ``--member EMAIL`` or ``--team`` ask for. :class:`ValidationError` with
    one sentence on a journal without members, or for an email that is no member's."""
    members = team.members()
    if not members:
        option = "--team" if args.team else "--member"
        raise ValidationError(
            option,
            f"This journal has no members, so {option} has nothing to show; it is for a "
            "team journal on a server (`winwin member add EMAIL --name NAME` makes one).",
        )
    if args.team:
        return TeamFigures(None, members)
    wanted = args.member.strip().casefold()
    found = next((m for m in members if m.email.casefold() == wanted), None)
    if found is None:
        raise ValidationError(
            "--member",
            f"No member of this team has the email “{args.member}”; "
            "`winwin member list` shows the team.",
        )
    return TeamFigures(found, members)


def _window_balance(standing: PersonBalance) -> int:
    return standing.given_window - standing.received_window


def _signed(value: int) -> str:
    return f"{value:+d}" if value else "0"
