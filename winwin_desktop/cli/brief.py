"""``winwin brief``: the meeting brief for one or more people, or for a meeting in the
user's calendar (``--next``, ``--meeting UID``), as PDF, Markdown or HTML."""

from __future__ import annotations

import argparse
import dataclasses
from pathlib import Path
from typing import TYPE_CHECKING

from winwin_desktop.cli.names import split_names
from winwin_desktop.cli.output import EXIT_OK
from winwin_desktop.journal import ValidationError
from winwin_desktop.journal.targets import refuse_unsafe_targets
from winwin_desktop.journal.typed_names import find_people
from winwin_desktop.private_files import KEEP_PRIVATE
from winwin_desktop.text import listing, slug

if TYPE_CHECKING:
    from winwin_desktop.formats.brief.model import BriefData


def brief(args: argparse.Namespace) -> int:
    chosen_ways = [bool(args.people), args.next, args.meeting is not None]
    if sum(chosen_ways) != 1:
        raise ValidationError(
            "people",
            "Name the people for the brief (separated by commas), or use --next or "
            "--meeting UID, one of the three.",
        )
    if args.calendar is not None and not (args.next or args.meeting):
        raise ValidationError("calendar", "--calendar goes with --next or --meeting UID.")
    if args.output is None and not args.next:
        raise ValidationError(
            "output", "Say where to write the brief: -o FILE (.pdf, .md or .html)."
        )
    meeting = _meeting(args) if args.next or args.meeting else None
    output = args.output or Path(
        f"brief-{meeting.start:%Y-%m-%d}-{slug(meeting.title) or 'meeting'}.pdf"
    )

    from winwin_desktop.formats.brief.files import BriefFileError, brief_format, paper_name
    from winwin_desktop.journal.brief import gather_brief
    from winwin_desktop.journal.settings import get_setting

    try:
        kind = brief_format(output)
        paper = paper_name(args.paper or get_setting("brief_paper") or None)
    except BriefFileError as error:
        raise ValidationError("output", error.message) from None
    if meeting is not None:
        ids, names = meeting.person_ids, meeting.names
    else:
        ids, names = _people(args.people)
    data = gather_brief(ids)

    # Qt (for the PDF and its charts) loads only now, for a brief it will write.
    from winwin_desktop.charts import brief_chart
    from winwin_desktop.formats.brief import pdf as brief_pdf
    from winwin_desktop.formats.brief.model import Artwork

    page_size = brief_pdf.paper_size(paper)
    if meeting is not None:
        data = dataclasses.replace(data, meeting=meeting.heading())
    art = Artwork(brief_chart.status_pills(), brief_chart.chart_colours())
    refuse_unsafe_targets(_files_of(data, output, kind == "markdown"), replace=args.force)
    try:
        written = brief_pdf.save_brief(data, output, page_size, art=art)
    except BriefFileError as error:
        raise ValidationError("output", error.message) from None
    who = listing(names)
    about = f" for “{meeting.heading()}”" if meeting is not None else ""
    line = f"Wrote the brief on {who}{about} to {written[0]}"
    if len(written) > 1:
        images = "image" if len(written) == 2 else "images"
        line += f", with {len(written) - 1} chart {images} beside it"
    print(f"{line}. {KEEP_PRIVATE}")
    return EXIT_OK


def _people(typed: str) -> tuple[list[int], list[str]]:
    if not typed.replace(",", " ").strip():
        raise ValidationError(
            "people", "Name at least one person for the brief, separated by commas."
        )
    chosen = []
    for name in find_people(split_names(typed)):
        if name.person is None:
            raise ValidationError(
                "people",
                f"Nobody called “{name.text}” is in the journal; check the name with `winwin people`.",
            )
        if all(p.id != name.person.id for p in chosen):
            chosen.append(name.person)
    return [p.id for p in chosen], [p.name for p in chosen]


def _meeting(args: argparse.Namespace):
    from winwin_desktop.journal import agenda

    if args.calendar is None and not agenda.calendar_path():
        raise ValidationError(
            "calendar", "No calendar is set; give one with --calendar PATH or in Settings."
        )
    if args.meeting is not None:
        found = agenda.meeting_by_uid(args.meeting, args.calendar)
        if not found.people:
            raise ValidationError(
                "meeting", f"Nobody at “{found.heading()}” is in the journal, so there is no brief."
            )
        return found
    found = agenda.next_meeting(args.calendar)
    if found is None:
        raise ValidationError(
            "calendar", "No coming meeting in the calendar has someone from the journal."
        )
    return found


def _files_of(gathered: BriefData, output: Path, markdown: bool) -> list[Path]:
    """The files the brief writes: a Markdown brief has a chart image per person beside it."""
    from winwin_desktop.formats.brief.text import chart_file_name

    files = [output]
    if markdown:
        names: list[str] = []
        for person in (p for p in gathered.people if p.balance_points):
            name, number = chart_file_name(person), 2
            stem = name.removesuffix(".png")
            while name in names:  # as the writer numbers namesakes' charts
                name, number = f"{stem}-{number}.png", number + 1
            names.append(name)
        files += [output.with_name(name) for name in names]
    return files
