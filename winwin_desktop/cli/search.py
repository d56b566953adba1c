"""``winwin search``: find people, interactions, exchanges, promises and reflections."""

from __future__ import annotations

import argparse

from winwin_desktop.cli.output import EXIT_OK, print_json
from winwin_desktop.journal import ValidationError
from winwin_desktop.journal.search import KIND_LABELS, grouped, parse_query
from winwin_desktop.journal.search import search as find


def search(args: argparse.Namespace) -> int:
    query = " ".join(args.query)
    try:
        limit = int(args.limit)
    except ValueError:
        limit = 0
    if limit < 1:
        raise ValidationError(
            "limit", f"--limit takes a number of results from 1 up, not “{args.limit}”."
        )
    if not parse_query(query):
        raise ValidationError(
            "query", "Give at least one word to search for, e.g. winwin search pricing."
        )
    hits = find(query, limit=limit)
    if args.json:
        print_json(
            [
                {
                    "kind": hit.kind,
                    "title": hit.title,
                    "date": hit.date.isoformat() if hit.date else None,
                    "people": list(hit.people),
                    "snippet": hit.snippet,
                }
                for hit in hits
            ]
        )
    elif not hits:
        print(f"Nothing in the journal matches “{query.strip()}”; try fewer or shorter words.")
    else:
        blocks = []
        for kind, found in grouped(hits):
            dated = any(hit.date for hit in found)
            lines = [KIND_LABELS[kind]]
            for hit in found:
                day = f"{hit.date.isoformat() if hit.date else '':12}" if dated else ""
                who = ", ".join(name for name in hit.people if name not in hit.title)
                lines.append(f"  {day}{hit.title} · {who}" if who else f"  {day}{hit.title}")
                if hit.snippet:
                    lines.append(f"  {' ' * len(day)}{hit.snippet}")
            blocks.append("\n".join(lines))
        print("\n\n".join(blocks))
    return EXIT_OK
