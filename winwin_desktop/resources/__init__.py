"""Finding the files in ``resources/``: in a checkout, or where ``pip install`` put them."""

from __future__ import annotations

import sys
from pathlib import Path

# The app icon's bitmap sizes, drawn from winwin.svg by resources/make_icons.py.
ICON_SIZES = (16, 24, 32, 48, 64, 128, 256, 512)

_INSTALLED = {
    "winwin.svg": Path("share/icons/hicolor/scalable/apps/winwin.svg"),
    "winwin.desktop": Path("share/applications/winwin.desktop"),
    **{
        f"icons/hicolor/{size}x{size}/apps/winwin.png": Path(
            f"share/icons/hicolor/{size}x{size}/apps/winwin.png"
        )
        for size in ICON_SIZES
    },
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


def app_icon_files() -> list[Path]:
    """The app icon's PNG files, smallest first (those that can be found)."""
    found = (resource_path(f"icons/hicolor/{n}x{n}/apps/winwin.png") for n in ICON_SIZES)
    return [path for path in found if path is not None]
