"""The ``winwin`` command: the GUI with no subcommand, otherwise a subcommand on the journal.

Subcommands call the same ``journal`` use cases as the GUI and never import Qt or
matplotlib, so they start fast. Input the journal refuses exits 2 and a journal that
cannot be opened or written exits 1, each with one line on stderr and nothing written.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import sys
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from peewee import DatabaseError

from winwin_desktop import __version__, store
from winwin_desktop.analytics import STATUSES, PersonBalance
from winwin_desktop.analytics.attention import DUE_HORIZON_DAYS, I_OWE, THEY_OWE, PromiseInfo
from winwin_desktop.journal import (
    ValidationError,
    balance,
    interactions,
    people,
    promises,
    reflections,
    settings,
    today,
)
from winwin_desktop.journal.interactions import ExchangeData
from winwin_desktop.journal.people import PersonSummary
from winwin_desktop.journal.search import KIND_LABELS, grouped, parse_query, search
from winwin_desktop.journal.validate import clean_choice, clean_points, parse_date
from winwin_desktop.private_files import KEEP_PRIVATE

EXIT_OK = 0
EXIT_JOURNAL = 1
EXIT_INPUT = 2

GIVEN, RECEIVED = interactions.DIRECTIONS
SPEC_FORMS = "CATEGORY:POINTS[:TEXT] or PERSON:CATEGORY:POINTS[:TEXT]"
PROMISE_FORM = "[PERSON:]TEXT[@YYYY-MM-DD]"


def main(argv: Sequence[str] | None = None) -> int:
    parser = _parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:  # --help, --version and usage errors
        return int(exc.code or 0)
    if args.self_check:
        if args.command is not None or args.demo:
            _fail("--self-check runs on its own temporary journal; leave out the rest.")
            return EXIT_INPUT
        from winwin_desktop.selfcheck import run_self_check

        return run_self_check()
    if args.install_desktop_entry:
        return _install_desktop_entry()
    if args.command is None:
        return _open_gui(args.db, args.demo)
    if args.demo:
        _fail("--demo opens the GUI on a demo journal; leave it out with a subcommand.")
        return EXIT_INPUT
    path = args.db or store.default_journal_path()
    try:
        passphrase = _passphrase(path)
        try:
            store.open_journal(path, passphrase)
        except store.DamagedJournal as damage:
            if args.command != "restore":
                raise
            return _restore_damaged(args, damage, passphrase)
        return args.run(args)
    except ValidationError as exc:
        _fail(exc.message)
        return EXIT_INPUT
    except store.JournalError as exc:
        _fail(str(exc))
        return EXIT_JOURNAL
    except DatabaseError as exc:
        _fail(
            f"The journal {path} could not be read or written ({exc}); try again once no other program is using it."
        )
        return EXIT_JOURNAL
    except KeyboardInterrupt:
        return 130
    finally:
        store.close_journal()


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="winwin",
        description="A private, offline journal of the value given and received in your working relationships. "
        "With no command, opens the window.",
    )
    parser.add_argument("--version", action="version", version=f"winwin {__version__}")
    parser.add_argument("--db", type=Path, metavar="PATH", help="the journal file to open")
    parser.add_argument(
        "--self-check",
        action="store_true",
        help="check, without a window, that this installation can journal, search, chart and "
        "write PDFs (on a temporary journal; yours is not touched)",
    )
    parser.add_argument(
        "--install-desktop-entry",
        action="store_true",
        help="add WinWin, with its icon, to your desktop's application menu",
    )
    parser.add_argument(
        "--demo",
        action="store_true",
        help="open the window on a fresh demo journal; your own journal is not touched",
    )
    # On subcommands --db must not overwrite a --db given before the subcommand name.
    db_option = argparse.ArgumentParser(add_help=False)
    db_option.add_argument(
        "--db", type=Path, metavar="PATH", default=argparse.SUPPRESS, help="the journal file"
    )
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")

    person = commands.add_parser("person", parents=[db_option], help="manage people")
    person_commands = person.add_subparsers(dest="person_command", metavar="ACTION", required=True)
    add = person_commands.add_parser("add", parents=[db_option], help="add a person")
    add.add_argument("name", metavar="NAME")
    add.add_argument("--org", default="", metavar="ORG", help="organisation")
    add.add_argument("--role", default="", metavar="ROLE")
    add.add_argument("--email", action="append", default=[], metavar="EMAIL", help="repeatable")
    add.add_argument("--tag", action="append", default=[], metavar="TAG", help="repeatable")
    add.add_argument("--cadence", metavar="DAYS", help="keep-in-touch cadence in days")
    add.add_argument(
        "--introduced-by", default="", metavar="NAME", help="who introduced you (in the journal)"
    )
    add.set_defaults(run=_person_add)

    log = commands.add_parser(
        "log",
        parents=[db_option],
        help="record an interaction and the value exchanged in it",
        epilog=f"SPEC is {SPEC_FORMS}. Without PERSON, an exchange counts for each person in the log. "
        f"PROMISE is {PROMISE_FORM}, e.g. “send the deck@2026-12-01”: the part after the last @ "
        "is the due date; without PERSON, the promise is owed to (or by) the first person named.",
    )
    log.add_argument("people", metavar="PEOPLE", help="comma-separated names")
    log.add_argument("--title", required=True)
    log.add_argument("--date", metavar="YYYY-MM-DD", help="default: today")
    log.add_argument("--kind", default="meeting", help="default: meeting")
    log.add_argument("--note", default="", metavar="TEXT")
    log.add_argument(
        "--gave", action="append", default=[], metavar="SPEC", help="value I gave; repeatable"
    )
    log.add_argument(
        "--received",
        action="append",
        default=[],
        metavar="SPEC",
        help="value I received; repeatable",
    )
    log.add_argument("--new", action="store_true", help="add people not yet in the journal")
    log.add_argument(
        "--i-owe",
        action="append",
        default=[],
        metavar="PROMISE",
        help="a promise I made; repeatable",
    )
    log.add_argument(
        "--they-owe",
        action="append",
        default=[],
        metavar="PROMISE",
        help="a promise made to me; repeatable",
    )
    log.set_defaults(run=_log)

    reflect = commands.add_parser(
        "reflect",
        parents=[db_option],
        help="add a paragraph to a day's reflection",
        epilog="@Name links the reflection to that person; a mention of nobody is refused.",
    )
    reflect.add_argument("text", nargs="+", metavar="TEXT", help="the paragraph to add")
    reflect.add_argument("--date", metavar="YYYY-MM-DD", help="default: today")
    reflect.set_defaults(run=_reflect)

    due = commands.add_parser(
        "due",
        parents=[db_option],
        help="promises due within a week or overdue, and who needs attention",
    )
    due.add_argument("--json", action="store_true", help="print a JSON object")
    due.set_defaults(run=_due)

    listing = commands.add_parser(
        "people", parents=[db_option], help="list people with their balance and last contact"
    )
    listing.add_argument("--json", action="store_true", help="print a JSON array")
    listing.add_argument(
        "--status",
        metavar="STATUS",
        help=f"only people with this win-win status: {', '.join(STATUSES)}",
    )
    listing.set_defaults(run=_people)

    finder = commands.add_parser(
        "search",
        parents=[db_option],
        help="find people, interactions, exchanges, promises and reflections",
        epilog='Words match as prefixes (all must match); put "exact phrases" in quotes. '
        "Case and accents do not matter.",
    )
    finder.add_argument("query", nargs="+", metavar="QUERY", help="words or a quoted phrase")
    finder.add_argument("--json", action="store_true", help="print a JSON array")
    finder.add_argument("--limit", default="50", metavar="N", help="at most N results (default 50)")
    finder.set_defaults(run=_search)

    brief = commands.add_parser(
        "brief",
        parents=[db_option],
        help="write the meeting brief for one or more people",
        epilog="The format follows FILE's extension: .pdf, .md or .html. A Markdown brief "
        "writes each balance chart as a PNG file beside it.",
    )
    brief.add_argument("people", metavar="PERSON[,PERSON...]", help="comma-separated names")
    brief.add_argument("-o", "--output", required=True, type=Path, metavar="FILE")
    brief.add_argument(
        "--paper", metavar="SIZE", help="a4, letter, legal or a5 (default: from your locale)"
    )
    brief.set_defaults(run=_brief)
    _add_export_and_backup(commands, db_option)
    _add_import(commands, db_option)
    _add_passphrase(commands, db_option)
    return parser


def _install_desktop_entry() -> int:
    from winwin_desktop import desktop_entry

    try:
        written = desktop_entry.install()
    except OSError as exc:
        _fail(f"The menu entry could not be written ({exc}); check your data folder.")
        return EXIT_JOURNAL
    command = desktop_entry.launch_command()
    print(f"Added WinWin to the application menu: {written[0]} (runs {command}).")
    return EXIT_OK


def _open_gui(db_path: Path | None, demo: bool) -> int:
    from winwin_desktop.app import run_gui  # here, so that subcommands never load Qt

    return run_gui(db_path, demo)


def _fail(message: str) -> None:
    print(f"winwin: {message}", file=sys.stderr)


# ---- person add ---------------------------------------------------------------------------


def _person_add(args: argparse.Namespace) -> int:
    from winwin_desktop.journal.profile import introducer_id

    added = people.add_person(
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


# ---- log ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class ExchangeSpec:
    """One --gave/--received value; ``person`` is an index into the log's names, or None
    for an exchange that counts for each of them."""

    person: int | None
    direction: str
    category: str
    points: int
    description: str


def _log(args: argparse.Namespace) -> int:
    names = _split_names(args.people)
    specs = [_parse_spec(text, GIVEN, "--gave", names) for text in args.gave]
    specs += [_parse_spec(text, RECEIVED, "--received", names) for text in args.received]
    promise_specs = [_parse_promise(text, I_OWE, "--i-owe", names) for text in args.i_owe]
    promise_specs += [_parse_promise(text, THEY_OWE, "--they-owe", names) for text in args.they_owe]
    with store.recording(f"Log “{args.title.strip() or args.kind}”"):
        ids, added = _resolve_people(names, create=args.new)
        logged = interactions.log_interaction(
            date=args.date or dt.date.today(),
            title=args.title,
            participant_ids=ids,
            kind=args.kind,
            notes=args.note,
            exchanges=[exchange for spec in specs for exchange in _exchanges(spec, ids)],
        )
        promised = [
            promises.add_promise(ids[p.person], p.owed_by, p.text, p.due, logged.id)
            for p in promise_specs
        ]
    gave = sum(e.points for e in logged.exchanges if e.direction == GIVEN)
    received = sum(e.points for e in logged.exchanges if e.direction == RECEIVED)
    clauses = [
        f"Logged “{logged.title or logged.kind}” with {', '.join(logged.participant_names)} "
        f"(gave {gave}, received {received})"
    ]
    clauses += [_promise_clause(promise, several=len(ids) > 1) for promise in promised]
    if added:
        clauses.append(f"new in the journal: {', '.join(added)}")
    print("; ".join(clauses).rstrip(".") + ".")
    return EXIT_OK


def _split_names(text: str) -> list[str]:
    names: dict[str, str] = {}
    for part in text.split(","):
        name = " ".join(part.split())
        if name:
            names.setdefault(name.casefold(), name)
    if not names:
        raise ValidationError("people", "Name at least one person to log, separated by commas.")
    return list(names.values())


def _parse_spec(text: str, direction: str, option: str, names: list[str]) -> ExchangeSpec:
    parts = text.split(":")
    if len(parts) < 2 or not parts[0].strip():
        raise _malformed(text, option)
    categories = {c.casefold() for c in settings.categories()}
    first = parts[0].strip().casefold()
    person = next((i for i, name in enumerate(names) if name.casefold() == first), None)
    is_category = first in categories
    # Someone who shares a category's name is meant when a category follows the name.
    if is_category and person is not None and parts[1].strip().casefold() in categories:
        is_category = False
    if is_category:
        rest = parts
    elif person is not None:
        rest = parts[1:]
    else:
        raise ValidationError(
            option, f"“{parts[0].strip()}” is neither a category nor one of the people in this log."
        )
    if len(rest) < 2 or not rest[1].strip():
        raise _malformed(text, option)
    return ExchangeSpec(
        person=None if is_category else person,
        direction=direction,
        category=rest[0].strip(),
        points=clean_points(rest[1].strip()),
        description=":".join(rest[2:]).strip(),
    )


def _malformed(text: str, option: str) -> ValidationError:
    return ValidationError(
        option,
        f"{option} “{text}” is not an exchange; write it as {SPEC_FORMS}, e.g. advice:3:market map.",
    )


def _resolve_people(names: list[str], create: bool) -> tuple[list[int], list[str]]:
    """The ids of ``names``, adding the missing ones when ``create``; and who was added."""
    ids, added = [], []
    for name in names:
        found = people.find_person(name)
        if found is None and not create:
            raise ValidationError(
                "people",
                f"Nobody called “{name}” is in the journal; add them with --new or `winwin person add`.",
            )
        if found is None:
            found = people.add_person(name)
            added.append(found.name)
        ids.append(found.id)
    return ids, added


def _exchanges(spec: ExchangeSpec, ids: list[int]) -> list[ExchangeData]:
    targets = ids if spec.person is None else [ids[spec.person]]
    return [
        ExchangeData(
            person_id=person_id,
            direction=spec.direction,
            category=spec.category,
            points=spec.points,
            description=spec.description,
        )
        for person_id in targets
    ]


@dataclass(frozen=True)
class PromiseSpec:
    """One --i-owe/--they-owe promise; ``person`` is an index into the log's names."""

    person: int
    owed_by: str
    text: str
    due: dt.date | None


def _parse_promise(text: str, owed_by: str, option: str, names: list[str]) -> PromiseSpec:
    person, rest = 0, text
    head, colon, after = text.partition(":")
    if colon and head.strip():
        wanted = " ".join(head.split()).casefold()
        named = next((i for i, name in enumerate(names) if name.casefold() == wanted), None)
        if named is not None:
            person, rest = named, after
        elif people.find_person(head) is not None:
            raise ValidationError(
                option,
                f"“{head.strip()}” is not one of the people in this log; add them to it or leave the name out.",
            )
    due = None
    body, at, tail = rest.rpartition("@")
    if at:
        tail = tail.strip()
        try:
            due, rest = dt.date.fromisoformat(tail), body
        except ValueError:
            if not tail:
                raise ValidationError(
                    option,
                    f"{option} “{text}” ends with @ but no date; write it as TEXT@YYYY-MM-DD.",
                ) from None
            if not tail.strip("0123456789-"):  # meant as a date, but impossible
                parse_date(tail, "due")
    return PromiseSpec(person, owed_by, promises.clean_promise_text(rest), due)


def _promise_clause(promise: PromiseInfo, several: bool) -> str:
    """E.g. "promised: send the deck (due 2026-12-01)" or "Minh Hoang promised: an intro"."""
    if promise.owed_by == I_OWE:
        who = f"promised {promise.person_name}" if several else "promised"
    else:
        who = f"{promise.person_name} promised" if several else "they promised"
    due = f" (due {promise.due.isoformat()})" if promise.due else ""
    return f"{who}: {promise.text}{due}"


# ---- reflect ------------------------------------------------------------------------------


def _reflect(args: argparse.Namespace) -> int:
    day = dt.date.today() if args.date is None else parse_date(args.date)
    paragraph = " ".join(args.text)
    reflections.append_paragraph(day, paragraph)
    names = people.people_names()
    mentioned, _ = reflections.find_mentions(paragraph, names)
    lookup = dict(names)
    line = f"Added to the reflection of {day.isoformat()}"
    if mentioned:
        line += f" (mentions: {', '.join(lookup[i] for i in mentioned)})"
    print(f"{line}.")
    return EXIT_OK


# ---- due ----------------------------------------------------------------------------------


def _due(args: argparse.Namespace) -> int:
    day = dt.date.today()
    due = today.due_promises(day)
    attention = today.needs_attention(day)
    if args.json:
        _print_json(
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
    lines += [f"  {p.due.isoformat()}  {p.describe(day)}" for p in due] or ["  None."]
    lines += ["", "People who need attention"]
    for person in attention:
        lines.append(f"  {person.name}")
        lines += [f"    - {reason}" for reason in person.reasons]
    if not attention:
        lines.append("  Nobody.")
    print("\n".join(lines))
    return EXIT_OK


# ---- people -------------------------------------------------------------------------------


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


def _people(args: argparse.Namespace) -> int:
    wanted = None
    if args.status is not None:
        wanted = clean_choice(args.status, list(STATUSES), "status", "status")
    summaries = people.people_summaries()
    standings = balance.status_table()
    if wanted:
        summaries = [s for s in summaries if standings[s.id].status == wanted]
    if args.json:
        _print_json([person_record(s, standings[s.id]) for s in summaries])
    elif not summaries:
        print(
            f"Nobody has the status “{wanted}”."
            if wanted
            else "The journal has nobody in it yet; add someone with `winwin person add NAME`."
        )
    else:
        rows = [("Name", "Organisation", "Status", "Balance", "Last contact")]
        rows += [
            (
                s.name,
                s.organisation,
                standings[s.id].status,
                f"{s.balance:+d}" if s.balance else "0",
                s.last_contact.isoformat() if s.last_contact else "never",
            )
            for s in summaries
        ]
        print(_table(rows, right_aligned={3}))
    return EXIT_OK


def _print_json(value: Any) -> None:
    # JSON is UTF-8 by definition, whatever the console's own encoding.
    if hasattr(sys.stdout, "reconfigure"):
        sys.stdout.reconfigure(encoding="utf-8")
    print(json.dumps(value, ensure_ascii=False, indent=2))


def _table(rows: list[tuple[str, ...]], right_aligned: set[int]) -> str:
    widths = [max(_width(row[i]) for row in rows) for i in range(len(rows[0]))]
    lines = []
    for row in rows:
        cells = []
        for i, cell in enumerate(row):
            padding = " " * (widths[i] - _width(cell))
            cells.append(padding + cell if i in right_aligned else cell + padding)
        lines.append("  ".join(cells).rstrip())
    return "\n".join(lines)


def _width(text: str) -> int:
    """Columns ``text`` takes in a terminal: accents add none, CJK characters two."""
    return sum(
        0 if unicodedata.combining(c) else 2 if unicodedata.east_asian_width(c) in "WF" else 1
        for c in text
    )


# ---- search -------------------------------------------------------------------------------


def _search(args: argparse.Namespace) -> int:
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
    hits = search(query, limit=limit)
    if args.json:
        _print_json(
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


# ---- brief --------------------------------------------------------------------------------


def _brief(args: argparse.Namespace) -> int:
    # Qt (for the PDF) and matplotlib (for the charts) load only for this command.
    from winwin_desktop import brief_pdf
    from winwin_desktop.journal.brief import gather_brief

    brief_pdf.brief_format(args.output)
    page_size = brief_pdf.paper_size(args.paper) if args.paper else None
    if not args.people.replace(",", " ").strip():
        raise ValidationError(
            "people", "Name at least one person for the brief, separated by commas."
        )
    chosen = []
    for name in _split_names(args.people):
        found = people.find_person(name)
        if found is None:
            raise ValidationError(
                "people",
                f"Nobody called “{name}” is in the journal; check the name with `winwin people`.",
            )
        chosen.append(found)
    written = brief_pdf.save_brief(gather_brief([p.id for p in chosen]), args.output, page_size)
    names = [p.name for p in chosen]
    who = names[0] if len(names) == 1 else f"{', '.join(names[:-1])} and {names[-1]}"
    line = f"Wrote the brief on {who} to {written[0]}"
    if len(written) > 1:
        images = "image" if len(written) == 2 else "images"
        line += f", with {len(written) - 1} chart {images} beside it"
    print(f"{line}. {KEEP_PRIVATE}")
    return EXIT_OK


# ---- export, backup, restore, check -------------------------------------------------------


def _add_export_and_backup(commands, db_option: argparse.ArgumentParser) -> None:
    export = commands.add_parser(
        "export",
        parents=[db_option],
        help="export everything: json, csv, markdown or vcard",
        epilog="json keeps everything (WinWin imports it again); csv writes five files into "
        "the folder PATH; markdown is one readable file; vcard holds the people. Exports are "
        "plain text, readable only by you on this computer.",
    )
    export.add_argument("--format", required=True, metavar="F", help="json, csv, markdown or vcard")
    export.add_argument("-o", "--output", required=True, type=Path, metavar="PATH")
    export.set_defaults(run=_export)

    backup = commands.add_parser(
        "backup",
        parents=[db_option],
        help="take a verified snapshot of the journal",
        epilog="Without --to, the snapshot goes to the backups folder beside the journal.",
    )
    backup.add_argument("--to", type=Path, metavar="PATH", help="a new file, or a folder")
    backup.set_defaults(run=_backup)

    restore = commands.add_parser(
        "restore",
        parents=[db_option],
        help="replace the journal with a snapshot, keeping a copy of it first",
    )
    restore.add_argument("file", type=Path, metavar="FILE", help="a snapshot or journal file")
    restore.set_defaults(run=_restore)

    check = commands.add_parser(
        "check", parents=[db_option], help="check the journal's integrity and foreign keys"
    )
    check.set_defaults(run=_check)


def _export(args: argparse.Namespace) -> int:
    from winwin_desktop.journal import exporting  # vobject loads only for this command

    result = exporting.export_journal(args.format, args.output)
    print(f"{result.describe()} It is plain text: keep it somewhere private.")
    return EXIT_OK


def _backup(args: argparse.Namespace) -> int:
    from winwin_desktop.journal import backups

    taken = backups.take_snapshot(backups.MANUAL, target=args.to)
    print(f"Backed up the journal to {taken.path} ({_counts(taken)}), verified.")
    return EXIT_OK


def _restore(args: argparse.Namespace) -> int:
    from winwin_desktop.journal import backups

    source = backups.read_snapshot_info(args.file)
    safety = backups.restore(args.file)
    print(
        f"Restored the journal from {args.file} ({_counts(source)}); "
        f"the journal as it was is kept in {safety.path}."
    )
    return EXIT_OK


def _restore_damaged(args: argparse.Namespace, damage, passphrase: str | None) -> int:
    """The journal cannot be opened: check the snapshot, set the damaged file aside as
    it is, and put a verified copy of the snapshot in its place."""
    from winwin_desktop.journal import backups
    from winwin_desktop.store.recovery import restore_in_place_of

    if Path(args.file).resolve() == damage.path.resolve():
        raise ValidationError(
            "file", f"{args.file} is the damaged journal itself; choose a snapshot."
        )
    backups.verify_journal_file(args.file, passphrase)
    source = backups.read_snapshot_info(args.file, passphrase=passphrase)
    kept = restore_in_place_of(damage.path, args.file, passphrase=passphrase)
    print(
        f"The journal {damage.path} {damage.problem}; restored it from {args.file} "
        f"({_counts(source)}). The damaged file is kept, unchanged, as {kept}."
    )
    return EXIT_OK


def _check(args: argparse.Namespace) -> int:
    from winwin_desktop.journal import backups

    path = backups.journal_file()
    problems = backups.check()
    if not problems:
        print(f"The journal {path} is healthy: integrity and foreign keys check out.")
        return EXIT_OK
    for problem in problems:
        print(problem)
    several = f"{len(problems)} problems, the first: " if len(problems) > 1 else "a problem: "
    _fail(
        f"The journal {path} has {several}{problems[0]}; restore a snapshot with `winwin restore FILE`."
    )
    return EXIT_JOURNAL


def _counts(snapshot) -> str:
    people_count = f"{snapshot.people} {'person' if snapshot.people == 1 else 'people'}"
    interactions_count = f"{snapshot.interactions} interaction" + (
        "" if snapshot.interactions == 1 else "s"
    )
    return f"{people_count}, {interactions_count}"


# ---- import -------------------------------------------------------------------------------

# Lines of skipped and duplicate records shown before "… and N more".
IMPORT_REPORT_LINES = 40


def _add_import(commands, db_option: argparse.ArgumentParser) -> None:
    importer = commands.add_parser(
        "import",
        parents=[db_option],
        help="import contacts (vCard, CSV), calendar events (.ics) or journals (jrnl, WinWin JSON)",
        epilog="The format is told from the file's content unless --format says it. Records "
        "matching someone in the journal are merged (only what is missing is added); "
        "importing the same file again changes nothing. --map says what the columns of a CSV "
        "file hold, e.g. --map 'Full name=name,Mail=email'; a column can be: "
        "name, first name, middle name, last name, organisation, role, department, email, "
        "phone, link, notes, tags, met on, how met, birthday, ignore.",
    )
    importer.add_argument("file", type=Path, metavar="FILE")
    importer.add_argument(
        "--format", metavar="F", help="vcard, csv, ics, jrnl or json (default: detected)"
    )
    importer.add_argument(
        "--dry-run", action="store_true", help="show what would be imported; write nothing"
    )
    importer.add_argument(
        "--map", metavar="COLUMN=FIELD,...", help="what the columns of a CSV file hold"
    )
    importer.add_argument(
        "--add-unknown",
        action="store_true",
        help="add calendar attendees who are not in the journal as new people",
    )
    importer.set_defaults(run=_import)


def _import(args: argparse.Namespace) -> int:
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


# ---- passphrase ---------------------------------------------------------------------------

PASSPHRASE_ENV = "WINWIN_PASSPHRASE"
NEW_PASSPHRASE_ENV = "WINWIN_NEW_PASSPHRASE"


def _passphrase(path: Path) -> str | None:
    """The passphrase of an encrypted journal: ``WINWIN_PASSPHRASE``, else asked without
    echo on a terminal; None for a plain journal (SQLCipher is not even loaded)."""
    from winwin_desktop.store import crypto

    if not crypto.looks_encrypted(Path(path).expanduser()):
        return None
    if env := os.environ.get(PASSPHRASE_ENV):
        return env
    if sys.stdin is not None and sys.stdin.isatty():
        import getpass

        return getpass.getpass(f"Passphrase for {path}: ") or None
    raise crypto.PassphraseRequired(Path(path).expanduser().absolute())


def _add_passphrase(commands, db_option: argparse.ArgumentParser) -> None:
    command = commands.add_parser(
        "passphrase",
        parents=[db_option],
        help="protect the journal with a passphrase (set), change it, or remove it",
        epilog=f"The new passphrase comes from {NEW_PASSPHRASE_ENV}, or is asked twice on a "
        f"terminal; the current one from {PASSPHRASE_ENV} or a prompt. Backups get the same "
        "protection. A lost passphrase cannot be recovered.",
    )
    command.add_argument("action", choices=("set", "change", "remove"))
    command.add_argument(
        "--delete-backups",
        action="store_true",
        help="with set: delete the journal's plain backups instead of encrypting them",
    )
    command.set_defaults(run=_passphrase_command)


def _new_passphrase() -> str:
    if env := os.environ.get(NEW_PASSPHRASE_ENV):
        return env
    if sys.stdin is None or not sys.stdin.isatty():
        raise ValidationError(
            "passphrase",
            f"Give the new passphrase in {NEW_PASSPHRASE_ENV} (no terminal to ask on).",
        )
    import getpass

    first = getpass.getpass("New passphrase: ")
    if not first:
        raise ValidationError(
            "passphrase", "An empty passphrase protects nothing; nothing changed."
        )
    if getpass.getpass("The same again: ") != first:
        raise ValidationError("passphrase", "The two passphrases differ; nothing changed.")
    return first


def _passphrase_command(args: argparse.Namespace) -> int:
    from winwin_desktop.journal import protection

    if args.delete_backups and args.action != "set":
        raise ValidationError(
            "passphrase", "--delete-backups goes with `winwin passphrase set` only."
        )
    path = protection.journal_file()
    if args.action == "remove":
        failed = protection.remove_passphrase()
        done = f"The journal {path} and its backups are no longer encrypted."
    else:
        if args.action == "set":
            print(protection.LOST_WARNING, file=sys.stderr)
        new = _new_passphrase()
        if args.action == "set":
            failed = protection.set_passphrase(new, delete_backups=args.delete_backups)
            done = (
                f"The journal {path} is now encrypted; its plain backups were deleted."
                if args.delete_backups
                else f"The journal {path} and its backups are now encrypted."
            )
        else:
            failed = protection.change_passphrase(new)
            done = f"The passphrase of {path} and its backups is changed."
    print(done)
    for snapshot in failed:
        _fail(
            f"The backup {snapshot} could not be converted and was left as it was; "
            "delete it if you do not need it."
        )
    return EXIT_OK
