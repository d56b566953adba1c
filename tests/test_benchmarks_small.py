"""The benchmark suite at small scale, so that `benchmarks/run_all.py` keeps working.

Timings are not judged here (they belong to the benchmark's own table); what is checked
is that every target of DESIGN.md gets a row with a measured number, printed and written.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "benchmarks"))

from run_all import target_rows  # noqa: E402

NUMBER = re.compile(r"^\d+(\.\d+)?( (s|ms|MB|MiB)|×)$")


def test_every_target_gets_a_measured_row(isolated_home, tmp_path):
    out = tmp_path / "results.md"
    environment = {**os.environ, "PYTHONPATH": str(REPO)}
    environment.pop("WINWIN_DB", None)
    done = subprocess.run(
        [sys.executable, str(REPO / "benchmarks" / "run_all.py"), "--scale", "small"]
        + ["--out", str(out), "--cache", str(tmp_path / "cache")],
        env=environment,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    written = out.read_text(encoding="utf-8")
    rows = [line.split(" | ") for line in written.splitlines() if line.startswith("| ")][1:]
    measured = {cells[1]: cells[2] for cells in rows}  # target → measured
    assert len(rows) == len(target_rows())
    for row in target_rows().values():
        assert NUMBER.match(measured[row.target]), (row.action, measured.get(row.target))
    assert "- CPU: " in written and "- Qt: " in written and "- Python: " in written
    assert rows[0][0] == "| start to a usable main window"
    assert "| start to a usable main window |" in done.stdout  # printed too
