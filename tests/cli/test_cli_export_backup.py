"""``winwin export``, ``backup``, ``restore`` and ``check``, run as a user runs them: a
separate process on a temporary journal."""

from __future__ import annotations

import hashlib
import json
import os
import sqlite3
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from tests.helpers.cli import run_winwin, user_env
from winwin_desktop.journal import interactions, people
from winwin_desktop.journal.interactions import ExchangeData
from winwin_desktop.store import close_journal, open_journal

REPO = Path(__file__).resolve().parents[2]


@pytest.fixture
def winwin(tmp_path, journal_path):
    """Run ``winwin SUBCOMMAND ... --db JOURNAL`` with every user folder inside tmp_path."""
    env = user_env(tmp_path)
    return lambda *args: run_winwin([*args, "--db", str(journal_path)], env, tmp_path)


@pytest.fixture
def seeded(journal_path):
    """Zoë and Minh, and one call with both."""
    open_journal(journal_path)
    try:
        zoe = people.add_person("Zoë Brontë-Nuñez", organisation="Acme Robotics")
        minh = people.add_person("Minh Hoang")
        interactions.log_interaction(
            "2026-09-01",
            "Kick-off",
            [zoe.id, minh.id],
            kind="call",
            exchanges=[ExchangeData(zoe.id, "given", "advice", 2)],
        )
    finally:
        close_journal()
    return journal_path


def people_in(path: Path) -> list[str]:
    con = sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True)
    try:
        return [row[0] for row in con.execute("SELECT name FROM person ORDER BY name")]
    finally:
        con.close()


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def fails_with_one_line(result: subprocess.CompletedProcess, code: int, words: str) -> None:
    assert result.returncode == code, result.stderr
    lines = result.stderr.splitlines()
    assert len(lines) == 1 and lines[0].startswith("winwin: ") and words in lines[0], lines


def corrupt_copy(journal_path: Path, copy: Path) -> Path:
    """A copy of the (closed) journal with the person table's root page overwritten."""
    copy.write_bytes(journal_path.read_bytes())
    con = sqlite3.connect(copy)
    page_size = con.execute("PRAGMA page_size").fetchone()[0]
    root = con.execute("SELECT rootpage FROM sqlite_master WHERE name = 'person'").fetchone()[0]
    con.close()
    with copy.open("r+b") as stream:
        stream.seek((root - 1) * page_size)
        stream.write(b"\xff" * 64)
    return copy


# ---- export -------------------------------------------------------------------------------


def test_export_json_then_every_other_format(seeded, winwin, tmp_path):
    result = winwin("export", "--format", "json", "-o", "out/journal.json")
    assert result.returncode == 0, result.stderr
    path = tmp_path / "out" / "journal.json"
    assert result.stdout == (
        f"Exported 2 people and 1 interaction to {Path('out/journal.json')}. "
        "It is plain text: keep it somewhere private.\n"
    )
    document = json.loads(path.read_text(encoding="utf-8"))
    assert (document["format"], document["version"]) == ("winwin-journal", 1)
    assert sorted(p["name"] for p in document["people"]) == ["Minh Hoang", "Zoë Brontë-Nuñez"]
    assert stat.S_IMODE(path.stat().st_mode) == 0o600

    assert winwin("export", "--format", "csv", "-o", "out/csv").returncode == 0
    assert sorted(p.name for p in (tmp_path / "out" / "csv").iterdir()) == [
        "exchanges.csv",
        "interactions.csv",
        "people.csv",
        "promises.csv",
        "reflections.csv",
    ]
    assert winwin("export", "--format", "Markdown", "-o", "out/journal.md").returncode == 0
    assert "### Zoë Brontë-Nuñez" in (tmp_path / "out" / "journal.md").read_text(encoding="utf-8")
    assert winwin("export", "--format", "vcf", "-o", "out/people.vcf").returncode == 0
    cards = (tmp_path / "out" / "people.vcf").read_text(encoding="utf-8")
    assert cards.count("BEGIN:VCARD") == 2 and "VERSION:4.0" in cards


def test_export_refusals_exit_2_with_one_line_and_write_nothing(seeded, winwin, tmp_path):
    # (The user's own folders, in tmp_path/home, are WinWin's to keep caches in.)
    before = sorted(p for p in tmp_path.rglob("*") if "home" not in p.parts)
    fails_with_one_line(
        winwin("export", "--format", "pdf", "-o", "x.pdf"), 2, "“pdf” is not an export format"
    )
    fails_with_one_line(winwin("export", "--format", "json", "-o", "."), 2, "is a folder")
    assert sorted(p for p in tmp_path.rglob("*") if "home" not in p.parts) == before
    usage = winwin("export", "--format", "json")
    assert usage.returncode == 2 and "-o/--output" in usage.stderr


# ---- backup and restore -------------------------------------------------------------------


@pytest.mark.needs_file("snapshots are copies of the journal file (SQLite's backup API)")
def test_backup_goes_to_the_backups_folder_or_where_asked(seeded, winwin, tmp_path):
    result = winwin("backup")
    assert result.returncode == 0, result.stderr
    (snapshot,) = (tmp_path / "backups").iterdir()
    assert result.stdout == (
        f"Backed up the journal to {snapshot} (2 people, 1 interaction), verified.\n"
    )
    assert people_in(snapshot) == ["Minh Hoang", "Zoë Brontë-Nuñez"]
    assert winwin("backup", "--to", "mine.db").returncode == 0
    assert people_in(tmp_path / "mine.db") == ["Minh Hoang", "Zoë Brontë-Nuñez"]
    fails_with_one_line(winwin("backup", "--to", "mine.db"), 2, "already exists")


@pytest.mark.needs_file("restore puts a snapshot file in place of the journal file")
def test_restore_replaces_the_journal_after_a_safety_snapshot(seeded, winwin, tmp_path):
    assert winwin("backup", "--to", "before.db").returncode == 0
    assert winwin("person", "add", "Rahel Tesfaye").returncode == 0
    result = winwin("restore", "before.db")
    assert result.returncode == 0, result.stderr
    (safety,) = (tmp_path / "backups").iterdir()
    assert safety.name.endswith(".before-restore.db")
    assert result.stdout == (
        f"Restored the journal from before.db (2 people, 1 interaction); "
        f"the journal as it was is kept in {safety}.\n"
    )
    assert people_in(safety) == ["Minh Hoang", "Rahel Tesfaye", "Zoë Brontë-Nuñez"]
    listed = winwin("people", "--json")
    assert [p["name"] for p in json.loads(listed.stdout)] == ["Minh Hoang", "Zoë Brontë-Nuñez"]


@pytest.mark.needs_file(
    "restore puts a file in place of the journal file; the test compares its bytes"
)
@pytest.mark.parametrize(
    ("make", "words"),
    [
        (lambda p, j: (p / "notes.txt").write_text("hello") and "notes.txt", "is not a WinWin"),
        (lambda p, j: (p / "export.json").write_text("{}") and "export.json", "is not a WinWin"),
        (lambda p, j: "missing.db", "does not exist"),
        (lambda p, j: corrupt_copy(j, p / "damaged.db").name, "is damaged"),
    ],
)
def test_restore_refuses_what_is_not_a_verified_journal(seeded, winwin, tmp_path, make, words):
    source = make(tmp_path, seeded)
    before = digest(seeded)
    fails_with_one_line(winwin("restore", source), 2, words)
    assert digest(seeded) == before
    assert not (tmp_path / "backups").exists()  # not even a safety snapshot was needed


# ---- check --------------------------------------------------------------------------------


@pytest.mark.needs_file("winwin check reads the journal file (integrity_check, foreign_key_check)")
def test_check_of_a_healthy_journal(seeded, winwin):
    result = winwin("check")
    assert result.returncode == 0, result.stderr
    assert result.stdout == (
        f"The journal {seeded} is healthy: integrity and foreign keys check out.\n"
    )


@pytest.mark.needs_file("winwin check reads the journal file (integrity_check, foreign_key_check)")
def test_check_of_a_damaged_journal_exits_1_naming_the_problem(seeded, tmp_path, run_check):
    damaged = corrupt_copy(seeded, tmp_path / "damaged.db")
    result = run_check(damaged)
    # Refused as it is opened (a small journal is checked whole first), or by the check.
    fails_with_one_line(result, 1, "malformed")
    assert str(damaged) in result.stderr
    assert "restore" in result.stderr


@pytest.mark.needs_file("winwin check reads the journal file (integrity_check, foreign_key_check)")
def test_check_names_a_broken_reference(seeded, tmp_path, run_check):
    broken = tmp_path / "broken.db"
    broken.write_bytes(seeded.read_bytes())
    con = sqlite3.connect(broken)
    con.execute("UPDATE exchange SET person_id = 99")
    con.commit()
    con.close()
    result = run_check(broken)
    fails_with_one_line(result, 1, "row 1 of exchange refers to a missing row of person")
    assert result.stdout == "row 1 of exchange refers to a missing row of person\n"


@pytest.fixture
def run_check(winwin, tmp_path):
    """``winwin check --db PATH`` on another file than the test's journal."""

    def run(path: Path) -> subprocess.CompletedProcess:
        env = {k: v for k, v in os.environ.items() if k != "WINWIN_DB"}
        env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(REPO), env.get("PYTHONPATH")]))
        env["HOME"] = str(tmp_path / "home")
        return subprocess.run(
            [sys.executable, "-m", "winwin_desktop", "check", "--db", str(path)],
            env=env,
            capture_output=True,
            text=True,
            encoding="utf-8",
            timeout=60,
        )

    return run
