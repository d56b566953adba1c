"""A journal moved to a PostgreSQL server and back — with `winwin copy-to` as a user runs
it, and through journal.copying — arrives with every row and the same totals; on the
server, `winwin backup` writes a verified JSON export that `restore` loads into an empty
database. Needs the server of WINWIN_TEST_DB_URL (CI sets it)."""

from __future__ import annotations

import json
import os

import pytest

from tests.helpers.cli import run_winwin, user_env
from winwin_desktop.journal import copying, interactions, people, promises, reflections, settings
from winwin_desktop.journal.errors import ValidationError
from winwin_desktop.journal.interactions import ExchangeData
from winwin_desktop.store import close_journal, open_journal
from winwin_desktop.store.models import MODELS, Person

SERVER = os.environ.get("WINWIN_TEST_DB_URL")
pytestmark = pytest.mark.skipif(
    not SERVER, reason="needs a PostgreSQL server (set WINWIN_TEST_DB_URL)"
)
PHOTO = b"\x89PNG\r\n\x1a\n" + bytes(range(256))


@pytest.fixture
def server_database():
    """An empty database of the test's own on the server, dropped afterwards."""
    from tests.helpers import server_journals

    with server_journals.extra_database(SERVER, "pgmove_copy") as url:
        yield url


@pytest.fixture
def second_server_database():
    from tests.helpers import server_journals

    with server_journals.extra_database(SERVER, "pgmove_restore") as url:
        yield url


@pytest.fixture
def no_keyring(monkeypatch):
    """Never the machine's keyring: one that holds nothing."""
    import keyring
    from keyring.backends import null

    before = keyring.get_keyring()
    keyring.set_keyring(null.Keyring())
    monkeypatch.setenv("PYTHON_KEYRING_BACKEND", "keyring.backends.null.Keyring")
    yield
    keyring.set_keyring(before)


@pytest.fixture
def journal_file(tmp_path):
    """A journal file with something of every kind, the trash included (closed)."""
    path = tmp_path / "journal.db"
    open_journal(path)
    try:
        zoe = people.add_person("Zoë Brontë-Nuñez", organisation="Acme", tags=["client"])
        minh = people.add_person("Minh Hoang", emails=["minh@example.com"])
        rahel = people.add_person("Rahel Tesfaye")
        people.edit_person(zoe.id, introduced_by_id=rahel.id)
        Person.update(photo=PHOTO).where(Person.id == zoe.id).execute()
        call = interactions.log_interaction(
            "2026-09-01",
            "Kick-off " + "x" * 280,  # longer than a VARCHAR(255)
            [zoe.id, minh.id],
            kind="call",
            exchanges=[
                ExchangeData(zoe.id, "given", "advice", 3),
                ExchangeData(minh.id, "received", "introduction", 4),
            ],
        )
        gone = interactions.log_interaction(
            "2026-09-02", "Gone", [minh.id], exchanges=[ExchangeData(minh.id, "given", "gift", 5)]
        )
        interactions.delete_interaction(gone.id)
        people.delete_person(rahel.id)
        promises.add_promise(zoe.id, "me", "send the deck", "2026-09-20", interaction_id=call.id)
        reflections.save_reflection("2026-09-01", "Good call with @Zoë Brontë-Nuñez.")
        settings.set_setting("prompts", ["Zebra first?", "Apple second?"])
    finally:
        close_journal()
    return path


def everything() -> dict[str, list[dict]]:
    return {
        model._meta.table_name: [
            {k: bytes(v) if isinstance(v, memoryview) else v for k, v in row.items()}
            for row in model.select().order_by(model.id).dicts()
        ]
        for model in MODELS
    }


def test_to_the_server_and_back_keeps_every_row(
    journal_file, server_database, no_keyring, tmp_path
):
    open_journal(journal_file)
    before = everything()
    totals = [(p.name, p.given, p.received) for p in people.people_summaries()]
    copying.copy_journal(server_database)
    close_journal()

    open_journal(server_database)
    try:
        assert everything() == before
        assert settings.get_setting("prompts") == ["Zebra first?", "Apple second?"]
        back = tmp_path / "back.db"
        result = copying.copy_journal(back)
        assert result.rows["person"] == 3
        # The open journal is no target, nor a database holding a journal.
        with pytest.raises(ValidationError, match="is the open journal itself"):
            copying.copy_journal(server_database)
    finally:
        close_journal()
    open_journal(back)
    try:
        assert everything() == before
        assert [(p.name, p.given, p.received) for p in people.people_summaries()] == totals
        assert people.add_person("Someone New").id == 4  # ids go on after the copied ones
    finally:
        close_journal()


def test_copy_to_and_back_from_the_command_line(
    journal_file, server_database, no_keyring, tmp_path
):
    env = user_env(tmp_path, PYTHON_KEYRING_BACKEND="keyring.backends.null.Keyring")

    def winwin(*args):
        done = run_winwin(list(args), env, tmp_path)
        assert done.returncode == 0, done.stderr
        return done

    there = winwin("--db", str(journal_file), "copy-to", server_database)
    assert there.stdout.startswith(
        f"Copied the journal to {server_database} (3 people, 2 interactions"
    )
    back = tmp_path / "back.db"
    winwin("--db", server_database, "copy-to", str(back))
    listings = [
        json.loads(winwin("--db", where, "people", "--json").stdout)
        for where in (str(journal_file), server_database, str(back))
    ]
    assert listings[0] == listings[1] == listings[2]
    assert {p["name"]: (p["given"], p["received"]) for p in listings[0]} == {
        "Minh Hoang": (0, 4),
        "Zoë Brontë-Nuñez": (3, 0),
    }


def test_backup_and_restore_on_the_server(
    journal_file, server_database, second_server_database, no_keyring, tmp_path
):
    env = user_env(tmp_path, PYTHON_KEYRING_BACKEND="keyring.backends.null.Keyring")

    def winwin(*args):
        return run_winwin(list(args), env, tmp_path)

    assert winwin("--db", str(journal_file), "copy-to", server_database).returncode == 0
    export = tmp_path / "server.json"
    taken = winwin("--db", server_database, "backup", "--to", str(export))
    assert taken.returncode == 0, taken.stderr
    assert taken.stdout == (
        f"Backed up the journal to {export} (2 people, 1 interaction) as WinWin JSON, "
        "verified by reading it back.\n"
    )
    restored = winwin("--db", second_server_database, "restore", str(export))
    assert restored.returncode == 0, restored.stderr
    assert json.loads(winwin("--db", second_server_database, "people", "--json").stdout) == (
        json.loads(winwin("--db", server_database, "people", "--json").stdout)
    )
    again = winwin("--db", second_server_database, "restore", str(export))
    assert again.returncode == 2
    assert "already has records" in again.stderr
