"""``winwin settings``: the journal's settings a command line needs (your own addresses)."""

from __future__ import annotations

import argparse

from winwin_desktop.cli.output import EXIT_OK
from winwin_desktop.journal import ValidationError


def me(args: argparse.Namespace) -> int:
    """``settings me add|remove|list [EMAIL...]``: the user's own addresses."""
    from winwin_desktop.journal import my_addresses

    if args.action == "list":
        if args.emails:
            raise ValidationError("email", "settings me list takes no address; leave it out.")
        found = my_addresses.my_addresses()
        print("\n".join(found) if found else "No addresses of yours yet; add one with "
              "`winwin settings me add EMAIL`.")  # fmt: skip
        return EXIT_OK
    if not args.emails:
        raise ValidationError(
            "email",
            f"Say which address to {args.action}, e.g. winwin settings me {args.action} you@example.com.",
        )
    if args.action == "add":
        kept = my_addresses.add_my_addresses(args.emails)
    else:
        for address in args.emails:
            kept = my_addresses.remove_my_address(address)
    shown = ", ".join(kept) if kept else "none"
    print(f"Your addresses (never imported as a person): {shown}.")
    return EXIT_OK
