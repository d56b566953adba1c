"""``winwin --install-desktop-entry``: the menu entry and icons, for this user only."""

from __future__ import annotations

import configparser
import shlex
from pathlib import Path

from tests.helpers.cli import run_winwin, user_env
from winwin_desktop.resources import ICON_SIZES


def test_the_menu_entry_runs_this_winwin_and_has_its_icon(tmp_path):
    env = user_env(tmp_path)
    data = Path(env["XDG_DATA_HOME"])

    done = run_winwin(["--install-desktop-entry"], env, tmp_path)

    assert done.returncode == 0, done.stderr
    entry = data / "applications" / "winwin.desktop"
    assert done.stdout.startswith(f"Added WinWin to the application menu: {entry} (runs ")
    parsed = configparser.ConfigParser(interpolation=None)
    parsed.optionxform = str
    parsed.read(entry, encoding="utf-8")
    desktop = parsed["Desktop Entry"]
    assert desktop["Type"] == "Application" and desktop["Name"] == "WinWin"
    assert desktop["Categories"] == "Office;" and desktop["Icon"] == "winwin"
    program = Path(shlex.split(desktop["Exec"])[0])
    assert program.is_absolute() and program.exists()  # not left to a PATH it is not on
    for size in ICON_SIZES:
        icon = data / "icons" / "hicolor" / f"{size}x{size}" / "apps" / "winwin.png"
        assert icon.read_bytes().startswith(b"\x89PNG"), icon

    again = run_winwin(["--install-desktop-entry"], env, tmp_path)  # installing twice is fine
    assert again.returncode == 0 and entry.read_text(encoding="utf-8").count("Exec=") == 1
