"""``winwin member add|list|remove`` and ``winwin person share|unshare``: a team on one
journal (a PostgreSQL server)."""

from __future__ import annotations

import argparse
import getpass
import sys

from winwin_desktop.cli.output import EXIT_OK
from winwin_desktop.journal import ValidationError, team
from winwin_desktop.journal.typed_names import person_named


def _password(email: str) -> str:
    """The new member's password, asked twice without echo (never an argument)."""
    if not sys.stdin.isatty():
        raise ValidationError(
            "password",
            "Type the member's password on a terminal, or use --no-password for a login "
            "that signs in with ~/.pgpass or a certificate.",
        )
    first = getpass.getpass(f"Password for {email}: ")
    if not first:
        raise ValidationError("password", "The password is empty; nothing was changed.")
    if getpass.getpass("The same password again: ") != first:
        raise ValidationError("password", "The two passwords differ; nothing was changed.")
    return first


def member(args: argparse.Namespace) -> int:
    if args.action == "requests":
        return _requests()
    if args.action in ("accept", "decline"):
        return _answer(args.action, args.email)
    if args.action != "list" and not args.email:
        raise ValidationError(
            "email", f"Say which member, e.g. winwin member {args.action} ana@example.com."
        )
    if args.action == "list":
        return _list()
    if args.action == "remove":
        return _remove(args.email)
    return _add(args)


def _add(args: argparse.Namespace) -> int:
    team.check_can_add(args.email, args.name or "", args.login)
    # A login that may not create logins leaves the password to the administrator.
    asks = not args.no_password and team.can_create_logins()
    password = _password(args.email) if asks else None
    added = team.add_member(args.email, args.name or "", role=args.login, password=password)
    who = added.member
    print(f"Added {who.name} <{who.email}> as a member, signing in as {who.role}.")
    if added.attributed:
        print(
            f"The records already in the journal, {added.attributed} of them (people, "
            f"interactions, exchanges, promises, reflections), are now {who.name}'s."
        )
    if added.admin_sql:
        print(
            "This login may not create logins; an administrator of the server runs "
            "(psql, connected to this database):"
        )
        for statement in added.admin_sql:
            print(f"  {statement};")
        if not args.no_password:
            print(f"  \\password {who.role}")
    return EXIT_OK


def _list() -> int:
    found = team.members()
    if not found:
        print("This journal has no members; add one with `winwin member add EMAIL --name NAME`.")
        return EXIT_OK
    me = team.current_member()
    for m in found:
        notes = [" (removed)" if m.removed else "", " (you)" if me and me.id == m.id else ""]
        print(f"{m.name} <{m.email}>  login {m.role}{''.join(notes)}")
    return EXIT_OK


def _requests() -> int:
    found = team.share_requests()
    if not found:
        print("No requests to share a person, made by you or to you.")
        return EXIT_OK
    me = team.current_member()
    for request in found:
        line = f"{request.id}. {request.sentence(me)}"
        if me is not None and request.keeper.id == me.id and request.person_id is not None:
            line += (
                f" Accept: winwin member accept {request.id}; "
                f"decline: winwin member decline {request.id}."
            )
        print(line)
    return EXIT_OK


def _answer(action: str, number: str) -> int:
    if not number.strip().isdigit():
        raise ValidationError(
            "request",
            f"Say which request by its number, e.g. winwin member {action} 1 "
            "(see winwin member requests).",
        )
    if action == "accept":
        request = team.accept_share_request(int(number))
        print(
            f"Shared {request.person_name} with {request.asking.name} "
            f"<{request.asking.email}>, as they asked."
        )
    else:
        request = team.decline_share_request(int(number))
        print(f"Declined {request.asking.name}'s request; nothing was shared.")
    return EXIT_OK


def _remove(email: str) -> int:
    removed = team.remove_member(email)
    print(
        f"Removed {removed.member.name} <{removed.member.email}>: their records stay, "
        "attributed to them, read-only."
    )
    if removed.admin_sql:
        print("This login may not change logins; an administrator of the server runs:")
        for statement in removed.admin_sql:
            print(f"  {statement};")
    else:
        print(
            f"The login {removed.member.role} can no longer open this journal (drop it with "
            f"DROP ROLE {removed.member.role}; if it serves no other journal)."
        )
    return EXIT_OK


def _person_id(name: str) -> tuple[int, str]:
    person = person_named(name, "person")
    if person is None:
        raise ValidationError(
            "person", f"Nobody called “{name}” is in the journal (or shared with you)."
        )
    return person.id, person.name


def _describe(sharing: team.Sharing, name: str) -> str:
    whom = []
    if sharing.with_team:
        whom.append("the whole team")
    whom += [f"{m.name} <{m.email}>" for m in sharing.with_members]
    return f"{name} is shared with {', '.join(whom)}." if whom else f"{name} is private to you."


def person_share(args: argparse.Namespace) -> int:
    if not args.team and not args.with_:
        raise ValidationError("share", "Say with whom: --team, or --with EMAIL (repeatable).")
    person_id, name = _person_id(args.name)
    print(_describe(team.share_person(person_id, team=args.team, emails=args.with_), name))
    return EXIT_OK


def person_unshare(args: argparse.Namespace) -> int:
    person_id, name = _person_id(args.name)
    print(_describe(team.unshare_person(person_id, team=args.team, emails=args.with_), name))
    return EXIT_OK
