"""Each person can have a picture: the image bytes, as an address book's PHOTO gives them."""

from peewee import BlobField


def up(migrator, db):
    migrator.migrate(migrator.add_column("person", "photo", BlobField(null=True)))
