"""The person timeline's rows read as words: an exchange as "gave · category · what"
with its points in their own column, a reflection without its Markdown marks."""

from __future__ import annotations

import datetime as dt

from winwin_desktop.journal import interactions, people, reflections
from winwin_desktop.journal.interactions import ExchangeData
from winwin_desktop.ui.timeline_rows import PADDING, wrapped_lines


def test_exchange_rows_and_reflection_rows_read_plainly(window):
    ada = people.add_person("Ada")
    day = dt.date(2026, 3, 2)
    interactions.log_interaction(
        day,
        "Offsite",
        [ada.id],
        exchanges=[
            ExchangeData(ada.id, "given", "other", 1, "lent them our meeting room"),
            ExchangeData(ada.id, "received", "advice", 4),
        ],
    )
    reflections.save_reflection(
        day - dt.timedelta(days=1), "- Emailed **@Ada** the _market map._\n- Booked the room"
    )
    window.open_person(ada.id)
    timeline = window.people_page.person_view.timeline
    offsite = timeline.topLevelItem(0)
    rows = [(offsite.child(i).text(1), offsite.child(i).text(2)) for i in range(2)]
    assert rows == [("gave · other · lent them our meeting room", "1"), ("received · advice", "4")]
    reflection = timeline.topLevelItem(1)
    assert reflection.text(1) == "Reflection: Emailed @Ada the market map. · Booked the room"


def test_a_reflection_row_wraps_to_be_read_whole_and_grows_when_narrowed(window, qtbot):
    ada = people.add_person("Ada")
    text = (
        "Long talk with @Ada about the pilot: the budget is approved, the legal review takes "
        "two more weeks, and she wants the rollout plan before the board meets in March."
    )
    reflections.save_reflection(dt.date(2026, 3, 1), text)
    window.resize(1280, 800)
    window.open_person(ada.id)
    timeline = window.people_page.person_view.timeline
    qtbot.waitUntil(timeline.isVisible)
    [row] = [timeline.topLevelItem(i) for i in range(timeline.topLevelItemCount())]
    line = timeline.fontMetrics().height()
    width = timeline.header().sectionSize(1) - 2 * PADDING - 8
    shown = wrapped_lines(row.text(1), timeline.font(), width)
    # Every word on screen, over several lines, and the row as tall as they are.
    assert " ".join(shown).replace("  ", " ") == f"Reflection: {text}"
    assert len(shown) >= 2
    assert timeline.visualItemRect(row).height() >= len(shown) * line
    before = timeline.visualItemRect(row).height()
    window.resize(window.minimumSizeHint().width(), 800)  # the What column narrows
    qtbot.waitUntil(lambda: timeline.visualItemRect(row).height() > before)
