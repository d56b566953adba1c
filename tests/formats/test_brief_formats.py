"""The brief as Markdown, HTML and PDF.

The demo journal's briefs are compared section by section with what its rows say
(worked out by hand); small hand-built briefs cover the wording rules; the PDF is read
back for its pages, fonts and chart.
"""

from __future__ import annotations

import datetime as dt
import re
import shutil
import subprocess
from html.parser import HTMLParser

import pytest

from tests.helpers.brief import ART
from winwin_desktop.demo import build_demo
from winwin_desktop.formats.brief.model import (
    BriefData,
    BriefExchange,
    BriefInteraction,
    BriefPromise,
    PersonBrief,
)
from winwin_desktop.formats.brief.text import (
    ChartImage,
    chart_file_name,
    interactions_heading,
    slug,
    to_html,
    to_markdown,
)
from winwin_desktop.journal import people
from winwin_desktop.journal.brief import gather_brief
from winwin_desktop.store import close_journal, open_journal

TODAY = dt.date(2026, 11, 27)
ZOE, PIOTR, INGRID = "Zoë Brontë-Nuñez", "Piotr Kowalski", "Ingrid Håkansson"
ZOE_CHART = "zoe-bronte-nunez-balance.png"


@pytest.fixture(scope="module")
def demo_file(tmp_path_factory):
    path = tmp_path_factory.mktemp("demo") / "demo.db"
    build_demo(path, seed=7, today=TODAY)
    close_journal()
    return path


@pytest.fixture
def brief_for(demo_file):
    """The demo journal open; returns the brief of the people named."""
    open_journal(demo_file)
    yield lambda *names: gather_brief([people.find_person(n).id for n in names], TODAY)
    close_journal()


# ---- reading the formats back -------------------------------------------------------------


def markdown_sections(text: str, level: int) -> dict[str, list[str]]:
    """Non-blank lines under each heading of ``level`` (the text before the first: "")."""
    sections: dict[str, list[str]] = {"": []}
    current = ""
    for line in text.splitlines():
        if line.startswith("#" * level + " "):
            current = line[level + 1 :]
            sections[current] = []
        elif line.strip():
            sections[current].append(line)
    return sections


class Blocks(HTMLParser):
    """The text of each block (heading, paragraph, list item, table row) in order; a
    row's cells are joined by " | ", a <br> starts a new line; images give their src."""

    BLOCKS = {"h1", "h2", "h3", "h4", "h5", "h6", "p", "li", "tr"}

    def __init__(self) -> None:
        super().__init__()
        self.blocks: list[list[str]] = []
        self._open = 0  # blocks started and not yet ended

    def handle_starttag(self, tag, attrs):
        if tag in self.BLOCKS:
            self.blocks.append([tag, ""])
            self._open += 1
        elif tag == "td" and self.blocks[-1][0] == "tr" and self.blocks[-1][1]:
            self.blocks[-1][1] += " | "
        elif tag == "br":
            self.blocks[-1][1] += "\n"
        elif tag == "img":
            self.blocks.append(["img", dict(attrs)["src"]])

    def handle_endtag(self, tag):
        if tag in self.BLOCKS:
            self._open -= 1

    def handle_data(self, data):
        if self._open:
            self.blocks[-1][1] += data


def html_sections(text: str, level: str) -> dict[str, list[tuple[str, str]]]:
    parser = Blocks()
    parser.feed(text)
    sections: dict[str, list[tuple[str, str]]] = {"": []}
    current = ""
    for tag, content in parser.blocks:
        content = "\n".join(" ".join(line.split()) for line in content.strip().split("\n"))
        if tag == level:
            current = content
            sections[current] = []
        else:
            sections[current].append((tag, content))
    return sections


def texts(blocks: list[tuple[str, str]]) -> list[str]:
    return [content for _tag, content in blocks]


# ---- Markdown of the demo ---------------------------------------------------------------

SECTION_ORDER = ["Win-win status", "Talking points", "Open promises", "Last three conversations"]


def test_markdown_of_one_person_section_by_section(brief_for):
    sections = markdown_sections(to_markdown(brief_for(ZOE), {0: "unused"}), 2)
    assert list(sections) == ["", *SECTION_ORDER, "Notes"]
    assert sections[""] == [
        f"# {ZOE}",
        "Head of Partnerships · Acme Robotics",
        "- **How we met:** Sat next to each other at Web Summit in Lisbon — on Tue 25 Feb 2025",
        "- **Tags:** client, partner",
        "- **Last contact:** Fri 27 Nov (today; keep in touch every 21 days)",
    ]
    # Every figure in the review window; all time in small print.
    assert sections["Win-win status"] == [
        "**win-win** — You gave 9 points and received 18 in the last 12 months. "
        "Trend: −1.5 points a month (lately you receive more).",
        "You gave 9 points: help/time 4, business 3, endorsement 2.",
        "You received 18 points: business 5, advice 4, help/time 3, knowledge 3, "
        "endorsement 2, gift 1.",
        "*All time: you gave 13 points and received 20 over 13 interactions. "
        "Prepared on Fri 27 Nov 2026.*",
    ]
    # Her own talking points (from the "Talking points" heading of her notes), then
    # the journal's.
    assert sections["Talking points"] == [
        "- Their Series B timing",
        "- The joint case study",
        "- You promised: Review their proposal on pricing — due in 2 days.",
    ]
    assert sections["Open promises"] == [
        "**You owe**",
        "- Review their proposal on pricing — due Sun 29 Nov (in 2 days)",
        "**They owe:** nothing open.",
    ]
    assert sections["Last three conversations"] == [
        "- **Fri 27 Nov** · Remote demo for Acme Robotics (video call)",
        "- **Tue 28 Apr** · Quarterly review at Acme Robotics (meeting)",
        "  - received 3 points · knowledge — industry salary survey",
        "- **Tue 24 Mar** · Messages with Zoë about the pilot scope (message)",
        "  - received 4 points · advice — advice on the term sheet",
        "  - gave 3 points · business — ordered a batch of sensors",
        "  - gave 3 points · help/time — ran a workshop for their team",
        "**Also at Acme Robotics:** Begoña Ibáñez (you give more).",
    ]
    # Her own headings sit below the brief's; the talking points left the notes.
    assert sections["Notes"] == [
        "#### Context",
        "- Runs partnerships for the warehouse robots line",
        "- Prefers **short calls**, hates slide decks",
    ]


def test_markdown_references_the_chart_file(brief_for):
    brief = brief_for(ZOE)
    sections = markdown_sections(to_markdown(brief, {brief.people[0].person_id: ZOE_CHART}), 2)
    assert sections["Win-win status"][3] == (
        f"![Points given and received with {ZOE} over time]({ZOE_CHART})"
    )
    assert chart_file_name(brief.people[0]) == ZOE_CHART


def test_markdown_of_a_meeting_has_one_section_per_person(brief_for):
    text = to_markdown(brief_for(ZOE, PIOTR, INGRID))
    people_sections = markdown_sections(text, 1)
    assert list(people_sections) == ["", ZOE, PIOTR, INGRID]
    assert people_sections[""] == [
        f"*Meeting brief · {ZOE}, {PIOTR} and {INGRID} · prepared on Fri 27 Nov 2026*",
    ]
    assert "- **Introduced by:** Zoë Brontë-Nuñez" in people_sections[PIOTR]

    ingrid = markdown_sections("\n".join(people_sections[INGRID]), 2)
    assert list(ingrid) == ["", *SECTION_ORDER, "Notes"]
    assert ingrid["Talking points"] == [
        "- You promised: Send the workshop slides — overdue by 19 days."
    ]
    assert ingrid["Open promises"] == [
        "**You owe**",
        "- **Overdue by 19 days:** Send the workshop slides (was due Sun 8 Nov)",
        "**They owe:** nothing open.",
    ]
    assert ingrid["Win-win status"][1:3] == [
        "You gave 12 points: business 4, introduction 3, knowledge 3, gift 2.",
        "You received 8 points: help/time 4, business 3, gift 1.",
    ]
    # The last three conversations, each with a line of its notes when it has some.
    assert ingrid["Last three conversations"][:5] == [
        "- **Tue 27 Oct** · Lunch with Ingrid and Björn (meal, with Björn Nyström)",
        "  - gave 1 point · knowledge — forwarded a useful article",
        "- **Fri 28 Aug** · Call with Ingrid about the warehouse audit (call)",
        "  - ☑ Agenda sent · ☐ Share the slides · ☐ Book the next slot",
        "- **Mon 10 Aug** · Quarterly review at Nordlys Ventures (meeting)",
    ]
    assert ingrid["Last three conversations"][-1] == (
        "**Also at Nordlys Ventures:** Björn Nyström (you take more), Linnéa Håkansson "
        "(you give more), Mikael Sørensen-Sørensen (win-win), Oisín McCarthy (win-win), "
        "Søren Eriksen (quiet), and 2 more."
    )
    piotr = markdown_sections("\n".join(people_sections[PIOTR]), 2)
    assert piotr["Open promises"] == [
        "**You owe:** nothing open.",
        "**They owe**",
        "- Confirm the pilot budget — due Sun 29 Nov (in 2 days)",
    ]


# ---- HTML of the demo ---------------------------------------------------------------------


def test_html_of_one_person_section_by_section(brief_for):
    brief = brief_for(ZOE)
    chart = ChartImage("data:image/png;base64,AAAA", 660, 198)
    html_text = to_html(brief, {brief.people[0].person_id: chart})
    sections = html_sections(html_text, "h2")
    assert list(sections) == ["", *SECTION_ORDER, "Notes"]
    assert texts(sections[""]) == [
        ZOE,
        "Head of Partnerships · Acme Robotics",
        "How we met | Sat next to each other at Web Summit in Lisbon — on Tue 25 Feb 2025",
        "Tags | client, partner",
        "Last contact | Fri 27 Nov (today; keep in touch every 21 days)",
    ]
    assert sections["Win-win status"] == [
        (
            "p",
            "win-win You gave 9 points and received 18 in the last 12 months. "
            "Trend: −1.5 points a month (lately you receive more).",
        ),
        ("p", "You gave 9 points: help/time 4, business 3, endorsement 2."),
        (
            "p",
            "You received 18 points: business 5, advice 4, help/time 3, knowledge 3, "
            "endorsement 2, gift 1.",
        ),
        ("p", ""),
        ("img", "data:image/png;base64,AAAA"),
        (
            "p",
            "All time: you gave 13 points and received 20 over 13 interactions. "
            "Prepared on Fri 27 Nov 2026.",
        ),
    ]
    assert '<p class="small">All time:' in html_text
    assert texts(sections["Talking points"]) == [
        "Their Series B timing",
        "The joint case study",
        "You promised: Review their proposal on pricing — due in 2 days.",
    ]
    assert texts(sections["Last three conversations"]) == [
        "Fri 27 Nov · Remote demo for Acme Robotics (video call)",
        "Tue 28 Apr · Quarterly review at Acme Robotics (meeting)\n"
        "received 3 points · knowledge — industry salary survey",
        "Tue 24 Mar · Messages with Zoë about the pilot scope (message)\n"
        "received 4 points · advice — advice on the term sheet\n"
        "gave 3 points · business — ordered a batch of sensors\n"
        "gave 3 points · help/time — ran a workshop for their team",
        "Also at Acme Robotics: Begoña Ibáñez (you give more).",
    ]
    assert texts(sections["Open promises"]) == [
        "You owe",
        "Review their proposal on pricing — due Sun 29 Nov (in 2 days)",
        "They owe: nothing open.",
    ]
    # Notes are rendered from Markdown.
    assert sections["Notes"] == [
        ("h4", "Context"),
        ("li", "Runs partnerships for the warehouse robots line"),
        ("li", "Prefers short calls, hates slide decks"),
    ]


def test_html_marks_overdue_promises_and_colours_the_status(brief_for):
    text = to_html(brief_for(ZOE, PIOTR, INGRID), status_colours=ART.status_colours)
    assert (
        '<span class="overdue">Overdue by 19 days:</span> Send the workshop slides '
        '<span class="muted">(was due Sun 8 Nov)</span>'
    ) in text
    assert text.count('class="overdue"') == 1
    # The status pill: win-win green with black text (the darker contrast).
    assert 'style="background-color: #009E73; color: #000000;">&nbsp;win-win&nbsp;' in text
    people_sections = html_sections(text, "h1")
    assert list(people_sections) == ["", ZOE, PIOTR, INGRID]
    assert texts(people_sections[""]) == [
        f"Meeting brief · {ZOE}, {PIOTR} and {INGRID} · prepared on Fri 27 Nov 2026",
    ]
    # Each person after the first starts a new printed page.
    assert f'<h1 style="page-break-before: always">{PIOTR}</h1>' in text
    assert f"<h1>{ZOE}</h1>" in text


# ---- wording rules, from hand-built briefs -------------------------------------------------


def person(**fields) -> PersonBrief:
    return PersonBrief(**{"person_id": 1, "name": "Ada", **fields})


def brief(*people_: PersonBrief) -> BriefData:
    return BriefData(TODAY, list(people_))


def test_names_and_text_are_escaped_in_html():
    ada = person(
        name="Ada <Lovelace> & Co",
        role="Founder & CEO",
        notes="<script>alert(1)</script> **bold**",
        suggestions=["Ask about <b>this</b>"],
    )
    text = to_html(brief(ada))
    assert "<title>Brief: Ada &lt;Lovelace&gt; &amp; Co</title>" in text
    assert "<h1>Ada &lt;Lovelace&gt; &amp; Co</h1>" in text
    assert "Founder &amp; CEO" in text
    assert "&lt;script&gt;" in text and "<script>" not in text
    assert "<li>Ask about &lt;b&gt;this&lt;/b&gt;</li>" in text


def test_an_empty_relationship_says_so_plainly():
    text = to_markdown(brief(person(explanation="Nothing exchanged yet.")))
    sections = markdown_sections(text, 2)
    assert list(sections) == [
        "",
        "Win-win status",
        "Talking points",
        "Open promises",
        "Conversations",
    ]
    assert sections[""] == ["# Ada", "- **Last contact:** never"]
    assert sections["Win-win status"] == [
        "**new** — Nothing exchanged yet.",
        "*All time: you gave 0 points and received 0 over 0 interactions. Prepared on Fri 27 Nov 2026.*",
    ]
    assert sections["Talking points"] == [
        "Nothing stands out; add your own in the person's profile."
    ]
    assert sections["Conversations"] == ["Nothing logged with them yet."]
    assert sections["Open promises"] == ["No open promises either way."]


def test_a_long_relationship_writes_every_count_alike():
    long = person(total_given=4800, total_received=5200, interaction_count=2000)
    text = to_markdown(brief(long))
    assert "All time: you gave 4,800 points and received 5,200 over 2,000 interactions." in text
    one = to_markdown(brief(person(total_given=1, total_received=1, interaction_count=1)))
    assert "All time: you gave 1 point and received 1 over 1 interaction." in one


def test_talking_points_merge_own_noted_and_suggested_each_once():
    ada = person(
        talking_points="# Ask\n- about the *board*\n- The Lisbon office",
        noted_points=["The Lisbon office.", "Their hiring plans"],
        suggestions=["No contact for 94 days; your cadence is 60."],
    )
    sections = markdown_sections(to_markdown(brief(ada)), 2)
    assert sections["Talking points"] == [
        "- about the board",
        "- The Lisbon office",
        "- Their hiring plans",
        "- No contact for 94 days; your cadence is 60.",
    ]
    assert "<li>about the board</li><li>The Lisbon office</li>" in to_html(brief(ada))


def test_what_changed_hands_names_six_categories_then_the_rest():
    given = [
        BriefExchange("given", category, points, "", TODAY)
        for category, points in [
            ("a", 7),
            ("b", 6),
            ("c", 5),
            ("d", 4),
            ("e", 3),
            ("f", 2),
            ("g", 1),
            ("h", 1),
        ]
    ]
    sections = markdown_sections(to_markdown(brief(person(given=given))), 2)
    assert (
        "You gave 29 points: a 7, b 6, c 5, d 4, e 3, f 2, the rest 2."
        in sections["Win-win status"]
    )


def test_a_meeting_lists_interactions_with_the_others():
    item = BriefInteraction(
        TODAY,
        "meal",
        "Lunch",
        ["Bo", "Cy"],
        [BriefExchange("received", "gift", 1)],
        note="Good energy. Bo asked about the market map",
    )
    sections = markdown_sections(to_markdown(brief(person(last_interactions=[item]))), 2)
    assert sections["Last conversation"] == [
        "- **Fri 27 Nov** · Lunch (meal, with Bo and Cy)",
        "  - received 1 point · gift",
        "  - Good energy. Bo asked about the market map",
    ]


def test_long_promise_lists_are_cut_after_ten_lines():
    owed = [
        BriefPromise("them", f"thing {n}", TODAY, n < 12, "overdue by 1 day") for n in range(13)
    ]
    sections = markdown_sections(to_markdown(brief(person(they_owe=owed))), 2)
    lines = sections["Open promises"]
    assert lines[:3] == [
        "**You owe:** nothing open.",
        "**They owe**",
        "- **Overdue by 1 day:** thing 0 (was due Fri 27 Nov)",
    ]
    assert len(lines) == 2 + 10 + 1
    assert lines[-1] == "- and 3 more open promises (2 overdue)"


def test_promises_without_a_date_and_due_today():
    owed = [
        BriefPromise("me", "An intro", None, False, ""),
        BriefPromise("me", "The deck", TODAY, False, "due today"),
    ]
    sections = markdown_sections(to_markdown(brief(person(i_owe=owed))), 2)
    assert sections["Open promises"][:3] == [
        "**You owe**",
        "- An intro",
        "- The deck — due Fri 27 Nov (today)",
    ]


def test_interactions_heading_counts_in_words():
    assert [interactions_heading(n) for n in range(4)] == [
        "Conversations",
        "Last conversation",
        "Last two conversations",
        "Last three conversations",
    ]


def test_slugs_are_plain_ascii():
    assert slug("Zoë Brontë-Nuñez") == "zoe-bronte-nunez"
    assert slug("Łukasz Wróbel") == "lukasz-wrobel"
    assert slug("Siobhán O'Connor") == "siobhan-o-connor"
    assert slug("山田") == "person"


# ---- PDF ------------------------------------------------------------------------------------


def pdf_pages(data: bytes) -> int:
    return len(re.findall(rb"/Type\s*/Page\b(?!s)", data))


@pytest.fixture
def pdf(qapp, tmp_path):
    """Write a brief as PDF on A4 (or ``paper``); returns (path, pages reported)."""
    from PySide6.QtGui import QPageSize

    from winwin_desktop.formats.brief import pdf as brief_pdf

    def write(data: BriefData, name: str = "brief.pdf", paper=QPageSize.PageSizeId.A4):
        path = tmp_path / name
        return path, brief_pdf.write_pdf(data, path, QPageSize(paper), art=ART)

    return write


def test_pdf_of_one_person(brief_for, pdf):
    path, pages = pdf(brief_for(ZOE))
    data = path.read_bytes()
    assert data.startswith(b"%PDF-")
    assert data.rstrip().endswith(b"%%EOF")
    assert pages == pdf_pages(data) == 1
    assert b"/MediaBox [0 0 595" in data  # A4: 595 x 842 points
    assert not list(path.parent.glob(".*.part"))


def test_pdf_of_a_meeting_gives_each_person_their_own_pages(brief_for, pdf):
    from PySide6.QtGui import QPageSize

    path, pages = pdf(brief_for(ZOE, PIOTR, INGRID))
    assert pages == pdf_pages(path.read_bytes()) == 3
    path, pages = pdf(brief_for(ZOE, PIOTR, INGRID), "letter.pdf", QPageSize.PageSizeId.Letter)
    assert pages == 3
    assert b"/MediaBox [0 0 612.000000 792.000000]" in path.read_bytes()


def test_long_notes_flow_onto_more_pages_without_losing_a_line(journal, pdf):
    paragraphs = [
        f"Marker{n:03d} " + "a long sentence about the account history and what was agreed " * 4
        for n in range(120)
    ]
    short = people.add_person("Ada Short", notes="One line.")
    long = people.add_person("Ada Long", notes="\n\n".join(paragraphs))
    _, short_pages = pdf(gather_brief([short.id], TODAY), "short.pdf")
    path, long_pages = pdf(gather_brief([long.id], TODAY), "long.pdf")
    assert short_pages == 1
    assert long_pages == 8
    if shutil.which("pdftotext") is None:
        pytest.skip("pdftotext (poppler-utils) is not installed")
    # Each paragraph starts on exactly one page, in order: a line cut by a page break
    # would show on two pages.
    found = []
    for page in range(1, long_pages + 1):
        text = subprocess.run(
            ["pdftotext", "-f", str(page), "-l", str(page), str(path), "-"],
            capture_output=True,
            text=True,
            check=True,
        ).stdout
        found += re.findall(r"Marker\d{3}", text)
    assert found == [f"Marker{n:03d}" for n in range(120)]


def test_pdf_fonts_are_embedded_and_the_chart_is_sharp(brief_for, pdf):
    if shutil.which("pdffonts") is None or shutil.which("pdfimages") is None:
        pytest.skip("pdffonts and pdfimages (poppler-utils) are not installed")
    path, _ = pdf(brief_for(ZOE))
    fonts = subprocess.run(["pdffonts", str(path)], capture_output=True, text=True, check=True)
    rows = fonts.stdout.splitlines()[2:]
    assert rows and all(row.split()[-5] == "yes" for row in rows)  # the "emb" column
    images = subprocess.run(
        ["pdfimages", "-list", str(path)], capture_output=True, text=True, check=True
    )
    [chart] = images.stdout.splitlines()[2:]
    columns = chart.split()
    assert columns[2] == "image"
    assert columns[8] == "image"  # stored losslessly, not as a JPEG
    assert int(columns[12]) >= 200 and int(columns[13]) >= 200  # pixels per inch


def test_default_paper_follows_the_locale(qapp):
    from PySide6.QtCore import QLocale
    from PySide6.QtGui import QPageSize

    from winwin_desktop.formats.brief.pdf import default_page_size

    assert default_page_size(QLocale("en_US")).id() == QPageSize.PageSizeId.Letter
    assert default_page_size(QLocale("fr_CA")).id() == QPageSize.PageSizeId.Letter
    assert default_page_size(QLocale("en_GB")).id() == QPageSize.PageSizeId.A4
    assert default_page_size(QLocale("de_DE")).id() == QPageSize.PageSizeId.A4


def test_default_paper_reads_lc_paper(qapp, monkeypatch):
    from PySide6.QtGui import QPageSize

    from winwin_desktop.formats.brief.pdf import default_page_size

    monkeypatch.delenv("LC_ALL", raising=False)
    monkeypatch.setenv("LC_PAPER", "en_US.UTF-8")
    assert default_page_size().id() == QPageSize.PageSizeId.Letter
    monkeypatch.setenv("LC_PAPER", "nl_NL.UTF-8")
    assert default_page_size().id() == QPageSize.PageSizeId.A4
