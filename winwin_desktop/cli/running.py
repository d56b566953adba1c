"""Running a subcommand: open the journal, call the subcommand's function, and turn
what went wrong into one line on stderr and an exit code."""

from __future__ import annotations

import argparse
import importlib
from collections.abc import Callable

from peewee import DatabaseError

from winwin_desktop import store
from winwin_desktop.cli.output import EXIT_INPUT, EXIT_JOURNAL, fail
from winwin_desktop.cli.passphrase import read_passphrase
from winwin_desktop.journal import ValidationError


def run_command(args: argparse.Namespace) -> int:
    path = args.db or store.default_journal_path()
    try:
        passphrase = read_passphrase(path)
        try:
            store.open_journal(path, passphrase)
        except store.DamagedJournal as damage:
            if args.command != "restore":
                raise
            from winwin_desktop.cli.files import restore_damaged

            return restore_damaged(args, damage, passphrase)
        return _function(args.run)(args)
    except ValidationError as exc:
        fail(exc.message)
        return EXIT_INPUT
    except store.JournalError as exc:
        fail(str(exc))
        return EXIT_JOURNAL
    except DatabaseError as exc:
        fail(
            f"The journal {path} could not be read or written ({exc}); try again once no other program is using it."
        )
        return EXIT_JOURNAL
    except KeyboardInterrupt:
        return 130
    finally:
        store.close_journal()


def _function(name: str) -> Callable[[argparse.Namespace], int]:
    """The subcommand function "module:function" of this package, importing its module."""
    module, _, function = name.partition(":")
    return getattr(importlib.import_module(f"winwin_desktop.cli.{module}"), function)
