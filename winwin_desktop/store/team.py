"""A team on one journal (PostgreSQL only): members, who recorded what, sharing and
private notes, and the row-level security that enforces them.

A SQLite file never has members; every function here leaves it as it is, or answers as
for a journal of one user.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from peewee import Database

from winwin_desktop.store.connection import database, is_server

# The member logged in: the row of ``member`` whose role is the session's login, if it
# is not removed. Column defaults and the row-level policies call it.
MEMBER_FUNCTION = "winwin_member_id"
# The team's own tables: no journal records (never exported, copied or in the trash).
TEAM_TABLES = ("member", "person_share", "private_note")
# The team's tables only a server has, made by :func:`install` (not by a migration):
# requests to share a person, left by an import.
SERVER_TABLES = ("share_request",)


@dataclass(frozen=True)
class MemberRow:
    id: int
    role: str
    email: str
    name: str
    added_at: dt.datetime
    removed_at: dt.datetime | None


# ---- the schema (migration 0008) -----------------------------------------------------


def create_member_function(db: Database) -> None:
    """``winwin_member_id()`` on a server: the id of the member logged in, or NULL."""
    if not is_server(db):
        return
    db.execute_sql(
        f"CREATE OR REPLACE FUNCTION {MEMBER_FUNCTION}() RETURNS integer "
        "LANGUAGE sql STABLE AS $$ SELECT id FROM member "
        "WHERE role = current_user AND removed_at IS NULL $$"
    )


def default_to_member(db: Database, table: str, column: str) -> None:
    """On a server, ``column`` of ``table`` defaults to the member logged in."""
    if is_server(db):
        db.execute_sql(f"ALTER TABLE {table} ALTER COLUMN {column} SET DEFAULT {MEMBER_FUNCTION}()")


def boolean_false(db: Database) -> str:
    """A boolean column's type, false by default, as each engine writes it (SQLite's
    booleans are integers, as peewee makes them)."""
    return "BOOLEAN NOT NULL DEFAULT FALSE" if is_server(db) else "INTEGER NOT NULL DEFAULT 0"


# ---- members -------------------------------------------------------------------------


def _rows(query: str, params: tuple = (), db: Database | None = None) -> list[MemberRow]:
    db = db if db is not None else database.obj
    return [
        MemberRow(*row)
        for row in db.execute_sql(
            f"SELECT id, role, email, name, added_at, removed_at FROM member {query}", params
        )
    ]


def member_rows(db: Database | None = None) -> list[MemberRow]:
    """Every member of the journal, removed ones too, by name."""
    return _rows("ORDER BY lower(name), id", db=db)


def has_members(db: Database | None = None) -> bool:
    """Whether the journal is a team's: a server journal with at least one member."""
    db = db if db is not None else database.obj
    if not is_server(db):
        return False
    return db.execute_sql("SELECT EXISTS (SELECT 1 FROM member)").fetchone()[0]


def logged_in_member(db: Database | None = None) -> MemberRow | None:
    """The member whose login this connection uses (removed or not); None on a file, or
    for a login that is no member."""
    db = db if db is not None else database.obj
    if not is_server(db):
        return None
    found = _rows("WHERE role = current_user", db=db)
    return found[0] if found else None


# ---- row-level security (PostgreSQL, on a journal with members) ----------------------
#
# Who sees what, once a server journal has members (a journal without them has no
# policies in force and behaves as one user's):
# - a person: their owner (the member who added them), every member when
#   ``shared_with_team``, and the members named in ``person_share``;
# - what hangs off a person (their exchanges, promises, participations, tags, index
#   rows) follows the person: a member sees a shared person's whole record;
# - an interaction: its recorder, and whoever sees one of its participants (its title
#   and notes with it; the people in it they cannot see stay hidden);
# - reflections (and their mentions) and private notes: their member only;
# - a share: the member it names and the member who made it.
# A login that is no member, or a removed one, sees none of these rows.
# Writing: a new row is recorded as the member writing it (WITH CHECK). A member may
# change or delete what they see of the team's records (a shared person, an interaction
# with them, their exchanges and promises) while its recorder is a member; a removed
# member's rows are read-only. Who recorded a row never changes (a trigger keeps it); who
# last changed one is the member writing it (another trigger sets it).
# Reflections, private notes and shares are written by their own member only.
# Known limits: triggers keeping derived rows in step run with the writer's rights, so a
# tag renamed by one member re-indexes (for search) only the people that member sees, and
# an interaction's new date reaches (for the totals) only the exchanges its editor sees;
# the owner's next migration rebuilds both from every row.

ME = f"(SELECT {MEMBER_FUNCTION}())"
RECORDED = ("person", "interaction", "exchange", "promise", "reflection")
# The tables whose rows say who last changed them (``changed_by``, migration 0009): what
# a profile or an interaction's edit writes.
CHANGED = ("person", "interaction", "participant", "exchange", "promise")
_PERSON_VISIBLE = "person_id IN (SELECT id FROM person)"
_ACTIVE = "member_id IN (SELECT id FROM member WHERE removed_at IS NULL)"

# table: (who sees a row, who may write one, who may add one)
_POLICIES: dict[str, tuple[str, str, str]] = {
    "person": (
        f"{ME} IS NOT NULL AND (member_id = {ME} OR shared_with_team"
        f" OR id IN (SELECT person_id FROM person_share WHERE member_id = {ME}))",
        _ACTIVE,
        f"member_id = {ME}",
    ),
    "person_tag": (_PERSON_VISIBLE, "true", "true"),
    "interaction": (
        f"{ME} IS NOT NULL AND (member_id = {ME}"
        " OR id IN (SELECT interaction_id FROM participant))",
        _ACTIVE,
        f"member_id = {ME}",
    ),
    "participant": (
        _PERSON_VISIBLE,
        "winwin_sees_interaction(interaction_id)",
        "winwin_sees_interaction(interaction_id)",
    ),
    "exchange": (
        _PERSON_VISIBLE,
        f"{_ACTIVE} AND winwin_sees_interaction(interaction_id)",
        f"member_id = {ME} AND winwin_sees_interaction(interaction_id)",
    ),
    "promise": (
        _PERSON_VISIBLE,
        f"{_ACTIVE} AND (interaction_id IS NULL OR winwin_sees_interaction(interaction_id))",
        f"member_id = {ME} AND (interaction_id IS NULL OR winwin_sees_interaction(interaction_id))",
    ),
    "reflection": (f"member_id = {ME}", "true", "true"),
    "mention": (
        f"reflection_id IN (SELECT id FROM reflection) AND {_PERSON_VISIBLE}",
        "true",
        "true",
    ),
    "private_note": (f"member_id = {ME} AND {_PERSON_VISIBLE}", "true", "true"),
    "person_share": (
        f"member_id = {ME} OR shared_by = {ME}",
        f"shared_by = {ME}",
        f"shared_by = {ME} AND winwin_owns_person(person_id)",
    ),
    # A request to share: seen by the member asking and the member asked; either may
    # drop it (the one asked does, answering it).
    "share_request": (
        f"member_id = {ME} OR keeper_id = {ME}",
        "true",
        f"member_id = {ME} AND keeper_id <> {ME}",
    ),
}
# The search index's rows follow their record (store/search_server.py).
SEARCH_TABLES = {f"search_{kind}": kind for kind in RECORDED}

_FUNCTIONS = (
    # Evaluated when a row is checked, not expanded into the policy (which PostgreSQL
    # would refuse as recursive: interaction → participant → … → interaction).
    "CREATE OR REPLACE FUNCTION winwin_sees_interaction(wanted integer) RETURNS boolean "
    "LANGUAGE plpgsql STABLE AS $$ BEGIN "
    "RETURN EXISTS (SELECT 1 FROM interaction WHERE id = wanted); END $$",
    "CREATE OR REPLACE FUNCTION winwin_owns_person(wanted integer) RETURNS boolean "
    "LANGUAGE plpgsql STABLE AS $$ BEGIN RETURN EXISTS (SELECT 1 FROM person "
    f"WHERE id = wanted AND member_id = {MEMBER_FUNCTION}()); END $$",
    # Who recorded a row stays (a row of the single user becomes the first member's).
    "CREATE OR REPLACE FUNCTION winwin_keep_recorder() RETURNS trigger LANGUAGE plpgsql "
    "AS $$ BEGIN IF OLD.member_id IS NOT NULL THEN NEW.member_id := OLD.member_id; END IF; "
    "RETURN NEW; END $$",
    # Who last changed a row: the member writing it, whatever they sent (a login that is
    # no member, the owner copying or migrating a journal, keeps what it writes).
    "CREATE OR REPLACE FUNCTION winwin_note_changer() RETURNS trigger LANGUAGE plpgsql "
    f"AS $$ DECLARE me integer := {MEMBER_FUNCTION}(); BEGIN "
    "IF me IS NOT NULL THEN NEW.changed_by := me; END IF; RETURN NEW; END $$",
)
KEEP_RECORDER_TRIGGER = "winwin_keep_recorder"
# A login that is no member writes nothing on a team journal: its row would be nobody's,
# seen by no member (a superuser passes every policy; the owner's row is refused by them
# with a sentence that says nothing useful). NOT_A_MEMBER is the error it raises.
REFUSE_STRANGER_TRIGGER = "winwin_refuse_stranger"
NOT_A_MEMBER = "WW001"
_REFUSE_STRANGER = (
    "CREATE OR REPLACE FUNCTION winwin_refuse_stranger() RETURNS trigger LANGUAGE plpgsql "
    "AS $$ BEGIN IF NEW.member_id IS NULL AND EXISTS (SELECT 1 FROM member) THEN "
    f"RAISE EXCEPTION USING ERRCODE = '{NOT_A_MEMBER}', MESSAGE = 'The login ' || "
    "current_user || ' is no member of this team journal, so what it writes would be "
    "seen by no member; nothing was written. Open the journal with a member''s login "
    "(winwin member list), or make this login a member (winwin member add EMAIL --name "
    "NAME --login ' || current_user || ').'; END IF; RETURN NEW; END $$"
)
NOTE_CHANGER_TRIGGER = "winwin_note_changer"


def protected_tables() -> list[str]:
    """Every table under row-level security on a team journal."""
    return [*_POLICIES, *SEARCH_TABLES]


def members_group(db: Database) -> str:
    """The group role every member's login is in: ``<database>_members``."""
    return f"{db.database}_members"


def _quote(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def _policy_statements(table: str) -> list[str]:
    if table in SEARCH_TABLES:
        sees = f"rowid IN (SELECT id FROM {SEARCH_TABLES[table]})"
        writes = adds = sees
    else:
        sees, writes, adds = _POLICIES[table]
        writes = f"({sees}) AND {writes}"
        adds = f"({sees}) AND {adds}"
    return [
        f"CREATE POLICY team_reads ON {table} FOR SELECT USING ({sees})",
        f"CREATE POLICY team_adds ON {table} FOR INSERT WITH CHECK ({adds})",
        f"CREATE POLICY team_changes ON {table} FOR UPDATE USING ({writes}) WITH CHECK ({writes})",
        f"CREATE POLICY team_deletes ON {table} FOR DELETE USING ({writes})",
    ]


def _drop_policies(db: Database, table: str) -> None:
    for (name,) in db.execute_sql(
        "SELECT policyname FROM pg_policies WHERE schemaname = current_schema() AND tablename = %s",
        (table,),
    ).fetchall():
        db.execute_sql(f"DROP POLICY {_quote(name)} ON {table}")


def relax(db: Database) -> None:
    """Before migrating: the journal's owner reads and writes every row (the search index
    and the totals are rebuilt from all of them); :func:`install` restores the rule."""
    if not is_server(db):
        return
    for table in protected_tables():
        if _table_exists(db, table):
            db.execute_sql(f"ALTER TABLE {table} NO FORCE ROW LEVEL SECURITY")


def install(db: Database) -> None:
    """After migrating, on a server: the policies, the recorder-keeping triggers, who
    keeps an identifier and the share requests, and the members' rights; row-level
    security in force when the journal has members."""
    if not is_server(db):
        return
    with db.atomic():
        for statement in _FUNCTIONS:
            db.execute_sql(statement)
        for statement in _keepers_statements(db):
            db.execute_sql(statement)
        db.execute_sql(_REFUSE_STRANGER)
        for table in RECORDED:
            db.execute_sql(f"DROP TRIGGER IF EXISTS {KEEP_RECORDER_TRIGGER} ON {table}")
            db.execute_sql(
                f"CREATE TRIGGER {KEEP_RECORDER_TRIGGER} BEFORE UPDATE OF member_id ON {table} "
                f"FOR EACH ROW EXECUTE FUNCTION winwin_keep_recorder()"
            )
            db.execute_sql(f"DROP TRIGGER IF EXISTS {REFUSE_STRANGER_TRIGGER} ON {table}")
            db.execute_sql(
                f"CREATE TRIGGER {REFUSE_STRANGER_TRIGGER} BEFORE INSERT ON {table} "
                f"FOR EACH ROW EXECUTE FUNCTION winwin_refuse_stranger()"
            )
        # Rows from before members added by plain SQL (not `winwin member add`, which
        # does it at once) become the first member's, as they would have: with the rule
        # in force, a row of nobody's is seen by no member.
        _attribute_to_first_member(db)
        for table in CHANGED:
            db.execute_sql(f"DROP TRIGGER IF EXISTS {NOTE_CHANGER_TRIGGER} ON {table}")
            db.execute_sql(
                f"CREATE TRIGGER {NOTE_CHANGER_TRIGGER} BEFORE INSERT OR UPDATE ON {table} "
                f"FOR EACH ROW EXECUTE FUNCTION winwin_note_changer()"
            )
        for table in protected_tables():
            _drop_policies(db, table)
            for statement in _policy_statements(table):
                db.execute_sql(statement)
        db.execute_sql(_lookup_policy(db))
        if has_members(db):
            enforce(db)
        if _role_exists(db, members_group(db)):
            run_statements(db, grant_statements(db))


# ---- who keeps an identifier, and requests to share ---------------------------------
#
# Importing into a team journal, a contact's email, phone or profile address may be a
# person another member keeps private: the importer's session cannot see them (row-level
# security), so matching alone would add a duplicate. ``winwin_keepers`` answers, for
# identifiers the importer already holds, only *which member* keeps a live person with
# exactly that identifier — never the person's id, name, notes or anything logged with
# them. It runs with its owner's rights (SECURITY DEFINER) under a setting that only its
# owner's session may use to read past the policies (``_lookup_policy``); it answers an
# active member's login only. The importer may then leave a ``share_request`` the member
# keeping the person sees and answers (sharing the person, or not).

LOOKUP_SETTING = "winwin.identifier_lookup"
KEEPERS_FUNCTION = "winwin_keepers"
# The identifier kinds, as the import names them.
IDENTIFIER_KINDS = ("email", "phone", "link")


_EACH = "FROM jsonb_array_elements_text(coalesce(p.{0}::jsonb, '[]'::jsonb)) AS v"
# A person's identifiers, (kind, identifier) as the lookup compares them.
_IDENTIFIERS_OF_P = (
    "CROSS JOIN LATERAL ("
    f"SELECT 'email', lower(btrim(v)) {_EACH.format('emails')} "
    "UNION ALL SELECT 'phone', right(regexp_replace(v, '[^0-9]', '', 'g'), 9) "
    f"{_EACH.format('phones')} WHERE length(regexp_replace(v, '[^0-9]', '', 'g')) >= 7 "
    f"UNION ALL SELECT 'link', winwin_profile_key(v) {_EACH.format('links')}"
    ") AS x (kind, identifier)"
)


def _keepers_statements(db: Database) -> list[str]:
    schema = _quote(_schema(db))
    return [
        # A profile address as (site + path): https://www.LinkedIn.com/in/Jo/ → linkedin.com/in/jo,
        # as importing.people.profile_key reads it; NULL for a bare site.
        "CREATE OR REPLACE FUNCTION winwin_profile_key(link text) RETURNS text "
        "LANGUAGE sql IMMUTABLE AS $$ SELECT CASE WHEN m[1] <> '' "
        "AND rtrim(m[2], '/') <> '' THEN m[1] || rtrim(m[2], '/') END "
        "FROM regexp_match(lower(btrim(link)), "
        "'^(?:[a-z][a-z0-9+.-]*://)?(?:[^@/?#]*@)?(?:www\\.)?([^/?#:]*)(?::[0-9]*)?([^?#]*)') "
        "AS m $$",
        "CREATE TABLE IF NOT EXISTS share_request ("
        "id serial PRIMARY KEY, "
        f"member_id integer NOT NULL DEFAULT {MEMBER_FUNCTION}() REFERENCES member (id), "
        "keeper_id integer NOT NULL REFERENCES member (id), "
        "kind text NOT NULL, identifier text NOT NULL, written text NOT NULL, "
        "name text NOT NULL, "
        "asked_at timestamp NOT NULL DEFAULT (now() AT TIME ZONE 'utc'), "
        "UNIQUE (member_id, keeper_id, kind, identifier))",
        f"CREATE OR REPLACE FUNCTION {KEEPERS_FUNCTION}"
        "(wanted_emails text[], wanted_phones text[], wanted_links text[]) "
        "RETURNS TABLE (kind text, identifier text, keeper integer) "
        f"LANGUAGE plpgsql SECURITY DEFINER SET search_path = {schema}, pg_temp AS $$ "
        "#variable_conflict use_column\n"
        f"DECLARE was text := current_setting('{LOOKUP_SETTING}', true); BEGIN "
        # For this function's run only (a setting a function declares itself is the
        # server administrator's to allow; this one any login may set).
        f"PERFORM set_config('{LOOKUP_SETTING}', 'on', true); "
        "RETURN QUERY "
        f"SELECT DISTINCT x.kind, x.identifier, p.member_id FROM person p {_IDENTIFIERS_OF_P} "
        "WHERE p.deleted_at IS NULL "
        "AND p.member_id IN (SELECT id FROM member WHERE removed_at IS NULL) "
        # The caller's own login (not this function's owner): an active member only.
        "AND EXISTS (SELECT 1 FROM member WHERE role = session_user AND removed_at IS NULL) "
        "AND ((x.kind = 'email' AND x.identifier = ANY(wanted_emails)) "
        "OR (x.kind = 'phone' AND x.identifier = ANY(wanted_phones)) "
        "OR (x.kind = 'link' AND x.identifier = ANY(wanted_links))); "
        f"PERFORM set_config('{LOOKUP_SETTING}', coalesce(was, ''), true); END $$",
    ]


def _lookup_policy(db: Database) -> str:
    """The one way past the person policy: the session of the login installing it (the
    journal's owner, who may lift the policies anyway) inside ``winwin_keepers``, which
    sets the setting for its own run. A member setting it gains nothing."""
    owner = db.execute_sql("SELECT current_user").fetchone()[0]
    return (
        "CREATE POLICY team_identifier_lookup ON person FOR SELECT USING ("
        f"current_setting('{LOOKUP_SETTING}', true) = 'on' AND current_user = {_literal(owner)})"
    )


def keepers(
    db: Database, emails: list[str], phones: list[str], links: list[str]
) -> list[tuple[str, str, int]]:
    """(kind, identifier, member id) for each member keeping a live person with one of
    these identifiers (emails lower-cased, phones as their last 9 digits, links as
    site + path); [] on a file, or before the owner has installed the lookup."""
    if not is_server(db) or not (emails or phones or links):
        return []
    (present,) = db.execute_sql(
        "SELECT to_regprocedure(%s) IS NOT NULL", (f"{KEEPERS_FUNCTION}(text[], text[], text[])",)
    ).fetchone()
    if not present:
        return []
    return [
        (kind, identifier, keeper)
        for kind, identifier, keeper in db.execute_sql(
            f"SELECT kind, identifier, keeper FROM {KEEPERS_FUNCTION}(%s, %s, %s) "
            "ORDER BY kind, identifier, keeper",
            (list(emails), list(phones), list(links)),
        )
    ]


@dataclass(frozen=True)
class ShareRequestRow:
    id: int
    member_id: int  # who asks
    keeper_id: int  # who is asked
    kind: str
    identifier: str  # as the lookup compares it
    written: str  # as the member asking has it
    name: str  # the contact's name as the member asking has it
    asked_at: dt.datetime


def ask_to_share(
    db: Database, keeper_id: int, kind: str, identifier: str, written: str, name: str
) -> None:
    """The logged-in member asks ``keeper_id`` to share the person with ``identifier``
    (asking again changes nothing)."""
    db.execute_sql(
        "INSERT INTO share_request (keeper_id, kind, identifier, written, name) "
        "VALUES (%s, %s, %s, %s, %s) "
        "ON CONFLICT (member_id, keeper_id, kind, identifier) DO NOTHING",
        (keeper_id, kind, identifier, written, name),
    )


def share_requests(db: Database) -> list[ShareRequestRow]:
    """The requests this login sees: those it made and those made to it, oldest first."""
    if not is_server(db) or not _table_exists(db, "share_request"):
        return []
    return [
        ShareRequestRow(*row)
        for row in db.execute_sql(
            "SELECT id, member_id, keeper_id, kind, identifier, written, name, asked_at "
            "FROM share_request ORDER BY asked_at, id"
        )
    ]


def own_person_with(db: Database, kind: str, identifier: str) -> tuple[int, str] | None:
    """(id, name) of the logged-in member's own live person with this identifier (as
    ``winwin_keepers`` compares it), or None."""
    row = db.execute_sql(
        f"SELECT p.id, p.name FROM person p {_IDENTIFIERS_OF_P} "
        f"WHERE p.deleted_at IS NULL AND p.member_id = {MEMBER_FUNCTION}() "
        "AND x.kind = %s AND x.identifier = %s ORDER BY p.id LIMIT 1",
        (kind, identifier),
    ).fetchone()
    return (row[0], row[1]) if row else None


def drop_share_request(db: Database, request_id: int) -> None:
    db.execute_sql("DELETE FROM share_request WHERE id = %s", (request_id,))


def _attribute_to_first_member(db: Database) -> int:
    row = db.execute_sql("SELECT id FROM member ORDER BY added_at, id LIMIT 1").fetchone()
    if row is None:
        return 0
    attributed = 0
    for table in RECORDED:
        cursor = db.execute_sql(
            f"UPDATE {table} SET member_id = %s WHERE member_id IS NULL", (row[0],)
        )
        attributed += cursor.rowcount
    return attributed


def installed(db: Database) -> bool:
    """Whether the policies are in place, and in force on a journal with members (as far
    as this login may put them there)."""
    if not is_server(db):
        return True
    tables = protected_tables()
    covered, policies, refusing = db.execute_sql(
        "SELECT count(DISTINCT tablename), count(*), (SELECT count(*) FROM pg_trigger t "
        "JOIN pg_class c ON c.oid = t.tgrelid WHERE t.tgname = %s "
        "AND c.relnamespace = current_schema()::regnamespace) FROM pg_policies "
        "WHERE schemaname = current_schema() AND tablename = ANY(%s)",
        (REFUSE_STRANGER_TRIGGER, tables),
    ).fetchone()
    # Four policies a table, and the identifier lookup's on person.
    if (covered, policies, refusing) != (len(tables), 4 * len(tables) + 1, len(RECORDED)):
        # A member may open a team journal that an older WinWin set up (its owner's next
        # opening brings it up to date); the owner, or a journal never set up, installs.
        return covered > 0 and has_members(db) and not owns_journal(db)
    # Members added by hand (plain SQL): the owner's opening puts the rule in force; a
    # member, who may not, opens the journal as it is.
    return not has_members(db) or _in_force(db) or not owns_journal(db)


def _in_force(db: Database) -> bool:
    (count,) = db.execute_sql(
        "SELECT count(*) FROM pg_class WHERE relnamespace = current_schema()::regnamespace "
        "AND relname = ANY(%s) AND relrowsecurity AND relforcerowsecurity",
        (protected_tables(),),
    ).fetchone()
    return count == len(protected_tables())


def enforce(db: Database) -> None:
    """Row-level security in force on every protected table, for the owner too."""
    for table in protected_tables():
        db.execute_sql(f"ALTER TABLE {table} ENABLE ROW LEVEL SECURITY")
        db.execute_sql(f"ALTER TABLE {table} FORCE ROW LEVEL SECURITY")


def grant_statements(db: Database) -> list[str]:
    """The rights the members' group needs to use the journal (its rows limited by the
    policies): read and write the journal's tables, read the members and the schema's
    history, use the sequences."""
    group = _quote(members_group(db))
    schema = _quote(_schema(db))
    writable = [*protected_tables(), "setting", "tag"]
    return [
        f"GRANT USAGE ON SCHEMA {schema} TO {group}",
        f"GRANT SELECT ON ALL TABLES IN SCHEMA {schema} TO {group}",
        f"GRANT INSERT, UPDATE, DELETE ON {', '.join(writable)} TO {group}",
        f"GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA {schema} TO {group}",
    ]


def _schema(db: Database) -> str:
    return db.execute_sql("SELECT current_schema()").fetchone()[0]


def _table_exists(db: Database, table: str) -> bool:
    return db.execute_sql("SELECT to_regclass(%s) IS NOT NULL", (table,)).fetchone()[0]


def _role_exists(db: Database, role: str) -> bool:
    return db.execute_sql(
        "SELECT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = %s)", (role,)
    ).fetchone()[0]


# ---- members and their logins --------------------------------------------------------


class NotAllowed(Exception):
    """The login may not do this on the server (the message says what it lacks)."""


def may_create_roles(db: Database) -> bool:
    """Whether the login may create other logins (CREATEROLE, or a superuser)."""
    return db.execute_sql(
        "SELECT rolsuper OR rolcreaterole FROM pg_roles WHERE rolname = current_user"
    ).fetchone()[0]


def owns_journal(db: Database) -> bool:
    """Whether the login owns the journal's tables (or is a superuser): only then may it
    put row-level security in force and grant the members their rights."""
    return db.execute_sql(
        "SELECT pg_has_role(current_user, relowner, 'USAGE') FROM pg_class "
        "WHERE oid = 'person'::regclass"
    ).fetchone()[0]


def member_by_email(email: str, db: Database | None = None) -> MemberRow | None:
    found = _rows("WHERE lower(email) = lower(%s)", (email,), db=db)
    return found[0] if found else None


def member_by_id(member_id: int, db: Database | None = None) -> MemberRow | None:
    found = _rows("WHERE id = %s", (member_id,), db=db)
    return found[0] if found else None


def member_by_role(role: str, db: Database | None = None) -> MemberRow | None:
    found = _rows("WHERE role = %s", (role,), db=db)
    return found[0] if found else None


def insert_member(db: Database, role: str, email: str, name: str) -> tuple[MemberRow, int]:
    """Add the member (in the open transaction); the first member of a journal with data
    becomes the recorder of every row so far. Returns the member and how many rows were
    attributed to them. Row-level security is then in force."""
    first = not has_members(db)
    db.execute_sql(
        "INSERT INTO member (role, email, name, added_at) VALUES (%s, %s, %s, %s)",
        (role, email, name, dt.datetime.now(dt.UTC).replace(tzinfo=None)),
    )
    member = member_by_role(role, db)
    attributed = 0
    if first:
        attributed = _attribute_to_first_member(db)
        enforce(db)
    return member, attributed


def mark_removed(db: Database, member: MemberRow) -> None:
    db.execute_sql(
        "UPDATE member SET removed_at = %s WHERE id = %s",
        (dt.datetime.now(dt.UTC).replace(tzinfo=None), member.id),
    )


def login_exists(db: Database, role: str) -> bool:
    return _role_exists(db, role)


def login_statements(db: Database, role: str, password_hash: str | None) -> list[str]:
    """The SQL giving ``role`` a login to the journal: the members' group (made when
    missing, with its rights), the login (made when missing), the login in the group."""
    group = members_group(db)
    statements = []
    if not _role_exists(db, group):
        statements.append(f"CREATE ROLE {_quote(group)} NOLOGIN")
    if not _role_exists(db, role):
        password = f" PASSWORD {_literal(password_hash)}" if password_hash else ""
        statements.append(f"CREATE ROLE {_quote(role)} LOGIN{password}")
    elif password_hash:
        statements.append(f"ALTER ROLE {_quote(role)} PASSWORD {_literal(password_hash)}")
    statements.append(f"GRANT {_quote(group)} TO {_quote(role)}")
    if statements[0].startswith("CREATE ROLE " + _quote(group)):
        statements += grant_statements(db)
    return statements


def revoke_statements(db: Database, role: str) -> list[str]:
    """The SQL taking the journal away from ``role``'s login (its other rights stay)."""
    return [f"REVOKE {_quote(members_group(db))} FROM {_quote(role)}"]


def run_statements(db: Database, statements: list[str]) -> None:
    for statement in statements:
        db.execute_sql(statement)


def password_hash(db: Database, role: str, password: str) -> str:
    """The password as the server stores it (SCRAM), computed here by libpq: the password
    itself never travels to the server or into its logs."""
    pgconn = db.connection().pgconn
    return pgconn.encrypt_password(password.encode(), role.encode(), b"scram-sha-256").decode()


def _literal(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


# ---- sharing -------------------------------------------------------------------------


def share_with_team(db: Database, person_id: int, shared: bool) -> None:
    db.execute_sql("UPDATE person SET shared_with_team = %s WHERE id = %s", (shared, person_id))


def share_with(db: Database, person_id: int, member_ids: list[int]) -> None:
    for member_id in member_ids:
        db.execute_sql(
            "INSERT INTO person_share (person_id, member_id) VALUES (%s, %s) "
            "ON CONFLICT (person_id, member_id) DO NOTHING",
            (person_id, member_id),
        )


def unshare_with(db: Database, person_id: int, member_ids: list[int] | None) -> None:
    """Stop sharing with ``member_ids`` (every named member: None)."""
    if member_ids is None:
        db.execute_sql("DELETE FROM person_share WHERE person_id = %s", (person_id,))
        return
    db.execute_sql(
        "DELETE FROM person_share WHERE person_id = %s AND member_id = ANY(%s)",
        (person_id, member_ids),
    )


def sees_person(db: Database, person_id: int) -> bool:
    """Whether the login sees the person (live or in the trash)."""
    return db.execute_sql(
        "SELECT EXISTS (SELECT 1 FROM person WHERE id = %s)", (person_id,)
    ).fetchone()[0]


def person_owner(db: Database, person_id: int) -> int | None:
    row = db.execute_sql("SELECT member_id FROM person WHERE id = %s", (person_id,)).fetchone()
    return row[0] if row else None


def shared_with(db: Database, person_id: int) -> tuple[bool, list[int]]:
    """Whether the person is shared with the team, and the members named (that this
    login may see)."""
    row = db.execute_sql(
        "SELECT shared_with_team FROM person WHERE id = %s", (person_id,)
    ).fetchone()
    named = [
        r[0]
        for r in db.execute_sql(
            "SELECT member_id FROM person_share WHERE person_id = %s ORDER BY member_id",
            (person_id,),
        )
    ]
    return bool(row and row[0]), named


# ---- private notes -------------------------------------------------------------------


def private_note_text(db: Database, person_id: int) -> str:
    """The logged-in member's private note on the person ("" when none)."""
    row = db.execute_sql(
        f"SELECT text FROM private_note WHERE person_id = %s AND member_id = {MEMBER_FUNCTION}()",
        (person_id,),
    ).fetchone()
    return row[0] if row else ""


def write_private_note(db: Database, person_id: int, text: str) -> None:
    """Write (or, with no text, delete) the logged-in member's private note."""
    now = dt.datetime.now(dt.UTC).replace(tzinfo=None)
    if not text:
        db.execute_sql(
            f"DELETE FROM private_note WHERE person_id = %s AND member_id = {MEMBER_FUNCTION}()",
            (person_id,),
        )
        return
    db.execute_sql(
        "INSERT INTO private_note (person_id, text, updated_at) VALUES (%s, %s, %s) "
        "ON CONFLICT (person_id, member_id) DO UPDATE SET text = EXCLUDED.text, "
        "updated_at = EXCLUDED.updated_at",
        (person_id, text, now),
    )
