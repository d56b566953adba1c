"""People can be snoozed: no "needs attention" for them until a date."""

from peewee import DateField


def up(migrator, db):
    migrator.migrate(migrator.add_column("person", "snoozed_until", DateField(null=True)))
