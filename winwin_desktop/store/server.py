"""A journal in a PostgreSQL database: its URL, the connection (psycopg 3), the TLS
default, and what connecting or saving can go wrong with, each in one sentence.

The URL is libpq's (``postgresql://user@host:port/dbname?sslmode=…``). Passwords come
only from where libpq itself looks (``~/.pgpass``, ``PGPASSWORD``, a service file) or
from the window's keyring (given to :func:`connect`): never from the URL, never stored by
WinWin. Anything file-only (snapshots, SQLCipher, the file's identity) stays in the other
modules of ``store/``; this one knows nothing of them.
"""

from __future__ import annotations

import contextlib
import re
from collections.abc import Iterator

from peewee import (
    BaseJSONMethods,
    DatabaseError,
    InterfaceError,
    OperationalError,
    PostgresqlDatabase,
)

from winwin_desktop.store.connection import JournalError
from winwin_desktop.store.drivers import give_peewee_psycopg
from winwin_desktop.store.team import NOT_A_MEMBER
from winwin_desktop.store.together import BeginWithFirstStatement

SCHEMES = ("postgresql://", "postgres://")
# The oldest PostgreSQL WinWin supports (server_version numbering: 13.0 is 130000).
MIN_SERVER_VERSION = 130000
LOCAL_HOSTS = ("localhost", "127.0.0.1", "::1")
CONNECT_TIMEOUT_SECONDS = 10
# One number for "a WinWin is changing this database's schema" (pg_advisory_lock):
# "WinWin" in ASCII.
MIGRATION_LOCK = 0x57696E57696E

_NEEDS_PSYCOPG = (
    "A journal on a PostgreSQL server needs psycopg: install it with "
    "pip install 'winwin-desktop[server]', then try again."
)


class ServerError(JournalError):
    """A journal on a server that cannot be reached, opened or written; the message is
    one sentence for the user."""


class ServerUnreachable(ServerError):
    pass


class WrongPassword(ServerError):
    pass


class MissingDatabase(ServerError):
    pass


class ServerTooOld(ServerError):
    pass


class ConnectionLost(ServerError):
    pass


def is_url(location: object) -> bool:
    """Whether ``location`` (as typed after --db, or in WINWIN_DB) names a journal on a
    PostgreSQL server rather than a file."""
    return isinstance(location, str) and location.lower().startswith(SCHEMES)


def is_local(options: dict[str, str]) -> bool:
    """Whether every host in libpq ``options`` is this machine (a loopback address, or a
    Unix socket: no host at all, or a folder)."""
    hosts = [h for h in (options.get("host") or options.get("hostaddr") or "").split(",") if h]
    return all(h in LOCAL_HOSTS or h.startswith("/") for h in hosts)


def connection_options(url: str) -> dict[str, str]:
    """libpq's options for ``url``: TLS with the server's certificate checked
    (``sslmode=verify-full``) for any host but this machine, unless the URL says
    otherwise; a connection timeout. A password in the URL is refused: it would sit in
    the shell's history and in the list of processes."""
    try:
        from psycopg.conninfo import conninfo_to_dict
    except ImportError as exc:
        raise ServerError(_NEEDS_PSYCOPG) from exc
    try:
        options = {k: str(v) for k, v in conninfo_to_dict(url).items()}
    except Exception as exc:  # psycopg.ProgrammingError, with libpq's words
        raise ServerError(
            f"{url} is not a PostgreSQL address WinWin can read; write it as "
            "postgresql://USER@HOST:PORT/DATABASE."
        ) from exc
    if "password" in options:
        raise ServerError(
            "Leave the password out of the address: put it in ~/.pgpass or PGPASSWORD "
            "instead (WinWin never keeps it)."
        )
    if not options.get("dbname"):
        raise ServerError(
            f"{url} names no database; write it as postgresql://USER@HOST:PORT/DATABASE."
        )
    if not is_local(options):
        options.setdefault("sslmode", "verify-full")
    options.setdefault("connect_timeout", str(CONNECT_TIMEOUT_SECONDS))
    options.setdefault("application_name", "WinWin")
    return options


def describe(options: dict[str, str]) -> str:
    """ "the database NAME on HOST:PORT", for sentences."""
    host = options.get("host") or options.get("hostaddr") or "localhost"
    port = options.get("port") or "5432"
    return f"the database {options['dbname']} on {host}:{port}"


class TextJSONMethods(BaseJSONMethods):
    """JSON kept as the text it was written as (PostgreSQL's JSONB would sort a
    reflection's answers by key): written with ``json.dumps``, read with ``json.loads``,
    as on SQLite."""

    def make_value_wrapper(self, dumps):
        return dumps


class ServerDatabase(BeginWithFirstStatement, PostgresqlDatabase):
    """The journal's connection to a PostgreSQL server.

    ``location`` is the URL as given (for messages and for connecting again);
    ``options`` what libpq is given."""

    field_types = {**PostgresqlDatabase.field_types, "JSON": "TEXT"}
    json_methods = TextJSONMethods

    def __init__(self, url: str, password: str | None = None) -> None:
        options = connection_options(url)  # psycopg is there: it read the URL
        give_peewee_psycopg()  # hidden from peewee's import by store.drivers
        self.location = url
        self.options = options
        self.where = describe(options)
        params = {k: v for k, v in options.items() if k != "dbname"}
        if password:
            params["password"] = password
        super().__init__(options["dbname"], **params)

    def _connect(self):
        try:
            conn = super()._connect()
        except Exception as exc:  # psycopg's OperationalError, with libpq's words
            raise connect_error(exc, self.options) from exc
        version = conn.info.server_version
        if version < MIN_SERVER_VERSION:
            conn.close()
            raise ServerTooOld(
                f"{capital(self.where)} runs PostgreSQL "
                f"{_version_text(version)}; WinWin needs PostgreSQL "
                f"{_version_text(MIN_SERVER_VERSION)} or newer: ask its administrator to "
                "upgrade it."
            )
        return conn

    def connection_lost(self) -> bool:
        """Whether the connection to the server broke (the network, a restart)."""
        conn = self._state.conn
        return conn is not None and (conn.closed or conn.broken)

    def execute_sql(self, sql, params=None):
        try:
            return super().execute_sql(sql, params)
        except (OperationalError, InterfaceError) as exc:
            # Inside a save, :meth:`saving` says what became of it.
            if self.transaction_depth() or not self.connection_lost():
                raise
            self._forget_connection()
            raise ConnectionLost(
                f"The connection to {self.where} was lost; check the network and try again."
            ) from exc
        except DatabaseError as exc:
            # A team journal refuses a row from a login that is no member (store/team.py):
            # its own sentence says what to do.
            if getattr(getattr(exc, "orig", None), "sqlstate", None) == NOT_A_MEMBER:
                raise JournalError(exc.orig.diag.message_primary) from exc
            raise

    @contextlib.contextmanager
    def saving(self) -> Iterator[None]:
        """One save: one transaction. Should the connection break on the way, the server
        rolls it back, and :class:`ConnectionLost` says so; the next save connects again."""
        try:
            with self.atomic():
                yield
        except (OperationalError, InterfaceError) as exc:
            if not self.connection_lost():
                raise
            self._forget_connection()
            raise ConnectionLost(
                f"The connection to {self.where} was lost while saving; nothing was saved. "
                "Check the network and try again."
            ) from exc

    def _forget_connection(self) -> None:
        with contextlib.suppress(Exception):
            self._state.conn.close()
        self._state.reset()

    @contextlib.contextmanager
    def migration_lock(self) -> Iterator[None]:
        """Hold the database's migration lock: another WinWin opening the same database
        meanwhile waits here, then finds the schema up to date."""
        self.execute_sql("SELECT pg_advisory_lock(%s)", (MIGRATION_LOCK,))
        try:
            yield
        finally:
            if not self.connection_lost():
                self.execute_sql("SELECT pg_advisory_unlock(%s)", (MIGRATION_LOCK,))


def connect(url: str, password: str | None = None) -> ServerDatabase:
    """A connected :class:`ServerDatabase` for ``url``, or a :class:`ServerError` saying
    in one sentence why not."""
    db = ServerDatabase(url, password)
    db.connect()
    return db


def opening_error(db: ServerDatabase, exc: BaseException) -> ServerError:
    """The sentence for a database that was reached but could not be made a journal."""
    user = db.options.get("user") or "your user"
    if getattr(exc, "sqlstate", None) == "42501" or "permission denied" in str(exc):
        return ServerError(
            f"{capital(db.where)} does not let {user} make a journal's tables; have its "
            f"administrator make {user} its owner (createdb --owner {user} "
            f"{db.options['dbname']}), then try again."
        )
    return ServerError(f"{capital(db.where)} could not be opened as a journal ({exc}).")


def capital(text: str) -> str:
    """``text`` with its first letter a capital, to start a sentence."""
    return text[:1].upper() + text[1:]


def _version_text(number: int) -> str:
    return f"{number // 10000}" if number % 10000 == 0 else f"{number // 10000}.{number % 10000}"


# libpq's words (the server's, for the last ones, in English unless it is set otherwise)
# for what went wrong, each with WinWin's sentence. The first match wins.
_CONNECT_FAILURES: tuple[tuple[str, type[ServerError], str], ...] = (
    (
        r"password authentication failed",
        WrongPassword,
        "The server refused the password of {user} for {where}; correct it in ~/.pgpass "
        "or PGPASSWORD, then try again.",
    ),
    (
        r"no password supplied|password is required",
        WrongPassword,
        "{Where} asks for the password of {user}; put it in ~/.pgpass or PGPASSWORD "
        "(WinWin never keeps it), then try again.",
    ),
    (
        r'database ".*" does not exist',
        MissingDatabase,
        "There is no database {dbname} on {server}; create it first (createdb {dbname}) or "
        "correct the address.",
    ),
    (
        r'role ".*" does not exist',
        WrongPassword,
        "{Where} has no user {user}; correct the user name in the address.",
    ),
    (
        r"no pg_hba\.conf entry",
        WrongPassword,
        "{Where} does not let {user} connect from this machine; ask its administrator "
        "to allow it (pg_hba.conf).",
    ),
    (
        r"does not support SSL|SSL (is )?(not|off)|SSL negotiation",
        ServerUnreachable,
        "{Where} offers no encrypted (TLS) connection; turn TLS on at the server (or, on a "
        "network you trust, add ?sslmode=disable to the address).",
    ),
    (
        r"certificate|root\.crt|SSL",
        ServerUnreachable,
        "The certificate of {where} could not be verified; put its authority's "
        "certificate in ~/.postgresql/root.crt (or add sslrootcert=system to the "
        "address), then try again.",
    ),
    (
        r"too many (connections|clients)|remaining connection slots",
        ServerUnreachable,
        "{Where} has too many connections open; try again in a moment.",
    ),
)


def connect_error(exc: BaseException, options: dict[str, str]) -> ServerError:
    """The one sentence for a failed connection, by libpq's message."""
    message = str(exc)
    host = options.get("host") or options.get("hostaddr") or "localhost"
    values = {
        "server": f"{host}:{options.get('port') or '5432'}",
        "where": describe(options),
        "Where": capital(describe(options)),
        "user": options.get("user") or "your user",
        "dbname": options["dbname"],
    }
    for pattern, kind, sentence in _CONNECT_FAILURES:
        if re.search(pattern, message, re.IGNORECASE):
            return kind(sentence.format(**values))
    return ServerUnreachable(
        f"Cannot reach the PostgreSQL server at {values['server']}; "
        "check that it is running and that the address is right, then try again."
    )
