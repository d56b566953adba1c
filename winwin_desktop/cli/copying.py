"""``winwin copy-to``: the whole journal into an empty file or database, verified."""

from __future__ import annotations

import argparse

from winwin_desktop.cli.output import EXIT_OK


def copy_to(args: argparse.Namespace) -> int:
    from winwin_desktop.journal import copying

    result = copying.copy_journal(args.target)
    print(result.describe())
    return EXIT_OK
