"""``winwin import``: contacts, calendars and journals from files."""

from __future__ import annotations

import argparse
import datetime as dt

from winwin_desktop.cli.output import EXIT_OK
from winwin_desktop.journal import ValidationError


def import_file(args: argparse.Namespace) -> int:
    from winwin_desktop.formats.detect import FORMAT_NAMES, format_named
    from winwin_desktop.formats.records import ImportFormatError, UnknownColumns
    from winwin_desktop.journal import importing

    try:
        chosen = format_named(args.format) if args.format else None
    except ValueError as exc:
        raise ValidationError("format", str(exc)) from None
    mapping = _parse_map(args.map) if args.map else None
    since = _since(args.since) if args.since else None
    try:
        parsed = importing.read_path(args.file, chosen, mapping, since=since)
    except UnknownColumns as exc:
        raise ValidationError("map", str(exc)) from None
    except ImportFormatError as exc:
        raise ValidationError("file", f"{exc} Nothing was imported.") from None
    plan = importing.preview(
        parsed,
        add_unknown=args.add_unknown,
        merge_similar=args.merge_similar,
        add_anyway=args.add_anyway,
    )
    lines = [f"{plan.file} ({FORMAT_NAMES[plan.format]}): {plan.summary()}."]
    # Every merge, question and skip, in full: nothing hides behind "and N more".
    noted = (importing.SKIPPED, importing.DUPLICATE, importing.KEPT, importing.UPDATED)
    for row in plan.rows:
        if row.status in noted:
            label = f" {row.label}" if row.label else ""
            status = importing.STATUS_LABELS[row.status]
            lines.append(f"  {status}: {row.place}{label}: {row.detail}")
    maybe = plan.counts()[importing.DUPLICATE]
    if maybe and not args.merge_similar:
        lines.append(
            f"{maybe} {'record is' if maybe == 1 else 'records are'} maybe the same as "
            "someone in the journal and added as new; to merge them instead, run again "
            "with --merge-similar."
        )
    kept = plan.counts()[importing.KEPT]
    if kept:
        lines.append(
            f"{kept} {'contact is' if kept == 1 else 'contacts are'} another member's person "
            "and not added; they see your request with `winwin member requests`. To add "
            "your own duplicate instead, run again with --add-anyway."
        )
    for address in plan.me_offered:
        lines.append(
            f"This calendar belongs to {address}. If that is you, run "
            f"`winwin settings me add {address}` so you are never imported as a person."
        )
    strangers = [a for a in plan.unknown_attendees if a.key not in plan.added_attendees]
    if strangers:
        shown = ", ".join(str(a) for a in strangers)
        lines.append(f"Not in the journal, so left out: {shown}; add them with --add-unknown.")
    if args.dry_run:
        lines.append("Dry run: nothing was written.")
    else:
        result = importing.apply(plan)
        lines.append(result.summary())
    print("\n".join(lines))
    return EXIT_OK


def _parse_map(text: str) -> dict[str, str]:
    mapping = {}
    for part in text.split(","):
        column, equals, field = part.partition("=")
        if not part.strip():
            continue
        if not equals or not column.strip() or not field.strip():
            raise ValidationError(
                "map", f"--map “{part.strip()}” should be COLUMN=FIELD, e.g. --map 'Mail=email'."
            )
        mapping[column.strip()] = field.strip()
    if not mapping:
        raise ValidationError("map", "--map needs at least one COLUMN=FIELD, e.g. 'Mail=email'.")
    return mapping


def _since(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text.strip())
    except ValueError:
        raise ValidationError(
            "since", f"--since “{text}” is not a date; write it as YYYY-MM-DD, e.g. 2024-01-31."
        ) from None
