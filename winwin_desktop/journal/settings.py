"""The journal's own settings, stored in the journal so they travel with it."""

from __future__ import annotations

import copy
from typing import Any

from winwin_desktop.analytics import StatusRules
from winwin_desktop.journal.errors import ValidationError
from winwin_desktop.store import recording
from winwin_desktop.store.models import Setting

POINTS_SCALE = {
    1: "courtesy",
    2: "useful",
    3: "meaningful",
    4: "major — it changed something",
    5: "exceptional — a deal, a job, a key introduction",
}

DEFAULTS: dict[str, Any] = {
    "kinds": [
        "meeting",
        "call",
        "video call",
        "email",
        "message",
        "meal",
        "event",
        "introduction",
        "referral",
        "other",
    ],
    "categories": [
        "advice",
        "introduction",
        "referral",
        "business",
        "knowledge",
        "help/time",
        "gift",
        "endorsement",
        "other",
    ],
    # How a relationship is judged: StatusRules holds the defaults.
    "review_window_days": StatusRules().window_days,
    "ratio_threshold": StatusRules().ratio,
    "min_exchanges": StatusRules().min_exchanges,
    "default_cadence_days": 60,
    # Automatic snapshots kept: the last N days, then the last N weeks before those.
    "backups_daily_kept": 7,
    "backups_weekly_kept": 4,
    # A passphrase-protected journal locks after this many idle minutes; 0 never.
    "lock_after_minutes": 0,
    # The user's own email addresses (journal/my_addresses.py): never a person.
    "my_addresses": [],
    # The calendar file or folder the agenda reads (journal/agenda.py); "" for none.
    "calendar_path": "",
    # The brief's paper ("a4", "letter", "legal", "a5"); "" for the locale's.
    "brief_paper": "",
    # The user's answers to an import's "maybe the same as …" (journal/importing/remembered.py).
    "import_decisions": {},
    "prompts": [
        "Who did I help today?",
        "Who helped me?",
        "What did I promise, and to whom?",
        "Which relationship needs care this week?",
    ],
}


def get_setting(key: str) -> Any:
    if key not in DEFAULTS:
        raise KeyError(key)
    row = Setting.get_or_none(Setting.key == key)
    return stored_or_default(key, {} if row is None else {key: row.value})


def stored_settings(keys: tuple[str, ...]):
    """The query of the stored settings among ``keys``, as (key, value) rows: read with
    other queries, then answered by :func:`stored_or_default`."""
    return Setting.select(Setting.key, Setting.value).where(Setting.key.in_(keys)).tuples()


def stored_or_default(key: str, stored: dict[str, Any]) -> Any:
    """The setting ``key`` from ``stored`` (settings read by the caller, by key), or its
    default when the journal holds none."""
    return stored[key] if key in stored else copy.deepcopy(DEFAULTS[key])


def set_setting(key: str, value: Any) -> None:
    if key not in DEFAULTS:
        raise KeyError(key)
    with recording(f"Change setting {key}"):
        row = Setting.get_or_none(Setting.key == key) or Setting(key=key)
        row.value = value
        row.save()


def kinds() -> list[str]:
    return get_setting("kinds")


def categories() -> list[str]:
    return get_setting("categories")


# What each user-extensible list holds, in the words of the refusal of an empty one.
CHOICE_LISTS = {"kinds": "interaction kind", "categories": "exchange category"}


def clean_choices(key: str, lines) -> list[str]:
    """The kinds or categories as the user typed them, one a line: spaces tidied, blank
    lines and repeats (ignoring case) dropped. An empty list is refused: the Log dialog
    needs something to choose. Values removed here stay on the interactions and
    exchanges that use them."""
    what = CHOICE_LISTS[key]
    cleaned: list[str] = []
    for line in lines:
        value = " ".join(str(line).split())
        if value and value.casefold() not in {c.casefold() for c in cleaned}:
            if len(value) > 60:
                raise ValidationError(key, f"Keep each {what} under 60 characters.")
            cleaned.append(value)
    if not cleaned:
        raise ValidationError(key, f"Keep at least one {what}; the Log dialog needs one.")
    return cleaned
