"""Saving an interaction to a journal on a PostgreSQL server, near and far.

    python benchmarks/bench_server_save.py --url postgresql://USER@127.0.0.1:5432/DBNAME \\
        [--saves 200] [--delay-ms 10] [--out benchmarks/results_server.md]

The database at ``--url`` must exist; it becomes a journal if it is empty (and keeps the
interactions saved here). The same save the log dialog makes (``save_log_entry``: two
people, value both ways, a promise) runs on three journals in turn, in blocks of ten so
that a busy machine slows all three alike:

- the floor: a SQLite journal file in a temporary folder (``synchronous=FULL``);
- the server on loopback, directly;
- the server through ``latency_proxy.py`` adding ``--delay-ms`` each way (10 ms each way:
  a server 20 ms away, a round trip's cost over a real network), run as a process of its
  own as a network would be (in this one it would take the saving thread's turns).

In the same turns, the person page's reads of opening the person saved with
(``journal.person_page``: profile, standing, the newest 200 interactions of the timeline,
mentions) and the Today page's re-read after a save (``journal.today.day_page``: the
reflection, the day's interactions, promises due, who needs attention, the streak, on
this day, the calendar's marks) are timed on each journal too.

Each figure is the median and the 95th percentile of ``--saves`` saves after three
unmeasured ones. A bare ``SELECT 1``, near and far, in the same turns, gives what one
round trip through the proxy really costs here (the delay, and the proxy's and the
machine's own); the far save's extra time over the near one, divided by it, counts the
round trips a save makes.

Targets (issue 18): p95 ≤ 15 ms on loopback, ≤ 100 ms at 20 ms of latency; at most four
round trips (tests/journal/test_round_trips.py counts them too: two for a new entry).
"""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import os
import platform
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

HERE = Path(__file__).resolve().parent
# Run from a checkout without installing: the package sits one folder up.
sys.path.insert(0, str(HERE.parent))
sys.path.insert(0, str(HERE))

BLOCK = 10
WARM_UP = 3
LOOPBACK_P95_MS = 15
FAR_P95_MS = 100


def people_to_log_with() -> tuple[int, int]:
    from winwin_desktop.journal import people

    ids = []
    for name in ("Bench Ada", "Bench Minh"):
        found = people.find_person(name)
        ids.append(found.id if found else people.add_person(name).id)
    return ids[0], ids[1]


def save(number: int, ada: int, minh: int) -> None:
    from winwin_desktop.journal.log_entry import (
        EntryExchange,
        EntryPromise,
        LogEntry,
        save_log_entry,
    )

    save_log_entry(
        LogEntry(
            date=dt.date.today(),
            title=f"Benchmark call {number}",
            people=[ada, minh],
            kind="call",
            notes="What we talked about, for the benchmark.",
            exchanges=[
                EntryExchange(ada, "given", "advice", 3, "market map"),
                EntryExchange(minh, "received", "introduction", 4, "CFO intro"),
            ],
            promises=[EntryPromise(ada, "me", "send the market map")],
        )
    )


def timed_saves(location: str, count: int, first: int) -> list[float]:
    """``count`` saves into the journal at ``location``, each timed in milliseconds."""
    from winwin_desktop.store import close_journal, open_journal

    open_journal(location)
    try:
        ada, minh = people_to_log_with()
        times = []
        for number in range(first, first + count):
            begun = time.perf_counter()
            save(number, ada, minh)
            times.append((time.perf_counter() - begun) * 1000)
        return times
    finally:
        close_journal()


def timed_openings(location: str, count: int) -> list[float]:
    """``count`` readings of the person page of the person saved with, each timed in
    milliseconds."""
    from winwin_desktop.journal.person_page import person_page
    from winwin_desktop.store import close_journal, open_journal

    open_journal(location)
    try:
        ada, _ = people_to_log_with()
        times = []
        for _ in range(count):
            begun = time.perf_counter()
            person_page(ada, timeline_limit=201)
            times.append((time.perf_counter() - begun) * 1000)
        return times
    finally:
        close_journal()


def timed_today_pages(location: str, count: int) -> list[float]:
    """``count`` readings of today's Today page (as after a save), each timed in
    milliseconds."""
    from winwin_desktop.journal.today import day_page
    from winwin_desktop.store import close_journal, open_journal

    day = dt.date.today()
    # The calendar's marks: the month shown, a week before and two weeks after it.
    first = dt.date(day.year, day.month, 1) - dt.timedelta(days=7)
    last = dt.date(day.year + (day.month == 12), day.month % 12 + 1, 1) + dt.timedelta(days=14)
    open_journal(location)
    try:
        times = []
        for _ in range(count):
            begun = time.perf_counter()
            day_page(day, (first, last))
            times.append((time.perf_counter() - begun) * 1000)
        return times
    finally:
        close_journal()


def timed_round_trips(url: str, count: int) -> list[float]:
    """``count`` bare round trips (``SELECT 1``) to ``url``, each timed in milliseconds."""
    import psycopg

    with psycopg.connect(url, autocommit=True) as conn:
        times = []
        for _ in range(count):
            begun = time.perf_counter()
            conn.execute("SELECT 1").fetchall()
            times.append((time.perf_counter() - begun) * 1000)
        return times


def percentile(samples: list[float], fraction: float) -> float:
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, round(fraction * (len(ordered) - 1)))]


@contextlib.contextmanager
def proxy_to(host: str, port: int, delay_ms: float):
    """``latency_proxy.py`` in a process of its own, in front of ``host:port``; its port."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        free = probe.getsockname()[1]
    command = [sys.executable, str(HERE / "latency_proxy.py"), "--to", f"{host}:{port}"]
    command += ["--port", str(free), "--delay-ms", str(delay_ms)]
    proxy = subprocess.Popen(command, stdout=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + 10
        while True:
            with contextlib.suppress(OSError), socket.create_connection(("127.0.0.1", free)):
                break
            if time.monotonic() > deadline:
                raise SystemExit("The latency proxy did not start.")
            time.sleep(0.05)
        yield free
    finally:
        proxy.terminate()
        proxy.wait()


def through(url: str, port: int) -> str:
    parts = urlsplit(url)
    netloc = f"{parts.username + '@' if parts.username else ''}127.0.0.1:{port}"
    return urlunsplit(parts._replace(netloc=netloc))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--url", default=os.environ.get("WINWIN_BENCH_DB_URL"), required=False)
    parser.add_argument("--saves", type=int, default=200)
    parser.add_argument("--delay-ms", type=float, default=10, help="added each way")
    parser.add_argument("--out", type=Path, default=HERE / "results_server.md")
    args = parser.parse_args()
    if not args.url:
        parser.error("give the server's database with --url (or WINWIN_BENCH_DB_URL)")
    parts = urlsplit(args.url)
    folder = Path(tempfile.mkdtemp(prefix="winwin-bench-server-"))
    load_before = os.getloadavg()
    started = time.perf_counter()
    times: dict[str, list[float]] = {}
    with proxy_to(parts.hostname or "127.0.0.1", parts.port or 5432, args.delay_ms) as port:
        targets = {
            "file": str(folder / "floor.db"),
            "near": args.url,
            "far": through(args.url, port),
        }
        openings = [f"open {name}" for name in targets]
        todays = [f"today {name}" for name in targets]
        times = {name: [] for name in [*targets, *openings, *todays, "near trip", "far trip"]}
        for location in targets.values():
            timed_saves(location, WARM_UP, first=-WARM_UP)
        done = 0
        while done < args.saves:
            count = min(BLOCK, args.saves - done)
            for name, location in targets.items():
                times[name] += timed_saves(location, count, first=done)
                times[f"open {name}"] += timed_openings(location, count)
                times[f"today {name}"] += timed_today_pages(location, count)
            times["near trip"] += timed_round_trips(targets["near"], count)
            times["far trip"] += timed_round_trips(targets["far"], count)
            done += count
            print(f"\r  {done}/{args.saves} saves on each", end="", flush=True)
    print()
    elapsed = time.perf_counter() - started
    load_after = os.getloadavg()

    median = {name: statistics.median(values) for name, values in times.items()}
    p95 = {name: percentile(values, 0.95) for name, values in times.items()}

    def _figures(name: str) -> tuple[float, float]:
        return median[name], p95[name]

    added = 2 * args.delay_ms
    trip = median["far trip"] - median["near trip"]
    round_trips = (median["far"] - median["near"]) / trip
    open_trips = (median["open far"] - median["open near"]) / trip
    today_trips = (median["today far"] - median["today near"]) / trip
    rows = [
        (
            "a bare round trip (`SELECT 1`), loopback",
            "—",
            median["near trip"],
            p95["near trip"],
            "",
        ),
        (
            f"a bare round trip (`SELECT 1`), {added:g} ms away",
            "—",
            median["far trip"],
            p95["far trip"],
            "",
        ),
        (
            "save, SQLite file (the floor)",
            "—",
            median["file"],
            p95["file"],
            "",
        ),
        (
            "save, PostgreSQL on loopback",
            f"≤ {LOOPBACK_P95_MS} ms p95",
            median["near"],
            p95["near"],
            f"{median['near'] / median['file']:.1f}× the file's median",
        ),
        (
            f"save, PostgreSQL {added:g} ms away (proxy)",
            f"≤ {FAR_P95_MS} ms p95",
            median["far"],
            p95["far"],
            f"{round_trips:.1f} round trips: {median['far'] - median['near']:.1f} ms more than "
            f"on loopback, ÷ {trip:.1f} ms for a bare round trip through the proxy",
        ),
        ("open the person: the page's reads, SQLite file", "—", *_figures("open file"), ""),
        ("open the person, PostgreSQL on loopback", "—", *_figures("open near"), ""),
        (
            f"open the person, PostgreSQL {added:g} ms away (proxy)",
            "—",
            *_figures("open far"),
            f"{open_trips:.1f} round trips, counted as for the save",
        ),
        ("Today's re-read after a save, SQLite file", "—", *_figures("today file"), ""),
        ("Today's re-read, PostgreSQL on loopback", "—", *_figures("today near"), ""),
        (
            f"Today's re-read, PostgreSQL {added:g} ms away (proxy)",
            "—",
            *_figures("today far"),
            f"{today_trips:.1f} round trips, counted as for the save",
        ),
    ]
    lines = [
        "# Saving to a journal on a PostgreSQL server",
        "",
        f"`python benchmarks/bench_server_save.py` on {dt.datetime.now():%Y-%m-%d %H:%M}, "
        f"{elapsed:.0f} s in all: {args.saves} saves on each journal (after {WARM_UP} "
        f"unmeasured), in turns of {BLOCK}; the save is the log dialog's "
        "(`save_log_entry`: two people, value given and received, a promise).",
        "",
        "| action | target | median | p95 | |",
        "|---|---|---|---|---|",
        *(f"| {a} | {t} | {m:.1f} ms | {p:.1f} ms | {d} |" for a, t, m, p, d in rows),
        "",
        f"- PostgreSQL: {_server_version(args.url)}, on this machine; the far server is the "
        f"same one through `latency_proxy.py` ({args.delay_ms:g} ms each way).",
        f"- Python {platform.python_version()}, {platform.platform()}, {os.cpu_count()} cores.",
        f"- load average (1, 5, 15 min) before the run: {_load(load_before)}; "
        f"after: {_load(load_after)}.",
        "",
        "Timings are wall-clock on a machine that may be running other work; the load "
        "average says how busy it was, and the file's figures, taken in turns with the "
        "server's, are the floor.",
    ]
    text = "\n".join(lines) + "\n"
    print(text)
    args.out.write_text(text, encoding="utf-8")


def _server_version(url: str) -> str:
    import psycopg

    with psycopg.connect(url) as conn:
        return conn.execute("SHOW server_version").fetchone()[0].split()[0]


def _load(values: tuple[float, float, float]) -> str:
    return " ".join(f"{v:.2f}" for v in values)


if __name__ == "__main__":
    main()
