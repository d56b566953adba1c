"""Encryption at rest: a journal protected by a passphrase (SQLCipher)."""

from __future__ import annotations

import datetime as dt
import subprocess
import sys
from pathlib import Path

import pytest

pytest.importorskip("sqlcipher3")

from winwin_desktop.journal import backups, interactions, people, protection  # noqa: E402
from winwin_desktop.journal.interactions import ExchangeData  # noqa: E402
from winwin_desktop.journal.search import search  # noqa: E402
from winwin_desktop.store import close_journal, crypto, open_journal  # noqa: E402
from winwin_desktop.store.connection import SQLITE_HEADER  # noqa: E402

pytestmark = pytest.mark.needs_file("SQLCipher encrypts journal files")

SECRET = "correct horse battery staple"
NAME = "Zebedee Quixotic"
NOTE = "Confidential-merger-Borealis"


def _fill() -> None:
    person = people.add_person(NAME)
    interactions.log_interaction(
        dt.date(2026, 1, 5),
        "Lunch",
        [person.id],
        notes=NOTE,
        exchanges=[ExchangeData(person.id, "given", "advice", 3, "intro")],
    )


def _files(folder: Path) -> list[Path]:
    return [p for p in folder.rglob("*") if p.is_file()]


def _plaintext_in(folder: Path) -> list[Path]:
    return [
        p
        for p in _files(folder)
        if NAME.encode() in p.read_bytes() or NOTE.encode() in p.read_bytes()
    ]


@pytest.fixture
def encrypted(journal_path):
    """A journal with a person and an interaction, encrypted, then opened again."""
    open_journal(journal_path)
    _fill()
    backups.take_snapshot()  # a plain snapshot, from before the passphrase
    protection.set_passphrase(SECRET)
    yield journal_path
    close_journal()


def test_set_then_open_with_the_right_passphrase(encrypted):
    close_journal()
    assert encrypted.read_bytes()[:16] != SQLITE_HEADER
    assert crypto.is_encrypted(encrypted)
    assert crypto.is_encrypted(encrypted, SECRET)
    assert not crypto.is_encrypted(encrypted, "wrong")
    db = open_journal(encrypted, SECRET)
    assert db.encrypted
    assert [name for _, name in people.people_names()] == [NAME]
    assert [hit for hit in search("Borealis")]


def test_a_wrong_passphrase_is_refused_and_the_file_is_untouched(encrypted):
    close_journal()
    before = {p: p.read_bytes() for p in _files(encrypted.parent)}
    with pytest.raises(crypto.WrongPassphrase, match="That passphrase does not open .*; try again"):
        open_journal(encrypted, "not it")
    with pytest.raises(crypto.PassphraseRequired):
        open_journal(encrypted)
    assert {p: p.read_bytes() for p in _files(encrypted.parent)} == before


def test_no_plaintext_in_the_journal_its_wal_or_its_backups(encrypted):
    # Open and written to: the -wal holds fresh pages, encrypted too.
    people.add_person(f"{NAME} Junior")
    backups.take_snapshot()
    assert Path(f"{encrypted}-wal").exists()
    assert _plaintext_in(encrypted.parent) == []
    close_journal()
    assert _plaintext_in(encrypted.parent) == []


def test_backups_of_an_encrypted_journal_are_encrypted_and_restore(encrypted):
    taken = backups.take_snapshot()
    assert taken.path.read_bytes()[:16] != SQLITE_HEADER
    assert taken.people == 1
    snapshots = backups.list_snapshots()
    # The plain snapshot from before the passphrase was encrypted with the journal.
    assert len(snapshots) == 2
    assert all(s.path.read_bytes()[:16] != SQLITE_HEADER for s in snapshots)
    assert backups.check(taken.path) == []
    people.add_person("Ophelia Later")
    backups.restore(taken.path)
    assert [name for _, name in people.people_names()] == [NAME]


def test_files_are_readable_by_the_owner_only(encrypted):
    people.add_person("Someone Else")
    backups.take_snapshot()
    for path in _files(encrypted.parent):
        assert path.stat().st_mode & 0o077 == 0, path


def test_change_the_passphrase(encrypted):
    protection.change_passphrase("a new one")
    close_journal()
    with pytest.raises(crypto.WrongPassphrase):
        open_journal(encrypted, SECRET)
    open_journal(encrypted, "a new one")
    assert [name for _, name in people.people_names()] == [NAME]
    assert all(s.people == 1 for s in backups.list_snapshots())


def test_remove_the_passphrase(encrypted):
    protection.remove_passphrase()
    close_journal()
    assert encrypted.read_bytes()[:16] == SQLITE_HEADER
    open_journal(encrypted)
    assert [name for _, name in people.people_names()] == [NAME]
    snapshots = backups.list_snapshots()
    assert snapshots and all(s.path.read_bytes()[:16] == SQLITE_HEADER for s in snapshots)


def test_rekey_with_a_wrong_passphrase_changes_nothing(encrypted):
    close_journal()
    before = encrypted.read_bytes()
    with pytest.raises(crypto.WrongPassphrase):
        crypto.rekey(encrypted, "wrong", "new")
    assert encrypted.read_bytes() == before
    assert not list(encrypted.parent.glob(".*converting*"))


def test_a_new_journal_given_a_passphrase_is_created_encrypted(journal_path):
    open_journal(journal_path, SECRET)
    _fill()
    assert interactions.timeline(people.people_names()[0][0])
    close_journal()
    assert crypto.is_encrypted(journal_path, SECRET)
    assert _plaintext_in(journal_path.parent) == []


def test_a_plain_journal_does_not_load_sqlcipher(journal_path):
    code = (
        "import sys; from winwin_desktop.store import open_journal; "
        f"open_journal({str(journal_path)!r}); print('sqlcipher3' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert out.stdout.strip() == "False", out.stderr
