"""vCard files as each address book writes them, read field by field."""

from __future__ import annotations

import base64
from pathlib import Path

import pytest

from winwin_desktop.formats.records import ImportFormatError
from winwin_desktop.formats.vcard import read_vcards

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "import"


def read(name: str):
    return read_vcards((FIXTURES / name).read_bytes(), name)


def test_apple_contacts_3_0():
    parsed = read("apple_contacts_3.0.vcf")
    zoe, company = parsed.contacts
    assert zoe.name == "Zoë Brontë-Nuñez"
    assert zoe.organisation == "Acme Robotics"
    # ORG's units go with the role: they say where in the company the person works.
    assert zoe.role == "Head of Partnerships (Partnerships, EMEA)"
    assert zoe.emails == ["zoe@acme-robotics.example", "zoe.bn@mail.example"]
    assert zoe.phones == ["+44 7700 900123", "+44 20 7946 0000"]
    assert zoe.links == [
        "https://acme-robotics.example",
        "https://www.linkedin.com/in/zoe-bronte-nunez",
    ]
    assert zoe.tags == ["Clients", "Robotics"]
    # Escaped comma and semicolon, \n as a line break; Apple's year 1604 means "no year".
    assert zoe.notes == (
        "Met at the Lisbon robotics fair, stand B12.\n"
        "Likes long walks; hates cold calls.\n\nBirthday: 2 April"
    )
    assert zoe.photo.startswith(b"\xff\xd8\xff")  # the folded base64 JPEG, whole
    assert zoe.photo.endswith(b"\xff\xd9")
    assert zoe.source_key == "vcard:6C1E3F0A-APPLE-0001"
    assert not zoe.company_only
    assert (company.name, company.organisation, company.company_only) == (
        "Northwind Traders",
        "Northwind Traders",
        True,
    )
    assert company.phones == ["+1 206 555 0100"]


def test_google_3_0_several_emails_and_phones():
    minh, rahel = read("google_contacts_3.0.vcf").contacts
    # The same address twice in different case is one address; the first spelling stays.
    assert minh.emails == ["minh.hoang@lotus.example", "minh@home.example"]
    assert minh.phones == ["+84 90 123 4567", "+84 28 3822 0000", "+84 28 3822 1111"]
    assert minh.links == ["https://lotus.example/team/minh"]  # Google's https\: unescaped
    # Google's own groups (myContacts, starred) are not the user's tags.
    assert minh.tags == ["Logistics"]
    assert minh.notes == "Intro via Piotr, 2023. Prefers WhatsApp.\n\nBirthday: 1985-11-23"
    assert rahel.tags == []


def test_outlook_2_1_in_windows_1252_with_quoted_printable():
    (jurgen,) = read("outlook_2.1_cp1252.vcf").contacts
    assert jurgen.name == "Jürgen Müller"
    assert jurgen.organisation == "Contoso GmbH"
    assert jurgen.role == "Leiter Vertrieb, DACH (Vertrieb)"  # the unescaped comma kept
    assert jurgen.emails == ["j.mueller@contoso.example"]
    # A soft line break in the middle of "für", in a file without a CHARSET.
    assert jurgen.notes == (
        "Kennengelernt auf der Hannover Messe, Halle 7.\nMöchte ein Angebot für Q3."
    )
    assert jurgen.photo.startswith(b"\xff\xd8")  # 2.1 base64 ended by a blank line


def test_android_2_1_quoted_printable_soft_line_breaks():
    amelie, plumber = read("android_2.1_qp.vcf").contacts
    assert amelie.name == "Amélie Lefèvre"
    assert amelie.organisation == "Société Générale d'Études"
    assert amelie.role == "R&D"
    # Android cuts quoted-printable lines with "=" and no leading space; the space that
    # starts the continued line is part of the text.
    assert amelie.notes == (
        "Rencontrée à VivaTech, stand de Thalès.\nRappeler après l'été pour le pilote à Lyon."
    )
    assert amelie.phones == ["+33 6 12 34 56 78", "+33 1 23 45 67 89"]
    assert amelie.emails == ["amelie.lefevre@exemple.fr", "a.lefevre@thales-like.example"]
    assert amelie.photo.startswith(b"\xff\xd8")
    assert plumber.name == "Plumber"
    assert plumber.phones == ["+33 6 99 88 77 66"]


def test_nextcloud_4_0():
    (ingrid,) = read("nextcloud_4.0.vcf").contacts
    assert ingrid.name == "Ingrid Håkansson"
    assert ingrid.organisation == "Fjord Analytics; AB"  # an escaped ; inside the name
    assert ingrid.role == "Data lead (Research)"
    assert ingrid.emails == ["ingrid@fjord.example", "ingrid.h@post.example"]
    assert ingrid.phones == ["+46-70-123-45-67"]  # tel: URI
    assert ingrid.links == ["https://fjord.example/ingrid"]
    assert ingrid.notes == "Speaks at Nordic Data Days, every spring.\n\nBirthday: 12 April"
    assert ingrid.photo.startswith(b"\x89PNG")  # a data: URI, cut at the comma by vobject
    assert ingrid.source_key == "vcard:4f0b2e3c-nextcloud-0001"


def test_preferred_email_first_and_unescaped_commas_kept():
    card = (
        "BEGIN:VCARD\nVERSION:3.0\nFN:Kofi Mensah\nEMAIL;TYPE=HOME:kofi@home.example\n"
        "EMAIL;TYPE=WORK,PREF:kofi@work.example\nNOTE:One, two, three\nTITLE:CEO, Founder\n"
        "ORG:Mensah, Boateng & Co.\nEND:VCARD\n"
    )
    (kofi,) = read_vcards(card.encode(), "kofi.vcf").contacts
    assert kofi.emails == ["kofi@work.example", "kofi@home.example"]
    assert kofi.notes == "One, two, three"
    assert kofi.role == "CEO, Founder"
    assert kofi.organisation == "Mensah, Boateng & Co."


def test_a_name_from_n_when_fn_is_missing():
    card = "BEGIN:VCARD\r\nVERSION:2.1\r\nN:Okafor;Ngozi;Ada;Dr.;\r\nEND:VCARD\r\n"
    (ngozi,) = read_vcards(card.encode(), "n.vcf").contacts
    assert ngozi.name == "Ngozi Ada Okafor"


def test_a_card_without_any_name_is_skipped_with_its_place():
    card = "BEGIN:VCARD\nVERSION:3.0\nTEL:+1 555 0100\nEND:VCARD\n"
    parsed = read_vcards(card.encode(), "x.vcf")
    assert parsed.contacts == []
    assert parsed.skipped[0].place == "card 1 (line 1)"
    assert "no name" in parsed.skipped[0].reason


def test_impossible_birthday_skips_that_card_only():
    parsed = read("impossible_date.vcf")
    assert [c.name for c in parsed.contacts] == ["Piotr Kowalski"]
    (skipped,) = parsed.skipped
    assert skipped.place == "card 1 (line 1)"
    assert skipped.reason == "This card was skipped: its birthday 2023-02-30 is not a real date."


def test_a_three_megabyte_note_skips_the_card_with_a_reason():
    card = f"BEGIN:VCARD\nVERSION:3.0\nFN:Big\nNOTE:{'x' * 3_000_000}\nEND:VCARD\n"
    card += "BEGIN:VCARD\nVERSION:3.0\nFN:Small\nEND:VCARD\n"
    parsed = read_vcards(card.encode(), "big.vcf")
    assert [c.name for c in parsed.contacts] == ["Small"]
    assert "3 MB" in parsed.skipped[0].reason


def test_a_photo_link_is_not_fetched():
    card = "BEGIN:VCARD\nVERSION:4.0\nFN:A B\nPHOTO:https://example.com/a.jpg\nEND:VCARD\n"
    (person,) = read_vcards(card.encode(), "x.vcf").contacts
    assert person.photo is None


@pytest.mark.parametrize(
    ("name", "place", "words"),
    [
        ("empty.vcf", "", "empty"),
        ("noise.bin", "line 1", "not a text file"),
    ],
)
def test_broken_files_name_the_file_and_the_place(name, place, words):
    with pytest.raises(ImportFormatError) as caught:
        read(name)
    assert caught.value.file == name
    assert caught.value.place == place
    assert words in caught.value.message


def test_a_card_cut_short_costs_only_that_card():
    parsed = read("truncated.vcf")
    assert len(parsed.contacts) == 1
    (skipped,) = parsed.skipped
    assert skipped.place == "card 2 (line 6)"
    assert skipped.reason == (
        "This card was skipped: the card has no END:VCARD; the file looks cut short."
    )


def test_text_that_is_not_vcard():
    with pytest.raises(ImportFormatError) as caught:
        read_vcards(b"hello\nworld\n", "notes.txt")
    assert caught.value.place == "line 1"


def test_base64_photo_as_vcard_3_writes_it():
    picture = b"\x89PNG\r\n\x1a\n" + bytes(range(200))
    encoded = base64.b64encode(picture).decode()
    card = f"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:P\r\nPHOTO;ENCODING=b;TYPE=PNG:{encoded}\r\nEND:VCARD\r\n"
    (person,) = read_vcards(card.encode(), "p.vcf").contacts
    assert person.photo == picture
