"""The PostgreSQL side of full-text search: a ``tsvector`` per record, kept in step by
PL/pgSQL triggers, with the same meaning as the SQLite side's FTS5 index.

There is one index table per kind of record, ``search_<kind>(rowid, document, words)``:
``rowid`` is the record's id, ``document`` its title and body as a ``tsvector`` (the title
weighted 'A', the body 'B', for ranking), and ``words`` the same folded words in order on
one line (`` title words | body words ``), which exact phrases are checked against: a
``tsvector`` keeps no positions past 16,383, so a phrase deep in a long reflection could
not be found by position.

Text is folded as ``text.fold`` folds a query: the letters ``SPELLED_OUT`` lists are
spelled out, accents removed by the ``unaccent`` extension, case lowered; then every run
of characters that are not letters or digits becomes one space *before* PostgreSQL's
parser sees the text, so that ``zoe@acme.com`` gives ``zoe``, ``acme`` and ``com`` (the
parser would keep an address or a host name whole) as SQLite's ``unicode61`` does. The
``simple`` configuration stems nothing and drops no stop words, as FTS5 does not.

:func:`install` creates everything (the extension, the functions, the tables, their GIN
indexes and the triggers) and fills the index; it runs after every migration batch, like
the SQLite side's. The migrations themselves create no search table on PostgreSQL.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from peewee import (
    SQL,
    Database,
    DatabaseError,
    Expression,
    Field,
    IntegerField,
    Model,
    TextField,
    fn,
)

from winwin_desktop.store.connection import JournalError, database
from winwin_desktop.text import SPELLED_OUT

CONFIGURATION = "simple"

NO_UNACCENT = (
    "This PostgreSQL database lacks the unaccent extension that search needs, and this "
    "login may not add it: ask whoever runs the server to run “CREATE EXTENSION unaccent;” "
    "in the database (it ships with PostgreSQL's contrib package), then open the journal again."
)

# What a document is made of, per kind: (title, body parts, columns that change it). A
# title or a part is a column of the record, or TAGS / ANSWERS below; a title of None
# is an empty one. Given by ``search_index``, which the SQLite side shares.
Documents = Mapping[str, tuple[str | None, Sequence[str], Sequence[str]]]

TAGS = "<tags>"  # a person's live tags, by name
ANSWERS = "<answers>"  # a reflection's answers to the prompts (text ones)


# ---- reading the index --------------------------------------------------------------


class _TextSearchVector(Field):
    field_type = "TSVECTOR"


class ServerIndex(Model):
    """One row of an index: a record's folded words, as a ``tsvector`` and as a line."""

    rowid = IntegerField(primary_key=True)
    document = _TextSearchVector()
    words = TextField()

    class Meta:
        database = database

    @classmethod
    def match(cls, query: ServerQuery) -> Expression:
        """The condition that the row has every word of ``query``, and its phrases."""
        found = Expression(cls.document, "@@", _tsquery(query))
        for phrase in query.phrases:
            found &= fn.strpos(cls.words, phrase) > 0
        return found


def index_models(kinds: Sequence[str]) -> dict[str, type[ServerIndex]]:
    """The index model of every kind (its table ``search_<kind>``)."""
    return {
        kind: type(
            f"{kind.capitalize()}ServerIndex",
            (ServerIndex,),
            {"Meta": type("Meta", (), {"table_name": f"search_{kind}"}), "__module__": __name__},
        )
        for kind in kinds
    }


@dataclass(frozen=True)
class ServerQuery:
    """A search as PostgreSQL runs it: ``tsquery``, every word required (the last word of
    a prefix term as a prefix); ``phrases``, the runs of words (`` a b `` — spaces around
    whole words) a row's line of words must hold for terms of more than one word."""

    tsquery: str
    phrases: tuple[str, ...]


def query(terms: Sequence) -> ServerQuery:
    """The server query of ``search_index.Term``s (folded words, alphanumeric only, so none
    can act as ``tsquery`` syntax; quoted all the same)."""
    operands, phrases = [], []
    for term in terms:
        last = len(term.words) - 1
        for at, word in enumerate(term.words):
            prefix = term.prefix and at == last
            operands.append(f"'{word}':*" if prefix else f"'{word}'")
        if len(term.words) > 1:
            line = " " + " ".join(term.words)
            phrases.append(line if term.prefix else line + " ")
    return ServerQuery(" & ".join(operands), tuple(phrases))


def _tsquery(query: ServerQuery):
    return fn.to_tsquery(SQL(f"'{CONFIGURATION}'"), query.tsquery)


def rank(model: type[ServerIndex], query: ServerQuery):
    """How well the row matches: ``search_rank`` (see :func:`_functions`)."""
    return fn.search_rank(model.document, _tsquery(query))


# ---- keeping it in step -------------------------------------------------------------


def _spelled_out(expression: str) -> str:
    """``expression`` with the letters SPELLED_OUT lists spelled out (one translate() for
    the letters that become one letter, a replace() for each of the others)."""
    single = {letter: spelled for letter, spelled in SPELLED_OUT.items() if len(spelled) == 1}
    expression = f"translate({expression}, '{''.join(single)}', '{''.join(single.values())}')"
    for letter, spelled in SPELLED_OUT.items():
        if len(spelled) > 1:
            expression = f"replace({expression}, '{letter}', '{spelled}')"
    return expression


def _functions(unaccent_schema: str, title_weight: float, body_weight: float) -> list[str]:
    """The functions folding a text into words and a title and body into a document, and
    ranking a document."""
    unaccent = f'"{unaccent_schema}".unaccent'
    # The weights of D, C, B and A; only A (titles) and B (bodies) are used.
    weights = f"{{0, 0, {body_weight / title_weight}, 1}}"
    folded = f"lower({unaccent}('{unaccent}'::regdictionary, {_spelled_out('value')}))"
    return [
        # Runs of anything but letters and digits become one space.
        "CREATE OR REPLACE FUNCTION search_words(value text) RETURNS text "
        "LANGUAGE sql STABLE PARALLEL SAFE AS $$ "
        f"SELECT btrim(regexp_replace({folded}, '[^[:alnum:]]+', ' ', 'g')) $$",
        "CREATE OR REPLACE FUNCTION search_document(title text, body text) RETURNS tsvector "
        "LANGUAGE sql STABLE PARALLEL SAFE AS $$ "
        f"SELECT setweight(to_tsvector('{CONFIGURATION}', title), 'A') "
        f"|| setweight(to_tsvector('{CONFIGURATION}', body), 'B') $$",
        # Cover density, titles counting title_weight to the body's body_weight,
        # normalised by the log of the document's length (bm25 too favours the shorter of
        # two documents); negated, so that the smaller is the better match, as bm25 gives
        # it. PL/pgSQL and costly: the planner then ranks only the rows a LIMIT keeps,
        # after sorting, not every match.
        "CREATE OR REPLACE FUNCTION search_rank(document tsvector, query tsquery) "
        "RETURNS real LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE COST 1000 AS $$ "
        f"BEGIN RETURN -ts_rank_cd('{weights}', document, query, 1); END $$",
    ]


def _part(part: str) -> str:
    if part == TAGS:
        return (
            "(SELECT string_agg(t.name, ' ') FROM person_tag pt JOIN tag t ON t.id = pt.tag_id"
            " WHERE pt.person_id = r.id AND pt.deleted_at IS NULL AND t.deleted_at IS NULL)"
        )
    if part == ANSWERS:
        answers = "r.answers::json"
        return (
            "(SELECT string_agg(a.value #>> '{}', chr(10)) FROM json_each("
            f"CASE WHEN json_typeof({answers}) = 'object' THEN {answers} ELSE '{{}}' END) a"
            " WHERE json_typeof(a.value) = 'string')"
        )
    return f"r.{part}"


def _index_rows(documents: Documents, kind: str, where: str) -> str:
    """INSERT the index rows of the live records of ``kind`` that satisfy ``where``."""
    title, parts, _ = documents[kind]
    title_sql = _part(title) if title else "''"
    body_sql = " || chr(10) || ".join(f"coalesce({_part(p)}, '')" for p in parts)
    return (
        f"INSERT INTO search_{kind}(rowid, document, words) "
        "SELECT id, search_document(title, body), ' ' || title || ' | ' || body || ' ' "
        f"FROM (SELECT r.id AS id, search_words(coalesce({title_sql}, '')) AS title, "
        f"search_words({body_sql}) AS body "
        f"FROM {kind} r WHERE r.deleted_at IS NULL AND ({where})) AS folded"
    )


def _index_function(documents: Documents, kind: str) -> str:
    """``search_index_<kind>(ids)``: rewrite the index rows of those records."""
    return (
        f"CREATE OR REPLACE FUNCTION search_index_{kind}(ids bigint[]) RETURNS void "
        f"LANGUAGE sql AS $$ DELETE FROM search_{kind} WHERE rowid = ANY(ids); "
        f"{_index_rows(documents, kind, 'r.id = ANY(ids)')} $$"
    )


def _trigger_function(name: str, statement: str) -> str:
    return (
        f"CREATE OR REPLACE FUNCTION {name}() RETURNS trigger LANGUAGE plpgsql AS $$ "
        f"BEGIN {statement}; RETURN NULL; END $$"
    )


def _trigger_functions(documents: Documents) -> list[str]:
    # OLD is null on an insert and NEW on a delete: their ids are then NULL, no record's.
    functions = [
        _trigger_function(
            f"search_{kind}_changed", f"PERFORM search_index_{kind}(ARRAY[OLD.id, NEW.id])"
        )
        for kind in documents
    ]
    functions += [
        _trigger_function(
            "search_person_tag_changed",
            "PERFORM search_index_person(ARRAY[OLD.person_id, NEW.person_id])",
        ),
        _trigger_function(
            "search_tag_changed",
            "PERFORM search_index_person(ARRAY(SELECT person_id FROM person_tag"
            " WHERE tag_id = NEW.id))",
        ),
    ]
    return functions


def _trigger(name: str, event: str, function: str, when: str = "") -> str:
    when = f" WHEN ({when})" if when else ""
    return f"CREATE TRIGGER search_{name} {event} FOR EACH ROW{when} EXECUTE FUNCTION {function}()"


def _changed(columns: Sequence[str]) -> str:
    # Compared as text: a json column has no equality operator.
    return " OR ".join(f"OLD.{c}::text IS DISTINCT FROM NEW.{c}::text" for c in columns)


def trigger_statements(documents: Documents) -> list[str]:
    """CREATE TRIGGER statements for the index of every kind (named as on SQLite)."""
    statements = []
    for kind, (_, _, columns) in documents.items():
        changed = _changed(("id", "deleted_at", *columns))
        function = f"search_{kind}_changed"
        statements += [
            _trigger(f"{kind}_on_insert", f"AFTER INSERT ON {kind}", function),
            _trigger(f"{kind}_on_update", f"AFTER UPDATE ON {kind}", function, changed),
            _trigger(f"{kind}_on_delete", f"AFTER DELETE ON {kind}", function),
        ]
    # A person's tags are part of their row: a tag given, taken or renamed rewrites it.
    statements += [
        _trigger(
            f"person_tag_on_{event.lower()}",
            f"AFTER {event} ON person_tag",
            "search_person_tag_changed",
        )
        for event in ("INSERT", "UPDATE", "DELETE")
    ]
    statements.append(
        _trigger(
            "tag_on_update",
            "AFTER UPDATE ON tag",
            "search_tag_changed",
            _changed(("name", "deleted_at")),
        )
    )
    return statements


def drop_triggers(db: Database) -> None:
    """Set the index's triggers aside (the index stops following changes)."""
    found = db.execute_sql(
        "SELECT t.tgname, c.relname FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid "
        "WHERE NOT t.tgisinternal AND left(t.tgname, 7) = 'search_' "
        "AND pg_catalog.pg_table_is_visible(c.oid)"
    ).fetchall()
    for name, table in found:
        db.execute_sql(f'DROP TRIGGER "{name}" ON "{table}"')


def install(db: Database, documents: Documents, title_weight: float, body_weight: float) -> None:
    """(Re)create the functions, index tables and triggers, and fill the index from the
    journal, in one transaction. Titles weigh ``title_weight`` in the ranking, bodies
    ``body_weight``."""
    with db.atomic():
        schema = _unaccent_schema(db)
        drop_triggers(db)
        for statement in _functions(schema, title_weight, body_weight):
            db.execute_sql(statement)
        for kind in documents:
            # Emptied by recreating the table: far faster than deleting row by row, and
            # the GIN index is built once over all rows rather than row by row.
            db.execute_sql(f"DROP TABLE IF EXISTS search_{kind}")
            db.execute_sql(
                f"CREATE TABLE search_{kind} "
                "(rowid bigint PRIMARY KEY, document tsvector NOT NULL, words text NOT NULL)"
            )
            db.execute_sql(_index_rows(documents, kind, "true"))
            db.execute_sql(
                f"CREATE INDEX search_{kind}_document ON search_{kind} USING gin (document)"
            )
            db.execute_sql(_index_function(documents, kind))
        for statement in _trigger_functions(documents) + trigger_statements(documents):
            db.execute_sql(statement)
    for kind in documents:
        # A finer sample of the words than the default (100): the planner then tells
        # rare words from common ones better, and so when to walk the newest rows first.
        db.execute_sql(f"ALTER TABLE search_{kind} ALTER COLUMN document SET STATISTICS 1000")
        db.execute_sql(f"ANALYZE search_{kind}")


def _unaccent_schema(db: Database) -> str:
    """The schema holding the unaccent extension, which is added when missing
    (:data:`NO_UNACCENT` when it cannot be)."""
    found = _extension_schema(db)
    if found is None:
        try:
            with db.atomic():  # a savepoint: a refusal leaves the transaction usable
                db.execute_sql("CREATE EXTENSION IF NOT EXISTS unaccent")
        except DatabaseError as error:  # not allowed, or not installed on the server
            raise JournalError(NO_UNACCENT) from error
        found = _extension_schema(db)
    return found


def _extension_schema(db: Database) -> str | None:
    row = db.execute_sql(
        "SELECT n.nspname FROM pg_extension e JOIN pg_namespace n ON n.oid = e.extnamespace "
        "WHERE e.extname = 'unaccent'"
    ).fetchone()
    return row[0] if row else None
