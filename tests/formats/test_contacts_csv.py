"""Contacts in CSV: LinkedIn, Google, Outlook, encodings, and columns mapped by hand."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from winwin_desktop.formats.contacts_csv import columns_of, read_contacts_csv
from winwin_desktop.formats.records import ImportFormatError, UnknownColumns

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "import"


def read(name: str, mapping=None):
    return read_contacts_csv((FIXTURES / name).read_bytes(), name, mapping)


def test_linkedin_connections_below_its_notes():
    parsed = read("linkedin_Connections.csv")
    zoe, piotr, ngozi = parsed.contacts
    assert zoe.place == "line 5"  # the header is line 4, under LinkedIn's notes
    assert (zoe.name, zoe.organisation, zoe.role) == (
        "Zoë Brontë-Nuñez",
        "Acme Robotics",
        "Head of Partnerships",
    )
    assert zoe.met_on == dt.date(2024, 3, 12)  # "Connected On" is when we met
    assert zoe.how_met == "LinkedIn"
    assert zoe.links == ["https://www.linkedin.com/in/zoe-bronte-nunez"]
    assert zoe.emails == []
    assert zoe.source_key == "linkedin:linkedin.com/in/zoe-bronte-nunez"
    assert (piotr.organisation, piotr.role) == ("Kowalski, Nowak & Partners", "Partner, M&A")
    assert piotr.emails == ["piotr@kowalski.example"]
    assert ngozi.met_on == dt.date(2021, 2, 28)
    assert [(s.place, s.reason) for s in parsed.skipped] == [
        ("line 7", "This row was skipped: it has no name."),
        (
            "line 8",
            "This row was skipped: its “Connected On” value “31 Feb 2024” is not a real date.",
        ),
    ]


def test_google_contacts_with_bom_and_several_values_per_cell():
    minh, soren, catering = read("google_contacts.csv").contacts
    assert minh.name == "Minh Hoang"
    assert minh.role == "CFO (Finance)"
    assert minh.emails == ["minh.hoang@lotus.example", "minh@home.example"]
    assert minh.phones == ["+84 90 123 4567", "+84 28 3822 0000"]  # " ::: " splits values
    assert minh.links == ["https://lotus.example/team/minh"]
    assert minh.tags == ["Logistics"]  # "* myContacts" is Google's, not a tag
    assert minh.notes == "Intro via Piotr, 2023.\nPrefers WhatsApp.\n\nBirthday: 1985-11-23"
    assert minh.place == "line 2"
    assert soren.name == "Søren Kierkegaard-Holm"
    assert soren.place == "line 4"  # the notes above span two lines
    assert soren.tags == ["Investors", "Nordics"]
    assert (catering.name, catering.company_only) == ("Blue Bottle Catering", True)


def test_outlook_csv_in_windows_1252():
    jurgen, francoise = read("outlook_contacts_cp1252.csv").contacts
    assert jurgen.name == "Jürgen Müller"  # Outlook's "Title" (Herr) is not the role
    assert jurgen.role == "Leiter Vertrieb (Vertrieb)"
    assert jurgen.emails == ["j.mueller@contoso.example", "juergen@privat.example"]
    assert jurgen.phones == ["+49 30 1234567", "+49 170 1234567"]
    assert jurgen.tags == ["Clients", "Trade fairs"]
    assert jurgen.notes == "Hannover Messe 2024 – wants a quote for Q3."  # 0/0/00: no birthday
    assert francoise.name == "Françoise Dubois-Lévêque"
    assert francoise.notes == "Café meeting, très sympa.\n\nBirthday: 1980-04-02"


def test_plain_utf8_without_bom():
    wanjiru, kofi = read("plain_utf8.csv").contacts
    assert (wanjiru.name, wanjiru.organisation) == ("Wanjiru Kamau", "Savannah Labs")
    assert wanjiru.tags == ["Nairobi, Africa"]
    assert kofi.emails == ["kofi@mensah.example"]


def test_an_unknown_shape_asks_for_a_mapping():
    with pytest.raises(UnknownColumns) as caught:
        read("custom_latin1_semicolon.csv")
    assert caught.value.place == "line 1"
    assert caught.value.columns == ["Nom complet", "Courriel", "Société", "Remarque"]
    assert caught.value.samples[0][0] == "René Lévesque"  # Latin-1 decoded
    assert "--map" in caught.value.message


def test_a_mapping_reads_any_shape():
    parsed = read(
        "custom_latin1_semicolon.csv",
        {
            "Nom complet": "name",
            "Courriel": "email",
            "Société": "organisation",
            "Remarque": "notes",
        },
    )
    rene, eloise = parsed.contacts
    assert (rene.name, rene.emails, rene.organisation, rene.notes) == (
        "René Lévesque",
        ["rene@quebec.example"],
        "Hydro-Québec",
        "Rencontré à Montréal",
    )
    assert eloise.organisation == "Caron & Fils"


def test_a_mapping_naming_a_missing_column_or_field():
    with pytest.raises(ImportFormatError, match="no column “Nom”"):
        read("custom_latin1_semicolon.csv", {"Nom": "name"})
    with pytest.raises(ImportFormatError, match="“shoe size” is not something"):
        read("custom_latin1_semicolon.csv", {"Nom complet": "shoe size"})


def test_columns_of_for_the_mapping_step():
    columns, samples = columns_of((FIXTURES / "no_known_columns.csv").read_bytes(), "x.csv")
    assert columns == ["alpha", "beta", "gamma"]
    assert samples == [["1", "2", "3"], ["4", "5", "6"]]


def test_no_recognisable_columns_is_a_plain_message():
    with pytest.raises(UnknownColumns) as caught:
        read("no_known_columns.csv")
    assert str(caught.value).startswith("no_known_columns.csv, line 1: none of its columns")


def test_a_three_megabyte_field_names_its_line():
    data = b'Name,Notes\nAna Lima,short\nBig,"' + b"x" * 3_000_000 + b'"\n'
    with pytest.raises(ImportFormatError) as caught:
        read_contacts_csv(data, "big.csv")
    assert caught.value.place == "line 3"


def test_empty_and_binary_files():
    with pytest.raises(ImportFormatError, match="empty"):
        read_contacts_csv(b"", "e.csv")
    with pytest.raises(ImportFormatError, match="not a text file"):
        read_contacts_csv((FIXTURES / "noise.bin").read_bytes(), "noise.csv")


def test_blank_rows_are_not_records():
    parsed = read_contacts_csv(b"Name,Email\n\n,\nAna Lima,ana@lima.example\n", "b.csv")
    assert [c.name for c in parsed.contacts] == ["Ana Lima"]
    assert parsed.skipped == []
