"""The first schema: people, tags, interactions, exchanges, promises, reflections.

A frozen copy of the tables as they were at 0001, deliberately independent of
``store/models.py``: later migrations change the schema from here on.
"""

import datetime
import uuid

from peewee import (
    BooleanField,
    CharField,
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
        uid = CharField(unique=True, default=lambda: str(uuid.uuid4()))
        created_at = DateTimeField(default=datetime.datetime.utcnow)
        updated_at = DateTimeField(default=datetime.datetime.utcnow)
        deleted_at = DateTimeField(null=True)

        class Meta:
            database = db
            legacy_table_names = False

    class Setting(Base):
        key = CharField(unique=True)
        value = JSONField(null=True)

    class Tag(Base):
        name = CharField(unique=True)
        cadence_days = IntegerField(null=True)

    class Person(Base):
        name = CharField(index=True)
        organisation = CharField(default="")
        role = CharField(default="")
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
        kind = CharField(default="meeting")
        title = CharField(default="")
        notes = TextField(default="")

    class Participant(Base):
        interaction = ForeignKeyField(Interaction, on_delete="CASCADE")
        person = ForeignKeyField(Person, on_delete="CASCADE")

        class Meta:
            indexes = ((("interaction", "person"), True), (("person",), False))

    class Exchange(Base):
        interaction = ForeignKeyField(Interaction, on_delete="CASCADE")
        person = ForeignKeyField(Person, on_delete="CASCADE", index=True)
        direction = CharField()
        category = CharField()
        points = IntegerField()
        description = CharField(default="")

    class Promise(Base):
        person = ForeignKeyField(Person, on_delete="CASCADE")
        interaction = ForeignKeyField(Interaction, null=True, on_delete="SET NULL")
        owed_by = CharField()
        text = TextField()
        due = DateField(null=True)
        status = CharField(default="open")
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
