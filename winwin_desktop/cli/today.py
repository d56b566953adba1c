"""``winwin reflect`` and ``winwin due``: the day's reflection and what is due."""

from __future__ import annotations

import argparse
import datetime as dt

from winwin_desktop.analytics.attention import DUE_HORIZON_DAYS
from winwin_desktop.cli.output import EXIT_OK, print_json
from winwin_desktop.journal import people, reflections, today
from winwin_desktop.journal.typed_names import find_people
from winwin_desktop.journal.validate import parse_date
from winwin_desktop.text import short_day


def reflect(args: argparse.Namespace) -> int:
    day = dt.date.today() if args.date is None else parse_date(args.date)
    paragraph = " ".join(args.text)
    find_people(reflections.mentioned_as(paragraph), "mention", mention=True)
    reflections.append_paragraph(day, paragraph)
    names = people.people_names()
    mentioned, _ = reflections.find_mentions(paragraph, names)
    lookup = dict(names)
    line = f"Added to the reflection of {short_day(day, dt.date.today())}"
    if mentioned:
        line += f" (mentions: {', '.join(lookup[i] for i in mentioned)})"
    print(f"{line}.")
    return EXIT_OK


def due(args: argparse.Namespace) -> int:
    day = dt.date.today()
    due = today.due_promises(day)
    attention = today.needs_attention(day)
    if args.json:
        print_json(
            {
                "promises": [
                    {
                        "person": p.person_name,
                        "owed_by": p.owed_by,
                        "text": p.text,
                        "due": p.due.isoformat(),
                        "overdue": p.is_overdue(day),
                    }
                    for p in due
                ],
                "attention": [{"person": a.name, "reasons": a.reasons} for a in attention],
            }
        )
        return EXIT_OK
    if not due and not attention:
        print(f"Nothing is due in the next {DUE_HORIZON_DAYS} days, and nobody needs attention.")
        return EXIT_OK
    lines = [f"Promises due in the next {DUE_HORIZON_DAYS} days or overdue"]
    # Dates as the window shows them ("Fri 27 Nov"), in a column as wide as the longest.
    dates = [short_day(p.due, day) for p in due]
    width = max(map(len, dates), default=0)
    lines += [f"  {d:<{width}}  {p.describe(day)}" for d, p in zip(dates, due, strict=True)] or [
        "  None."
    ]
    lines += ["", "People who need attention"]
    for person in attention:
        lines.append(f"  {person.name}")
        lines += [f"    - {reason}" for reason in person.reasons]
    if not attention:
        lines.append("  Nobody.")
    print("\n".join(lines))
    return EXIT_OK
