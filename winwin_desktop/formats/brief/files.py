"""Which file a brief goes to and on which paper, checked before anything is gathered or
drawn: no Qt here, so that ``winwin brief`` refuses a wrong name at once and loads Qt
only for a brief it will write."""

from __future__ import annotations

import os
from pathlib import Path

FORMATS = {
    ".pdf": "pdf",
    ".md": "markdown",
    ".markdown": "markdown",
    ".html": "html",
    ".htm": "html",
}
# The paper sizes a brief is printed on, by the names the user gives them.
PAPER_NAMES = ("a4", "letter", "legal", "a5")


class BriefFileError(ValueError):
    """The brief cannot be written where or how asked; the message says what to do."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


def brief_format(path: str | os.PathLike) -> str:
    """ "pdf", "markdown" or "html", from the file name's extension."""
    found = FORMATS.get(Path(path).suffix.lower())
    if found is None:
        raise BriefFileError(
            f"Cannot tell which format to write from “{Path(path).name}”; use .pdf, .md or .html.",
        )
    return found


def paper_name(name: str | None) -> str | None:
    """One of :data:`PAPER_NAMES` for ``name`` (any case, spaces around); None stays
    None (the locale's paper)."""
    if name is None:
        return None
    found = name.strip().lower()
    if found not in PAPER_NAMES:
        raise BriefFileError(f"Unknown paper size “{name}”; use one of {', '.join(PAPER_NAMES)}.")
    return found
