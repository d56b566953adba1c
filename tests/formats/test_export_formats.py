"""WinWin's JSON, CSV, Markdown and vCard, from small snapshots built by hand.

Pure: no database. Each format is read back (json, csv, vobject) and compared with the
rows it was made from.
"""

from __future__ import annotations

import base64
import copy
import csv
import datetime as dt
import io
import json

import pytest
import vobject
from hypothesis import given, settings
from hypothesis import strategies as st

from winwin_desktop.formats import export_csv, export_markdown, vcard_export, winwin_json
from winwin_desktop.formats.winwin_json import (
    ExchangeRow,
    InteractionRow,
    MentionRow,
    ParticipantRow,
    PersonRow,
    PersonTagRow,
    PromiseRow,
    ReflectionRow,
    SchemaError,
    SettingRow,
    Snapshot,
    TagRow,
)

T0 = dt.datetime(2026, 3, 1, 9, 0, 0)
PNG = b"\x89PNG\r\n\x1a\n" + bytes(range(60))


def stamp(minutes: int) -> dict:
    moment = T0 + dt.timedelta(minutes=minutes)
    return {"created_at": moment, "updated_at": moment}


@pytest.fixture
def snapshot() -> Snapshot:
    """Two people (one introduced by the other), a meeting with both, a call with one,
    exchanges both ways, two promises, a reflection that mentions Zoë, one trashed call."""
    zoe = PersonRow(
        uid="p-zoe",
        name="Zoë Brontë-Nuñez",
        organisation="Acme Robotics, Ltd; R&D",
        role="Head of Partnerships",
        emails=["zoe@acme.example", "zoe@home.example"],
        phones=["+44 20 7946 0001"],
        links=["https://acme.example/zoe"],
        how_met="Lisbon summit",
        met_on=dt.date(2025, 3, 14),
        notes="Prefers calls.\nLikes *concise* decks; hates jargon, really.",
        talking_points="Series B",
        cadence_days=30,
        photo=PNG,
        **stamp(0),
    )
    minh = PersonRow(
        uid="p-minh",
        name="Minh Hoang",
        introduced_by_uid="p-zoe",
        archived=True,
        **stamp(1),
    )
    gone = PersonRow(
        uid="p-gone", name="Trashed Person", deleted_at=T0 + dt.timedelta(days=3), **stamp(2)
    )
    meeting = InteractionRow(
        uid="i-meeting",
        date=dt.date(2026, 3, 2),
        time=dt.time(14, 30),
        kind="meeting",
        title="Intro call",
        notes="# Agenda\nPricing, then **pilot**.",
        **stamp(10),
    )
    call = InteractionRow(uid="i-call", date=dt.date(2026, 3, 5), kind="call", **stamp(11))
    trashed = InteractionRow(
        uid="i-trashed",
        date=dt.date(2026, 3, 6),
        title="Deleted",
        deleted_at=T0 + dt.timedelta(days=5),
        **stamp(12),
    )
    return Snapshot(
        settings=[SettingRow(uid="s-window", key="review_window_days", value=180, **stamp(20))],
        tags=[
            TagRow(uid="t-investor", name="investor", cadence_days=45, **stamp(3)),
            TagRow(uid="t-client", name="client", **stamp(4)),
        ],
        people=[minh, zoe, gone],  # out of order on purpose: the document sorts them
        person_tags=[
            PersonTagRow(uid="pt-1", person_uid="p-zoe", tag_uid="t-investor", **stamp(5)),
            PersonTagRow(uid="pt-2", person_uid="p-zoe", tag_uid="t-client", **stamp(6)),
        ],
        interactions=[meeting, call, trashed],
        participants=[
            ParticipantRow(
                uid="pa-1", interaction_uid="i-meeting", person_uid="p-zoe", **stamp(13)
            ),
            ParticipantRow(
                uid="pa-2", interaction_uid="i-meeting", person_uid="p-minh", **stamp(14)
            ),
            ParticipantRow(uid="pa-3", interaction_uid="i-call", person_uid="p-zoe", **stamp(15)),
            ParticipantRow(
                uid="pa-4", interaction_uid="i-trashed", person_uid="p-zoe", **stamp(16)
            ),
        ],
        exchanges=[
            ExchangeRow(
                uid="e-1",
                interaction_uid="i-meeting",
                person_uid="p-zoe",
                direction="given",
                category="advice",
                points=3,
                description="market map",
                **stamp(17),
            ),
            ExchangeRow(
                uid="e-2",
                interaction_uid="i-meeting",
                person_uid="p-zoe",
                direction="received",
                category="introduction",
                points=4,
                description="CFO intro",
                **stamp(18),
            ),
            ExchangeRow(
                uid="e-3",
                interaction_uid="i-call",
                person_uid="p-zoe",
                direction="given",
                category="help/time",
                points=1,
                **stamp(19),
            ),
            ExchangeRow(
                uid="e-4",
                interaction_uid="i-trashed",
                person_uid="p-zoe",
                direction="given",
                category="gift",
                points=5,
                **stamp(19),
            ),
        ],
        promises=[
            PromiseRow(
                uid="pr-1",
                person_uid="p-zoe",
                interaction_uid="i-meeting",
                owed_by="me",
                text="Send the deck",
                due=dt.date(2026, 3, 9),
                **stamp(21),
            ),
            PromiseRow(
                uid="pr-2",
                person_uid="p-minh",
                interaction_uid="i-trashed",
                owed_by="them",
                text="An intro",
                status="kept",
                closed_on=dt.date(2026, 3, 7),
                **stamp(22),
            ),
        ],
        reflections=[
            ReflectionRow(
                uid="r-1",
                day=dt.date(2026, 3, 2),
                text="Good talk with @Zoë Brontë-Nuñez.\n## Lessons\nAsk first.",
                answers={"Who helped me?": "Zoë"},
                **stamp(23),
            )
        ],
        mentions=[MentionRow(uid="m-1", reflection_uid="r-1", person_uid="p-zoe", **stamp(24))],
    )


# ---- WinWin JSON ------------------------------------------------------------------------


def test_document_names_its_format_and_version_and_holds_every_table(snapshot):
    document = winwin_json.to_document(snapshot)
    assert document["format"] == "winwin-journal"
    assert document["version"] == 1
    assert list(document)[2:] == [
        "settings",
        "tags",
        "people",
        "person_tags",
        "interactions",
        "participants",
        "exchanges",
        "promises",
        "reflections",
        "mentions",
    ]
    assert [len(document[t.name]) for t in winwin_json.TABLES] == [1, 2, 3, 2, 3, 4, 4, 2, 1, 1]


def test_rows_refer_to_each_other_by_uid_with_iso_dates(snapshot):
    document = winwin_json.to_document(snapshot)
    zoe, minh, gone = document["people"]  # in the order they were created
    assert zoe == {
        "uid": "p-zoe",
        "name": "Zoë Brontë-Nuñez",
        "organisation": "Acme Robotics, Ltd; R&D",
        "role": "Head of Partnerships",
        "emails": ["zoe@acme.example", "zoe@home.example"],
        "phones": ["+44 20 7946 0001"],
        "links": ["https://acme.example/zoe"],
        "how_met": "Lisbon summit",
        "met_on": "2025-03-14",
        "introduced_by_uid": None,
        "notes": "Prefers calls.\nLikes *concise* decks; hates jargon, really.",
        "talking_points": "Series B",
        "cadence_days": 30,
        "archived": False,
        "snoozed_until": None,
        "photo": base64.b64encode(PNG).decode("ascii"),
        "structured_name": {},
        "birthday": "",
        "created_at": "2026-03-01T09:00:00Z",
        "updated_at": "2026-03-01T09:00:00Z",
        "deleted_at": None,
    }
    assert minh["introduced_by_uid"] == "p-zoe" and minh["archived"] is True
    assert gone["deleted_at"] == "2026-03-04T09:00:00Z"
    meeting = document["interactions"][0]
    assert (meeting["date"], meeting["time"]) == ("2026-03-02", "14:30:00")
    assert document["exchanges"][0] == {
        "uid": "e-1",
        "interaction_uid": "i-meeting",
        "person_uid": "p-zoe",
        "direction": "given",
        "category": "advice",
        "points": 3,
        "description": "market map",
        "created_at": "2026-03-01T09:17:00Z",
        "updated_at": "2026-03-01T09:17:00Z",
        "deleted_at": None,
    }
    assert document["promises"][0]["due"] == "2026-03-09"
    assert document["reflections"][0]["answers"] == {"Who helped me?": "Zoë"}
    assert document["settings"][0]["value"] == 180
    assert "id" not in zoe


def test_document_is_plain_json_and_reads_back_to_the_same_snapshot(snapshot):
    text = winwin_json.dumps(snapshot)
    assert text.endswith("\n") and "Zoë" in text  # UTF-8, not \u escapes
    assert json.loads(text) == winwin_json.to_document(snapshot)
    # One row per line, to read and to compare with a diff tool.
    assert '\n    {"uid": "p-zoe", "name": "Zoë Brontë-Nuñez", ' in text
    assert json.loads(winwin_json.dumps(Snapshot())) == {
        "format": "winwin-journal",
        "version": 1,
        **{table.name: [] for table in winwin_json.TABLES},
    }
    back = winwin_json.loads(text)
    assert winwin_json.to_document(back) == winwin_json.to_document(snapshot)
    assert winwin_json.loads(text.encode("utf-8")) == back
    # A second trip changes nothing, whatever order the rows came in.
    assert winwin_json.dumps(back) == text


def test_a_reader_fills_in_defaults_and_ignores_keys_it_does_not_know():
    document = {
        "format": "winwin-journal",
        "version": 1,
        "people": [{"uid": "a", "name": "Ana", "favourite_colour": "teal"}],
        "future_table": [{"anything": 1}],
    }
    snapshot = winwin_json.from_document(document)
    (ana,) = snapshot.people
    assert (ana.name, ana.emails, ana.archived, ana.met_on) == ("Ana", [], False, None)
    assert snapshot.interactions == []


def test_stamps_with_an_offset_are_read_as_utc():
    document = {
        "format": "winwin-journal",
        "version": 1,
        "tags": [{"uid": "t", "name": "x", "created_at": "2026-03-01T10:00:00+01:00"}],
    }
    (tag,) = winwin_json.from_document(document).tags
    assert tag.created_at == dt.datetime(2026, 3, 1, 9, 0)
    assert tag.updated_at == tag.created_at


def broken(snapshot, change) -> dict:
    document = copy.deepcopy(winwin_json.to_document(snapshot))
    change(document)
    return document


@pytest.mark.parametrize(
    ("change", "where", "words"),
    [
        (lambda d: d.update(format="jrnl"), "", "not a WinWin journal export"),
        (lambda d: d.update(version=2), "version", "newer WinWin"),
        (lambda d: d.update(version="1"), "version", "no valid"),
        (lambda d: d.update(people={}), "people", "should be a list"),
        (lambda d: d["people"].append("Ana"), "people[3]", "not an object"),
        (lambda d: d["people"][0].pop("uid"), "people[0].uid", "no “uid”"),
        (lambda d: d["people"][0].pop("name"), "people[0].name", "no “name”"),
        (lambda d: d["people"][0].update(met_on="14/03/2025"), "people[0].met_on", "not a date"),
        (lambda d: d["people"][0].update(emails="a@b"), "people[0].emails", "list of texts"),
        (lambda d: d["people"][0].update(archived=1), "people[0].archived", "true or false"),
        (lambda d: d["people"][0].update(cadence_days="30"), "people[0].cadence_days", "whole"),
        (lambda d: d["people"][1].update(introduced_by_uid="nobody"), "people[1]", "does not hold"),
        (lambda d: d["people"][1].update(uid="p-zoe"), "people[1]", "same “uid”"),
        (lambda d: d["tags"][1].update(name="investor"), "tags[1]", "same “name”"),
        (lambda d: d["interactions"][0].update(time="2pm"), "interactions[0].time", "not a time"),
        (lambda d: d["interactions"][0].update(date=None), "interactions[0].date", "empty"),
        (lambda d: d["exchanges"][0].update(points=7), "exchanges[0].points", "1 to 5"),
        (lambda d: d["exchanges"][0].update(direction="lent"), "exchanges[0].direction", "given"),
        (lambda d: d["exchanges"][0].update(person_uid="p-x"), "exchanges[0].person_uid", "hold"),
        (lambda d: d["promises"][0].update(owed_by="you"), "promises[0].owed_by", "me, them"),
        (lambda d: d["reflections"][0].update(answers=[]), "reflections[0].answers", "object"),
        (lambda d: d["mentions"].append(dict(d["mentions"][0], uid="m-2")), "mentions[1]", "same"),
        (lambda d: d["tags"][0].update(created_at="yesterday"), "tags[0].created_at", "ISO 8601"),
        (lambda d: d["people"][0].update(photo="not base64!"), "people[0].photo", "base64"),
    ],
)
def test_a_document_that_cannot_be_read_says_where(snapshot, change, where, words):
    with pytest.raises(SchemaError) as caught:
        winwin_json.from_document(broken(snapshot, change))
    assert caught.value.where.startswith(where)
    assert words in caught.value.message


@pytest.mark.parametrize("text", ["", "{", "[1, 2]", "null", '"winwin"', b"\xff\xfe\x00garbage"])
def test_text_that_is_not_an_export_raises_schema_error(text):
    with pytest.raises(SchemaError):
        winwin_json.loads(text)


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(max_size=8),
    lambda inner: (
        st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=8), inner, max_size=3)
    ),
    max_leaves=12,
)


@settings(max_examples=150, deadline=None)
@given(
    table=st.sampled_from([t.name for t in winwin_json.TABLES]),
    rows=st.lists(
        st.dictionaries(
            st.sampled_from(["uid", "name", "date", "key", "person_uid", "points", "day", "text"]),
            json_values,
            max_size=5,
        ),
        max_size=3,
    ),
    version=st.sampled_from([1, 1, 2, "1", None]),
)
def test_any_json_gives_a_snapshot_or_schema_error(table, rows, version):
    document = {"format": "winwin-journal", "version": version, table: rows}
    try:
        snapshot = winwin_json.from_document(document)
    except SchemaError as error:
        assert error.message
    else:
        assert isinstance(snapshot, Snapshot)


def test_without_trash_leaves_out_trashed_rows_and_what_hangs_on_them(snapshot):
    live = winwin_json.without_trash(snapshot)
    assert {p.uid for p in live.people} == {"p-zoe", "p-minh"}
    assert {i.uid for i in live.interactions} == {"i-meeting", "i-call"}
    assert {p.uid for p in live.participants} == {"pa-1", "pa-2", "pa-3"}
    assert {e.uid for e in live.exchanges} == {"e-1", "e-2", "e-3"}
    # A promise outlives its trashed interaction; it just no longer points at it.
    assert {p.uid: p.interaction_uid for p in live.promises} == {
        "pr-1": "i-meeting",
        "pr-2": None,
    }
    assert len(snapshot.exchanges) == 4  # the snapshot itself is untouched


# ---- CSV --------------------------------------------------------------------------------


def read_csv(text: str) -> list[dict[str, str]]:
    assert text.startswith("\ufeff")
    return list(csv.DictReader(io.StringIO(text[1:], newline="")))


def test_csv_has_one_file_per_record_kind_with_crlf_lines(snapshot):
    files = export_csv.to_csv(winwin_json.without_trash(snapshot))
    assert list(files) == [
        "people.csv",
        "interactions.csv",
        "exchanges.csv",
        "promises.csv",
        "reflections.csv",
    ]
    header = files["people.csv"][1:].split("\r\n")[0]
    assert header.startswith("uid,name,organisation,role,emails,phones,links,tags")


def test_csv_people_carry_their_details_and_all_time_totals(snapshot):
    rows = read_csv(export_csv.to_csv(winwin_json.without_trash(snapshot))["people.csv"])
    assert [r["name"] for r in rows] == ["Minh Hoang", "Zoë Brontë-Nuñez"]
    minh, zoe = rows
    assert zoe["organisation"] == "Acme Robotics, Ltd; R&D"  # quoted, read back whole
    assert zoe["emails"] == "zoe@acme.example; zoe@home.example"
    assert zoe["tags"] == "client; investor"
    assert zoe["met_on"] == "2025-03-14"
    assert zoe["notes"] == "Prefers calls.\nLikes *concise* decks; hates jargon, really."
    # Given 3 + 1, received 4 (the trashed call's 5 points do not count); 2 interactions.
    assert (zoe["given"], zoe["received"], zoe["balance"]) == ("4", "4", "0")
    assert (zoe["interactions"], zoe["last_contact"]) == ("2", "2026-03-05")
    assert (minh["introduced_by"], minh["archived"], minh["given"]) == (
        "Zoë Brontë-Nuñez",
        "yes",
        "0",
    )
    assert minh["last_contact"] == "2026-03-02"


def test_csv_interactions_exchanges_promises_and_reflections(snapshot):
    files = export_csv.to_csv(winwin_json.without_trash(snapshot))
    interactions = read_csv(files["interactions.csv"])
    assert [(r["date"], r["time"], r["kind"], r["title"]) for r in interactions] == [
        ("2026-03-02", "14:30", "meeting", "Intro call"),
        ("2026-03-05", "", "call", ""),
    ]
    assert interactions[0]["people"] == "Zoë Brontë-Nuñez; Minh Hoang"
    assert (interactions[0]["given"], interactions[0]["received"]) == ("3", "4")
    exchanges = read_csv(files["exchanges.csv"])
    assert [
        (r["date"], r["person"], r["direction"], r["category"], r["points"]) for r in exchanges
    ] == [
        ("2026-03-02", "Zoë Brontë-Nuñez", "given", "advice", "3"),
        ("2026-03-02", "Zoë Brontë-Nuñez", "received", "introduction", "4"),
        ("2026-03-05", "Zoë Brontë-Nuñez", "given", "help/time", "1"),
    ]
    assert exchanges[0]["interaction_uid"] == "i-meeting"
    promises = read_csv(files["promises.csv"])
    assert [(r["due"], r["owed_by"], r["person"], r["text"], r["status"]) for r in promises] == [
        ("2026-03-09", "me", "Zoë Brontë-Nuñez", "Send the deck", "open"),
        ("", "them", "Minh Hoang", "An intro", "kept"),
    ]
    (reflection,) = read_csv(files["reflections.csv"])
    assert reflection["day"] == "2026-03-02"
    assert reflection["mentions"] == "Zoë Brontë-Nuñez"
    assert json.loads(reflection["answers"]) == {"Who helped me?": "Zoë"}


# ---- Markdown ---------------------------------------------------------------------------


def test_markdown_has_reflections_by_day_then_interactions_by_person(snapshot):
    text = export_markdown.to_markdown(winwin_json.without_trash(snapshot), dt.date(2026, 3, 10))
    headings = [line for line in text.splitlines() if line.startswith("#")]
    assert headings == [
        "# WinWin journal",
        "## Reflections",
        "### 2026-03-02 · Monday 2 March",
        "##### Lessons",  # the reflection's own "## Lessons", kept below the day
        "## Interactions by person",
        "### Minh Hoang",
        "#### 2026-03-02 14:30 · Intro call (meeting)",
        "##### Agenda",
        "### Zoë Brontë-Nuñez",
        "#### 2026-03-02 14:30 · Intro call (meeting)",
        "##### Agenda",
        "#### 2026-03-05 · Call (call)",
    ]
    assert "Exported 2026-03-10 · 2 people · 2 interactions · 1 reflection" in text
    assert "**Who helped me?** Zoë" in text
    assert "*Mentions: Zoë Brontë-Nuñez*" in text


def test_markdown_person_section_shows_who_else_was_there_and_the_value(snapshot):
    text = export_markdown.to_markdown(winwin_json.without_trash(snapshot))
    zoe = text[text.index("### Zoë Brontë-Nuñez") :]
    assert "Head of Partnerships · Acme Robotics, Ltd; R&D" in zoe
    assert "Tags: client, investor" in zoe
    assert "Gave 4 · received 4 · balance 0" in zoe
    assert "With Minh Hoang." in zoe
    assert "- Gave advice, 3 points — market map" in zoe
    assert "- Received introduction, 4 points — CFO intro" in zoe
    assert "- Gave help/time, 1 point" in zoe
    assert "Deleted" not in text and "Trashed Person" not in text
    minh = text[text.index("### Minh Hoang") : text.index("### Zoë")]
    assert "Archived" in minh and "With Zoë Brontë-Nuñez." in minh


def test_markdown_of_an_empty_journal_says_so():
    text = export_markdown.to_markdown(Snapshot())
    assert "No reflections yet." in text and "Nobody in the journal yet." in text


def test_headings_inside_code_blocks_are_left_alone():
    reflection = ReflectionRow(day=dt.date(2026, 1, 1), text="```\n# not a heading\n```\n# One")
    text = export_markdown.to_markdown(Snapshot(reflections=[reflection]))
    assert "```\n# not a heading\n```\n#### One" in text


# ---- vCard ------------------------------------------------------------------------------


def test_vcards_are_version_4_and_read_back_through_vobject(snapshot):
    text = vcard_export.to_vcards(winwin_json.without_trash(snapshot))
    assert "\r\n" in text and text.count("BEGIN:VCARD") == 2
    for card in text.split("BEGIN:VCARD")[1:]:
        assert card.startswith("\r\nVERSION:4.0\r\n")  # VERSION right after BEGIN (RFC 6350)
    folded = [line for line in text.split("\r\n") if not line.startswith("PHOTO:")]
    assert all(len(line.encode()) <= 75 for line in folded)
    minh, zoe = list(vobject.readComponents(text))
    assert zoe.fn.value == "Zoë Brontë-Nuñez"
    assert (zoe.n.value.family, zoe.n.value.given) == ("Brontë-Nuñez", "Zoë")
    assert zoe.org.value == ["Acme Robotics, Ltd; R&D"]
    assert zoe.title.value == "Head of Partnerships"
    assert [e.value for e in zoe.email_list] == ["zoe@acme.example", "zoe@home.example"]
    assert zoe.email_list[0].params["PREF"] == ["1"]
    assert [t.value for t in zoe.tel_list] == ["+44 20 7946 0001"]
    assert [u.value for u in zoe.url_list] == ["https://acme.example/zoe"]
    assert zoe.note.value == "Prefers calls.\nLikes *concise* decks; hates jargon, really."
    assert zoe.categories.value == ["client", "investor"]
    assert zoe.uid.value == "urn:uuid:p-zoe"
    assert zoe.rev.value == "20260301T090000Z"
    assert minh.fn.value == "Minh Hoang" and not hasattr(minh, "org")
    assert not hasattr(minh, "photo")


def test_the_photo_is_a_data_uri_written_as_is(snapshot):
    text = vcard_export.to_vcards(winwin_json.without_trash(snapshot))
    (line,) = [line for line in text.split("\r\n") if line.startswith("PHOTO")]
    assert line == f"PHOTO:data:image/png;base64,{base64.b64encode(PNG).decode('ascii')}"


@pytest.mark.parametrize(
    ("data", "mime"),
    [
        (b"\xff\xd8\xff\xe0rest", "image/jpeg"),
        (PNG, "image/png"),
        (b"GIF89a...", "image/gif"),
        (b"RIFF\x00\x00\x00\x00WEBPVP8 ", "image/webp"),
        (b"%PDF-1.7", None),
    ],
)
def test_image_type_from_the_first_bytes(data, mime):
    assert vcard_export.image_type(data) == mime
    card = vcard_export.person_vcard(PersonRow(name="Ana", photo=data))
    assert ("PHOTO:" in card) == (mime is not None)


def test_a_one_word_name_is_the_given_name():
    card = vobject.readOne(vcard_export.person_vcard(PersonRow(name="Cher")))
    assert (card.n.value.family, card.n.value.given, card.fn.value) == ("", "Cher", "Cher")


def test_awkward_text_survives_the_round_trip():
    person = PersonRow(
        name="Ana de la Cruz",
        organisation="Cruz; Hijos, S.A.",
        notes="Line one, with comma; and semicolon\\backslash\n\nLine three: " + "x" * 120,
        emails=["ana@example.org"],
    )
    card = vobject.readOne(vcard_export.person_vcard(person, ["a,b", "c;d"]))
    assert card.fn.value == "Ana de la Cruz"
    assert card.org.value == ["Cruz; Hijos, S.A."]
    assert card.note.value == person.notes
    assert card.categories.value == ["a,b", "c;d"]
