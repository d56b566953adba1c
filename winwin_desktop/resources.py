"""Finding the files in ``resources/``: in a checkout, or where ``pip install`` put them."""

from __future__ import annotations

import sys
from pathlib import Path

_INSTALLED = {
    "winwin.svg": Path("share/icons/hicolor/scalable/apps/winwin.svg"),
    "winwin.desktop": Path("share/applications/winwin.desktop"),
}


def resource_path(name: str) -> Path | None:
    """The path of a resource file, or None when it cannot be found."""
    candidates = [Path(__file__).resolve().parent.parent / "resources" / name]
    if name in _INSTALLED:
        candidates += [Path(prefix) / _INSTALLED[name] for prefix in (sys.prefix, sys.base_prefix)]
    bundle = getattr(sys, "_MEIPASS", None)
    if bundle:
        candidates.append(Path(bundle) / "resources" / name)
    return next((path for path in candidates if path.is_file()), None)
