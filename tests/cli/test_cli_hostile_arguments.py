"""Arguments and pipes a shell can hand ``winwin``: bytes that are not UTF-8 get one
sentence and exit 2; output into a pipe whose reader has gone ends quietly with 0."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from tests.helpers.cli import user_env
from winwin_desktop.journal import people
from winwin_desktop.store import close_journal, open_journal, recording


def winwin_bytes(args: list[bytes], env: dict[str, str], cwd) -> subprocess.CompletedProcess:
    """Run winwin with raw bytes as arguments, as a shell passes $'Jos\\xe9'."""
    return subprocess.run(
        [os.fsencode(sys.executable), b"-m", b"winwin_desktop", *args],
        env=env,
        cwd=cwd,
        capture_output=True,
        timeout=60,
    )


@pytest.mark.needs_file("checks that no journal file was created")
@pytest.mark.parametrize(
    "args",
    [
        [b"person", b"add", b"Jos\xe9"],
        [b"log", b"Ada", b"--new", b"--title", b"Caf\xe9"],
        [b"reflect", b"Lunch at the caf\xe9"],
    ],
)
def test_an_argument_that_is_not_utf8_is_refused_in_one_sentence(tmp_path, journal_path, args):
    result = winwin_bytes([*args, b"--db", os.fsencode(journal_path)], user_env(tmp_path), tmp_path)
    assert result.returncode == 2
    assert result.stdout == b""
    shown = args[-1].decode("utf-8", "replace")
    assert result.stderr.decode("utf-8") == (
        f"winwin: “{shown}” is not valid UTF-8 text; type it again, or set your terminal to UTF-8.\n"
    )
    assert not journal_path.exists()


def test_output_into_a_closed_pipe_ends_quietly(tmp_path, journal_path):
    open_journal(journal_path)
    try:
        with recording("Many people"):  # more than a pipe holds (64 KiB)
            for number in range(2000):
                people.add_person(f"Person number {number:05d}", organisation="Some Company Ltd")
    finally:
        close_journal()
    command = [sys.executable, "-m", "winwin_desktop", "people", "--db", str(journal_path)]
    reader = subprocess.Popen(
        command,
        env=user_env(tmp_path),
        cwd=tmp_path,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    first = reader.stdout.readline()  # as `head -1` does, then it leaves
    reader.stdout.close()
    assert reader.wait(timeout=60) == 0
    assert first.split() == [
        b"Name",
        b"Organisation",
        b"Status",
        b"Balance",
        b"(12",
        b"mo)",
        b"Last",
        b"contact",
    ]
    assert reader.stderr.read() == b""


LONG_NAME = "Maximilian " * 25


@pytest.mark.parametrize(
    "args", [["person", "add", LONG_NAME], ["log", LONG_NAME, "--new", "--title", "Call"]]
)
def test_a_name_over_the_limit_is_refused_at_entry(tmp_path, journal_path, args):
    result = winwin_bytes(
        [os.fsencode(a) for a in [*args, "--db", str(journal_path)]], user_env(tmp_path), tmp_path
    )
    assert result.returncode == 2
    assert result.stderr.decode() == (
        "winwin: Keep the name to 200 characters (this one has 274); put the rest in the notes.\n"
    )
