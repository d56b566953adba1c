"""How long global search takes on the reference journal.

    python benchmarks/bench_search.py [--db PATH] [--queries 200] [--limit 50]

Without ``--db`` the reference journal (10,000 people, 200,000 interactions, 400,000
exchanges, 20,000 promises, three years of reflections) is generated once with
``winwin_desktop.demo.build_large`` into the temporary folder and reused by later runs;
the first open of a journal made before search also builds its index (a migration).

About 200 queries of the kinds people type — single words, prefixes of 2 to 4 letters
(what is typed so far), two words, quoted phrases and names, with and without their
accents — run once to warm the cache and once measured; the figures are the measured
run's median, 95th percentile and maximum, each search as ``winwin search`` and the
Search page run it (up to ``--limit`` hits with their snippets). Every fifth query also
runs with the Search page's person filter and with a 90-day date range, reported apart.

Target (DESIGN.md): global search within 50 ms at the 95th percentile.
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

# Run from a checkout without installing: the package sits one folder up.
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

TARGET_P95_MS = 50


def reference_journal(path: Path | None) -> Path:
    from winwin_desktop.store import open_journal

    if path is not None:
        open_journal(path)
        return path
    path = Path(tempfile.gettempdir()) / "winwin-bench" / "reference.db"
    if path.exists():
        print(f"Opening the reference journal at {path}…", flush=True)
        open_journal(path)
        return path
    from winwin_desktop.demo import build_large

    path.parent.mkdir(parents=True, exist_ok=True)
    print(f"Generating the reference journal at {path} (two minutes, once)…", flush=True)
    started = time.perf_counter()
    build_large(path, progress=_progress)
    print(f"\rGenerated in {time.perf_counter() - started:.0f} s.{' ' * 20}", flush=True)
    return path


def _progress(fraction: float) -> None:
    print(f"\r  {fraction:5.1%}", end="", flush=True)


def realistic_queries(count: int, seed: int = 11) -> list[tuple[str, str]]:
    """(kind of query, query) pairs drawn from the words the reference journal is made of."""
    from winwin_desktop.demo import BRANDS, SECTORS, TOPICS, TRADITIONS, VALUES
    from winwin_desktop.text import fold

    rng = random.Random(seed)
    first_names = [n for t in TRADITIONS.values() for n in t.first_names]
    family_names = [n for t in TRADITIONS.values() for n in t.family_names]
    descriptions = [v.description for values in VALUES.values() for v in values]
    topics = [t.removeprefix("the ") for t in TOPICS]
    words = sorted(
        {
            w
            for text in (*descriptions, *topics, *(s for s, _ in SECTORS))
            for w in text.lower().split()
            if len(w) >= 4 and w.isalpha()
        }
    )
    makers = {
        "word": lambda: rng.choice(words),
        "prefix": lambda: rng.choice(words + first_names)[: rng.randint(2, 4)],
        "two words": lambda: " ".join(rng.choice(descriptions).split()[:2]),
        "phrase": lambda: '"' + " ".join(rng.choice(descriptions).split()[-2:]) + '"',
        "name": lambda: rng.choice(
            (
                rng.choice(first_names),
                rng.choice(family_names),
                f"{rng.choice(first_names)} {rng.choice(family_names)}",
                fold(rng.choice(family_names)),
            )
        ),
        "name and topic": lambda: f"{rng.choice(first_names)} {rng.choice(topics).split()[-1]}",
        "organisation": lambda: f"{rng.choice(BRANDS)[0]} {rng.choice(SECTORS)[0].split()[0]}",
    }
    kinds = list(makers)
    return [(kind, makers[kind]()) for kind in (kinds[i % len(kinds)] for i in range(count))]


def percentile(samples: list[float], fraction: float) -> float:
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, round(fraction * (len(ordered) - 1)))]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", type=Path, help="a journal to measure (default: the reference)")
    parser.add_argument("--queries", type=int, default=200, help="how many queries (default 200)")
    parser.add_argument("--limit", type=int, default=50, help="hits per search (default 50)")
    args = parser.parse_args(argv)

    started = time.perf_counter()
    path = reference_journal(args.db)
    opened = time.perf_counter() - started

    from peewee import fn

    from winwin_desktop.journal.search import search
    from winwin_desktop.store.models import Exchange, Interaction, Person, Promise, Reflection

    counts = ", ".join(
        f"{model.select().count():,} {label}"
        for model, label in (
            (Person, "people"),
            (Interaction, "interactions"),
            (Exchange, "exchanges"),
            (Promise, "promises"),
            (Reflection, "reflections"),
        )
    )
    print(f"{path.name}: {counts} (opened in {opened:.1f} s)")

    queries = [(kind, query, {}) for kind, query in realistic_queries(args.queries)]
    # The Search page's filters, on a few of the same queries: measured apart, for
    # information (the target is for the global search box).
    rng = random.Random(5)
    person_ids = [p.id for p in Person.select(Person.id)]
    last_day = Interaction.select(fn.MAX(Interaction.date)).scalar()
    filtered = []
    for _, query, _ in queries[::5]:
        filtered.append(("+ person filter", query, {"person_id": rng.choice(person_ids)}))
        since = last_day - dt.timedelta(days=rng.randint(90, 1000))
        dates = {"since": since, "until": since + dt.timedelta(days=90)}
        filtered.append(("+ 90-day range", query, dates))
    for _, query, filters in queries + filtered:  # warm the cache
        search(query, limit=args.limit, **filters)
    timings: list[tuple[float, str, str, int]] = []
    for kind, query, filters in queries + filtered:
        begun = time.perf_counter()
        hits = search(query, limit=args.limit, **filters)
        timings.append(((time.perf_counter() - begun) * 1000, kind, query, len(hits)))

    unfiltered = timings[: len(queries)]
    every = [t for t, *_ in unfiltered]
    print(f"\n{'queries':<16}{'count':>6}{'p50 ms':>9}{'p95 ms':>9}{'max ms':>9}{'hits':>7}")
    for kind in dict.fromkeys(k for _, k, _, _ in timings):
        mine = [t for t in timings if t[1] == kind]
        ms = [t for t, *_ in mine]
        if kind == filtered[0][0]:
            print(
                f"{'all':<16}{len(every):>6}{statistics.median(every):>9.1f}"
                f"{percentile(every, 0.95):>9.1f}{max(every):>9.1f}"
            )
        print(
            f"{kind:<16}{len(ms):>6}{statistics.median(ms):>9.1f}{percentile(ms, 0.95):>9.1f}"
            f"{max(ms):>9.1f}{statistics.mean(t[3] for t in mine):>7.0f}"
        )
    p95 = percentile(every, 0.95)
    print("\nSlowest without filters:")
    for ms, kind, query, hits in sorted(unfiltered, reverse=True)[:5]:
        print(f"  {ms:6.1f} ms  {kind:<15} {query!r} ({hits} hits)")
    verdict = "within" if p95 <= TARGET_P95_MS else "OVER"
    print(f"\np95 {p95:.1f} ms: {verdict} the {TARGET_P95_MS} ms target.")
    return 0 if p95 <= TARGET_P95_MS else 1


if __name__ == "__main__":
    sys.exit(main())
