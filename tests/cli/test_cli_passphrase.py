"""``winwin passphrase set|change|remove`` and opening an encrypted journal from the CLI."""

from __future__ import annotations

import io
import subprocess
import sys
from pathlib import Path

import pytest

pytest.importorskip("sqlcipher3")

from winwin_desktop import cli  # noqa: E402
from winwin_desktop.store import crypto  # noqa: E402
from winwin_desktop.store.connection import SQLITE_HEADER  # noqa: E402

pytestmark = pytest.mark.needs_file("SQLCipher encrypts journal files")

NAME = "Zebedee Quixotic"
REPO = Path(__file__).resolve().parents[2]


@pytest.fixture
def winwin(journal_path, monkeypatch, capsys):
    monkeypatch.setattr(sys, "stdin", io.StringIO())  # not a terminal: nothing is asked
    monkeypatch.delenv(cli.PASSPHRASE_ENV, raising=False)
    monkeypatch.delenv(cli.NEW_PASSPHRASE_ENV, raising=False)

    def run(*args: str, passphrase: str | None = None, new: str | None = None):
        for name, value in ((cli.PASSPHRASE_ENV, passphrase), (cli.NEW_PASSPHRASE_ENV, new)):
            if value is None:
                monkeypatch.delenv(name, raising=False)
            else:
                monkeypatch.setenv(name, value)
        code = cli.main([*args, "--db", str(journal_path)])
        out, err = capsys.readouterr()
        return code, out, err

    return run


def test_set_use_change_and_remove_a_passphrase(winwin, journal_path):
    assert winwin("person", "add", NAME)[0] == 0
    assert winwin("backup")[0] == 0

    code, out, err = winwin("passphrase", "set")
    assert code == cli.EXIT_INPUT
    assert err.strip().endswith(
        f"Give the new passphrase in {cli.NEW_PASSPHRASE_ENV} (no terminal to ask on)."
    )

    code, out, err = winwin("passphrase", "set", new="first")
    assert code == 0, err
    assert "now encrypted" in out
    assert "cannot be recovered" in err or "no way to recover" in err
    assert journal_path.read_bytes()[:16] != SQLITE_HEADER
    for path in journal_path.parent.rglob("*"):
        if path.is_file():
            assert NAME.encode() not in path.read_bytes(), path

    code, out, err = winwin("people")
    assert code == cli.EXIT_JOURNAL
    assert err.count("\n") == 1 and "protected by a passphrase" in err

    before = journal_path.read_bytes()
    code, out, err = winwin("people", passphrase="wrong")
    assert code == cli.EXIT_JOURNAL
    assert err == f"winwin: That passphrase does not open {journal_path}; try again.\n"
    assert journal_path.read_bytes() == before

    code, out, err = winwin("people", passphrase="first")
    assert code == 0 and NAME in out

    code, out, err = winwin("backup", passphrase="first")
    assert code == 0
    code, out, err = winwin("check", passphrase="first")
    assert code == 0 and "healthy" in out

    code, out, err = winwin("passphrase", "change", passphrase="first", new="second")
    assert code == 0, err
    assert winwin("people", passphrase="first")[0] == cli.EXIT_JOURNAL
    assert crypto.is_encrypted(journal_path, "second")

    code, out, err = winwin("passphrase", "remove", passphrase="second")
    assert code == 0, err
    assert journal_path.read_bytes()[:16] == SQLITE_HEADER
    code, out, err = winwin("people")
    assert code == 0 and NAME in out
    assert all(
        p.read_bytes()[:16] == SQLITE_HEADER for p in (journal_path.parent / "backups").glob("*.db")
    )


def test_a_wrong_passphrase_exits_non_zero_with_one_line_as_a_process(
    winwin, journal_path, tmp_path
):
    winwin("person", "add", NAME)
    winwin("passphrase", "set", new="first")
    env = {
        "PATH": "/usr/bin:/bin",
        "HOME": str(tmp_path / "home"),
        "PYTHONPATH": str(REPO),
        cli.PASSPHRASE_ENV: "nope",
    }
    result = subprocess.run(
        [sys.executable, "-m", "winwin_desktop", "people", "--db", str(journal_path)],
        env=env,
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 1
    assert result.stderr == f"winwin: That passphrase does not open {journal_path}; try again.\n"


def test_set_can_delete_the_plain_backups_instead(winwin, journal_path):
    assert winwin("person", "add", NAME)[0] == 0
    assert winwin("backup")[0] == 0
    assert winwin("backup")[0] == 0
    backups = journal_path.parent / "backups"
    assert len(list(backups.glob("*.db"))) == 2

    code, out, err = winwin("passphrase", "change", "--delete-backups", passphrase="x", new="y")
    assert code == cli.EXIT_INPUT and "goes with `winwin passphrase set` only" in err
    assert len(list(backups.glob("*.db"))) == 2

    code, out, err = winwin("passphrase", "set", "--delete-backups", new="first")
    assert code == 0, err
    assert (
        out.strip()
        == f"The journal {journal_path} is now encrypted; its plain backups were deleted."
    )
    assert list(backups.iterdir()) == []
    for path in journal_path.parent.rglob("*"):
        if path.is_file():
            assert NAME.encode() not in path.read_bytes(), path
    assert winwin("people", passphrase="first")[2] == ""
