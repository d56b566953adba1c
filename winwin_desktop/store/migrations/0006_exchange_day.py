"""Each exchange carries its interaction's date and liveness, so that a person's totals
over a window are one indexed scan of ``exchange`` instead of a join over every row.

The two columns are kept in step by triggers (``store/aggregates.py``), installed after
every migration batch; this script only adds them and their covering index.
"""

from peewee import SQL, BooleanField, DateField

from winwin_desktop.store.connection import true_literal


def up(migrator, db):
    true = true_literal(db)
    migrator.migrate(
        migrator.add_column("exchange", "day", DateField(null=True)),
        # A default in the schema too: the app's inserts leave the column to the triggers.
        migrator.add_column(
            "exchange",
            "interaction_live",
            BooleanField(default=True, constraints=[SQL(f"DEFAULT {true}")]),
        ),
    )
    db.execute_sql(
        "CREATE INDEX exchange_totals ON exchange(person_id, day, direction, points, category) "
        f"WHERE deleted_at IS NULL AND interaction_live = {true}"
    )
