"""The meeting brief: everything worth knowing about one person (or several) before
meeting them, gathered as the plain data of ``formats.brief.model`` for the writers.

:func:`suggest_talking_points` is pure (it takes plain values and an explicit ``today``),
so the suggestions are tested with hand-built cases; :func:`gather_brief` reads the
journal and hands it the facts.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping, Sequence

from winwin_desktop.analytics import (
    GIVEN,
    NEW,
    QUIET,
    RECEIVED,
    YOU_GIVE_MORE,
    YOU_TAKE_MORE,
    StatusRules,
    balance_trend,
    cumulative_series,
    describe_window,
    person_balances,
    status_explanation,
    window_first_day,
)
from winwin_desktop.analytics.attention import (
    DUE_HORIZON_DAYS,
    I_OWE,
    OPEN,
    THEY_OWE,
    PromiseInfo,
    days_overdue,
    due_phrase,
    effective_cadence,
)
from winwin_desktop.formats import markdown
from winwin_desktop.formats.brief.model import (
    BriefData,
    BriefExchange,
    BriefInteraction,
    BriefPromise,
    Colleague,
    PersonBrief,
)
from winwin_desktop.journal import balance, interactions, people, profile, promises, settings
from winwin_desktop.journal.errors import NotFound
from winwin_desktop.store import aggregates
from winwin_desktop.store.models import Person, database, live
from winwin_desktop.text import plural

LAST_INTERACTIONS = 3
# An interaction's notes in the brief: the first characters, on one line.
NOTE_CHARACTERS = 160
# Colleagues named in "Also at …"; more are counted.
COLLEAGUES = 5
# The heading in a person's notes whose items join their talking points.
TALKING_POINTS_HEADING = "Talking points"
# "What to give next": a category of value mattered most when it holds this share of
# the points given in the window, and at least GIVE_NEXT_POINTS of them.
GIVE_NEXT_SHARE = 0.4
GIVE_NEXT_POINTS = 5
# The question each of the default categories suggests; others get a general one.
GIVE_NEXT = {
    "introduction": ("Introductions", "who could you introduce {name} to?"),
    "referral": ("Referrals", "who could you refer to {name}?"),
    "advice": ("Advice", "what could you advise {name} on next?"),
    "knowledge": ("Knowledge", "what could you share with {name} next?"),
    "help/time": ("Your time", "where could you lend {name} a hand?"),
    "business": ("Business", "what business could you bring {name}?"),
    "endorsement": ("Endorsements", "what could you recommend {name} for?"),
    "gift": ("Gifts", "what would {name} enjoy next?"),
}
# A sentence in an interaction's notes where they asked for something.
ASKED = re.compile(
    r"\b(asked (?:for|about|me)|(?:is |was |are )?looking for|needs?|wants?|would like|"
    r"hoping for|requested)\b",
    re.IGNORECASE,
)
# Exchanges in a row the same way before a suggestion says so.
STREAK = 3
# Promises each way named in the suggestions; more are counted in one line.
PROMISE_POINTS = 3


def gather_brief(person_ids: Sequence[int], today: dt.date | None = None) -> BriefData:
    """The brief for ``person_ids`` (in that order, each once) as of ``today``.

    Raises ``NotFound`` for a person who is not in the journal or is in the trash.
    """
    today = today or dt.date.today()
    wanted = list(dict.fromkeys(person_ids))
    if not wanted:
        raise NotFound("people", "Choose at least one person for the brief.")
    rules = balance.status_rules()
    default_cadence = int(settings.get_setting("default_cadence_days"))
    tag_cadences = people.tag_cadences()
    workplaces = _Workplaces()
    return BriefData(
        today=today,
        people=[
            _person_brief(person_id, today, rules, default_cadence, tag_cadences, workplaces)
            for person_id in wanted
        ],
        window_days=rules.window_days,
    )


def _person_brief(
    person_id: int,
    today: dt.date,
    rules: StatusRules,
    default_cadence: int,
    tag_cadences: dict[str, int | None],
    workplaces: _Workplaces,
) -> PersonBrief:
    person = people.get_person(person_id)
    if person.deleted:
        raise NotFound("person", f"{person.name} is in the trash; restore them for a brief.")
    summary = people.person_summary(person_id)
    # The brief shows no exchange's interaction title: none is read (3,554 rows for the
    # busiest person of the reference journal).
    records = balance.exchange_records([person_id], titles=False)
    standing = person_balances(records, today, rules).get(person_id)
    status = standing.status if standing else NEW
    explanation = standing.explanation if standing else status_explanation([], today, rules)
    cadence = effective_cadence(
        person.cadence_days, [tag_cadences.get(tag) for tag in person.tags], default_cadence
    )
    open_promises = promises.promises(person_id, status=OPEN)
    given, received = _value_exchanged(person_id, today, rules)
    noted_points, notes = markdown.take_section(person.notes, TALKING_POINTS_HEADING)
    recent = _last_interactions(person_id)
    past = [r for r in records if r.day <= today]
    return PersonBrief(
        person_id=person_id,
        name=person.name,
        role=person.role,
        organisation=person.organisation,
        how_met=person.how_met,
        met_on=person.met_on,
        introduced_by=person.introduced_by_name,
        tags=list(person.tags),
        last_contact=summary.last_contact,
        cadence_days=cadence,
        interaction_count=summary.interactions,
        status=status,
        explanation=explanation,
        trend=balance_trend(past, today, rules),
        total_given=standing.given_total if standing else 0,
        total_received=standing.received_total if standing else 0,
        balance_points=cumulative_series(past),
        last_interactions=recent,
        given=given,
        received=received,
        i_owe=[_promise(p, today) for p in open_promises if p.owed_by == I_OWE],
        they_owe=[_promise(p, today) for p in open_promises if p.owed_by == THEY_OWE],
        notes=notes,
        talking_points=person.talking_points,
        noted_points=noted_points,
        colleagues=_colleagues(person_id, person.organisation, today, rules, workplaces),
        photo=profile.photo(person_id),
        suggestions=suggest_talking_points(
            today=today,
            directions=[r.direction for r in past],
            status=status,
            given_window=standing.given_window if standing else 0,
            received_window=standing.received_window if standing else 0,
            window_days=rules.window_days,
            open_promises=open_promises,
            last_contact=summary.last_contact,
            cadence_days=cadence,
        )
        + suggest_what_to_give(
            name=person.name,
            given_by_category=_by_category(given),
            notes=[item.note for item in recent],
        ),
    )


def _last_interactions(person_id: int) -> list[BriefInteraction]:
    return [
        BriefInteraction(
            day=item.date,
            kind=item.kind,
            title=item.title or item.kind.capitalize(),
            others=[name for pid, name in item.participants if pid != person_id],
            exchanges=[
                BriefExchange(e.direction, e.category, e.points, e.description)
                for e in item.exchanges
                if e.person_id == person_id
            ],
            note=_one_line(item.notes),
        )
        for item in interactions.timeline(person_id, limit=LAST_INTERACTIONS)
    ]


def _one_line(notes: str) -> str:
    plain = markdown.to_plain(notes)
    if len(plain) <= NOTE_CHARACTERS:
        return plain
    return plain[:NOTE_CHARACTERS].rsplit(" ", 1)[0].rstrip(" ·,;:") + "…"


class _Workplaces:
    """Who works where: every live person's organisation, read once for a brief (at its
    first person with one: 10,000 rows in a large journal), whoever it is about."""

    def __init__(self) -> None:
        self._people_at: dict[str, list[tuple[int, str]]] | None = None

    def people_at(self, organisation: str) -> list[tuple[int, str]]:
        """(id, name) of the live people at ``organisation`` (same name, any case)."""
        if self._people_at is None:
            query = Person.select(Person.id, Person.name, Person.organisation).where(
                live(Person) & (Person.organisation != "")
            )
            # Straight from the cursor; each distinct organisation is spelt out once.
            spelled: dict[str, str] = {}
            self._people_at = {}
            for pid, name, org in database.obj.execute(query):
                if (key := spelled.get(org)) is None:
                    key = spelled[org] = " ".join(org.split()).casefold()
                self._people_at.setdefault(key, []).append((pid, name))
        return self._people_at.get(" ".join(organisation.split()).casefold(), [])


def _colleagues(
    person_id: int, organisation: str, today: dt.date, rules: StatusRules, workplaces: _Workplaces
) -> list[Colleague]:
    """The other live people at ``organisation`` (same name, any case), by name."""
    if not organisation.strip():
        return []
    found = [(pid, name) for pid, name in workplaces.people_at(organisation) if pid != person_id]
    found.sort(key=lambda row: row[1].casefold())
    # Their statuses from their totals, as the People list has them (one indexed query),
    # not from each of their exchanges: a large organisation has thousands.
    ids = [pid for pid, _ in found]
    counts = aggregates.window_totals(database.obj, window_first_day(today, rules), today, ids)
    standing = balance.status_table(today, person_ids=ids, rules=rules, counts=counts)
    return [Colleague(name, standing[pid].status) for pid, name in found]


def _by_category(exchanges: Sequence[BriefExchange]) -> dict[str, int]:
    totals: dict[str, int] = {}
    for exchange in exchanges:
        totals[exchange.category] = totals.get(exchange.category, 0) + exchange.points
    return totals


def _value_exchanged(
    person_id: int, today: dt.date, rules: StatusRules
) -> tuple[list[BriefExchange], list[BriefExchange]]:
    """What changed hands with the person in the review window, each way, largest first
    (then the most recent first)."""
    rows = aggregates.window_exchanges(
        database.obj, person_id, window_first_day(today, rules), today
    )
    found: dict[str, list[BriefExchange]] = {GIVEN: [], RECEIVED: []}
    days: dict[object, dt.date] = {}  # as stored: ISO text on a file; parsed once each
    for direction, category, points, description, day, title, kind in rows:
        if (date := days.get(day)) is None:
            date = days[day] = (
                day if isinstance(day, dt.date) else dt.date.fromisoformat(str(day)[:10])
            )
        found[direction].append(
            BriefExchange(
                direction, category, points, description, date, title or kind.capitalize()
            )
        )
    return found[GIVEN], found[RECEIVED]


def _promise(promise: PromiseInfo, today: dt.date) -> BriefPromise:
    return BriefPromise(
        owed_by=promise.owed_by,
        text=promise.text,
        due=promise.due,
        overdue=promise.is_overdue(today),
        when=due_phrase(promise.due, today).removeprefix(" — "),
    )


def suggest_talking_points(
    *,
    today: dt.date,
    directions: Sequence[str],
    status: str,
    given_window: int,
    received_window: int,
    window_days: int,
    open_promises: Sequence[PromiseInfo],
    last_contact: dt.date | None,
    cadence_days: int,
) -> list[str]:
    """Suggestions worth raising in the meeting, most pressing first.

    ``directions`` are the person's exchanges, oldest first; ``open_promises`` their
    open promises both ways. Suggested: my promises overdue or due within a week (the
    first :data:`PROMISE_POINTS`, then how many more); theirs likewise; no contact for longer than the cadence; the same side giving the last
    :data:`STREAK` times or more; a one-sided or quiet relationship.
    """
    horizon = today + dt.timedelta(days=DUE_HORIZON_DAYS)
    due_soon = sorted(
        (p for p in open_promises if p.status == OPEN and p.due is not None and p.due <= horizon),
        key=lambda p: (p.due, p.id),
    )
    mine = [p for p in due_soon if p.owed_by == I_OWE]
    theirs = [p for p in due_soon if p.owed_by == THEY_OWE]
    found = [f"You promised: {p.text}{due_phrase(p.due, today)}." for p in mine[:PROMISE_POINTS]]
    if len(mine) > PROMISE_POINTS:
        found.append(_more_promises(len(mine) - PROMISE_POINTS, "your"))
    if last_contact is None:
        found.append("Nothing is logged with them yet: note what each side can offer.")
    elif days_overdue(last_contact, cadence_days, today) is not None:
        since = (today - last_contact).days
        found.append(f"No contact for {since} days; your cadence is {cadence_days}.")
    found += [
        f"They promised: {p.text}{due_phrase(p.due, today)}; ask how it is going."
        for p in theirs[:PROMISE_POINTS]
    ]
    if len(theirs) > PROMISE_POINTS:
        found.append(_more_promises(len(theirs) - PROMISE_POINTS, "their"))
    streak = _streak(directions)
    if streak >= STREAK and directions[-1] == RECEIVED:
        found.append(f"They gave the last {streak} times — consider offering something.")
    elif streak >= STREAK:
        found.append(f"You gave the last {streak} times — it is fair to ask for something back.")
    window = describe_window(window_days)
    if status == YOU_TAKE_MORE:
        found.append(
            f"You owe them: you received {plural(received_window, 'point')} and gave "
            f"{given_window} in {window}. Look for a way to give back."
        )
    elif status == YOU_GIVE_MORE:
        found.append(
            f"One-sided: you gave {plural(given_window, 'point')} and received {received_window} "
            f"in {window}. Say what would help you."
        )
    elif status == QUIET:
        found.append(f"Nothing changed hands in {window}: what could you offer to restart?")
    return found


def _more_promises(count: int, whose: str) -> str:
    verb = "is" if count == 1 else "are"
    return f"And {count} more of {whose} promises {verb} overdue or due within a week."


def _streak(directions: Sequence[str]) -> int:
    """How many of the latest exchanges in a row went the same way as the last one."""
    count = 0
    for direction in reversed(directions):
        if direction != directions[-1]:
            break
        count += 1
    return count


def suggest_what_to_give(
    *, name: str, given_by_category: Mapping[str, int], notes: Sequence[str]
) -> list[str]:
    """What to give this person next, from what they valued: the category of most of
    the points given to them in the window (when it clearly leads) and the latest thing
    they asked for in the notes of recent interactions (newest first). Nothing when the
    data does not say."""
    found = []
    total = sum(given_by_category.values())
    if total:
        category, points = max(given_by_category.items(), key=lambda item: (item[1], item[0]))
        leads = sorted(given_by_category.values(), reverse=True)[1:2] != [points]
        if points >= GIVE_NEXT_POINTS and points >= GIVE_NEXT_SHARE * total and leads:
            first = name.split()[0] if name.split() else name
            label, question = GIVE_NEXT.get(
                category.casefold(), (category.capitalize(), "what more could you offer {name}?")
            )
            found.append(
                f"{label} mattered most to {first} ({points} of {plural(total, 'point')}): "
                + question.format(name=first)
            )
    for note in notes:
        asked = next(
            (
                s.strip()
                for s in re.split(r"(?<=[.!?])\s+", note.replace(" · ", ". "))
                if ASKED.search(s)
            ),
            None,
        )
        if asked:
            found.append(f"Lately: “{asked.rstrip('.')}” — can you help with that?")
            break
    return found
