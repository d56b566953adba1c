"""A journal on a PostgreSQL server: opened by URL, TLS by default for other machines,
one sentence for each way connecting or saving fails, one migration at a time, and text
and JSON kept exactly as written (on both engines, for the last two).

The tests marked ``needs_server`` run when WINWIN_TEST_DB_URL names a server (CI's second
run); the others run everywhere.
"""

from __future__ import annotations

import datetime as dt
import json
import socket
import subprocess
import sys
from collections.abc import Iterator

import pytest

from tests.helpers import server_journals, throwaway_cluster
from winwin_desktop.journal import interactions, log_entry, people, protection
from winwin_desktop.journal.opening import ServerError, open_journal
from winwin_desktop.store import JournalError, backup_to, close_journal, recording, server
from winwin_desktop.store.connection import database
from winwin_desktop.store.migrate import HISTORY_TABLE, shipped_migrations
from winwin_desktop.store.models import Interaction, Person, Reflection, Setting


def test_a_url_is_a_server_and_anything_else_a_file():
    assert server.is_url("postgresql://me@db.example.com/winwin")
    assert server.is_url("postgres://me@db.example.com/winwin")
    assert not server.is_url("journal.db")
    assert not server.is_url("/home/me/postgresql:/journal.db")


@pytest.mark.parametrize(
    ("url", "sslmode"),
    [
        ("postgresql://me@db.example.com/winwin", "verify-full"),
        ("postgresql://me@10.0.0.7:5432/winwin", "verify-full"),
        ("postgresql://me@db.example.com/winwin?sslmode=require", "require"),
        ("postgresql://me@localhost/winwin", None),
        ("postgresql://me@127.0.0.1:5433/winwin", None),
        ("postgresql://me@[::1]/winwin", None),
        ("postgresql:///winwin?host=/var/run/postgresql", None),
        ("postgresql:///winwin", None),
    ],
)
def test_tls_with_a_verified_certificate_unless_the_server_is_this_machine(url, sslmode):
    assert server.connection_options(url).get("sslmode") == sslmode


def test_a_password_in_the_url_is_refused_before_connecting():
    with pytest.raises(ServerError) as refused:
        server.connection_options("postgresql://me:secret@db.example.com/winwin")
    assert str(refused.value) == (
        "Leave the password out of the address: put it in ~/.pgpass or PGPASSWORD instead "
        "(WinWin never keeps it)."
    )
    assert "secret" not in str(refused.value)


def test_without_psycopg_a_url_says_what_to_install(monkeypatch):
    monkeypatch.setitem(sys.modules, "psycopg.conninfo", None)  # as if not installed
    with pytest.raises(ServerError) as refused:
        open_journal("postgresql://me@db.example.com/winwin")
    assert str(refused.value) == (
        "A journal on a PostgreSQL server needs psycopg: install it with "
        "pip install 'winwin-desktop[server]', then try again."
    )


def test_a_long_title_and_name_are_kept_whole(journal):
    title = "Quarterly review of the pilot — " + "x" * 248
    assert len(title) == 280
    organisation = " ".join(["Acme Robotics"] * 25)  # 349 characters
    zoe = people.add_person("Zoë Brontë-Nuñez", organisation=organisation)
    saved = log_entry.save_log_entry(
        log_entry.LogEntry(date=dt.date(2026, 10, 1), title=title, people=[zoe.id])
    )
    assert interactions.get_interaction(saved.interaction.id).title == title
    assert people.get_person(zoe.id).organisation == organisation


def test_json_keeps_the_order_it_was_written_in(journal, reopen):
    answers = {"What did I give?": "time", "What did I get?": "a lead", "Anything else?": ""}
    prompts = ["zebra", "apple", "mango"]
    with recording("answers"):
        Reflection.create(day=dt.date(2026, 10, 1), answers=answers)
        Setting.create(key="prompts", value={"zulu": prompts, "alpha": 1})
    reopen()
    assert list(Reflection.get().answers) == list(answers)
    assert list(Setting.get(Setting.key == "prompts").value) == ["zulu", "alpha"]
    assert Setting.get(Setting.key == "prompts").value["zulu"] == prompts


# ---- on a server -----------------------------------------------------------------------

needs_server = pytest.mark.needs_server


@needs_server
def test_an_empty_database_becomes_a_journal_with_every_migration(server_journal_url):
    with server_journals.extra_database(server_journal_url, "new") as url:
        with pytest.raises(ServerError) as refused:
            open_journal(url, create=False)
        assert "holds no journal yet and was left empty" in str(refused.value)
        assert open_journal(url, create=True) is True
        applied = [row[0] for row in database.execute_sql(f"SELECT name FROM {HISTORY_TABLE}")]
        assert sorted(applied) == shipped_migrations()
        zoe = people.add_person("Zoë Brontë-Nuñez")
        close_journal()
        assert open_journal(url, create=False) is False
        assert people.get_person(zoe.id).name == "Zoë Brontë-Nuñez"
        close_journal()


@needs_server
def test_a_database_of_another_program_is_left_as_it_is(server_journal_url):
    with server_journals.extra_database(server_journal_url, "other") as url:
        with server_journals.connection(url) as conn:
            conn.execute("CREATE TABLE invoices (id serial primary key)")
        with pytest.raises(ServerError) as refused:
            open_journal(url)
        assert str(refused.value) == (
            f"The database {server_journals.database_name(url)} on "
            f"{server_journals.host_port(url)} holds another program's tables and was left "
            "untouched; give WinWin an empty database of its own."
        )
        with server_journals.connection(url) as conn:
            tables = [
                r[0]
                for r in conn.execute("SELECT tablename FROM pg_tables WHERE schemaname = 'public'")
            ]
        assert tables == ["invoices"]


@needs_server
def test_the_command_line_works_on_a_journal_by_url(journal, journal_path, tmp_path):
    def winwin(*args: str) -> subprocess.CompletedProcess:
        return subprocess.run(
            [sys.executable, "-m", "winwin_desktop", "--db", journal_path, *args],
            capture_output=True,
            text=True,
            cwd=tmp_path,
            timeout=60,
        )

    added = winwin("person", "add", "Zoë Brontë-Nuñez", "--org", "Acme Robotics")
    assert added.returncode == 0, added.stderr
    logged = winwin("log", "Zoë Brontë-Nuñez", "--title", "Intro call", "--gave", "advice:3")
    assert logged.returncode == 0, logged.stderr
    assert (
        logged.stdout.strip() == "Logged “Intro call” with Zoë Brontë-Nuñez (gave 3, received 0)."
    )
    (zoe,) = Person.select()
    assert (zoe.name, zoe.organisation) == ("Zoë Brontë-Nuñez", "Acme Robotics")


@needs_server
def test_winwin_db_may_name_a_server(journal, journal_path, tmp_path, monkeypatch):
    people.add_person("Zoë Brontë-Nuñez")
    monkeypatch.setenv("WINWIN_DB", journal_path)
    listed = subprocess.run(
        [sys.executable, "-m", "winwin_desktop", "people", "--json"],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        timeout=60,
    )
    assert listed.returncode == 0, listed.stderr
    assert [p["name"] for p in json.loads(listed.stdout)] == ["Zoë Brontë-Nuñez"]
    assert list(tmp_path.iterdir()) == []  # no file made for it in the working folder


@needs_server
def test_a_user_who_may_not_make_tables_is_told_who_must_own_the_database(server_journal_url):
    guest = f"{server_journals.database_name(server_journal_url)}_guest"
    with server_journals.extra_database(server_journal_url, "not_theirs") as url:
        with server_journals.connection(url) as admin:
            admin.execute(f"DROP ROLE IF EXISTS {guest}")
            admin.execute(f"CREATE ROLE {guest} LOGIN")
            admin.execute(f"REVOKE CREATE ON SCHEMA public FROM PUBLIC, {guest}")
        try:
            with pytest.raises(ServerError) as refused:
                open_journal(server_journals.with_user(url, guest))
        finally:
            with server_journals.connection(server_journal_url) as admin:
                admin.execute(f"DROP ROLE IF EXISTS {guest}")
    name = server_journals.database_name(url)
    assert str(refused.value) == (
        f"The database {name} on {server_journals.host_port(url)} does not let {guest} make "
        f"a journal's tables; have its administrator make {guest} its owner (createdb "
        f"--owner {guest} {name}), then try again."
    )


@needs_server
def test_a_closed_port_says_the_server_cannot_be_reached():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    with pytest.raises(server.ServerUnreachable) as refused:
        open_journal(f"postgresql://me@127.0.0.1:{port}/winwin")
    assert str(refused.value) == (
        f"Cannot reach the PostgreSQL server at 127.0.0.1:{port}; check that it is running "
        "and that the address is right, then try again."
    )


@needs_server
def test_a_missing_database_says_so(server_journal_url):
    url = server_journals.with_database(server_journal_url, "winwin_nobody_made_this")
    with pytest.raises(server.MissingDatabase) as refused:
        open_journal(url)
    assert str(refused.value) == (
        f"There is no database winwin_nobody_made_this on {server_journals.host_port(url)}; "
        "create it first (createdb winwin_nobody_made_this) or correct the address."
    )


@needs_server
def test_a_server_older_than_the_oldest_supported_is_refused(server_journal_url, monkeypatch):
    monkeypatch.setattr(server, "MIN_SERVER_VERSION", 990000)
    with pytest.raises(server.ServerTooOld) as refused:
        open_journal(server_journal_url)
    version = server_journals.server_version(server_journal_url)
    assert str(refused.value) == (
        f"The database {server_journals.database_name(server_journal_url)} on "
        f"{server_journals.host_port(server_journal_url)} runs PostgreSQL {version}; WinWin needs "
        "PostgreSQL 99 or newer: ask its administrator to upgrade it."
    )


@needs_server
def test_a_connection_lost_during_a_save_saves_nothing_and_says_so(journal, journal_path):
    people.add_person("Minh Hoang")
    backend = database.execute_sql("SELECT pg_backend_pid()").fetchone()[0]
    with pytest.raises(server.ConnectionLost) as lost, recording("Add Zoë"):
        Person.create(name="Zoë Brontë-Nuñez")
        with server_journals.connection(journal_path) as admin:
            admin.execute("SELECT pg_terminate_backend(%s)", (backend,))
        Person.create(name="Rahel Tesfaye")
    assert str(lost.value) == (
        f"The connection to the database {server_journals.database_name(journal_path)} on "
        f"{server_journals.host_port(journal_path)} was lost while saving; nothing was saved. "
        "Check the network and try again."
    )
    # The next action connects again, and finds only what was saved before.
    assert [p.name for p in Person.select().order_by(Person.id)] == ["Minh Hoang"]
    people.add_person("Rahel Tesfaye")
    assert Person.select().count() == 2


def _between_reads_and_writes(monkeypatch, step) -> None:
    """Run ``step()`` when a log entry's save has read and is about to write."""
    run = log_entry._Writes.run

    def stepping(writes):
        step()
        return run(writes)

    monkeypatch.setattr(log_entry._Writes, "run", stepping)


def _entry_with(person_id: int) -> log_entry.LogEntry:
    return log_entry.LogEntry(
        date=dt.date(2026, 3, 2),
        title="Coffee",
        people=[person_id, log_entry.NewPerson("Zoë Brontë-Nuñez")],
        exchanges=[log_entry.EntryExchange(person_id, "given", "advice", 3)],
        promises=[log_entry.EntryPromise(person_id, "me", "an intro")],
    )


@needs_server
def test_a_connection_lost_before_the_writes_that_carry_the_commit_saves_nothing(
    journal, journal_path, monkeypatch
):
    """A new entry's writes and its COMMIT go in one round trip: the connection lost just
    before it leaves nothing of the entry, says so, and the same save then works."""
    minh = people.add_person("Minh Hoang").id
    backend = database.execute_sql("SELECT pg_backend_pid()").fetchone()[0]

    def lose_the_connection():
        with server_journals.connection(journal_path) as admin:
            admin.execute("SELECT pg_terminate_backend(%s)", (backend,))

    with monkeypatch.context() as patch:
        _between_reads_and_writes(patch, lose_the_connection)
        with pytest.raises(server.ConnectionLost, match="was lost while saving; nothing was"):
            log_entry.save_log_entry(_entry_with(minh))
    assert [p.name for p in Person.select()] == ["Minh Hoang"]
    assert Interaction.select().count() == 0
    saved = log_entry.save_log_entry(_entry_with(minh))
    assert saved.interaction.participant_names == ["Minh Hoang", "Zoë Brontë-Nuñez"]
    assert [p.text for p in saved.promises] == ["an intro"]


@needs_server
def test_a_write_failing_in_the_batch_that_carries_the_commit_leaves_nothing_half_written(
    journal, journal_path, monkeypatch
):
    """Minh is erased by another client between the save's reads and its writes: the
    participant's row fails in the batch, the COMMIT after it is skipped, and neither
    the new person nor the interaction written before it in the batch is kept."""
    ada = people.add_person("Ada Obi").id
    minh = people.add_person("Minh Hoang").id

    def erase_minh():
        with server_journals.connection(journal_path) as other:
            other.execute("DELETE FROM person WHERE id = %s", (minh,))

    with monkeypatch.context() as patch:
        _between_reads_and_writes(patch, erase_minh)
        with pytest.raises(Exception, match="foreign key"):
            log_entry.save_log_entry(_entry_with(minh))
    assert [p.name for p in Person.select()] == ["Ada Obi"]
    assert Interaction.select().count() == 0
    assert log_entry.save_log_entry(_entry_with(ada)).interaction.title == "Coffee"
    assert sorted(p.name for p in Person.select()) == ["Ada Obi", "Zoë Brontë-Nuñez"]


@needs_server
def test_a_connection_lost_between_reads_says_so_and_the_next_read_connects_again(
    journal, journal_path
):
    people.add_person("Minh Hoang")
    backend = database.execute_sql("SELECT pg_backend_pid()").fetchone()[0]
    with server_journals.connection(journal_path) as admin:
        admin.execute("SELECT pg_terminate_backend(%s)", (backend,))
    with pytest.raises(server.ConnectionLost) as lost:
        Person.select().count()
    assert str(lost.value) == (
        f"The connection to the database {server_journals.database_name(journal_path)} on "
        f"{server_journals.host_port(journal_path)} was lost; check the network and try again."
    )
    assert [p.name for p in Person.select()] == ["Minh Hoang"]


@needs_server
def test_two_clients_opening_a_new_database_at_once_migrate_it_once(server_journal_url, tmp_path):
    with server_journals.extra_database(server_journal_url, "race") as url:
        opener = (
            "import sys; from winwin_desktop.journal.opening import open_journal; "
            "print(open_journal(sys.argv[1]))"
        )
        with server_journals.connection(url) as holder:
            # Both wait behind the lock, then one migrates and the other finds it done.
            holder.execute("SELECT pg_advisory_lock(%s)", (server.MIGRATION_LOCK,))
            clients = [
                subprocess.Popen(
                    [sys.executable, "-c", opener, url],
                    stdout=subprocess.PIPE,
                    stderr=subprocess.PIPE,
                    text=True,
                    cwd=tmp_path,
                )
                for _ in range(2)
            ]
            server_journals.wait_for_lock_waiters(holder, 2)
            holder.execute("SELECT pg_advisory_unlock(%s)", (server.MIGRATION_LOCK,))
        made = []
        for client in clients:
            assert client.wait(timeout=60) == 0, client.stderr.read()
            made.append(client.stdout.read().strip())
        assert sorted(made) == ["False", "True"]  # one made the journal, the other found it
        with server_journals.connection(url) as conn:
            applied = [row[0] for row in conn.execute(f"SELECT name FROM {HISTORY_TABLE}")]
        assert sorted(applied) == shipped_migrations()


@pytest.fixture(scope="module")
def password_server() -> Iterator[str]:
    with throwaway_cluster.scram_cluster("winwin_owner", "right horse battery") as url:
        yield url


@needs_server
def test_a_wrong_password_says_where_to_correct_it(password_server, monkeypatch):
    monkeypatch.setenv("PGPASSWORD", "wrong horse battery")
    with pytest.raises(server.WrongPassword) as refused:
        open_journal(password_server)
    assert str(refused.value) == (
        "The server refused the password of winwin_owner for the database winwin_owner on "
        f"{server_journals.host_port(password_server)}; correct it in ~/.pgpass or "
        "PGPASSWORD, then try again."
    )
    assert "wrong horse" not in str(refused.value)


@needs_server
def test_no_password_at_all_says_where_to_put_it(password_server, monkeypatch):
    monkeypatch.delenv("PGPASSWORD", raising=False)
    with pytest.raises(server.WrongPassword) as refused:
        open_journal(password_server)
    assert str(refused.value) == (
        f"The database winwin_owner on {server_journals.host_port(password_server)} asks for "
        "the password of winwin_owner; put it in ~/.pgpass or PGPASSWORD (WinWin never "
        "keeps it), then try again."
    )


@needs_server
def test_the_password_comes_from_pgpass_or_pgpassword(password_server, monkeypatch, tmp_path):
    monkeypatch.delenv("PGPASSWORD", raising=False)
    pgpass = tmp_path / "pgpass"
    pgpass.write_text("127.0.0.1:*:*:winwin_owner:right horse battery\n")
    pgpass.chmod(0o600)
    monkeypatch.setenv("PGPASSFILE", str(pgpass))
    assert open_journal(password_server) is True
    people.add_person("Zoë Brontë-Nuñez")
    close_journal()
    monkeypatch.delenv("PGPASSFILE")
    monkeypatch.setenv("PGPASSWORD", "right horse battery")
    assert open_journal(password_server, create=False) is False
    assert [p.name for p in Person.select()] == ["Zoë Brontë-Nuñez"]
    close_journal()


@needs_server
def test_snapshots_and_passphrases_are_refused_on_a_server_leaving_no_file(
    journal, tmp_path, monkeypatch
):
    monkeypatch.chdir(tmp_path)
    people.add_person("Minh Hoang")
    sentence = (
        "The journal is on a PostgreSQL server, not in a file: snapshots and passphrases are "
        "for journal files (back a server's journal up with winwin backup or pg_dump)."
    )
    with pytest.raises(JournalError) as refused:
        backup_to(tmp_path / "copy.db")
    assert str(refused.value) == sentence
    with pytest.raises(JournalError) as refused:
        protection.set_passphrase("correct horse battery staple")
    assert str(refused.value) == sentence
    assert list(tmp_path.iterdir()) == []


@needs_server
def test_tls_asked_of_a_server_without_it_says_so(server_journal_url):
    with pytest.raises(server.ServerUnreachable) as refused:
        open_journal(f"{server_journal_url}?sslmode=require")
    assert str(refused.value) == (
        f"The database {server_journals.database_name(server_journal_url)} on "
        f"{server_journals.host_port(server_journal_url)} offers no encrypted (TLS) "
        "connection; turn TLS on at the server (or, on a network you trust, add "
        "?sslmode=disable to the address)."
    )
