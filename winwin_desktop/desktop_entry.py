"""``winwin --install-desktop-entry``: put WinWin in the desktop's application menu for
this user (freedesktop.org: a ``.desktop`` file and the icon in the user's data folder),
pointing at the exact program that ran the command — a pip install or the packaged
folder, which is on no PATH."""

from __future__ import annotations

import os
import shlex
import shutil
import sys
from pathlib import Path

from winwin_desktop.resources import ICON_SIZES, icon_name, resource_path


def data_home() -> Path:
    return Path(os.environ.get("XDG_DATA_HOME") or Path.home() / ".local" / "share")


def launch_command() -> str:
    """The command that starts this WinWin, with absolute paths."""
    if getattr(sys, "frozen", False):  # the packaged folder: its own executable
        return shlex.quote(str(Path(sys.executable).resolve()))
    script = shutil.which("winwin")
    if script:
        return shlex.quote(str(Path(script).resolve()))
    return f"{shlex.quote(str(Path(sys.executable).resolve()))} -m winwin_desktop"


def install(home: Path | None = None) -> list[Path]:
    """Write the menu entry and the icons; returns the files written."""
    home = home or data_home()
    template = resource_path("winwin.desktop")
    if template is None:
        raise FileNotFoundError("WinWin's winwin.desktop was not found beside the program.")
    lines = []
    for line in template.read_text(encoding="utf-8").splitlines():
        if line.startswith("Exec="):
            line = f"Exec={launch_command()}"
        lines.append(line)
    written = []
    for size in ICON_SIZES:
        icon = resource_path(icon_name(size))
        if icon is None:
            continue
        target = home / "icons" / "hicolor" / f"{size}x{size}" / "apps" / "winwin.png"
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(icon, target)
        written.append(target)
    entry = home / "applications" / "winwin.desktop"
    entry.parent.mkdir(parents=True, exist_ok=True)
    entry.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return [entry, *written]
