"""The ``winwin`` command: the GUI with no subcommand, otherwise a subcommand on the journal.

Subcommands call the same ``journal`` use cases as the GUI and never import Qt or
matplotlib, so they start fast. Input the journal refuses exits 2 and a journal that
cannot be opened or written exits 1, each with one line on stderr and nothing written.

Only argparse loads before the subcommand is known (``parser``); the journal and the
subcommand's own module (``people``, ``log``, ``today``, ``search``, ``brief``, ``files``,
``importing``, ``passphrase``, ``copying``) load after it, in ``running``. Opening the
window with nothing but ``--db PATH`` or ``--demo`` does without the parser (its thirty
subcommands take longer to build than the window's first paint can spare).
"""

from __future__ import annotations

import gc
import os
import sys
from collections.abc import Sequence
from typing import NoReturn

from winwin_desktop.cli.output import EXIT_INPUT, EXIT_JOURNAL, EXIT_OK, fail

# The parser's too (cli.parser), kept here: the window's start does not import it.
PASSPHRASE_ENV = "WINWIN_PASSPHRASE"
NEW_PASSPHRASE_ENV = "WINWIN_NEW_PASSPHRASE"

__all__ = [
    "EXIT_INPUT",
    "EXIT_JOURNAL",
    "EXIT_OK",
    "NEW_PASSPHRASE_ENV",
    "PASSPHRASE_ENV",
    "main",
    "run",
]


def main(argv: Sequence[str] | None = None) -> int:
    try:
        return _main(sys.argv[1:] if argv is None else list(argv))
    except BrokenPipeError:
        # The reader left (`winwin people | head -1`): what it wanted was written. Point
        # stdout at nothing so the interpreter's last flush does not fail again.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return EXIT_OK


def run() -> NoReturn:
    """The ``winwin`` command and ``python -m winwin_desktop``: :func:`main`, then exit."""
    code = main()
    if "winwin_desktop.app" not in sys.modules:
        # A subcommand (the window never opened) ends here: Python's last collections
        # would go through everything it loaded, Qt and peewee included, for about 40 ms
        # of a brief's second. Nothing of it needs finalizing: files are closed, and the
        # journal too.
        gc.freeze()
    sys.exit(code)


def _main(argv: list[str]) -> int:
    for arg in argv:
        try:
            arg.encode("utf-8")
        except UnicodeEncodeError:  # bytes that are not UTF-8, kept as surrogates
            shown = arg.encode("utf-8", "surrogateescape").decode("utf-8", "replace")
            fail(
                f"“{shown}” is not valid UTF-8 text; type it again, or set your terminal to UTF-8."
            )
            return EXIT_INPUT
    window = _window_only(argv)
    if window is not None:
        return _open_gui(*window)
    from winwin_desktop.cli.parser import build_parser

    parser = build_parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:  # --help, --version and usage errors
        return int(exc.code or 0)
    if args.self_check:
        if args.command is not None or args.demo:
            fail("--self-check runs on its own temporary journal; leave out the rest.")
            return EXIT_INPUT
        from winwin_desktop.selfcheck import run_self_check

        return run_self_check()
    if args.install_desktop_entry:
        return _install_desktop_entry()
    if args.command is None:
        return _open_gui(args.db, args.demo)
    if args.demo:
        fail("--demo opens the GUI on a demo journal; leave it out with a subcommand.")
        return EXIT_INPUT
    from winwin_desktop.cli.running import run_command

    return run_command(args)


def _window_only(argv: list[str]) -> tuple[str | None, bool] | None:
    """(--db's path, --demo) when ``argv`` only opens the window (nothing, ``--db PATH``,
    ``--db=PATH``, ``--demo``), as the parser would read it; None for anything else, which
    the parser reads (and explains when it is wrong)."""
    db, demo, rest = None, False, list(argv)
    while rest:
        arg = rest.pop(0)
        if arg == "--demo":
            demo = True
        elif arg == "--db" and rest and not rest[0].startswith("-"):
            db = rest.pop(0)
        elif arg.startswith("--db="):
            db = arg.removeprefix("--db=")
        else:
            return None
    return db, demo


def _install_desktop_entry() -> int:
    from winwin_desktop import desktop_entry

    try:
        written = desktop_entry.install()
    except OSError as exc:
        fail(f"The menu entry could not be written ({exc}); check your data folder.")
        return EXIT_JOURNAL
    command = desktop_entry.launch_command()
    print(f"Added WinWin to the application menu: {written[0]} (runs {command}).")
    return EXIT_OK


def _open_gui(db_path: str | None, demo: bool) -> int:
    from winwin_desktop.app import run_gui  # here, so that subcommands never load Qt

    return run_gui(db_path, demo)
