"""Issue 13: a row holding what its column cannot hold (a date that is not a date, text
for the points) is reported in one sentence naming the journal, the row, `winwin check`
and `winwin restore` — never a traceback — and `winwin check` names it."""

from __future__ import annotations

import sqlite3

import pytest

from tests.helpers.cli import run_winwin, user_env


@pytest.fixture
def damaged(tmp_path):
    """A journal with Ada, one interaction and a promise, whose interaction's date then
    became garbage (a hand edit, a faulty sync tool), and the environment to run in."""
    env = user_env(tmp_path)
    path = tmp_path / "journal.db"
    for args in (
        ["person", "add", "Ada Lovelace"],
        ["log", "Ada Lovelace", "--title", "Kick-off", "--gave", "advice:3:market map"],
        ["backup"],
    ):
        done = run_winwin([*args, "--db", str(path)], env, tmp_path)
        assert done.returncode == 0, done.stderr
    con = sqlite3.connect(path)
    con.execute("UPDATE interaction SET date = 'garbage'")
    con.commit()
    con.close()
    return path, env


@pytest.mark.parametrize(
    "command",
    [
        ["people"],
        ["people", "--json"],
        ["due"],
        ["export", "--format", "json", "-o", "out.json"],
        ["export", "--format", "csv", "-o", "out"],
        ["export", "--format", "markdown", "-o", "out.md"],
    ],
)
def test_a_damaged_row_is_one_sentence(damaged, tmp_path, command):
    path, env = damaged
    done = run_winwin([*command, "--db", str(path)], env, tmp_path)
    assert done.returncode == 1
    assert done.stdout == ""
    assert done.stderr == (
        f"winwin: The journal {path} has a damaged row (interaction 1: its date is "
        "“garbage”, not a date): run `winwin check` to see what else is damaged, and "
        "restore its latest snapshot (`winwin restore SNAPSHOT`, one of "
        f"{tmp_path / 'backups'}).\n"
    )
    assert not list(tmp_path.glob("out*"))  # no export half-written


def test_check_names_the_damaged_rows(damaged, tmp_path):
    path, env = damaged
    con = sqlite3.connect(path)
    con.execute("UPDATE exchange SET points = 'lots'")
    con.commit()
    con.close()
    done = run_winwin(["check", "--db", str(path)], env, tmp_path)
    assert done.returncode == 1
    assert "interaction 1: its date is “garbage”, not a date" in done.stdout + done.stderr
    assert "exchange 1: its points is “lots”, not a number" in done.stdout + done.stderr
    assert "Traceback" not in done.stderr
