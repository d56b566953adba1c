"""The brief as plain data: what ``journal.brief`` gathers and the writers render.

No Qt, no database. :class:`Artwork` is what the writers borrow from ``charts/`` (the
chart's and the status pills' colours), passed in by the caller.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field

from winwin_desktop.analytics import NEW, BalancePoint, describe_window


@dataclass(frozen=True)
class Artwork:
    """What the brief borrows from ``charts/``: each status's pill colours (background,
    text) and the balance chart's colours, by the names of ``chart.COLOUR_KEYS`` (none:
    no chart)."""

    status_colours: Mapping[str, tuple[str, str]] = field(default_factory=dict)
    chart: Mapping[str, str] | None = None


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
    note: str = ""  # the start of the interaction's notes, as one line of plain text


@dataclass(frozen=True)
class BriefPromise:
    owed_by: str  # "me" or "them"
    text: str
    due: dt.date | None
    overdue: bool
    when: str  # e.g. "due in 2 days", "overdue by 3 days"; empty without a due date


@dataclass(frozen=True)
class Colleague:
    """Someone else in the journal at the same organisation."""

    name: str
    status: str


@dataclass(frozen=True)
class PersonBrief:
    """One person's section of the brief. Every figure but the ``total_*`` ones is for
    the review window (``BriefData.window_days``)."""

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
    interaction_count: int = 0  # ever
    status: str = NEW
    explanation: str = ""
    trend: float = 0.0  # the balance's slope in the window, points a month (+: I give more)
    total_given: int = 0  # ever
    total_received: int = 0
    balance_points: list[BalancePoint] = field(default_factory=list)
    last_interactions: list[BriefInteraction] = field(default_factory=list)
    given: list[BriefExchange] = field(default_factory=list)  # in the window, largest first
    received: list[BriefExchange] = field(default_factory=list)
    i_owe: list[BriefPromise] = field(default_factory=list)  # open, soonest due first
    they_owe: list[BriefPromise] = field(default_factory=list)
    notes: str = ""  # Markdown, without its "Talking points" section
    talking_points: str = ""  # Markdown: the user's own
    noted_points: list[str] = field(default_factory=list)  # from the notes' "Talking points"
    suggestions: list[str] = field(default_factory=list)  # derived from the journal
    colleagues: list[Colleague] = field(default_factory=list)  # also at the organisation
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
    window_days: int = 365  # the review window every figure is given for
    meeting: str = ""  # the meeting's title and time, when the brief is for one

    @property
    def names(self) -> list[str]:
        return [person.name for person in self.people]

    @property
    def value_window(self) -> str:
        """The review window in words: "the last 12 months"."""
        return describe_window(self.window_days)
