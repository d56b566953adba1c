"""``winwin brief``: the meeting brief for one or more people, as PDF, Markdown or HTML."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING

from winwin_desktop.cli.files import refuse_unsafe_targets
from winwin_desktop.cli.log import split_names
from winwin_desktop.cli.output import EXIT_OK
from winwin_desktop.journal import ValidationError
from winwin_desktop.journal.typed_names import find_people
from winwin_desktop.private_files import KEEP_PRIVATE

if TYPE_CHECKING:
    from winwin_desktop.formats.brief.model import BriefData


def brief(args: argparse.Namespace) -> int:
    # Qt (for the PDF) and matplotlib (for the charts) load only for this command.
    from winwin_desktop.charts import brief_chart
    from winwin_desktop.formats.brief import pdf as brief_pdf
    from winwin_desktop.formats.brief.model import Artwork
    from winwin_desktop.journal.brief import gather_brief

    try:
        brief_pdf.brief_format(args.output)
        page_size = brief_pdf.paper_size(args.paper) if args.paper else None
    except brief_pdf.BriefFileError as error:
        raise ValidationError("output", error.message) from None
    if not args.people.replace(",", " ").strip():
        raise ValidationError(
            "people", "Name at least one person for the brief, separated by commas."
        )
    chosen = []
    for name in find_people(split_names(args.people)):
        if name.person is None:
            raise ValidationError(
                "people",
                f"Nobody called “{name.text}” is in the journal; check the name with `winwin people`.",
            )
        if all(p.id != name.person.id for p in chosen):
            chosen.append(name.person)
    art = Artwork(brief_chart.status_pills(), brief_chart.chart_png)
    gathered = gather_brief([p.id for p in chosen])
    markdown = brief_pdf.brief_format(args.output) == "markdown"
    refuse_unsafe_targets(_files_of(gathered, args.output, markdown), args.force)
    try:
        written = brief_pdf.save_brief(gathered, args.output, page_size, art=art)
    except brief_pdf.BriefFileError as error:
        raise ValidationError("output", error.message) from None
    names = [p.name for p in chosen]
    who = names[0] if len(names) == 1 else f"{', '.join(names[:-1])} and {names[-1]}"
    line = f"Wrote the brief on {who} to {written[0]}"
    if len(written) > 1:
        images = "image" if len(written) == 2 else "images"
        line += f", with {len(written) - 1} chart {images} beside it"
    print(f"{line}. {KEEP_PRIVATE}")
    return EXIT_OK


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
