"""The first schema: people, tags, interactions, exchanges, promises, reflections.

A frozen copy of the tables as they were at 0001, deliberately independent of
``store/models.py``: later migrations change the schema from here on. Short texts are
TEXT, with no length limit on either engine (SQLite never enforced the VARCHAR(255) the
first journals were made with; PostgreSQL would).
"""

import datetime
import uuid

from peewee import (
    BooleanField,
    DateField,
    DateTimeField,
    ForeignKeyField,
    IntegerField,
    JSONField,
    Model,
    TextField,
    TimeField,
)


def up(migrator, db):
    class Base(Model):
        uid = TextField(unique=True, default=lambda: str(uuid.uuid4()))
        created_at = DateTimeField(default=datetime.datetime.utcnow)
        updated_at = DateTimeField(default=datetime.datetime.utcnow)
        deleted_at = DateTimeField(null=True)

        class Meta:
            database = db
            legacy_table_names = False

    class Setting(Base):
        key = TextField(unique=True)
        value = JSONField(null=True)

    class Tag(Base):
        name = TextField(unique=True)
        cadence_days = IntegerField(null=True)

    class Person(Base):
        name = TextField(index=True)
        organisation = TextField(default="")
        role = TextField(default="")
        emails = JSONField(default=list)
        phones = JSONField(default=list)
        links = JSONField(default=list)
        how_met = TextField(default="")
        met_on = DateField(null=True)
        introduced_by = ForeignKeyField("self", null=True, on_delete="SET NULL")
        notes = TextField(default="")
        cadence_days = IntegerField(null=True)
        archived = BooleanField(default=False)

    class PersonTag(Base):
        person = ForeignKeyField(Person, on_delete="CASCADE")
        tag = ForeignKeyField(Tag, on_delete="CASCADE")

        class Meta:
            indexes = ((("person", "tag"), True),)

    class Interaction(Base):
        date = DateField(index=True)
        time = TimeField(null=True)
        kind = TextField(default="meeting")
        title = TextField(default="")
        notes = TextField(default="")

    class Participant(Base):
        interaction = ForeignKeyField(Interaction, on_delete="CASCADE")
        person = ForeignKeyField(Person, on_delete="CASCADE")

        class Meta:
            indexes = ((("interaction", "person"), True), (("person",), False))

    class Exchange(Base):
        interaction = ForeignKeyField(Interaction, on_delete="CASCADE")
        person = ForeignKeyField(Person, on_delete="CASCADE", index=True)
        direction = TextField()
        category = TextField()
        points = IntegerField()
        description = TextField(default="")

    class Promise(Base):
        person = ForeignKeyField(Person, on_delete="CASCADE")
        interaction = ForeignKeyField(Interaction, null=True, on_delete="SET NULL")
        owed_by = TextField()
        text = TextField()
        due = DateField(null=True)
        status = TextField(default="open")
        closed_on = DateField(null=True)

    class Reflection(Base):
        day = DateField(unique=True)
        text = TextField(default="")
        answers = JSONField(default=dict)

    class Mention(Base):
        reflection = ForeignKeyField(Reflection, on_delete="CASCADE")
        person = ForeignKeyField(Person, on_delete="CASCADE")

        class Meta:
            indexes = ((("reflection", "person"), True),)

    db.create_tables(
        [
            Setting,
            Tag,
            Person,
            PersonTag,
            Interaction,
            Participant,
            Exchange,
            Promise,
            Reflection,
            Mention,
        ]
    )
