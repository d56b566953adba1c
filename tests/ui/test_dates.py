"""Dates read as people say them, in the locale's words and order."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QDate, QLocale

from winwin_desktop.ui.dates import (
    date_edit_format,
    human_date,
    human_moment,
    long_date,
    short_date,
)

TODAY = dt.date(2026, 10, 25)  # a Sunday
UK = QLocale(QLocale.English, QLocale.UnitedKingdom)
US = QLocale(QLocale.English, QLocale.UnitedStates)
FRANCE = QLocale(QLocale.French, QLocale.France)


def test_short_dates_name_the_day_and_add_the_year_only_when_not_this_one():
    assert short_date(dt.date(2026, 10, 23), TODAY, UK) == "Fri 23 Oct"
    assert short_date(dt.date(2025, 3, 2), TODAY, UK) == "Sun 2 Mar 2025"
    assert short_date(dt.date(2026, 10, 23), TODAY, US) == "Fri Oct 23"
    assert short_date(dt.date(2025, 3, 2), TODAY, US) == "Sun Mar 2, 2025"
    assert short_date(dt.date(2026, 10, 23), TODAY, FRANCE) == "ven 23 oct"


def test_near_dates_read_as_distances():
    assert human_date(TODAY, TODAY, UK) == "today"
    assert human_date(dt.date(2026, 10, 24), TODAY, UK) == "yesterday"
    assert human_date(dt.date(2026, 10, 26), TODAY, UK) == "tomorrow"
    assert human_date(dt.date(2026, 10, 28), TODAY, UK) == "in 3 days"
    assert human_date(dt.date(2026, 10, 21), TODAY, UK) == "4 days ago"
    assert human_date(dt.date(2026, 10, 2), TODAY, UK) == "Fri 2 Oct"


def test_moments_have_their_time():
    now = dt.datetime(2026, 10, 25, 22, 0)
    assert human_moment(dt.datetime(2026, 10, 25, 9, 5), now, UK) == "today 09:05"
    assert human_moment(dt.datetime(2026, 10, 24, 21, 1), now, UK) == "yesterday 21:01"
    assert human_moment(dt.datetime(2026, 10, 20, 14, 3), now, UK) == "Tue 20 Oct 14:03"


def test_headings_spell_the_day_out_with_the_year_only_when_not_this_one():
    assert long_date(TODAY, TODAY, UK) == "Sunday 25 October"
    assert long_date(dt.date(2025, 3, 2), TODAY, UK) == "Sunday 2 March 2025"
    assert long_date(TODAY, TODAY, US) == "Sunday October 25"
    assert long_date(dt.date(2025, 3, 2), TODAY, US) == "Sunday March 2, 2025"


def test_date_fields_show_the_same_shape_with_the_year():
    friday = QDate(2026, 10, 23)
    assert UK.toString(friday, date_edit_format(UK)) == "Fri 23 Oct 2026"
    assert US.toString(friday, date_edit_format(US)) == "Fri Oct 23, 2026"
