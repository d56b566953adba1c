"""Every performance target of DESIGN.md, measured in one command.

    python benchmarks/run_all.py [--scale full|small] [--out benchmarks/results.md]
    python benchmarks/run_all.py --start-only   # the start-up rows alone, a few minutes

``--scale full`` (the default) measures on the reference journal: 10,000 people, 200,000
interactions, 400,000 exchanges, 20,000 promises and three years of daily reflections,
generated once with ``winwin_desktop.demo.build_large`` (about two minutes) and cached
in the temporary folder (``--cache`` to put it elsewhere) under a name that changes with
the schema scripts. ``--scale small`` runs the same steps on a journal fifty times
smaller in about half a minute: the test suite runs it so that this script keeps working.

Each measure runs in a fresh process, on a scratch copy of the cached journal (saves
write to it): the start-up is ``python -m winwin_desktop --db COPY`` from launch to the
window's first paint, and the peak memory is the largest resident set of the process
that opened the journal in the main window and then filtered the people list, opened the
busiest person with their chart, drew the overview, searched, saved interactions and
wrote a brief. Timings are medians of warm runs, or the 95th percentile where the
target says p95. The table is printed and written, with a description of the machine,
to ``--out``. Nothing here fails on a missed target: the table says it.

The goals of issue 17 are measured beside a floor launched in the same run, alternately
with the measured command, so that a busy machine slows both alike: the start-up beside a
bare PySide6 window filling a 10,000-row list (``bare_window.py``), ``winwin --version``
beside a bare ``python -c "import argparse, sqlite3"``, and ``winwin search`` beside
jrnl 4.6 on the same 100,000 entries (``bench_jrnl.py``, 2,000 at small scale); with
``--bundle DIR``, the size of a PyInstaller one-folder bundle built beforehand
(``pyinstaller build.spec``). ``winwin brief`` is timed as a whole process, from launch
to the PDF written, for the journal's busiest person and for its six busiest people
(``bench_brief_cli.py``; run it with ``--against TREE`` to time an older checkout
alternately with this one).
"""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import json
import os
import platform
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
# Run from a checkout without installing: the package sits one folder up.
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "benchmarks"))

SCALES = {
    "full": {
        "journal": dict(
            people=10_000,
            interactions=200_000,
            exchanges=400_000,
            promises=20_000,
            reflection_days=3 * 365,
        ),
        "starts": 5,
        "runs": 7,
        "saves": 200,
        "queries": 200,
        "vcards": 10_000,
        "jrnl_entries": 100_000,
        "launches": 9,
    },
    "small": {
        "journal": dict(
            people=200, interactions=4_000, exchanges=8_000, promises=200, reflection_days=60
        ),
        "starts": 1,
        "runs": 2,
        "saves": 20,
        "queries": 20,
        "vcards": 300,
        "jrnl_entries": 2_000,
        "launches": 2,
    },
}
RESULT_PREFIX = "RESULT "


@dataclass
class Row:
    action: str
    target: str
    limit: float  # the target, in ``unit``
    unit: str  # "s", "ms", "MB", "MiB" or "×" (a ratio to a floor)
    value: float | None = None
    detail: str = ""
    at_least: bool = False  # the target is a minimum (a speed-up), not a maximum

    @property
    def met(self) -> bool | None:
        if self.value is None:
            return None
        return self.value >= self.limit if self.at_least else self.value <= self.limit

    def measured(self) -> str:
        if self.value is None:
            return "—"
        if self.unit == "s":
            return f"{self.value:.2f} s"
        if self.unit == "×":
            return f"{self.value:.1f}×"
        return f"{self.value:.0f} {self.unit}"


def target_rows(bundle: bool = False) -> dict[str, Row]:
    """DESIGN.md's table, in its order, then issue 17's goals (the bundle's size only
    when a bundle is given)."""
    rows = {
        "start": Row("start to a usable main window", "≤ 1.0 s", 1.0, "s"),
        "filter": Row("filter the people list, per keystroke", "≤ 30 ms", 30, "ms"),
        "person": Row(
            "open a person with 2,000+ interactions, chart included", "≤ 200 ms", 200, "ms"
        ),
        "save": Row("save an interaction (p95)", "≤ 15 ms p95", 15, "ms"),
        "search": Row("global search (p95)", "≤ 50 ms p95", 50, "ms"),
        "overview": Row("overview chart of every person", "≤ 400 ms", 400, "ms"),
        "brief": Row("brief to PDF", "≤ 1.5 s", 1.5, "s"),
        "brief_one": Row("`winwin brief` to PDF, one person, whole process", "< 1 s", 1.0, "s"),
        "brief_six": Row("`winwin brief` to PDF, six people, whole process", "< 2 s", 2.0, "s"),
        "import": Row("import 10,000 vCards", "≤ 10 s", 10, "s"),
        "memory": Row("memory at the reference journal (peak RSS)", "≤ 400 MB", 400, "MB"),
        "start_ratio": Row(
            "start to the first paint, as a ratio to a bare Qt window", "≤ 2×", 2, "×"
        ),
        "start_today_ratio": Row(
            "start on the Today page, as a ratio to the bare window", "≤ 2×", 2, "×"
        ),
        "version": Row(
            "`winwin --version`, whole process, as a ratio to a bare Python start",
            "≤ 3×",
            3,
            "×",
        ),
        "jrnl": Row(
            "`winwin search` on 100,000 jrnl entries, whole process, speed-up over jrnl 4.6",
            "≥ 20×",
            20,
            "×",
            at_least=True,
        ),
    }
    if bundle:
        rows["bundle"] = Row(
            "PyInstaller one-folder bundle (apparent size)", "< 200 MiB", 200, "MiB"
        )
    return rows


# ---- the orchestrating process ------------------------------------------------------------


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scale", choices=sorted(SCALES), default="full")
    parser.add_argument(
        "--out", type=Path, default=REPO / "benchmarks" / "results.md", help="the results file"
    )
    parser.add_argument(
        "--cache",
        type=Path,
        default=Path(tempfile.gettempdir()) / "winwin-bench",
        help="where the generated journal is kept between runs",
    )
    parser.add_argument(
        "--bundle", type=Path, help="a one-folder bundle built with build.spec, to size it"
    )
    parser.add_argument(
        "--start-only",
        action="store_true",
        help="measure the start-up rows only (beside the bare window) and print them; "
        "nothing is written",
    )
    parser.add_argument("--worker", choices=("session", "import"), help=argparse.SUPPRESS)
    parser.add_argument("--db", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    scale = SCALES[args.scale]
    if args.worker == "session":
        return _report(session_worker(args.db, scale))
    if args.worker == "import":
        return _report(import_worker(args.db, scale))

    load_before = _load()
    started = time.perf_counter()
    rows = target_rows(bundle=args.bundle is not None)
    cached = reference_journal(args.cache, args.scale)
    with tempfile.TemporaryDirectory(prefix="winwin-run-all-") as scratch:
        folder = Path(scratch)
        journal = folder / "journal.db"
        _copy_journal(cached, journal)
        print(f"Measuring on a copy of {cached} ({_describe_journal(journal)})", flush=True)

        print("Start-up, beside a bare Qt window…", flush=True)
        start = measure_start(journal, folder, scale["starts"])
        rows["start"].value = statistics.median(start["seconds"])
        rows["start"].detail = (
            f"median of {len(start['seconds'])} launches (after one unmeasured), "
            f"max {max(start['seconds']):.2f} s; first paint with the People list naming "
            "everyone (its totals follow)"
        )
        bare = statistics.median(start["bare"])
        rows["start_ratio"].value = rows["start"].value / bare
        rows["start_ratio"].detail = (
            f"{rows['start'].value:.2f} s against {bare:.2f} s for `bare_window.py` "
            f"(PySide6, a 10,000-row table), launched alternately, medians of "
            f"{len(start['bare'])}"
        )
        on_today = statistics.median(start["today"])
        rows["start_today_ratio"].value = on_today / bare
        rows["start_today_ratio"].detail = (
            f"{on_today:.2f} s against {bare:.2f} s, the app remembering Today as the page "
            f"it was on (launched in the same turns), medians of {len(start['today'])}"
        )
        if args.start_only:
            print()
            print(markdown_table([rows["start"], rows["start_ratio"], rows["start_today_ratio"]]))
            print(f"\nLoad average {load_before} before, {_load()} after.")
            return 0

        print("`winwin --version`, beside a bare Python…", flush=True)
        version, python = measure_alternately(
            [sys.executable, "-m", "winwin_desktop", "--version"],
            [sys.executable, "-c", "import argparse, sqlite3"],
            _environment(folder),
            scale["launches"],
        )
        rows["version"].value = version / python
        rows["version"].detail = (
            f"{version * 1000:.0f} ms against {python * 1000:.0f} ms for "
            f'`python -c "import argparse, sqlite3"`, alternately, medians of {scale["launches"]}'
        )

        print("`winwin search` beside jrnl…", flush=True)
        from bench_jrnl import QUERY, side_by_side

        jrnl = side_by_side(args.cache, scale["jrnl_entries"], scale["launches"])
        rows["jrnl"].value = jrnl["ratio"]
        rows["jrnl"].detail = (
            f"“{' '.join(QUERY)}”: jrnl `-contains` ×3 `-and -n 50` {jrnl['jrnl_s']:.2f} s, "
            f"`winwin search` {jrnl['winwin_s']:.2f} s ({jrnl['winwin_hits']} hits shown), "
            f"alternately, medians of {jrnl['runs']}; {jrnl['entries']:,} entries exported "
            f"with `jrnl --export json` and imported with `winwin import` (`bench_jrnl.py`)"
        )
        if args.scale != "full":
            rows["jrnl"].action = rows["jrnl"].action.replace("100,000", f"{jrnl['entries']:,}")

        print("The window at work (filter, person, save, search, overview, brief)…", flush=True)
        session = _run_worker("session", journal, args.scale, folder)
        for key in ("filter", "person", "save", "search", "overview", "brief"):
            rows[key].value, rows[key].detail = session[key]
        rows["memory"].value = session["peak_rss_mb"]
        rows["memory"].detail = (
            f"the process that did all of the above; a bare start peaks at "
            f"{max(start['peak_rss_mb']):.0f} MB"
        )

        print("`winwin brief`, whole process (bench_brief_cli.py)…", flush=True)
        from bench_brief_cli import measure as measure_brief_cli

        # The journal's busiest person, and its six busiest people, from launch to the PDF.
        briefs = measure_brief_cli(
            folder, scale["launches"], journal=journal, called="the reference journal"
        )
        for key, (seconds, detail, _target) in briefs.items():
            rows[key].value, rows[key].detail = seconds, detail

        print("Importing vCards…", flush=True)
        imported = _run_worker("import", folder / "import.db", args.scale, folder)
        rows["import"].value, rows["import"].detail = imported["import"]
        if args.scale != "full":
            rows["import"].action = f"import {scale['vcards']:,} vCards"
            rows["person"].action = "open the busiest person, chart included"

    if args.bundle is not None:
        size = bundle_size(args.bundle)
        rows["bundle"].value = size / 2**20
        rows["bundle"].detail = f"{args.bundle}: {size:,} bytes, each file once, links not followed"

    elapsed = time.perf_counter() - started
    table = markdown_table(rows.values())
    print()
    print(table)
    machine = describe_machine()
    write_results(
        args.out, args.scale, table, machine, _describe_journal(cached), elapsed, load_before
    )
    print(f"\nWritten to {args.out} ({elapsed:.0f} s).")
    return 0


def reference_journal(cache: Path, scale_name: str) -> Path:
    """The cached generated journal for ``scale_name``, generated if missing.

    Its name carries a fingerprint of the schema migrations and the journal's size, so
    that a journal made with an older schema script is never measured."""
    fingerprint = hashlib.sha256(repr(sorted(SCALES[scale_name]["journal"].items())).encode())
    for script in sorted((REPO / "winwin_desktop" / "store" / "migrations").glob("*.py")):
        fingerprint.update(script.name.encode() + script.read_bytes())
    name = f"reference-{scale_name}-{fingerprint.hexdigest()[:12]}.db"
    path = cache / name
    if path.exists():
        return path
    from winwin_desktop.demo import build_large
    from winwin_desktop.store import close_journal

    cache.mkdir(parents=True, exist_ok=True)
    partial = cache / f".{name}.{os.getpid()}.part"
    print(f"Generating the {scale_name} reference journal at {path} (once)…", flush=True)
    begun = time.perf_counter()
    build_large(partial, **SCALES[scale_name]["journal"])
    close_journal()
    os.replace(partial, path)  # whole or not at all, even with two runs at once
    for suffix in ("-wal", "-shm"):
        Path(f"{partial}{suffix}").unlink(missing_ok=True)
    print(f"Generated in {time.perf_counter() - begun:.0f} s.", flush=True)
    return path


def _copy_journal(source: Path, target: Path) -> None:
    """A consistent copy through SQLite's backup API (another program may have it open)."""
    src = sqlite3.connect(f"{source.as_uri()}?mode=ro", uri=True)
    dest = sqlite3.connect(str(target))
    try:
        src.backup(dest)
    finally:
        dest.close()
        src.close()


def _describe_journal(path: Path) -> str:
    con = sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True)
    try:
        counts = [
            f"{con.execute(f'SELECT COUNT(*) FROM {table}').fetchone()[0]:,} {label}"
            for table, label in (
                ("person", "people"),
                ("interaction", "interactions"),
                ("exchange", "exchanges"),
                ("promise", "promises"),
                ("reflection", "reflections"),
            )
        ]
    finally:
        con.close()
    return ", ".join(counts)


def _environment(folder: Path) -> dict[str, str]:
    """The app's environment: offscreen, and every per-user folder in ``folder``."""
    home = folder / "home"
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "PYTHONPATH": str(REPO)}
    env.update(
        HOME=str(home),
        XDG_CONFIG_HOME=str(home / "config"),
        XDG_DATA_HOME=str(home / "data"),
        XDG_CACHE_HOME=str(home / "cache"),
        XDG_STATE_HOME=str(home / "state"),
    )
    env.pop("WINWIN_DB", None)
    # An installed app has its bytecode compiled: let the first (unmeasured) launch write it.
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    return env


def _wait(process: subprocess.Popen) -> tuple[int, float]:
    """Wait for ``process``; (exit status, its peak resident set in MB)."""
    _pid, status, usage = os.wait4(process.pid, 0)
    process.returncode = os.waitstatus_to_exitcode(status)
    return process.returncode, usage.ru_maxrss / 1024  # kilobytes on Linux


def _first_paint(command: list[str], env: dict[str, str]) -> tuple[float, float]:
    """Launch ``command`` and wait for it; (seconds to its ``first-paint`` line, peak RSS)."""
    launched = time.time()
    process = subprocess.Popen(
        command, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
    )
    output = process.stdout.read()
    errors = process.stderr.read()
    status, peak = _wait(process)
    painted = [line for line in output.splitlines() if line.startswith("first-paint ")]
    if status != 0 or not painted:
        raise SystemExit(f"{command[-1]} did not start (exit {status}): {errors.strip()[-500:]}")
    return float(painted[0].split()[1]) - launched, peak


def measure_start(journal: Path, folder: Path, launches: int) -> dict[str, list[float]]:
    """Launch the app ``launches`` times (after one unmeasured launch that warms the file
    cache), each time followed by the bare window and by the app opening on the Today
    page; seconds from launch to the first paint of each, and the app's peak RSS."""
    env = {**_environment(folder), "WINWIN_EXIT_AFTER_FIRST_PAINT": "1"}
    on_today = {**_environment(folder / "on-today"), "WINWIN_EXIT_AFTER_FIRST_PAINT": "1"}
    # The page the window was on last time, as the window keeps it (ui_settings).
    remembered = Path(on_today["XDG_CONFIG_HOME"]) / "WinWin" / "window.ini"
    remembered.parent.mkdir(parents=True, exist_ok=True)
    remembered.write_text("[General]\npage=0\n")
    app = [sys.executable, "-m", "winwin_desktop", "--db", str(journal)]
    bare = [sys.executable, str(REPO / "benchmarks" / "bare_window.py")]
    seconds, peaks, floor, today = [], [], [], []
    for run in range(launches + 1):
        took, peak = _first_paint(app, env)
        bare_took, _ = _first_paint(bare, env)
        today_took, _ = _first_paint(app, on_today)
        if run:
            seconds.append(took)
            peaks.append(peak)
            floor.append(bare_took)
            today.append(today_took)
    return {"seconds": seconds, "peak_rss_mb": peaks, "bare": floor, "today": today}


def measure_alternately(
    command: list[str], floor: list[str] | None, env: dict[str, str], runs: int
) -> tuple[float, float]:
    """Median seconds of ``command`` and of ``floor`` (0 without one), whole processes
    launched one after the other ``runs`` times, after an unmeasured round."""
    times: dict[int, list[float]] = {0: [], 1: []}
    for run in range(runs + 1):
        for which, argv in enumerate((command, floor)):
            if argv is None:
                continue
            begun = time.perf_counter()
            done = subprocess.run(argv, env=env, capture_output=True, text=True)
            took = time.perf_counter() - begun
            if done.returncode != 0:
                raise SystemExit(f"{' '.join(argv[:5])} failed: {done.stderr.strip()[-500:]}")
            if run:
                times[which].append(took)
    return statistics.median(times[0]), statistics.median(times[1]) if times[1] else 0.0


def bundle_size(folder: Path) -> int:
    """The apparent size of a one-folder bundle: every file once (hard links too),
    symbolic links as links."""
    seen, total = set(), 0
    for path in folder.rglob("*"):
        info = path.lstat()
        if (info.st_dev, info.st_ino) not in seen:
            seen.add((info.st_dev, info.st_ino))
            total += info.st_size
    return total


def _run_worker(kind: str, journal: Path, scale_name: str, folder: Path) -> dict:
    command = [sys.executable, str(Path(__file__).resolve()), "--worker", kind]
    command += ["--db", str(journal), "--scale", scale_name]
    process = subprocess.Popen(
        command, env=_environment(folder), stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
    )
    output = process.stdout.read()
    errors = process.stderr.read()
    status, peak = _wait(process)
    found = [line for line in output.splitlines() if line.startswith(RESULT_PREFIX)]
    if status != 0 or not found:
        raise SystemExit(f"The {kind} measures failed (exit {status}): {errors.strip()[-2000:]}")
    result = json.loads(found[-1][len(RESULT_PREFIX) :])
    result["peak_rss_mb"] = peak
    return result


def _report(result: dict) -> int:
    print(RESULT_PREFIX + json.dumps(result), flush=True)
    return 0


# ---- measures inside the app (worker processes) ------------------------------------------


def timed(action, runs: int) -> tuple[float, list[float]]:
    """(first run, later runs) in milliseconds."""
    samples = []
    for _ in range(runs + 1):
        begun = time.perf_counter()
        action()
        samples.append((time.perf_counter() - begun) * 1000)
    return samples[0], samples[1:]


def percentile(samples: list[float], fraction: float) -> float:
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, round(fraction * (len(ordered) - 1)))]


def session_worker(journal: Path, scale: dict) -> dict:
    """The main window on ``journal``, put through what a user does; every timing."""
    from bench_charts import busiest_person
    from PySide6.QtCore import QSettings, Qt
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QApplication

    from winwin_desktop.store import open_journal

    app = QApplication.instance() or QApplication(sys.argv[:1])
    open_journal(journal)
    from winwin_desktop.ui.main_window import PEOPLE, MainWindow

    settings = QSettings(str(journal.with_name("window.ini")), QSettings.IniFormat)
    window = MainWindow(journal, settings)
    window.resize(1400, 900)
    window.show()
    window.show_page(PEOPLE)
    app.processEvents()
    runs = scale["runs"]
    result: dict[str, tuple[float, str]] = {}
    person_id, name, interaction_count = busiest_person()

    # The people filter: type part of a name, then delete it again (back to everyone).
    page = window.people_page
    typed = name.split()[0][:4] + " " + name.split()[-1][:3]
    keystrokes = []
    for _ in range(max(1, runs // 2)):
        page.filter.clear()
        page.filter.setFocus()
        app.processEvents()
        for char in typed:
            begun = time.perf_counter()
            QTest.keyClicks(page.filter, char)
            app.processEvents()
            keystrokes.append((time.perf_counter() - begun) * 1000)
        for _char in typed:
            begun = time.perf_counter()
            QTest.keyClick(page.filter, Qt.Key_Backspace)
            app.processEvents()
            keystrokes.append((time.perf_counter() - begun) * 1000)
    result["filter"] = (
        percentile(keystrokes, 0.95),
        f"p95 of {len(keystrokes)} keystrokes typing and deleting “{typed}” "
        f"over {page.model.rowCount():,} people (median {statistics.median(keystrokes):.0f} ms, "
        f"max {max(keystrokes):.0f} ms)",
    )

    # Opening the busiest person with the Balance tab showing: the timeline fills and the
    # chart is drawn at the window's size.
    view = page.person_view
    view.tabs.setCurrentWidget(view.balance_tab)
    other = next(
        page.model.person_at(row).id
        for row in range(page.model.rowCount())
        if page.model.person_at(row).id != person_id
    )

    def open_busiest() -> None:
        page.select_person(person_id)
        app.processEvents()  # the chart's draw_idle runs here

    def open_other() -> None:
        page.select_person(other)
        app.processEvents()

    opened = []
    first = None
    for _ in range(runs + 1):
        open_other()
        begun = time.perf_counter()
        open_busiest()
        took = (time.perf_counter() - begun) * 1000
        first, opened = (took, opened) if first is None else (first, [*opened, took])
    drawn = len(view.balance_tab.chart.given_line.get_xdata())
    result["person"] = (
        statistics.median(opened),
        f"{name}, {interaction_count:,} interactions, timeline filled and balance chart of "
        f"{drawn:,} points drawn; median of {len(opened)} (first {first:.0f} ms)",
    )

    # Saving: an interaction with two people and value both ways, one transaction each.
    from winwin_desktop.journal import interactions
    from winwin_desktop.journal.interactions import ExchangeData

    saves = []
    for number in range(scale["saves"]):
        begun = time.perf_counter()
        interactions.log_interaction(
            date=dt.date.today(),
            title=f"Benchmark call {number}",
            participant_ids=[person_id, other],
            kind="call",
            notes="What we talked about, for the benchmark.",
            exchanges=[
                ExchangeData(person_id, "given", "advice", 3, "market map"),
                ExchangeData(other, "received", "introduction", 4, "CFO intro"),
            ],
        )
        saves.append((time.perf_counter() - begun) * 1000)
    result["save"] = (
        percentile(saves, 0.95),
        f"p95 of {len(saves)} saves (two people, two exchanges, synchronous=FULL; "
        f"median {statistics.median(saves):.1f} ms)",
    )

    # Search: the queries bench_search.py uses, each once to warm the cache, once timed.
    from bench_search import realistic_queries

    from winwin_desktop.journal.search import search

    queries = [query for _kind, query in realistic_queries(scale["queries"])]
    for query in queries:
        search(query, limit=50)
    searched = []
    for query in queries:
        begun = time.perf_counter()
        search(query, limit=50)
        searched.append((time.perf_counter() - begun) * 1000)
    result["search"] = (
        percentile(searched, 0.95),
        f"p95 of {len(searched)} queries of bench_search.py, 50 hits with snippets "
        f"(median {statistics.median(searched):.1f} ms)",
    )

    # The overview chart: every person's totals, and the scatter redrawn on its canvas.
    from winwin_desktop.journal import balance, people
    from winwin_desktop.ui.main_window import OVERVIEW

    window.show_page(OVERVIEW)
    app.processEvents()
    overview = window.overview_page
    rules = balance.status_rules()
    names = dict(people.people_names())
    shown: dict = {}

    def overview_chart() -> None:
        shown.update(
            {pid: b for pid, b in balance.status_table(dt.date.today()).items() if b.exchanges}
        )
        overview.scatter.update(shown, names, rules)
        overview.scatter_canvas.draw()

    first, warm = timed(overview_chart, runs)
    labels = len(overview.scatter.drawn_labels())
    result["overview"] = (
        statistics.median(warm),
        f"status_table() + scatter update + draw, {len(shown):,} people with exchanges, "
        f"{labels} names and counts beside the dots; median of {len(warm)} "
        f"(first {first:.0f} ms)",
    )

    # The brief as a PDF, as `winwin brief` and the Brief tab's "Save as PDF" write it.
    from winwin_desktop.charts import brief_chart
    from winwin_desktop.formats.brief import pdf as brief_pdf
    from winwin_desktop.formats.brief.model import Artwork
    from winwin_desktop.journal.brief import gather_brief

    pdf = journal.with_name("brief.pdf")
    pages: list[int] = []
    first, warm = timed(
        lambda: pages.append(
            brief_pdf.write_pdf(
                gather_brief([person_id]),
                pdf,
                brief_pdf.paper_size("a4"),
                art=Artwork(brief_chart.status_pills(), brief_chart.chart_colours()),
            )
        ),
        runs,
    )
    result["brief"] = (
        statistics.median(warm) / 1000,
        f"{name}: {pages[-1]} pages, A4, chart included; median of {len(warm)} "
        f"(first {first / 1000:.2f} s)",
    )
    window.close()
    return result


def import_worker(journal: Path, scale: dict) -> dict:
    """Import ``scale['vcards']`` generated vCards into a new journal, as the dialog does."""
    from bench_import import make_vcards

    from winwin_desktop.journal import importing
    from winwin_desktop.store import open_journal

    open_journal(journal)
    cards = journal.with_name("contacts.vcf")
    cards.write_bytes(make_vcards(scale["vcards"]))
    begun = time.perf_counter()
    plan = importing.preview(importing.read_path(cards))
    outcome = importing.apply(plan)
    took = time.perf_counter() - begun
    size = cards.stat().st_size / 1e6
    return {
        "import": (
            took,
            f"{scale['vcards']:,} cards of 2.1, 3.0 and 4.0 ({size:.1f} MB): read, preview, "
            f"write in one transaction; {outcome.summary()}",
        )
    }


# ---- the report ---------------------------------------------------------------------------


def markdown_table(rows) -> str:
    lines = [
        "| action | target | measured | met | how |",
        "|---|---|---|---|---|",
    ]
    for row in rows:
        met = {True: "yes", False: "**no**", None: "—"}[row.met]
        lines.append(f"| {row.action} | {row.target} | {row.measured()} | {met} | {row.detail} |")
    return "\n".join(lines)


def describe_machine() -> dict[str, str]:
    from PySide6 import __version__ as pyside_version
    from PySide6.QtCore import qVersion

    cpu = platform.processor() or platform.machine()
    cpuinfo = Path("/proc/cpuinfo")
    if cpuinfo.exists():
        for line in cpuinfo.read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    memory = ""
    meminfo = Path("/proc/meminfo")
    if meminfo.exists():
        total_kb = int(meminfo.read_text().split("MemTotal:")[1].split()[0])
        memory = f"{total_kb / 1024 / 1024:.1f} GiB"
    system = platform.platform()
    os_release = Path("/etc/os-release")
    if os_release.exists():
        for line in os_release.read_text().splitlines():
            if line.startswith("PRETTY_NAME="):
                system = f"{line.split('=', 1)[1].strip(chr(34))} ({platform.platform()})"
    import matplotlib

    return {
        "CPU": cpu,
        "cores": str(os.cpu_count()),
        "memory": memory,
        "OS": system,
        "Python": platform.python_version(),
        "Qt": f"{qVersion()} (PySide6 {pyside_version})",
        "SQLite": sqlite3.sqlite_version,
        "matplotlib": matplotlib.__version__,
    }


def _load() -> str:
    try:
        return " ".join(f"{value:.2f}" for value in os.getloadavg())
    except OSError:
        return "unknown"


def write_results(
    path: Path,
    scale_name: str,
    table: str,
    machine: dict[str, str],
    journal: str,
    elapsed: float,
    load_before: str,
) -> None:
    command = "python benchmarks/run_all.py" + (
        f" --scale {scale_name}" if scale_name != "full" else ""
    )
    lines = [
        "# WinWin benchmark results",
        "",
        f"`{command}` on {dt.datetime.now():%Y-%m-%d %H:%M}, {elapsed:.0f} s in all.",
        "",
        f"Journal ({scale_name} scale): {journal}.",
        "",
        table,
        "",
        "Machine:",
        "",
        *(f"- {key}: {value}" for key, value in machine.items()),
        f"- load average (1, 5, 15 min) before the run: {load_before}; after: {_load()}",
        "",
        "Timings are wall-clock on a machine that may be running other work; the load "
        "average says how busy it was.",
        "",
    ]
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("\n".join(lines), encoding="utf-8")


if __name__ == "__main__":
    sys.exit(main())
