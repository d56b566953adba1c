"""Turning what a user typed into clean values, or one plain sentence saying what to fix."""

from __future__ import annotations

import datetime as dt

from winwin_desktop.journal.errors import ValidationError


def clean_name(name: str | None) -> str:
    name = " ".join((name or "").split())
    if not name:
        raise ValidationError("name", "Give the person a name.")
    if len(name) > 200:
        raise ValidationError("name", "Keep the name under 200 characters.")
    return name


def parse_date(value: str | dt.date | None, field: str = "date") -> dt.date:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    text = (value or "").strip()
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        shown = text or "An empty date"
        raise ValidationError(field, f"{shown} is not a date; write it as YYYY-MM-DD.") from None


def parse_optional_date(value: str | dt.date | None, field: str) -> dt.date | None:
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    return parse_date(value, field)


def clean_cadence(value: int | str | None) -> int | None:
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    try:
        days = int(value)
    except (TypeError, ValueError):
        days = 0
    if not 1 <= days <= 3650:
        raise ValidationError(
            "cadence", "The keep-in-touch cadence is a number of days from 1 to 3650."
        )
    return days


def clean_points(value: int | str) -> int:
    try:
        points = int(value)
    except (TypeError, ValueError):
        points = 0
    if not 1 <= points <= 5:
        raise ValidationError("points", f"Points go from 1 to 5, not {value}.")
    return points


def clean_choice(value: str, choices: list[str], field: str, what: str) -> str:
    wanted = (value or "").strip().casefold()
    for choice in choices:
        if choice.casefold() == wanted:
            return choice
    raise ValidationError(
        field, f"“{value}” is not a known {what}; use one of: {', '.join(choices)}."
    )


def clean_list(values) -> list[str]:
    seen: list[str] = []
    for value in values or ():
        value = " ".join(str(value).split())
        if value and value not in seen:
            seen.append(value)
    return seen
