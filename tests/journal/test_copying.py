"""Copying a whole journal into an empty one (journal/copying.py): everything arrives,
the trash stays the trash, the copy is verified, and a target that is not empty — or a
copy that does not verify — leaves the target exactly as it was."""

from __future__ import annotations

import hashlib
import os
import stat

import pytest

from winwin_desktop.journal import (
    copying,
    interactions,
    people,
    promises,
    reflections,
    settings,
)
from winwin_desktop.journal.errors import ValidationError
from winwin_desktop.journal.interactions import ExchangeData
from winwin_desktop.store import close_journal, transfer
from winwin_desktop.store.connection import JournalError
from winwin_desktop.store.models import MODELS, Exchange, Person

PHOTO = b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4

pytestmark = pytest.mark.both_journal_kinds


@pytest.fixture
def seeded(journal):
    """A small journal with something of every kind, trash included."""
    zoe = people.add_person("Zoë Brontë-Nuñez", organisation="Acme", tags=["client"])
    minh = people.add_person("Minh Hoang", emails=["minh@example.com"])
    # Introduced by someone added after her: a larger id than hers.
    rahel = people.add_person("Rahel Tesfaye")
    people.edit_person(zoe.id, introduced_by_id=rahel.id)
    gone = people.add_person("Piotr Kowalski")
    Person.update(photo=PHOTO).where(Person.id == zoe.id).execute()
    call = interactions.log_interaction(
        "2026-09-01",
        "Kick-off",
        [zoe.id, minh.id],
        kind="call",
        exchanges=[
            ExchangeData(zoe.id, "given", "advice", 3),
            ExchangeData(minh.id, "received", "introduction", 4),
        ],
    )
    interactions.log_interaction(
        "2026-09-05", "Lunch", [zoe.id], exchanges=[ExchangeData(zoe.id, "received", "gift", 2)]
    )
    deleted = interactions.log_interaction(
        "2026-09-09",
        "Deleted call",
        [minh.id],
        exchanges=[ExchangeData(minh.id, "given", "help/time", 5)],
    )
    interactions.delete_interaction(deleted.id)
    people.delete_person(gone.id)
    promises.add_promise(zoe.id, "me", "send the deck", "2026-09-20", interaction_id=call.id)
    reflections.save_reflection("2026-09-01", "Good call with @Zoë Brontë-Nuñez.")
    settings.set_setting("review_window_days", 180)
    return journal


def rows_of(model) -> list[dict]:
    return list(model.select().order_by(model.id).dicts())


def everything() -> dict[str, list[dict]]:
    return {model._meta.table_name: rows_of(model) for model in MODELS}


def digest(path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_copy_holds_everything_trash_settings_and_photos(seeded, tmp_path, reopen, journal_path):
    before = everything()
    totals = {p.name: (p.given, p.received) for p in people.people_summaries()}
    seen: list[tuple[int, int]] = []
    target = tmp_path / "elsewhere" / "copy.db"

    result = copying.copy_journal(target, progress=lambda done, total: seen.append((done, total)))

    assert result.rows["person"] == 4 and result.rows["interaction"] == 3
    assert "(4 people, 3 interactions, 21 rows in all, the trash included); verified" in (
        result.describe()
    )
    assert seen[-1][0] == seen[-1][1] == sum(len(rows) for rows in before.values())
    assert stat.S_IMODE(os.stat(target).st_mode) == 0o600
    assert everything() == before  # the journal itself was only read
    close_journal()
    reopen(target)
    try:
        assert everything() == before  # ids, timestamps, the trash's deleted_at, settings
        assert {p.name: (p.given, p.received) for p in people.people_summaries()} == totals
        assert settings.get_setting("review_window_days") == 180
        zoe = people.find_person("Zoë Brontë-Nuñez")
        assert zoe.introduced_by_id == people.find_person("Rahel Tesfaye").id
        assert bytes(Person.get_by_id(zoe.id).photo) == PHOTO
        assert people.find_person("Piotr Kowalski") is None  # still in the trash
        assert [h.title for h in interactions.timeline(zoe.id)] == ["Lunch", "Kick-off"]
        # New rows continue after the copied ids.
        added = people.add_person("Someone New")
        assert added.id > max(row["id"] for row in before["person"])
    finally:
        close_journal()


def test_a_target_that_is_not_empty_is_left_byte_identical(seeded, tmp_path, reopen, passphrase):
    other = tmp_path / "other.db"
    close_journal()
    reopen(other)
    people.add_person("Already here")
    close_journal()
    reopen()
    before = digest(other)
    text_file = tmp_path / "notes.txt"
    text_file.write_text("not a journal\n")

    for target in (other, text_file):
        with pytest.raises(JournalError, match="already holds data and was left untouched"):
            copying.copy_journal(target)
    assert digest(other) == before
    assert text_file.read_text() == "not a journal\n"
    assert not any(p.name.startswith("other.db-") for p in tmp_path.iterdir())


def test_an_empty_file_may_be_the_target(seeded, tmp_path):
    target = tmp_path / "empty.db"
    target.touch()
    assert copying.copy_journal(target).rows["person"] == 4


def test_a_copy_that_does_not_verify_leaves_nothing(seeded, tmp_path, monkeypatch):
    def lose_an_exchange(db):
        Exchange.delete().where(Exchange.id == 1).execute(db)

    monkeypatch.setattr(transfer, "after_ids_written", lose_an_exchange)
    target = tmp_path / "copy.db"
    with pytest.raises(
        copying.CopyMismatch, match=r"exchange: 4 rows in the journal, 3 in the copy"
    ):
        copying.copy_journal(target)
    assert not target.exists()
    assert list(tmp_path.glob("copy.db*")) == []


def test_totals_that_differ_are_named_and_nothing_is_kept(seeded, tmp_path, monkeypatch):
    def change_points(db):
        Exchange.update(points=1).where(Exchange.id == 1).execute(db)

    monkeypatch.setattr(transfer, "after_ids_written", change_points)
    target = tmp_path / "copy.db"
    with pytest.raises(
        copying.CopyMismatch, match="Zoë Brontë-Nuñez's points given and received differ"
    ):
        copying.copy_journal(target)
    assert list(tmp_path.glob("copy.db*")) == []


def test_a_failed_copy_into_an_empty_file_leaves_it_empty(seeded, tmp_path, monkeypatch):
    def lose_an_exchange(db):
        Exchange.delete().where(Exchange.id == 1).execute(db)

    monkeypatch.setattr(transfer, "after_ids_written", lose_an_exchange)
    target = tmp_path / "empty.db"
    target.touch()
    with pytest.raises(copying.CopyMismatch):
        copying.copy_journal(target)
    assert target.stat().st_size == 0
    assert list(tmp_path.glob("empty.db-*")) == []


def test_the_open_journal_is_not_its_own_target(seeded, journal_path):
    before = everything()
    with pytest.raises(ValidationError, match="is the open journal itself; choose "):
        copying.copy_journal(journal_path)
    assert everything() == before


def test_a_password_in_a_url_is_never_shown():
    assert copying.shown("postgresql://ann:s3cret@db.example:5432/winwin") == (
        "postgresql://ann@db.example:5432/winwin"
    )
    assert copying.is_server_location("postgres://db.example/winwin")
    assert not copying.is_server_location("journal.db")
