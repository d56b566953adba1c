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
