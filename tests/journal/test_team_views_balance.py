"""The team's and each member's balance read from a journal: on a file (and a server
journal without members) every exchange is the single user's; on a team journal each
exchange is the member's who logged it, hand-computed here."""

from __future__ import annotations

import uuid
from collections.abc import Iterator

import pytest

from tests.helpers import server_journals
from winwin_desktop.analytics import NEW, WIN_WIN, YOU_GIVE_MORE, YOU_TAKE_MORE
from winwin_desktop.journal import balance, interactions, people, team
from winwin_desktop.journal.interactions import ExchangeData as X
from winwin_desktop.store import close_journal, open_journal

# (login role, email, name): the cluster's roles are named after this work (teamviews_).
ANA = ("teamviews_ana", "ana@example.com", "Ana Ruiz")
BEN = ("teamviews_ben", "ben@example.com", "Ben Okafor")


@pytest.fixture
def team_database(server_journal_url) -> Iterator[str]:
    """A journal of the test's own on the server, open as its owner (row-level security
    stays in force in a team's database: the run's own is left without it)."""
    with server_journals.extra_database(
        server_journal_url, f"teamviews_{uuid.uuid4().hex[:8]}"
    ) as url:
        open_journal(url)
        try:
            yield url
        finally:
            close_journal()


def make_team(url: str, *members: tuple[str, str, str]) -> dict[str, str]:
    """``members`` of the journal at ``url`` (open as its owner, a superuser), each with a
    login of their own that may use the journal; their journal URLs by email. The journal
    is opened again as its owner, which puts the team's row-level security in force."""
    from psycopg import sql

    urls = {}
    with server_journals.connection(url) as conn:
        for role, email, name in members:
            exists = conn.execute("SELECT 1 FROM pg_roles WHERE rolname = %s", (role,))
            if exists.fetchone() is None:
                conn.execute(sql.SQL("CREATE ROLE {} LOGIN").format(sql.Identifier(role)))
            conn.execute(
                "INSERT INTO member (role, email, name, added_at) VALUES (%s, %s, %s, now())",
                (role, email, name),
            )
            urls[email] = server_journals.with_user(url, role)
    as_member(url)
    # The rights last: opening the journal as its owner may make tables again.
    with server_journals.connection(url) as conn:
        for role, _email, _name in members:
            for what in ("TABLES", "SEQUENCES"):
                conn.execute(
                    sql.SQL("GRANT ALL ON ALL {} IN SCHEMA public TO {}").format(
                        sql.SQL(what), sql.Identifier(role)
                    )
                )
    return urls


def as_member(url: str) -> None:
    """Open the journal again with another login (a member's)."""
    close_journal()
    open_journal(url)


def test_without_members_every_exchange_is_the_single_users(journal, today):
    ada = people.add_person("Ada").id
    interactions.log_interaction(
        today,
        "Coffee",
        [ada],
        exchanges=[X(ada, "given", "advice", 2), X(ada, "received", "gift", 3)],
    )
    assert team.is_team_journal() is False
    records = balance.team_exchange_records()
    assert {record.member_id for record in records} == {None}
    standing = balance.team_balance_of(ada, today)
    assert [line.member_id for line in standing.members] == [None]
    assert (standing.team.given_total, standing.team.received_total) == (2, 3)
    assert balance.team_table(today)[ada].team == standing.team


@pytest.mark.needs_server
def test_each_member_gives_and_receives_their_own(team_database, today):
    urls = make_team(team_database, ANA, BEN)
    as_member(urls["ana@example.com"])
    client = people.add_person("Zoë Client")
    ana = team.current_member().id
    # Shared with the team, so that Ben logs with the same client.
    people.Person.update(shared_with_team=True).where(people.Person.id == client.id).execute()
    for points in (4, 4, 3):
        interactions.log_interaction(
            today, "Ana helps", [client.id], exchanges=[X(client.id, "given", "advice", points)]
        )
    interactions.log_interaction(
        today, "Ana hears", [client.id], exchanges=[X(client.id, "received", "advice", 1)]
    )
    as_member(urls["ben@example.com"])
    ben = team.current_member().id
    for direction, points in (("received", 5), ("received", 4), ("received", 2), ("given", 1)):
        interactions.log_interaction(
            today, "Ben", [client.id], exchanges=[X(client.id, direction, "referral", points)]
        )
    standing = balance.team_balance_of(client.id, today)
    # The team: 4+4+3+1 = 12 given, 1+5+4+2 = 12 received.
    assert (standing.team.given_total, standing.team.received_total) == (12, 12)
    assert standing.team.status == WIN_WIN
    mine, hers = standing.member(ben).standing, standing.member(ana).standing
    assert (mine.given_total, mine.received_total, mine.status) == (1, 11, YOU_TAKE_MORE)
    assert (hers.given_total, hers.received_total, hers.status) == (11, 1, YOU_GIVE_MORE)
    # Ben's "me": only his own exchanges.
    assert balance.member_status_table(ben, today)[client.id] == mine
    assert balance.member_category_totals(ben, today) == {"referral": (1, 11)}
    assert balance.member_status_table(ana, today)[client.id].status == YOU_GIVE_MORE
    assert balance.team_table(today)[client.id] == standing
    assert NEW not in {mine.status, hers.status}
