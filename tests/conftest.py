"""Every test gets a fresh temporary journal and never sees the user's own folders."""

from __future__ import annotations

import os

os.environ["QT_QPA_PLATFORM"] = "offscreen"

import pytest

from winwin_desktop.store import close_journal, open_journal


@pytest.fixture(autouse=True)
def isolated_home(tmp_path_factory, monkeypatch):
    """Point every per-user folder (data, config, cache) into a temporary directory."""
    home = tmp_path_factory.mktemp("home")
    for var, sub in (
        ("HOME", ""),
        ("XDG_DATA_HOME", "data"),
        ("XDG_CONFIG_HOME", "config"),
        ("XDG_CACHE_HOME", "cache"),
        ("XDG_STATE_HOME", "state"),
    ):
        monkeypatch.setenv(var, str(home / sub))
    monkeypatch.delenv("WINWIN_DB", raising=False)
    return home


@pytest.fixture
def journal_path(tmp_path):
    return tmp_path / "journal.db"


@pytest.fixture
def journal(journal_path):
    """An open, empty journal in a temporary folder."""
    db = open_journal(journal_path)
    yield db
    close_journal()
