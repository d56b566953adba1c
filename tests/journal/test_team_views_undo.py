"""Undo on a team journal never undoes another member's change: Ana's undo of her edit
is refused once Ben has changed the same row, and Ben's change stays."""

from __future__ import annotations

import datetime as dt

import pytest

from tests.journal import test_team_views_balance
from tests.journal.test_team_views_balance import ANA, BEN, as_member, make_team
from winwin_desktop.journal import interactions, people
from winwin_desktop.journal.interactions import ExchangeData as X
from winwin_desktop.journal.undo import ChangedSince, user_action
from winwin_desktop.store.models import Interaction, Person

# The team's own database on the server, as that module makes it.
team_database = test_team_views_balance.team_database

pytestmark = pytest.mark.needs_server


def test_undo_never_undoes_another_members_change(team_database, today):
    urls = make_team(team_database, ANA, BEN)
    as_member(urls["ana@example.com"])
    client = people.add_person("Zoë Client").id
    Person.update(shared_with_team=True).where(Person.id == client).execute()
    logged = interactions.log_interaction(today, "Workshop", [client])
    with user_action("Edit “Workshop”") as anas_edit:
        interactions.edit_interaction(
            logged.id,
            today,
            "Workshop (Ana)",
            [client],
            exchanges=[X(client, "given", "advice", 3)],
        )
    as_member(urls["ben@example.com"])
    interactions.edit_interaction(logged.id, today, "Workshop (Ben)", [client])

    as_member(urls["ana@example.com"])
    with pytest.raises(ChangedSince) as refused:
        anas_edit.undo()
    changed_at = Interaction.get_by_id(logged.id).updated_at  # Ben's save, UTC
    clock = changed_at.replace(tzinfo=dt.UTC).astimezone().strftime("%H:%M")
    # Named as Ana's step left it; Ben by name, his save's time on this machine's clock.
    assert str(refused.value) == (
        f"“Workshop (Ana)” was changed by Ben Okafor at {clock} — reload and apply yours "
        "again; nothing was undone."
    )
    assert interactions.get_interaction(logged.id).title == "Workshop (Ben)"


def test_undo_of_ones_own_change_still_works_beside_another_members(team_database, today):
    urls = make_team(team_database, ANA, BEN)
    as_member(urls["ana@example.com"])
    client = people.add_person("Zoë Client").id
    Person.update(shared_with_team=True).where(Person.id == client).execute()
    with user_action("Log “Call”") as anas_log:
        interactions.log_interaction(today, "Call", [client])
    as_member(urls["ben@example.com"])
    bens = interactions.log_interaction(today, "Ben's lunch", [client])

    as_member(urls["ana@example.com"])
    anas_log.undo()
    assert [i.title for i in interactions.timeline(client)] == ["Ben's lunch"]
    assert interactions.get_interaction(bens.id).title == "Ben's lunch"
