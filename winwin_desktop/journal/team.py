"""A team on one journal: its members and who is logged in.

Members exist only on a journal on a PostgreSQL server; a journal file, or a server
journal before its first member is added, is one user's, and every answer here says so.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from winwin_desktop.journal.errors import ValidationError
from winwin_desktop.store import team as store_team
from winwin_desktop.store.connection import database, is_server, write_transaction


@dataclass(frozen=True)
class Member:
    """A member of a team journal: their email and name, their PostgreSQL login
    (``role``), and whether they were removed (their rows stay, read-only)."""

    id: int
    email: str
    name: str
    role: str
    removed: bool


def _member(row: store_team.MemberRow) -> Member:
    return Member(row.id, row.email, row.name, row.role, row.removed_at is not None)


def members() -> list[Member]:
    """Every member of the open journal (removed ones too), by name; [] on a journal of
    one user."""
    if not store_team.has_members():
        return []
    return [_member(row) for row in store_team.member_rows()]


def current_member() -> Member | None:
    """The member logged in to the open journal; None on a file, on a journal without
    members, or for a login that is not a member."""
    row = store_team.logged_in_member()
    return _member(row) if row is not None else None


def is_team_journal() -> bool:
    """Whether the open journal is a team's (on a server, with members)."""
    return store_team.has_members()


# ---- managing members (the command line's ``winwin member``) -------------------------

NEEDS_A_SERVER = (
    "Members need a journal on a PostgreSQL server; see README “A team on one journal” "
    "(move this one there with `winwin copy-to postgresql://…`)."
)
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")


@dataclass(frozen=True)
class MemberAdded:
    """What adding a member did: the member, the rows so far attributed to them (the
    journal's first member only), and the SQL an administrator still has to run for
    their login (empty when this login did it)."""

    member: Member
    attributed: int
    admin_sql: list[str]
    login_made: bool


@dataclass(frozen=True)
class MemberRemoved:
    member: Member
    admin_sql: list[str]


def _server_db():
    db = database.obj
    if not is_server(db):
        raise ValidationError("journal", NEEDS_A_SERVER)
    return db


def login_for(email: str) -> str:
    """The PostgreSQL login a member gets by default: their email's letters and digits
    (``ana.lima@acme.com`` → ``ana_lima_acme_com``)."""
    return re.sub(r"[^a-z0-9]+", "_", email.lower()).strip("_")[:63]


def check_can_add(email: str, name: str, role: str | None = None) -> None:
    """Refuse, with one sentence, a member who cannot be added (before asking for a
    password): not a server journal, a bad email or name, a duplicate, no rights."""
    _checked(email, name, role)


def _checked(email: str, name: str, role: str | None):
    db = _server_db()
    email, name = email.strip(), " ".join(name.split())
    if not _EMAIL.match(email):
        raise ValidationError(
            "email", f"“{email}” is not an email address; write it as name@example.com."
        )
    if not name:
        raise ValidationError("name", "Give the member's name with --name, e.g. --name 'Ana Lima'.")
    role = role or login_for(email)
    if store_team.member_by_email(email, db) is not None:
        raise ValidationError("email", f"{email} is already a member of this journal.")
    if store_team.member_by_role(role, db) is not None:
        raise ValidationError(
            "role",
            f"The login {role} already belongs to another member; choose another with --login.",
        )
    if not store_team.owns_journal(db):
        raise ValidationError(
            "journal",
            "Only the journal's owner adds members (this login does not own its tables); "
            "ask whoever created the journal to run this command.",
        )
    return db, email, name, role


def can_create_logins() -> bool:
    """Whether this login may create the members' logins (else an administrator does)."""
    return store_team.may_create_roles(_server_db())


def add_member(
    email: str, name: str, *, role: str | None = None, password: str | None = None
) -> MemberAdded:
    """Add a member (one transaction): their row, and — when this login may create
    logins — their login in the journal's members' group, with ``password`` (None: a
    login that authenticates otherwise, ~/.pgpass or a certificate). Otherwise
    ``admin_sql`` holds what an administrator runs."""
    db, email, name, role = _checked(email, name, role)
    allowed = store_team.may_create_roles(db)
    with write_transaction():
        secret = store_team.password_hash(db, role, password) if password and allowed else None
        statements = store_team.login_statements(db, role, secret)
        row, attributed = store_team.insert_member(db, role, email, name)
        if allowed:
            store_team.run_statements(db, statements)
    return MemberAdded(_member(row), attributed, [] if allowed else statements, allowed)


def remove_member(email: str) -> MemberRemoved:
    """Mark a member removed (their rows stay, attributed to them, read-only) and take the
    journal away from their login, or say how an administrator does."""
    db = _server_db()
    row = store_team.member_by_email(email.strip(), db)
    if row is None:
        raise ValidationError(
            "email", f"{email} is not a member of this journal; see `winwin member list`."
        )
    if row.removed_at is not None:
        raise ValidationError("email", f"{email} was already removed from this journal.")
    if not store_team.owns_journal(db):
        raise ValidationError(
            "journal",
            "Only the journal's owner removes members; ask whoever created the journal.",
        )
    allowed = store_team.may_create_roles(db)
    statements = store_team.revoke_statements(db, row.role)
    with write_transaction():
        store_team.mark_removed(db, row)
        if allowed and store_team.login_exists(db, row.role):
            store_team.run_statements(db, statements)
    removed = store_team.member_by_email(email.strip(), db)
    return MemberRemoved(_member(removed), [] if allowed else statements)


def member_named(email: str) -> Member:
    """The member with this email (removed ones too); refused when there is none."""
    _server_db()
    row = store_team.member_by_email(email.strip())
    if row is None:
        raise ValidationError(
            "email", f"{email} is not a member of this journal; see `winwin member list`."
        )
    return _member(row)


# ---- sharing a person ----------------------------------------------------------------


@dataclass(frozen=True)
class Sharing:
    """Whom a person is shared with: the whole team, and the members named."""

    person_id: int
    with_team: bool
    with_members: list[Member]


def _own_person(person_id: int):
    db = _server_db()
    if not store_team.has_members(db):
        raise ValidationError(
            "journal",
            "This journal has no members yet; add them with `winwin member add EMAIL --name NAME`.",
        )
    me = store_team.logged_in_member(db)
    if me is None or me.removed_at is not None:
        raise ValidationError(
            "journal", "Only a member of this journal shares people; this login is none."
        )
    owner = store_team.person_owner(db, person_id)
    if owner != me.id:
        raise ValidationError(
            "person", "Only the member who added this person may share or unshare them."
        )
    return db, me


def _members_by_email(emails: list[str], me_id: int) -> list[int]:
    ids = []
    for email in emails:
        row = store_team.member_by_email(email.strip())
        if row is None:
            raise ValidationError(
                "email", f"{email} is not a member of this journal; see `winwin member list`."
            )
        if row.removed_at is not None:
            raise ValidationError(
                "email", f"{email} was removed from this journal; share with a current member."
            )
        if row.id != me_id:
            ids.append(row.id)
    return ids


def share_person(person_id: int, *, team: bool = False, emails: list[str] = ()) -> Sharing:
    """Share a person of yours (and everything logged with them) with the whole team or
    with the members named (one transaction)."""
    db, me = _own_person(person_id)
    ids = _members_by_email(list(emails), me.id)
    with write_transaction():
        if team:
            store_team.share_with_team(db, person_id, True)
        store_team.share_with(db, person_id, ids)
    return sharing_of(person_id)


def unshare_person(person_id: int, *, team: bool = False, emails: list[str] = ()) -> Sharing:
    """Stop sharing a person of yours: with the team, with the members named, or (neither
    given) with everyone."""
    db, me = _own_person(person_id)
    everything = not team and not emails
    ids = None if everything else _members_by_email(list(emails), me.id)
    with write_transaction():
        if team or everything:
            store_team.share_with_team(db, person_id, False)
        if everything or ids:
            store_team.unshare_with(db, person_id, ids)
    return sharing_of(person_id)


def sharing_of(person_id: int) -> Sharing:
    """Whom the person is shared with (as far as this login may see)."""
    if not store_team.has_members():
        return Sharing(person_id, False, [])
    with_team, ids = store_team.shared_with(database.obj, person_id)
    by_id = {m.id: m for m in members()}
    return Sharing(person_id, with_team, [by_id[i] for i in ids if i in by_id])


# ---- private notes -------------------------------------------------------------------


def private_note(person_id: int) -> str:
    """The signed-in member's private note on a person: "" on a journal without members
    (the person's own notes are the place there)."""
    if store_team.logged_in_member() is None:
        return ""
    return store_team.private_note_text(database.obj, person_id)


def save_private_note(person_id: int, text: str) -> str:
    """Write the signed-in member's private note on a person (empty: delete it), seen by
    nobody else — not even through SQL with another login. One transaction."""
    db = _server_db()
    me = store_team.logged_in_member(db)
    if me is None or me.removed_at is not None:
        raise ValidationError(
            "note", "Private notes are a team member's; this journal has no member signed in."
        )
    if not store_team.sees_person(db, person_id):
        raise ValidationError(
            "person", "That person is not in the journal (or not shared with you)."
        )
    text = (text or "").strip()
    with write_transaction():
        store_team.write_private_note(db, person_id, text)
    return text


# ---- importing: who keeps a contact, and requests to share ---------------------------


@dataclass(frozen=True)
class Keeper:
    """A member who keeps a person with one of a contact's identifiers, as the importer
    may know it: the identifier (which the importer already holds) and the member —
    nothing of the person themselves."""

    kind: str  # "email", "phone" or "link"
    identifier: str  # as the store compares it: lower-cased, last digits, site + path
    member: Member


def keepers(emails: list[str], phones: list[str], links: list[str]) -> list[Keeper]:
    """The other members keeping a live person with one of these identifiers, for the
    signed-in member importing (their session cannot see those people); [] on a file,
    on a journal without members, or for a login that is no member."""
    me = store_team.logged_in_member()
    if me is None or me.removed_at is not None:
        return []
    found = store_team.keepers(database.obj, emails, phones, links)
    if not found:
        return []
    by_id = {m.id: m for m in members()}
    return [
        Keeper(kind, identifier, by_id[keeper])
        for kind, identifier, keeper in found
        if keeper != me.id and keeper in by_id
    ]


def ask_to_share(requests: list[tuple[int, str, str, str, str]]) -> None:
    """Leave requests to share — (member keeping the person, kind, identifier as compared
    and as written, the contact's name) — in the open transaction (an import's)."""
    db = database.obj
    for keeper_id, kind, identifier, written, name in requests:
        store_team.ask_to_share(db, keeper_id, kind, identifier, written, name)


@dataclass(frozen=True)
class ShareRequest:
    """A member asking another to share the person with an identifier: the contact's
    name as the asker has it; for the member asked, their own person it is (None when
    they no longer keep one with it)."""

    id: int
    asking: Member
    keeper: Member
    kind: str
    identifier: str
    written: str
    name: str
    person_id: int | None = None
    person_name: str = ""

    def sentence(self, me: Member | None) -> str:
        """One line as the member reading it sees it."""
        what = f"{self.name} ({self.written})" if self.name else self.written
        if me is not None and self.keeper.id == me.id:
            if self.person_id is None:
                return (
                    f"{self.asking.name} asks you to share {what}; you no longer keep a "
                    "person with it."
                )
            yours = f" — your {self.person_name}" if self.person_name != self.name else ""
            return f"{self.asking.name} asks you to share {what}{yours}".rstrip(".") + "."
        return f"You asked {self.keeper.name} to share {what}."


def share_requests() -> list[ShareRequest]:
    """The requests to share the signed-in member made and was made, oldest first."""
    if not store_team.has_members():
        return []
    me = store_team.logged_in_member()
    by_id = {m.id: m for m in members()}
    found = []
    for row in store_team.share_requests(database.obj):
        person = None
        if me is not None and row.keeper_id == me.id:
            person = store_team.own_person_with(database.obj, row.kind, row.identifier)
        found.append(
            ShareRequest(
                row.id,
                by_id[row.member_id],
                by_id[row.keeper_id],
                row.kind,
                row.identifier,
                row.written,
                row.name,
                *(person or (None, "")),
            )
        )
    return found


def _request_to_me(request_id: int) -> tuple[ShareRequest, Member]:
    me = current_member()
    found = [r for r in share_requests() if r.id == request_id]
    if not found or me is None or found[0].keeper.id != me.id:
        raise ValidationError(
            "request",
            f"No request {request_id} to share is waiting for you; see `winwin member requests`.",
        )
    return found[0], me


def accept_share_request(request_id: int) -> ShareRequest:
    """Share your person with the member who asked (one transaction; the request goes)."""
    request, me = _request_to_me(request_id)
    if request.person_id is None:
        raise ValidationError(
            "request",
            f"You no longer keep a person with {request.written}; decline the request "
            f"with `winwin member decline {request_id}`.",
        )
    if request.asking.removed:
        raise ValidationError(
            "request",
            f"{request.asking.name} was removed from this journal; decline the request with "
            f"`winwin member decline {request_id}`.",
        )
    db = database.obj
    with write_transaction():
        store_team.share_with(db, request.person_id, [request.asking.id])
        store_team.drop_share_request(db, request_id)
    return request


def decline_share_request(request_id: int) -> ShareRequest:
    """Drop a request made to you; nothing is shared."""
    request, _me = _request_to_me(request_id)
    with write_transaction():
        store_team.drop_share_request(database.obj, request_id)
    return request
