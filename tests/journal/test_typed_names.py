"""Finding people by the names a user typed (the command line's names, --introduced-by)."""

from __future__ import annotations

import pytest

from winwin_desktop.journal import ValidationError, people
from winwin_desktop.journal.typed_names import find_people, person_named

pytestmark = pytest.mark.both_journal_kinds


def test_a_name_matches_ignoring_case_accents_and_spaces(journal):
    zoe = people.add_person("Zoë Brontë-Nuñez")
    assert person_named("  zoe   BRONTE-nunez ").id == zoe.id
    assert person_named("Zoë") is None  # a whole name, not a part of one


def test_two_people_with_one_name_are_told_apart_by_organisation_or_email(journal):
    globex = people.add_person("Sam Lee", organisation="Globex", emails=["sam@globex.example"])
    initech = people.add_person("Sam Lee", organisation="Initech", emails=["sl@initech.example"])

    with pytest.raises(ValidationError) as refused:
        person_named("sam lee", "people")
    assert refused.value.field == "people"
    assert refused.value.message == (
        "Two people are called “sam lee”; say which one, e.g. “Sam Lee (Globex)” or "
        "“Sam Lee (Initech)”."
    )
    assert person_named("Sam Lee (globex)").id == globex.id
    assert person_named("SL@Initech.example").id == initech.id
    found = find_people(["Sam Lee (Initech)", "Sam Lee (Acme)", "nobody@example.com"])
    assert [name.person.id if name.person else None for name in found] == [initech.id, None, None]
    assert (found[1].name, found[1].organisation) == ("Sam Lee", "Acme")
    assert found[2].email == "nobody@example.com"


def test_namesakes_at_one_organisation_are_told_apart_by_email(journal):
    people.add_person("Sam Lee", organisation="Globex", emails=["sam@globex.example"])
    people.add_person("Sam Lee", organisation="Globex", emails=["samuel@globex.example"])
    with pytest.raises(ValidationError) as refused:
        person_named("Sam Lee (Globex)")
    assert refused.value.message == (
        "Two people are called “Sam Lee (Globex)”; say which one, e.g. “sam@globex.example” "
        "or “samuel@globex.example”."
    )


def test_namesakes_with_nothing_to_tell_them_apart_are_refused_with_what_to_do(journal):
    people.add_person("Sam Lee")
    people.add_person("Sam Lee")
    with pytest.raises(ValidationError) as refused:
        person_named("Sam Lee")
    assert "give them different organisations or email addresses" in refused.value.message


def test_someone_whose_name_has_parentheses_is_found_by_it(journal):
    sam = people.add_person("Sam (Samantha) Lee")
    people.add_person("Sam Lee", organisation="Samantha")
    assert person_named("Sam (Samantha) Lee").id == sam.id


def test_a_reflection_links_the_namesake_its_mention_names(journal):
    from winwin_desktop.journal import reflections

    people.add_person("Sam Lee", organisation="Globex")
    initech = people.add_person("Sam Lee", organisation="Initech", emails=["sl@initech.example"])
    zoe = people.add_person("Zoë", emails=["zoe@acme.example"])
    text = "Met @sam lee (initech) and wrote to @ZOE@acme.example."
    assert reflections.mentioned_as(text) == ["sam lee (initech)", "ZOE@acme.example"]
    saved = reflections.save_reflection("2026-03-02", text)
    assert sorted(pid for pid, _ in saved.mentions) == sorted([initech.id, zoe.id])
