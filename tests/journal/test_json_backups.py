"""JSON backups (journal/json_backups.py), what `winwin backup` and `restore` do for a
journal on a server; the functions are the same on either engine, so they are tested
here on files, and through the command line against a server in tests/cli."""

from __future__ import annotations

import json
import os
import stat

import pytest

from winwin_desktop.journal import interactions, json_backups, people, settings
from winwin_desktop.journal.errors import ValidationError
from winwin_desktop.journal.interactions import ExchangeData
from winwin_desktop.store import close_journal, open_journal


@pytest.fixture
def seeded(journal):
    zoe = people.add_person("Zoë Brontë-Nuñez", organisation="Acme")
    minh = people.add_person("Minh Hoang")
    interactions.log_interaction(
        "2026-09-01",
        "Kick-off",
        [zoe.id, minh.id],
        exchanges=[
            ExchangeData(zoe.id, "given", "advice", 3),
            ExchangeData(minh.id, "received", "introduction", 4),
        ],
    )
    people.delete_person(minh.id)
    settings.set_setting("review_window_days", 200)
    return journal


def summaries() -> list[tuple[str, int, int]]:
    return [(p.name, p.given, p.received) for p in people.people_summaries()]


def test_a_backup_is_written_owner_only_and_read_back(seeded, tmp_path):
    target = tmp_path / "winwin.json"
    taken = json_backups.take_backup(target)
    assert taken.path == target and (taken.people, taken.interactions) == (1, 1)
    assert taken.describe() == "1 person, 1 interaction"
    assert stat.S_IMODE(os.stat(target).st_mode) == 0o600
    document = json.loads(target.read_text())
    assert [p["name"] for p in document["people"]] == ["Zoë Brontë-Nuñez", "Minh Hoang"]
    assert {s["key"]: s["value"] for s in document["settings"]} == {"review_window_days": 200}


def test_without_a_target_it_goes_to_the_backups_folder(seeded, isolated_home):
    taken = json_backups.take_backup()
    assert taken.path.parent == isolated_home / "data" / "WinWin" / "backups"
    assert taken.path.suffix == ".json" and taken.path.is_file()


def test_an_existing_file_is_not_replaced_unless_asked(seeded, tmp_path):
    target = tmp_path / "winwin.json"
    target.write_text("mine\n")
    with pytest.raises(ValidationError, match="already exists; choose another name"):
        json_backups.take_backup(target)
    assert target.read_text() == "mine\n"
    json_backups.take_backup(target, replace=True)
    assert json.loads(target.read_text())["format"]


def test_a_backup_restored_into_an_empty_journal_has_the_same_totals(seeded, tmp_path):
    before = summaries()
    target = tmp_path / "winwin.json"
    json_backups.take_backup(target)
    close_journal()
    open_journal(tmp_path / "new.db")
    try:
        restored = json_backups.restore_backup(target)
        assert restored.describe() == "1 person, 1 interaction"
        assert summaries() == before
        assert settings.get_setting("review_window_days") == 200
        assert people.find_person("Minh Hoang") is None  # still in the trash
        with pytest.raises(ValidationError, match="already has records"):
            json_backups.restore_backup(target)
        assert summaries() == before
    finally:
        close_journal()


def test_a_file_that_is_no_backup_is_refused_in_a_sentence(journal, tmp_path):
    bad = tmp_path / "bad.json"
    bad.write_text('{"format": "winwin"')
    with pytest.raises(ValidationError, match=r"bad\.json.*export the journal again"):
        json_backups.restore_backup(bad)
    with pytest.raises(ValidationError, match="cannot be read"):
        json_backups.restore_backup(tmp_path / "missing.json")
    assert people.people_summaries() == []
