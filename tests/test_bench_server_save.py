"""The server-save benchmark at a tiny scale, so that `benchmarks/bench_server_save.py`
keeps working: every row gets a median and a p95 (the timings are not judged here)."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from tests.helpers import server_journals

REPO = Path(__file__).resolve().parent.parent
TIMING = re.compile(r"^\d+\.\d ms$")

pytestmark = pytest.mark.needs_server


def test_each_journal_gets_its_median_and_p95(isolated_home, tmp_path, server_journal_url):
    server_journals.empty(server_journal_url)
    out = tmp_path / "results_server.md"
    done = subprocess.run(
        [sys.executable, str(REPO / "benchmarks" / "bench_server_save.py")]
        + ["--url", server_journal_url, "--saves", "4", "--out", str(out)],
        env={**os.environ, "PYTHONPATH": str(REPO)},
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    rows = [line.split(" | ") for line in out.read_text().splitlines() if line.startswith("| ")]
    measured = {cells[0].lstrip("| "): cells[2:4] for cells in rows[1:]}
    assert list(measured) == [
        "a bare round trip (`SELECT 1`), loopback",
        "a bare round trip (`SELECT 1`), 20 ms away",
        "save, SQLite file (the floor)",
        "save, PostgreSQL on loopback",
        "save, PostgreSQL 20 ms away (proxy)",
        "open the person: the page's reads, SQLite file",
        "open the person, PostgreSQL on loopback",
        "open the person, PostgreSQL 20 ms away (proxy)",
        "Today's re-read after a save, SQLite file",
        "Today's re-read, PostgreSQL on loopback",
        "Today's re-read, PostgreSQL 20 ms away (proxy)",
    ]
    assert all(TIMING.match(value) for pair in measured.values() for value in pair)
