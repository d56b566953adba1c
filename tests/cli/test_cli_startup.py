"""The ``winwin`` command starts fast: argument parsing first, then only what the chosen
subcommand needs; ``--version`` and ``--help`` load no database, Qt or charts."""

from __future__ import annotations

import ast
import subprocess
import sys

import pytest

from tests.helpers.cli import user_env
from winwin_desktop.store import close_journal, open_journal

HEAVY = ("peewee", "PySide6", "matplotlib", "sqlite3", "winwin_desktop.store")


def loaded_after(tmp_path, code: str) -> list[str]:
    """Which of HEAVY a fresh Python has loaded after running ``code``."""
    script = f"import sys\n{code}\nprint(sorted(m for m in {HEAVY!r} if m in sys.modules))\n"
    result = subprocess.run(
        [sys.executable, "-c", script],
        env=user_env(tmp_path),
        cwd=tmp_path,
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    return ast.literal_eval(result.stdout.splitlines()[-1])


def test_importing_the_command_loads_no_database_qt_or_charts(tmp_path):
    assert loaded_after(tmp_path, "import winwin_desktop.cli") == []


@pytest.mark.parametrize("argv", [["--version"], ["--help"], ["log", "--help"]])
def test_version_and_help_load_no_database_qt_or_charts(tmp_path, argv):
    code = (
        "import contextlib, io\n"
        "from winwin_desktop.cli import main\n"
        "with contextlib.redirect_stdout(io.StringIO()):\n"
        f"    assert main({argv!r}) == 0\n"
    )
    assert loaded_after(tmp_path, code) == []


def test_a_subcommand_loads_only_its_own_module(tmp_path):
    open_journal(tmp_path / "journal.db")
    close_journal()
    code = (
        "import contextlib, io, pathlib\n"
        "from winwin_desktop.cli import main\n"
        "with contextlib.redirect_stdout(io.StringIO()):\n"
        "    assert main(['people', '--db', str(pathlib.Path('journal.db').absolute())]) == 0\n"
        "print([m for m in sorted(sys.modules) if m.startswith('winwin_desktop.cli.')])\n"
    )
    script = f"import sys\n{code}"
    result = subprocess.run(
        [sys.executable, "-c", script],
        env=user_env(tmp_path),
        cwd=tmp_path,
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    assert ast.literal_eval(result.stdout.splitlines()[-1]) == [
        "winwin_desktop.cli.output",
        "winwin_desktop.cli.parser",
        "winwin_desktop.cli.passphrase",
        "winwin_desktop.cli.people",
        "winwin_desktop.cli.running",
    ]


@pytest.mark.parametrize(
    "argv",
    [
        [],
        ["--demo"],
        ["--db", "journal.db"],
        ["--db=journal.db"],
        ["--db", "a.db", "--db", "b.db", "--demo"],
        ["--db="],
        ["--db", "postgresql://ana@db.example.org/crm"],
    ],
)
def test_opening_the_window_reads_its_arguments_as_the_parser_does(argv):
    from winwin_desktop.cli import _window_only
    from winwin_desktop.cli.parser import build_parser

    parsed = build_parser().parse_args(argv)
    assert parsed.command is None
    assert _window_only(argv) == (parsed.db, parsed.demo)


@pytest.mark.parametrize(
    "argv",
    [["--db"], ["--db", "--demo"], ["--de"], ["people"], ["--self-check"], ["-h"], ["x.db"]],
)
def test_anything_else_goes_to_the_parser(argv):
    from winwin_desktop.cli import _window_only

    assert _window_only(argv) is None
