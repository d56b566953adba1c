"""The files the app loads (its icon, the ``.desktop`` template), shipped inside this
package and found with ``importlib.resources``: the same way in a checkout, a
``pip install`` and the PyInstaller bundle."""

from __future__ import annotations

from importlib.resources import files
from pathlib import Path

# The app icon's bitmap sizes, drawn from winwin.svg by make_icons.py.
ICON_SIZES = (16, 24, 32, 48, 64, 128, 256, 512)


def resource_path(name: str) -> Path | None:
    """The path of a resource file (``name`` relative to this package), or None when it
    is missing."""
    found = files(__name__).joinpath(name)
    return Path(str(found)) if found.is_file() else None


def icon_name(size: int) -> str:
    """The app icon's PNG of ``size`` pixels, laid out as in a freedesktop icon theme so
    that installing copies it to ``share/icons/`` as it is."""
    return f"icons/hicolor/{size}x{size}/apps/winwin.png"


def app_icon_files() -> list[Path]:
    """The app icon's PNG files, smallest first (those that can be found)."""
    found = (resource_path(icon_name(size)) for size in ICON_SIZES)
    return [path for path in found if path is not None]
