"""Each person gets talking points of their own: Markdown the brief shows before a meeting."""

from peewee import TextField


def up(migrator, db):
    migrator.migrate(migrator.add_column("person", "talking_points", TextField(default="")))
