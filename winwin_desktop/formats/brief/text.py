"""The meeting brief as Markdown and as HTML, from :class:`.model.BriefData`.

Pure text: no Qt, no database, no matplotlib. The balance chart is drawn elsewhere and
handed in as a :class:`ChartImage` per person (a file next to the Markdown; a ``data:``
URI or a document resource in HTML). The HTML keeps to what both browsers and Qt's
``QTextDocument`` (the PDF writer and the Brief tab) understand: simple tables, class
selectors and inline colours.

Both formats are written from the same blocks (:func:`person_blocks`), so they hold the
same words in the same order: who the person is; the win-win status, the window's
figures, the trend and the chart (all time in small print); talking points (their own,
from the notes, then suggested); open promises both ways; the last three
conversations with a line of their notes; who else is at the organisation; notes. Every figure is for the review window.
"""

from __future__ import annotations

import base64
import datetime as dt
import html
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from winwin_desktop.analytics import GIVEN
from winwin_desktop.colours import (
    ALARM_COLOUR,
    GIVEN_COLOUR,
    LIGHT,
    MUTED_COLOUR,
    RECEIVED_COLOUR,
    TEXT_COLOUR,
)
from winwin_desktop.formats.brief.model import (
    BriefData,
    BriefExchange,
    BriefInteraction,
    BriefPromise,
    PersonBrief,
)
from winwin_desktop.formats.markdown import items as markdown_items
from winwin_desktop.formats.markdown import to_html as notes_html
from winwin_desktop.formats.markdown import with_headings_at
from winwin_desktop.text import listing, plural, short_day
from winwin_desktop.text import slug as text_slug

STATUS = "Win-win status"
TALKING_POINTS = "Talking points"
PROMISES = "Open promises"
NOTES = "Notes"
NO_PROMISES = "No open promises either way."
NO_TALKING_POINTS = "Nothing stands out; add your own in the person's profile."
# Categories named per side in "what changed hands"; the rest are summed up.
MAX_CATEGORIES = 6
# Open promises shown each way, the most overdue first; the rest are counted.
MAX_PROMISE_LINES = 10
_COUNT_WORDS = {1: "", 2: " two", 3: " three", 4: " four", 5: " five"}
# Colleagues named in "Also at …"; the rest are counted.
MAX_COLLEAGUES = 5

OVERDUE_COLOUR = ALARM_COLOUR[LIGHT]  # on white paper whatever the theme
# A status pill when the caller gave no colours for it.
PLAIN_PILL = ("#e3e6ea", TEXT_COLOUR)


@dataclass(frozen=True)
class ChartImage:
    """Where one person's balance chart is, and the size to show it at (CSS pixels)."""

    src: str
    width: int
    height: int


# The person's photo beside their name, in CSS pixels.
PHOTO_PX = 64
_IMAGE_TYPES = (
    (b"\xff\xd8\xff", "image/jpeg"),
    (b"\x89PNG\r\n\x1a\n", "image/png"),
    (b"GIF87a", "image/gif"),
    (b"GIF89a", "image/gif"),
)


def image_data_uri(data: bytes | None) -> str | None:
    """``data`` as a ``data:`` URI when it is a JPEG, PNG or GIF image, else None."""
    if not data:
        return None
    kind = next((mime for magic, mime in _IMAGE_TYPES if data.startswith(magic)), None)
    if kind is None:
        return None
    return f"data:{kind};base64," + base64.b64encode(data).decode("ascii")


def photo_images(brief: BriefData) -> dict[int, ChartImage]:
    """Each photo as it is stored, inline. The PDF and HTML writers pass square
    thumbnails instead; this is for callers without an image library."""
    images = {}
    for person in brief.people:
        source = image_data_uri(person.photo)
        if source:
            images[person.person_id] = ChartImage(source, PHOTO_PX, 0)
    return images


def interactions_heading(count: int) -> str:
    """ "Last three conversations", "Last two conversations", "Last conversation"."""
    if count == 0:
        return "Conversations"
    if count == 1:
        return "Last conversation"
    return f"Last{_COUNT_WORDS.get(count, f' {count}')} conversations"


def document_title(brief: BriefData) -> str:
    if len(brief.people) == 1:
        return f"Brief: {brief.people[0].name}"
    return f"Meeting brief: {listing(brief.names)}"


def slug(text: str) -> str:
    """Lower-case ASCII words joined by hyphens: "Zoë Brontë-Nuñez" → "zoe-bronte-nunez"."""
    return text_slug(text) or "person"


def chart_file_name(person: PersonBrief) -> str:
    """The PNG written next to a Markdown brief for ``person``'s chart."""
    return f"{slug(person.name)}-balance.png"


def chart_alt(person: PersonBrief) -> str:
    return f"Points given and received with {person.name} over time"


# ---- the blocks both formats are written from ---------------------------------------------

# Inline text: (style, text) pieces. Styles: "" plain, "b" bold, "muted", "overdue",
# "given", "received".
Spans = list[tuple[str, str]]


@dataclass(frozen=True)
class Block:
    """One block of a person's section. ``kind``: "h" (a heading at ``level``),
    "subtitle", "facts" (``rows``), "p" (``spans``, styled ``css``), "pill" (the status
    and its explanation in ``spans``), "chart", "ul" (``items``: each spans with lines
    under it) or "md" (the user's Markdown ``text``, its headings at ``level``)."""

    kind: str
    spans: Spans = ()
    level: int = 0
    css: str = ""
    rows: Sequence[tuple[str, str]] = ()
    items: Sequence[tuple[Spans, Sequence[Spans]]] = ()
    text: str = ""


def _plain(text: str) -> Spans:
    return [("", text)]


def person_blocks(person: PersonBrief, brief: BriefData, top: int) -> list[Block]:
    """``person``'s section of the brief, its name a heading at level ``top``."""
    sub = top + 1
    today = brief.today
    blocks = [Block("h", _plain(person.name), level=top)]
    if _subtitle(person):
        blocks.append(Block("subtitle", _plain(_subtitle(person))))
    blocks.append(Block("facts", rows=_facts(person, today)))

    blocks += [
        Block("h", _plain(STATUS), level=sub),
        Block("pill", [(person.status, _status_words(person, brief.value_window))]),
        *[Block("p", line) for line in _changed_hands(person)],
        Block("chart"),
        Block(
            "p",
            _plain(f"{_all_time(person)} Prepared on {_day(today, today, year=True)}."),
            css="small",
        ),
    ]

    blocks.append(Block("h", _plain(TALKING_POINTS), level=sub))
    points = talking_points(person)
    if points:
        blocks.append(Block("ul", items=[(_plain(point), []) for point in points]))
    else:
        blocks.append(Block("p", _plain(NO_TALKING_POINTS), css="muted"))

    blocks.append(Block("h", _plain(PROMISES), level=sub))
    sides = _promise_sides(person)
    if not sides:
        blocks.append(Block("p", _plain(NO_PROMISES), css="muted"))
    for heading, owed in sides:
        items = [(_promise_spans(p, today), []) for p in owed[:MAX_PROMISE_LINES]]
        if len(owed) > MAX_PROMISE_LINES:
            items.append(([("muted", _more_promises(owed[MAX_PROMISE_LINES:]))], []))
        if items:
            blocks += [
                Block("h", _plain(heading), level=sub + 2, css="side"),
                Block("ul", items=items),
            ]
        else:
            blocks.append(Block("p", [("b", f"{heading}:"), ("muted", " nothing open.")]))

    blocks.append(
        Block("h", _plain(interactions_heading(len(person.last_interactions))), level=sub)
    )
    if person.last_interactions:
        blocks.append(
            Block("ul", items=[_conversation(item, today) for item in person.last_interactions])
        )
    else:
        blocks.append(Block("p", _plain("Nothing logged with them yet."), css="muted"))

    if person.colleagues and person.organisation:
        blocks.append(Block("p", _also_at(person)))

    notes = person.notes.strip()
    if notes:
        blocks += [Block("h", _plain(NOTES), level=sub), Block("md", text=notes, level=sub + 2)]
    return blocks


def talking_points(person: PersonBrief) -> list[str]:
    """The person's talking points as one list: the user's own, those under "Talking
    points" in their notes, then the suggested ones; each once."""
    merged: dict[str, str] = {}
    for point in [*markdown_items(person.talking_points), *person.noted_points]:
        merged.setdefault(" ".join(point.split()).casefold().rstrip("."), point)
    for point in person.suggestions:
        merged.setdefault(point.casefold(), point)
    return list(merged.values())


def _trend_words(points_per_month: float, window: str) -> str:
    """ "Trend: +1.5 points a month (lately you give more)."; the window is the one of the
    sentence before it."""
    rounded = round(points_per_month, 1)
    if abs(rounded) < 0.1:
        return f"Trend: steady over {window}."
    if rounded > 0:
        return f"Trend: +{rounded:g} points a month (lately you give more)."
    return f"Trend: −{-rounded:g} points a month (lately you receive more)."


def _all_time(person: PersonBrief) -> str:
    return (
        f"All time: you gave {plural(person.total_given, 'point')} and received "
        f"{person.total_received:,} over {plural(person.interaction_count, 'interaction')}."
    )


def _status_words(person: PersonBrief, window: str) -> str:
    """The status's explanation and the trend, e.g. "You gave 9 points and received 18
    in the last 12 months. Trend: +1.5 points a month (lately you give more)."."""
    if not person.given and not person.received:
        return person.explanation
    return f"{person.explanation} {_trend_words(person.trend, window)}".strip()


def _conversation(item: BriefInteraction, today: dt.date) -> tuple[Spans, list[Spans]]:
    lines: list[Spans] = [_exchange_spans(e) for e in item.exchanges]
    if item.note:
        lines.append([("muted", item.note)])
    return [("b", _day(item.day, today)), ("", f" · {_interaction_title(item)}")], lines


def _changed_hands(person: PersonBrief) -> list[Spans]:
    lines = []
    for css, verb, exchanges in (
        ("given", "You gave", person.given),
        ("received", "You received", person.received),
    ):
        if not exchanges:
            continue
        totals: dict[str, int] = {}
        for exchange in exchanges:
            totals[exchange.category] = totals.get(exchange.category, 0) + exchange.points
        ranked = sorted(totals.items(), key=lambda item: (-item[1], item[0]))
        named = [f"{category} {points}" for category, points in ranked[:MAX_CATEGORIES]]
        if len(ranked) > MAX_CATEGORIES:
            named.append(f"the rest {sum(points for _, points in ranked[MAX_CATEGORIES:])}")
        total = sum(totals.values())
        lines.append(
            [(css, f"{verb} {plural(total, 'point')}"), ("", ": " + ", ".join(named) + ".")]
        )
    return lines


def _also_at(person: PersonBrief) -> Spans:
    named = [f"{c.name} ({c.status})" for c in person.colleagues[:MAX_COLLEAGUES]]
    rest = len(person.colleagues) - MAX_COLLEAGUES
    if rest > 0:
        named.append(f"and {rest} more")
    return [("b", f"Also at {person.organisation}:"), ("", " " + ", ".join(named) + ".")]


def _exchange_spans(exchange: BriefExchange) -> Spans:
    css = "given" if exchange.direction == GIVEN else "received"
    verb = "gave" if exchange.direction == GIVEN else "received"
    return [(css, verb), ("", _exchange_text(exchange).removeprefix(verb))]


def _promise_spans(promise: BriefPromise, today: dt.date) -> Spans:
    if promise.overdue:
        return [
            ("overdue", f"{promise.when.capitalize()}:"),
            ("", f" {promise.text} "),
            ("muted", f"(was due {_day(promise.due, today)})"),
        ]
    return _plain(
        f"{promise.text} — {_promise_due(promise, today)}" if promise.due else promise.text
    )


# ---- Markdown -----------------------------------------------------------------------------


def to_markdown(brief: BriefData, charts: Mapping[int, str] | None = None) -> str:
    """The brief as Markdown; ``charts`` maps person ids to their chart's file name."""
    charts = charts or {}
    several = len(brief.people) > 1
    lines: list[str] = []
    if several or brief.meeting:
        lines += [f"*{_meeting_line(brief)}*", ""]
    for person in brief.people:
        chart = charts.get(person.person_id)
        for block in person_blocks(person, brief, 1):
            lines += _block_markdown(block, person, chart)
    return "\n".join(lines).rstrip() + "\n"


def _block_markdown(block: Block, person: PersonBrief, chart: str | None) -> list[str]:
    if block.kind == "h" and block.css == "side":
        return [f"**{_md_spans(block.spans)}**", ""]
    if block.kind == "h":
        return [f"{'#' * block.level} {_md_spans(block.spans)}", ""]
    if block.kind in ("subtitle", "p"):
        text = _md_spans(block.spans)
        return [f"*{text}*" if block.css == "small" else text, ""]
    if block.kind == "facts":
        return [f"- **{label}:** {value}" for label, value in block.rows] + [""]
    if block.kind == "pill":
        [(status, explanation)] = block.spans
        return [f"**{status}** — {explanation}", ""]
    if block.kind == "chart":
        return [f"![{chart_alt(person)}]({chart})", ""] if chart else []
    if block.kind == "ul":
        lines = []
        for spans, under in block.items:
            lines.append(f"- {_md_spans(spans)}")
            lines += [f"  - {_md_spans(line)}" for line in under]
        return [*lines, ""]
    return [with_headings_at(block.text, block.level), ""]


def _md_spans(spans: Spans) -> str:
    return "".join(f"**{text}**" if style in ("b", "overdue") else text for style, text in spans)


# ---- HTML ---------------------------------------------------------------------------------

_CSS = f"""
body {{ font-family: "Noto Sans", "Segoe UI", "Helvetica Neue", Arial, "DejaVu Sans", sans-serif;
  font-size: 10pt; color: {TEXT_COLOUR}; background-color: #ffffff; line-height: 120%; }}
h1 {{ font-size: 16pt; font-weight: 600; margin-top: 0; margin-bottom: 1px; }}
h2 {{ font-size: 11.5pt; font-weight: 600; margin-top: 7px; margin-bottom: 2px; }}
h3 {{ font-size: 11pt; font-weight: 600; margin-top: 8px; margin-bottom: 2px; }}
h4, h5, h6 {{ font-size: 10pt; font-weight: 600; margin-top: 6px; margin-bottom: 2px; }}
p {{ margin-top: 2px; margin-bottom: 2px; }}
ul {{ margin-top: 1px; margin-bottom: 3px; }}
li {{ margin-bottom: 1px; }}
td {{ padding-right: 14px; padding-bottom: 1px; vertical-align: top; }}
.subtitle {{ font-size: 11pt; color: {MUTED_COLOUR}; margin-top: 0; margin-bottom: 4px; }}
.muted {{ color: {MUTED_COLOUR}; }}
.label {{ color: {MUTED_COLOUR}; }}
.small {{ color: {MUTED_COLOUR}; font-size: 8pt; }}
.status {{ font-weight: 600; }}
.side {{ font-size: 10pt; margin-top: 4px; margin-bottom: 0; }}
.given {{ color: {GIVEN_COLOUR[LIGHT]}; font-weight: 600; }}
.received {{ color: {RECEIVED_COLOUR[LIGHT]}; font-weight: 600; }}
.overdue {{ color: {OVERDUE_COLOUR}; font-weight: 600; }}
.chart {{ line-height: 100%; margin-top: 4px; margin-bottom: 2px; }}
blockquote {{ color: {MUTED_COLOUR}; margin-left: 14px; }}
"""
# Only for a browser: a readable column, and a chart that shrinks with the window.
_PAGE_CSS = """
body { max-width: 46em; margin: 2em auto; padding: 0 1em; }
.chart img { max-width: 100%; height: auto; }
"""


def to_html(
    brief: BriefData,
    charts: Mapping[int, ChartImage] | None = None,
    standalone: bool = True,
    photos: Mapping[int, ChartImage] | None = None,
    status_colours: Mapping[str, tuple[str, str]] | None = None,
) -> str:
    """The brief as one HTML page; ``charts`` and ``photos`` map person ids to their
    chart and photo (without ``photos``, each photo inline as stored);
    ``status_colours`` each status's pill (background, text), grey when missing.

    ``standalone`` adds the style a browser needs to lay out a page; Qt's document,
    which has its own page, goes without it. Each person after the first starts on a
    new printed page.
    """
    charts = charts or {}
    photos = photo_images(brief) if photos is None else photos
    several = len(brief.people) > 1
    body: list[str] = []
    if several or brief.meeting:
        body.append(f'<p class="small">{_e(_meeting_line(brief))}</p>')
    for index, person in enumerate(brief.people):
        pill = (status_colours or {}).get(person.status, PLAIN_PILL)
        blocks = person_blocks(person, brief, 1)
        out = [_block_html(b, person, charts.get(person.person_id), pill) for b in blocks]
        if index:
            out[0] = out[0].replace("<h1>", '<h1 style="page-break-before: always">', 1)
        photo = photos.get(person.person_id)
        if photo:
            # Floated right of the name and the facts below it (browsers and Qt alike).
            height = f' height="{photo.height}"' if photo.height else ""
            out.insert(
                1 if index else 0,
                f'<img class="photo" src="{_e(photo.src)}" width="{photo.width}"{height} '
                f'alt="{_e(person.name)}" style="float: right; margin-left: 12px;">',
            )
        body += out
    return (
        '<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{_e(document_title(brief))}</title>\n"
        f"<style>{_CSS}{_PAGE_CSS if standalone else ''}</style>\n</head>\n"
        "<body>\n" + "\n".join(body) + "\n</body>\n</html>\n"
    )


def _block_html(
    block: Block, person: PersonBrief, chart: ChartImage | None, pill: tuple[str, str]
) -> str:
    if block.kind == "h":
        css = f' class="{block.css}"' if block.css else ""
        return f"<h{block.level}{css}>{_html_spans(block.spans)}</h{block.level}>"
    if block.kind == "subtitle":
        return f'<p class="subtitle">{_html_spans(block.spans)}</p>'
    if block.kind == "p":
        css = f' class="{block.css}"' if block.css else ""
        return f"<p{css}>{_html_spans(block.spans)}</p>"
    if block.kind == "facts":
        rows = "".join(
            f'<tr><td class="label">{_e(label)}</td><td>{_e(value)}</td></tr>'
            for label, value in block.rows
        )
        return f'<table class="facts" cellspacing="0" cellpadding="0">{rows}</table>'
    if block.kind == "pill":
        [(status, explanation)] = block.spans
        background, foreground = pill
        return (
            f'<p><span class="status" style="background-color: {background}; '
            f'color: {foreground};">&nbsp;{_e(status)}&nbsp;</span>&nbsp; {_e(explanation)}</p>'
        )
    if block.kind == "chart":
        if not chart:
            return ""
        return (
            f'<p class="chart"><img src="{_e(chart.src)}" width="{chart.width}" '
            f'height="{chart.height}" alt="{_e(chart_alt(person))}"></p>'
        )
    if block.kind == "ul":
        items = []
        for spans, under in block.items:
            lines = "".join(f"<br>{_html_spans(line)}" for line in under)
            items.append(f"<li>{_html_spans(spans)}{lines}</li>")
        return f"<ul>{''.join(items)}</ul>"
    return notes_html(block.text, heading_level=block.level)


def _html_spans(spans: Spans) -> str:
    out = []
    for style, text in spans:
        if style == "b":
            out.append(f"<b>{_e(text)}</b>")
        elif style:
            out.append(f'<span class="{style}">{_e(text)}</span>')
        else:
            out.append(_e(text))
    return "".join(out)


# ---- shared wording -----------------------------------------------------------------------


def _facts(person: PersonBrief, today: dt.date) -> list[tuple[str, str]]:
    """(label, text) of the header facts the journal holds; missing ones are left out."""
    facts = []
    met = " — ".join(
        part
        for part in (person.how_met, f"on {_day(person.met_on, today)}" if person.met_on else "")
        if part
    )
    if met:
        facts.append(("How we met", met))
    if person.introduced_by:
        facts.append(("Introduced by", person.introduced_by))
    if person.tags:
        facts.append(("Tags", ", ".join(person.tags)))
    facts.append(("Last contact", _last_contact(person, today)))
    return facts


def _last_contact(person: PersonBrief, today: dt.date) -> str:
    if person.last_contact is None:
        return "never"
    days = (today - person.last_contact).days
    ago = "today" if days == 0 else "yesterday" if days == 1 else f"{days} days ago"
    if days < 0:
        ago = "in the future"
    return f"{_day(person.last_contact, today)} ({ago}; keep in touch every {person.cadence_days} days)"


def _subtitle(person: PersonBrief) -> str:
    return " · ".join(part for part in (person.role, person.organisation) if part)


def _meeting_line(brief: BriefData) -> str:
    """One small line above a meeting brief: "Meeting brief: Ada and Bo · prepared on …"."""
    what = f"Meeting brief: {brief.meeting}" if brief.meeting else "Meeting brief"
    return (
        f"{what} · {listing(brief.names)} · prepared on {_day(brief.today, brief.today, year=True)}"
    )


def _interaction_title(item: BriefInteraction) -> str:
    detail = item.kind + (f", with {listing(item.others)}" if item.others else "")
    return f"{item.title} ({detail})"


def _exchange_text(exchange: BriefExchange) -> str:
    verb = "gave" if exchange.direction == GIVEN else "received"
    text = f"{verb} {plural(exchange.points, 'point')} · {exchange.category}"
    return f"{text} — {exchange.description}" if exchange.description else text


def _promise_sides(person: PersonBrief) -> list[tuple[str, list[BriefPromise]]]:
    """ "You owe" and "They owe" with their promises; none when nothing is open."""
    if not person.i_owe and not person.they_owe:
        return []
    return [("You owe", person.i_owe), ("They owe", person.they_owe)]


def _more_promises(rest: Sequence[BriefPromise]) -> str:
    overdue = sum(p.overdue for p in rest)
    text = f"and {plural(len(rest), 'more open promise')}"
    return f"{text} ({overdue} overdue)" if overdue else text


def _promise_due(promise: BriefPromise, today: dt.date) -> str:
    """ "due Sun 29 Nov (in 2 days)", "due Fri 27 Nov (today)"."""
    return f"due {_day(promise.due, today)} ({promise.when.removeprefix('due ')})"


def _day(day: dt.date | None, today: dt.date, *, year: bool = False) -> str:
    return short_day(day, today, year=year) if day else ""


def _e(text: str) -> str:
    return html.escape(text, quote=True)
