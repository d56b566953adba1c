"""The Log dialog's draft: a draft the journal cannot take is left to the next change
(keep_draft says False) on either kind of journal file, never an error out of the dialog."""

from __future__ import annotations

import sys

import pytest

from winwin_desktop.journal import drafts
from winwin_desktop.store.models import Setting


def engine_error(journal) -> type[Exception]:
    """The error class of the journal's own driver: sqlite3's, or SQLCipher's."""
    if getattr(journal, "encrypted", False):
        return sys.modules["sqlcipher3.dbapi2"].OperationalError
    import sqlite3

    return sqlite3.OperationalError


@pytest.mark.both_journal_kinds
@pytest.mark.needs_file("the drivers' own errors are those of a journal file")
def test_a_draft_the_journal_cannot_take_is_refused_quietly(journal, monkeypatch):
    assert drafts.keep_draft({"title": "Lunch"}) is True
    error = engine_error(journal)

    def fail(*_args, **_kwargs):
        raise error("disk I/O error")

    monkeypatch.setattr(Setting, "save", fail)
    assert drafts.keep_draft({"title": "Lunch about the pilot"}) is False
    monkeypatch.undo()
    assert drafts.load_draft() == {"title": "Lunch"}
    assert drafts.forget_draft() is True
    assert drafts.load_draft() is None
