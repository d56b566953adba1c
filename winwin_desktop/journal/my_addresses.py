"""The user's own email addresses ("My addresses"): never a person, never a guest.

An import leaves out a contact card whose only addresses are the user's, and a calendar
attendee or organiser with one of them. They are a journal setting, so they travel with
the journal; the import preview offers the calendar owner's address to add.
"""

from __future__ import annotations

import re

from winwin_desktop.journal.errors import ValidationError
from winwin_desktop.journal.settings import get_setting, set_setting

KEY = "my_addresses"
_ADDRESS = re.compile(r"^[^@\s<>]+@[^@\s<>]+\.[^@\s<>]+$")


def my_addresses() -> list[str]:
    """The user's own addresses, as they were added."""
    return list(get_setting(KEY))


def folded() -> set[str]:
    """The user's own addresses, case left out, for matching."""
    return {address.casefold() for address in my_addresses()}


def checked_address(text: str) -> str:
    """``text`` as an address, or ValidationError in one sentence."""
    address = text.strip().removeprefix("mailto:").strip("<> ")
    if not _ADDRESS.match(address):
        raise ValidationError(
            "email", f"“{text.strip()}” is not an email address; type one like you@example.com."
        )
    return address


def set_my_addresses(addresses: list[str]) -> list[str]:
    """Keep exactly these addresses (checked, repeats dropped); one undo step."""
    kept: list[str] = []
    for text in addresses:
        address = checked_address(text)
        if address.casefold() not in {a.casefold() for a in kept}:
            kept.append(address)
    set_setting(KEY, kept)
    return kept


def add_my_addresses(addresses: list[str]) -> list[str]:
    """Add these addresses to the user's own (those already there are kept once)."""
    return set_my_addresses(my_addresses() + list(addresses))


def remove_my_address(text: str) -> list[str]:
    """Remove one address; ValidationError when it is not among the user's own."""
    current = my_addresses()
    kept = [a for a in current if a.casefold() != text.strip().casefold()]
    if len(kept) == len(current):
        raise ValidationError("email", f"{text.strip()} is not one of your addresses.")
    return set_my_addresses(kept)
