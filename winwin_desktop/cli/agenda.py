"""``winwin agenda``: the coming meetings in the user's calendar with people in the journal."""

from __future__ import annotations

import argparse

from winwin_desktop.cli.output import EXIT_OK, print_json, table
from winwin_desktop.journal import ValidationError, agenda


def run(args: argparse.Namespace) -> int:
    try:
        days = int(args.days)
    except ValueError:
        raise ValidationError("days", "Give --days a whole number, e.g. --days 7.") from None
    if args.remember and args.calendar is None:
        raise ValidationError("calendar", "Say which calendar to remember: --calendar PATH.")
    if args.calendar is None and not agenda.calendar_path():
        raise ValidationError(
            "calendar",
            "No calendar is set; give one with --calendar PATH (add --remember to keep it).",
        )
    meetings = agenda.upcoming(args.calendar, days)
    if args.remember:
        saved = agenda.set_calendar_path(args.calendar)
        if not args.json:
            print(f"Remembered the calendar {saved}.")
    if args.json:
        print_json([meeting.as_json() for meeting in meetings])
    elif not meetings:
        print(f"No meetings with people in the journal in the next {days} days.")
    else:
        rows = [
            (
                meeting.when(),
                meeting.title or "Meeting",
                ", ".join(meeting.names + meeting.others),
            )
            for meeting in meetings
        ]
        print(table([("When", "Meeting", "With"), *rows], set()))
    return EXIT_OK
