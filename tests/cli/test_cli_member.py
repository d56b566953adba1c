"""`winwin member add|list|remove` and `winwin person share|unshare`: a team on one
journal, from the shell, with one sentence for every bad input."""

from __future__ import annotations

import uuid

import pytest

from tests.helpers import server_journals
from tests.helpers.cli import run_winwin, user_env
from winwin_desktop.store import close_journal, open_journal

NEEDS_A_SERVER = (
    "winwin: Members need a journal on a PostgreSQL server; see README “A team on one "
    "journal” (move this one there with `winwin copy-to postgresql://…`).\n"
)


@pytest.mark.needs_file("a journal file has no members")
def test_a_journal_file_has_no_members(tmp_path, journal_path):
    open_journal(journal_path)
    close_journal()

    def winwin(*args):
        return run_winwin([*args, "--db", str(journal_path)], user_env(tmp_path), tmp_path)

    before = journal_path.read_bytes()
    for args in (
        ("member", "add", "ana@example.com", "--name", "Ana", "--no-password"),
        ("member", "remove", "ana@example.com"),
    ):
        refused = winwin(*args)
        assert (refused.returncode, refused.stdout, refused.stderr) == (2, "", NEEDS_A_SERVER)
    listed = winwin("member", "list")
    assert listed.stdout == (
        "This journal has no members; add one with `winwin member add EMAIL --name NAME`.\n"
    )
    assert journal_path.read_bytes() == before


@pytest.mark.needs_server
def test_members_are_added_listed_and_removed_on_a_server(tmp_path, server_journal_url):
    tag = f"teamcli_{uuid.uuid4().hex[:8]}"
    ana, ben = f"{tag}_ana", f"{tag}_ben"
    with server_journals.extra_database(server_journal_url, tag) as url:

        def winwin(*args, db=url):
            return run_winwin([*args, "--db", db], user_env(tmp_path), tmp_path)

        try:
            assert winwin("person", "add", "Zoë Early").returncode == 0
            first = winwin("member", "add", f"{ana}@example.com", "--name", "Ana", "--login",
                           ana, "--no-password")  # fmt: skip
            assert (first.returncode, first.stderr) == (0, "")
            assert first.stdout == (
                f"Added Ana <{ana}@example.com> as a member, signing in as {ana}.\n"
                "The records already in the journal, 1 of them (people, interactions, "
                "exchanges, promises, reflections), are now Ana's.\n"
            )
            second = winwin("member", "add", f"{ben}@example.com", "--name", "Ben", "--login",
                            ben, "--no-password")  # fmt: skip
            assert (
                second.stdout
                == f"Added Ben <{ben}@example.com> as a member, signing in as {ben}.\n"
            )

            again = winwin("member", "add", f"{ben}@example.com", "--name", "Ben", "--no-password")
            assert (again.returncode, again.stderr) == (
                2,
                f"winwin: {ben}@example.com is already a member of this journal.\n",
            )
            unknown = winwin("member", "remove", "nobody@example.com")
            assert unknown.stderr == (
                "winwin: nobody@example.com is not a member of this journal; see `winwin member list`.\n"
            )
            no_name = winwin("member", "add", "cleo@example.com", "--no-password")
            assert no_name.stderr == (
                "winwin: Give the member's name with --name, e.g. --name 'Ana Lima'.\n"
            )

            # Ana shares the person she now owns with Ben, from her own login.
            as_ana = server_journals.with_user(url, ana)
            shared = winwin(
                "person", "share", "Zoë Early", "--with", f"{ben}@example.com", db=as_ana
            )
            assert shared.stdout == f"Zoë Early is shared with Ben <{ben}@example.com>.\n"
            as_ben = server_journals.with_user(url, ben)
            assert "Zoë Early" in winwin("people", db=as_ben).stdout
            not_his = winwin("person", "unshare", "Zoë Early", db=as_ben)
            assert not_his.stderr == (
                "winwin: Only the member who added this person may share or unshare them.\n"
            )
            private = winwin("person", "unshare", "Zoë Early", db=as_ana)
            assert private.stdout == "Zoë Early is private to you.\n"
            assert "Zoë Early" not in winwin("people", db=as_ben).stdout

            removed = winwin("member", "remove", f"{ana}@example.com")
            assert removed.stdout.startswith(
                f"Removed Ana <{ana}@example.com>: their records stay, attributed to them, read-only.\n"
            )
            assert winwin("member", "list").stdout == (
                f"Ana <{ana}@example.com>  login {ana} (removed)\n"
                f"Ben <{ben}@example.com>  login {ben}\n"
            )
        finally:
            server_journals.drop_database(url)
            with server_journals.connection(server_journal_url) as conn:
                for role in (ana, ben, f"{server_journals.database_name(url)}_members"):
                    conn.execute(f'DROP ROLE IF EXISTS "{role}"')


@pytest.mark.needs_server
def test_an_owner_who_may_not_create_logins_gets_the_sql_to_hand_on(tmp_path, server_journal_url):
    tag = f"teamcli_{uuid.uuid4().hex[:8]}"
    owner, cleo = f"{tag}_owner", f"{tag}_cleo"
    with server_journals.extra_database(server_journal_url, tag) as url:
        group = f"{server_journals.database_name(url)}_members"
        try:
            with server_journals.connection(url) as conn:
                conn.execute(f'CREATE ROLE "{owner}" LOGIN')
                conn.execute(
                    f'ALTER DATABASE "{server_journals.database_name(url)}" OWNER TO "{owner}"'
                )
                conn.execute(f'ALTER SCHEMA public OWNER TO "{owner}"')
                conn.execute("CREATE EXTENSION IF NOT EXISTS unaccent")
            as_owner = server_journals.with_user(url, owner)

            def winwin(*args):
                return run_winwin([*args, "--db", as_owner], user_env(tmp_path), tmp_path)

            assert winwin("person", "add", "Someone").returncode == 0
            added = winwin(
                "member", "add", f"{cleo}@example.com", "--name", "Cleo", "--login", cleo
            )
            assert (added.returncode, added.stderr) == (0, "")
            lines = added.stdout.splitlines()
            assert lines[2:6] == [
                "This login may not create logins; an administrator of the server runs "
                "(psql, connected to this database):",
                f'  CREATE ROLE "{group}" NOLOGIN;',
                f'  CREATE ROLE "{cleo}" LOGIN;',
                f'  GRANT "{group}" TO "{cleo}";',
            ]
            assert lines[-1] == f"  \\password {cleo}"
            # The administrator runs it: Cleo's login then uses the journal, as its member.
            with server_journals.connection(url) as conn:
                for line in lines[3:-1]:
                    conn.execute(line.strip().rstrip(";"))
            as_cleo = server_journals.with_user(url, cleo)
            people = run_winwin(["people", "--db", as_cleo], user_env(tmp_path), tmp_path)
            assert (people.returncode, "Someone" in people.stdout) == (0, True)
        finally:
            server_journals.drop_database(url)
            with server_journals.connection(server_journal_url) as conn:
                for role in (cleo, group, owner):
                    conn.execute(f'DROP ROLE IF EXISTS "{role}"')
