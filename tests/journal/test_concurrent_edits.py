"""Two windows (or a window and another client) editing the same interaction or person:
the second save is refused when what it loaded was changed since, nothing of it is
written, and the first save stays. On a SQLite file and, when WINWIN_TEST_DB_URL is set,
on a PostgreSQL server (a journal of one user: the sentence names no member)."""

from __future__ import annotations

import datetime as dt

import pytest

from tests.helpers.clients import either_journal, elsewhere  # noqa: F401 (a fixture)
from winwin_desktop.journal import interactions, log_entry, name_parts, people, promises
from winwin_desktop.journal.errors import ChangedMeanwhile
from winwin_desktop.journal.log_entry import (
    EntryExchange,
    EntryPromise,
    LoadedEntry,
    LogEntry,
    save_log_entry,
)
from winwin_desktop.store import recording
from winwin_desktop.store.connection import is_server
from winwin_desktop.store.models import Exchange, Interaction, Person, Promise

pytestmark = pytest.mark.usefixtures("either_journal")

DAY = dt.date(2026, 3, 2)


def clock_of(changed_at: dt.datetime) -> str:
    """A stored UTC time as the refusal says it, today: "14:02" on this machine's clock."""
    return changed_at.replace(tzinfo=dt.UTC).astimezone().strftime("%H:%M")


def workshop() -> tuple[int, LoadedEntry]:
    """Ada's workshop with one exchange and one promise, as an edit dialog loads it."""
    ada = people.add_person("Ada Lovelace").id
    saved = save_log_entry(
        LogEntry(
            date=DAY,
            title="Workshop",
            people=[ada],
            exchanges=[EntryExchange(ada, "given", "advice", 3, "market map")],
            promises=[EntryPromise(ada, "me", "send the deck")],
        )
    )
    return ada, loaded(saved.interaction.id)


def loaded(interaction_id: int) -> LoadedEntry:
    return LoadedEntry(
        interactions.get_interaction(interaction_id),
        tuple(promises.promises_of_interaction(interaction_id)),
    )


def edit_of(was: LoadedEntry, title: str, points: int = 3) -> LogEntry:
    """What the dialog saves: the loaded interaction with a new title (and points)."""
    shown = was.interaction
    return LogEntry(
        date=shown.date,
        title=title,
        people=[pid for pid, _ in shown.participants],
        notes=shown.notes,
        exchanges=[
            EntryExchange(e.person_id, e.direction, e.category, points, e.description, id=e.id)
            for e in shown.exchanges
        ],
        promises=[
            EntryPromise(p.person_id, p.owed_by, p.text, p.due, id=p.id) for p in was.promises
        ],
        interaction_id=shown.id,
        loaded=was,
    )


def stored() -> tuple:
    """The interaction's title, its exchanges' points, its promises' texts, as stored."""
    return (
        [i.title for i in Interaction.select()],
        [e.points for e in Exchange.select().order_by(Exchange.id)],
        [p.text for p in Promise.select().order_by(Promise.id)],
    )


def test_the_second_save_of_the_same_interaction_is_refused_and_writes_nothing():
    _ada, mine = workshop()
    theirs = loaded(mine.interaction.id)
    elsewhere(save_log_entry, edit_of(theirs, "Workshop (theirs)", points=4))

    with recording("Edit “Workshop”") as change, pytest.raises(ChangedMeanwhile) as refused:
        save_log_entry(edit_of(mine, "Workshop (mine)", points=5))
    clock = clock_of(Interaction.get().updated_at)
    assert refused.value.message == (
        f"“Workshop” was changed elsewhere at {clock} — reload and apply yours again; "
        "nothing was saved."
    )
    assert stored() == (["Workshop (theirs)"], [4], ["send the deck"])
    assert change.is_empty

    # Reloaded, the same edit applies over theirs.
    save_log_entry(edit_of(loaded(mine.interaction.id), "Workshop (mine)", points=5))
    assert stored() == (["Workshop (mine)"], [5], ["send the deck"])


@pytest.mark.parametrize(
    "their_change",
    [
        "exchange points",
        "exchange deleted",
        "exchange added",
        "promise text",
        "promise deleted",
        "participant added",
    ],
)
def test_a_change_to_any_row_the_dialog_shows_refuses_the_save(their_change):
    ada, mine = workshop()
    interaction = mine.interaction.id
    exchange = mine.interaction.exchanges[0].id
    promise = mine.promises[0].id

    def change_it() -> None:
        with recording("theirs"):
            if their_change == "exchange points":
                row = Exchange.get_by_id(exchange)
                row.points = 1
                row.save()
            elif their_change == "exchange deleted":
                row = Exchange.get_by_id(exchange)
                row.deleted_at = dt.datetime(2026, 3, 3)
                row.save()
            elif their_change == "exchange added":
                Exchange(
                    interaction=interaction,
                    person=ada,
                    direction="received",
                    category="gift",
                    points=2,
                ).save()
            elif their_change == "promise text":
                promises.edit_promise(promise, "send the slides", None)
            elif their_change == "promise deleted":
                promises.delete_promise(promise)
            else:
                minh = people.add_person("Minh Hoang").id
                theirs = loaded(interaction)
                edit = edit_of(theirs, "Workshop")
                save_log_entry(LogEntry(**{**edit.__dict__, "people": [*edit.people, minh]}))

    elsewhere(change_it)
    before = stored()
    with pytest.raises(ChangedMeanwhile, match="^“Workshop” was changed elsewhere at "):
        save_log_entry(edit_of(mine, "Workshop (mine)", points=5))
    assert stored() == before


def test_a_change_elsewhere_to_something_else_does_not_stop_the_save():
    ada, mine = workshop()
    # Ada's profile and another interaction change meanwhile: nothing the dialog shows.
    elsewhere(people.edit_person, ada, role="CTO")
    elsewhere(save_log_entry, LogEntry(date=DAY, title="Call", people=[ada]))
    # A promise kept is not something the dialog writes over (it writes text and due).
    elsewhere(promises.set_status, mine.promises[0].id, "kept")

    save_log_entry(edit_of(mine, "Workshop (mine)"))
    assert sorted(stored()[0]) == ["Call", "Workshop (mine)"]
    assert Promise.get().status == "kept"


def test_the_second_edit_of_the_same_profile_field_is_refused_another_field_is_not():
    ada = people.add_person("Ada Lovelace", organisation="Acme", notes="Met at the fair")
    mine = people.get_person(ada.id)
    elsewhere(people.edit_person, ada.id, loaded={"notes": mine.notes}, notes="Theirs")

    with recording("Edit Ada") as change, pytest.raises(ChangedMeanwhile) as refused:
        people.edit_person(ada.id, loaded={"notes": mine.notes}, notes="Mine")
    clock = clock_of(Person.get_by_id(ada.id).updated_at)
    assert refused.value.message == (
        f"“Ada Lovelace” was changed elsewhere at {clock} — reload and apply yours again; "
        "nothing was saved."
    )
    assert people.get_person(ada.id).notes == "Theirs"
    assert change.is_empty

    # Their notes do not stop my organisation, nor my tags (as loaded: none).
    people.edit_person(ada.id, loaded={"organisation": "Acme"}, organisation="Globex")
    people.edit_person(ada.id, loaded={"tags": []}, tags=["client"])
    again = people.get_person(ada.id)
    assert (again.organisation, again.notes, again.tags) == ("Globex", "Theirs", ["client"])
    elsewhere(people.edit_person, ada.id, tags=["client", "investor"])
    with pytest.raises(ChangedMeanwhile):
        people.edit_person(ada.id, loaded={"tags": ["client"]}, tags=[])
    assert people.get_person(ada.id).tags == ["client", "investor"]


def test_a_change_landing_between_the_saves_reads_and_its_writes_is_refused(monkeypatch):
    """On a server the save's updates write only the rows as it read them (a file's save
    holds the write lock from its start: nobody writes in between)."""
    if not is_server():
        pytest.skip("a file's save holds the write lock from its start")
    ada, mine = workshop()
    read = log_entry._read

    def read_then_theirs(entry):
        found = read(entry)
        elsewhere(interactions.edit_interaction, mine.interaction.id, DAY, "Theirs", [ada])
        return found

    monkeypatch.setattr(log_entry, "_read", read_then_theirs)
    with pytest.raises(ChangedMeanwhile, match="^“Workshop” was changed elsewhere at "):
        save_log_entry(edit_of(mine, "Mine", points=5))
    assert stored()[0] == ["Theirs"] and 5 not in stored()[1]


def test_the_second_edit_of_the_same_name_part_or_birthday_is_refused():
    ada = people.add_person("Ada Lovelace").id
    name_parts.set_name_parts(ada, {"given": "Ada", "family": "Lovelace"})
    elsewhere(name_parts.set_name_parts, ada, {"family": "King"}, loaded={"family": "Lovelace"})

    with pytest.raises(ChangedMeanwhile, match="^“Ada Lovelace” was changed elsewhere at "):
        name_parts.set_name_parts(ada, {"family": "Byron"}, loaded={"family": "Lovelace"})
    # Another part, and the birthday, as loaded: saved beside their family name.
    name_parts.set_name_parts(ada, {"given": "Augusta Ada"}, loaded={"given": "Ada"})
    name_parts.set_name_parts(ada, birthday="1815-12-10", loaded={"birthday": ""})
    assert name_parts.name_parts(ada) == name_parts.NameParts(
        {"given": "Augusta Ada", "family": "King"}, "1815-12-10"
    )
    with pytest.raises(ChangedMeanwhile):
        name_parts.set_name_parts(ada, birthday="--12-10", loaded={"birthday": ""})
    assert name_parts.name_parts(ada).birthday == "1815-12-10"
