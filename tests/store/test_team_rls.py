"""Row-level security on a team journal, checked with plain SQL from each member's own
login: what one member keeps private, another's session cannot read or write.

The run's user is a superuser (it bypasses row-level security), so each test makes
member logins of its own (non-superusers, dropped afterwards) and a journal database of
its own; the clusters of the development machine and of CI trust local logins, so a
member connects without a password."""

from __future__ import annotations

import contextlib
import datetime as dt
import uuid
from collections.abc import Iterator

import pytest

from tests.helpers import server_journals
from winwin_desktop.journal import (
    ValidationError,
    copying,
    interactions,
    people,
    promises,
    reflections,
    team,
)
from winwin_desktop.journal.interactions import ExchangeData
from winwin_desktop.store import close_journal, open_journal
from winwin_desktop.store.models import Person

pytestmark = pytest.mark.needs_server

TODAY = dt.date(2026, 3, 2)
SEARCH_TABLES = [
    f"search_{kind}" for kind in ("person", "interaction", "exchange", "promise", "reflection")
]
# What a member's private person brings with them, each read with plain SQL.
PRIVATE_READS = {
    "person": "SELECT name FROM person",
    "interaction": "SELECT title FROM interaction",
    "participant": "SELECT person_id FROM participant",
    "exchange": "SELECT description FROM exchange",
    "promise": "SELECT text FROM promise",
    "reflection": "SELECT text FROM reflection",
    "mention": "SELECT person_id FROM mention",
    "private_note": "SELECT text FROM private_note",
    "person_tag": "SELECT person_id FROM person_tag",
    **{table: f"SELECT words FROM {table}" for table in SEARCH_TABLES},
    "totals": "SELECT person_id, SUM(points) FROM exchange GROUP BY person_id",
}


class Team:
    """A team journal in a database of the test's own, with member logins."""

    def __init__(self, url: str, tag: str) -> None:
        self.url = url
        self.tag = tag
        self.roles: list[str] = []

    def login(self, name: str) -> str:
        return f"{self.tag}_{name}"

    def add(self, name: str) -> team.Member:
        """Add the member ``name`` (as the journal's owner, in the open journal)."""
        role = self.login(name)
        self.roles.append(role)
        added = team.add_member(f"{role}@example.com", name.capitalize(), role=role)
        assert added.login_made and added.admin_sql == []
        return added.member

    def url_of(self, name: str) -> str:
        return server_journals.with_user(self.url, self.login(name))

    @contextlib.contextmanager
    def as_member(self, name: str) -> Iterator[None]:
        """The journal opened by WinWin as member ``name`` (then the owner's again)."""
        close_journal()
        open_journal(self.url_of(name))
        try:
            yield
        finally:
            close_journal()
            open_journal(self.url)

    def sql(self, name: str, query: str, params: tuple = ()) -> list[tuple]:
        """``query``'s rows in member ``name``'s own plain session."""
        with server_journals.connection(self.url_of(name)) as conn:
            return conn.execute(query, params).fetchall()

    def reads(self, name: str) -> dict[str, list[tuple]]:
        return {what: self.sql(name, query) for what, query in PRIVATE_READS.items()}


@pytest.fixture
def team_journal(server_journal_url) -> Iterator[Team]:
    tag = f"teamrls_{uuid.uuid4().hex[:8]}"
    with server_journals.extra_database(server_journal_url, tag) as url:
        open_journal(url)
        made = Team(url, tag)
        try:
            yield made
        finally:
            close_journal()
            server_journals.drop_database(url)
            with server_journals.connection(server_journal_url) as conn:
                for role in [*made.roles, f"{server_journals.database_name(url)}_members"]:
                    conn.execute(f'DROP ROLE IF EXISTS "{role}"')


def _private_life(tag: str = "") -> int:
    """The logged-in member's person with an interaction, an exchange, a promise, a
    reflection mentioning them, a tag and a private note; returns the person's id."""
    carla = people.add_person(f"Carla Client{tag}", tags=["client"])
    interactions.log_interaction(
        TODAY,
        f"Secret lunch{tag}",
        [carla.id],
        exchanges=[ExchangeData(carla.id, "given", "advice", 3, f"market map{tag}")],
    )
    promises.add_promise(carla.id, "me", f"send the deck{tag}")
    reflections.save_reflection(TODAY, f"Thinking about @Carla Client{tag}")
    return carla.id


def _write_note(members: Team, name: str, person_id: int, text: str) -> None:
    with server_journals.connection(members.url_of(name)) as conn:
        conn.execute(
            "INSERT INTO private_note (person_id, text, updated_at) VALUES (%s, %s, now())",
            (person_id, text),
        )


def test_a_member_reads_none_of_anothers_private_rows(team_journal):
    team_journal.add("ana")
    team_journal.add("ben")
    with team_journal.as_member("ana"):
        carla = _private_life()
    _write_note(team_journal, "ana", carla, "she is leaving Acme")

    ana = team_journal.reads("ana")
    assert all(ana.values()), ana  # Ana reads every one of her rows
    assert ana["totals"] == [(carla, 3)]
    ben = team_journal.reads("ben")
    assert ben == {what: [] for what in PRIVATE_READS}


def test_sharing_shows_the_person_and_their_record_but_never_reflections_or_notes(team_journal):
    team_journal.add("ana")
    team_journal.add("ben")
    team_journal.add("cleo")
    with team_journal.as_member("ana"):
        carla = _private_life()
    _write_note(team_journal, "ana", carla, "she is leaving Acme")

    with team_journal.as_member("ana"):
        shared = team.share_person(carla, team=True)
    assert shared.with_team
    for name in ("ben", "cleo"):
        seen = team_journal.reads(name)
        assert seen["person"] == [("Carla Client",)]
        assert seen["interaction"] == [("Secret lunch",)]
        assert seen["exchange"] == [("market map",)]
        assert seen["promise"] == [("send the deck",)]
        assert seen["totals"] == [(carla, 3)]
        assert len(seen["search_person"]) == len(seen["search_exchange"]) == 1
        assert seen["reflection"] == seen["mention"] == seen["private_note"] == []
        assert seen["search_reflection"] == []

    with team_journal.as_member("ana"):
        team.unshare_person(carla, team=True)
        named = team.share_person(carla, emails=[f"{team_journal.login('ben')}@example.com"])
    assert [m.name for m in named.with_members] == ["Ben"]
    assert team_journal.reads("ben")["totals"] == [(carla, 3)]
    assert team_journal.reads("cleo") == {what: [] for what in PRIVATE_READS}

    with team_journal.as_member("ana"):
        team.unshare_person(carla)
    assert team_journal.reads("ben") == {what: [] for what in PRIVATE_READS}


def test_a_member_writes_only_as_themselves(team_journal):
    ana = team_journal.add("ana")
    team_journal.add("ben")
    with team_journal.as_member("ana"):
        carla = _private_life()
        team.share_person(carla, team=True)
    import psycopg

    with pytest.raises(psycopg.errors.InsufficientPrivilege, match="row-level security"):
        team_journal.sql(
            "ben",
            "INSERT INTO reflection (uid, created_at, updated_at, day, text, answers, member_id)"
            " VALUES ('forged', now(), now(), '2026-03-03', 'as Ana', '{}', %s)",
            (ana.id,),
        )
    # Ben may edit the shared person, but who added them stays Ana.
    assert team_journal.sql(
        "ben", "UPDATE person SET notes = 'met twice', member_id = NULL RETURNING member_id"
    ) == [(ana.id,)]
    # Ana's reflection is not Ben's to change or delete: no row is touched.
    assert team_journal.sql("ben", "UPDATE reflection SET text = 'x' RETURNING id") == []
    assert team_journal.sql("ben", "DELETE FROM reflection RETURNING id") == []
    assert team_journal.sql("ana", "SELECT text FROM reflection") == [
        ("Thinking about @Carla Client",)
    ]


def test_a_removed_members_rows_stay_attributed_and_read_only(team_journal):
    ana = team_journal.add("ana")
    team_journal.add("ben")
    with team_journal.as_member("ana"):
        carla = _private_life()
        team.share_person(carla, team=True)

    removed = team.remove_member(f"{team_journal.login('ana')}@example.com")
    assert removed.member.removed and removed.admin_sql == []
    assert [m.removed for m in team.members()] == [True, False]

    assert team_journal.sql("ben", "SELECT name, member_id FROM person") == [
        ("Carla Client", ana.id)
    ]
    assert team_journal.sql("ben", "SELECT sum(points) FROM exchange") == [(3,)]
    assert team_journal.sql("ben", "UPDATE person SET notes = 'x' RETURNING id") == []
    assert team_journal.sql("ben", "UPDATE exchange SET points = 5 RETURNING id") == []
    assert team_journal.sql("ben", "DELETE FROM promise RETURNING id") == []
    import psycopg

    with pytest.raises(psycopg.errors.InsufficientPrivilege):
        team_journal.sql("ana", "SELECT name FROM person")


def test_the_first_member_becomes_the_recorder_of_the_rows_so_far(team_journal):
    zoe = people.add_person("Zoë Early")
    interactions.log_interaction(
        TODAY, "Before the team", [zoe.id], exchanges=[ExchangeData(zoe.id, "received", "gift", 2)]
    )
    assert not team.is_team_journal()
    ana = team_journal.add("ana")
    ben = team_journal.add("ben")

    assert team.is_team_journal()
    assert [(m.name, m.removed) for m in team.members()] == [("Ana", False), ("Ben", False)]
    assert team_journal.sql("ana", "SELECT name, member_id FROM person") == [("Zoë Early", ana.id)]
    assert team_journal.sql("ana", "SELECT member_id FROM exchange") == [(ana.id,)]
    assert team_journal.sql("ben", "SELECT name FROM person") == []
    with team_journal.as_member("ben"):
        assert team.current_member() == ben


def test_a_journal_without_members_has_no_row_security_in_force(team_journal):
    people.add_person("Ada Lovelace")
    with server_journals.connection(team_journal.url) as conn:
        forced = conn.execute(
            "SELECT relname FROM pg_class WHERE relrowsecurity AND relkind = 'r'"
            " AND relnamespace = current_schema()::regnamespace"
        ).fetchall()
    assert forced == []
    assert team.members() == [] and team.current_member() is None
    assert people.find_person("Ada Lovelace") is not None


def test_a_private_note_is_its_members_only_even_on_a_shared_person(team_journal):
    team_journal.add("ana")
    team_journal.add("ben")
    with team_journal.as_member("ana"):
        carla = people.add_person("Carla Client")
        team.share_person(carla.id, team=True)
        assert team.save_private_note(carla.id, "  she is leaving Acme ") == "she is leaving Acme"
    with team_journal.as_member("ben"):
        assert team.private_note(carla.id) == ""
        team.save_private_note(carla.id, "owes me a call")
        assert team.private_note(carla.id) == "owes me a call"
    with team_journal.as_member("ana"):
        assert team.private_note(carla.id) == "she is leaving Acme"
        team.save_private_note(carla.id, "")
        assert team.private_note(carla.id) == ""
    assert team_journal.sql("ben", "SELECT text FROM private_note") == [("owes me a call",)]
    assert team_journal.sql("ana", "SELECT text FROM private_note") == []
    # The journal's owner here (who adds members) is no member: no private note of theirs.
    assert team.private_note(carla.id) == ""


def test_a_journal_without_members_has_no_private_notes(team_journal):
    ada = people.add_person("Ada Lovelace")
    assert team.private_note(ada.id) == ""
    with pytest.raises(ValidationError, match="no member signed in"):
        team.save_private_note(ada.id, "secret")


def test_a_team_journal_copies_to_a_file_with_who_recorded_what(team_journal, tmp_path):
    ana = team_journal.add("ana")
    with team_journal.as_member("ana"):
        _private_life()
    copied = copying.copy_journal(tmp_path / "copy.db")
    assert copied.rows["member"] == 1

    close_journal()
    open_journal(tmp_path / "copy.db")
    # A file has no members: everything in it is its one user's, attribution kept.
    assert team.members() == [] and not team.is_team_journal()
    assert [p.member_id for p in Person.select()] == [ana.id]
    assert people.find_person("Carla Client") is not None
