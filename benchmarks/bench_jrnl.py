"""`winwin search` beside jrnl's own search, whole process, on the same journal.

    python benchmarks/bench_jrnl.py [--entries 100000] [--jrnl PATH] [--runs 5]

A jrnl journal of ``--entries`` long entries (a title sentence and two or three
paragraphs of work notes, about 1,200 characters, some with ``@tags`` naming people) is
generated as jrnl's plain text file, exported with ``jrnl --export json`` and imported
with ``winwin import``: both programs then hold the same text (in WinWin, each day's
entries are that day's reflection). Then ``jrnl -contains pricing -contains budget
-contains roadmap -and -n 50`` and ``winwin search pricing budget roadmap`` are each run
``--runs`` times (after one unmeasured run that warms the file cache) and the medians
compared. The journals are kept in the temporary folder (``--cache``) between runs.

jrnl is not one of WinWin's dependencies (its own pins conflict with ours): it is looked
for as ``--jrnl``, then on PATH, then in a virtual environment this script makes once in
the temporary folder (``pip install jrnl==4.6``).

Target (issue 17): ``winwin search`` at least 20× faster than jrnl.
"""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
JRNL_VERSION = "4.6"
QUERY = ("pricing", "budget", "roadmap")
TARGET_RATIO = 20

# Work notes of the kind a journal holds; a few words carry accents so that the
# accent-blind matching is exercised on both sides.
SUBJECTS = (
    "the pricing review",
    "our budget for next year",
    "the product roadmap",
    "the hiring plan",
    "a partnership with the Zürich team",
    "the board deck",
    "customer interviews",
    "the café pilot in Kraków",
    "onboarding for new clients",
    "the supplier contract",
    "quarterly targets",
    "the launch in São Paulo",
)
VERBS = ("discussed", "reworked", "questioned", "sketched", "reviewed", "agreed on", "drafted")
DETAILS = (
    "We compared three options and kept the simplest one.",
    "The numbers did not add up until we split costs by region.",
    "Everyone agreed the first step is to talk to more customers.",
    "I promised to send a summary with the open questions by Friday.",
    "The risk is mostly in timing, not in the money.",
    "A short call next week should settle the remaining points.",
    "It helped to write the assumptions down before arguing about them.",
    "We left the hardest question for the offsite: who owns the budget line.",
    "Pricing tiers came up again; the middle tier sells best.",
    "The roadmap slips by a month if the integration work starts late.",
    "Nobody wanted another meeting, so we decided by email.",
    "The café was loud but the conversation was worth it.",
    "Résumé screening takes more time than the interviews themselves.",
    "I should follow up on the introduction she offered.",
)
PEOPLE = (
    "zoe",
    "lukasz",
    "amelie",
    "joao",
    "mei",
    "oskar",
    "ines",
    "tariq",
    "hana",
    "bruno",
)


def jrnl_text(entries: int, seed: int = 17) -> str:
    """A jrnl journal file (timeformat ``%Y-%m-%d %H:%M``) of ``entries`` entries, oldest
    first, one to sixteen a day, ending yesterday."""
    rng = random.Random(seed)
    per_day = [rng.randint(1, 16) for _ in range(entries)]
    days, total = 0, 0
    while total < entries:
        total += per_day[days]
        days += 1
    day = dt.date.today() - dt.timedelta(days=days)
    parts = []
    written = 0
    for count in per_day[:days]:
        day += dt.timedelta(days=1)
        for number in range(min(count, entries - written)):
            at = dt.datetime.combine(day, dt.time(8 + number % 12, rng.randrange(60)))
            subject = rng.choice(SUBJECTS)
            title = f"{rng.choice(VERBS).capitalize()} {subject} with @{rng.choice(PEOPLE)}."
            paragraphs = [
                " ".join(rng.choice(DETAILS) for _ in range(rng.randint(3, 6)))
                for _ in range(rng.randint(2, 3))
            ]
            parts.append(f"[{at:%Y-%m-%d %H:%M}] {title}\n" + "\n\n".join(paragraphs) + "\n")
            written += 1
    return "\n".join(parts)


def find_jrnl(given: str | None) -> Path:
    """jrnl's command: ``given``, on PATH, or in a virtual environment made once in the
    temporary folder."""
    if given:
        return Path(given)
    on_path = shutil.which("jrnl")
    if on_path:
        return Path(on_path)
    venv = Path(tempfile.gettempdir()) / "winwin-bench" / f"jrnl-{JRNL_VERSION}-venv"
    command = venv / "bin" / "jrnl"
    if not command.exists():
        print(f"Installing jrnl {JRNL_VERSION} in {venv} (once)…", flush=True)
        subprocess.run([sys.executable, "-m", "venv", "--clear", str(venv)], check=True)
        pip = [str(venv / "bin" / "python"), "-m", "pip", "install", "-q", f"jrnl=={JRNL_VERSION}"]
        done = subprocess.run(pip, capture_output=True, text=True)
        if done.returncode != 0:
            raise SystemExit(f"Could not install jrnl {JRNL_VERSION}: {done.stderr[-1000:]}")
    return command


def _schema_fingerprint() -> str:
    """Changes with the schema scripts: a journal imported under older ones is remade."""
    digest = hashlib.sha256()
    for script in sorted((REPO / "winwin_desktop" / "store" / "migrations").glob("*.py")):
        digest.update(script.name.encode() + script.read_bytes())
    return digest.hexdigest()[:12]


def prepare(cache: Path, entries: int, jrnl: Path, env: dict[str, str]) -> tuple[Path, Path]:
    """(jrnl's configuration file, WinWin's journal) for ``entries`` entries, made once
    (the WinWin journal again for each version of the schema)."""
    folder = cache / f"jrnl-{entries}"
    config = folder / "jrnl.yaml"
    exported = folder / "export.json"
    journal = folder / f"winwin-{_schema_fingerprint()}.db"
    if not exported.exists():
        shutil.rmtree(folder, ignore_errors=True)
        folder.mkdir(parents=True)
        print(f"Generating a jrnl journal of {entries:,} entries in {folder} (once)…", flush=True)
        text_file = folder / "journal.txt"
        text_file.write_text(jrnl_text(entries), encoding="utf-8")
        # jrnl takes a JSON configuration for one of its 1.x days and offers to upgrade it.
        config.write_text(
            f"version: v{JRNL_VERSION}\n"
            f"journals:\n  default:\n    journal: {text_file}\n"
            "editor: ''\nencrypt: false\ntemplate: false\ndefault_hour: 9\ndefault_minute: 0\n"
            "timeformat: '%Y-%m-%d %H:%M'\ntagsymbols: '@'\nhighlight: false\nlinewrap: 79\n"
            "indent_character: '|'\n"
            "colors:\n  body: none\n  date: none\n  tags: none\n  title: none\n",
            encoding="utf-8",
        )
        partial = folder / "export.json.part"
        with partial.open("w", encoding="utf-8") as out:
            subprocess.run(
                [str(jrnl), "--config-file", str(config), "--export", "json"],
                stdout=out,
                stderr=subprocess.DEVNULL,
                env=env,
                check=True,
            )
        os.replace(partial, exported)
    if not journal.exists():
        print(f"Importing {entries:,} jrnl entries with winwin import (once)…", flush=True)
        begun = time.perf_counter()
        partial = folder / "winwin.db.part"
        partial.unlink(missing_ok=True)
        subprocess.run(
            [sys.executable, "-m", "winwin_desktop", "--db", str(partial), "import", str(exported)],
            env=env,
            check=True,
            stdout=subprocess.DEVNULL,
        )
        os.replace(partial, journal)
        print(f"Imported in {time.perf_counter() - begun:.0f} s.", flush=True)
    return config, journal


def _run(command: list[str], env: dict[str, str]) -> tuple[float, str]:
    begun = time.perf_counter()
    done = subprocess.run(command, env=env, capture_output=True, text=True)
    took = time.perf_counter() - begun
    if done.returncode != 0:
        raise SystemExit(f"{command[0]} failed (exit {done.returncode}): {done.stderr[-1000:]}")
    return took, done.stdout


def side_by_side(cache: Path, entries: int, runs: int, jrnl_command: str | None = None) -> dict:
    """Both searches timed alternately; the medians in seconds, the ratio and what each
    found."""
    home = cache / "jrnl-home"
    env = {
        **os.environ,
        "HOME": str(home),
        "XDG_CONFIG_HOME": str(home / "config"),
        "XDG_DATA_HOME": str(home / "data"),
        "XDG_CACHE_HOME": str(home / "cache"),
        "XDG_STATE_HOME": str(home / "state"),
        "PYTHONPATH": str(REPO),
        "NO_COLOR": "1",
    }
    env.pop("WINWIN_DB", None)
    env.pop("PYTHONDONTWRITEBYTECODE", None)  # as installed: bytecode compiled once
    jrnl = find_jrnl(jrnl_command)
    config, journal = prepare(cache, entries, jrnl, env)
    contains = [arg for word in QUERY for arg in ("-contains", word)]
    jrnl_search = [str(jrnl), "--config-file", str(config), *contains, "-and", "-n", "50"]
    winwin_search = [sys.executable, "-m", "winwin_desktop", "--db", str(journal), "search"]
    winwin_search += QUERY
    times: dict[str, list[float]] = {"jrnl": [], "winwin": []}
    found: dict[str, str] = {}
    for run in range(runs + 1):
        for name, command in (("jrnl", jrnl_search), ("winwin", winwin_search)):
            took, output = _run(command, env)
            found[name] = output
            if run:
                times[name].append(took)
    jrnl_s, winwin_s = statistics.median(times["jrnl"]), statistics.median(times["winwin"])
    reflections = found["winwin"].count("\n  ") // 2
    return {
        "jrnl_s": jrnl_s,
        "winwin_s": winwin_s,
        "ratio": jrnl_s / winwin_s,
        "runs": runs,
        "entries": entries,
        "jrnl_entries_shown": found["jrnl"].count("\n["),
        "winwin_hits": reflections,
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--entries", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--jrnl", help="jrnl's command (default: on PATH, or installed)")
    parser.add_argument("--cache", type=Path, default=Path(tempfile.gettempdir()) / "winwin-bench")
    args = parser.parse_args(argv)
    result = side_by_side(args.cache, args.entries, args.runs, args.jrnl)
    print(
        f"{result['entries']:,} entries, median of {result['runs']}: "
        f"jrnl {result['jrnl_s']:.2f} s, winwin {result['winwin_s']:.2f} s: "
        f"winwin {result['ratio']:.1f}× faster (target ≥ {TARGET_RATIO}×)"
    )
    return 0 if result["ratio"] >= TARGET_RATIO else 1


if __name__ == "__main__":
    sys.exit(main())
