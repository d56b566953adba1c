"""Several clients on one journal: each sees the others' saves, saves made at the same
moment all land, and undo never overwrites what someone else changed since.

"Another client" is another thread: it has a connection of its own, exactly as another
process or machine would. Each test runs on a SQLite file and, when
WINWIN_TEST_DB_URL is set, on a PostgreSQL server.
"""

from __future__ import annotations

import datetime as dt
import threading

import pytest

from tests.helpers.clients import either_journal, elsewhere, soon  # noqa: F401 (a fixture)
from winwin_desktop.journal import interactions, people, promises
from winwin_desktop.journal.log_entry import EntryExchange, LogEntry, save_log_entry
from winwin_desktop.store import changes, recording
from winwin_desktop.store.history import ChangedSince
from winwin_desktop.store.models import Exchange, Interaction, Person

pytestmark = pytest.mark.usefixtures("either_journal")

DAY = dt.date(2026, 3, 2)


def clock_of(changed_at: dt.datetime) -> str:
    """A stored UTC time as a refusal says it, today: "14:02" on this machine's clock."""
    return changed_at.replace(tzinfo=dt.UTC).astimezone().strftime("%H:%M")


def test_another_clients_save_changes_the_version_and_ones_own_does_not():
    ada = people.add_person("Ada Lovelace")
    seen = changes.data_version()
    people.edit_person(ada.id, organisation="Analytical Engines")
    assert changes.data_version() == seen
    elsewhere(people.add_person, "Minh Hoang")
    assert soon(lambda: changes.data_version() != seen)


def test_saves_from_two_clients_at_the_same_moment_both_land():
    ada = people.add_person("Ada Lovelace")
    start = threading.Barrier(2)

    def log_five(client: str) -> None:
        start.wait()
        for n in range(5):
            save_log_entry(
                LogEntry(
                    date=DAY,
                    title=f"{client} {n}",
                    people=[ada.id],
                    exchanges=[EntryExchange(ada.id, "given", "advice", 2)],
                )
            )

    threads = [threading.Thread(target=elsewhere, args=(log_five, c)) for c in ("A", "B")]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    titles = sorted(i.title for i in interactions.timeline(ada.id))
    assert titles == sorted(f"{c} {n}" for c in "AB" for n in range(5))
    assert Exchange.select().count() == 10


def test_undo_refuses_to_overwrite_a_change_made_since_elsewhere():
    ada = people.add_person("Ada Lovelace", organisation="Acme")
    with recording("Edit Ada") as change:
        people.edit_person(ada.id, organisation="Globex")
    elsewhere(people.edit_person, ada.id, role="CTO")

    with pytest.raises(ChangedSince) as refused:
        change.undo()
    # The other client's save, on this machine's clock (a journal of one user: no name).
    clock = clock_of(Person.get_by_id(ada.id).updated_at)
    assert str(refused.value) == (
        f"“Ada Lovelace” was changed elsewhere at {clock} — reload and apply yours again; "
        "nothing was undone."
    )
    again = people.get_person(ada.id)
    assert (again.organisation, again.role) == ("Globex", "CTO")


def test_undo_refuses_to_delete_what_another_client_added_to():
    ada = people.add_person("Ada Lovelace")
    with recording("Log Coffee") as change:
        saved = save_log_entry(LogEntry(date=DAY, title="Coffee", people=[ada.id]))
    elsewhere(
        promises.add_promise, ada.id, "me", "send the deck", interaction_id=saved.interaction.id
    )

    with pytest.raises(ChangedSince, match="^“Coffee” was changed elsewhere at "):
        change.undo()
    assert Interaction.select().count() == 1
    assert [p.text for p in promises.promises(ada.id)] == ["send the deck"]


def test_redo_refuses_too_and_an_unrelated_change_elsewhere_does_not_stop_undo():
    ada = people.add_person("Ada Lovelace", organisation="Acme")
    minh = people.add_person("Minh Hoang")
    with recording("Edit Ada") as change:
        people.edit_person(ada.id, organisation="Globex")
    elsewhere(people.edit_person, minh.id, organisation="Initech")
    change.undo()
    assert people.get_person(ada.id).organisation == "Acme"

    elsewhere(people.edit_person, ada.id, organisation="Umbrella")
    with pytest.raises(ChangedSince, match="nothing was redone"):
        change.redo()
    assert Person.get_by_id(ada.id).organisation == "Umbrella"
