"""Who introduced whom, snoozing, and kinds or categories removed from Settings."""

from __future__ import annotations

import datetime as dt

import pytest

from winwin_desktop.analytics.attention import I_OWE
from winwin_desktop.journal import people, profile, promises, settings, today
from winwin_desktop.journal.errors import ValidationError
from winwin_desktop.journal.interactions import ExchangeData

TODAY = dt.date(2026, 11, 27)


def test_set_and_clear_the_introducer_by_name(journal):
    rahel = people.add_person("Rahel Tesfaye")
    zoe = people.add_person("Zoë")
    assert profile.set_introducer(zoe.id, " rahel   tesfaye ").introduced_by_id == rahel.id
    assert profile.set_introducer(zoe.id, "  ").introduced_by_id is None
    with pytest.raises(ValidationError, match="cannot introduce themselves"):
        profile.set_introducer(zoe.id, "Zoë")
    with pytest.raises(ValidationError, match="Nobody called “Bob” is in the journal"):
        profile.set_introducer(zoe.id, "Bob")
    people.delete_person(rahel.id)  # someone in the trash cannot be named
    with pytest.raises(ValidationError, match="Nobody called “Rahel Tesfaye”"):
        profile.set_introducer(zoe.id, "Rahel Tesfaye")


def test_snooze_and_unsnooze_around_the_last_day(journal):
    ada = people.add_person("Ada")
    assert today.snoozed_until(ada.id, TODAY) is None
    until = today.snooze(ada.id, 7, today=TODAY)
    assert until == dt.date(2026, 12, 4)
    assert today.snoozed_until(ada.id, TODAY) == until
    assert today.snoozed_until(ada.id, until) == until  # still snoozed on the last day
    assert today.snoozed_until(ada.id, until + dt.timedelta(days=1)) is None
    today.unsnooze(ada.id)
    assert today.snoozed_until(ada.id, TODAY) is None


def test_keeping_a_promise_works_after_other_is_removed_from_the_kinds(journal):
    ada = people.add_person("Ada")
    settings.set_setting("kinds", ["meeting", "call"])
    promise = promises.add_promise(ada.id, I_OWE, "Send the deck")
    exchange = ExchangeData(person_id=ada.id, direction="given", category="advice", points=2)
    _kept, logged = promises.keep_promise(promise.id, exchange, on=TODAY)
    assert logged.kind == "call"
