"""``winwin log``: an interaction, the value exchanged in it and the promises made."""

from __future__ import annotations

import argparse
import datetime as dt
from dataclasses import dataclass

from winwin_desktop.analytics.attention import I_OWE, THEY_OWE, PromiseInfo
from winwin_desktop.cli.names import split_names
from winwin_desktop.cli.output import EXIT_OK
from winwin_desktop.cli.parser import SPEC_FORMS
from winwin_desktop.journal import ValidationError, interactions, promises, settings
from winwin_desktop.journal.log_entry import (
    EntryExchange,
    EntryPromise,
    LogEntry,
    NewPerson,
    Who,
    save_log_entry,
)
from winwin_desktop.journal.typed_names import TypedName, find_people, person_named
from winwin_desktop.journal.validate import clean_points, parse_date
from winwin_desktop.text import fold

GIVEN, RECEIVED = interactions.DIRECTIONS


@dataclass(frozen=True)
class ExchangeSpec:
    """One --gave/--received value; ``person`` is an index into the log's names, or None
    for an exchange that counts for each of them."""

    person: int | None
    direction: str
    category: str
    points: int
    description: str


@dataclass(frozen=True)
class PromiseSpec:
    """One --i-owe/--they-owe promise; ``person`` is an index into the log's names."""

    person: int
    owed_by: str
    text: str
    due: dt.date | None


def log(args: argparse.Namespace) -> int:
    typed = find_people(split_names(args.people))
    specs = [_parse_spec(text, GIVEN, "--gave", typed) for text in args.gave]
    specs += [_parse_spec(text, RECEIVED, "--received", typed) for text in args.received]
    promise_specs = [_parse_promise(text, I_OWE, "--i-owe", typed) for text in args.i_owe]
    promise_specs += [_parse_promise(text, THEY_OWE, "--they-owe", typed) for text in args.they_owe]
    who = _who(typed, create=args.new)
    everyone = list(dict.fromkeys(who))  # two names for one person log them once
    saved = save_log_entry(
        LogEntry(
            date=args.date or dt.date.today(),
            title=args.title,
            people=everyone,
            kind=args.kind,
            notes=args.note,
            exchanges=[
                EntryExchange(target, spec.direction, spec.category, spec.points, spec.description)
                for spec in specs
                for target in (everyone if spec.person is None else [who[spec.person]])
            ],
            promises=[EntryPromise(who[p.person], p.owed_by, p.text, p.due) for p in promise_specs],
        )
    )
    logged = saved.interaction
    gave = sum(e.points for e in logged.exchanges if e.direction == GIVEN)
    received = sum(e.points for e in logged.exchanges if e.direction == RECEIVED)
    clauses = [
        f"Logged “{logged.title or logged.kind}” with {', '.join(logged.participant_names)} "
        f"(gave {gave}, received {received})"
    ]
    several = len(everyone) > 1
    clauses += [_promise_clause(promise, several=several) for promise in saved.promises]
    if saved.added:
        clauses.append(f"new in the journal: {', '.join(p.name for p in saved.added)}")
    print("; ".join(clauses).rstrip(".") + ".")
    return EXIT_OK


def _who(typed: list[TypedName], create: bool) -> list[Who]:
    """Each typed name's person id, or the person to add with the entry when ``create``."""
    who: list[Who] = []
    for name in typed:
        if name.person is not None:
            who.append(name.person.id)
        elif create:
            emails = (name.email,) if name.email else ()
            who.append(NewPerson(name.name, name.organisation, emails))
        else:
            raise ValidationError(
                "people",
                f"Nobody called “{name.text}” is in the journal; add them with --new or `winwin person add`.",
            )
    return who


def _person_index(head: str, typed: list[TypedName], option: str) -> int | None:
    """Which of the log's names ``head`` (typed before a colon) means, if any."""
    wanted = fold(" ".join(head.split()))
    hits = [
        i
        for i, name in enumerate(typed)
        if wanted in (fold(name.text), fold(name.name))
        or (name.person is not None and wanted == fold(name.person.name))
    ]
    meant = {typed[i].person.id if typed[i].person else i for i in hits}
    if len(meant) > 1:
        examples = " or ".join(f"“{typed[i].text}”" for i in hits[:2])
        raise ValidationError(
            option,
            f"Several people in this log are called “{head.strip()}”; say which one, e.g. {examples}.",
        )
    if hits:
        return hits[0]
    if "@" in head or head.rstrip().endswith(")"):  # an email, or "Name (Organisation)"
        person = person_named(head, option)
        if person is not None:
            return next(
                (i for i, n in enumerate(typed) if n.person and n.person.id == person.id), None
            )
    return None


def _parse_spec(text: str, direction: str, option: str, typed: list[TypedName]) -> ExchangeSpec:
    parts = text.split(":")
    if len(parts) < 2 or not parts[0].strip():
        raise _malformed(text, option)
    categories = {c.casefold() for c in settings.categories()}
    first = parts[0].strip().casefold()
    person = _person_index(parts[0], typed, option)
    is_category = first in categories
    # Someone who shares a category's name is meant when a category follows the name.
    if is_category and person is not None and parts[1].strip().casefold() in categories:
        is_category = False
    if is_category:
        rest = parts
    elif person is not None:
        rest = parts[1:]
    else:
        raise ValidationError(
            option, f"“{parts[0].strip()}” is neither a category nor one of the people in this log."
        )
    if len(rest) < 2 or not rest[1].strip():
        raise _malformed(text, option)
    return ExchangeSpec(
        person=None if is_category else person,
        direction=direction,
        category=rest[0].strip(),
        points=clean_points(rest[1].strip()),
        description=":".join(rest[2:]).strip(),
    )


def _malformed(text: str, option: str) -> ValidationError:
    return ValidationError(
        option,
        f"{option} “{text}” is not an exchange; write it as {SPEC_FORMS}, e.g. advice:3:market map.",
    )


def _parse_promise(text: str, owed_by: str, option: str, typed: list[TypedName]) -> PromiseSpec:
    person, rest = 0, text
    head, colon, after = text.partition(":")
    if colon and head.strip():
        named = _person_index(head, typed, option)
        if named is not None:
            person, rest = named, after
        elif _in_journal(head, option):
            raise ValidationError(
                option,
                f"“{head.strip()}” is not one of the people in this log; add them to it or leave the name out.",
            )
    due = None
    body, at, tail = rest.rpartition("@")
    if at:
        tail = tail.strip()
        try:
            due, rest = dt.date.fromisoformat(tail), body
        except ValueError:
            if not tail:
                raise ValidationError(
                    option,
                    f"{option} “{text}” ends with @ but no date; write it as TEXT@YYYY-MM-DD.",
                ) from None
            if not tail.strip("0123456789-"):  # meant as a date, but impossible
                parse_date(tail, "due")
    return PromiseSpec(person, owed_by, promises.clean_promise_text(rest), due)


def _in_journal(name: str, option: str) -> bool:
    try:
        return person_named(name, option) is not None
    except ValidationError:  # several people have that name: someone has it, at least
        return True


def _promise_clause(promise: PromiseInfo, several: bool) -> str:
    """E.g. "promised: send the deck (due 2026-12-01)" or "Minh Hoang promised: an intro"."""
    if promise.owed_by == I_OWE:
        who = f"promised {promise.person_name}" if several else "promised"
    else:
        who = f"{promise.person_name} promised" if several else "they promised"
    due = f" (due {promise.due.isoformat()})" if promise.due else ""
    return f"{who}: {promise.text}{due}"
