"""The whole ``winwin brief`` command, as a user runs it before a meeting: a fresh
process that opens the journal, gathers the brief, draws the charts and writes the PDF.

    python benchmarks/bench_brief_cli.py [--runs 5]

On the demo journal: one person (target under 1 s) and six people (under 2 s), issue 16
item 6 and issue 17 item 5. Prints the median, min and max of ``--runs`` runs after one
unmeasured run (which warms the disk cache and writes the bytecode, as an installed
package has it, into a scratch folder even under PYTHONDONTWRITEBYTECODE), the PDFs'
page counts and the load average (the machine is shared: compare runs at like loads).

Measured (median of 5, A4, demo journal):

| when | load (1 min) | one person | six people |
|---|---|---|---|
| before: matplotlib's chart (415064a), 5 Dec 2026 | 3.5–3.7 | 1.53 s | 2.23 s |
| after: the chart painted with QtGui, side by side | 3.7–3.8 | 0.71 s | 0.82 s |
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import re
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

ONE = ["Zoë Brontë-Nuñez"]
SIX = [
    "Zoë Brontë-Nuñez",
    "Piotr Kowalski",
    "Ingrid Håkansson",
    "Käthe Schröder",
    "Begoña Ibáñez",
    "Seán Kelly",
]
# (key, what, people, target in seconds)
CASES = (
    ("brief_one", "`winwin brief` to PDF, one person, whole process", ONE, 1.0),
    ("brief_six", "`winwin brief` to PDF, six people, whole process", SIX, 2.0),
)


def measure(folder: Path, runs: int = 5) -> dict[str, tuple[float, str, float]]:
    """{key: (median seconds, detail, target seconds)} for each case, on a demo journal
    built in ``folder``."""
    from winwin_desktop.demo import build_demo
    from winwin_desktop.store import close_journal

    journal = folder / "demo.db"
    if not journal.exists():
        build_demo(journal, seed=7, today=dt.date.today())
        close_journal()
    env = {**os.environ, "PYTHONPATH": str(REPO), "PYTHONPYCACHEPREFIX": str(folder / "pyc")}
    env.pop("QT_QPA_PLATFORM", None)  # the command chooses the offscreen platform itself
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    results = {}
    for key, _what, people, target in CASES:
        output = folder / f"{key}.pdf"
        command = [sys.executable, "-m", "winwin_desktop", "brief", ",".join(people)]
        command += ["-o", str(output), "--db", str(journal), "--paper", "a4", "--force"]
        seconds = []
        for run in range(runs + 1):
            started = time.perf_counter()
            subprocess.run(command, env=env, check=True, capture_output=True)
            if run:  # the first one only warms the disk cache
                seconds.append(time.perf_counter() - started)
        pages = len(re.findall(rb"/Type\s*/Page\b(?!s)", output.read_bytes()))
        detail = (
            f"demo journal, {pages} page{'s' if pages != 1 else ''} (A4); median of {runs}, "
            f"min {min(seconds):.2f} s, max {max(seconds):.2f} s; "
            f"load average {os.getloadavg()[0]:.1f}"
        )
        results[key] = (statistics.median(seconds), detail, target)
    return results


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5, help="measured runs per case (default 5)")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="winwin-brief-cli-") as scratch:
        results = measure(Path(scratch), args.runs)
    failed = False
    for key, what, _people, _target in CASES:
        median, detail, target = results[key]
        met = median < target
        failed |= not met
        print(
            f"{what}: {median:.2f} s (target < {target:g} s, {'met' if met else 'NOT met'}); {detail}"
        )
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
