"""Journals shared by several clients: the same test on a SQLite file and, when
WINWIN_TEST_DB_URL is set, on a PostgreSQL server; and another client of the test's
journal — another thread, which has a connection of its own exactly as another process
or machine would."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from typing import Any

import pytest

from tests.helpers import server_journals
from winwin_desktop.store import changes, open_journal
from winwin_desktop.store.connection import database
from winwin_desktop.store.opening import forget_journal

NEEDS_SERVER = "needs a PostgreSQL server (set WINWIN_TEST_DB_URL)"


@pytest.fixture(params=["file", "server"])
def either_journal(request, tmp_path):
    """An open, empty journal: a SQLite file, then (when WINWIN_TEST_DB_URL is set) a
    PostgreSQL database."""
    yield from _journal(request.param, request, tmp_path)


@pytest.fixture
def server_journal(request, tmp_path):
    """An open, empty journal on the PostgreSQL server of WINWIN_TEST_DB_URL."""
    yield from _journal("server", request, tmp_path)


def _journal(kind: str, request, tmp_path):
    if kind == "file":
        db = open_journal(tmp_path / "journal.db")
    else:
        if not server_journals.URL:
            pytest.skip(NEEDS_SERVER)
        # The run's journal on the server (tests/conftest.py), emptied.
        url = request.getfixturevalue("server_journal_url")
        server_journals.empty(url)
        db = open_journal(url)
    yield db
    changes.stop_listening(db)
    forget_journal()  # unbound: the next test's journal is not taken for this one
    db.close()


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
