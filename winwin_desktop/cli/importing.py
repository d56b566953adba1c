"""``winwin import``: contacts, calendars and journals from files."""

from __future__ import annotations

import argparse

from winwin_desktop.cli.output import EXIT_OK
from winwin_desktop.journal import ValidationError

# Lines of skipped and duplicate records shown before "… and N more".
IMPORT_REPORT_LINES = 40


def import_file(args: argparse.Namespace) -> int:
    from winwin_desktop.formats.detect import FORMAT_NAMES, format_named
    from winwin_desktop.formats.records import ImportFormatError, UnknownColumns
    from winwin_desktop.journal import importing

    try:
        chosen = format_named(args.format) if args.format else None
    except ValueError as exc:
        raise ValidationError("format", str(exc)) from None
    mapping = _parse_map(args.map) if args.map else None
    try:
        parsed = importing.read_path(args.file, chosen, mapping)
    except UnknownColumns as exc:
        raise ValidationError("map", str(exc)) from None
    except ImportFormatError as exc:
        raise ValidationError("file", f"{exc} Nothing was imported.") from None
    plan = importing.preview(parsed, add_unknown=args.add_unknown)
    lines = [f"{plan.file} ({FORMAT_NAMES[plan.format]}): {plan.summary()}."]
    noted = [row for row in plan.rows if row.status in (importing.SKIPPED, importing.DUPLICATE)]
    for row in noted[:IMPORT_REPORT_LINES]:
        label = f" {row.label}" if row.label else ""
        lines.append(f"  {importing.STATUS_LABELS[row.status]}: {row.place}{label}: {row.detail}")
    if len(noted) > IMPORT_REPORT_LINES:
        lines.append(f"  … and {len(noted) - IMPORT_REPORT_LINES} more.")
    strangers = [a for a in plan.unknown_attendees if a.key not in plan.added_attendees]
    if strangers:
        shown = ", ".join(str(a) for a in strangers[:10])
        more = f" and {len(strangers) - 10} more" if len(strangers) > 10 else ""
        lines.append(
            f"Not in the journal, so left out: {shown}{more}; add them with --add-unknown."
        )
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
