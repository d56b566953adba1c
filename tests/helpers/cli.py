"""Running ``winwin`` as a user runs it: a separate process whose home, data, config,
cache and state folders all lie inside the test's temporary folder."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]


# Variables of the user's own journal that must not reach a test's winwin.
OWN = ("WINWIN_DB", "WINWIN_PASSPHRASE", "WINWIN_NEW_PASSPHRASE")


def user_env(
    tmp_path: Path, drop: tuple[str, ...] = (), *, passphrase: str | None = None, **extra: str
) -> dict[str, str]:
    """This process's environment with a private home in ``tmp_path``; no ``WINWIN_DB``,
    none of the variables in ``drop``, plus ``extra``; the ``passphrase`` of an encrypted
    journal in ``WINWIN_PASSPHRASE``, as a user gives it."""
    home = tmp_path / "home"
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in OWN and k not in drop and not k.startswith("XDG_")
    }
    if passphrase:
        env["WINWIN_PASSPHRASE"] = passphrase
    env.update(
        HOME=str(home),
        XDG_DATA_HOME=str(home / "data"),
        XDG_CONFIG_HOME=str(home / "config"),
        XDG_CACHE_HOME=str(home / "cache"),
        XDG_STATE_HOME=str(home / "state"),
        PYTHONPATH=os.pathsep.join(filter(None, [str(REPO), os.environ.get("PYTHONPATH")])),
        **extra,
    )
    return env


def run_winwin(
    args: list[str], env: dict[str, str], cwd: Path, timeout: int = 60
) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "winwin_desktop", *args],
        env=env,
        cwd=cwd,
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=timeout,
    )
