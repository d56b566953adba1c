"""Encryption is all-or-nothing across the journal's folder: ``passphrase set`` killed at
any moment leaves, after the next open, either a plain journal (nothing was converted
yet) or an encrypted journal with no plain copy anywhere beside it."""

from __future__ import annotations

import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

from tests.helpers.cli import REPO, run_winwin, user_env
from winwin_desktop.journal import backups, people, protection
from winwin_desktop.store import close_journal, open_journal
from winwin_desktop.store.connection import SQLITE_HEADER

PASSPHRASE = "correct horse battery staple"
SECRET = "Ada Lovelace-Byron"
ROUNDS = 6


def plain_files(folder: Path) -> list[Path]:
    """Files under ``folder`` in which the journal's contents can be read as they are."""
    return [
        path
        for path in folder.rglob("*")
        if path.is_file() and SECRET.encode() in path.read_bytes()
    ]


def build(folder: Path) -> Path:
    """A plain journal with several snapshots, each large enough to take a while."""
    path = folder / "journal.db"
    open_journal(path)
    people.add_person(SECRET)
    for number in range(5):
        for index in range(30):
            people.add_person(f"Person {number}-{index}", notes="Met at the fair. " * 30)
        backups.back_up_now()
    close_journal()
    return path


def set_passphrase(path: Path, env: dict[str, str], delete: bool) -> subprocess.Popen:
    args = ["--db", str(path), "passphrase", "set", *(["--delete-backups"] if delete else [])]
    return subprocess.Popen(
        [sys.executable, "-m", "winwin_desktop", *args],
        env={**env, "WINWIN_NEW_PASSPHRASE": PASSPHRASE},
        cwd=REPO,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )


def test_a_killed_passphrase_set_leaves_no_plaintext_after_the_next_open(tmp_path):
    pristine = tmp_path / "pristine"
    pristine.mkdir()
    build(pristine)
    env = user_env(tmp_path)

    # How long an uninterrupted run takes, to spread the kills over it.
    whole = tmp_path / "whole"
    shutil.copytree(pristine, whole)
    started = time.monotonic()
    assert set_passphrase(whole / "journal.db", env, delete=False).wait(timeout=120) == 0
    duration = time.monotonic() - started
    assert plain_files(whole) == []

    encrypted_rounds = interrupted = 0
    for round_number in range(ROUNDS):
        folder = tmp_path / f"round-{round_number}"
        shutil.copytree(pristine, folder)
        path = folder / "journal.db"
        delete = round_number % 2 == 1
        process = set_passphrase(path, env, delete)
        time.sleep(duration * (0.3 + 0.7 * round_number / ROUNDS))
        process.send_signal(signal.SIGKILL)
        process.wait()

        if path.read_bytes()[:16] == SQLITE_HEADER:
            continue  # killed before the journal itself was converted: all still plain
        encrypted_rounds += 1
        interrupted += bool(plain_files(folder))  # plain snapshots left by the kill
        opened = run_winwin(
            ["--db", str(path), "people"], {**env, "WINWIN_PASSPHRASE": PASSPHRASE}, folder
        )
        assert opened.returncode == 0, opened.stderr
        assert SECRET in opened.stdout
        assert plain_files(folder) == [], f"round {round_number}"
        checked = run_winwin(
            ["--db", str(path), "check"], {**env, "WINWIN_PASSPHRASE": PASSPHRASE}, folder
        )
        assert checked.returncode == 0, checked.stderr
    assert interrupted, "no kill came between the journal's conversion and its snapshots'"
    print(
        f"passphrase set killed {ROUNDS} times over its {duration:.2f} s: {encrypted_rounds} "
        f"after the journal was encrypted, {interrupted} leaving plain snapshots; "
        "0 plain files after the next open"
    )


def test_check_reports_a_plain_copy_beside_an_encrypted_journal(tmp_path):
    path = tmp_path / "journal.db"
    open_journal(path)
    people.add_person(SECRET)
    plain = backups.back_up_now().path
    close_journal()
    copy = tmp_path / "plain-copy.db"
    shutil.copy(plain, copy)
    open_journal(path)
    protection.set_passphrase(PASSPHRASE)
    assert backups.check() == []
    shutil.copy(copy, backups.backups_folder() / plain.name)  # one more, come from elsewhere
    assert backups.check() == [
        f"{backups.backups_folder() / plain.name} is a plain (unencrypted) copy of the "
        "encrypted journal: open the journal again to encrypt it, or delete it"
    ]
    close_journal()
