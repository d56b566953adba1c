"""Who last changed a row: ``changed_by`` on person, interaction, participant, exchange
and promise, the member whose save last wrote it (NULL: the journal's single user, every
row of a SQLite file, or a login that is no member).

On a server a trigger (``store/team.py``, installed after every migration batch, as the
recorder's is) sets it on every insert and update by a member, whatever the writer
sent: a member cannot put another's name on their own change. A save refused because
the row changed since it was loaded names that member ("changed by Ana Ruiz at 14:02").
"""

from winwin_desktop.store import team


def up(migrator, db):
    for table in team.CHANGED:
        db.execute_sql(f"ALTER TABLE {table} ADD COLUMN changed_by INTEGER REFERENCES member (id)")
