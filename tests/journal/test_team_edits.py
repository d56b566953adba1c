"""Two members editing the same interaction or person on a team journal: the second save
is refused with who changed it and when, nothing of it is written; who last changed a row
is recorded by the server as the member writing it, and a member cannot put another's
name on their change (checked with plain SQL from the member's own login)."""

from __future__ import annotations

import datetime as dt

import pytest

from tests.helpers import server_journals
from tests.journal import test_team_views_balance
from tests.journal.test_concurrent_edits import clock_of, edit_of, loaded, stored
from tests.journal.test_team_views_balance import ANA, BEN, as_member, make_team
from winwin_desktop.journal import people, team
from winwin_desktop.journal.errors import ChangedMeanwhile
from winwin_desktop.journal.log_entry import EntryExchange, LogEntry, save_log_entry
from winwin_desktop.store.models import Interaction, Person

# The team's own database on the server, as that module makes it.
team_database = test_team_views_balance.team_database

pytestmark = pytest.mark.needs_server


def shared_workshop(today: dt.date) -> tuple[int, int]:
    """Ana's client, shared with the team, and their workshop (logged as Ana)."""
    client = people.add_person("Zoë Client").id
    Person.update(shared_with_team=True).where(Person.id == client).execute()
    saved = save_log_entry(
        LogEntry(
            date=today,
            title="Workshop",
            people=[client],
            exchanges=[EntryExchange(client, "given", "advice", 3)],
        )
    )
    return client, saved.interaction.id


def member_ids() -> dict[str, int]:
    return {member.email: member.id for member in team.members()}


def test_the_second_members_save_is_refused_naming_the_first(team_database, today):
    urls = make_team(team_database, ANA, BEN)
    as_member(urls["ana@example.com"])
    _client, workshop = shared_workshop(today)
    anas = loaded(workshop)  # Ana opens the workshop to edit it

    as_member(urls["ben@example.com"])
    save_log_entry(edit_of(loaded(workshop), "Workshop (Ben)", points=4))

    as_member(urls["ana@example.com"])
    with pytest.raises(ChangedMeanwhile) as refused:
        save_log_entry(edit_of(anas, "Workshop (Ana)", points=5))
    clock = clock_of(Interaction.get_by_id(workshop).updated_at)
    assert refused.value.message == (
        f"“Workshop” was changed by Ben Okafor at {clock} — reload and apply yours again; "
        "nothing was saved."
    )
    assert stored() == (["Workshop (Ben)"], [4], [])

    # The same member's other window is "you".
    mine = loaded(workshop)
    save_log_entry(edit_of(loaded(workshop), "Workshop (Ana, window 2)"))
    with pytest.raises(ChangedMeanwhile, match="^“Workshop \\(Ben\\)” was changed by you in"):
        save_log_entry(edit_of(mine, "Workshop (Ana, window 1)"))


def test_a_profile_field_changed_by_another_member_is_refused(team_database, today):
    urls = make_team(team_database, ANA, BEN)
    as_member(urls["ana@example.com"])
    client, _workshop = shared_workshop(today)
    anas = people.get_person(client)

    as_member(urls["ben@example.com"])
    people.edit_person(client, loaded={"notes": anas.notes}, notes="Ben's notes")

    as_member(urls["ana@example.com"])
    with pytest.raises(ChangedMeanwhile, match="^“Zoë Client” was changed by Ben Okafor at "):
        people.edit_person(client, loaded={"notes": anas.notes}, notes="Ana's notes")
    people.edit_person(client, loaded={"role": anas.role}, role="CFO")  # another field
    again = people.get_person(client)
    assert (again.notes, again.role) == ("Ben's notes", "CFO")


def test_who_last_changed_a_row_is_the_member_writing_it(team_database, today):
    urls = make_team(team_database, ANA, BEN)
    ids = member_ids()
    as_member(urls["ana@example.com"])
    client, workshop = shared_workshop(today)
    as_member(urls["ben@example.com"])
    save_log_entry(edit_of(loaded(workshop), "Workshop (Ben)"))

    ben = server_journals.with_user(team_database, BEN[0])
    with server_journals.connection(ben) as conn:
        row = conn.execute(
            "SELECT member_id, changed_by FROM interaction WHERE id = %s", (workshop,)
        ).fetchone()
        # Recorded by Ana, last changed by Ben; the exchange he saved with it too.
        assert row == (ids["ana@example.com"], ids["ben@example.com"])
        (exchange,) = conn.execute(
            "SELECT changed_by FROM exchange WHERE interaction_id = %s", (workshop,)
        ).fetchone()
        assert exchange == ids["ben@example.com"]
        # Ben cannot put Ana's name on his change, nor on a row he adds.
        conn.execute(
            "UPDATE person SET role = 'CEO', changed_by = %s WHERE id = %s",
            (ids["ana@example.com"], client),
        )
        conn.execute(
            "INSERT INTO interaction (uid, created_at, updated_at, date, kind, title, notes, "
            "changed_by) VALUES ('ben-forged', now(), now(), %s, 'call', 'Forged', '', %s)",
            (today, ids["ana@example.com"]),
        )
        changed = conn.execute(
            "SELECT (SELECT changed_by FROM person WHERE id = %s), "
            "(SELECT changed_by FROM interaction WHERE uid = 'ben-forged')",
            (client,),
        ).fetchone()
        assert changed == (ids["ben@example.com"], ids["ben@example.com"])
