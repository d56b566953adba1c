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
    assert (
        deleted_when(dt.datetime(2026, 11, 20, 13, 3), NOW, PARIS_WINTER) == "2026-11-20 14:03"
    )
    # 23:30 UTC on the 26th is already the 27th in Paris: today, not yesterday.
    assert deleted_when(dt.datetime(2026, 11, 26, 23, 30), NOW, PARIS_WINTER) == "today 00:30"


def test_the_trash_shows_no_utc(window):
    zoe = people.add_person("Zoe")
    window.open_person(zoe.id)
    window.people_page.person_view.delete_button.click()
    window.show_page(TRASH)
    text = window.trash_page.list.item(0).text()
    assert "deleted today " in text
    assert "UTC" not in text
