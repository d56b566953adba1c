"""Fast totals per person for large journals (engine-specific parts behind small
functions).

``exchange.day`` and ``exchange.interaction_live`` copy the interaction's date and
whether it is out of the trash; triggers keep them in step on every write — the use
cases, undo and redo, bulk inserts alike — so the window totals of 10,000 people are one
scan of a covering index. The triggers are SQL on SQLite and PL/pgSQL on PostgreSQL, with
the same names; the reads are one SQL text for both engines but for a few fragments
(SQLite's planner hints, how a month is written).
"""

from __future__ import annotations

import datetime as dt
import sqlite3
import threading
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Generic, TypeVar

from peewee import Database, Query, RawQuery

from winwin_desktop.store.connection import file_gone, is_server, read_only_uri
from winwin_desktop.store.together import run_together

T = TypeVar("T")

_COPY = (
    "day = (SELECT date FROM interaction WHERE id = {ref}), "
    "interaction_live = (SELECT deleted_at IS NULL FROM interaction WHERE id = {ref})"
)

TRIGGERS = {
    "totals_exchange_on_insert": (
        "AFTER INSERT ON exchange",
        f"UPDATE exchange SET {_COPY.format(ref='NEW.interaction_id')} WHERE id = NEW.id",
    ),
    "totals_exchange_on_move": (
        "AFTER UPDATE OF interaction_id ON exchange",
        f"UPDATE exchange SET {_COPY.format(ref='NEW.interaction_id')} WHERE id = NEW.id",
    ),
    "totals_interaction_on_update": (
        "AFTER UPDATE OF date, deleted_at ON interaction",
        "UPDATE exchange SET day = NEW.date, interaction_live = (NEW.deleted_at IS NULL) "
        "WHERE interaction_id = NEW.id",
    ),
}

# The same triggers on PostgreSQL: (table, CREATE TRIGGER's event and action), the
# exchange's copy set before it is written rather than by a second write.
_SERVER_TRIGGERS = {
    "totals_exchange_on_insert": (
        "exchange",
        "BEFORE INSERT ON exchange FOR EACH ROW EXECUTE FUNCTION totals_copy_interaction()",
    ),
    "totals_exchange_on_move": (
        "exchange",
        "BEFORE UPDATE OF interaction_id ON exchange FOR EACH ROW "
        "EXECUTE FUNCTION totals_copy_interaction()",
    ),
    "totals_interaction_on_update": (
        "interaction",
        "AFTER UPDATE OF date, deleted_at ON interaction FOR EACH ROW "
        "WHEN (OLD.date IS DISTINCT FROM NEW.date OR OLD.deleted_at IS DISTINCT FROM NEW.deleted_at) "
        "EXECUTE FUNCTION totals_interaction_changed()",
    ),
}
_SERVER_FUNCTIONS = (
    "CREATE OR REPLACE FUNCTION totals_copy_interaction() RETURNS trigger LANGUAGE plpgsql AS $$ "
    "BEGIN SELECT i.date, i.deleted_at IS NULL INTO NEW.day, NEW.interaction_live "
    "FROM interaction i WHERE i.id = NEW.interaction_id; RETURN NEW; END $$",
    "CREATE OR REPLACE FUNCTION totals_interaction_changed() RETURNS trigger LANGUAGE plpgsql "
    "AS $$ BEGIN UPDATE exchange SET day = NEW.date, interaction_live = (NEW.deleted_at IS NULL) "
    "WHERE interaction_id = NEW.id; RETURN NULL; END $$",
)


def drop_triggers(db: Database) -> None:
    if is_server(db):
        for name, (table, _) in _SERVER_TRIGGERS.items():
            db.execute_sql(f'DROP TRIGGER IF EXISTS "{name}" ON {table}')
        return
    for name in TRIGGERS:
        db.execute_sql(f'DROP TRIGGER IF EXISTS "{name}"')


def install(db: Database) -> bool:
    """Create the triggers and bring every exchange's copy up to date (after migrations).
    Does nothing on a schema without the columns."""
    columns = {c.name for c in db.get_columns("exchange")}
    if "day" not in columns:
        return False
    with db.atomic():
        drop_triggers(db)
        db.execute_sql(f"UPDATE exchange SET {_COPY.format(ref='exchange.interaction_id')}")
        if is_server(db):
            for statement in _SERVER_FUNCTIONS:
                db.execute_sql(statement)
            for name, (_, definition) in _SERVER_TRIGGERS.items():
                db.execute_sql(f'CREATE TRIGGER "{name}" {definition}')
        else:
            for name, (event, statement) in TRIGGERS.items():
                db.execute_sql(f'CREATE TRIGGER "{name}" {event} BEGIN {statement}; END')
    return True


# ---- the engine-specific fragments of the reads -------------------------------------


def _exchanges(db: Database, alias: str = "") -> str:
    """The exchange table (as ``alias``), read through its covering index (SQLite must be
    told to)."""
    table = f"exchange {alias}".rstrip()
    return table if is_server(db) else f"{table} INDEXED BY exchange_totals"


def _counted(db: Database, prefix: str = "") -> str:
    """The condition that an exchange counts (its own row and its interaction live),
    written as the covering index's own condition is, so that the index serves it."""
    live = "interaction_live" if is_server(db) else "interaction_live = 1"
    return f"{prefix}deleted_at IS NULL AND {prefix}{live}"


def _month(db: Database, column: str) -> str:
    """The ``YYYY-MM`` of a date column (an ISO text on SQLite)."""
    return f"to_char({column}, 'YYYY-MM')" if is_server(db) else f"substr({column}, 1, 7)"


def _then_look_up(db: Database) -> str:
    """A join SQLite must run in the order written (its CROSS JOIN); PostgreSQL plans
    its own."""
    return "JOIN" if is_server(db) else "CROSS JOIN"


def _day(db: Database, day: dt.date) -> object:
    """A date as a query parameter: SQLite stores dates as ISO text."""
    return day if is_server(db) else day.isoformat()


def _iso(day: object) -> str:
    """A date read back, as ISO text (PostgreSQL gives a ``date``)."""
    return day.isoformat() if isinstance(day, dt.date) else day


def _marks(db: Database, count: int) -> str:
    return ", ".join([db.param] * count)


def reads_beside(db: Database) -> bool:
    """Whether :func:`in_background` reads on a thread of its own on ``db`` (a plain file)
    rather than at once (see there). Not once the file has been deleted or replaced: a new
    connection would open (or create) whatever is at its path now."""
    return not (getattr(db, "encrypted", False) or is_server(db) or file_gone(db))


class Background(Generic[T]):
    """A query started by :func:`in_background`: call it to wait for the answer (it raises
    what the query raised); :meth:`ready` says, without waiting, whether it is there."""

    def __init__(
        self,
        thread: threading.Thread | None,
        outcome: dict[str, object],
        at_once: Callable[[], T] | None = None,
    ) -> None:
        self._thread = thread
        self._outcome = outcome
        self._at_once = at_once  # the query on the caller's connection (see __call__)

    def ready(self) -> bool:
        return self._thread is None or not self._thread.is_alive()

    def __call__(self) -> T:
        if self._thread is not None:
            self._thread.join()
        if "error" in self._outcome:
            if self._outcome.get("file_gone") and self._at_once is not None:
                # The thread could not open the file, gone meanwhile: the caller's own
                # connection still holds it.
                return self._at_once()
            raise self._outcome["error"]
        return self._outcome["answer"]


def in_background(query: Callable[[Database], T], db: Database) -> Background[T]:
    """Start ``query(db)`` on a thread with a connection of its own; returns what waits for
    its answer (and raises what the query raised).

    SQLite lets other Python threads run while it reads, so a long scan runs beside the
    caller's own queries on another core. An encrypted journal runs the query at once
    instead: a new SQLCipher connection derives its key, which costs more than it saves.
    So does a PostgreSQL journal: a new connection costs round trips to the server (and a
    TLS handshake), more than the few milliseconds the overlap would save.
    """
    outcome: dict[str, object] = {}

    def run() -> None:
        try:
            outcome["answer"] = query(db)
        except BaseException as error:  # handed to the waiting thread
            outcome["error"] = error

    def run_and_close() -> None:
        try:
            _connect_to_existing_file(db)
        except sqlite3.Error as error:
            outcome["error"], outcome["file_gone"] = error, True
            return
        try:
            run()
        finally:
            db.close()  # this thread's connection: peewee keeps one per thread

    thread = None
    if not reads_beside(db):
        run()
    else:
        thread = threading.Thread(target=run_and_close, name="winwin-query", daemon=True)
        thread.start()
    return Background(thread, outcome, lambda: query(db))


def _connect_to_existing_file(db: Database) -> None:
    """Give this thread its connection to the journal's file, refused if the file is no
    longer there: a plain connection would make an empty journal at its path when another
    program deleted it since the read was started."""
    path = Path(db.database)
    uri = (
        read_only_uri(path)
        if getattr(db, "read_only", False)
        else f"{path.absolute().as_uri()}?mode=rw"
    )
    conn = sqlite3.connect(
        uri, uri=True, timeout=db._timeout, isolation_level=None, **db.connect_params
    )
    try:
        db._add_conn_hooks(conn)
    except Exception:
        conn.close()
        raise
    db._state.set_connection(conn)


def window_totals(
    db: Database, first_day: dt.date, last_day: dt.date, person_ids: list[int] | None = None
) -> dict[int, tuple[int, ...]]:
    """Per person with live exchanges (of ``person_ids``, or everyone's): (exchanges
    ever, exchanges in the window, given in the window, received in the window, given
    ever, received ever). Exchanges of people in the trash are included; callers keep to
    live people."""
    if person_ids is not None and not person_ids:  # INDEXED BY would find no plan for IN ()
        return {}
    return window_totals_of(db.execute(window_totals_query(db, first_day, last_day, person_ids)))


def window_totals_query(
    db: Database, first_day: dt.date, last_day: dt.date, person_ids: list[int] | None = None
) -> RawQuery:
    """The query of :func:`window_totals` (``person_ids`` not empty), for a batch of
    reads; :func:`window_totals_of` reads its rows."""
    first, last = _day(db, first_day), _day(db, last_day)
    some, params = "", []
    if person_ids is not None:
        some, params = f"AND person_id IN ({_marks(db, len(person_ids))})", list(person_ids)
    window = f"day BETWEEN {db.param} AND {db.param}"
    # FILTER clauses, not CASE expressions: SQLite then skips a row for each sum it does
    # not count in, about a fifth faster over the reference journal's 400,000 exchanges.
    return RawQuery(
        f"""
        SELECT person_id,
               COUNT(*),
               COUNT(*) FILTER (WHERE {window}),
               SUM(points) FILTER (WHERE direction = 'given' AND {window}),
               SUM(points) FILTER (WHERE direction = 'received' AND {window}),
               SUM(points) FILTER (WHERE direction = 'given'),
               SUM(points) FILTER (WHERE direction = 'received')
        FROM {_exchanges(db)}
        WHERE {_counted(db)} {some}
        GROUP BY person_id
        """,
        [first, last] * 3 + params,
    ).tuples()


def window_totals_of(rows) -> dict[int, tuple[int, ...]]:
    return {row[0]: tuple(int(v or 0) for v in row[1:]) for row in rows}


def point_totals(db: Database, person_ids: list[int] | None = None) -> dict[int, tuple[int, int]]:
    """(given ever, received ever) per person with live exchanges (of ``person_ids``, or
    everyone's), from the covering index (people in the trash included; callers keep to
    live people)."""
    where, params = "", []
    if person_ids is not None:
        if not person_ids:  # INDEXED BY would find "no query solution" for IN ()
            return {}
        where = f"AND person_id IN ({_marks(db, len(person_ids))})"
        params = list(person_ids)
    rows = db.execute_sql(
        f"""
        SELECT person_id,
               SUM(CASE WHEN direction = 'given' THEN points ELSE 0 END),
               SUM(CASE WHEN direction = 'received' THEN points ELSE 0 END)
        FROM {_exchanges(db)}
        WHERE {_counted(db)} {where}
        GROUP BY person_id
        """,
        params,
    )
    return {row[0]: (int(row[1] or 0), int(row[2] or 0)) for row in rows}


def person_exchanges(db: Database, person_ids: list[int], *, titles: bool = True) -> list[tuple]:
    """The live exchanges of the live people among ``person_ids``, oldest first (by day,
    interaction, exchange), as (person id, day, direction, points, category, interaction
    id, interaction title), the day as stored (ISO text on a file, a date on a server):
    the covering index finds them without reading each exchange's row. Without
    ``titles`` the title is empty and no interaction is read."""
    if not person_ids:  # INDEXED BY would find "no query solution" for IN ()
        return []
    return list(db.execute(person_exchanges_query(db, person_ids, titles=titles)))


def person_exchanges_query(db: Database, person_ids: list[int], *, titles: bool = True) -> RawQuery:
    """The query of :func:`person_exchanges` (``person_ids`` not empty), for a batch of
    reads."""
    title, interaction = ("i.title", "JOIN interaction i ON i.id = e.interaction_id")
    if not titles:
        title, interaction = "''", ""
    return RawQuery(
        f"""
        SELECT e.person_id, e.day, e.direction, e.points, e.category, e.interaction_id, {title}
        FROM {_exchanges(db, "e")} {interaction}
        WHERE e.person_id IN ({_marks(db, len(person_ids))}) AND {_counted(db, "e.")}
          AND e.person_id IN (SELECT id FROM person WHERE deleted_at IS NULL)
        ORDER BY e.day, e.interaction_id, e.id
        """,
        list(person_ids),
    ).tuples()


def window_exchanges(
    db: Database, person_id: int, first_day: dt.date, last_day: dt.date
) -> list[tuple]:
    """The live exchanges with ``person_id`` from ``first_day`` to ``last_day``, the most
    points first (then the latest day, then the latest recorded), as (direction,
    category, points, description, day, interaction title, interaction kind), the day as
    stored: the covering index finds them, so that only their own rows and interactions
    are read, not those of every exchange with the person."""
    return list(
        db.execute(
            RawQuery(
                f"""
                SELECT e.direction, e.category, e.points, e.description, e.day, i.title, i.kind
                FROM {_exchanges(db, "e")} JOIN interaction i ON i.id = e.interaction_id
                WHERE e.person_id = {db.param} AND {_counted(db, "e.")}
                  AND e.day BETWEEN {db.param} AND {db.param}
                ORDER BY e.points DESC, e.day DESC, e.id DESC
                """,
                [person_id, _day(db, first_day), _day(db, last_day)],
            ).tuples()
        )
    )


def people_list_reads(
    db: Database, also: Sequence[Query] = ()
) -> tuple[list, dict[int, list[str]], Callable[[], dict[int, tuple[int, str]]], list[list]]:
    """What the People list reads besides the totals: :func:`people_rows`, :func:`tag_names`,
    a function answering :func:`contact_totals`, and the rows of the queries ``also``.

    On a server, all in one round trip; on a file, the interactions of everyone are read
    on a thread of their own meanwhile (:func:`in_background`)."""
    if is_server(db):
        people, tags, contacts, *others = run_together(
            [_people_query(), _tags_query(), contact_totals_query(db), *also]
        )
        answer = contact_totals_of(contacts)
        return _people(people), _tags(tags), lambda: answer, others
    waiting = in_background(contact_totals, db)
    others = [list(query) for query in also]
    return people_rows(db), tag_names(db), waiting, others


def people_rows(db: Database) -> list[tuple[int, str, str, str, bool]]:
    """(id, name, organisation, role, archived) of every live person, by name (as
    ``lower(name)`` orders them), read without the model layer: the People list reads
    all of them at start."""
    return _people(db.execute(_people_query()))


def _people_query() -> RawQuery:
    return RawQuery(
        "SELECT id, name, organisation, role, archived FROM person"
        " WHERE deleted_at IS NULL ORDER BY lower(name)"
    ).tuples()


def _people(rows) -> list[tuple[int, str, str, str, bool]]:
    return [
        (pid, name, organisation, role, bool(archived))
        for pid, name, organisation, role, archived in rows
    ]


def tag_names(db: Database) -> dict[int, list[str]]:
    """The names of the live tags of every person who has any, each list by name."""
    return _tags(db.execute(_tags_query()))


def _tags_query() -> RawQuery:
    return RawQuery(
        "SELECT pt.person_id, t.name FROM person_tag pt JOIN tag t ON t.id = pt.tag_id"
        " WHERE t.deleted_at IS NULL ORDER BY t.name"
    ).tuples()


def _tags(rows) -> dict[int, list[str]]:
    found: dict[int, list[str]] = {}
    for person_id, name in rows:
        found.setdefault(person_id, []).append(name)
    return found


def contact_totals(db: Database) -> dict[int, tuple[int, str]]:
    """(live interactions, ISO date of the last one) per person who took part in any."""
    return contact_totals_of(db.execute(contact_totals_query(db)))


def contact_totals_query(db: Database) -> RawQuery:
    """The query of :func:`contact_totals`, for a batch of reads; :func:`contact_totals_of`
    reads its rows."""
    # On SQLite, CROSS JOIN makes it read the interactions once in table order and look
    # up their participants, instead of looking up an interaction for each participant
    # (4x slower on the reference journal).
    return RawQuery(
        f"""
        SELECT p.person_id, COUNT(*), MAX(i.date)
        FROM interaction i {_then_look_up(db)} participant p ON p.interaction_id = i.id
        WHERE i.deleted_at IS NULL AND p.deleted_at IS NULL
        GROUP BY p.person_id
        """
    ).tuples()


def contact_totals_of(rows) -> dict[int, tuple[int, str]]:
    return {row[0]: (int(row[1]), _iso(row[2])) for row in rows}


def _in_range(
    db: Database, first_day: dt.date, last_day: dt.date, tag: str | None
) -> tuple[str, list]:
    """The condition (and its parameters) that an exchange counts, is inside the range,
    and its person is live (and has ``tag``)."""
    where = (
        f"{_counted(db)} AND person_id IN (SELECT id FROM person WHERE deleted_at IS NULL)"
        f" AND day BETWEEN {db.param} AND {db.param}"
    )
    params: list = [_day(db, first_day), _day(db, last_day)]
    if tag is not None:
        where += (
            " AND person_id IN (SELECT pt.person_id FROM person_tag pt JOIN tag t"
            f" ON t.id = pt.tag_id WHERE t.name = {db.param} AND t.deleted_at IS NULL)"
        )
        params.append(tag)
    return where, params


def category_totals(
    db: Database, first_day: dt.date, last_day: dt.date, tag: str | None = None
) -> dict[str, tuple[int, int]]:
    """(given, received) points per category inside the window, for live people."""
    where, params = _in_range(db, first_day, last_day, tag)
    totals: dict[str, list[int]] = {}
    for category, direction, points in db.execute_sql(
        f"SELECT category, direction, SUM(points) FROM {_exchanges(db)} "
        f"WHERE {where} GROUP BY category, direction",
        params,
    ):
        totals.setdefault(category, [0, 0])[direction != "given"] += int(points)
    return {category: (g, r) for category, (g, r) in sorted(totals.items())}


def monthly_totals(
    db: Database, first_day: dt.date, last_day: dt.date, tag: str | None = None
) -> dict[dt.date, tuple[int, int]]:
    """(given, received) points per calendar month (keyed by its first day) in the range."""
    where, params = _in_range(db, first_day, last_day, tag)
    totals: dict[dt.date, list[int]] = {}
    for month, direction, points in db.execute_sql(
        f"SELECT {_month(db, 'day')}, direction, SUM(points) FROM {_exchanges(db)} "
        f"WHERE {where} GROUP BY 1, direction",
        params,
    ):
        key = dt.date.fromisoformat(f"{month}-01")
        totals.setdefault(key, [0, 0])[direction != "given"] += int(points)
    return {month: (g, r) for month, (g, r) in sorted(totals.items())}
