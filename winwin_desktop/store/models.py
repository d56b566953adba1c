"""The journal's tables.

Every row carries an integer key, a stable ``uid``, ``created_at``, ``updated_at`` and
``deleted_at`` (rows in the trash). The schema itself is created and changed only by the
numbered scripts in ``migrations/``; these classes describe its current shape.
"""

from __future__ import annotations

import datetime as dt
import operator
import uuid
from functools import reduce

from peewee import (
    BlobField,
    BooleanField,
    DateField,
    DateTimeField,
    Expression,
    ForeignKeyField,
    IntegerField,
    JSONField,
    Model,
    ModelSelect,
    TextField,
    TimeField,
    sort_models,
)
from playhouse.shortcuts import ThreadSafeDatabaseMetadata

from winwin_desktop.store import history
from winwin_desktop.store.connection import database


def live(*models: type[BaseModel]) -> Expression:
    """The condition that the rows of ``models`` are not in the trash, every one of them
    (the tables of a join)."""
    return reduce(operator.and_, (model.deleted_at.is_null() for model in models))


def utc_now() -> dt.datetime:
    return dt.datetime.now(dt.UTC).replace(tzinfo=None)


class BaseModel(Model):
    uid = TextField(unique=True, default=lambda: str(uuid.uuid4()))
    created_at = DateTimeField(default=utc_now)
    updated_at = DateTimeField(default=utc_now)
    deleted_at = DateTimeField(null=True)

    class Meta:
        database = database
        legacy_table_names = False
        # A thread may bind the models to another database for a while (copying a
        # journal into another one) without the window's thread seeing it.
        model_metadata_class = ThreadSafeDatabaseMetadata

    def save(self, *args, **kwargs):
        # Every write goes through here, so the undo history sees it.
        self.updated_at = utc_now()
        history.before_write(self)
        result = super().save(*args, **kwargs)
        history.after_write(self)
        return result

    def delete_instance(self, *args, **kwargs):
        history.before_write(self)
        result = super().delete_instance(*args, **kwargs)
        history.after_write(self)
        return result

    @property
    def is_deleted(self) -> bool:
        return self.deleted_at is not None

    @classmethod
    def live(cls, *fields) -> ModelSelect:
        """The rows not in the trash (``fields`` of them, or every column)."""
        return cls.select(*fields).where(cls.deleted_at.is_null())


class Member(Model):
    """A member of a team journal (on a PostgreSQL server): one login role each. A
    removed member keeps their rows, attributed to them and read-only. A SQLite file has
    no members; neither has a server journal before its first one is added."""

    role = TextField(unique=True)  # the member's own PostgreSQL login
    email = TextField(unique=True)
    name = TextField()
    added_at = DateTimeField(default=utc_now)
    removed_at = DateTimeField(null=True)

    class Meta:
        database = database
        legacy_table_names = False
        model_metadata_class = ThreadSafeDatabaseMetadata


def _recorded_by() -> ForeignKeyField:
    """Who recorded a row: NULL is the journal's single user (a file, or a server journal
    without members); on a server the column defaults to the member logged in."""
    return ForeignKeyField(Member, null=True, column_name="member_id", index=True)


def _changed_by() -> ForeignKeyField:
    """Who last changed a row (migration 0009): the member whose save last wrote it, set
    by a trigger on a server; NULL for the journal's single user or a login that is no
    member."""
    return ForeignKeyField(Member, null=True, column_name="changed_by", backref="+")


class Setting(BaseModel):
    """One journal setting; the value is JSON."""

    key = TextField(unique=True)
    value = JSONField(null=True)


class Tag(BaseModel):
    name = TextField(unique=True)
    cadence_days = IntegerField(null=True)


class Person(BaseModel):
    name = TextField(index=True)
    organisation = TextField(default="")
    role = TextField(default="")
    emails = JSONField(default=list)
    phones = JSONField(default=list)
    links = JSONField(default=list)
    how_met = TextField(default="")
    met_on = DateField(null=True)
    introduced_by = ForeignKeyField("self", null=True, backref="introduced", on_delete="SET NULL")
    notes = TextField(default="")
    talking_points = TextField(default="")
    cadence_days = IntegerField(null=True)
    archived = BooleanField(default=False)
    snoozed_until = DateField(null=True)
    photo = BlobField(null=True)
    # family, given, additional, prefixes, suffixes, sort_as (migration 0007)
    structured_name = JSONField(default=dict)
    birthday = TextField(default="")  # "1980-04-02", or "--04-02" without a year
    # Its owner: the member who added them (migration 0008).
    member = _recorded_by()
    shared_with_team = BooleanField(default=False)
    changed_by = _changed_by()


class PersonTag(BaseModel):
    person = ForeignKeyField(Person, backref="person_tags", on_delete="CASCADE")
    tag = ForeignKeyField(Tag, backref="person_tags", on_delete="CASCADE")

    class Meta:
        indexes = ((("person", "tag"), True),)


class Interaction(BaseModel):
    date = DateField(index=True)
    time = TimeField(null=True)
    kind = TextField(default="meeting")
    title = TextField(default="")
    notes = TextField(default="")
    member = _recorded_by()
    changed_by = _changed_by()


class Participant(BaseModel):
    interaction = ForeignKeyField(Interaction, backref="participants", on_delete="CASCADE")
    person = ForeignKeyField(Person, backref="participations", on_delete="CASCADE")
    changed_by = _changed_by()

    class Meta:
        indexes = ((("interaction", "person"), True), (("person",), False))


class Exchange(BaseModel):
    GIVEN = "given"
    RECEIVED = "received"

    interaction = ForeignKeyField(Interaction, backref="exchanges", on_delete="CASCADE")
    person = ForeignKeyField(Person, backref="exchanges", on_delete="CASCADE", index=True)
    direction = TextField()
    category = TextField()
    points = IntegerField()
    description = TextField(default="")
    # The member who gave or received: "I gave" is this member gave.
    member = _recorded_by()
    changed_by = _changed_by()


class Promise(BaseModel):
    I_OWE = "me"
    THEY_OWE = "them"

    person = ForeignKeyField(Person, backref="promises", on_delete="CASCADE")
    interaction = ForeignKeyField(Interaction, null=True, backref="promises", on_delete="SET NULL")
    owed_by = TextField()
    text = TextField()
    due = DateField(null=True)
    status = TextField(default="open")
    closed_on = DateField(null=True)
    member = _recorded_by()
    changed_by = _changed_by()


class Reflection(BaseModel):
    # One a day per member (migration 0008: unique on the day and the member).
    day = DateField(index=True)
    text = TextField(default="")
    answers = JSONField(default=dict)
    member = _recorded_by()


class Mention(BaseModel):
    reflection = ForeignKeyField(Reflection, backref="mentions", on_delete="CASCADE")
    person = ForeignKeyField(Person, backref="mentions", on_delete="CASCADE")

    class Meta:
        indexes = ((("reflection", "person"), True),)


class PersonShare(Model):
    """A person shared with one named member (``shared_by``: the member who shared them)."""

    person = ForeignKeyField(Person, backref="shares", on_delete="CASCADE")
    member = ForeignKeyField(Member, column_name="member_id")
    shared_by = ForeignKeyField(Member, null=True, column_name="shared_by")

    class Meta:
        database = database
        legacy_table_names = False
        model_metadata_class = ThreadSafeDatabaseMetadata
        indexes = ((("person", "member"), True),)


class PrivateNote(Model):
    """A member's own note on a person, seen by nobody else (the person's ``notes`` are
    seen by whoever sees the person)."""

    person = ForeignKeyField(Person, backref="private_notes", on_delete="CASCADE")
    member = _recorded_by()
    text = TextField(default="")
    updated_at = DateTimeField(default=utc_now)

    class Meta:
        database = database
        legacy_table_names = False
        model_metadata_class = ThreadSafeDatabaseMetadata
        indexes = ((("person", "member"), True),)


# The journal's own records, parents before children (members, shares and private notes
# are the team's, outside them: copies, exports and the trash know nothing of them).
MODELS: tuple[type[BaseModel], ...] = tuple(sort_models(BaseModel.__subclasses__()))
# What a copy of the journal carries: its records and the team's members, shares and
# private notes (rows point to their members), parents before children.
COPIED_MODELS: tuple[type[Model], ...] = tuple(
    sort_models([*MODELS, Member, PersonShare, PrivateNote])
)
