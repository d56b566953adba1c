from __future__ import annotations


class ValidationError(ValueError):
    """Input the journal refuses. ``field`` names the input at fault; the message is one
    plain sentence for the user saying what to do."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(message)
        self.field = field
        self.message = message


class NotFound(ValidationError):
    """A person, interaction or other record that does not exist (or is in the trash)."""


class ChangedMeanwhile(ValidationError):
    """A save refused: what the user loaded to edit was changed since (another member,
    window or machine); nothing was written, and what the user typed stays to apply again.
    The message says who and when."""

    def __init__(self, message: str) -> None:
        super().__init__("journal", message)
