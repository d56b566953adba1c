"""The brief's data: gathered from the seeded demo journal (expectations worked out by hand
from its rows), and the talking-point suggestions from hand-built cases."""

from __future__ import annotations

import datetime as dt

import pytest

from tests.helpers.journals import build_demo_journal, open_again
from winwin_desktop.analytics import QUIET, WIN_WIN, YOU_GIVE_MORE, YOU_TAKE_MORE
from winwin_desktop.analytics.attention import I_OWE, KEPT, OPEN, THEY_OWE, PromiseInfo
from winwin_desktop.formats.brief.model import BriefExchange
from winwin_desktop.journal import NotFound, interactions, people, promises
from winwin_desktop.journal.brief import gather_brief, suggest_talking_points, suggest_what_to_give
from winwin_desktop.journal.interactions import ExchangeData
from winwin_desktop.store import close_journal

pytestmark = pytest.mark.both_journal_kinds

TODAY = dt.date(2026, 11, 27)


@pytest.fixture(scope="module")
def demo_file(tmp_path_factory, passphrase):
    path = tmp_path_factory.mktemp("demo") / "demo.db"
    build_demo_journal(path, passphrase, seed=7, today=TODAY)
    close_journal()
    return path


@pytest.fixture
def demo(demo_file, passphrase):
    """The demo journal, open; maps a name to the person's id."""
    open_again(demo_file, passphrase)
    yield lambda name: people.find_person(name).id
    close_journal()


def brief_of(person_id: int):
    [person] = gather_brief([person_id], TODAY).people
    return person


def values(exchanges: list[BriefExchange]) -> list[tuple[int, str, str, dt.date]]:
    return [(e.points, e.category, e.description, e.day) for e in exchanges]


# ---- gathered from the demo journal ------------------------------------------------------


def test_zoe_header_status_and_last_three_conversations(demo):
    zoe = brief_of(demo("Zoë Brontë-Nuñez"))
    assert (zoe.name, zoe.role, zoe.organisation) == (
        "Zoë Brontë-Nuñez",
        "Head of Partnerships",
        "Acme Robotics",
    )
    assert zoe.how_met == "Sat next to each other at Web Summit in Lisbon"
    assert zoe.met_on == dt.date(2025, 2, 25)  # 640 days before today
    assert zoe.introduced_by == ""
    assert zoe.tags == ["client", "partner"]
    assert zoe.last_contact == TODAY
    assert zoe.cadence_days == 21  # her own
    # In the window (2025-11-28 … today): given 1+2+3+3, received 1+2+5+3+4+3.
    assert zoe.status == WIN_WIN
    assert zoe.explanation == "You gave 9 points and received 18 in the last 12 months."
    assert [(i.day, i.title, i.kind) for i in zoe.last_interactions] == [
        (dt.date(2026, 11, 27), "Remote demo for Acme Robotics", "video call"),
        (dt.date(2026, 4, 28), "Quarterly review at Acme Robotics", "meeting"),
        (dt.date(2026, 3, 24), "Messages with Zoë about the pilot scope", "message"),
    ]
    assert zoe.last_interactions[0].exchanges == []
    assert [
        (e.direction, e.category, e.points, e.description)
        for e in zoe.last_interactions[2].exchanges
    ] == [
        ("received", "advice", 4, "advice on the term sheet"),
        ("given", "business", 3, "ordered a batch of sensors"),
        ("given", "help/time", 3, "ran a workshop for their team"),
    ]
    assert zoe.last_interactions[2].others == []
    # Every figure for the review window; the totals for all time apart.
    assert (zoe.total_given, zoe.total_received) == (13, 20)
    assert round(zoe.trend, 2) == -1.51  # points a month: lately she gives more
    # Her notes' "Talking points" join her talking points and leave the notes.
    assert zoe.noted_points == ["Their Series B timing", "The joint case study"]
    assert "Talking points" not in zoe.notes
    assert [(c.name, c.status) for c in zoe.colleagues] == [("Begoña Ibáñez", YOU_GIVE_MORE)]


def test_zoe_given_and_received_in_the_last_12_months_largest_first(demo):
    zoe = brief_of(demo("Zoë Brontë-Nuñez"))
    # 2025-09-12 and 2025-11-05 (given) and 2025-10-31 (received) are older than 12 months.
    assert values(zoe.given) == [
        (3, "help/time", "ran a workshop for their team", dt.date(2026, 3, 24)),
        (3, "business", "ordered a batch of sensors", dt.date(2026, 3, 24)),
        (2, "endorsement", "LinkedIn recommendation", dt.date(2026, 2, 13)),
        (1, "help/time", "proofread a blog post", dt.date(2025, 12, 18)),
    ]
    assert values(zoe.received) == [
        (5, "business", "closed the framework agreement", dt.date(2026, 1, 30)),
        (4, "advice", "advice on the term sheet", dt.date(2026, 3, 24)),
        (3, "knowledge", "industry salary survey", dt.date(2026, 4, 28)),
        (3, "help/time", "reviewed our contract draft", dt.date(2026, 2, 13)),
        (2, "endorsement", "testimonial for our website", dt.date(2025, 12, 18)),
        (1, "gift", "a bottle of Żubrówka", dt.date(2025, 12, 1)),
    ]
    assert (zoe.given_points, zoe.received_points) == (9, 18)
    # The chart covers the whole history: 13 given and 20 received in all.
    last = zoe.balance_points[-1]
    assert (last.cumulative_given, last.cumulative_received) == (13, 20)


def test_zoe_promise_and_suggestion(demo):
    zoe = brief_of(demo("Zoë Brontë-Nuñez"))
    assert [(p.text, p.due, p.overdue, p.when) for p in zoe.i_owe] == [
        ("Review their proposal on pricing", dt.date(2026, 11, 29), False, "due in 2 days")
    ]
    assert zoe.they_owe == []
    assert zoe.suggestions == ["You promised: Review their proposal on pricing — due in 2 days."]
    assert zoe.notes.startswith("## Context\n- Runs partnerships for the warehouse robots line")
    assert zoe.talking_points == ""


def test_ingrid_overdue_promise_and_tag_cadence(demo):
    ingrid = brief_of(demo("Ingrid Håkansson"))
    assert ingrid.cadence_days == 90  # from the "investor" tag
    assert ingrid.last_contact == dt.date(2026, 10, 27)  # 31 days: within the cadence
    assert [(p.text, p.overdue, p.when) for p in ingrid.i_owe] == [
        ("Send the workshop slides", True, "overdue by 19 days")
    ]
    assert ingrid.suggestions == ["You promised: Send the workshop slides — overdue by 19 days."]
    assert values(ingrid.given)[:4] == [
        (4, "business", "signed a paid pilot with them", dt.date(2026, 1, 1)),
        (3, "introduction", "intro to a logistics buyer in Hamburg", dt.date(2026, 4, 7)),
        # Equal points: the more recent first.
        (2, "knowledge", "shared the market map", dt.date(2026, 2, 23)),
        (2, "gift", "tickets to a Slush side event", dt.date(2025, 12, 12)),
    ]
    assert (ingrid.given_points, ingrid.received_points) == (12, 8)


def test_piotr_was_introduced_by_zoe_and_owes_a_promise(demo):
    piotr = brief_of(demo("Piotr Kowalski"))
    assert piotr.introduced_by == "Zoë Brontë-Nuñez"
    assert piotr.cadence_days == 30  # "client" tag
    assert [(p.owed_by, p.text, p.when) for p in piotr.they_owe] == [
        (THEY_OWE, "Confirm the pilot budget", "due in 2 days")
    ]
    assert piotr.suggestions == [
        "They promised: Confirm the pilot budget — due in 2 days; ask how it is going.",
        "Lately: “Piotr wants a decision by the end of the month” — can you help with that?",
    ]
    # The last conversation's notes, on one line.
    assert piotr.last_interactions[0].note == (
        "Discussed the renewal. · Piotr wants a decision by the end of the month · "
        "Send a one-pager before the next call"
    )
    assert [c.name for c in piotr.colleagues] == ["Käthe Schröder", "Łukasz Wróbel"]


def test_minh_gave_the_last_five_times_and_is_overdue(demo):
    minh = brief_of(demo("Minh Hoang"))
    assert minh.status == YOU_TAKE_MORE
    assert minh.cadence_days == 60  # the journal's default: "supplier" has none
    assert minh.suggestions == [
        "No contact for 133 days; your cadence is 60.",
        "They gave the last 5 times — consider offering something.",
        "You owe them: you received 17 points and gave 0 in the last 12 months. "
        "Look for a way to give back.",
    ]


def test_a_meeting_brief_keeps_the_order_given_and_each_person_once(demo):
    ids = [demo("Piotr Kowalski"), demo("Zoë Brontë-Nuñez"), demo("Piotr Kowalski")]
    brief = gather_brief(ids, TODAY)
    assert brief.names == ["Piotr Kowalski", "Zoë Brontë-Nuñez"]
    assert brief.value_window == "the last 12 months"


# ---- gathered from small hand-made journals ---------------------------------------------


def test_talking_points_are_saved_with_the_person(journal):
    ada = people.add_person("Ada", talking_points="  - Ask about **the board**  ")
    assert people.get_person(ada.id).talking_points == "- Ask about **the board**"
    people.edit_person(ada.id, talking_points="Congratulate on the launch")
    assert brief_of(ada.id).talking_points == "Congratulate on the launch"


def test_someone_never_met(journal):
    ada = people.add_person("Ada")
    brief = brief_of(ada.id)
    assert brief.last_contact is None
    assert brief.last_interactions == [] and brief.given == [] and brief.balance_points == []
    assert brief.explanation == "No exchanges yet — too early to judge."
    assert brief.suggestions == ["Nothing is logged with them yet: note what each side can offer."]


def test_the_12_months_end_today_and_start_364_days_before(journal):
    ada = people.add_person("Ada")

    def exchange(day: dt.date, points: int, what: str) -> None:
        interactions.log_interaction(
            day, what, [ada.id], exchanges=[ExchangeData(ada.id, "given", "advice", points, what)]
        )

    exchange(TODAY - dt.timedelta(days=365), 5, "just too old")
    exchange(TODAY - dt.timedelta(days=364), 1, "first day of the window")
    exchange(TODAY + dt.timedelta(days=1), 4, "tomorrow")
    brief = brief_of(ada.id)
    assert [e.description for e in brief.given] == ["first day of the window"]
    assert [p.day for p in brief.balance_points] == [
        TODAY - dt.timedelta(days=365),
        TODAY - dt.timedelta(days=364),
    ]


def test_unknown_and_deleted_people_are_refused(journal):
    ada = people.add_person("Ada")
    people.delete_person(ada.id)
    with pytest.raises(NotFound, match="Ada is in the trash"):
        gather_brief([ada.id], TODAY)
    with pytest.raises(NotFound, match="no longer exists"):
        gather_brief([999], TODAY)
    with pytest.raises(NotFound, match="at least one person"):
        gather_brief([], TODAY)


def test_kept_promises_are_not_in_the_brief(journal):
    ada = people.add_person("Ada")
    kept = promises.add_promise(ada.id, I_OWE, "Send the deck", TODAY)
    promises.set_status(kept.id, KEPT, TODAY)
    promises.add_promise(ada.id, THEY_OWE, "An intro", None)
    brief = brief_of(ada.id)
    assert brief.i_owe == []
    assert [(p.text, p.due, p.when, p.overdue) for p in brief.they_owe] == [
        ("An intro", None, "", False)
    ]


# ---- suggestions, from plain values ------------------------------------------------------


def suggest(**given):
    facts = {
        "today": TODAY,
        "directions": [],
        "status": WIN_WIN,
        "given_window": 6,
        "received_window": 5,
        "window_days": 365,
        "open_promises": [],
        "last_contact": TODAY,
        "cadence_days": 60,
    }
    facts.update(given)
    return suggest_talking_points(**facts)


def promise(owed_by: str, text: str, due: dt.date | None, status: str = OPEN, id: int = 1):
    return PromiseInfo(id, 1, "Zoë", owed_by, text, due, status)


def test_nothing_to_suggest_for_a_healthy_relationship():
    assert suggest(directions=["given", "received", "given"]) == []


def test_they_gave_the_last_three_times():
    assert suggest(directions=["given", "received", "received", "received"]) == [
        "They gave the last 3 times — consider offering something."
    ]
    assert suggest(directions=["received", "given", "received", "received"]) == []


def test_you_gave_the_last_four_times():
    assert suggest(directions=["given"] * 4) == [
        "You gave the last 4 times — it is fair to ask for something back."
    ]


def test_no_contact_past_the_cadence():
    assert suggest(last_contact=TODAY - dt.timedelta(days=94)) == [
        "No contact for 94 days; your cadence is 60."
    ]
    assert suggest(last_contact=TODAY - dt.timedelta(days=60)) == []


def test_promises_due_within_a_week_or_overdue_most_pressing_first():
    found = suggest(
        open_promises=[
            promise(I_OWE, "the shortlist", TODAY + dt.timedelta(days=2), id=1),
            promise(I_OWE, "the slides", TODAY - dt.timedelta(days=3), id=2),
            promise(I_OWE, "a far-off report", TODAY + dt.timedelta(days=8), id=3),
            promise(I_OWE, "an undated favour", None, id=4),
            promise(I_OWE, "a dropped idea", TODAY, status="dropped", id=5),
            promise(THEY_OWE, "the NDA", TODAY - dt.timedelta(days=1), id=6),
        ],
        last_contact=TODAY - dt.timedelta(days=70),
    )
    assert found == [
        "You promised: the slides — overdue by 3 days.",
        "You promised: the shortlist — due in 2 days.",
        "No contact for 70 days; your cadence is 60.",
        "They promised: the NDA — overdue by 1 day; ask how it is going.",
    ]


def test_past_three_promises_each_way_the_rest_are_counted():
    mine = [promise(I_OWE, f"mine {n}", TODAY - dt.timedelta(days=10 - n), id=n) for n in range(5)]
    theirs = [promise(THEY_OWE, f"theirs {n}", TODAY, id=10 + n) for n in range(4)]
    assert suggest(open_promises=mine + theirs) == [
        "You promised: mine 0 — overdue by 10 days.",
        "You promised: mine 1 — overdue by 9 days.",
        "You promised: mine 2 — overdue by 8 days.",
        "And 2 more of your promises are overdue or due within a week.",
        "They promised: theirs 0 — due today; ask how it is going.",
        "They promised: theirs 1 — due today; ask how it is going.",
        "They promised: theirs 2 — due today; ask how it is going.",
        "And 1 more of their promises is overdue or due within a week.",
    ]


def test_one_sided_and_quiet_relationships():
    assert suggest(status=YOU_TAKE_MORE, given_window=1, received_window=9) == [
        "You owe them: you received 9 points and gave 1 in the last 12 months. "
        "Look for a way to give back."
    ]
    assert suggest(status=YOU_GIVE_MORE, given_window=1, received_window=0, window_days=90) == [
        "One-sided: you gave 1 point and received 0 in the last 3 months. Say what would help you."
    ]
    assert suggest(status=QUIET, given_window=0, received_window=0) == [
        "Nothing changed hands in the last 12 months: what could you offer to restart?"
    ]


# ---- what to give next (pure) ------------------------------------------------------------


def test_what_to_give_next_follows_the_category_that_mattered_most():
    assert suggest_what_to_give(
        name="Zoë Brontë-Nuñez",
        given_by_category={"introduction": 12, "advice": 4, "gift": 2},
        notes=[],
    ) == ["Introductions mattered most to Zoë (12 of 18 points): who could you introduce Zoë to?"]


def test_what_to_give_next_only_when_the_data_supports_it():
    # Too few points, no clear leader, or nothing given: nothing suggested.
    assert suggest_what_to_give(name="Ada", given_by_category={"advice": 3}, notes=[]) == []
    assert (
        suggest_what_to_give(name="Ada", given_by_category={"advice": 6, "gift": 6}, notes=[]) == []
    )
    assert (
        suggest_what_to_give(
            name="Ada", given_by_category={"a": 5, "b": 5, "c": 4, "d": 4}, notes=[""]
        )
        == []
    )
    assert suggest_what_to_give(name="Ada", given_by_category={}, notes=["Good lunch."]) == []


def test_what_they_asked_for_lately_is_suggested_from_the_newest_note():
    assert suggest_what_to_give(
        name="Begoña Ibáñez",
        given_by_category={"custom thing": 9},
        notes=["", "Good energy. Begoña asked about the market map. Follow up.", "Needs a CFO."],
    ) == [
        "Custom thing mattered most to Begoña (9 of 9 points): what more could you offer Begoña?",
        "Lately: “Begoña asked about the market map” — can you help with that?",
    ]
