"""Draw the app icon's PNG sizes from ``winwin.svg`` (the PNGs are committed, in ``icons/``).

    python -m winwin_desktop.resources.make_icons

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

from winwin_desktop.resources import ICON_SIZES, icon_name  # noqa: E402

HERE = Path(__file__).resolve().parent


def make_icons(svg: Path = HERE / "winwin.svg", folder: Path = HERE) -> list[Path]:
    QGuiApplication.instance() or QGuiApplication(sys.argv[:1])
    renderer = QSvgRenderer(str(svg))
    if not renderer.isValid():
        raise SystemExit(f"{svg} is not an SVG image Qt can draw.")
    written = []
    for size in ICON_SIZES:
        image = QImage(size, size, QImage.Format.Format_ARGB32_Premultiplied)
        image.fill(Qt.GlobalColor.transparent)
        painter = QPainter(image)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        renderer.render(painter)
        painter.end()
        path = folder / icon_name(size)
        path.parent.mkdir(parents=True, exist_ok=True)
        if not image.save(str(path), "PNG"):
            raise SystemExit(f"Could not write {path}.")
        written.append(path)
    return written


if __name__ == "__main__":
    for path in make_icons():
        print(path.relative_to(HERE.parent))
