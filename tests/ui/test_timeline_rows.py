"""The person timeline's rows read as words: an exchange as "gave · category · what"
with its points in their own column, a reflection without its Markdown marks."""

from __future__ import annotations

import datetime as dt

from winwin_desktop.journal import interactions, people, reflections
from winwin_desktop.journal.interactions import ExchangeData


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
