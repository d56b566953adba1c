"""Dates as people read them on screen: "Fri 23 Oct", "yesterday", "in 3 days", with the
year only when it is not this one, in the system locale's words and order.

ISO dates stay in exports, the command line's ``--json`` and tooltips; every page and
dialog shows dates through this module so they all read the same.
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QLocale

# Within this many days either side, a date reads as a distance ("in 3 days").
NEAR_DAYS = 6


def _month_first(locale: QLocale) -> bool:
    """Whether the locale writes the month before the day (en_US: "Oct 23")."""
    pattern = locale.dateFormat(QLocale.ShortFormat).lower()
    day, month = pattern.find("d"), pattern.find("m")
    return 0 <= month < day


def date_edit_format(locale: QLocale | None = None) -> str:
    """A date field's display format in the same shape as :func:`short_date`, with the
    year: "Fri 23 Oct 2026" ("Fri Oct 23, 2026" where the month comes first)."""
    return "ddd MMM d, yyyy" if _month_first(locale or QLocale()) else "ddd d MMM yyyy"


def short_date(day: dt.date, today: dt.date | None = None, locale: QLocale | None = None) -> str:
    """ "Fri 23 Oct", or "Fri 23 Oct 2025" when not this year (in the locale's order)."""
    locale = locale or QLocale()
    today = today or dt.date.today()
    weekday = locale.dayName(day.isoweekday(), QLocale.ShortFormat).rstrip(".")
    month = locale.monthName(day.month, QLocale.ShortFormat).rstrip(".")
    text = (
        f"{weekday} {month} {day.day}" if _month_first(locale) else f"{weekday} {day.day} {month}"
    )
    if day.year != today.year:
        text += f"{',' if _month_first(locale) else ''} {day.year}"
    return text


def long_date(day: dt.date, today: dt.date | None = None, locale: QLocale | None = None) -> str:
    """A heading's date: "Saturday 5 December", "Friday 23 October 2025" when not this
    year (in the locale's words and order)."""
    locale = locale or QLocale()
    today = today or dt.date.today()
    weekday = locale.dayName(day.isoweekday(), QLocale.LongFormat)
    month = locale.monthName(day.month, QLocale.LongFormat)
    month_first = _month_first(locale)
    text = f"{weekday} {month} {day.day}" if month_first else f"{weekday} {day.day} {month}"
    if day.year != today.year:
        text += f"{',' if month_first else ''} {day.year}"
    return text


def human_date(day: dt.date, today: dt.date | None = None, locale: QLocale | None = None) -> str:
    """ "today", "yesterday", "tomorrow", "in 3 days", "4 days ago" near today; otherwise
    :func:`short_date`."""
    today = today or dt.date.today()
    days = (day - today).days
    if days == 0:
        return "today"
    if days == -1:
        return "yesterday"
    if days == 1:
        return "tomorrow"
    if 1 < days <= NEAR_DAYS:
        return f"in {days} days"
    if -NEAR_DAYS <= days < -1:
        return f"{-days} days ago"
    return short_date(day, today, locale)


def human_moment(
    moment: dt.datetime, now: dt.datetime | None = None, locale: QLocale | None = None
) -> str:
    """A local date and time: "today 21:01", "yesterday 09:12", "Fri 23 Oct 14:03"."""
    now = now or dt.datetime.now()
    days = (moment.date() - now.date()).days
    if days == 0:
        day = "today"
    elif days == -1:
        day = "yesterday"
    else:
        day = short_date(moment.date(), now.date(), locale)
    return f"{day} {moment:%H:%M}"
