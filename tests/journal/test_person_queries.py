"""The people list's and the person page's queries give the same answers however they are
asked (the fast paths over the totals index against the plain ones)."""

from __future__ import annotations

import dataclasses
import datetime as dt

from winwin_desktop.journal import balance, interactions, people
from winwin_desktop.journal.interactions import ExchangeData


def two_people_and_a_deleted_interaction():
    ada = people.add_person("Ada")
    bo = people.add_person("Bo", tags=["client"])
    interactions.log_interaction(
        "2026-01-05",
        "Pricing review",
        [ada.id, bo.id],
        exchanges=[
            ExchangeData(ada.id, "given", "advice", 4),
            ExchangeData(bo.id, "received", "introduction", 2),
        ],
    )
    interactions.log_interaction(
        "2026-02-01", "Lunch", [ada.id], exchanges=[ExchangeData(ada.id, "received", "gift", 1)]
    )
    gone = interactions.log_interaction(
        "2026-03-01", "Cancelled", [ada.id], exchanges=[ExchangeData(ada.id, "given", "gift", 5)]
    )
    interactions.delete_interaction(gone.id)
    return ada, bo


def test_the_people_list_is_the_summaries_and_the_status_table(journal):
    ada, bo = two_people_and_a_deleted_interaction()
    summaries, statuses = people.people_list()
    assert summaries == people.people_summaries()
    assert statuses == balance.status_table()
    assert [(s.name, s.interactions, s.last_contact) for s in summaries] == [
        ("Ada", 2, dt.date(2026, 2, 1)),
        ("Bo", 1, dt.date(2026, 1, 5)),
    ]
    assert people.person_summary(ada.id).given == 4  # the deleted interaction left out
    assert people.person_summary(ada.id).received == 1
    assert people.person_summary(bo.id).received == 2


def test_the_names_painted_first_are_the_summaries_without_their_totals(journal):
    two_people_and_a_deleted_interaction()
    people.set_archived(people.add_person("Cy", organisation="Acme", role="CFO").id, True)
    without = [
        dataclasses.replace(s, given=0, received=0, interactions=0, last_contact=None)
        for s in people.people_summaries()
    ]
    assert people.people_without_totals() == without
    assert [(s.name, s.tags, s.archived) for s in without] == [
        ("Ada", [], False),
        ("Bo", ["client"], False),
        ("Cy", [], True),
    ]
    assert [s.tags for s in people.people_without_totals(with_tags=False)] == [[], [], []]


def test_one_persons_records_are_theirs_in_the_journals_order(journal):
    ada, bo = two_people_and_a_deleted_interaction()
    everyone = balance.exchange_records()
    assert balance.exchange_records([ada.id]) == [r for r in everyone if r.person_id == ada.id]
    assert [r.title for r in balance.exchange_records([ada.id])] == ["Pricing review", "Lunch"]
    assert balance.exchange_records([]) == []
    people.delete_person(bo.id)  # a person in the trash has no records
    assert balance.exchange_records([bo.id]) == []


def test_a_timeline_page_is_the_newest_first_with_its_exchanges(journal):
    ada, bo = two_people_and_a_deleted_interaction()
    [newest, older] = interactions.timeline(ada.id)
    assert (newest.title, older.title) == ("Lunch", "Pricing review")
    assert older.participants == [(ada.id, "Ada"), (bo.id, "Bo")]
    assert [(e.person_name, e.direction, e.points) for e in older.exchanges] == [
        ("Ada", "given", 4),
        ("Bo", "received", 2),
    ]
    assert interactions.timeline(ada.id, limit=1) == [newest]
