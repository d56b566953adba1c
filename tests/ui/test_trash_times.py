"""The Trash says when things were deleted in local time, the way people say it."""

from __future__ import annotations

import datetime as dt

from winwin_desktop.journal import people
from winwin_desktop.ui.main_window import TRASH
from winwin_desktop.ui.trash_page import deleted_when

PARIS_WINTER = dt.timezone(dt.timedelta(hours=1))
NOW = dt.datetime(2026, 11, 27, 22, 30, tzinfo=PARIS_WINTER)


def test_deletion_times_are_local_today_yesterday_or_the_date():
    # Stored naive UTC: 20:01 UTC is 21:01 in Paris in winter.
    assert deleted_when(dt.datetime(2026, 11, 27, 20, 1), NOW, PARIS_WINTER) == "today 21:01"
    assert deleted_when(dt.datetime(2026, 11, 26, 8, 12), NOW, PARIS_WINTER) == "yesterday 09:12"
    assert deleted_when(dt.datetime(2026, 11, 20, 13, 3), NOW, PARIS_WINTER) == "Fri 20 Nov 14:03"
    # 23:30 UTC on the 26th is already the 27th in Paris: today, not yesterday.
    assert deleted_when(dt.datetime(2026, 11, 26, 23, 30), NOW, PARIS_WINTER) == "today 00:30"


def test_the_trash_is_a_table_of_what_when_and_from_where(window):
    zoe = people.add_person("Zoe")
    window.open_person(zoe.id)
    window.people_page.person_view.delete_button.click()
    window.show_page(TRASH)
    table = window.trash_page.table
    headers = [table.horizontalHeaderItem(c).text() for c in range(table.columnCount())]
    assert headers == ["What", "Deleted", "From"]
    assert [table.item(0, c).text() for c in (0, 2)] == ["Zoe", "People"]
    assert table.item(0, 1).text().startswith("today ")
    assert "UTC" not in table.item(0, 1).text()
