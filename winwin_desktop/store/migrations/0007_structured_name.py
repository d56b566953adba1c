"""Each person keeps the structured name an address book gives (family, given, additional
names, prefixes, suffixes, how to sort it) and a birthday ("1980-04-02", or "--04-02"
without a year), so that exporting them again loses nothing."""

from peewee import TextField


def up(migrator, db):
    migrator.migrate(
        # JSON text, as the model's JSONField reads it: an empty object for everyone.
        migrator.add_column("person", "structured_name", TextField(default="{}")),
        migrator.add_column("person", "birthday", TextField(default="")),
    )
