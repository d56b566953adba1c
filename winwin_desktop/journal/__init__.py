"""Use cases: what a user can do with a journal. The GUI and the command line both call
these functions; they return plain data (dataclasses) and raise ``ValidationError`` with
a plain sentence for input they refuse. Each call that changes anything is one
transaction and one entry in the undo history."""

from winwin_desktop.journal.errors import NotFound, ValidationError

# Before any use case imports peewee: peewee then loads without the PostgreSQL driver,
# which only a journal on a server needs (store/drivers.py).
from winwin_desktop.store import drivers  # noqa: F401

__all__ = ["NotFound", "ValidationError"]
