"""Reflections: one text per day, @mentions that link people, renames that keep links."""

from __future__ import annotations

import datetime as dt

import pytest

from winwin_desktop.journal import ValidationError, people, reflections
from winwin_desktop.journal.reflections import find_mentions
from winwin_desktop.store.models import Mention, Reflection

pytestmark = pytest.mark.both_journal_kinds

NAMES = [(1, "Zoë Brontë-Nuñez"), (2, "Ana"), (3, "Ana Lima"), (4, "Minh Hoang")]
DAY = dt.date(2026, 11, 27)


@pytest.mark.parametrize(
    "text",
    [
        "Lunch with @Zoë Brontë-Nuñez.",
        "lunch with @zoe brontë-nuñez",
        "lunch with @ZOE BRONTE-NUNEZ, then home",
        "(@Zoë Brontë-Nuñez)",
        "@Zoë Brontë-Nuñez's deck",
        # Folding changes lengths before the mention: ß → ss, a decomposed ë → e.
        "Straße, then @Zoë Brontë-Nuñez",
        "Zoe\u0308 again: @Zoe\u0308 Bronte\u0308-Nun\u0303ez",
    ],
)
def test_a_mention_ignores_accents_and_case(text):
    assert find_mentions(text, NAMES) == ([1], [])


def test_the_longest_name_wins():
    assert find_mentions("@Ana Lima and @Ana, then @ana lima again", NAMES) == ([3, 2], [])
    assert find_mentions("@Ana Lima", list(reversed(NAMES))) == ([3], [])


def test_a_name_must_end_where_the_word_ends():
    assert find_mentions("@Anabel", NAMES) == ([], ["Anabel"])
    assert find_mentions("@Ana Limassol", NAMES) == ([2], [])


def test_an_email_address_is_not_a_mention():
    assert find_mentions("wrote to zoe@acme.example and ana@lima.example", NAMES) == ([], [])
    assert find_mentions("a lone @ sign", NAMES) == ([], [])


def test_mentions_of_nobody_are_reported():
    assert find_mentions("@Rahel and @Piotr. Also @Minh Hoang.", NAMES) == (
        [4],
        ["Rahel", "Piotr"],
    )


@pytest.fixture
def trio(journal):
    return (
        people.add_person("Zoë Brontë-Nuñez").id,
        people.add_person("Minh Hoang").id,
        people.add_person("Ana").id,
    )


def test_saving_links_the_people_mentioned_and_replaces_earlier_mentions(trio):
    zoe, minh, _ = trio
    saved = reflections.save_reflection(
        DAY, "Lunch with @Minh Hoang and @zoe bronte-nunez; @Rahel?"
    )
    assert saved.mentions == [(minh, "Minh Hoang"), (zoe, "Zoë Brontë-Nuñez")]
    assert saved.unknown_mentions == ["Rahel"]
    assert reflections.get_reflection(DAY).mentions == saved.mentions

    reflections.save_reflection(DAY, "Only @Minh Hoang in the end.")
    assert reflections.get_reflection(DAY).mentions == [(minh, "Minh Hoang")]
    assert reflections.reflections_mentioning(zoe) == []

    reflections.save_reflection(DAY, "@Zoë Brontë-Nuñez came back.")
    assert reflections.get_reflection(DAY).mentions == [(zoe, "Zoë Brontë-Nuñez")]
    assert [r.day for r in reflections.reflections_mentioning(zoe)] == [DAY]


def test_reflections_mentioning_newest_first(trio):
    zoe, minh, _ = trio
    reflections.save_reflection("2026-11-01", "Met @Zoë Brontë-Nuñez.")
    reflections.save_reflection("2026-11-20", "@Zoë Brontë-Nuñez again, with @Minh Hoang.")
    reflections.save_reflection("2026-11-10", "Quiet day.")
    found = reflections.reflections_mentioning(zoe)
    assert [(r.day, r.text) for r in found] == [
        (dt.date(2026, 11, 20), "@Zoë Brontë-Nuñez again, with @Minh Hoang."),
        (dt.date(2026, 11, 1), "Met @Zoë Brontë-Nuñez."),
    ]
    assert [r.day for r in reflections.reflections_mentioning(minh)] == [dt.date(2026, 11, 20)]


def test_renaming_rewrites_the_mentions_and_keeps_the_link(trio):
    zoe, minh, _ = trio
    reflections.save_reflection("2026-11-01", "Met @Zoë Brontë-Nuñez; @zoe bronte-nunez again.")
    reflections.save_reflection("2026-11-02", "@Minh Hoang only; Zoë Brontë-Nuñez without an @.")

    people.edit_person(zoe, name="Zoë Smith")

    assert reflections.get_reflection("2026-11-01").text == "Met @Zoë Smith; @Zoë Smith again."
    assert reflections.get_reflection("2026-11-02").text == (
        "@Minh Hoang only; Zoë Brontë-Nuñez without an @."
    )
    assert [r.day for r in reflections.reflections_mentioning(zoe)] == [dt.date(2026, 11, 1)]
    # Editing that day again later still finds her under her new name.
    edited = reflections.save_reflection("2026-11-01", "Met @Zoë Smith; @Zoë Smith again. Good.")
    assert edited.mentions == [(zoe, "Zoë Smith")]
    assert edited.unknown_mentions == []


def test_renaming_leaves_a_longer_name_alone(trio):
    *_, ana = trio
    ana_lima = people.add_person("Ana Lima").id
    reflections.save_reflection(DAY, "@Ana and @Ana Lima.")
    people.edit_person(ana, name="Anabel")
    assert reflections.get_reflection(DAY).text == "@Anabel and @Ana Lima."
    assert reflections.get_reflection(DAY).mentions == [(ana_lima, "Ana Lima"), (ana, "Anabel")]


def test_append_adds_a_paragraph(trio):
    zoe, *_ = trio
    first = reflections.append_paragraph(DAY, "  A good day.  ")
    assert first.text == "A good day."
    second = reflections.append_paragraph(DAY, "Helped @Zoë Brontë-Nuñez.")
    assert second.text == "A good day.\n\nHelped @Zoë Brontë-Nuñez."
    assert second.mentions == [(zoe, "Zoë Brontë-Nuñez")]


@pytest.mark.parametrize(
    ("paragraph", "message"),
    [
        ("", "Write something to add to the reflection."),
        (" \n\t ", "Write something to add to the reflection."),
        (
            "Lunch with @Rahel Tesfaye.",
            "Nobody called “Rahel” is in the journal; add them first or drop the @.",
        ),
    ],
)
def test_append_refuses_empty_text_and_mentions_of_nobody(trio, paragraph, message):
    reflections.save_reflection(DAY, "Morning notes.")
    with pytest.raises(ValidationError) as refused:
        reflections.append_paragraph(DAY, paragraph)
    assert refused.value.message == message
    assert reflections.get_reflection(DAY).text == "Morning notes."
    with pytest.raises(ValidationError):
        reflections.append_paragraph("2026-11-28", paragraph)
    assert Reflection.select().count() == 1
    assert Mention.select().count() == 0


def test_days_with_reflections_ignore_empty_texts(journal):
    reflections.save_reflection("2026-11-01", "Something.")
    reflections.save_reflection("2026-11-02", "")
    reflections.save_reflection("2026-11-03", "Cleared later.")
    reflections.save_reflection("2026-11-03", "")
    reflections.save_reflection("2026-11-04", "More.")
    assert reflections.days_with_reflections() == {dt.date(2026, 11, 1), dt.date(2026, 11, 4)}
    assert reflections.days_with_reflections(since=dt.date(2026, 11, 2)) == {dt.date(2026, 11, 4)}
    assert reflections.days_with_reflections(until=dt.date(2026, 11, 3)) == {dt.date(2026, 11, 1)}


def test_a_day_without_a_reflection_reads_as_empty(journal):
    empty = reflections.get_reflection(DAY)
    assert (empty.day, empty.text, empty.mentions) == (DAY, "", [])
    with pytest.raises(ValidationError, match="2026-02-30 is not a date"):
        reflections.get_reflection("2026-02-30")


def test_reflections_naming_a_person_by_name_accents_ignored_or_by_mention(journal):
    zoe = people.add_person("Zoë Brontë-Nuñez", emails=["zoe@acme.example"])
    people.add_person("Minh Hoang")
    reflections.save_reflection(DAY, "Called zoe bronte-nunez about the pilot; she agreed.")
    # A mention by email names her too, though her name is not written out.
    reflections.save_reflection(DAY - dt.timedelta(days=3), "Lunch with @zoe@acme.example.")
    reflections.save_reflection(DAY - dt.timedelta(days=5), "Minh Hoang sent the contract.")
    reflections.save_reflection(DAY - dt.timedelta(days=9), "Zoë said no to the offsite.")

    named = reflections.reflections_naming(zoe.id)

    assert [n.day for n in named] == [DAY, DAY - dt.timedelta(days=3)]  # newest first
    assert named[0].snippet == "Called «zoe bronte-nunez» about the pilot; she agreed."
    assert "<b>zoe bronte-nunez</b>" in named[0].snippet_html
    assert named[1].snippet == "Lunch with @zoe@acme.example."


def test_nobody_named_and_a_missing_person(journal):
    ada = people.add_person("Ada Lovelace")
    assert reflections.reflections_naming(ada.id) == []
    with pytest.raises(ValidationError, match="not in the journal"):
        reflections.reflections_naming(ada.id + 99)
    people.delete_person(ada.id)  # in the trash: not in the journal either
    with pytest.raises(ValidationError, match="not in the journal"):
        reflections.reflections_naming(ada.id)
