"""Another client of the test's journal: another thread, which has a connection of its
own exactly as another process or machine would."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from typing import Any

from winwin_desktop.store.connection import database


def elsewhere(action: Callable[..., Any], *args, **kwargs) -> Any:
    """Run ``action`` as another client would: on a connection of its own."""
    outcome: dict[str, Any] = {}

    def run() -> None:
        try:
            outcome["result"] = action(*args, **kwargs)
        except BaseException as exc:  # noqa: BLE001 — re-raised in the test's thread
            outcome["error"] = exc
        finally:
            database.close()

    thread = threading.Thread(target=run)
    thread.start()
    thread.join()
    if "error" in outcome:
        raise outcome["error"]
    return outcome.get("result")


def soon(condition: Callable[[], bool], within: float = 2.0) -> bool:
    """Whether ``condition`` holds within ``within`` seconds (a server delivers a
    notification a moment after the commit)."""
    deadline = time.monotonic() + within
    while not condition():
        if time.monotonic() > deadline:
            return False
        time.sleep(0.02)
    return True
