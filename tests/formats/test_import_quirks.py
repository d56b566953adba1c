"""Real-world quirks, one fixture each (tests/fixtures/import/quirks/, written by us
from the descriptions in issue 12 and the RFCs): what a phone, Outlook, Google or
Exchange writes must come in whole, and nothing a library says reaches the user."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from winwin_desktop.formats.detect import ICALENDAR, detect_format, read_file

QUIRKS = Path(__file__).resolve().parents[1] / "fixtures" / "import" / "quirks"
BERLIN = ZoneInfo("Europe/Berlin")
NOW = dt.datetime(2025, 6, 1, 12, tzinfo=BERLIN)


def read(name: str, **options):
    return read_file((QUIRKS / name).read_bytes(), name, now=NOW, tz=BERLIN, **options)


# ---- vCard ---------------------------------------------------------------------------


def test_android_nested_card_and_email_only_card():
    parsed = read("android_nested_and_email_only.vcf")
    ngozi, address_only = parsed.contacts
    # The card inside (her assistant, a 2.1 AGENT) is not a contact, and does not cut
    # Ngozi's card short: her email after it is kept.
    assert (ngozi.name, ngozi.emails) == ("Ngozi Okafor", ["ngozi@okafor.example"])
    assert ngozi.phones == ["+234 803 555 0101"]
    # A card with only an address is named by the address, not a guessed local part.
    assert address_only.name == "only.an.address@mail.example"
    assert address_only.place == "card 2 (line 15)"
    assert parsed.skipped == []


def test_japanese_phone_shift_jis_plain_values():
    (card,) = read("japanese_phone_shift_jis.vcf").contacts
    assert card.name == "安藤ロイド"
    assert card.organisation == "株式会社アンドロイド"


def test_latin1_values_with_their_charset():
    (card,) = read("latin1_charset.vcf").contacts
    assert card.name == "René Lévesque"


def test_macos_utf16_without_byte_order_mark():
    name = "macos_utf16_no_bom.vcf"
    assert detect_format((QUIRKS / name).read_bytes(), name) == "vcard"
    (card,) = read(name).contacts
    assert (card.name, card.emails) == ("Amélie Lefèvre", ["amelie@lefevre.example"])


def test_odd_lines_cost_nothing_and_a_damaged_card_only_itself():
    parsed = read("odd_lines.vcf")
    names = [c.name for c in parsed.contacts]
    # The comment line is ignored; the address continued with a backslash, the
    # mixed-case PROFILE and the lower-case groups are read.
    assert names == ["Jürgen Müller", "Siobhán Kelly", "Wei Lim", "Piotr Kowalski"]
    wei = parsed.contacts[2]
    assert (wei.emails, wei.phones) == (["wei@lim.example"], ["+65 6555 0100"])
    assert parsed.contacts[0].notes == "Met at Hannover Messe"
    (broken,) = parsed.skipped
    assert broken.place == "card 4 (line 22)"
    assert broken.reason == (
        "This card was skipped: line 25 is not a vCard property (it has no colon)."
    )


def test_a_card_without_end_costs_that_card_not_the_file():
    parsed = read("missing_end.vcf")
    assert [c.name for c in parsed.contacts] == ["Minh Hoang"]
    (skipped,) = parsed.skipped
    assert skipped.place == "card 1 (line 1)"
    assert skipped.reason == "This card was skipped: it has no END:VCARD before the next card."


def test_no_library_message_reaches_the_user():
    card = b'BEGIN:VCARD\r\nVERSION:3.0\r\nFN:X\r\nEMAIL;TYPE=a"b:x@y.example\r\nEND:VCARD\r\n'
    (skipped,) = read_file(card, "odd.vcf").skipped
    assert skipped.reason.startswith("This card was skipped: ")
    for library_words in ("vobject", "ParseError", "Traceback", "component", "PROFILE"):
        assert library_words not in skipped.reason


# ---- CSV -----------------------------------------------------------------------------


def test_email_only_csv_rows_are_named_by_their_address():
    (row,) = read("email_only.csv").contacts
    assert (row.name, row.emails) == ("someone@else.example", ["someone@else.example"])


def test_google_system_groups_are_not_tags():
    (row,) = read("google_groups.csv").contacts
    assert row.tags == ["Clients"]


# ---- calendars -----------------------------------------------------------------------


def test_outlook_quotes_rooms_declined_and_cancelled():
    parsed = read("outlook_quoted_cn.ics")
    (budget,) = parsed.meetings
    # CN="'ann@partner.example'" loses its quotes, and is then just the address; the
    # room, the projector and the guest who declined are not there.
    assert [str(a) for a in budget.attendees] == [
        "sam@me.example",
        "ann@partner.example",
        "no.name@partner.example",
    ]
    assert all(a.name == "" for a in budget.attendees)
    (cancelled,) = parsed.skipped
    assert cancelled.reason == "This event was skipped: it was cancelled."
    # The calendar's owner is offered as the user's own address.
    assert parsed.owner_addresses == ["sam@me.example"]


@pytest.mark.parametrize("name", ["google_holidays.ics", "google_birthdays.ics"])
def test_system_calendars_have_nobody_in_them(name):
    parsed = read(name, since=dt.date(2025, 1, 1))
    assert parsed.meetings
    assert all(m.attendees == [] for m in parsed.meetings)
    assert parsed.owner_addresses == []


def test_exchange_empty_tzid_costs_only_that_events_zone():
    supplier, follow_up = read("exchange_2010_empty_tzid.ics").meetings
    assert (supplier.date, supplier.time) == (dt.date(2025, 3, 10), dt.time(10, 0))
    assert supplier.note == "its time zone was empty in the file, so its time is taken as local"
    assert (follow_up.time, follow_up.note) == (dt.time(10, 0), "")  # 09:00 UTC in Berlin


def test_a_bare_vevent_file_is_a_calendar():
    data = (QUIRKS / "bare_vevent.ics").read_bytes()
    assert detect_format(data, "coffee.txt") == ICALENDAR
    (coffee,) = read("bare_vevent.ics").meetings
    assert coffee.title == "Coffee"


def test_a_daily_standup_without_end_goes_up_to_today_and_counts_the_older_ones():
    parsed = read("daily_standup_no_end.ics", since=dt.date(2025, 5, 25))
    days = [m.date for m in parsed.meetings]
    assert days[0] == dt.date(2025, 5, 25)
    assert days[-1] == dt.date(2025, 6, 1)  # today, never beyond, never cut at 1,000
    assert len(days) == 8
    # Every day from 4 January 2010 to 24 May 2025 was left out, and said so.
    assert parsed.older_left_out == (dt.date(2025, 5, 25) - dt.date(2010, 1, 4)).days


def test_by_default_repeating_meetings_go_back_a_year():
    parsed = read("daily_standup_no_end.ics")
    assert parsed.since == dt.date(2024, 6, 1)
    assert parsed.meetings[0].date == dt.date(2024, 6, 1)
    assert len(parsed.meetings) == 366  # 1 June 2024 to 1 June 2025, both counted
