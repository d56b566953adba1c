"""No row of a team journal is nobody's: a row's member decides who sees it, and a row
with none is seen by no member. Rows from before members added by plain SQL become the
first member's when the owner's opening puts the rule in force (as `winwin member add`
does at once); a login that is no member — the journal's owner, a superuser — writes
nothing, and is told why."""

from __future__ import annotations

from urllib.parse import urlsplit

import pytest

from tests.helpers import server_journals
from tests.journal import test_team_views_balance
from tests.journal.test_team_import_offer import owned_journal
from tests.journal.test_team_views_balance import ANA, BEN, as_member, make_team
from winwin_desktop.journal import people
from winwin_desktop.store.connection import JournalError

team_database = test_team_views_balance.team_database

pytestmark = pytest.mark.needs_server


def _names(url: str) -> set[str]:
    with server_journals.connection(url) as conn:
        return {name for (name,) in conn.execute("SELECT name FROM person")}


def test_rows_from_before_the_members_become_the_first_members(server_journal_url):
    with owned_journal(server_journal_url) as owner_url:
        people.add_person("Written before the team")
        urls = make_team(owner_url, ANA, BEN)  # by plain SQL, then opened by the owner
        assert _names(urls["ana@example.com"]) == {"Written before the team"}
        assert _names(urls["ben@example.com"]) == set()  # Ana's, private to her
        as_member(urls["ana@example.com"])
        assert [p.name for p in people.people_summaries()] == ["Written before the team"]


def refusal(login: str) -> str:
    return (
        f"The login {login} is no member of this team journal, so what it writes would be "
        "seen by no member; nothing was written. Open the journal with a member's login "
        f"(winwin member list), or make this login a member (winwin member add EMAIL "
        f"--name NAME --login {login})."
    )


def test_the_owner_who_is_no_member_writes_nothing_and_is_told_why(server_journal_url):
    with owned_journal(server_journal_url) as owner_url:
        urls = make_team(owner_url, ANA, BEN)
        with pytest.raises(JournalError) as refused:
            people.add_person("Nobody's")
        assert str(refused.value) == refusal("teamimport_owner")
        assert _names(urls["ana@example.com"]) == _names(urls["ben@example.com"]) == set()


def test_a_superuser_who_is_no_member_writes_nothing_either(team_database):
    # A superuser passes every row-level policy: without the refusal its row would be
    # written, with no member, and seen by none of them.
    urls = make_team(team_database, ANA, BEN)
    with pytest.raises(JournalError) as refused:
        people.add_person("Nobody's")
    user = urlsplit(team_database).username
    assert str(refused.value) == refusal(user)
    with server_journals.connection(team_database) as conn:
        assert conn.execute("SELECT count(*) FROM person").fetchone() == (0,)
    assert _names(urls["ana@example.com"]) == set()
