"""Draw the app icon's PNG sizes from ``winwin.svg`` (the PNGs are committed, in ``icons/``).

    python resources/make_icons.py

Run it again after changing the SVG. Desktops and the window title bar want bitmaps at
fixed sizes; Qt picks the nearest one, so the window icon needs no SVG plugin.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import Qt  # noqa: E402
from PySide6.QtGui import QGuiApplication, QImage, QPainter  # noqa: E402
from PySide6.QtSvg import QSvgRenderer  # noqa: E402

HERE = Path(__file__).resolve().parent
SIZES = (16, 24, 32, 48, 64, 128, 256, 512)


def icon_path(size: int) -> str:
    """Where the PNG of ``size`` pixels goes under ``resources/``: the freedesktop icon
    theme layout, so that installing copies each one to ``share/icons/`` as it is."""
    return f"icons/hicolor/{size}x{size}/apps/winwin.png"


def make_icons(svg: Path = HERE / "winwin.svg", folder: Path = HERE) -> list[Path]:
    QGuiApplication.instance() or QGuiApplication(sys.argv[:1])
    renderer = QSvgRenderer(str(svg))
    if not renderer.isValid():
        raise SystemExit(f"{svg} is not an SVG image Qt can draw.")
    written = []
    for size in SIZES:
        image = QImage(size, size, QImage.Format.Format_ARGB32_Premultiplied)
        image.fill(Qt.GlobalColor.transparent)
        painter = QPainter(image)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        renderer.render(painter)
        painter.end()
        path = folder / icon_path(size)
        path.parent.mkdir(parents=True, exist_ok=True)
        if not image.save(str(path), "PNG"):
            raise SystemExit(f"Could not write {path}.")
        written.append(path)
    return written


if __name__ == "__main__":
    for path in make_icons():
        print(path.relative_to(HERE.parent))
