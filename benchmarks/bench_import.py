"""How long importing takes: 10,000 vCards, and a 100,000-entry jrnl export.

    python benchmarks/bench_import.py [--cards 10000] [--entries 100000] [--into-demo]

(``--entries 0`` times the vCards alone.)

Both files are generated (seeded, so every run reads the same bytes) into a temporary
folder: the vCards mix Apple-style 3.0 cards, Android 2.1 cards with quoted-printable
names and notes cut by soft line breaks, and 4.0 cards; one in ten has a photo, one in
twenty repeats an earlier person's email (a duplicate to merge). The jrnl entries spread
over ten years, a third with an ``@tag`` naming someone imported.
Each import runs as the dialog and ``winwin import`` run it — read the file, preview it,
apply it in one transaction — into a fresh journal (``--into-demo``: the demo journal),
and the three steps are timed apart. A second import of the same file is timed too: it
must change nothing.

The floor, timed in the same run: vobject alone parsing the same 10,000 cards (their
quoted-printable notes unbroken, which vobject needs); the import is given as a multiple
of it, so a loaded machine still gives comparable figures.

Targets (DESIGN.md and issue 6): 10,000 vCards within 10 s; 100,000 jrnl entries within
60 s.
"""

from __future__ import annotations

import argparse
import base64
import datetime as dt
import json
import random
import sys
import tempfile
import time
from pathlib import Path

# Run from a checkout without installing: the package sits one folder up.
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

CARDS_TARGET_S = 10
ENTRIES_TARGET_S = 60
FIRST = [
    "Zoë",
    "Minh",
    "Rahel",
    "Piotr",
    "Ana",
    "Kofi",
    "Ngozi",
    "Ingrid",
    "Søren",
    "Amélie",
    "Jürgen",
    "Wei",
    "Sam",
    "Lena",
    "Omar",
    "Chloé",
    "Ravi",
    "Yuki",
    "Mateo",
    "Aisha",
]
LAST = [
    "Brontë",
    "Hoang",
    "Tesfaye",
    "Kowalski",
    "Lima",
    "Mensah",
    "Okafor",
    "Håkansson",
    "Holm",
    "Lefèvre",
    "Müller",
    "Lim",
    "Reed",
    "Fischer",
    "Haddad",
    "Martin",
    "Patel",
    "Sato",
    "García",
    "Bello",
]
JPEG = bytes.fromhex("ffd8ffe000104a464946000101") + bytes(range(256)) * 8 + b"\xff\xd9"


def _qp(text: str) -> str:
    return "".join(
        c
        if c.isascii() and (c.isalnum() or c in " .,")
        else "".join(f"={b:02X}" for b in c.encode())
        for c in text
    )


def make_vcards(count: int, seed: int = 6, soft_breaks: bool = True) -> bytes:
    """``count`` cards; without ``soft_breaks`` the quoted-printable notes stay on one
    line each (vobject reads those, not the soft line breaks Android writes)."""
    rng = random.Random(seed)
    photo = base64.b64encode(JPEG).decode()
    cards = []
    syllables = [
        "ka",
        "lo",
        "mi",
        "ne",
        "sa",
        "ru",
        "ti",
        "va",
        "pe",
        "do",
        "lin",
        "gar",
        "ber",
        "sto",
        "wen",
        "fa",
        "ho",
        "zu",
        "ri",
        "mel",
    ]
    for number in range(count):
        # Names as distinct as a real address book's: a first name and a made-up surname.
        first = rng.choice(FIRST)
        last = "".join(rng.choice(syllables) for _ in range(rng.randint(2, 4))).capitalize()
        name = f"{first} {last}"
        email = (
            f"person{number if rng.random() > 0.05 else rng.randrange(max(1, number))}@example.org"
        )
        kind = number % 3
        if kind == 0:
            lines = [
                "BEGIN:VCARD", "VERSION:3.0", f"UID:bench-{number}", f"N:{last};{first};;;",
                f"FN:{name}", f"ORG:Company {number % 500};Sales", "TITLE:Manager",
                f"EMAIL;type=INTERNET;type=pref:{email}", f"TEL;type=CELL:+1 555 {number:07d}",
                "NOTE:Met at a fair\\, stand 12.\\nFollow up in spring.",
                f"CATEGORIES:Clients,Region {number % 7}",
            ]  # fmt: skip
            if number % 10 == 0:
                folded = f"PHOTO;ENCODING=b;TYPE=JPEG:{photo}"
                lines += [folded[:75]] + [
                    " " + folded[i : i + 74] for i in range(75, len(folded), 74)
                ]
            lines.append("END:VCARD")
        elif kind == 1:
            note = _qp(f"Rencontrée à Lyon, après la conférence numéro {number}, très intéressée.")
            note_line = f"NOTE;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:{note}"
            soft = [note_line[i : i + 70] + "=" for i in range(0, len(note_line), 70)]
            soft[-1] = soft[-1][:-1]
            if not soft_breaks:
                soft = [note_line]
            lines = [
                "BEGIN:VCARD", "VERSION:2.1",
                f"N;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:{_qp(last)};{_qp(first)};;;",
                f"FN;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:{_qp(name)}",
                f"TEL;CELL;PREF:+33 6 {number:08d}", f"EMAIL;HOME:{email}", *soft, "END:VCARD",
            ]  # fmt: skip
        else:
            lines = [
                "BEGIN:VCARD", "VERSION:4.0", f"UID:urn:uuid:bench4-{number}", f"FN:{name}",
                f"N:{last};{first};;;", f"EMAIL;TYPE=work;PREF=1:{email}",
                f"TEL;VALUE=uri;TYPE=cell:tel:+46-70-{number:07d}", "BDAY:--0412",
                f"URL:https://example.org/people/{number}", "END:VCARD",
            ]  # fmt: skip
        cards.append("\r\n".join(lines))
    return ("\r\n".join(cards) + "\r\n").encode("utf-8")


def make_jrnl(count: int, names: list[str], seed: int = 7) -> bytes:
    rng = random.Random(seed)
    # Ten years of a heavy user: 100,000 entries come to about 27 a day.
    per_day = max(1, count // 3650)
    day = dt.date(2016, 1, 1)
    entries = []
    while len(entries) < count:
        for _ in range(rng.randint(max(1, per_day // 2), per_day * 3 // 2 + 1)):
            tag = f"@{rng.choice(names).split()[0]}" if rng.random() < 0.33 else ""
            entries.append(
                {
                    "title": f"Entry {len(entries)} about the pilot {tag}".strip() + ".",
                    "body": "Some thoughts on what was given and what came back. "
                    * rng.randint(1, 4),
                    "date": day.isoformat(),
                    "time": f"{rng.randint(6, 23):02d}:{rng.randint(0, 59):02d}",
                    "tags": [tag] if tag else [],
                    "starred": rng.random() < 0.05,
                }
            )
        day += dt.timedelta(days=1)
    return json.dumps({"tags": {}, "entries": entries[:count]}).encode("utf-8")


def vobject_floor(count: int) -> float:
    """Seconds vobject alone takes to parse the same cards (their notes unbroken): what
    any import built on it would pay before doing anything with a card."""
    import vobject

    text = make_vcards(count, soft_breaks=False).decode("utf-8")
    started = time.perf_counter()
    parsed = sum(1 for _ in vobject.readComponents(text))
    took = time.perf_counter() - started
    assert parsed == count
    print(f"Floor: vobject alone parses the {count:,} cards in {took:.2f} s")
    return took


def timed_import(path: Path, label: str) -> float:
    from winwin_desktop.journal import importing

    started = time.perf_counter()
    parsed = importing.read_path(path)
    read = time.perf_counter()
    plan = importing.preview(parsed)
    previewed = time.perf_counter()
    result = importing.apply(plan)
    applied = time.perf_counter()
    total = applied - started
    print(
        f"{label}: read {read - started:.2f} s, preview {previewed - read:.2f} s, "
        f"write {applied - previewed:.2f} s — total {total:.2f} s "
        f"({plan.summary()}; {result.summary()})"
    )
    return total


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--cards", type=int, default=10_000)
    parser.add_argument("--entries", type=int, default=100_000)
    parser.add_argument("--into-demo", action="store_true", help="import into the demo journal")
    args = parser.parse_args()
    from winwin_desktop.journal import people
    from winwin_desktop.store import open_journal

    folder = Path(tempfile.mkdtemp(prefix="winwin-bench-import-"))
    journal = folder / "journal.db"
    if args.into_demo:
        from winwin_desktop.demo import build_demo

        build_demo(journal)
    else:
        open_journal(journal)
    cards = folder / "contacts.vcf"
    cards.write_bytes(make_vcards(args.cards))
    print(f"{args.cards:,} vCards ({cards.stat().st_size / 1e6:.1f} MB) into {journal}")
    floor = vobject_floor(args.cards)
    first = timed_import(cards, "vCards, first import")
    print(f"  {first / floor:.2f}× the floor")
    again = timed_import(cards, "vCards, same file again")
    print(f"  {again / floor:.2f}× the floor")
    second = 0.0
    if args.entries:  # --entries 0: the vCards alone
        entries = folder / "jrnl.json"
        entries.write_bytes(make_jrnl(args.entries, [n for _, n in people.people_names()]))
        print(f"{args.entries:,} jrnl entries ({entries.stat().st_size / 1e6:.1f} MB)")
        second = timed_import(entries, "jrnl, first import")
        timed_import(entries, "jrnl, same file again")
    ok = first <= CARDS_TARGET_S and second <= ENTRIES_TARGET_S
    print(
        f"Targets: vCards {first:.1f} s of {CARDS_TARGET_S} s ({first / floor:.2f}× vobject "
        f"alone), jrnl {second:.1f} s of {ENTRIES_TARGET_S} s — {'met' if ok else 'MISSED'}."
    )
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
