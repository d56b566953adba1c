"""Undo and redo of whole actions, written back in one transaction."""

from __future__ import annotations

import pytest

from winwin_desktop.journal import people
from winwin_desktop.store import recording
from winwin_desktop.store.models import Person, PersonTag, Tag

pytestmark = pytest.mark.both_journal_kinds


def test_undo_removes_what_an_action_created_and_redo_brings_it_back(journal):
    with recording("Add Zoë") as change:
        zoe = people.add_person("Zoë", tags=["client"])
    assert change.label == "Add Zoë"
    change.undo()
    assert Person.select().count() == 0 and PersonTag.select().count() == 0
    change.redo()
    again = people.get_person(zoe.id)
    assert again.uid == zoe.uid and again.tags == ["client"]


def test_a_failed_action_writes_nothing(journal):
    people.add_person("Minh")
    with pytest.raises(ValueError), recording("Two people"):
        people.add_person("Zoë", tags=["vip"])
        people.add_person("   ")
    assert [p.name for p in Person.select()] == ["Minh"]
    assert Tag.select().count() == 0


def test_undo_restores_edited_values(journal):
    zoe = people.add_person("Zoë", organisation="Acme")
    with recording("Edit") as change:
        people.edit_person(zoe.id, organisation="Globex", tags=["partner"])
    change.undo()
    back = people.get_person(zoe.id)
    assert (back.organisation, back.tags) == ("Acme", [])
