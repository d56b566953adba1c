"""A team on one journal (a PostgreSQL server): members, who recorded what, sharing,
private notes.

- ``member``: one a login role (``role``), with an email and a name; a removed member
  (``removed_at``) keeps their rows, attributed to them and read-only.
- ``member_id`` on person (their owner: who added them), interaction, exchange (the
  member who gave or received), promise and reflection: NULL is the journal's single user
  (every row of a SQLite file, and of a server journal before its first member). On a
  server the column defaults to ``winwin_member_id()``, the member logged in, so every
  insert records its member without the app passing it.
- ``person.shared_with_team``, and ``person_share`` for named members.
- ``private_note``: a member's own note on a person.
- A reflection is one a day per member: unique on (day, member) instead of the day.

Row-level security is not made here: ``store/team.py`` installs it after every
migration batch, as the search index's triggers are.
"""

import datetime

from peewee import DateTimeField, ForeignKeyField, Model, TextField

from winwin_desktop.store import team

RECORDED = ("person", "interaction", "exchange", "promise", "reflection")


def up(migrator, db):
    class Base(Model):
        class Meta:
            database = db
            legacy_table_names = False

    class Member(Base):
        role = TextField(unique=True)
        email = TextField(unique=True)
        name = TextField()
        added_at = DateTimeField(default=datetime.datetime.utcnow)
        removed_at = DateTimeField(null=True)

    class Person(Base):
        pass

    class PersonShare(Base):
        person = ForeignKeyField(Person, on_delete="CASCADE")
        member = ForeignKeyField(Member, column_name="member_id")
        shared_by = ForeignKeyField(Member, null=True, column_name="shared_by")

        class Meta:
            indexes = ((("person", "member"), True),)

    class PrivateNote(Base):
        person = ForeignKeyField(Person, on_delete="CASCADE")
        member = ForeignKeyField(Member, null=True, column_name="member_id")
        text = TextField(default="")
        updated_at = DateTimeField(default=datetime.datetime.utcnow)

        class Meta:
            indexes = ((("person", "member"), True),)

    db.create_tables([Member])
    team.create_member_function(db)
    db.create_tables([PersonShare, PrivateNote])
    for table in RECORDED:
        db.execute_sql(f"ALTER TABLE {table} ADD COLUMN member_id INTEGER REFERENCES member (id)")
        db.execute_sql(f"CREATE INDEX {table}_member_id ON {table} (member_id)")
    for table, column in [(t, "member_id") for t in (*RECORDED, "private_note")] + [
        ("person_share", "shared_by")
    ]:
        team.default_to_member(db, table, column)
    db.execute_sql(f"ALTER TABLE person ADD COLUMN shared_with_team {team.boolean_false(db)}")
    # One reflection a day per member (NULL, the single user, counted as one member).
    db.execute_sql("DROP INDEX reflection_day")
    db.execute_sql(
        "CREATE UNIQUE INDEX reflection_day_member ON reflection (day, coalesce(member_id, 0))"
    )
