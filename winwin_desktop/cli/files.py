"""``winwin export``, ``backup``, ``restore`` and ``check``: the journal as files."""

from __future__ import annotations

import argparse
from pathlib import Path

from winwin_desktop.cli.output import EXIT_JOURNAL, EXIT_OK, counts, fail
from winwin_desktop.journal import ValidationError, opening
from winwin_desktop.journal.targets import refuse_unsafe_targets
from winwin_desktop.safe_files import replacing


def export(args: argparse.Namespace) -> int:
    from winwin_desktop.journal import exporting  # vobject loads only for this command

    result = exporting.export_journal(args.format, args.output, replace=args.force)
    print(f"{result.describe()} It is plain text: keep it somewhere private.")
    return EXIT_OK


def backup(args: argparse.Namespace) -> int:
    from winwin_desktop.journal import backups

    if args.force and args.to is None:
        raise ValidationError("force", "--force goes with --to FILE, the file to replace.")
    if _on_server():
        return _backup_as_json(args)
    target = args.to
    if target is not None:
        target = target.expanduser()
        refuse_unsafe_targets([target], replace=args.force)
    if target is not None and target.is_file():  # replacing it: --force was given
        with replacing(target) as temporary:
            temporary.unlink()  # the snapshot creates its file itself, as a new one
            taken = backups.take_snapshot(backups.MANUAL, target=temporary)
        where = target
    else:
        taken = backups.take_snapshot(backups.MANUAL, target=target)
        where = taken.path
    print(f"Backed up the journal to {where} ({counts(taken)}), verified.")
    return EXIT_OK


def restore(args: argparse.Namespace) -> int:
    from winwin_desktop.journal import backups

    if _on_server():
        from winwin_desktop.journal import json_backups

        restored = json_backups.restore_backup(args.file)
        print(f"Restored the journal from {args.file} ({restored.describe()}), verified.")
        return EXIT_OK
    source = backups.read_snapshot_info(args.file)
    safety = backups.restore(args.file)
    print(
        f"Restored the journal from {args.file} ({counts(source)}); "
        f"the journal as it was is kept in {safety.path}."
    )
    return EXIT_OK


def _on_server() -> bool:
    from winwin_desktop.journal import json_backups

    return json_backups.on_server()


def _backup_as_json(args: argparse.Namespace) -> int:
    """A journal on a server has no file to snapshot: a verified WinWin JSON export."""
    from winwin_desktop.journal import json_backups

    taken = json_backups.take_backup(args.to, replace=args.force)
    print(
        f"Backed up the journal to {taken.path} ({taken.describe()}) as WinWin JSON, "
        "verified by reading it back."
    )
    return EXIT_OK


def restore_damaged(
    args: argparse.Namespace, damage: opening.DamagedJournal, passphrase: str | None
) -> int:
    """The journal cannot be opened: check the snapshot, set the damaged file aside as
    it is, and put a verified copy of the snapshot in its place."""
    from winwin_desktop.journal import backups

    if Path(args.file).resolve() == damage.path.resolve():
        raise ValidationError(
            "file", f"{args.file} is the damaged journal itself; choose a snapshot."
        )
    backups.verify_journal_file(args.file, passphrase)
    source = backups.read_snapshot_info(args.file, passphrase=passphrase)
    kept = opening.restore_in_place_of(damage.path, args.file, passphrase=passphrase)
    print(
        f"The journal {damage.path} {damage.problem}; restored it from {args.file} "
        f"({counts(source)}). The damaged file is kept, unchanged, as {kept}."
    )
    return EXIT_OK


def check(args: argparse.Namespace) -> int:
    from winwin_desktop.journal import backups

    path = backups.journal_file()
    problems = backups.check()
    if not problems:
        print(f"The journal {path} is healthy: integrity and foreign keys check out.")
        return EXIT_OK
    for problem in problems:
        print(problem)
    several = f"{len(problems)} problems, the first: " if len(problems) > 1 else "a problem: "
    fail(
        f"The journal {path} has {several}{problems[0]}; restore a snapshot with `winwin restore FILE`."
    )
    return EXIT_JOURNAL
