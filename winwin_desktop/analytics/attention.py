"""Who needs attention, which promises are due, and the reflection habit — pure functions
over plain data, computed against an explicit ``today``."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field

from winwin_desktop.analytics.balance import YOU_GIVE_MORE, YOU_TAKE_MORE
from winwin_desktop.text import plural

I_OWE, THEY_OWE = "me", "them"
OPEN, KEPT, DROPPED = "open", "kept", "dropped"
PROMISE_STATUSES = (OPEN, KEPT, DROPPED)
DUE_HORIZON_DAYS = 7
# "Needs attention" is a short list a user can act on today, not everyone imperfect:
# a contact is drifting once past their cadence by half of it again (at least a week),
# and no longer once quiet for longer than the review window (a dormant relationship is
# the Overview's "quiet", not a daily reminder); a one-sided relationship is a reason on
# its own only when they are the one losing by this many points or more.
DRIFT_GRACE_FRACTION = 0.5
DRIFT_GRACE_MIN_DAYS = 7
LOSING_POINTS = 10


@dataclass(frozen=True)
class PromiseInfo:
    id: int
    person_id: int
    person_name: str
    owed_by: str  # I_OWE or THEY_OWE
    text: str
    due: dt.date | None
    status: str = OPEN
    interaction_id: int | None = None

    def is_overdue(self, today: dt.date) -> bool:
        return self.status == OPEN and self.due is not None and self.due < today

    def describe(self, today: dt.date) -> str:
        """E.g. "You promised Zoë: the shortlist — due in 2 days"."""
        who = (
            f"You promised {self.person_name}"
            if self.owed_by == I_OWE
            else f"{self.person_name} promised you"
        )
        return f"{who}: {self.text}{due_phrase(self.due, today)}"


@dataclass(frozen=True)
class ContactInfo:
    """What the attention rules need to know about one person."""

    person_id: int
    name: str
    last_contact: dt.date | None
    cadence_days: int
    status: str = "new"
    status_explanation: str = ""
    snoozed_until: dt.date | None = None
    archived: bool = False
    given_window: int = 0  # points, inside the review window
    received_window: int = 0


@dataclass(frozen=True)
class Attention:
    person_id: int
    name: str
    reasons: list[str] = field(default_factory=list)
    days_overdue: int | None = None
    one_sided: str | None = None
    overdue_promises: list[PromiseInfo] = field(default_factory=list)
    # Why they are on the list, most pressing first: "promise", "losing" or "drifting".
    priority: str = ""


def effective_cadence(own: int | None, tag_cadences: Iterable[int | None], default: int) -> int:
    """The person's own cadence, else the shortest of their tags', else the journal's."""
    if own:
        return own
    from_tags = [days for days in tag_cadences if days]
    return min(from_tags) if from_tags else default


def days_overdue(last_contact: dt.date | None, cadence_days: int, today: dt.date) -> int | None:
    """Days past the cadence (None when not overdue, or never contacted)."""
    if last_contact is None:
        return None
    late = (today - last_contact).days - cadence_days
    return late if late > 0 else None


def due_phrase(due: dt.date | None, today: dt.date) -> str:
    if due is None:
        return ""
    days = (due - today).days
    if days < 0:
        return f" — overdue by {plural(-days, 'day')}"
    if days == 0:
        return " — due today"
    if days == 1:
        return " — due tomorrow"
    return f" — due in {days} days"


def promises_due(
    promises: Iterable[PromiseInfo], today: dt.date, horizon_days: int = DUE_HORIZON_DAYS
) -> list[PromiseInfo]:
    """Open promises, both ways, overdue or due within ``horizon_days``; soonest first."""
    last_day = today + dt.timedelta(days=horizon_days)
    due = [p for p in promises if p.status == OPEN and p.due is not None and p.due <= last_day]
    return sorted(due, key=lambda p: (p.due, p.owed_by != I_OWE, p.id))


def is_drifting(
    last_contact: dt.date | None, cadence_days: int, today: dt.date, window_days: int = 365
) -> bool:
    """Past the cadence by half of it again (a week at least), and not yet dormant
    (quiet for longer than the review window)."""
    if last_contact is None:
        return False
    since = (today - last_contact).days
    grace = max(DRIFT_GRACE_MIN_DAYS, round(cadence_days * DRIFT_GRACE_FRACTION))
    return cadence_days + grace < since <= window_days


PRIORITIES = ("promise", "losing", "drifting")


def needs_attention(
    contacts: Iterable[ContactInfo],
    promises: Iterable[PromiseInfo],
    today: dt.date,
    window_days: int = 365,
) -> list[Attention]:
    """People who need care today, each with every reason, most pressing first.

    Someone is listed for an overdue promise either way (mine first), for a relationship
    where they are the one losing by :data:`LOSING_POINTS` or more inside the window, or
    for drifting (:func:`is_drifting`). Being the one who gives more, or a little late,
    is said as a reason only beside one of those. Archived people and people snoozed
    until today or later are left out.
    """
    overdue_by_person: dict[int, list[PromiseInfo]] = {}
    for promise in promises:
        if promise.is_overdue(today):
            overdue_by_person.setdefault(promise.person_id, []).append(promise)
    ranked = []
    for contact in contacts:
        if contact.archived or (contact.snoozed_until and contact.snoozed_until >= today):
            continue
        overdue = sorted(
            overdue_by_person.get(contact.person_id, []), key=lambda p: (p.owed_by != I_OWE, p.due)
        )
        losing_by = contact.received_window - contact.given_window
        losing = contact.status == YOU_TAKE_MORE and losing_by >= LOSING_POINTS
        drifting = is_drifting(contact.last_contact, contact.cadence_days, today, window_days)
        if not (overdue or losing or drifting):
            continue
        late = days_overdue(contact.last_contact, contact.cadence_days, today)
        reasons = []
        if late is not None and (drifting or (today - contact.last_contact).days <= window_days):
            since = (today - contact.last_contact).days
            reasons.append(f"No contact for {since} days; your cadence is {contact.cadence_days}.")
        one_sided = contact.status if contact.status in (YOU_GIVE_MORE, YOU_TAKE_MORE) else None
        if one_sided:
            side = (
                "You are the one losing"
                if one_sided == YOU_GIVE_MORE
                else "They are the one losing"
            )
            reasons.append(f"{side}: {contact.status_explanation}")
        reasons += [f"{p.describe(today)}." for p in overdue]
        if overdue:
            priority, tier = "promise", (0 if overdue[0].owed_by == I_OWE else 1)
            pressing = (today - overdue[0].due).days
        elif losing:
            priority, tier, pressing = "losing", 2, losing_by
        else:
            priority, tier = "drifting", 3
            pressing = round(100 * (late or 0) / max(contact.cadence_days, 1))
        attention = Attention(
            person_id=contact.person_id,
            name=contact.name,
            reasons=reasons,
            days_overdue=late,
            one_sided=one_sided,
            overdue_promises=overdue,
            priority=priority,
        )
        ranked.append(((tier, -pressing, contact.name), attention))
    return [attention for _, attention in sorted(ranked, key=lambda pair: pair[0])]


def reflection_streak(days: Iterable[dt.date], today: dt.date) -> int:
    """Consecutive days with a reflection, ending today — or yesterday, while today's
    reflection is still to be written."""
    written = set(days)
    day = today if today in written else today - dt.timedelta(days=1)
    streak = 0
    while day in written:
        streak += 1
        day -= dt.timedelta(days=1)
    return streak


def same_day_in(year: int, today: dt.date) -> dt.date:
    """``today``'s month and day in ``year``; 29 February falls back to the 28th."""
    try:
        return today.replace(year=year)
    except ValueError:
        return today.replace(year=year, day=28)


def on_this_day(today: dt.date, first_year: int) -> list[dt.date]:
    """The same calendar day in each earlier year from ``first_year``, latest first."""
    return [same_day_in(year, today) for year in range(today.year - 1, first_year - 1, -1)]
