"""Where a file written out of the open journal (an export, a brief, a chart, a backup
elsewhere) may go: never onto the journal, its working files or into its backups
folder, and onto an existing file only when the user said to replace it."""

from __future__ import annotations

import os
from collections.abc import Iterable

from winwin_desktop.journal.errors import ValidationError
from winwin_desktop.safe_files import UnsafeTarget, refuse_unsafe
from winwin_desktop.store.connection import is_server
from winwin_desktop.store.snapshots import backups_folder, open_journal_path


def refuse_unsafe_targets(paths: Iterable[str | os.PathLike], replace: bool) -> None:
    """Raise ``ValidationError`` (field "output") for a path that must not be written."""
    # A journal on a server has no file of its own here to protect.
    journal = None if is_server() else open_journal_path()
    backups = backups_folder(journal) if journal is not None else None
    try:
        refuse_unsafe(paths, journal, backups, replace=replace)
    except UnsafeTarget as refused:
        raise ValidationError("output", refused.message) from None
