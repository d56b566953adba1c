"""What only a server journal has to notice others' saves: a connection that listens."""

from __future__ import annotations

import pytest

from tests.helpers.clients import elsewhere, server_journal, soon  # noqa: F401 (a fixture)
from winwin_desktop.journal import people
from winwin_desktop.store import changes
from winwin_desktop.store.connection import database

pytestmark = pytest.mark.usefixtures("server_journal")


def test_a_lost_listening_connection_counts_as_a_change_and_listens_again():
    db = database.obj
    seen = changes.data_version()
    listener = changes._listeners[db]
    db.execute_sql("SELECT pg_terminate_backend(%s)", (listener.conn.info.backend_pid,))
    assert soon(lambda: changes.data_version() != seen)
    again = changes.data_version()
    elsewhere(people.add_person, "Minh Hoang")
    assert soon(lambda: changes.data_version() != again)
