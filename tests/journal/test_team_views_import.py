"""Importing contacts into a team journal: a person shared with you is matched by their
email; one another member keeps private cannot be seen by your session (row-level
security): the import says who keeps them, not what they wrote, adds no duplicate and
asks that member to share them (tests/journal/test_team_import_offer.py goes further)."""

from __future__ import annotations

import pytest

from tests.helpers import server_journals
from tests.journal import test_team_views_balance
from tests.journal.test_team_views_balance import ANA, BEN, as_member, make_team
from winwin_desktop.journal import importing, people
from winwin_desktop.store.models import Person

# The team's own database on the server, as that module makes it.
team_database = test_team_views_balance.team_database

pytestmark = pytest.mark.needs_server

CARDS = """BEGIN:VCARD
VERSION:3.0
FN:Zoë Brontë
EMAIL:zoe@acme.com
TITLE:Head of Partnerships
END:VCARD
BEGIN:VCARD
VERSION:3.0
FN:Minh Hoang
EMAIL:minh@globex.com
ORG:Globex
END:VCARD
"""


def test_an_import_matches_what_you_see_and_leaks_nothing_else(team_database, tmp_path):
    urls = make_team(team_database, ANA, BEN)
    as_member(urls["ana@example.com"])
    private = people.add_person("Zoë Brontë-Nuñez", emails=["zoe@acme.com"]).id
    shared = people.add_person("Minh Hoang", emails=["minh@globex.com"]).id
    Person.update(shared_with_team=True).where(Person.id == shared).execute()

    as_member(urls["ben@example.com"])
    cards = tmp_path / "contacts.vcf"
    cards.write_text(CARDS, encoding="utf-8")
    plan, result = importing.import_file(cards)
    shown = " ".join(f"{row.label} {row.status} {row.detail} {row.match}" for row in plan.rows)
    # Nothing of Ana's private person but who keeps one with the email Ben has.
    assert "Nuñez" not in shown
    assert plan.rows[0].status == importing.KEPT
    assert plan.rows[0].detail == (
        "Ana Ruiz already keeps a person with zoe@acme.com — not added, to avoid a "
        "duplicate; Ana is asked to share them with you."
    )
    assert (result.people_added, result.people_updated, result.shares_asked) == (0, 1, 1)
    bens = {p.name: p.id for p in people.people_summaries()}
    assert set(bens) == {"Minh Hoang"}
    assert bens["Minh Hoang"] == shared  # the shared one, not a duplicate
    assert people.get_person(shared).organisation == "Globex"

    # Ana's private person is as she left it.
    as_member(urls["ana@example.com"])
    assert {p.name for p in people.people_summaries()} == {"Zoë Brontë-Nuñez", "Minh Hoang"}
    assert people.get_person(private).role == ""
    # And the same through Ana's own SQL session.
    with server_journals.connection(urls["ana@example.com"]) as conn:
        names = {name for (name,) in conn.execute("SELECT name FROM person")}
    assert names == {"Zoë Brontë-Nuñez", "Minh Hoang"}
