"""What every subcommand prints with: exit codes, the one-line error, tables and JSON."""

from __future__ import annotations

import sys
import unicodedata
from typing import Any

EXIT_OK = 0
EXIT_JOURNAL = 1
EXIT_INPUT = 2


def fail(message: str) -> None:
    print(f"winwin: {message}", file=sys.stderr)


def print_json(value: Any) -> None:
    import json  # here: every command imports this module, few print JSON

    # JSON is UTF-8 by definition, whatever the console's own encoding.
    if hasattr(sys.stdout, "reconfigure"):
        sys.stdout.reconfigure(encoding="utf-8")
    print(json.dumps(value, ensure_ascii=False, indent=2))


def table(rows: list[tuple[str, ...]], right_aligned: set[int]) -> str:
    widths = [max(width(row[i]) for row in rows) for i in range(len(rows[0]))]
    lines = []
    for row in rows:
        cells = []
        for i, cell in enumerate(row):
            padding = " " * (widths[i] - width(cell))
            cells.append(padding + cell if i in right_aligned else cell + padding)
        lines.append("  ".join(cells).rstrip())
    return "\n".join(lines)


def width(text: str) -> int:
    """Columns ``text`` takes in a terminal: accents add none, CJK characters two."""
    return sum(
        0 if unicodedata.combining(c) else 2 if unicodedata.east_asian_width(c) in "WF" else 1
        for c in text
    )


def counts(snapshot: Any) -> str:
    """E.g. "3 people, 1 interaction" for a snapshot's counts."""
    people_count = f"{snapshot.people} {'person' if snapshot.people == 1 else 'people'}"
    interactions_count = f"{snapshot.interactions} interaction" + (
        "" if snapshot.interactions == 1 else "s"
    )
    return f"{people_count}, {interactions_count}"
