"""The brief as plain data: what ``journal.brief`` gathers and the writers render.

No Qt, no database. :class:`Artwork` is what the writers borrow from ``charts/`` (the
chart and the status colours), passed in by the caller.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field

from winwin_desktop.analytics import NEW, BalancePoint, describe_window

# "What I gave and received" covers the last 12 months, whatever the review window.
VALUE_WINDOW_DAYS = 365

# (points, today, width in inches, height in inches, dots per inch) -> PNG bytes
ChartMaker = Callable[[Sequence[BalancePoint], dt.date, float, float, int], bytes]


@dataclass(frozen=True)
class Artwork:
    """What the brief shows but ``formats/`` does not draw: each status's pill colours
    (background, text) and the function that draws a person's balance chart (none: no
    chart)."""

    status_colours: Mapping[str, tuple[str, str]] = field(default_factory=dict)
    chart: ChartMaker | None = None


@dataclass(frozen=True)
class BriefExchange:
    """One exchange with the person: ``given`` by me, or ``received`` by me from them."""

    direction: str
    category: str
    points: int
    description: str = ""
    day: dt.date | None = None
    title: str = ""  # the interaction's title


@dataclass(frozen=True)
class BriefInteraction:
    day: dt.date
    kind: str
    title: str  # never empty: the kind stands in for a missing title
    others: list[str] = field(default_factory=list)  # the other participants' names
    exchanges: list[BriefExchange] = field(default_factory=list)  # with this person only


@dataclass(frozen=True)
class BriefPromise:
    owed_by: str  # "me" or "them"
    text: str
    due: dt.date | None
    overdue: bool
    when: str  # e.g. "due in 2 days", "overdue by 3 days"; empty without a due date


@dataclass(frozen=True)
class PersonBrief:
    """One person's section of the brief."""

    person_id: int
    name: str
    role: str = ""
    organisation: str = ""
    how_met: str = ""
    met_on: dt.date | None = None
    introduced_by: str = ""
    tags: list[str] = field(default_factory=list)
    last_contact: dt.date | None = None
    cadence_days: int = 0
    interaction_count: int = 0
    status: str = NEW
    explanation: str = ""
    balance_points: list[BalancePoint] = field(default_factory=list)
    last_interactions: list[BriefInteraction] = field(default_factory=list)
    given: list[BriefExchange] = field(default_factory=list)  # last 12 months, largest first
    received: list[BriefExchange] = field(default_factory=list)
    i_owe: list[BriefPromise] = field(default_factory=list)  # open, soonest due first
    they_owe: list[BriefPromise] = field(default_factory=list)
    notes: str = ""  # Markdown
    talking_points: str = ""  # Markdown: the user's own
    suggestions: list[str] = field(default_factory=list)  # derived from the journal
    photo: bytes | None = None  # as stored (JPEG, PNG...); the writers make a thumbnail

    @property
    def given_points(self) -> int:
        return sum(e.points for e in self.given)

    @property
    def received_points(self) -> int:
        return sum(e.points for e in self.received)


@dataclass(frozen=True)
class BriefData:
    """A brief for one person, or for a meeting with several (one section each)."""

    today: dt.date
    people: list[PersonBrief]
    value_window: str = describe_window(VALUE_WINDOW_DAYS)  # "the last 12 months"

    @property
    def names(self) -> list[str]:
        return [person.name for person in self.people]
