"""Win-win status, balance and series computed from plain exchange records.

Pure functions: no Qt, no database. The journal layer turns stored exchanges into
:class:`ExchangeRecord` values and the GUI, the brief, the CLI and the exports all read
the same numbers from here (see DESIGN.md, "Win-win status").

The review window is the last ``window_days`` days *including today*: its first day is
``today - (window_days - 1)`` and its last day is ``today``. Exchanges dated after
``today`` are outside the window.
"""

import datetime
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import cache
from operator import attrgetter

GIVEN = "given"
RECEIVED = "received"
DIRECTIONS = (GIVEN, RECEIVED)

NEW = "new"
WIN_WIN = "win-win"
YOU_GIVE_MORE = "you give more"
YOU_TAKE_MORE = "you take more"
QUIET = "quiet"
STATUSES = (NEW, WIN_WIN, YOU_GIVE_MORE, YOU_TAKE_MORE, QUIET)

MIN_POINTS = 1
MAX_POINTS = 5

# Average Gregorian month, used to word the window ("12 months") and to scale the trend.
_DAYS_PER_MONTH = 365.2425 / 12
_TREND_PERIOD_DAYS = 30


@dataclass(frozen=True)
class ExchangeRecord:
    """One exchange as the analytics see it.

    The caller has already left out deleted exchanges and exchanges of deleted
    interactions; every record here counts.
    """

    person_id: int
    day: datetime.date  # the interaction's date
    direction: str  # "given" (by me to them) or "received" (by me from them)
    points: int  # 1..5
    category: str
    interaction_id: int
    title: str  # the interaction's title
    # The team member who gave or received; None on a journal without members (and for
    # what was logged on a server journal before it had any).
    member_id: int | None = None

    def __post_init__(self) -> None:
        if self.direction not in DIRECTIONS:
            raise ValueError(
                f"An exchange must be 'given' or 'received', not {self.direction!r}; "
                "fix the exchange's direction."
            )
        if not MIN_POINTS <= self.points <= MAX_POINTS:
            raise ValueError(
                f"An exchange is worth {MIN_POINTS} to {MAX_POINTS} points, not "
                f"{self.points}; fix the exchange's points."
            )


@dataclass(frozen=True)
class StatusRules:
    """The journal's settings for judging a relationship."""

    window_days: int = 365
    ratio: float = 2.5
    min_exchanges: int = 3

    def __post_init__(self) -> None:
        if self.window_days < 1:
            raise ValueError("The review window must be at least 1 day; choose a longer window.")
        if self.ratio < 1:
            raise ValueError("The win-win ratio must be at least 1; choose a larger ratio.")
        if self.min_exchanges < 0:
            raise ValueError("The minimum number of exchanges cannot be negative; use 0 or more.")


@dataclass(frozen=True)
class MonthPoint:
    """Points given and received in one calendar month, with running totals."""

    month: datetime.date  # first day of the month
    given: int
    received: int
    cumulative_given: int
    cumulative_received: int
    balance: int  # cumulative_given - cumulative_received


@dataclass(frozen=True)
class BalancePoint:
    """The running balance just after one exchange, with that exchange's interaction."""

    day: datetime.date
    cumulative_given: int
    cumulative_received: int
    balance: int  # cumulative_given - cumulative_received
    interaction_id: int
    title: str
    points: int
    direction: str


@dataclass(frozen=True)
class PersonBalance:
    """Everything the people list and the overview show about one relationship.

    ``person_id`` is 0 for a group (a tag or the whole network).
    """

    person_id: int
    status: str
    given_window: int
    received_window: int
    given_total: int
    received_total: int
    balance: int  # given_total - received_total
    exchanges: int  # ever, not only inside the window
    explanation: str


def window_first_day(today: datetime.date, rules: StatusRules) -> datetime.date:
    """The first day of the review window that ends on ``today`` (inclusive)."""
    return today - datetime.timedelta(days=rules.window_days - 1)


def window_totals(
    records: Iterable[ExchangeRecord], today: datetime.date, rules: StatusRules
) -> tuple[int, int]:
    """Points given and received inside the review window, as ``(G, R)``.

    The window runs from ``today - (window_days - 1)`` to ``today``, both included.
    """
    tally = _Tally()
    tally.add_all(records, window_first_day(today, rules), today)
    return tally.given_window, tally.received_window


def win_win_status(
    records: Iterable[ExchangeRecord], today: datetime.date, rules: StatusRules
) -> str:
    """The relationship's status, one of :data:`STATUSES` (DESIGN.md, "Win-win status").

    ``new`` counts every record ever, not only those inside the window; a ratio exactly
    equal to ``rules.ratio`` is still win-win.
    """
    tally = _Tally()
    tally.add_all(records, window_first_day(today, rules), today)
    return tally.status(rules)


def status_explanation(
    records: Iterable[ExchangeRecord], today: datetime.date, rules: StatusRules
) -> str:
    """One plain sentence that says why the relationship has its status."""
    tally = _Tally()
    tally.add_all(records, window_first_day(today, rules), today)
    return tally.explanation(tally.status(rules), rules)


def person_balances(
    records: Iterable[ExchangeRecord], today: datetime.date, rules: StatusRules
) -> dict[int, PersonBalance]:
    """Status and totals for every person who has at least one record.

    One pass over the records, so a whole journal is cheap to summarise.
    """
    first_day = window_first_day(today, rules)
    tallies: dict[int, _Tally] = {}
    for record in records:
        tally = tallies.get(record.person_id)
        if tally is None:
            tally = tallies[record.person_id] = _Tally()
        tally.add(record, first_day, today)
    return {person_id: tally.summary(person_id, rules) for person_id, tally in tallies.items()}


def group_balance(
    records: Iterable[ExchangeRecord], today: datetime.date, rules: StatusRules
) -> PersonBalance:
    """Status and totals for a set of records taken together (a tag, the whole network).

    The summary's ``person_id`` is 0.
    """
    tally = _Tally()
    tally.add_all(records, window_first_day(today, rules), today)
    return tally.summary(0, rules)


def category_totals(
    records: Iterable[ExchangeRecord], today: datetime.date, rules: StatusRules
) -> dict[str, tuple[int, int]]:
    """Points ``(given, received)`` per category inside the review window.

    Only categories with an exchange inside the window appear, sorted by name.
    """
    first_day = window_first_day(today, rules)
    totals: dict[str, list[int]] = {}
    for record in records:
        if first_day <= record.day <= today:
            pair = totals.setdefault(record.category, [0, 0])
            pair[0 if record.direction == GIVEN else 1] += record.points
    return {category: (pair[0], pair[1]) for category, pair in sorted(totals.items())}


def monthly_series(
    records: Iterable[ExchangeRecord],
    start: datetime.date | None = None,
    end: datetime.date | None = None,
) -> list[MonthPoint]:
    """Points per calendar month, every month from ``start`` to ``end`` (empty ones too).

    ``start`` defaults to the first record's month and ``end`` to the last record's
    month (or to ``start``'s month when there are no records). Records before ``start``
    are not shown as months but are carried into the running totals, so the balance is
    the same as over the whole history; records after ``end``'s month are left out.
    """
    per_month: dict[datetime.date, list[int]] = {}
    for record in records:
        pair = per_month.setdefault(_month_of(record.day), [0, 0])
        pair[0 if record.direction == GIVEN else 1] += record.points

    if start is not None:
        first = _month_of(start)
    elif per_month:
        first = min(per_month)
    else:
        return []
    if end is not None:
        last = _month_of(end)
    elif per_month:
        last = max(per_month)
    else:
        last = first

    cumulative_given = sum(pair[0] for month, pair in per_month.items() if month < first)
    cumulative_received = sum(pair[1] for month, pair in per_month.items() if month < first)
    series = []
    month = first
    while month <= last:
        given, received = per_month.get(month, (0, 0))
        cumulative_given += given
        cumulative_received += received
        series.append(
            MonthPoint(
                month=month,
                given=given,
                received=received,
                cumulative_given=cumulative_given,
                cumulative_received=cumulative_received,
                balance=cumulative_given - cumulative_received,
            )
        )
        month = _next_month(month)
    return series


@dataclass(frozen=True)
class RunningTotals:
    """The running totals after each record, oldest first, as columns.

    A chart of thousands of exchanges reads the columns; :meth:`point` makes the
    :class:`BalancePoint` of one exchange when it is needed (under the mouse).
    """

    records: list[ExchangeRecord]  # in order: by day, then interaction id
    cumulative_given: list[int]
    cumulative_received: list[int]

    def __len__(self) -> int:
        return len(self.records)

    def point(self, index: int) -> BalancePoint:
        """The running balance just after the ``index``-th record."""
        record = self.records[index]
        given, received = self.cumulative_given[index], self.cumulative_received[index]
        return BalancePoint(
            day=record.day,
            cumulative_given=given,
            cumulative_received=received,
            balance=given - received,
            interaction_id=record.interaction_id,
            title=record.title,
            points=record.points,
            direction=record.direction,
        )


def running_totals(records: Iterable[ExchangeRecord]) -> RunningTotals:
    """The records in order and the running totals after each.

    Records are ordered by day, then by interaction id; records that tie on both keep
    the order they were given in.
    """
    ordered = sorted(records, key=attrgetter("day", "interaction_id"))
    given_totals, received_totals = [], []
    given = received = 0
    for record in ordered:
        if record.direction == GIVEN:
            given += record.points
        else:
            received += record.points
        given_totals.append(given)
        received_totals.append(received)
    return RunningTotals(ordered, given_totals, received_totals)


def cumulative_series(records: Iterable[ExchangeRecord]) -> list[BalancePoint]:
    """The running balance after each record, oldest first (ordered as
    :func:`running_totals` orders them)."""
    totals = running_totals(records)
    return [totals.point(index) for index in range(len(totals))]


def balance_trend(
    records: Iterable[ExchangeRecord], today: datetime.date, rules: StatusRules
) -> float:
    """How fast the balance moves inside the window, in points per 30 days.

    The balance (cumulative given − cumulative received over the whole history) is
    taken at the end of each day with an exchange inside the window, and the slope is
    fitted by ordinary least squares. Positive means I give more and more; 0.0 when the
    window holds fewer than two days with an exchange.
    """
    first_day = window_first_day(today, rules)
    net_per_day: dict[datetime.date, int] = {}
    for record in records:
        if record.day <= today:
            signed = record.points if record.direction == GIVEN else -record.points
            net_per_day[record.day] = net_per_day.get(record.day, 0) + signed

    xs: list[float] = []
    ys: list[float] = []
    balance = 0
    for day in sorted(net_per_day):
        balance += net_per_day[day]
        if day >= first_day:
            xs.append(float((day - first_day).days))
            ys.append(float(balance))
    if len(xs) < 2:
        return 0.0

    mean_x = sum(xs) / len(xs)
    mean_y = sum(ys) / len(ys)
    covariance = sum((x - mean_x) * (y - mean_y) for x, y in zip(xs, ys, strict=True))
    variance = sum((x - mean_x) ** 2 for x in xs)
    return covariance / variance * _TREND_PERIOD_DAYS


def _whole_months(window_days: int) -> int | None:
    """The window in whole months, when it is one (within 2 %: 90 → 3, 180 → 6)."""
    months = round(window_days / _DAYS_PER_MONTH)
    if months >= 1 and abs(window_days - months * _DAYS_PER_MONTH) <= 0.02 * window_days:
        return months
    return None


@cache  # asked once per person by a status table: 10,000 times for the same answer
def describe_window(window_days: int) -> str:
    """The window in words: "the last 12 months", "the last month", "the last 45 days"."""
    months = _whole_months(window_days)
    if months:
        return "the last month" if months == 1 else f"the last {months} months"
    return "the last day" if window_days == 1 else f"the last {window_days} days"


def window_abbreviation(window_days: int) -> str:
    """The window in a column header's few letters: "12 mo", "3 mo", "45 d"."""
    months = _whole_months(window_days)
    return f"{months} mo" if months else f"{window_days} d"


def balance_from_counts(
    person_id: int,
    rules: StatusRules,
    *,
    exchanges: int,
    exchanges_window: int,
    given_window: int,
    received_window: int,
    given_total: int,
    received_total: int,
) -> PersonBalance:
    """The same summary as :func:`person_balances`, from counts already added up elsewhere
    (for example by a database query over a large journal)."""
    tally = _Tally()
    tally.exchanges = exchanges
    tally.exchanges_window = exchanges_window
    tally.given_window = given_window
    tally.received_window = received_window
    tally.given_total = given_total
    tally.received_total = received_total
    return tally.summary(person_id, rules)


def balances_from_counts(
    counts: Mapping[int, tuple[int, ...]], person_ids: Iterable[int], rules: StatusRules
) -> dict[int, PersonBalance]:
    """:func:`balance_from_counts` for many people at once, through one tally: ``counts``
    maps a person to (exchanges, exchanges in the window, given in the window, received
    in the window, given ever, received ever); a person missing from it has no exchanges."""
    tally = _Tally()
    nothing = (0, 0, 0, 0, 0, 0)
    result = {}
    for person_id in person_ids:
        (
            tally.exchanges,
            tally.exchanges_window,
            tally.given_window,
            tally.received_window,
            tally.given_total,
            tally.received_total,
        ) = counts.get(person_id, nothing)
        result[person_id] = tally.summary(person_id, rules)
    return result


class _Tally:
    """Running counts for one person or group; the single code path behind every summary."""

    __slots__ = (
        "exchanges",
        "exchanges_window",
        "given_window",
        "received_window",
        "given_total",
        "received_total",
    )

    def __init__(self) -> None:
        self.exchanges = 0
        self.exchanges_window = 0
        self.given_window = 0
        self.received_window = 0
        self.given_total = 0
        self.received_total = 0

    def add(self, record: ExchangeRecord, first_day: datetime.date, today: datetime.date) -> None:
        self.exchanges += 1
        in_window = first_day <= record.day <= today
        if in_window:
            self.exchanges_window += 1
        if record.direction == GIVEN:
            self.given_total += record.points
            if in_window:
                self.given_window += record.points
        else:
            self.received_total += record.points
            if in_window:
                self.received_window += record.points

    def add_all(
        self, records: Iterable[ExchangeRecord], first_day: datetime.date, today: datetime.date
    ) -> None:
        for record in records:
            self.add(record, first_day, today)

    def status(self, rules: StatusRules) -> str:
        if self.exchanges < rules.min_exchanges:
            return NEW
        given, received = self.given_window, self.received_window
        if self.exchanges_window == 0:
            return QUIET
        if (
            given > 0
            and received > 0
            and max(given, received) / min(given, received) <= rules.ratio
        ):
            return WIN_WIN
        return YOU_GIVE_MORE if given > received else YOU_TAKE_MORE

    def explanation(self, status: str, rules: StatusRules) -> str:
        if status == NEW:
            if self.exchanges == 0:
                return "No exchanges yet — too early to judge."
            noun = "exchange" if self.exchanges == 1 else "exchanges"
            return f"Only {self.exchanges} {noun} so far — too early to judge."
        window = describe_window(rules.window_days)
        if status == QUIET:
            return f"No exchange in {window}."
        unit = "point" if self.given_window == 1 else "points"
        return (
            f"You gave {self.given_window} {unit} and received {self.received_window} in {window}."
        )

    def summary(self, person_id: int, rules: StatusRules) -> PersonBalance:
        status = self.status(rules)
        return PersonBalance(
            person_id=person_id,
            status=status,
            given_window=self.given_window,
            received_window=self.received_window,
            given_total=self.given_total,
            received_total=self.received_total,
            balance=self.given_total - self.received_total,
            exchanges=self.exchanges,
            explanation=self.explanation(status, rules),
        )


def _month_of(day: datetime.date) -> datetime.date:
    return day.replace(day=1)


def _next_month(month: datetime.date) -> datetime.date:
    if month.month == 12:
        return month.replace(year=month.year + 1, month=1)
    return month.replace(month=month.month + 1)
