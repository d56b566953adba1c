"""The ``winwin`` command's arguments: argparse only, so that ``--help`` and ``--version``
load nothing else. Each subcommand names its function as "module:function" in this
package; ``main`` imports that module only once the subcommand is known."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from winwin_desktop import __version__
from winwin_desktop.analytics.balance import STATUSES
from winwin_desktop.cli import NEW_PASSPHRASE_ENV, PASSPHRASE_ENV

SPEC_FORMS = "CATEGORY:POINTS[:TEXT] or PERSON:CATEGORY:POINTS[:TEXT]"
PROMISE_FORM = "[PERSON:]TEXT[@YYYY-MM-DD]"


_CALENDAR_HELP = "an .ics file or a folder of them (default: the one in Settings)"


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="winwin",
        description="A private, offline journal of the value given and received in your working relationships. "
        "With no command, opens the window.",
    )
    parser.add_argument("--version", action="version", version=f"winwin {__version__}")
    parser.add_argument(
        "--db",
        metavar="PATH",
        help="the journal file to open, or a PostgreSQL server's postgresql://USER@HOST:PORT/DATABASE",
    )
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
        "--db",
        metavar="PATH",
        default=argparse.SUPPRESS,
        help="the journal file, or a server's URL",
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
    add.set_defaults(run="people:person_add")

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
    log.set_defaults(run="log:log")

    reflect = commands.add_parser(
        "reflect",
        parents=[db_option],
        help="add a paragraph to a day's reflection",
        epilog="@Name links the reflection to that person; a mention of nobody is refused.",
    )
    reflect.add_argument("text", nargs="+", metavar="TEXT", help="the paragraph to add")
    reflect.add_argument("--date", metavar="YYYY-MM-DD", help="default: today")
    reflect.set_defaults(run="today:reflect")

    due = commands.add_parser(
        "due",
        parents=[db_option],
        help="promises due within a week or overdue, and who needs attention",
    )
    due.add_argument("--json", action="store_true", help="print a JSON object")
    due.set_defaults(run="today:due")

    listing = commands.add_parser(
        "people", parents=[db_option], help="list people with their balance and last contact"
    )
    listing.add_argument("--json", action="store_true", help="print a JSON array")
    listing.add_argument(
        "--status",
        metavar="STATUS",
        help=f"only people with this win-win status: {', '.join(STATUSES)}",
    )
    scope = listing.add_mutually_exclusive_group()
    scope.add_argument(
        "--member",
        metavar="EMAIL",
        help="on a team journal, add what this member gave and received with each person",
    )
    scope.add_argument(
        "--team",
        action="store_true",
        help="on a team journal, add what each member gave and received with each person",
    )
    listing.set_defaults(run="people:people")

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
    finder.set_defaults(run="search:search")

    brief = commands.add_parser(
        "brief",
        parents=[db_option],
        help="write the meeting brief for one or more people",
        epilog="The format follows FILE's extension: .pdf, .md or .html. A Markdown brief "
        "writes each balance chart as a PNG file beside it.",
    )
    brief.add_argument(
        "people", nargs="?", metavar="PERSON[,PERSON...]", help="comma-separated names"
    )
    brief.add_argument(
        "-o", "--output", type=Path, metavar="FILE", help="required except with --next"
    )
    brief.add_argument(
        "--force", action="store_true", help="replace FILE (and its chart images) if they exist"
    )
    brief.add_argument(
        "--paper", metavar="SIZE", help="a4, letter, legal or a5 (default: from your locale)"
    )
    brief.add_argument(
        "--next", action="store_true", help="for the next meeting in your calendar with them"
    )
    brief.add_argument("--meeting", metavar="UID", help="for this meeting (see `winwin agenda`)")
    brief.add_argument("--calendar", type=Path, metavar="PATH", help=_CALENDAR_HELP)
    brief.set_defaults(run="brief:brief")

    agenda = commands.add_parser(
        "agenda",
        parents=[db_option],
        help="list the coming meetings with people in the journal",
        epilog="Read from your calendar (an .ics file or a folder of them), never imported: "
        "a meeting becomes an interaction when you log it.",
    )
    agenda.add_argument("--calendar", type=Path, metavar="PATH", help=_CALENDAR_HELP)
    agenda.add_argument("--days", default="7", metavar="N", help="the next N days (default 7)")
    agenda.add_argument("--json", action="store_true", help="print a JSON array")
    agenda.add_argument(
        "--remember", action="store_true", help="keep --calendar PATH in Settings for next time"
    )
    agenda.set_defaults(run="agenda:run")
    _add_export_and_backup(commands, db_option)
    _add_copy_to(commands, db_option)
    _add_import(commands, db_option)
    _add_settings(commands, db_option)
    _add_passphrase(commands, db_option)
    _add_members(commands, db_option, person_commands)
    return parser


def _add_export_and_backup(commands: Any, db_option: argparse.ArgumentParser) -> None:
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
    export.add_argument("--force", action="store_true", help="replace existing files at PATH")
    export.set_defaults(run="files:export")

    backup = commands.add_parser(
        "backup",
        parents=[db_option],
        help="take a verified snapshot of the journal (on a server: a verified JSON export)",
        epilog="Without --to, the snapshot goes to the backups folder beside the journal. A "
        "journal on a PostgreSQL server is written as WinWin JSON instead, read back and "
        "checked, into the backups folder in your data folder.",
    )
    backup.add_argument("--to", type=Path, metavar="PATH", help="a new file, or a folder")
    backup.add_argument("--force", action="store_true", help="with --to: replace that file")
    backup.set_defaults(run="files:backup")

    restore = commands.add_parser(
        "restore",
        parents=[db_option],
        help="replace the journal with a snapshot, keeping a copy of it first",
        epilog="On a PostgreSQL server: load a JSON backup (winwin backup) into an empty database.",
    )
    restore.add_argument("file", type=Path, metavar="FILE", help="a snapshot or journal file")
    restore.set_defaults(run="files:restore")

    check = commands.add_parser(
        "check", parents=[db_option], help="check the journal's integrity and foreign keys"
    )
    check.set_defaults(run="files:check")


def _add_copy_to(commands: Any, db_option: argparse.ArgumentParser) -> None:
    copy_to = commands.add_parser(
        "copy-to",
        parents=[db_option],
        help="copy the whole journal into an empty file or PostgreSQL database, verified",
        epilog="TARGET is the path of a new journal file, or a postgresql://user@host/dbname "
        "URL of an empty database (the password from ~/.pgpass or PGPASSWORD, never the URL). "
        "Everything is copied, the trash and the settings included; the copy is checked "
        "(every table's rows and every person's points) before it is kept, and the journal "
        "itself is only read.",
    )
    copy_to.add_argument("target", metavar="TARGET", help="a new file, or a postgresql:// URL")
    copy_to.set_defaults(run="copying:copy_to")


def _add_import(commands: Any, db_option: argparse.ArgumentParser) -> None:
    importer = commands.add_parser(
        "import",
        parents=[db_option],
        help="import contacts (vCard, CSV), calendar events (.ics) or journals (jrnl, WinWin JSON)",
        epilog="The format is told from the file's content unless --format says it. A record "
        "that shares an email, a phone number or a profile address with someone in the "
        "journal (and no different one) is that person: it is merged (only what is missing "
        "is added); importing the same file again changes nothing. A record whose name is "
        "only like someone's is listed as 'maybe the same' and added as a new person unless "
        "--merge-similar is given. Your own addresses (winwin settings me add EMAIL) are "
        "never a person. --map says what the columns of a CSV "
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
    importer.add_argument(
        "--merge-similar",
        action="store_true",
        help="merge each 'maybe the same' record into whom it may be (default: add as new)",
    )
    importer.add_argument(
        "--add-anyway",
        action="store_true",
        help="on a team journal, add a contact another member keeps as your own new person "
        "(default: not added, and that member is asked to share theirs)",
    )
    importer.add_argument(
        "--since",
        metavar="DATE",
        help="first day of repeating calendar meetings to import, YYYY-MM-DD (default: a year ago)",
    )
    importer.set_defaults(run="importing:import_file")


def _add_members(commands: Any, db_option: argparse.ArgumentParser, person_commands: Any) -> None:
    """``member add|list|remove`` and ``person share|unshare`` (issue 19: a team)."""
    member = commands.add_parser(
        "member",
        parents=[db_option],
        help="the members of a team journal on a PostgreSQL server",
        epilog="member add EMAIL --name NAME [--login ROLE] [--no-password]; member list; "
        "member remove EMAIL (their records stay, read-only). The password is asked twice. "
        "member requests: the requests to share a person (an import leaves one when another "
        "member keeps the contact); member accept N shares yours with who asked; member "
        "decline N drops it.",
    )
    member.add_argument(
        "action", choices=("add", "list", "remove", "requests", "accept", "decline")
    )
    member.add_argument("email", nargs="?", default="", metavar="EMAIL|N")
    member.add_argument("--name", default="", metavar="NAME")
    member.add_argument("--login", default=None, metavar="ROLE", help="their PostgreSQL login")
    member.add_argument(
        "--no-password",
        action="store_true",
        help="a login that signs in with ~/.pgpass or a certificate",
    )
    member.set_defaults(run="team:member")
    for action, verb in (("share", "share"), ("unshare", "stop sharing")):
        sharing = person_commands.add_parser(
            action, parents=[db_option], help=f"{verb} a person of yours (a team journal)"
        )
        sharing.add_argument("name", metavar="NAME")
        sharing.add_argument("--team", action="store_true", help="with the whole team")
        sharing.add_argument(
            "--with",
            dest="with_",
            action="append",
            default=[],
            metavar="EMAIL",
            help="with this member (repeatable)",
        )
        sharing.set_defaults(run=f"team:person_{action}")


def _add_settings(commands: Any, db_option: argparse.ArgumentParser) -> None:
    settings = commands.add_parser(
        "settings",
        parents=[db_option],
        help="the journal's settings: your own addresses (me)",
        epilog="winwin settings me add EMAIL: an address of yours, never imported as a "
        "person or a meeting guest; me remove EMAIL; me list.",
    )
    groups = settings.add_subparsers(dest="settings_group", metavar="GROUP", required=True)
    me = groups.add_parser("me", parents=[db_option], help="your own email addresses")
    me.add_argument("action", choices=("add", "remove", "list"))
    me.add_argument("emails", nargs="*", metavar="EMAIL")
    me.set_defaults(run="settings:me")


def _add_passphrase(commands: Any, db_option: argparse.ArgumentParser) -> None:
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
    command.set_defaults(run="passphrase:passphrase")
