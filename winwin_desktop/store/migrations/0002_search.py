"""Full-text search: an FTS5 index table per kind of record.

``search_<kind>(title, body)`` for people, interactions, exchanges, promises and
reflections, the rowid being the record's id; ``prefix`` indexes make prefix queries
(what is typed so far) fast. The tokenizer folds case and accents.

The triggers that fill the tables and keep them in step are not created here: they are
installed, and the index filled, by ``store/search_index.install`` once every pending
migration has run (see ``store/migrate.py``), so that they always match the schema as it is. A
change to these tables' shape is a new migration that drops and creates them again.

On a PostgreSQL server there is no FTS5: its index is made by ``search_index.install``
after the migrations, like the triggers.
"""

from winwin_desktop.store.connection import is_server

KINDS = ("person", "interaction", "exchange", "promise", "reflection")


def up(migrator, db):
    if is_server(db):
        return
    for kind in KINDS:
        db.execute_sql(
            f"CREATE VIRTUAL TABLE search_{kind} USING fts5(title, body, "
            "tokenize = 'unicode61 remove_diacritics 2', prefix = '1 2 3')"
        )


def down(migrator, db):
    if is_server(db):
        return
    for kind in KINDS:
        db.execute_sql(f"DROP TABLE IF EXISTS search_{kind}")
