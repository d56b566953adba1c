"""Unsaved dialogs kept in the journal: the Log dialog's draft survives Esc, a quit and a
crash, and is encrypted with the journal when it has a passphrase (a file beside it
would not be)."""

from __future__ import annotations

from typing import Any

from peewee import DatabaseError

from winwin_desktop.store import recording
from winwin_desktop.store.connection import sql_errors
from winwin_desktop.store.models import Setting, live
from winwin_desktop.store.together import run_together

LOG_DRAFT = "draft.log_interaction"


def load_draft(key: str = LOG_DRAFT) -> dict[str, Any] | None:
    """The draft kept under ``key``, or None."""
    row = Setting.get_or_none((Setting.key == key) & live(Setting))
    return row.value if row is not None and isinstance(row.value, dict) else None


def keep_draft(value: dict[str, Any], key: str = LOG_DRAFT) -> bool:
    """Keep ``value`` (plain JSON data) as the draft; not an undoable action. False when
    the journal could not be written (the dialog still holds the text, and tries again
    at the next change)."""

    def write() -> None:
        row = Setting.get_or_none(Setting.key == key) or Setting(key=key)
        row.value = value
        row.deleted_at = None
        row.save()

    return _quietly("Keep draft", write)


def forget_draft(key: str = LOG_DRAFT) -> bool:
    # With its COMMIT: one round trip to a server, after each save of the Log dialog.
    delete = Setting.delete().where(Setting.key == key)
    return _quietly("Forget draft", lambda: run_together([delete], last=True))


def _quietly(label: str, write) -> bool:
    try:
        with recording(label):
            write()
    except (DatabaseError, *sql_errors(), OSError):
        return False
    return True
