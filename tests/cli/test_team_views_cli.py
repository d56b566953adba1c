"""``winwin people --member EMAIL`` and ``--team``: per-member figures on a team journal,
one sentence on a journal without members or for an email that is no member's."""

from __future__ import annotations

import json

import pytest

from tests.helpers.cli import run_winwin, user_env
from tests.journal import test_team_views_balance
from tests.journal.test_team_views_balance import ANA, BEN, as_member, make_team
from winwin_desktop.journal import interactions, people
from winwin_desktop.journal.interactions import ExchangeData as X
from winwin_desktop.store.models import Person

# The team's own database on the server, as that module makes it.
team_database = test_team_views_balance.team_database


@pytest.fixture
def winwin(tmp_path):
    return lambda db, *args: run_winwin([*args, "--db", str(db)], user_env(tmp_path), tmp_path)


@pytest.mark.parametrize("option", [["--team"], ["--member", "ana@example.com"]])
def test_a_journal_without_members_says_so_in_one_sentence(journal, journal_path, winwin, option):
    people.add_person("Ada")
    result = winwin(journal_path, "people", "--json", *option)
    assert result.returncode == 2
    assert result.stdout == ""
    assert result.stderr == (
        f"winwin: This journal has no members, so {option[0]} has nothing to show; it is "
        "for a team journal on a server (`winwin member add EMAIL --name NAME` makes one).\n"
    )


@pytest.fixture
def team_journal(team_database, today):
    """Ana logs 4 given and 1 received with a client shared with the team, Ben 8 received;
    the URLs of both logins."""
    urls = make_team(team_database, ANA, BEN)
    as_member(urls["ana@example.com"])
    client = people.add_person("Zoë Client").id
    people.add_person("Minh Alone")  # nobody has an exchange with him
    Person.update(shared_with_team=True).where(Person.id == client).execute()
    interactions.log_interaction(
        today,
        "w",
        [client],
        exchanges=[X(client, "given", "advice", 4), X(client, "received", "gift", 1)],
    )
    as_member(urls["ben@example.com"])
    interactions.log_interaction(
        today,
        "l",
        [client],
        exchanges=[X(client, "received", "referral", 5), X(client, "received", "advice", 3)],
    )
    return urls


MEMBER_KEYS = [
    "email",
    "name",
    "given",
    "received",
    "balance",
    "status",
    "given_window",
    "received_window",
]


@pytest.mark.needs_server
def test_member_adds_that_members_figures(team_journal, winwin):
    result = winwin(
        team_journal["ana@example.com"], "people", "--json", "--member", "BEN@example.com"
    )
    assert result.returncode == 0, result.stderr
    by_name = {record["name"]: record for record in json.loads(result.stdout)}
    assert (by_name["Zoë Client"]["given"], by_name["Zoë Client"]["received"]) == (4, 9)
    ben = by_name["Zoë Client"]["member"]
    assert list(ben) == MEMBER_KEYS
    assert ben == {
        "email": "ben@example.com",
        "name": "Ben Okafor",
        "given": 0,
        "received": 8,
        "balance": -8,
        "status": "new",
        "given_window": 0,
        "received_window": 8,
    }
    assert by_name["Minh Alone"]["member"]["given"] == 0


@pytest.mark.needs_server
def test_team_adds_every_members_figures(team_journal, winwin):
    result = winwin(team_journal["ben@example.com"], "people", "--json", "--team")
    assert result.returncode == 0, result.stderr
    client = next(r for r in json.loads(result.stdout) if r["name"] == "Zoë Client")
    assert client["team"]["status"] == "win-win"  # 9 / 4 = 2.25
    assert [(m["name"], m["given"], m["received"], m["balance"]) for m in client["members"]] == [
        ("Ben Okafor", 0, 8, -8),
        ("Ana Ruiz", 4, 1, 3),
    ]
    table = winwin(team_journal["ben@example.com"], "people", "--team")
    assert "Each member's balance (12 mo)" in table.stdout
    assert "Ben Okafor -8, Ana Ruiz +3" in table.stdout


@pytest.mark.needs_server
def test_an_unknown_email_is_one_sentence(team_journal, winwin):
    result = winwin(team_journal["ana@example.com"], "people", "--member", "nobody@example.com")
    assert result.returncode == 2
    assert result.stderr == (
        "winwin: No member of this team has the email “nobody@example.com”; "
        "`winwin member list` shows the team.\n"
    )
