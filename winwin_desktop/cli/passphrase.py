"""``winwin passphrase set|change|remove``, and reading the passphrase of an encrypted
journal for every subcommand."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from winwin_desktop.cli import NEW_PASSPHRASE_ENV, PASSPHRASE_ENV
from winwin_desktop.cli.output import EXIT_OK, fail
from winwin_desktop.journal import ValidationError


def read_passphrase(path: Path) -> str | None:
    """The passphrase of an encrypted journal: ``WINWIN_PASSPHRASE``, else asked without
    echo on a terminal; None for a plain journal (SQLCipher is not even loaded)."""
    from winwin_desktop.journal import opening

    if not opening.looks_encrypted(Path(path).expanduser()):
        return None
    if env := os.environ.get(PASSPHRASE_ENV):
        return env
    if sys.stdin is not None and sys.stdin.isatty():
        import getpass

        return getpass.getpass(f"Passphrase for {path}: ") or None
    raise opening.PassphraseRequired(Path(path).expanduser().absolute())


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


def passphrase(args: argparse.Namespace) -> int:
    from winwin_desktop.journal import backups, protection

    if args.delete_backups and args.action != "set":
        raise ValidationError(
            "passphrase", "--delete-backups goes with `winwin passphrase set` only."
        )
    path = backups.journal_file()
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
        fail(
            f"The backup {snapshot} could not be converted and was left as it was; "
            "delete it if you do not need it."
        )
    return EXIT_OK
