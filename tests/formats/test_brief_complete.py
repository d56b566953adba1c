"""Issue 16: the PDF of a brief holds everything its Markdown holds, in the same order,
whatever the number of people and their order, with short and long histories; a
typical person fits on one page."""

from __future__ import annotations

import datetime as dt
import difflib
import re
import shutil
import subprocess
import unicodedata

import pytest

from tests.helpers.brief import ART
from winwin_desktop.demo import build_demo
from winwin_desktop.formats.brief.text import to_markdown
from winwin_desktop.formats.markdown import to_plain
from winwin_desktop.journal import interactions, people, promises
from winwin_desktop.journal.brief import gather_brief
from winwin_desktop.journal.interactions import ExchangeData
from winwin_desktop.store import close_journal, open_journal

TODAY = dt.date(2026, 11, 27)
ZOE, PIOTR, INGRID = "Zoë Brontë-Nuñez", "Piotr Kowalski", "Ingrid Håkansson"
KATHE, BEGONA, SEAN = "Käthe Schröder", "Begoña Ibáñez", "Seán Kelly"
LONG = "Ottilie Long-History"

pytestmark = pytest.mark.skipif(
    shutil.which("pdftotext") is None, reason="needs pdftotext (apt-get install poppler-utils)"
)


@pytest.fixture(scope="module")
def journal_file(tmp_path_factory):
    """The demo journal, plus someone with a long history: 40 interactions with notes,
    14 open promises, long notes and talking points."""
    path = tmp_path_factory.mktemp("complete") / "demo.db"
    build_demo(path, seed=7, today=TODAY)
    long = people.add_person(
        LONG,
        organisation="Acme Robotics",
        role="Chief Everything Officer",
        notes="\n\n".join(
            f"Paragraph {n}: what we agreed about the roadmap, the budget and the people "
            "involved, written at length so that the notes run onto another page." * 2
            for n in range(14)
        ),
        talking_points="- Ask about the **board**\n- The Lisbon office\n- Hiring plans",
    )
    for n in range(40):
        interactions.log_interaction(
            TODAY - dt.timedelta(days=7 * n + 1),
            f"Working session {n}",
            [long.id],
            notes=f"She asked for an intro to a logistics buyer, round {n}. Good energy.",
            exchanges=[ExchangeData(long.id, "given" if n % 3 else "received", "advice", 2)],
        )
    for n in range(14):
        promises.add_promise(long.id, "me" if n % 2 else "them", f"Promise number {n}", TODAY)
    close_journal()
    return path


@pytest.fixture
def brief_of(journal_file):
    open_journal(journal_file)
    yield lambda names: gather_brief([people.find_person(n).id for n in names], TODAY)
    close_journal()


def letters(text: str) -> str:
    """Only the letters and digits, in order: what the reader reads, whatever the layout
    (line breaks, bullets, the colon after a label in one format and not the other)."""
    return re.sub(r"\W", "", unicodedata.normalize("NFKC", text))


def pdf_text(path) -> tuple[str, int]:
    """The PDF's text without the page footers, and its number of pages."""
    # -layout: a label and its value in the facts table are read on one line.
    text = subprocess.run(
        ["pdftotext", "-layout", "-enc", "UTF-8", str(path), "-"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    pages = text.count("\f")
    kept = [line for line in text.splitlines() if not re.search(r"page \d+ of \d+\s*$", line)]
    return "\n".join(kept), pages


@pytest.mark.parametrize(
    "names",
    [
        [ZOE],
        [LONG],
        [ZOE, PIOTR],
        [PIOTR, ZOE],
        [ZOE, PIOTR, INGRID],
        [INGRID, ZOE, PIOTR],
        [LONG, ZOE],
        [ZOE, LONG, PIOTR],
        [ZOE, PIOTR, INGRID, KATHE, BEGONA, SEAN],
        [SEAN, KATHE, LONG, BEGONA, PIOTR, ZOE],
    ],
)
def test_the_pdf_says_what_the_markdown_says(brief_of, qapp, tmp_path, names):
    from winwin_desktop.formats.brief import pdf as brief_pdf

    brief = brief_of(names)
    path = tmp_path / "brief.pdf"
    pages = brief_pdf.write_pdf(brief, path, brief_pdf.paper_size("a4"), art=ART)
    text, counted = pdf_text(path)
    expected = letters(to_plain(to_markdown(brief)))
    found = letters(text)
    if found != expected:
        diff = difflib.SequenceMatcher(None, expected, found)
        changes = [
            f"Markdown {expected[max(a - 20, 0) : b]!r}, PDF {found[max(c - 20, 0) : d]!r}"
            for op, a, b, c, d in diff.get_opcodes()
            if op != "equal"
        ]
        pytest.fail(f"the PDF differs from the Markdown: {changes[:5]}")
    assert counted == pages
    # Each person starts a page of their own, in the order asked.
    assert [n for n in names if n in text] == names


@pytest.mark.parametrize("paper", ["a4", "letter"])
@pytest.mark.parametrize("names", [[ZOE], [PIOTR], [INGRID], [KATHE], [ZOE, PIOTR, INGRID]])
def test_a_typical_person_fits_on_one_page(brief_of, qapp, tmp_path, names, paper):
    from winwin_desktop.formats.brief import pdf as brief_pdf

    pages = brief_pdf.write_pdf(
        brief_of(names), tmp_path / "b.pdf", brief_pdf.paper_size(paper), art=ART
    )
    assert pages == len(names)


def test_a_long_history_goes_on_without_cutting_a_conversation(brief_of, qapp, tmp_path):
    from winwin_desktop.formats.brief import pdf as brief_pdf

    path = tmp_path / "long.pdf"
    pages = brief_pdf.write_pdf(brief_of([LONG]), path, brief_pdf.paper_size("a4"), art=ART)
    assert pages >= 2
    notes_seen = 0
    for page in range(1, pages + 1):
        text = subprocess.run(
            ["pdftotext", "-f", str(page), "-l", str(page), str(path), "-"],
            capture_output=True,
            text=True,
            check=True,
        ).stdout
        # A conversation's note is on the same page as its date and title.
        for match in re.finditer(r"^She asked for .*, round (\d+)", text, re.MULTILINE):
            assert f"Working session {match.group(1)}" in text
            notes_seen += 1
    assert notes_seen == 3  # the last three conversations, each with its note
