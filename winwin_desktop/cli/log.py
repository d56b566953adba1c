"""``winwin log``: an interaction, the value exchanged in it and the promises made."""

from __future__ import annotations

import argparse
import datetime as dt
from dataclasses import dataclass

from winwin_desktop import store
from winwin_desktop.analytics.attention import I_OWE, THEY_OWE, PromiseInfo
from winwin_desktop.cli.output import EXIT_OK
from winwin_desktop.cli.parser import SPEC_FORMS
from winwin_desktop.journal import ValidationError, interactions, people, promises, settings
from winwin_desktop.journal.interactions import ExchangeData
from winwin_desktop.journal.validate import clean_points, parse_date

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


def log(args: argparse.Namespace) -> int:
    names = split_names(args.people)
    specs = [_parse_spec(text, GIVEN, "--gave", names) for text in args.gave]
    specs += [_parse_spec(text, RECEIVED, "--received", names) for text in args.received]
    promise_specs = [_parse_promise(text, I_OWE, "--i-owe", names) for text in args.i_owe]
    promise_specs += [_parse_promise(text, THEY_OWE, "--they-owe", names) for text in args.they_owe]
    with store.recording(f"Log “{args.title.strip() or args.kind}”"):
        ids, added = _resolve_people(names, create=args.new)
        logged = interactions.log_interaction(
            date=args.date or dt.date.today(),
            title=args.title,
            participant_ids=ids,
            kind=args.kind,
            notes=args.note,
            exchanges=[exchange for spec in specs for exchange in _exchanges(spec, ids)],
        )
        promised = [
            promises.add_promise(ids[p.person], p.owed_by, p.text, p.due, logged.id)
            for p in promise_specs
        ]
    gave = sum(e.points for e in logged.exchanges if e.direction == GIVEN)
    received = sum(e.points for e in logged.exchanges if e.direction == RECEIVED)
    clauses = [
        f"Logged “{logged.title or logged.kind}” with {', '.join(logged.participant_names)} "
        f"(gave {gave}, received {received})"
    ]
    clauses += [_promise_clause(promise, several=len(ids) > 1) for promise in promised]
    if added:
        clauses.append(f"new in the journal: {', '.join(added)}")
    print("; ".join(clauses).rstrip(".") + ".")
    return EXIT_OK


def split_names(text: str) -> list[str]:
    names: dict[str, str] = {}
    for part in text.split(","):
        name = " ".join(part.split())
        if name:
            names.setdefault(name.casefold(), name)
    if not names:
        raise ValidationError("people", "Name at least one person to log, separated by commas.")
    return list(names.values())


def _parse_spec(text: str, direction: str, option: str, names: list[str]) -> ExchangeSpec:
    parts = text.split(":")
    if len(parts) < 2 or not parts[0].strip():
        raise _malformed(text, option)
    categories = {c.casefold() for c in settings.categories()}
    first = parts[0].strip().casefold()
    person = next((i for i, name in enumerate(names) if name.casefold() == first), None)
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


def _resolve_people(names: list[str], create: bool) -> tuple[list[int], list[str]]:
    """The ids of ``names``, adding the missing ones when ``create``; and who was added."""
    ids, added = [], []
    for name in names:
        found = people.find_person(name)
        if found is None and not create:
            raise ValidationError(
                "people",
                f"Nobody called “{name}” is in the journal; add them with --new or `winwin person add`.",
            )
        if found is None:
            found = people.add_person(name)
            added.append(found.name)
        ids.append(found.id)
    return ids, added


def _exchanges(spec: ExchangeSpec, ids: list[int]) -> list[ExchangeData]:
    targets = ids if spec.person is None else [ids[spec.person]]
    return [
        ExchangeData(
            person_id=person_id,
            direction=spec.direction,
            category=spec.category,
            points=spec.points,
            description=spec.description,
        )
        for person_id in targets
    ]


@dataclass(frozen=True)
class PromiseSpec:
    """One --i-owe/--they-owe promise; ``person`` is an index into the log's names."""

    person: int
    owed_by: str
    text: str
    due: dt.date | None


def _parse_promise(text: str, owed_by: str, option: str, names: list[str]) -> PromiseSpec:
    person, rest = 0, text
    head, colon, after = text.partition(":")
    if colon and head.strip():
        wanted = " ".join(head.split()).casefold()
        named = next((i for i, name in enumerate(names) if name.casefold() == wanted), None)
        if named is not None:
            person, rest = named, after
        elif people.find_person(head) is not None:
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


def _promise_clause(promise: PromiseInfo, several: bool) -> str:
    """E.g. "promised: send the deck (due 2026-12-01)" or "Minh Hoang promised: an intro"."""
    if promise.owed_by == I_OWE:
        who = f"promised {promise.person_name}" if several else "promised"
    else:
        who = f"{promise.person_name} promised" if several else "they promised"
    due = f" (due {promise.due.isoformat()})" if promise.due else ""
    return f"{who}: {promise.text}{due}"
