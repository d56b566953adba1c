"""One user action = one transaction = one undo step: the use cases a window runs inside
:func:`user_action` are recorded together, and the record undoes and redoes them."""

from __future__ import annotations

import contextlib
from collections.abc import Iterator

from winwin_desktop.journal.errors import ValidationError
from winwin_desktop.journal.opening import WRITE_ERRORS, JournalError
from winwin_desktop.store.connection import DISK_FULL, database, disk_full
from winwin_desktop.store.history import Change, ChangedSince, recording

__all__ = ["Change", "ChangedSince", "JournalUnavailable", "user_action"]


class JournalUnavailable(ValidationError):
    """The journal could not be written; nothing was, and what the user typed stays."""

    def __init__(self, cause: BaseException) -> None:
        journal = getattr(database.obj, "database", None)
        if disk_full(cause, journal):
            message = DISK_FULL
        elif isinstance(cause, JournalError):
            message = str(cause)  # already a sentence: read-only, or the file has gone
        else:
            message = (
                f"The journal could not be written ({cause}); nothing was saved. If another "
                "program is writing to it, try again in a moment; otherwise check the disk."
            )
        super().__init__("journal", message)


@contextlib.contextmanager
def user_action(label: str, one_use_case: bool = False) -> Iterator[Change]:
    """Run the use cases called inside as ONE transaction and record what they changed.
    ``ValidationError`` propagates as it is (nothing was written); a journal that cannot
    be written raises :class:`JournalUnavailable`. ``one_use_case``: only one use case is
    called inside, and nothing after it (its last writes may carry the commit)."""
    try:
        with recording(label, one_use_case=one_use_case) as change:
            yield change
    except WRITE_ERRORS as exc:
        raise JournalUnavailable(exc) from exc
