"""The people a command names: "Ada Lovelace, Zoë Brontë-Nuñez" as a list of names.

Not in ``cli.log``, so that ``brief`` does not load what recording an interaction needs."""

from __future__ import annotations

from winwin_desktop.journal import ValidationError
from winwin_desktop.text import fold


def split_names(text: str) -> list[str]:
    """The comma-separated names of ``text``, spaces tidied, each once (ignoring case and
    accents), in the order typed."""
    names: dict[str, str] = {}
    for part in text.split(","):
        name = " ".join(part.split())
        if name:
            names.setdefault(fold(name), name)
    if not names:
        raise ValidationError("people", "Name at least one person to log, separated by commas.")
    return list(names.values())
