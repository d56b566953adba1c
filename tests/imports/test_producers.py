"""vCards as Evolution, Lotus Notes, Thunderbird (its own address book, 2.1 and 4.0, and
the CardBook add-on), khard, Roundcube and BlackBerry phones write them: what the user
gets in the journal, no card lost without a reason, and a second import adding nothing.

The fixtures in tests/fixtures/import/producers/ are ours, written to reproduce each
producer's habits as public test suites record them (ez-vcard's reader tests, khard's
and Roundcube's fixtures, Evolution's e-vcard tests):

- Evolution: ``X-COUCHDB-UUID="…"`` quoted parameters, lines folded at 75 octets in the
  middle of a phone number or an address, ``\\,`` inside ``N`` and ``FN``, ``ORG`` with
  two units, a long folded ``NOTE`` full of ``\\,`` and ``\\;``, ``X-EVOLUTION-*``
  properties, and a contact list (``X-EVOLUTION-LIST:TRUE``) holding its members'
  addresses as ``Name <address>``;
- Lotus Notes: ``PROFILE:VCard``, ``NAME``, ``SOURCE``, ``MAILER``, ``GEO``, ``TZ``, ``FN``
  written family name first, grouped ``item1.ADR``/``item2.URL`` with Apple's labels,
  ``http\\://``, a base64 ``PHOTO``, a long folded ``X-`` value, several ``TYPE=``;
- Thunderbird up to 91: 2.1 with lower-case property names, ``VERSION`` last, a bare
  ``quoted-printable`` note, ``x-mozilla-html``; Thunderbird 102 on: 4.0 through ICAL.js
  (``TEL;VALUE=TEXT``, ``BDAY;VALUE=DATE:19850314``, ``PREF=1``); CardBook: its
  ``PRODID``, ``BDAY:19930102``, ``GENDER``, upper-case ``ITEM1.`` groups and a group
  card (``KIND:group`` with ``MEMBER``);
- khard: LF line ends, cards with ``FN`` only, ``KIND:org`` with ``ORG:Name;``, a
  grouped ``item1.ORG``, ``TEL;VALUE=URI`` without ``tel:``, two ``N`` linked by
  ``ALTID``, a birthday in words (``BDAY;VALUE=text``), a Korean name alone;
- Roundcube: ``\\;`` and ``\\\\`` inside ``N``, an empty ``TEL``, ``ITEM1.ADR``, a
  "photo" that is a link's base64, ``BDAY:19800202``, ``X-ABShowAs:COMPANY``; and the
  2.1 cards its tests read: ``CHARSET=windows-1252`` and The Bat!'s quoted-printable
  with no charset;
- BlackBerry (no public test file found; written from 2.1 as its exports use it):
  quoted-printable UTF-8 names, address and a note cut by soft line breaks, bare types
  (``TEL;WORK;VOICE``, ``EMAIL;INTERNET;PREF``), a card with ``N`` and no ``FN``, one
  with only an organisation.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from winwin_desktop.journal import importing, name_parts, people, profile
from winwin_desktop.journal.importing import SKIPPED, UNCHANGED

PRODUCERS = Path(__file__).resolve().parents[1] / "fixtures" / "import" / "producers"
FILES = sorted(path.name for path in PRODUCERS.iterdir())


def imported(name: str) -> importing.ImportPlan:
    plan = importing.preview(importing.read_path(PRODUCERS / name))
    importing.apply(plan)
    return plan


def person(name: str) -> people.PersonData:
    found = people.find_person(name)
    assert found is not None, f"{name} was not imported"
    return found


@pytest.mark.parametrize("name", FILES)
def test_no_card_is_lost_and_a_second_import_adds_nothing(journal, name):
    data = (PRODUCERS / name).read_bytes()
    cards = len(re.findall(rb"(?im)^begin:vcard\s*$", data))
    plan = imported(name)
    assert len(plan.rows) == cards  # every card is a person or a skip with its reason
    assert all(row.detail for row in plan.rows)
    before = people.people_names()
    again = importing.preview(importing.read_path(PRODUCERS / name))
    assert {row.status for row in again.rows} <= {UNCHANGED, SKIPPED}
    assert not again.writes_anything
    assert [r.place for r in again.rows if r.status == SKIPPED] == [
        r.place for r in plan.rows if r.status == SKIPPED
    ]
    assert people.people_names() == before


def test_evolution(journal):
    plan = imported("evolution_3.0.vcf")
    ingrid = person("Dr. Ingrid Maria, Sofia Håkansson")
    # Folded in the middle of the address and of the numbers, behind quoted parameters.
    assert ingrid.emails == ["ingrid.hakansson@nordlys.example"]
    assert ingrid.phones == ["+46 70 555 0123", "+46 8 555 0199"]
    assert ingrid.links == ["https://www.linkedin.com/in/ingrid-hakansson-nordlys"]
    assert (ingrid.organisation, ingrid.role) == (
        "Nordlys AB",
        "Head of Procurement (Purchasing, Nordic Team)",
    )
    assert ingrid.tags == ["Partners", "VIP"]
    assert ingrid.notes.startswith(
        "Met at the Göteborg supply-chain summit, booth 14. Wants a pilot in Q3; budget "
        "owner is her CFO. Prefers calls before 10:00, never on Fridays."
    )
    parts = name_parts.name_parts(ingrid.id)
    assert (parts.part("family"), parts.part("additional"), parts.birthday) == (
        "Håkansson",
        "Maria, Sofia",
        "1979-08-14",
    )
    # The contact list is not a person, and its members' addresses are nobody's.
    (board,) = [row for row in plan.rows if row.status == SKIPPED]
    assert board.detail == (
        "This card was skipped: it is a group or list of contacts (“Procurement board”), "
        "not a person."
    )
    anna = person("Anna Berg")
    assert anna.emails == ["anna.berg@nordlys.example", "anna.berg@home.example"]
    assert len(people.people_names()) == 2


def test_lotus_notes(journal):
    imported("lotus_notes_3.0.vcf")
    # Lotus writes FN family name first; the parts say which is which.
    juergen = person("Herr Schäfer Jürgen II Jay")
    assert juergen.emails == [
        "juergen.schaefer@rheinmetall-log.example",
        "j.schaefer@mail.example",
    ]
    assert juergen.phones == ["+49 (171) 555-34456", "00-49-69-555-7777"]
    assert juergen.links == ["http://www.rheinmetall-log.example"]
    assert (juergen.organisation, juergen.role) == (
        "Rheinmetall Logistics",
        "Site Manager (Frankfurt Hub)",
    )
    assert juergen.notes.startswith(
        "Contract renewal every March.\nIntroduced us to the Frankfurt team, who later "
        "became our biggest account."
    )
    parts = name_parts.name_parts(juergen.id)
    assert parts.parts == {
        "family": "Schäfer",
        "given": "Jürgen",
        "additional": "Jay",
        "prefixes": "Herr",
        "suffixes": "II",
    }
    assert parts.birthday == "1975-05-21"
    assert profile.photo(juergen.id).startswith(b"\xff\xd8\xff")


def test_thunderbird_2_1_lower_case_and_version_last(journal):
    imported("thunderbird_2.1.vcf")
    chloe = person("Chloé Martin")
    assert chloe.emails == ["chloe.martin@lumiere.example"]
    assert chloe.phones == ["+33 1 55 55 01 23", "+33 6 55 55 01 24"]
    assert (chloe.organisation, chloe.role) == (
        "Lumière Analytics",
        "Lead Data Scientist (Data Science)",
    )
    assert chloe.notes == "Met at dotAI\nWants an intro to our Berlin partner"
    assert person("Omar Haddad").emails == ["omar@haddad.example"]


def test_thunderbird_4_0_and_cardbook(journal):
    imported("thunderbird_4.0_cardbook.vcf")
    ravi = person("Ravi Patel")
    assert ravi.emails == ["ravi.patel@kestrel.example", "ravi@home.example"]
    assert ravi.phones == ["+44 7700 900123", "+44 20 7946 0958"]
    assert name_parts.name_parts(ravi.id).birthday == "1985-03-14"
    mateo = person("Mateo García")
    assert mateo.phones == ["+34 600 555 012", "+34 910 555 013"]  # ITEM1.TEL too
    assert mateo.tags == ["Football club", "Madrid"]
    assert name_parts.name_parts(mateo.id).birthday == "1993-01-02"
    # CardBook's group card is not a person called "Football club".
    assert sorted(n for _, n in people.people_names()) == ["Mateo García", "Ravi Patel"]


def test_khard(journal):
    imported("khard.vcf")
    lena = person("Lena Fischer")
    assert (lena.organisation, lena.phones) == ("Fischer Bau GmbH", ["01715554567"])
    globex = person("Globex Corporation")
    assert (globex.organisation, globex.emails) == ("Globex Corporation", ["sales@globex.example"])
    kenji = person("Kenji Yamamoto")
    assert name_parts.name_parts(kenji.id).parts == {"family": "Yamamoto", "given": "Kenji"}
    # A birthday in words is no date: it stays in the notes, the field stays empty.
    assert name_parts.name_parts(kenji.id).birthday == ""
    assert kenji.notes.endswith("Birthday: circa 1970")
    assert "ALTID" in kenji.notes  # a fold on an LF line end
    assert person("최유림").phones == ["+82 10 5555 0101"]


def test_roundcube(journal):
    imported("roundcube_3.0.vcf")
    ana = person("Ana Lima")
    assert ana.emails == ["ana.lima@saopaulo-tech.example", "ana.lima@correio.example"]
    assert ana.phones == ["+55 11 5555 0000"]  # the empty TEL is no phone
    assert ana.links == ["http://saopaulo-tech.example"]
    assert ana.organisation == "São Paulo Tech"
    parts = name_parts.name_parts(ana.id)
    assert (parts.part("family"), parts.part("given")) == ("Lima;Costa", "Ana\\")
    assert parts.birthday == "1980-02-02"
    assert profile.photo(ana.id) is None  # the base64 of a link is not a picture
    assert person("Northwind Traders").emails == ["orders@northwind.example"]


def test_roundcube_2_1_in_windows_1252(journal):
    imported("roundcube_2.1_windows-1252.vcf")
    soeren = person("Sören Müller")
    assert soeren.emails == ["soeren.mueller@mail.example", "soeren@roundcube.example"]
    assert person("Piotr Iksiñski").emails == ["piotr.iksinski@somedomain.example"]


def test_blackberry(journal):
    imported("blackberry_2.1.vcf")
    ngozi = person("Ngozi Adaeze Okafor")
    assert ngozi.emails == ["ngozi.okafor@sahel-agri.example", "ngozi@mail.example"]
    assert ngozi.phones == ["+234 1 555 0101", "+234 803 555 0102"]
    assert (ngozi.organisation, ngozi.role) == (
        "Sahel Agri Ltd",
        "Operations Director (Field Operations)",
    )
    assert ngozi.notes == (
        "Rencontrée à Lagos, salon AgriTech 2023.\n"
        "Suivi : devis pour 40 capteurs, réponse attendue."
    )
    assert person("Kofi Mensah").phones == ["+233 30 555 0199"]  # named by N, no FN
    assert person("Lagos Port Authority").organisation == "Lagos Port Authority"
