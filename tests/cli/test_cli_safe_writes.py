"""Writing files never destroys anything: ``export``, ``brief -o`` and ``backup --to``
refuse an existing file unless ``--force``, and refuse the journal, its working files
and its backups folder even with ``--force``; what they write is whole or not there."""

from __future__ import annotations

import io
import json
import sqlite3
import sys
from pathlib import Path

import pytest

from tests.helpers import server_journals
from winwin_desktop import cli
from winwin_desktop.journal import interactions, people
from winwin_desktop.journal.interactions import ExchangeData
from winwin_desktop.store import close_journal, open_journal


@pytest.fixture
def winwin(journal_path, monkeypatch, capsys, tmp_path):
    """Run ``winwin`` in this process, in ``tmp_path``: (exit code, stdout, stderr)."""
    monkeypatch.setattr(sys, "stdin", io.StringIO())
    monkeypatch.chdir(tmp_path)

    def run(*args: str) -> tuple[int, str, str]:
        code = cli.main([*args, "--db", str(journal_path)])
        out, err = capsys.readouterr()
        return code, out, err

    return run


@pytest.fixture
def seeded(journal_path):
    open_journal(journal_path)
    try:
        zoe = people.add_person("Zoë Brontë-Nuñez")
        interactions.log_interaction(
            "2026-09-01",
            "Kick-off",
            [zoe.id],
            exchanges=[ExchangeData(zoe.id, "given", "advice", 2)],
        )
    finally:
        close_journal()
    return journal_path


def files_in(folder: Path) -> dict[str, bytes]:
    return {
        str(p.relative_to(folder)): p.read_bytes()
        for p in sorted(folder.rglob("*"))
        if p.is_file() and not p.name.endswith(("-wal", "-shm"))
    }


def refused(result: tuple[int, str, str], words: str) -> None:
    code, out, err = result
    assert (code, out) == (2, ""), err
    assert err.startswith("winwin: ") and err.count("\n") == 1
    assert words in err, err


@pytest.mark.parametrize(
    ("args", "target"),
    [
        (("export", "--format", "json", "-o", "old.json"), "old.json"),
        (("export", "--format", "markdown", "-o", "old.md"), "old.md"),
        (("export", "--format", "csv", "-o", "folder"), "folder/people.csv"),
        (("brief", "Zoë Brontë-Nuñez", "-o", "old.md"), "old.md"),
        (("brief", "Zoë Brontë-Nuñez", "-o", "notes.md"), "zoe-bronte-nunez-balance.png"),
        (("brief", "Zoë Brontë-Nuñez", "-o", "old.html"), "old.html"),
        (("backup", "--to", "old.db"), "old.db"),
    ],
)
def test_an_existing_file_is_replaced_only_with_force(seeded, winwin, tmp_path, args, target):
    existing = tmp_path / target
    existing.parent.mkdir(exist_ok=True)
    existing.write_bytes(b"keep me")
    before = files_in(tmp_path)

    refused(winwin(*args), f"{Path(target)} already exists; choose another name, or add --force")
    assert files_in(tmp_path) == before

    code, out, err = winwin(*args, "--force")
    assert (code, err) == (0, "")
    assert existing.read_bytes() != b"keep me"
    assert not [p.name for p in tmp_path.rglob(".*part")]  # no temporary file left
    if args[0] == "backup":
        assert out.startswith(f"Backed up the journal to {Path(target)} (1 person, 1 interaction)")
        assert names_in_backup(existing) == ["Zoë Brontë-Nuñez"]


def names_in_backup(path: Path) -> list[str]:
    """The people in a backup: a SQLite copy of a journal file, or, of a journal on a
    server, WinWin JSON."""
    if server_journals.URL:
        return [person["name"] for person in json.loads(path.read_text())["people"]]
    copy = sqlite3.connect(path)
    try:
        return [name for (name,) in copy.execute("SELECT name FROM person")]
    finally:
        copy.close()


@pytest.mark.needs_file("the journal's own files (-wal, -shm, backups/)")
def test_the_journal_its_working_files_and_backups_are_refused_even_with_force(
    seeded, winwin, tmp_path, journal_path
):
    assert winwin("backup")[0] == 0
    (snapshot,) = (tmp_path / "backups").iterdir()
    Path(f"{journal_path}.lock").write_text("")
    before = files_in(tmp_path)
    for target in (journal_path, f"{journal_path}-wal", f"{journal_path}.lock", snapshot):
        for args in (
            ("export", "--format", "json", "-o", str(target)),
            ("brief", "Zoë Brontë-Nuñez", "-o", f"{target}.md"),
            ("backup", "--to", str(target)),
        ):
            if args[0] == "brief" and target != snapshot:
                continue  # "journal.db.md" is another file
            result = winwin(*args, "--force")
            refused(result, "choose")
    refused(winwin("export", "--format", "csv", "-o", "backups", "--force"), "backups folder")
    refused(winwin("backup", "--to", "backups/mine.db", "--force"), "backups folder")
    assert files_in(tmp_path) == before
    assert winwin("people")[1].startswith("Name")  # the journal still opens and reads


def test_force_without_to_is_refused(seeded, winwin):
    refused(winwin("backup", "--force"), "--force goes with --to FILE")
