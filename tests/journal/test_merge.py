"""Merging two records of the same person, and undoing it."""

from __future__ import annotations

import datetime as dt

import pytest

from winwin_desktop.journal import (
    NotFound,
    ValidationError,
    interactions,
    merge,
    people,
    promises,
    reflections,
    trash,
)
from winwin_desktop.journal.interactions import ExchangeData
from winwin_desktop.store import recording
from winwin_desktop.store.models import Participant, Person

pytestmark = pytest.mark.both_journal_kinds


@pytest.fixture
def duplicates(journal):
    """Zoë twice: the full record and a thin one from an import, with history on both.

    One meeting had both records in it (logged by mistake with each); a call and a
    promise belong to the duplicate only; a reflection mentions the duplicate.
    """
    zoe = people.add_person(
        "Zoë Brontë-Nuñez",
        organisation="Acme Robotics",
        emails=["zoe@acme.example"],
        phones=["+44 20 7946 0001"],
        tags=["investor"],
        notes="Prefers calls.",
        met_on="2025-05-01",
    )
    dup = people.add_person(
        "Zoe Bronte",
        role="Head of Partnerships",
        emails=["ZOE@acme.example", "zoe@home.example"],
        links=["https://zoe.example"],
        tags=["investor", "friend"],
        notes="Met at the Lisbon summit.",
        met_on="2025-03-14",
        cadence_days=30,
    )
    minh = people.add_person("Minh Hoang", introduced_by_id=dup.id)
    both = interactions.log_interaction(
        "2026-03-02",
        "Intro call",
        [zoe.id, dup.id, minh.id],
        exchanges=[
            ExchangeData(zoe.id, "given", "advice", 3),
            ExchangeData(dup.id, "received", "introduction", 4),
        ],
    )
    only_dup = interactions.log_interaction(
        "2026-04-10",
        "Coffee",
        [dup.id],
        kind="meal",
        exchanges=[ExchangeData(dup.id, "given", "help/time", 2)],
    )
    interactions.log_interaction(
        "2026-02-01", "Kick-off", [zoe.id], exchanges=[ExchangeData(zoe.id, "received", "gift", 1)]
    )
    promises.add_promise(dup.id, "them", "Intro to the CFO", "2026-05-01", only_dup.id)
    reflections.save_reflection("2026-04-10", "Coffee with @Zoe Bronte. Good.")
    return zoe, dup, minh, both, only_dup


def totals(person_id: int) -> tuple:
    s = people.person_summary(person_id)
    return (s.name, s.given, s.received, s.interactions, s.last_contact, s.tags)


def test_everything_moves_to_the_person_kept(duplicates):
    zoe, dup, minh, both, only_dup = duplicates
    kept = merge.merge_people(zoe.id, dup.id)
    summary = people.person_summary(zoe.id)
    # Given 3 + 2, received 4 + 1; three interactions (the shared one counted once).
    assert (summary.given, summary.received, summary.interactions) == (5, 5, 3)
    assert summary.last_contact == dt.date(2026, 4, 10)
    assert [name for _, name in interactions.get_interaction(both.id).participants] == [
        "Zoë Brontë-Nuñez",
        "Minh Hoang",
    ]
    assert interactions.get_interaction(only_dup.id).participant_names == ["Zoë Brontë-Nuñez"]
    assert [(p.person_name, p.text) for p in promises.promises(zoe.id)] == [
        ("Zoë Brontë-Nuñez", "Intro to the CFO")
    ]
    assert kept.tags == ["friend", "investor"]
    # Combined details: nothing lost, nothing twice (emails ignore case).
    assert kept.emails == ["zoe@acme.example", "zoe@home.example"]
    assert kept.phones == ["+44 20 7946 0001"]
    assert kept.links == ["https://zoe.example"]
    assert kept.notes == "Prefers calls.\n\nMet at the Lisbon summit."
    assert (kept.role, kept.organisation, kept.cadence_days) == (
        "Head of Partnerships",
        "Acme Robotics",
        30,
    )
    assert kept.met_on == dt.date(2025, 3, 14)  # the earlier meeting
    assert people.get_person(minh.id).introduced_by_id == zoe.id


def test_the_other_person_goes_to_the_trash_with_nothing_left_on_them(duplicates):
    zoe, dup, *_ = duplicates
    merge.merge_people(zoe.id, dup.id)
    assert people.get_person(dup.id).deleted
    assert [item.label for item in trash.trash_items()] == ["Zoe Bronte"]
    assert interactions.timeline(dup.id) == []
    assert promises.promises(dup.id) == []
    # The meeting both were in keeps one live row, the kept person's; the other's row is
    # set aside (soft-deleted), not moved onto a second copy.
    rows = Participant.select().where(Participant.person == dup.id)
    assert [row.deleted_at is not None for row in rows] == [True]


def test_mentions_move_and_the_text_names_the_kept_person(duplicates):
    zoe, dup, *_ = duplicates
    merge.merge_people(zoe.id, dup.id)
    reflection = reflections.get_reflection("2026-04-10")
    assert reflection.text == "Coffee with @Zoë Brontë-Nuñez. Good."
    assert reflection.mentions == [(zoe.id, "Zoë Brontë-Nuñez")]
    # Saving the reflection again keeps the link (it would drop a mention of nobody).
    reflections.save_reflection("2026-04-10", reflection.text + " Really.")
    assert reflections.get_reflection("2026-04-10").mentions == [(zoe.id, "Zoë Brontë-Nuñez")]
    assert [r.day for r in reflections.reflections_mentioning(zoe.id)] == [dt.date(2026, 4, 10)]


def test_emptying_the_trash_after_a_merge_keeps_the_kept_persons_history(duplicates):
    zoe, dup, *_ = duplicates
    merge.merge_people(zoe.id, dup.id)
    expected = totals(zoe.id)
    trash.empty_trash()
    assert Person.get_or_none(Person.id == dup.id) is None
    assert totals(zoe.id) == expected


def test_merge_and_its_undo(duplicates):
    zoe, dup, minh, *_ = duplicates
    before = [totals(p) for p in (zoe.id, dup.id, minh.id)]
    before_profiles = [people.get_person(p) for p in (zoe.id, dup.id, minh.id)]
    before_reflection = reflections.get_reflection("2026-04-10")
    with recording("x") as change:
        merge.merge_people(zoe.id, dup.id)
    assert totals(zoe.id) != before[0]
    change.undo()
    assert [totals(p) for p in (zoe.id, dup.id, minh.id)] == before
    assert [people.get_person(p) for p in (zoe.id, dup.id, minh.id)] == before_profiles
    assert reflections.get_reflection("2026-04-10") == before_reflection
    assert trash.trash_items() == []
    change.redo()
    assert people.person_summary(zoe.id).interactions == 3
    assert people.get_person(dup.id).deleted


def test_keeping_the_thin_record_works_the_same_way(duplicates):
    zoe, dup, *_ = duplicates
    kept = merge.merge_people(dup.id, zoe.id)
    summary = people.person_summary(dup.id)
    assert (summary.given, summary.received, summary.interactions) == (5, 5, 3)
    assert kept.name == "Zoe Bronte"
    assert kept.organisation == "Acme Robotics"
    assert kept.emails == ["ZOE@acme.example", "zoe@home.example"]
    assert kept.phones == ["+44 20 7946 0001"]
    assert reflections.get_reflection("2026-04-10").text == "Coffee with @Zoe Bronte. Good."


def test_preview_counts_what_will_move(duplicates):
    zoe, dup, *_ = duplicates
    preview = merge.merge_preview(zoe.id, dup.id)
    assert (preview.interactions, preview.shared_interactions) == (1, 1)
    assert (preview.exchanges, preview.promises, preview.mentions) == (2, 1, 1)
    assert preview.tags == ["friend"]
    assert (preview.emails, preview.phones, preview.links) == (
        ["zoe@home.example"],
        [],
        ["https://zoe.example"],
    )
    assert preview.filled_in == ["role", "cadence_days", "met_on"]
    assert preview.appended == ["notes"]
    lines = preview.describe()
    assert lines[0] == (
        "Moves to Zoë Brontë-Nuñez: 1 interaction, 2 exchanges, 1 promise, "
        "1 mention in reflections."
    )
    assert "Zoe Bronte then goes to the trash" in lines[-1]
    assert Person.get_by_id(dup.id).deleted_at is None  # a preview writes nothing


def test_merging_someone_with_themselves_or_someone_in_the_trash_is_refused(duplicates):
    zoe, dup, minh, *_ = duplicates
    with pytest.raises(ValidationError, match="two different people"):
        merge.merge_people(zoe.id, zoe.id)
    people.delete_person(minh.id)
    with pytest.raises(NotFound):
        merge.merge_people(zoe.id, minh.id)
    assert people.person_summary(zoe.id).interactions == 2


def test_the_kept_person_takes_the_others_photo_when_they_have_none(duplicates):
    zoe, dup, *_ = duplicates
    row = Person.get_by_id(dup.id)
    row.photo = b"\x89PNG\r\n\x1a\nzoe"
    row.save()
    assert "photo" in merge.merge_preview(zoe.id, dup.id).filled_in
    merge.merge_people(zoe.id, dup.id)
    assert Person.get_by_id(zoe.id).photo == b"\x89PNG\r\n\x1a\nzoe"
