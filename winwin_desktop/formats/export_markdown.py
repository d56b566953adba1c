"""The journal as one Markdown file: reflections day by day, then interactions person by
person, to read in any editor.

Pure: a :class:`~winwin_desktop.formats.winwin_json.Snapshot` (already without the trash)
in, text out. Reflections and notes are Markdown already; their own headings are pushed
below the export's so that the outline stays ``# journal › ## part › ### day or person``.
"""

from __future__ import annotations

import datetime as dt
import itertools
import re
from collections import defaultdict
from collections.abc import Iterator

from winwin_desktop.formats.export_csv import people_in_order, person_totals, tags_by_person
from winwin_desktop.formats.winwin_json import InteractionRow, Snapshot
from winwin_desktop.text import MONTH_NAMES, WEEKDAY_NAMES, plural

TITLE = "WinWin journal"
REFLECTIONS = "Reflections"
BY_PERSON = "Interactions by person"
_HEADING = re.compile(r"^(#{1,6})(?=\s|$)")
_FENCE = re.compile(r"^\s*(```|~~~)")


def to_markdown(snapshot: Snapshot, exported_on: dt.date | None = None) -> str:
    return "".join(iter_markdown(snapshot, exported_on))


def iter_markdown(snapshot: Snapshot, exported_on: dt.date | None = None) -> Iterator[str]:
    """The Markdown text piece by piece, person by person, so that a large journal is
    written without the whole text ever being held in memory."""
    people = people_in_order(snapshot.people)
    lines = [f"# {TITLE}", ""]
    facts = [
        plural(len(people), "person", "people"),
        plural(len(snapshot.interactions), "interaction", "interactions"),
        plural(len(snapshot.reflections), "reflection", "reflections"),
    ]
    if exported_on:
        facts.insert(0, f"Exported {exported_on.isoformat()}")
    lines += [" · ".join(facts), ""]
    blank_lines = 0
    for line in itertools.chain(
        lines, _reflections(snapshot), _interactions_by_person(snapshot, people)
    ):
        # Blank lines are written only once text follows them: none at the very end.
        if not line:
            blank_lines += 1
            continue
        yield "\n" * blank_lines + line + "\n"
        blank_lines = 0


def _reflections(snapshot: Snapshot) -> Iterator[str]:
    yield from (f"## {REFLECTIONS}", "")
    names = {p.uid: p.name for p in snapshot.people}
    mentioned: dict[str, list[str]] = defaultdict(list)
    for mention in snapshot.mentions:
        mentioned[mention.reflection_uid].append(names[mention.person_uid])
    written = [r for r in snapshot.reflections if r.text.strip() or r.answers]
    if not written:
        yield from ("No reflections yet.", "")
    for reflection in sorted(written, key=lambda r: r.day):
        lines = [f"### {_long_date(reflection.day)}", ""]
        if reflection.text.strip():
            lines += [_nested(reflection.text, 3), ""]
        for prompt, answer in reflection.answers.items():
            if str(answer).strip():
                lines += [f"**{prompt}** {str(answer).strip()}", ""]
        if mentioned[reflection.uid]:
            who = ", ".join(sorted(mentioned[reflection.uid], key=str.casefold))
            lines += [f"*Mentions: {who}*", ""]
        yield from lines


def _interactions_by_person(snapshot: Snapshot, people) -> Iterator[str]:
    yield from (f"## {BY_PERSON}", "")
    if not people:
        yield from ("Nobody in the journal yet.", "")
        return
    names = {p.uid: p.name for p in snapshot.people}
    interactions = {i.uid: i for i in snapshot.interactions}
    totals = person_totals(snapshot)
    tags = tags_by_person(snapshot)
    with_person: dict[str, list[InteractionRow]] = defaultdict(list)
    others: dict[str, list[str]] = defaultdict(list)
    for participant in snapshot.participants:
        with_person[participant.person_uid].append(interactions[participant.interaction_uid])
        others[participant.interaction_uid].append(names[participant.person_uid])
    exchanges = defaultdict(list)
    for exchange in sorted(snapshot.exchanges, key=lambda e: (e.created_at, e.uid)):
        exchanges[(exchange.interaction_uid, exchange.person_uid)].append(exchange)
    for person in people:
        lines = [f"### {person.name}", ""]
        about = [part for part in (person.role, person.organisation) if part]
        facts = [" · ".join(about)] if about else []
        if tags.get(person.uid):
            facts.append(f"Tags: {', '.join(tags[person.uid])}")
        if person.archived:
            facts.append("Archived")
        total = totals[person.uid]
        facts.append(
            f"Gave {total.given} · received {total.received} · balance {total.balance:+d}"
            if total.balance
            else f"Gave {total.given} · received {total.received} · balance 0"
        )
        lines += ["  \n".join(facts), ""]
        timeline = sorted(
            with_person[person.uid], key=lambda i: (i.date, i.time or dt.time.min, i.uid)
        )
        if not timeline:
            lines += ["No interactions yet.", ""]
        for interaction in timeline:
            when = interaction.date.isoformat()
            if interaction.time:
                when += f" {interaction.time.isoformat('minutes')}"
            title = interaction.title or interaction.kind.capitalize()
            lines += [f"#### {when} · {title} ({interaction.kind})", ""]
            company = [n for n in others[interaction.uid] if n != person.name]
            if company:
                lines += [f"With {', '.join(company)}.", ""]
            value = exchanges[(interaction.uid, person.uid)]
            for exchange in value:
                verb = "Gave" if exchange.direction == "given" else "Received"
                line = f"- {verb} {exchange.category}, {exchange.points} points"
                if exchange.points == 1:
                    line = line[: -len("points")] + "point"
                if exchange.description:
                    line += f" — {exchange.description}"
                lines.append(line)
            if value:
                lines.append("")
            if interaction.notes.strip():
                lines += [_nested(interaction.notes, 4), ""]
        yield from lines


def _nested(text: str, level: int) -> str:
    """``text`` with its own headings pushed below ``level`` (code blocks left alone)."""
    out, in_code = [], False
    for line in text.strip().splitlines():
        if _FENCE.match(line):
            in_code = not in_code
        elif not in_code and (match := _HEADING.match(line)):
            depth = min(6, len(match.group(1)) + level)
            line = "#" * depth + line[match.end() :]
        out.append(line)
    return "\n".join(out)


def _long_date(day: dt.date) -> str:
    # Written out in English whatever the locale: the export reads the same everywhere.
    return (
        f"{day.isoformat()} · {WEEKDAY_NAMES[day.weekday()]} {day.day} {MONTH_NAMES[day.month - 1]}"
    )
