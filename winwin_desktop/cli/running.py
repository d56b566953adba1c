"""Running a subcommand: open the journal, call the subcommand's function, and turn
what went wrong into one line on stderr and an exit code."""

from __future__ import annotations

import argparse
import contextlib
import importlib
import os
import sys
from collections.abc import Callable
from pathlib import Path

from winwin_desktop.cli.output import EXIT_INPUT, EXIT_JOURNAL, EXIT_OK, fail
from winwin_desktop.cli.passphrase import read_passphrase
from winwin_desktop.journal import ValidationError, opening
from winwin_desktop.journal.backups import READ_FAILURES, backups_folder, damaged_row_message


def run_command(args: argparse.Namespace) -> int:
    # Everything the command creates (journal, -wal, -shm, lock, backups, exports, briefs,
    # cached check results) is its owner's only, as the window's files are, whatever the
    # shell's umask.
    previous = os.umask(0o077)
    try:
        return _run_command(args)
    finally:
        os.umask(previous)  # tests call main() in their own process


def _run_command(args: argparse.Namespace) -> int:
    location = opening.journal_location(args.db or opening.default_journal_path())
    if opening.is_url(location):
        return _run(args, location)
    path = location.absolute()
    files = [Path(f"{path}{suffix}") for suffix in ("", "-wal", "-shm")]
    new = [file for file in files if not file.exists()]
    if files[0] in new and not _writes(args):
        fail(f"There is no journal at {path}; check the path (--db), nothing was created.")
        return EXIT_JOURNAL
    code = _run(args, path)
    if files[0] in new:
        if code == EXIT_OK:
            print(f"Created a new journal at {path}.", file=sys.stderr)
        else:  # a refused command leaves no journal behind that it created
            for file in new:
                with contextlib.suppress(OSError):  # never there, as its folder could not be
                    file.unlink(missing_ok=True)
    return code


def _run(args: argparse.Namespace, location: Path | str) -> int:
    try:
        try:
            created = _open(args, location)
        except opening.DamagedJournal as damage:
            if args.command != "restore":
                raise
            from winwin_desktop.cli.files import restore_damaged

            return restore_damaged(args, damage, read_passphrase(location))
        code = _function(args.run)(args)
        if created and code == EXIT_OK:
            print(f"Created a new journal in {location}.", file=sys.stderr)
        return code
    except ValidationError as exc:
        fail(exc.message)
        return EXIT_INPUT
    except opening.JournalError as exc:
        fail(str(exc))
        return EXIT_JOURNAL
    except BrokenPipeError:
        raise  # the reader of the output left: main ends quietly
    except READ_FAILURES:
        message = damaged_row_message(f"`winwin restore SNAPSHOT`, one of {backups_folder()}")
        if message is None:
            raise  # not the journal's data: a bug, with its traceback
        fail(message)
        return EXIT_JOURNAL
    except opening.WRITE_ERRORS as exc:
        fail(
            f"The journal {location} could not be read or written ({exc}); try again once no other program is using it."
        )
        return EXIT_JOURNAL
    except KeyboardInterrupt:
        return 130
    finally:
        opening.close_journal()


def _open(args: argparse.Namespace, location: Path | str) -> bool:
    """Open the journal at ``location``; True when this made a new journal in an empty
    server database (only writing commands may). A new journal file is made, and
    announced, by :func:`run_command`."""
    if opening.is_url(location):
        # restore fills an empty database with a JSON backup: it makes the journal there.
        return opening.open_journal(location, create=_writes(args) or args.command == "restore")
    opening.open_journal(location, read_passphrase(location))
    return False


def _writes(args: argparse.Namespace) -> bool:
    """Whether the command writes to the journal, and so may create one."""
    if args.command == "import":
        return not args.dry_run
    return args.command in ("person", "log", "reflect")


def _function(name: str) -> Callable[[argparse.Namespace], int]:
    """The subcommand function "module:function" of this package, importing its module."""
    module, _, function = name.partition(":")
    return getattr(importlib.import_module(f"winwin_desktop.cli.{module}"), function)
