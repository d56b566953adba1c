"""Turning what a user typed into clean values, or one plain sentence saying what to fix."""

from __future__ import annotations

import datetime as dt

from winwin_desktop.journal.errors import ValidationError

# The longest name a person can have: typed longer, it is refused; imported longer, cut.
NAME_LIMIT = 200


def clean_name(name: str | None) -> str:
    name = " ".join((name or "").split())
    if not name:
        raise ValidationError("name", "Give the person a name.")
    if len(name) > NAME_LIMIT:
        raise ValidationError(
            "name",
            f"Keep the name to {NAME_LIMIT} characters (this one has {len(name)}); "
            "put the rest in the notes.",
        )
    return name


def cut_name(name: str) -> str:
    """An imported name as it is stored: spaces tidied, cut to ``NAME_LIMIT`` characters.
    Matching uses the same cut, so that importing the file again finds the person."""
    return " ".join(name.split())[:NAME_LIMIT].rstrip()


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
