"""Writing files out of the journal (exports, briefs, backups elsewhere) without ever
destroying anything: the journal, its working files and its backups are never a
target; an existing file is replaced only when the user said so (``--force``, or yes to
the window's "replace?" question); and a file is written beside its target under a
temporary name, then renamed into place, so that it is whole or not there at all.

Used by ``journal/`` (exports), ``formats/`` and the command line; it knows no
database and no Qt, so every layer can use it.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Iterable, Iterator
from pathlib import Path

# Files SQLite and the window keep beside a journal while it is open.
WORKING_SUFFIXES = ("-wal", "-shm", "-journal", ".lock")


class UnsafeTarget(Exception):
    """A file or folder that must not be written; ``message`` says what to do instead."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


def refuse_unsafe(
    targets: Iterable[str | os.PathLike],
    journal: str | os.PathLike | None,
    backups: str | os.PathLike | None,
    *,
    replace: bool,
) -> None:
    """Raise :class:`UnsafeTarget` if any of ``targets`` is the journal, one of its
    working files or inside its backups folder (whatever ``replace`` says), or already
    exists and ``replace`` is false."""
    protected = []
    if journal is not None:
        journal = Path(journal).expanduser().resolve()
        protected = [journal, *(Path(f"{journal}{suffix}") for suffix in WORKING_SUFFIXES)]
    folder = Path(backups).expanduser().resolve() if backups is not None else None
    for target in targets:
        path = Path(target).expanduser()
        resolved = path.resolve()
        if resolved in protected:
            raise UnsafeTarget(
                f"{path} is the journal itself or one of its working files; "
                "choose another name for what you are writing."
            )
        if folder is not None and resolved.is_relative_to(folder):
            raise UnsafeTarget(
                f"{path} is in the journal's backups folder {folder}; choose a place outside it."
            )
        if not replace and path.exists() and not path.is_dir():
            raise UnsafeTarget(
                f"{path} already exists; choose another name, or add --force to replace it."
            )


@contextlib.contextmanager
def replacing(path: str | os.PathLike) -> Iterator[Path]:
    """A new owner-only file in ``path``'s folder to write into; when the block ends
    without an error it is synced and renamed to ``path`` (replacing any file there),
    otherwise removed, leaving ``path`` as it was."""
    path = Path(path)
    handle, name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".part", dir=path.parent)
    os.close(handle)  # mkstemp made it 0600: nobody else can read it at any point
    temporary = Path(name)
    try:
        yield temporary
        with open(temporary, "rb") as written:
            os.fsync(written.fileno())
        os.replace(temporary, path)
    finally:
        temporary.unlink(missing_ok=True)
