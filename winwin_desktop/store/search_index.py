"""Full-text search's index: what is indexed of each kind of record, the triggers that
keep it in step with the journal, and how a query is written for it. A SQLite journal
has FTS5 tables (here); a PostgreSQL one ``tsvector`` tables (``search_server``), with
the same meaning and the same ranking intent. The functions below answer for the open
journal's engine.

There is one index table per kind of record, ``search_<kind>``, holding a row per live
record with the record's id as its rowid. On SQLite, migration ``0002_search`` creates
the tables; on PostgreSQL :func:`install` does. The triggers are SQL (so they run inside
whatever transaction changes a row — use cases, undo and redo writing raw rows, the
trash, cascades — and for any program that writes the journal): they rewrite a record's
row when its text or ``deleted_at`` changes and drop it once the record is deleted.

The triggers name other tables (a person's row holds their tags), and a migration that
rebuilds a table (as ``playhouse.migrate`` does on SQLite) would trip over them, or drop
the triggers on that table without a word. So :func:`drop_triggers` sets them aside
before the migrations run and :func:`install` puts them back for the schema as it then
is, and refills the index.

Text is folded the same way on both sides. SQLite's tokenizer folds case and accents
(``unicode61 remove_diacritics 2``: Zoë → zoe, Gdańsk → gdansk); the letters it keeps as
they are (ł, ø, ß, æ, đ …) are spelled out with ``replace()`` before the text reaches the
index, and by ``text.fold`` in a query.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass

from peewee import Database, chunked
from playhouse.sqlite_ext import FTS5Model, SearchField

from winwin_desktop.store import search_server
from winwin_desktop.store.connection import database, is_server
from winwin_desktop.store.search_server import ANSWERS, TAGS
from winwin_desktop.text import SPELLED_OUT

PERSON = "person"
INTERACTION = "interaction"
EXCHANGE = "exchange"
PROMISE = "promise"
REFLECTION = "reflection"
# The order results are grouped in.
KINDS = (PERSON, INTERACTION, EXCHANGE, PROMISE, REFLECTION)


# Title matches count four times as much as matches in the rest of the text.
TITLE_WEIGHT = 4.0
BODY_WEIGHT = 1.0


# ---- reading the index --------------------------------------------------------------


class _Index(FTS5Model):
    """One row of an index: a record's title and the rest of its text, folded."""

    title = SearchField()
    body = SearchField()

    class Meta:
        database = database


class PersonIndex(_Index):
    class Meta:
        table_name = "search_person"


class InteractionIndex(_Index):
    class Meta:
        table_name = "search_interaction"


class ExchangeIndex(_Index):
    class Meta:
        table_name = "search_exchange"


class PromiseIndex(_Index):
    class Meta:
        table_name = "search_promise"


class ReflectionIndex(_Index):
    class Meta:
        table_name = "search_reflection"


_FTS5_INDEXES: dict[str, type[_Index]] = {
    PERSON: PersonIndex,
    INTERACTION: InteractionIndex,
    EXCHANGE: ExchangeIndex,
    PROMISE: PromiseIndex,
    REFLECTION: ReflectionIndex,
}
_SERVER_INDEXES = search_server.index_models(KINDS)


class _IndexesOfTheOpenJournal(Mapping):
    """The index model of each kind, for the open journal's engine."""

    def __getitem__(self, kind: str):
        return (_SERVER_INDEXES if is_server() else _FTS5_INDEXES)[kind]

    def __iter__(self) -> Iterator[str]:
        return iter(KINDS)

    def __len__(self) -> int:
        return len(KINDS)


INDEXES: Mapping[str, type] = _IndexesOfTheOpenJournal()


@dataclass(frozen=True)
class Term:
    """Folded words that must follow each other; the last one may be a prefix."""

    words: tuple[str, ...]
    prefix: bool


def match_expression(terms: Sequence[Term]):
    """The index query requiring every term, for ``INDEXES[kind].match()``."""
    if is_server():
        return search_server.query(terms)
    return _fts5_query(terms)


def _fts5_query(terms: Sequence[Term]) -> str:
    """An FTS5 query requiring every term. Each term is written as an FTS5 string, so no
    character a user typed can act as query syntax."""
    parts = []
    for term in terms:
        quoted = '"' + " ".join(term.words).replace('"', '""') + '"'
        parts.append(quoted + "*" if term.prefix else quoted)
    return " AND ".join(parts)


def score(kind: str, expression):
    """How well the current row matches ``expression`` (as ``match_expression`` wrote it):
    the smaller (more negative), the better. bm25 on SQLite, cover density on PostgreSQL."""
    if is_server():
        return search_server.rank(INDEXES[kind], expression)
    return INDEXES[kind].bm25(TITLE_WEIGHT, BODY_WEIGHT)


# ---- keeping it in step -------------------------------------------------------------


def _fields(*expressions: str) -> str:
    """The expressions joined by newlines, a missing value counting as empty."""
    return " || char(10) || ".join(f"coalesce({e}, '')" for e in expressions)


_TAGS = (
    "(SELECT group_concat(t.name, ' ') FROM person_tag pt JOIN tag t ON t.id = pt.tag_id"
    " WHERE pt.person_id = r.id AND pt.deleted_at IS NULL AND t.deleted_at IS NULL)"
)
_ANSWERS = (
    "(SELECT group_concat(a.value, char(10)) FROM json_each("
    "CASE WHEN json_valid(r.answers) THEN r.answers ELSE '{}' END) a WHERE a.type = 'text')"
)

# Per kind: the title (None: none), the parts of the body, and the columns they come from
# (a change to any of these, to the id or to deleted_at rewrites the row). The table is
# named as the kind.
TEXTS: search_server.Documents = {
    PERSON: (
        "name",
        ("organisation", "role", TAGS, "how_met", "notes"),
        ("name", "organisation", "role", "how_met", "notes"),
    ),
    INTERACTION: ("title", ("notes",), ("title", "notes")),
    EXCHANGE: (None, ("description",), ("description",)),
    PROMISE: (None, ("text",), ("text",)),
    REFLECTION: (None, ("text", ANSWERS), ("text", "answers")),
}


def _sqlite_part(part: str) -> str:
    return {TAGS: _TAGS, ANSWERS: _ANSWERS}.get(part, f"r.{part}")


# The same in SQLite's SQL: title, body and the columns.
DOCUMENTS = {
    kind: (
        _sqlite_part(title) if title else "''",
        _fields(*(_sqlite_part(part) for part in parts)),
        columns,
    )
    for kind, (title, parts, columns) in TEXTS.items()
}

# SQLite's parser refuses deeply nested expressions: the replace() calls that spell out
# SPELLED_OUT are spread over layers of subqueries, this many per layer.
_FOLDS_PER_LAYER = 12


def _spelled_out(expression: str, letters: Sequence[str]) -> str:
    for letter in letters:
        expression = f"replace({expression}, '{letter}', '{SPELLED_OUT[letter]}')"
    return expression


def _index_rows(kind: str, where: str) -> str:
    """INSERT the index rows of the live records of ``kind`` that satisfy ``where``."""
    title, body, _ = DOCUMENTS[kind]
    rows = (
        f"SELECT r.id AS id, {title} AS title, {body} AS body "
        f"FROM {kind} r WHERE r.deleted_at IS NULL AND ({where})"
    )
    letters = list(SPELLED_OUT)
    for layer in chunked(letters, _FOLDS_PER_LAYER):
        title, body = _spelled_out("title", layer), _spelled_out("body", layer)
        rows = f"SELECT id, {title} AS title, {body} AS body FROM ({rows})"
    return f"INSERT INTO search_{kind}(rowid, title, body) {rows}"


def _unindex(kind: str, id_expression: str) -> str:
    return f"DELETE FROM search_{kind} WHERE rowid = {id_expression}"


def _trigger(name: str, event: str, *statements: str) -> str:
    body = "".join(f"  {statement};\n" for statement in statements)
    return f"CREATE TRIGGER search_{name} {event} BEGIN\n{body}END"


def trigger_statements(db: Database | None = None) -> list[str]:
    """CREATE TRIGGER statements for the index of every kind, for the engine of ``db``
    (by default the open journal); the triggers have the same names on both."""
    if is_server(db):
        return search_server.trigger_statements(TEXTS)
    statements = []
    for kind, (_, _, columns) in DOCUMENTS.items():
        changed = " OR ".join(f"OLD.{c} IS NOT NEW.{c}" for c in ("id", "deleted_at", *columns))
        statements += [
            _trigger(
                f"{kind}_on_insert",
                f"AFTER INSERT ON {kind}",
                _unindex(kind, "NEW.id"),
                _index_rows(kind, "r.id = NEW.id"),
            ),
            _trigger(
                f"{kind}_on_update",
                f"AFTER UPDATE ON {kind} WHEN {changed}",
                _unindex(kind, "OLD.id"),
                _unindex(kind, "NEW.id"),
                _index_rows(kind, "r.id = NEW.id"),
            ),
            _trigger(f"{kind}_on_delete", f"AFTER DELETE ON {kind}", _unindex(kind, "OLD.id")),
        ]
    # A person's tags are part of their row: a tag given, taken or renamed rewrites it.
    tagged = "SELECT person_id FROM person_tag WHERE tag_id = NEW.id"
    statements += [
        _trigger(
            "person_tag_on_insert",
            "AFTER INSERT ON person_tag",
            _unindex(PERSON, "NEW.person_id"),
            _index_rows(PERSON, "r.id = NEW.person_id"),
        ),
        _trigger(
            "person_tag_on_update",
            "AFTER UPDATE ON person_tag",
            _unindex(PERSON, "OLD.person_id"),
            _unindex(PERSON, "NEW.person_id"),
            _index_rows(PERSON, "r.id IN (OLD.person_id, NEW.person_id)"),
        ),
        _trigger(
            "person_tag_on_delete",
            "AFTER DELETE ON person_tag",
            _unindex(PERSON, "OLD.person_id"),
            _index_rows(PERSON, "r.id = OLD.person_id"),
        ),
        _trigger(
            "tag_on_update",
            "AFTER UPDATE ON tag WHEN OLD.name IS NOT NEW.name "
            "OR OLD.deleted_at IS NOT NEW.deleted_at",
            f"DELETE FROM search_person WHERE rowid IN ({tagged})",
            _index_rows(PERSON, f"r.id IN ({tagged})"),
        ),
    ]
    return statements


def drop_triggers(db: Database) -> None:
    """Set the index's triggers aside (the index stops following changes)."""
    if is_server(db):
        search_server.drop_triggers(db)
        return
    names = db.execute_sql(
        "SELECT name FROM sqlite_master WHERE type = 'trigger' AND name LIKE 'search!_%' ESCAPE '!'"
    ).fetchall()
    for (name,) in names:
        db.execute_sql(f'DROP TRIGGER "{name}"')


def install(db: Database) -> bool:
    """(Re)create the triggers for the current schema and refill the index from the
    journal, in one transaction. Does nothing (and returns False) on a journal whose
    schema has no index tables yet (on PostgreSQL: no journal tables)."""
    present = set(db.get_tables())
    if is_server(db):
        if not set(KINDS) | {"tag", "person_tag"} <= present:
            return False
        search_server.install(db, TEXTS, TITLE_WEIGHT, BODY_WEIGHT)
        return True
    if not all(f"search_{kind}" in present for kind in KINDS):
        return False
    with db.atomic():
        drop_triggers(db)
        for kind in KINDS:
            # Emptied by recreating the table as the migrations made it: far faster than
            # deleting a large index row by row.
            (shape,) = db.execute_sql(
                "SELECT sql FROM sqlite_master WHERE type = 'table' AND name = ?",
                (f"search_{kind}",),
            ).fetchone()
            db.execute_sql(f"DROP TABLE search_{kind}")
            db.execute_sql(shape)
            db.execute_sql(_index_rows(kind, "1"))
        for statement in trigger_statements(db):
            db.execute_sql(statement)
    for kind in KINDS:
        db.execute_sql(f"INSERT INTO search_{kind}(search_{kind}) VALUES ('optimize')")
    return True
