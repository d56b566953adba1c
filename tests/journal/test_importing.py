"""Importing files into a journal: the preview's counts and reasons, merging, duplicates,
atomicity, undo, and that importing the same file twice changes nothing."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from tests.helpers.journals import build_demo_journal
from winwin_desktop.formats.records import ImportFormatError
from winwin_desktop.journal import importing, interactions, people, reflections
from winwin_desktop.journal.importing import (
    DUPLICATE,
    KEEP_BOTH,
    KEPT,
    MERGE,
    NEW,
    SKIP,
    SKIPPED,
    STATUS_LABELS,
    UNCHANGED,
    UPDATED,
)
from winwin_desktop.store import recording
from winwin_desktop.store.models import Interaction, Mention, Person, Reflection

pytestmark = pytest.mark.both_journal_kinds

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "import"
BERLIN = ZoneInfo("Europe/Berlin")
NOW = dt.datetime(2025, 6, 1, 12, tzinfo=BERLIN)
ZOE = "Zoë Brontë-Nuñez"


def plan_for(name: str, **options) -> importing.ImportPlan:
    add_unknown = options.pop("add_unknown", False)
    parsed = importing.read_path(FIXTURES / name, now=NOW, tz=BERLIN, **options)
    return importing.preview(parsed, add_unknown=add_unknown)


def imported(name: str, **options) -> importing.ImportPlan:
    plan = plan_for(name, **options)
    importing.apply(plan)
    return plan


def everything() -> list:
    """Every row of the tables an import writes, as it is stored (stamps included)."""
    tables = (Person, Interaction, Reflection, Mention)
    return [list(model.select().order_by(model.id).dicts()) for model in tables]


def person(name: str):
    return people.get_person(people.find_person(name).id)


# ---- contacts -----------------------------------------------------------------------------


def test_vcards_become_people_with_every_detail(journal):
    plan = plan_for("apple_contacts_3.0.vcf")
    assert plan.counts() == {NEW: 2, UPDATED: 0, DUPLICATE: 0, KEPT: 0, UNCHANGED: 0, SKIPPED: 0}
    assert plan.summary() == "2 records: 2 new"
    result = importing.apply(plan)
    assert result.summary() == "2 people added."
    zoe = person(ZOE)
    assert zoe.organisation == "Acme Robotics"
    assert zoe.emails == ["zoe@acme-robotics.example", "zoe.bn@mail.example"]
    assert zoe.tags == ["Clients", "Robotics"]
    assert Person.get_by_id(zoe.id).photo.startswith(b"\xff\xd8")
    company = plan.rows[1]
    assert company.detail == "A company card: added as a new entry under the company's name."
    assert plan.rows[0].detail == "Added as a new person."


def test_the_same_file_twice_changes_nothing(journal):
    for name in ("apple_contacts_3.0.vcf", "linkedin_Connections.csv", "google_contacts.csv"):
        imported(name)
    before = everything()
    for name in ("apple_contacts_3.0.vcf", "linkedin_Connections.csv", "google_contacts.csv"):
        again = plan_for(name)
        assert {row.status for row in again.rows} <= {UNCHANGED, SKIPPED}, again.rows
        assert not again.writes_anything
        assert importing.apply(again).summary() == "Nothing needed importing."
    assert everything() == before


def test_linkedin_merges_into_the_phone_contact_and_fills_blanks(journal):
    imported("apple_contacts_3.0.vcf")
    plan = plan_for("linkedin_Connections.csv")
    statuses = [(row.place, row.label, row.status) for row in plan.rows]
    assert statuses == [
        ("line 5", ZOE, UPDATED),
        ("line 6", "Piotr Kowalski", NEW),
        ("line 7", "", SKIPPED),
        ("line 8", "", SKIPPED),
        ("line 9", "Ngozi Okafor", NEW),
    ]
    assert (
        plan.rows[0].detail == f"Same profile address as {ZOE}; merging adds how met and when met."
    )
    assert plan.rows[2].detail == "This row was skipped: it has no name."
    assert plan.summary() == "5 records: 2 new, 1 updated, 2 skipped"
    importing.apply(plan)
    zoe = person(ZOE)
    assert zoe.met_on == dt.date(2024, 3, 12)
    assert zoe.how_met == "LinkedIn"
    # The LinkedIn address was already there (from Apple's social profile): not twice.
    assert zoe.links == [
        "https://acme-robotics.example",
        "https://www.linkedin.com/in/zoe-bronte-nunez",
    ]
    assert zoe.organisation == "Acme Robotics"  # never overwritten
    assert len(people.people_names()) == 4


def test_same_email_in_another_case_is_the_same_person(journal):
    people.add_person("Minh H.", emails=["MINH.HOANG@LOTUS.EXAMPLE"], organisation="Lotus")
    plan = plan_for("google_contacts_3.0.vcf")
    minh = plan.rows[0]
    assert (minh.status, minh.match, minh.decision) == (UPDATED, "Minh H.", MERGE)
    assert minh.detail.startswith("Same email as Minh H.; merging adds 1 email, 3 phones")
    importing.apply(plan)
    merged = person("Minh H.")
    assert merged.emails == ["MINH.HOANG@LOTUS.EXAMPLE", "minh@home.example"]
    assert merged.organisation == "Lotus"
    assert people.find_person("Minh Hoang") is None


def test_a_similar_name_alone_never_merges_it_is_a_question(journal):
    people.add_person("Amelie Lefebvre")
    plan = plan_for("android_2.1_qp.vcf")
    amelie = plan.rows[0]
    assert amelie.status == DUPLICATE
    assert STATUS_LABELS[DUPLICATE] == "maybe the same"
    assert amelie.choices == (KEEP_BOTH, MERGE, SKIP)
    assert amelie.decision == KEEP_BOTH  # a similar name alone never merges
    assert amelie.detail.startswith("Maybe the same as Amelie Lefebvre (the names are ")
    assert amelie.detail.endswith("added as a new person.")
    plan.decide(0, MERGE)
    assert "merging adds" in plan.rows[0].detail
    plan.decide(0, KEEP_BOTH)
    assert plan.counts()[DUPLICATE] == 1
    importing.apply(plan)
    assert {name for _, name in people.people_names()} == {
        "Amelie Lefebvre",
        "Amélie Lefèvre",
        "Plumber",
    }
    # Next time the kept card is recognised by its own name: nothing changes.
    assert {row.status for row in plan_for("android_2.1_qp.vcf").rows} == {UNCHANGED}


def test_skipping_a_duplicate_writes_nothing_for_it(journal):
    people.add_person("Amelie Lefebvre")
    plan = plan_for("android_2.1_qp.vcf")
    plan.decide(0, SKIP)
    assert plan.rows[0].detail.endswith("skipped, as you chose.")
    importing.apply(plan)
    assert person("Amelie Lefebvre").emails == []
    assert people.find_person("Amélie Lefèvre") is None


def test_similar_names_with_different_emails_are_kept_apart_by_default(journal):
    people.add_person("Jon Smith", emails=["jon@one.example"])
    parsed = importing.read_path(FIXTURES / "plain_utf8.csv")
    parsed.contacts[0].name, parsed.contacts[0].emails = "John Smith", ["john@two.example"]
    plan = importing.preview(parsed)
    assert (plan.rows[0].status, plan.rows[0].decision) == (DUPLICATE, KEEP_BOTH)


def test_duplicates_inside_one_file_merge_into_the_first(journal):
    data = (
        b"Name,Email,Phone\nAna Lima,ana@lima.example,\nana lima,,+55 11 5555 0000\n"
        b"Ana Lima,ANA@LIMA.EXAMPLE,\n"
    )
    path = FIXTURES.parent.parent / "_tmp_dupes.csv"
    try:
        path.write_bytes(data)
        plan = importing.preview(importing.read_path(path))
    finally:
        path.unlink()
    assert [row.status for row in plan.rows] == [NEW, UPDATED, UNCHANGED]
    assert (
        plan.rows[1].detail == "Same name as Ana Lima (line 2 in this file); merging adds 1 phone."
    )
    importing.apply(plan)
    assert person("Ana Lima").phones == ["+55 11 5555 0000"]
    assert len(people.people_names()) == 1


def test_an_import_is_one_undo_step(journal):
    imported("apple_contacts_3.0.vcf")
    before = everything()
    with recording("Import") as change:
        importing.apply(plan_for("linkedin_Connections.csv"))
    assert len(people.people_names()) == 4
    change.undo()
    assert everything() == before
    change.redo()
    assert len(people.people_names()) == 4


def test_an_import_that_fails_half_way_writes_nothing(journal, monkeypatch):
    imported("apple_contacts_3.0.vcf")
    before = everything()

    def broken(*args):
        raise RuntimeError("disk full")

    monkeypatch.setattr(importing.writing, "write_meetings", broken)
    with pytest.raises(RuntimeError):
        importing.apply(plan_for("linkedin_Connections.csv"))
    assert everything() == before


@pytest.mark.needs_file("counts SQLite's changes to the file (total_changes)")
def test_a_dry_run_writes_nothing(journal):
    connection = journal.connection()
    before = connection.total_changes
    plan, result = importing.import_file(FIXTURES / "google_contacts.csv", dry_run=True)
    assert result is None
    assert plan.counts()[NEW] == 3
    assert connection.total_changes == before


@pytest.mark.parametrize(
    "name", ["empty.vcf", "noise.bin", "no_known_columns.csv", "truncated.ics"]
)
def test_broken_files_leave_the_journal_as_it_was(journal, name):
    imported("apple_contacts_3.0.vcf")
    before = everything()
    with pytest.raises(ImportFormatError) as caught:
        importing.import_file(FIXTURES / name)
    assert str(caught.value).startswith(name)
    assert everything() == before


def test_a_missing_file(journal, tmp_path):
    with pytest.raises(ImportFormatError, match="cannot be opened"):
        importing.read_path(tmp_path / "nowhere.vcf")


# ---- calendars ----------------------------------------------------------------------------


@pytest.fixture
def cast(journal):
    zoe = people.add_person(ZOE, emails=["zoe@acme-robotics.example"])
    minh = people.add_person("Minh Hoang", emails=["minh.hoang@lotus.example"])
    piotr = people.add_person("Piotr Kowalski")  # no email: found by name
    return zoe, minh, piotr


def test_past_meetings_become_interactions(cast):
    zoe, minh, piotr = cast
    plan = plan_for("calendar.ics")
    by_label = {row.label: row for row in plan.rows}
    intro = by_label["2025-03-10 Intro call, partnerships"]
    assert (intro.status, intro.detail) == (NEW, f"With {ZOE}.")
    review = by_label["2025-01-15 Quarterly review"]
    assert review.detail == "With Piotr Kowalski."
    strangers = by_label["2025-02-01 Lunch with strangers"]
    assert strangers.status == SKIPPED
    assert strangers.detail == (
        "None of its attendees (Wei Lim <wei@lim.example>, nobody-named@else.example) is in "
        "the journal; add them to import it."
    )
    assert by_label["2025-04-02 Hannover Messe"].status == SKIPPED
    assert [str(a) for a in plan.unknown_attendees] == [
        "Wei Lim <wei@lim.example>",
        "Jürgen Müller <j.mueller@contoso.example>",
        "nobody-named@else.example",
        "Sam Reviewer <sam@me.example>",
    ]
    assert plan.unknown_attendees[0].meetings == 2
    assert plan.summary() == "10 records: 6 new, 4 skipped"
    result = importing.apply(plan)
    assert result.summary() == "6 interactions added."
    (logged,) = interactions.timeline(piotr.id)
    assert (logged.date, logged.time, logged.kind) == (
        dt.date(2025, 1, 15),
        dt.time(14, 0),
        "video call",
    )
    assert [i.date for i in interactions.timeline(zoe.id)] == [
        dt.date(2025, 5, 26),
        dt.date(2025, 5, 19),
        dt.date(2025, 5, 5),
        dt.date(2025, 3, 10),
    ]
    (late,) = interactions.timeline(minh.id)
    assert (late.date, late.time, late.participant_names) == (
        dt.date(2025, 3, 12),
        dt.time(0, 30),
        ["Minh Hoang"],
    )


def test_unknown_attendees_added_when_chosen(cast):
    plan = plan_for("calendar.ics")
    plan.add_attendees(["wei@lim.example"])
    by_label = {row.label: row for row in plan.rows}
    assert by_label["2025-02-01 Lunch with strangers"].detail == (
        "With Wei Lim <wei@lim.example> (new)."
    )
    assert (
        "Wei Lim <wei@lim.example> (new)" in by_label["2025-03-12 Late call with Singapore"].detail
    )
    result = importing.apply(plan)
    assert result.summary() == "1 person added, 7 interactions added."
    wei = person("Wei Lim")
    assert wei.emails == ["wei@lim.example"]
    assert len(interactions.timeline(wei.id)) == 2


def test_a_calendar_imported_twice_changes_nothing(cast):
    importing.apply(plan_for("calendar.ics", add_unknown=True))
    before = everything()
    again = plan_for("calendar.ics", add_unknown=True)
    assert {row.status for row in again.rows} == {UNCHANGED, SKIPPED}
    importing.apply(again)
    assert everything() == before


def test_a_meeting_deleted_after_import_stays_deleted(cast):
    importing.apply(plan_for("calendar.ics"))
    zoe = cast[0]
    first = interactions.timeline(zoe.id)[-1]
    interactions.delete_interaction(first.id)
    row = next(r for r in plan_for("calendar.ics").rows if r.label.endswith("partnerships"))
    assert row.status == SKIPPED
    assert "in the trash" in row.detail


# ---- jrnl ---------------------------------------------------------------------------------


def test_jrnl_entries_become_paragraphs_with_mentions(cast):
    zoe, minh, _ = cast
    reflections.save_reflection(dt.date(2025, 3, 11), "Written in WinWin.")
    plan = plan_for("jrnl_export.json")
    assert plan.summary() == "6 records: 4 new, 2 skipped"
    assert plan.rows[0].detail == f"Added to the reflection of 2025-03-10, mentioning {ZOE}."
    result = importing.apply(plan)
    assert result.summary() == "3 days of reflections written."
    tenth = reflections.get_reflection(dt.date(2025, 3, 10))
    assert tenth.text == (
        f"★ Long call with @{ZOE} about the pilot.\nShe will intro me to their CFO.\n\n"
        "Sent @Minh Hoang the market map."
    )
    assert tenth.mentions == [(minh.id, "Minh Hoang"), (zoe.id, ZOE)]
    eleventh = reflections.get_reflection(dt.date(2025, 3, 11))
    assert eleventh.text == "Written in WinWin.\n\nQuiet day.\nRead about @unknown things."
    twelfth = reflections.get_reflection(dt.date(2025, 3, 12))
    assert twelfth.text == f"Coffee with @{ZOE} and @{ZOE} again"
    assert twelfth.mentions == [(zoe.id, ZOE)]
    # The mentions are the reflection's own: saving the day again keeps them.
    reflections.save_reflection(dt.date(2025, 3, 12), twelfth.text + " Edited.")
    assert reflections.get_reflection(dt.date(2025, 3, 12)).mentions == [(zoe.id, ZOE)]


def test_jrnl_imported_twice_changes_nothing_and_undoes_in_one_step(cast):
    before = everything()
    with recording("Import") as change:
        importing.apply(plan_for("jrnl_export.json"))
    after = everything()
    again = plan_for("jrnl_export.json")
    assert again.counts()[UNCHANGED] == 4
    importing.apply(again)
    assert everything() == after
    change.undo()
    assert everything() == before


# ---- WinWin's own JSON --------------------------------------------------------------------


def test_a_winwin_export_round_trips_and_merges_by_uid(tmp_path, passphrase, reopen):
    import json

    from winwin_desktop.journal import exporting
    from winwin_desktop.store import close_journal

    build_demo_journal(tmp_path / "demo.db", passphrase, today=dt.date(2026, 11, 27))
    exporting.export_journal("json", tmp_path / "demo.json")
    into_itself = importing.preview(importing.read_path(tmp_path / "demo.json"))
    assert {row.status for row in into_itself.rows} == {UNCHANGED}
    assert not into_itself.writes_anything
    close_journal()
    reopen(tmp_path / "empty.db")
    try:
        people.add_person("Someone Else")
        plan = importing.preview(importing.read_path(tmp_path / "demo.json"))
        assert plan.format == "winwin-json"
        assert plan.counts()[NEW] == len(plan.rows)
        with recording("Import") as change:
            result = importing.apply(plan)
        assert result.people_added == 40
        exporting.export_journal("json", tmp_path / "again.json")
        original = json.loads((tmp_path / "demo.json").read_text())
        again = json.loads((tmp_path / "again.json").read_text())
        for table in ("people", "interactions", "exchanges", "promises", "reflections"):
            mine = [
                row for row in again[table] if row["uid"] in {r["uid"] for r in original[table]}
            ]
            assert mine == original[table], table
        assert (
            importing.preview(importing.read_path(tmp_path / "demo.json")).writes_anything is False
        )
        change.undo()
        assert [name for _, name in people.people_names()] == ["Someone Else"]
    finally:
        close_journal()
