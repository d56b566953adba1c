"""``winwin copy-to``, run as a user runs it: the whole journal into a new file, verified;
a target that holds data, or a source that is not there, changes nothing."""

from __future__ import annotations

import hashlib
import json

import pytest

from tests.helpers.cli import run_winwin, user_env
from winwin_desktop.journal import interactions, people
from winwin_desktop.journal.interactions import ExchangeData
from winwin_desktop.store import close_journal, open_journal


@pytest.fixture
def winwin(tmp_path):
    env = user_env(tmp_path)
    return lambda *args: run_winwin(list(args), env, tmp_path)


@pytest.fixture
def seeded(journal_path):
    open_journal(journal_path)
    try:
        zoe = people.add_person("Zoë Brontë-Nuñez", organisation="Acme Robotics")
        minh = people.add_person("Minh Hoang")
        interactions.log_interaction(
            "2026-09-01",
            "Kick-off",
            [zoe.id, minh.id],
            kind="call",
            exchanges=[
                ExchangeData(zoe.id, "given", "advice", 2),
                ExchangeData(minh.id, "received", "introduction", 4),
            ],
        )
        people.delete_person(minh.id)
    finally:
        close_journal()
    return journal_path


def test_copy_to_a_new_file_gives_the_same_people(winwin, seeded, tmp_path):
    target = tmp_path / "moved" / "journal.db"
    done = winwin("--db", str(seeded), "copy-to", str(target))
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith(f"Copied the journal to {target} (2 people, 1 interaction, ")
    assert "verified" in done.stdout
    original = winwin("--db", str(seeded), "people", "--json")
    copied = winwin("--db", str(target), "people", "--json")
    assert json.loads(copied.stdout) == json.loads(original.stdout)
    assert [p["name"] for p in json.loads(copied.stdout)] == ["Zoë Brontë-Nuñez"]


def test_a_target_with_data_is_refused_and_left_as_it_was(winwin, seeded, tmp_path):
    other = tmp_path / "other.db"
    assert winwin("--db", str(other), "person", "add", "Someone").returncode == 0
    before = hashlib.sha256(other.read_bytes()).digest()
    refused = winwin("--db", str(seeded), "copy-to", str(other))
    assert refused.returncode == 1
    assert refused.stderr.strip() == (
        f"winwin: {other} already holds data and was left untouched; copy into a new file "
        "or an empty database."
    )
    assert refused.stdout == ""
    assert hashlib.sha256(other.read_bytes()).digest() == before


def test_a_missing_source_creates_nothing(winwin, tmp_path):
    missing = tmp_path / "nowhere.db"
    target = tmp_path / "copy.db"
    refused = winwin("--db", str(missing), "copy-to", str(target))
    assert refused.returncode == 1
    assert refused.stderr.strip() == (
        f"winwin: There is no journal at {missing}; check the path (--db), nothing was created."
    )
    assert not missing.exists() and not target.exists()
