"""A journal shared on a PostgreSQL server, as the window opens it: its address in parts
(host, port, database, user, TLS), a trial connection that says in one sentence why it
failed, and the password in the system keyring when the user asks for it.

WinWin never writes a password into its own files or into an address: the keyring (the
``keyring`` library: GNOME Keyring, KWallet, macOS Keychain, Windows Credential Locker)
is the only place it keeps one, and only when asked.
"""

from __future__ import annotations

import urllib.parse
from dataclasses import dataclass
from pathlib import Path

from winwin_desktop.journal.errors import ValidationError
from winwin_desktop.store.connection import JournalError

KEYRING_SERVICE = "WinWin"
DEFAULT_PORT = 5432
LOCAL_HOSTS = ("localhost", "127.0.0.1", "::1")
# libpq's sslmode values, safest first, each with what it means for the user.
TLS_MODES = {
    "verify-full": "required, the server's certificate and name checked",
    "verify-ca": "required, the server's certificate checked",
    "require": "required, the certificate not checked",
    "prefer": "if the server offers it",
    "disable": "off: only for a server on this machine",
}
SCHEME = "postgresql"


@dataclass(frozen=True)
class ServerAddress:
    """Where a shared journal is: never with a password."""

    host: str
    port: int
    database: str
    user: str
    tls: str

    @property
    def url(self) -> str:
        """The libpq URL, as given to ``--db`` and kept among the recent journals."""
        user = urllib.parse.quote(self.user, safe="")
        host = f"[{self.host}]" if ":" in self.host else self.host
        database = urllib.parse.quote(self.database, safe="")
        return f"{SCHEME}://{user}@{host}:{self.port}/{database}?sslmode={self.tls}"

    @property
    def keyring_name(self) -> str:
        """The name its password is kept under in the keyring: who, where, which database."""
        return f"{self.user}@{self.host}:{self.port}/{self.database}"


def default_tls(host: str) -> str:
    """TLS with the certificate checked for any server but this machine (DESIGN.md)."""
    return "prefer" if is_local(host) else "verify-full"


def is_local(host: str) -> bool:
    return host.strip().lower() in LOCAL_HOSTS or host.strip().startswith("/")


def address(host: str, port: str | int, database: str, user: str, tls: str) -> ServerAddress:
    """The address typed in the dialog, checked: :class:`ValidationError` names the field
    that needs attention."""
    host, database, user = host.strip(), database.strip(), user.strip()
    if not host:
        raise ValidationError("host", "Type the server's name or address (the host).")
    try:
        number = int(str(port).strip() or DEFAULT_PORT)
    except ValueError:
        number = 0
    if not 0 < number < 65536:
        raise ValidationError("port", "The port is a number from 1 to 65535 (usually 5432).")
    if not database:
        raise ValidationError("database", "Type the name of the database that holds the journal.")
    if not user:
        raise ValidationError("user", "Type your user name on the server.")
    if tls not in TLS_MODES:
        raise ValidationError("tls", f"TLS is one of: {', '.join(TLS_MODES)}.")
    return ServerAddress(host, number, database, user, tls)


def address_of(url: str) -> ServerAddress | None:
    """The parts of a URL this module wrote (a recent journal); None for anything else."""
    parts = urllib.parse.urlsplit(url)
    if parts.scheme not in (SCHEME, "postgres") or not parts.hostname:
        return None
    tls = urllib.parse.parse_qs(parts.query).get("sslmode", [default_tls(parts.hostname)])[0]
    try:
        return address(
            parts.hostname,
            parts.port or DEFAULT_PORT,
            urllib.parse.unquote(parts.path.lstrip("/")),
            urllib.parse.unquote(parts.username or ""),
            tls,
        )
    except (ValidationError, ValueError):
        return None


def title_of(url: str) -> str | None:
    """A journal on a server as the window names it: "crm on db.example.org", with the
    port when it is not the usual one; never a user or password. None when ``url`` is not
    a server's address."""
    parts = urllib.parse.urlsplit(url)
    if parts.scheme not in (SCHEME, "postgres") or not parts.hostname:
        return None
    database = urllib.parse.unquote(parts.path.lstrip("/")) or "the journal"
    port = parts.port if parts.port not in (None, DEFAULT_PORT) else None
    return f"{database} on {parts.hostname}" + (f":{port}" if port else "")


def try_connecting(where: ServerAddress, password: str | None) -> None:
    """Connect once and go: :class:`JournalError` with one sentence (the server cannot
    be reached, the password is wrong, there is no such database…) when it fails."""
    from winwin_desktop.store import server

    server.connect(where.url, password or None).close()


# ---- the keyring --------------------------------------------------------------------------


NO_KEYRING = (
    "No system keyring was found on this computer (the packaged app for Linux carries "
    "none of its own); put the password in ~/.pgpass to avoid typing it."
)


def keyring_available() -> bool:
    """Whether there is a system keyring to remember a password in (False when the
    ``keyring`` library finds no backend: a Linux desktop without the Secret Service, or
    the packaged app, which leaves that backend's 15 MB of cryptography out)."""
    try:
        import keyring
    except ImportError:
        return False
    try:
        return keyring.get_keyring().priority > 0
    except Exception:  # a backend that fails even to say its priority
        return False


def remembered_password(where: ServerAddress) -> str | None:
    """The password kept in the keyring for ``where``; None when there is none, or no
    keyring to ask."""
    try:
        import keyring
        from keyring.errors import KeyringError
    except ImportError:
        return None

    try:
        return keyring.get_password(KEYRING_SERVICE, where.keyring_name)
    except (KeyringError, RuntimeError):
        return None


def password_for(url: str) -> str | None:
    """The password remembered for the journal at ``url``, if any (else libpq looks in
    ~/.pgpass and PGPASSWORD by itself)."""
    where = address_of(url)
    return remembered_password(where) if where is not None else None


def remember_password(where: ServerAddress, password: str) -> None:
    """Keep ``password`` in the system keyring; :class:`JournalError` when there is none."""
    unremembered = JournalError(
        "There is no system keyring to remember the password in; it was used this "
        "time only (put it in ~/.pgpass to avoid typing it)."
    )
    if not keyring_available():
        raise unremembered
    import keyring
    from keyring.errors import KeyringError

    try:
        keyring.set_password(KEYRING_SERVICE, where.keyring_name, password)
    except (KeyringError, RuntimeError) as exc:
        raise unremembered from exc


def forget_password(where: ServerAddress) -> None:
    """Take ``where``'s password out of the keyring, if it is there."""
    try:
        import keyring
        from keyring.errors import KeyringError, PasswordDeleteError
    except ImportError:
        return

    try:
        keyring.delete_password(KEYRING_SERVICE, where.keyring_name)
    except (PasswordDeleteError, KeyringError, RuntimeError):
        return


def journal_name(location: str | Path) -> str:
    """How the window's title names the journal: its file's name, or "crm on
    db.example.org" for a journal on a server (never a password)."""
    return title_of(str(location)) or Path(location).name


def journal_address(location: str | Path) -> str:
    """Where the journal is, to show: its file, or its server's address without a
    password."""
    where = address_of(str(location))
    return where.url if where else str(location)
