"""``winwin person add`` and ``winwin people``."""

from __future__ import annotations

import argparse
import datetime as dt
from typing import Any

from winwin_desktop.analytics import STATUSES, PersonBalance, window_abbreviation
from winwin_desktop.cli.output import EXIT_OK, print_json, table
from winwin_desktop.journal import balance, settings
from winwin_desktop.journal import people as journal_people
from winwin_desktop.journal.people import PersonSummary
from winwin_desktop.journal.validate import clean_choice
from winwin_desktop.text import short_day


def person_add(args: argparse.Namespace) -> int:
    from winwin_desktop.journal.profile import introducer_id

    added = journal_people.add_person(
        args.name,
        organisation=args.org,
        role=args.role,
        emails=args.email,
        tags=args.tag,
        cadence_days=args.cadence,
        introduced_by_id=introducer_id(args.introduced_by),
    )
    print(f"Added {added.name}.")
    return EXIT_OK


def person_record(summary: PersonSummary, standing: PersonBalance) -> dict[str, Any]:
    """One person as ``winwin people --json`` prints them; the key order is part of the format."""
    return {
        "name": summary.name,
        "organisation": summary.organisation,
        "tags": list(summary.tags),
        "given": summary.given,
        "received": summary.received,
        "balance": summary.balance,
        "interactions": summary.interactions,
        "last_contact": summary.last_contact.isoformat() if summary.last_contact else None,
        "status": standing.status,
        "given_window": standing.given_window,
        "received_window": standing.received_window,
    }


def people(args: argparse.Namespace) -> int:
    wanted = None
    if args.status is not None:
        wanted = clean_choice(args.status, list(STATUSES), "status", "status")
    per_member = None
    if args.team or args.member is not None:
        # Only then: a plain `people` loads no module of the team's.
        from winwin_desktop.cli.team_figures import team_figures

        per_member = team_figures(args)
    summaries = journal_people.people_summaries()
    standings = balance.status_table()
    if wanted:
        summaries = [s for s in summaries if standings[s.id].status == wanted]
    if args.json:
        print_json(
            [
                person_record(s, standings[s.id]) | (per_member.record(s.id) if per_member else {})
                for s in summaries
            ]
        )
    elif not summaries:
        print(
            f"Nobody has the status “{wanted}”."
            if wanted
            else "The journal has nobody in it yet; add someone with `winwin person add NAME`."
        )
    else:
        # As the window's list: the balance over the review window that decides the
        # status (all-time figures are in --json), dates as people read them.
        window = window_abbreviation(int(settings.get_setting("review_window_days")))
        today = dt.date.today()
        rows = [
            ("Name", "Organisation", "Status", f"Balance ({window})", "Last contact")
            + (per_member.headers(window) if per_member else ())
        ]
        rows += [
            (
                s.name,
                s.organisation,
                standings[s.id].status,
                _signed(standings[s.id].given_window - standings[s.id].received_window),
                short_day(s.last_contact, today) if s.last_contact else "never",
            )
            + (per_member.cells(s.id) if per_member else ())
            for s in summaries
        ]
        print(table(rows, right_aligned={3}))
    return EXIT_OK


def _signed(points: int) -> str:
    return f"{points:+d}" if points else "0"
