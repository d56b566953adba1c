"""Exporting a journal: reading it whole, the JSON round trip through an empty journal,
files readable by their owner only, and nothing written when an export is refused."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import stat
from pathlib import Path

import pytest
import vobject
from peewee import DatabaseError

from tests.helpers.journals import build_demo_journal
from winwin_desktop.formats import winwin_json
from winwin_desktop.formats.winwin_json import SchemaError
from winwin_desktop.journal import (
    ValidationError,
    exporting,
    interactions,
    people,
    promises,
    reflections,
    settings,
)
from winwin_desktop.journal.interactions import ExchangeData
from winwin_desktop.store import close_journal
from winwin_desktop.store.models import Exchange, Interaction, Person, Setting

pytestmark = pytest.mark.both_journal_kinds

TODAY = dt.date(2026, 11, 27)


@pytest.fixture
def demo(tmp_path, passphrase):
    path = build_demo_journal(tmp_path / "demo.db", passphrase, today=TODAY)
    yield path
    close_journal()


def mode(path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


@pytest.fixture
def small(journal):
    """Two people, one interaction with exchanges, a promise, a reflection, a trashed person."""
    zoe = people.add_person(
        "Zoë Brontë-Nuñez", organisation="Acme", emails=["zoe@acme.example"], tags=["investor"]
    )
    minh = people.add_person("Minh Hoang", introduced_by_id=zoe.id)
    gone = people.add_person("Gone Person")
    logged = interactions.log_interaction(
        "2026-03-02",
        "Intro call",
        [zoe.id, minh.id],
        exchanges=[
            ExchangeData(zoe.id, "given", "advice", 3, "market map"),
            ExchangeData(minh.id, "received", "introduction", 4),
        ],
    )
    promises.add_promise(zoe.id, "me", "Send the deck", "2026-03-09", logged.id)
    reflections.save_reflection("2026-03-02", "Met @Minh Hoang today.")
    settings.set_setting("review_window_days", 180)
    people.delete_person(gone.id)
    return zoe, minh, logged


def test_read_snapshot_holds_every_row_with_references_as_uids(small):
    zoe, minh, logged = small
    snapshot = exporting.read_snapshot()
    assert len(snapshot.people) == 3  # the trashed person too
    by_name = {p.name: p for p in snapshot.people}
    assert by_name["Minh Hoang"].introduced_by_uid == zoe.uid
    assert by_name["Gone Person"].deleted_at is not None
    interaction_uid = Interaction.get_by_id(logged.id).uid
    assert {(e.person_uid, e.direction, e.points) for e in snapshot.exchanges} == {
        (zoe.uid, "given", 3),
        (minh.uid, "received", 4),
    }
    assert {e.interaction_uid for e in snapshot.exchanges} == {interaction_uid}
    (promise,) = snapshot.promises
    assert (promise.person_uid, promise.interaction_uid) == (zoe.uid, interaction_uid)
    (mention,) = snapshot.mentions
    assert mention.person_uid == minh.uid
    (tag_link,) = snapshot.person_tags
    assert tag_link.person_uid == zoe.uid
    assert [(s.key, s.value) for s in snapshot.settings] == [("review_window_days", 180)]


def test_json_round_trip_through_an_empty_journal_gives_the_same_document(demo, tmp_path, reopen):
    people.delete_person(people.find_person("Piotr Kowalski").id)  # the trash travels too
    first = exporting.export_journal("json", tmp_path / "first.json").paths[0]
    document = json.loads(first.read_text(encoding="utf-8"))
    assert len(document["people"]) == 40 and len(document["interactions"]) > 200
    close_journal()

    reopen(tmp_path / "empty.db")
    exporting.load_document(document)
    second = exporting.export_journal("json", tmp_path / "second.json").paths[0]
    assert json.loads(second.read_text(encoding="utf-8")) == document
    assert second.read_bytes() == first.read_bytes()
    # And the journal loaded is the same to a user: the same people with the same totals.
    assert people.find_person("Piotr Kowalski") is None
    assert len(people.people_summaries()) == 39


def test_loaded_journal_has_the_same_totals_as_the_original(demo, tmp_path, reopen):
    before = [
        (s.name, s.given, s.received, s.interactions, s.last_contact, s.tags)
        for s in people.people_summaries()
    ]
    document = winwin_json.to_document(exporting.read_snapshot())
    close_journal()
    reopen(tmp_path / "copy.db")
    exporting.load_document(document)
    after = [
        (s.name, s.given, s.received, s.interactions, s.last_contact, s.tags)
        for s in people.people_summaries()
    ]
    assert after == before


def test_load_document_refuses_a_journal_that_has_records(small):
    document = winwin_json.to_document(exporting.read_snapshot())
    with pytest.raises(ValidationError, match="already has records"):
        exporting.load_document(document)
    assert Person.select().count() == 3


def test_a_document_that_cannot_be_read_writes_nothing(journal):
    document = {
        "format": "winwin-journal",
        "version": 1,
        "people": [{"uid": "a", "name": "Ana"}],
        "exchanges": [{"uid": "e", "person_uid": "a"}],
    }
    with pytest.raises(SchemaError):
        exporting.load_document(document)
    assert Person.select().count() == 0


def test_loaded_settings_replace_the_ones_there(journal):
    settings.set_setting("review_window_days", 90)
    document = {
        "format": "winwin-journal",
        "version": 1,
        "settings": [{"uid": "s", "key": "review_window_days", "value": 200}],
    }
    exporting.load_document(document)
    assert settings.get_setting("review_window_days") == 200
    assert Setting.select().count() == 1


def test_every_format_is_written_readable_by_the_owner_only(small, tmp_path):
    written = {}
    for name in exporting.FORMATS:
        result = exporting.export_journal(
            name, tmp_path / "out" / exporting.suggested_name(name, TODAY)
        )
        written[name] = result.paths
        assert (result.people, result.interactions) == (2, 1)
    assert [p.name for p in written["csv"]] == [
        "people.csv",
        "interactions.csv",
        "exchanges.csv",
        "promises.csv",
        "reflections.csv",
    ]
    assert written["csv"][0].parent.name == "winwin-2026-11-27-csv"
    assert mode(written["csv"][0].parent) == 0o700
    for paths in written.values():
        for path in paths:
            assert mode(path) == 0o600, path
    # No temporary file is left beside them.
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == [
        "winwin-2026-11-27-csv",
        "winwin-2026-11-27.json",
        "winwin-2026-11-27.md",
        "winwin-2026-11-27.vcf",
    ]


def test_an_existing_file_is_replaced_and_made_owner_only(small, tmp_path):
    target = tmp_path / "journal.md"
    target.write_text("old")
    target.chmod(0o644)
    with pytest.raises(ValidationError, match="already exists; choose another name"):
        exporting.export_journal("md", target)  # not without the user's yes
    assert target.read_text() == "old"
    assert exporting.existing_files("md", target) == [target]
    exporting.export_journal("md", target, replace=True)
    assert mode(target) == 0o600
    assert target.read_text(encoding="utf-8").startswith("# WinWin journal")
    assert not list(tmp_path.glob(".journal.md*"))  # no temporary left


@pytest.mark.needs_file("the journal's own files (-wal, -shm, backups/)")
def test_the_journal_its_working_files_and_backups_are_never_an_export_target(small, tmp_path):
    from winwin_desktop.journal import backups

    journal = backups.journal_file()
    snapshot = backups.take_snapshot(backups.MANUAL).path
    before = {p: p.read_bytes() for p in (journal, snapshot)}
    for target in (
        journal,
        Path(f"{journal}-wal"),
        Path(f"{journal}-shm"),
        Path(f"{journal}.lock"),
        snapshot,
        backups.backups_folder() / "new.json",
    ):
        with pytest.raises(ValidationError) as refused:
            exporting.export_journal("json", target, replace=True)
        assert "choose" in refused.value.message
    with pytest.raises(ValidationError, match="backups folder"):
        exporting.export_journal("csv", backups.backups_folder(), replace=True)
    assert {p: p.read_bytes() for p in before} == before
    assert not (backups.backups_folder() / "new.json").exists()


@pytest.mark.parametrize(
    ("format_name", "make", "words"),
    [
        ("pdf", lambda p: p / "x.pdf", "not an export format"),
        ("json", lambda p: p, "is a folder"),
        ("csv", lambda p: (p / "file.txt").write_text("x") and p / "file.txt", "is a file"),
    ],
)
def test_a_refused_export_writes_nothing(small, tmp_path, format_name, make, words):
    target = make(tmp_path)
    before = sorted(tmp_path.rglob("*"))
    with pytest.raises(ValidationError, match=words):
        exporting.export_journal(format_name, target)
    assert sorted(tmp_path.rglob("*")) == before


def test_an_unwritable_place_is_a_plain_sentence(small, tmp_path):
    blocker = tmp_path / "notes.txt"
    blocker.write_text("a file where a folder should be")
    before = sorted(tmp_path.iterdir())
    with pytest.raises(ValidationError) as caught:
        exporting.export_journal("json", blocker / "x.json")
    assert caught.value.message.startswith(f"Cannot write {blocker}")
    assert caught.value.message.endswith("; choose another place.")
    assert sorted(tmp_path.iterdir()) == before


def test_csv_totals_match_the_people_list(demo, tmp_path):
    paths = exporting.export_journal("csv", tmp_path / "csv").paths
    text = paths[0].read_text(encoding="utf-8-sig")
    rows = {row["name"]: row for row in csv.DictReader(io.StringIO(text, newline=""))}
    summaries = people.people_summaries()
    assert len(rows) == len(summaries) == 40
    for summary in summaries:
        row = rows[summary.name]
        assert (int(row["given"]), int(row["received"]), int(row["interactions"])) == (
            summary.given,
            summary.received,
            summary.interactions,
        )
        assert row["last_contact"] == (
            summary.last_contact.isoformat() if summary.last_contact else ""
        )
    exchanges = list(
        csv.DictReader(io.StringIO(paths[2].read_text(encoding="utf-8-sig"), newline=""))
    )
    live = (
        Exchange.select()
        .join(Interaction)
        .where(Exchange.deleted_at.is_null() & Interaction.deleted_at.is_null())
    )
    assert len(exchanges) == live.count()


def test_vcard_export_of_the_demo_reads_back_person_by_person(demo, tmp_path):
    path = exporting.export_journal("vcard", tmp_path / "people.vcf").paths[0]
    cards = {
        card.fn.value: card for card in vobject.readComponents(path.read_text(encoding="utf-8"))
    }
    assert len(cards) == 40
    for summary in people.people_summaries():
        person = people.get_person(summary.id)
        card = cards[person.name]
        assert [e.value for e in getattr(card, "email_list", [])] == person.emails
        assert [t.value for t in getattr(card, "tel_list", [])] == person.phones
        assert (card.org.value if hasattr(card, "org") else [""]) == [person.organisation]
        assert (card.note.value if hasattr(card, "note") else "") == person.notes
        assert (card.categories.value if hasattr(card, "categories") else []) == person.tags
        assert card.uid.value == f"urn:uuid:{person.uid}"


def test_markdown_export_of_the_demo_lists_each_person_once(demo, tmp_path):
    path = exporting.export_journal("markdown", tmp_path / "journal.md").paths[0]
    text = path.read_text(encoding="utf-8")
    by_person = text[text.index("## Interactions by person") :]
    for summary in people.people_summaries():
        assert by_person.count(f"\n### {summary.name}\n") == 1
    assert text.index("## Reflections") < text.index("## Interactions by person")


def test_winwin_imports_its_own_vcards_again(demo, tmp_path, reopen):
    piotr = people.find_person("Piotr Kowalski")
    people.edit_person(
        piotr.id, phones=["+48 58 123 45 67", "+48 600 100 200"], links=["https://x.example/p"]
    )
    photo = b"\x89PNG\r\n\x1a\n" + bytes(range(50))
    row = Person.get_by_id(piotr.id)
    row.photo = photo
    row.save()
    path = exporting.export_journal("vcard", tmp_path / "people.vcf").paths[0]
    fields = ("organisation", "role", "emails", "phones", "links", "notes", "tags")
    before = {
        s.name: [getattr(people.get_person(s.id), f) for f in fields]
        for s in people.people_summaries()
    }
    close_journal()

    from winwin_desktop.journal import importing

    reopen(tmp_path / "empty.db")
    importing.import_file(path)
    after = {
        s.name: [getattr(people.get_person(s.id), f) for f in fields]
        for s in people.people_summaries()
    }
    assert after == before
    assert Person.get(Person.name == "Piotr Kowalski").photo == photo


def test_an_export_that_fails_midway_leaves_no_file(small, tmp_path, monkeypatch):
    read = exporting.read_snapshot

    def failing(tables=None):
        if tables == ["exchanges"]:  # after the people and interactions are written
            raise DatabaseError("disk I/O error")
        return read(tables)

    monkeypatch.setattr(exporting, "read_snapshot", failing)
    before = sorted(tmp_path.iterdir())
    with pytest.raises(DatabaseError):
        exporting.export_journal("json", tmp_path / "journal.json")
    assert sorted(tmp_path.iterdir()) == before
