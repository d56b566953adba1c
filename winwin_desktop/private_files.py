"""Files WinWin writes from the journal (briefs, chart images, exports) are readable by
their owner only, from the moment they exist."""

from __future__ import annotations

import os
from pathlib import Path

# Said after writing a file out of the journal (a brief, say).
KEEP_PRIVATE = "Only you can read it on this computer, but it is not encrypted: keep it private."


def create_private(path: str | os.PathLike) -> Path:
    """Create ``path`` empty and owner-only (an existing file is emptied and made
    owner-only) before a writer that opens it by name fills it."""
    path = Path(path)
    os.close(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600))
    os.chmod(path, 0o600)  # O_CREAT leaves an existing file's mode as it was
    return path
