"""Importing into a team journal offers to share instead of duplicating (issue 19 item 5):
a contact whose email, phone or profile address another member keeps in a private person
is not added; the import says which member keeps one (nothing else of theirs) and leaves
that member a request to share, which they accept or decline. Checked on a journal whose
owner is no superuser (a superuser passes every row-level policy, so would prove
nothing), and with plain SQL from each login."""

from __future__ import annotations

import contextlib
import uuid
from collections.abc import Iterator

import pytest

from tests.helpers import server_journals
from tests.journal.test_team_views_balance import ANA, BEN, as_member, make_team
from winwin_desktop.journal import ValidationError, importing, people, team
from winwin_desktop.store import close_journal, open_journal
from winwin_desktop.store.models import Person

pytestmark = pytest.mark.needs_server

OWNER = "teamimport_owner"

CARDS = """BEGIN:VCARD
VERSION:3.0
FN:Zoë Brontë
EMAIL:ZOE@acme.com
TITLE:Head of Partnerships
END:VCARD
BEGIN:VCARD
VERSION:3.0
FN:Piotr Kowalski
TEL:22 555 01 01
END:VCARD
BEGIN:VCARD
VERSION:3.0
FN:Rahel Tesfaye
URL:https://linkedin.com/in/Rahel
END:VCARD
BEGIN:VCARD
VERSION:3.0
FN:Minh Hoang
EMAIL:minh@globex.com
ORG:Globex
END:VCARD
BEGIN:VCARD
VERSION:3.0
FN:Amélie Stranger
EMAIL:amelie@initech.com
END:VCARD
"""

# What only Ana wrote: none of it may reach Ben.
ANAS_WORDS = ("Nuñez", "P. Kowalski", "Rahel T.", "met at Hannover", "secret")


@contextlib.contextmanager
def owned_journal(server_journal_url: str) -> Iterator[str]:
    """A journal of its own on the server, owned (and open) by a login that is no
    superuser; its owner's URL. The logins of Ana and Ben exist."""
    from psycopg import sql

    with server_journals.connection(server_journal_url) as admin:
        for role in (OWNER, ANA[0], BEN[0]):
            if admin.execute("SELECT 1 FROM pg_roles WHERE rolname = %s", (role,)).fetchone():
                continue
            admin.execute(sql.SQL("CREATE ROLE {} LOGIN").format(sql.Identifier(role)))
    suffix = f"teamimport_{uuid.uuid4().hex[:8]}"
    with server_journals.extra_database(server_journal_url, suffix) as url:
        with server_journals.connection(server_journals.with_database(url, "postgres")) as admin:
            admin.execute(
                sql.SQL("ALTER DATABASE {} OWNER TO {}").format(
                    sql.Identifier(server_journals.database_name(url)), sql.Identifier(OWNER)
                )
            )
        with server_journals.connection(url) as admin:
            admin.execute(sql.SQL("ALTER SCHEMA public OWNER TO {}").format(sql.Identifier(OWNER)))
        owner_url = server_journals.with_user(url, OWNER)
        open_journal(owner_url)
        try:
            yield owner_url
        finally:
            close_journal()


@pytest.fixture
def owned_team(server_journal_url) -> Iterator[dict[str, str]]:
    """A journal owned by a login that is no superuser and no member, with Ana and Ben as
    members; their URLs by email, and the owner's under "owner"."""
    with owned_journal(server_journal_url) as owner_url:
        urls = make_team(owner_url, ANA, BEN)
        yield {**urls, "owner": owner_url}


def _anas_people() -> dict[str, int]:
    """Ana's private Zoë, Piotr and Rahel (each known by one identifier of the cards) and
    Minh, shared with the team."""
    ids = {
        "zoe": people.add_person(
            "Zoë Brontë-Nuñez", emails=["zoe@acme.com"], notes="met at Hannover; secret"
        ).id,
        "piotr": people.add_person("P. Kowalski", phones=["+48 22 555 0101"]).id,
        "rahel": people.add_person("Rahel T.", links=["https://www.linkedin.com/in/rahel/"]).id,
        "minh": people.add_person("Minh Hoang", emails=["minh@globex.com"]).id,
    }
    Person.update(shared_with_team=True).where(Person.id == ids["minh"]).execute()
    return ids


def _shown(plan) -> str:
    return " ".join(f"{row.label} {row.status} {row.detail} {row.match}" for row in plan.rows)


def test_a_contact_another_member_keeps_is_offered_not_duplicated(owned_team, tmp_path):
    as_member(owned_team["ana@example.com"])
    ana = team.current_member()
    anas = _anas_people()

    as_member(owned_team["ben@example.com"])
    cards = tmp_path / "contacts.vcf"
    cards.write_text(CARDS, encoding="utf-8")
    plan = importing.preview(importing.read_path(cards))
    shown = _shown(plan)
    assert not [word for word in ANAS_WORDS if word in shown]
    asked = "— not added, to avoid a duplicate; Ana is asked to share them with you."
    assert [(row.label, row.status, row.detail) for row in plan.rows] == [
        (
            "Zoë Brontë",
            importing.KEPT,
            f"Ana Ruiz already keeps a person with ZOE@acme.com {asked}",
        ),
        (
            "Piotr Kowalski",
            importing.KEPT,
            f"Ana Ruiz already keeps a person with 22 555 01 01 {asked}",
        ),
        (
            "Rahel Tesfaye",
            importing.KEPT,
            f"Ana Ruiz already keeps a person with https://linkedin.com/in/Rahel {asked}",
        ),
        ("Minh Hoang", importing.UPDATED, "Same email as Minh Hoang; merging adds organisation."),
        ("Amélie Stranger", importing.NEW, "Added as a new person."),
    ]
    assert plan.rows[0].choices == (importing.ASK, importing.KEEP_BOTH, importing.SKIP)
    assert plan.summary() == "5 records: 1 new, 1 updated, 3 kept by another member"
    result = importing.apply(plan)
    assert (result.people_added, result.people_updated, result.shares_asked) == (1, 1, 3)
    assert result.summary() == (
        "1 person added, 1 person updated, 3 requests to share left for another member."
    )
    assert {p.name for p in people.people_summaries()} == {"Minh Hoang", "Amélie Stranger"}
    requests = team.share_requests()
    me = team.current_member()
    assert [r.sentence(me) for r in requests] == [
        "You asked Ana Ruiz to share Zoë Brontë (ZOE@acme.com).",
        "You asked Ana Ruiz to share Piotr Kowalski (22 555 01 01).",
        "You asked Ana Ruiz to share Rahel Tesfaye (https://linkedin.com/in/Rahel).",
    ]
    # Ben's own SQL session: the lookup answers with who keeps an identifier he gives,
    # nothing else, and the setting it runs under opens nothing to him.
    with server_journals.connection(owned_team["ben@example.com"]) as conn:
        assert conn.execute(
            "SELECT * FROM winwin_keepers(ARRAY['zoe@acme.com', 'nobody@acme.com'], "
            "ARRAY[]::text[], ARRAY[]::text[])"
        ).fetchall() == [("email", "zoe@acme.com", ana.id)]
        conn.execute("SET winwin.identifier_lookup = 'on'")
        names = {name for (name,) in conn.execute("SELECT name FROM person")}
        assert names == {"Minh Hoang", "Amélie Stranger"}
        assert conn.execute("SELECT count(*) FROM private_note").fetchone() == (0,)
    # The owner's login, no member, gets no answer from the lookup.
    with server_journals.connection(owned_team["owner"]) as conn:
        assert (
            conn.execute(
                "SELECT * FROM winwin_keepers(ARRAY['zoe@acme.com'], ARRAY[]::text[], "
                "ARRAY[]::text[])"
            ).fetchall()
            == []
        )

    # Ana sees the requests, with her own person for each; accepts one, declines one.
    as_member(owned_team["ana@example.com"])
    requests = team.share_requests()
    assert [r.sentence(ana) for r in requests] == [
        "Ben Okafor asks you to share Zoë Brontë (ZOE@acme.com) — your Zoë Brontë-Nuñez.",
        "Ben Okafor asks you to share Piotr Kowalski (22 555 01 01) — your P. Kowalski.",
        "Ben Okafor asks you to share Rahel Tesfaye (https://linkedin.com/in/Rahel) — your Rahel T.",
    ]
    assert [r.person_id for r in requests] == [anas["zoe"], anas["piotr"], anas["rahel"]]
    team.accept_share_request(requests[0].id)
    team.decline_share_request(requests[1].id)
    with pytest.raises(ValidationError, match="No request 999 to share is waiting for you"):
        team.accept_share_request(999)
    assert [r.id for r in team.share_requests()] == [requests[2].id]
    assert people.get_person(anas["zoe"]).role == ""  # nothing of Ben's card merged in

    # Ben now sees Zoë as Ana keeps her, and importing again updates her: no duplicate.
    as_member(owned_team["ben@example.com"])
    with pytest.raises(ValidationError, match="No request"):
        team.accept_share_request(requests[2].id)  # asked of Ana, not of Ben
    plan, result = importing.import_file(cards)
    assert [row.status for row in plan.rows][:2] == [importing.UPDATED, importing.KEPT]
    assert plan.rows[0].detail == "Same email as Zoë Brontë-Nuñez; merging adds role."
    assert {p.name for p in people.people_summaries()} == {
        "Minh Hoang",
        "Amélie Stranger",
        "Zoë Brontë-Nuñez",
    }
    assert people.get_person(anas["zoe"]).role == "Head of Partnerships"
    # Still none of Piotr's or Rahel's: their requests stand (Piotr's asked again).
    assert len(team.share_requests()) == 2


def test_add_anyway_adds_your_own_person_and_asks_nobody(owned_team, tmp_path):
    as_member(owned_team["ana@example.com"])
    _anas_people()
    as_member(owned_team["ben@example.com"])
    cards = tmp_path / "contacts.vcf"
    cards.write_text(CARDS, encoding="utf-8")

    plan = importing.preview(importing.read_path(cards), add_anyway=True)
    assert plan.rows[0].status == importing.NEW
    assert plan.rows[0].detail == (
        "Ana Ruiz already keeps a person with ZOE@acme.com; added anyway as your own new "
        "person, a duplicate."
    )
    plan.decide(1, importing.SKIP)  # Piotr: neither added nor asked for
    assert plan.rows[1].detail == (
        "Ana Ruiz already keeps a person with 22 555 01 01; skipped, as you chose."
    )
    result = importing.apply(plan)
    assert (result.people_added, result.shares_asked) == (3, 0)
    assert {p.name for p in people.people_summaries()} == {
        "Zoë Brontë",
        "Rahel Tesfaye",
        "Minh Hoang",
        "Amélie Stranger",
    }
    assert team.share_requests() == []
