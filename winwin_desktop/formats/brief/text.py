"""The meeting brief as Markdown and as HTML, from :class:`.model.BriefData`.

Pure text: no Qt, no database, no matplotlib. The balance chart is drawn elsewhere and
handed in as a :class:`ChartImage` per person (a file next to the Markdown; a ``data:``
URI or a document resource in HTML). The HTML keeps to what both browsers and Qt's
``QTextDocument`` (the PDF writer and the Brief tab) understand: simple tables, class
selectors and inline colours.

Both formats have the same sections, in the same order, under the same headings: who
the person is; the win-win status and the chart; talking points; the last five
interactions; what was given and received in the last 12 months; open promises both
ways; notes.
"""

from __future__ import annotations

import base64
import datetime as dt
import html
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from winwin_desktop.analytics import GIVEN
from winwin_desktop.formats.brief.model import (
    BriefData,
    BriefExchange,
    BriefInteraction,
    BriefPromise,
    PersonBrief,
)
from winwin_desktop.formats.markdown import to_html as notes_html
from winwin_desktop.formats.markdown import with_headings_at
from winwin_desktop.text import plural
from winwin_desktop.text import slug as text_slug

STATUS = "Win-win status"
TALKING_POINTS = "Talking points"
GIVEN_RECEIVED = "Given and received in the last 12 months"
PROMISES = "Open promises"
NOTES = "Notes"
NO_PROMISES = "No open promises either way."
# Lines shown per side in "given and received"; the rest are summed up in one line.
MAX_VALUE_LINES = 8
# Open promises shown each way, the most overdue first; the rest are counted.
MAX_PROMISE_LINES = 10
_COUNT_WORDS = {1: "", 2: " two", 3: " three", 4: " four", 5: " five"}

GIVEN_COLOUR = "#0072B2"
RECEIVED_COLOUR = "#D55E00"
OVERDUE_COLOUR = "#b3261e"
MUTED_COLOUR = "#5b616b"
TEXT_COLOUR = "#1d2026"
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
    """ "Last five interactions", "Last two interactions", "Last interaction"."""
    if count == 0:
        return "Interactions"
    if count == 1:
        return "Last interaction"
    return f"Last{_COUNT_WORDS.get(count, f' {count}')} interactions"


def document_title(brief: BriefData) -> str:
    if len(brief.people) == 1:
        return f"Brief: {brief.people[0].name}"
    return f"Meeting brief: {_join(brief.names)}"


def slug(text: str) -> str:
    """Lower-case ASCII words joined by hyphens: "Zoë Brontë-Nuñez" → "zoe-bronte-nunez"."""
    return text_slug(text) or "person"


def chart_file_name(person: PersonBrief) -> str:
    """The PNG written next to a Markdown brief for ``person``'s chart."""
    return f"{slug(person.name)}-balance.png"


def chart_alt(person: PersonBrief) -> str:
    return f"Points given and received with {person.name} over time"


# ---- Markdown -----------------------------------------------------------------------------


def to_markdown(brief: BriefData, charts: Mapping[int, str] | None = None) -> str:
    """The brief as Markdown; ``charts`` maps person ids to their chart's file name."""
    charts = charts or {}
    several = len(brief.people) > 1
    lines: list[str] = []
    if several:
        lines += ["# Meeting brief", "", f"*{_meeting_line(brief)}*", ""]
        for person in brief.people:
            lines.append(f"- **{person.name}** — {_summary_line(person)}")
        lines.append("")
    for person in brief.people:
        lines += _person_markdown(person, brief, charts.get(person.person_id), several)
    return "\n".join(lines).rstrip() + "\n"


def _person_markdown(
    person: PersonBrief, brief: BriefData, chart: str | None, several: bool
) -> list[str]:
    top = "##" if several else "#"
    sub = top + "#"
    today = brief.today
    lines = [f"{top} {person.name}", ""]
    if _subtitle(person):
        lines += [_subtitle(person), ""]
    lines += [f"- **{label}:** {value}" for label, value in _facts(person, today)]
    if not several:
        lines += ["", f"*Brief prepared on {_day(today)}.*"]
    lines += ["", f"{sub} {STATUS}: {person.status}", "", person.explanation, ""]
    if chart:
        lines += [f"![{chart_alt(person)}]({chart})", ""]

    lines += [f"{sub} {TALKING_POINTS}", ""]
    if person.talking_points.strip():
        lines += [with_headings_at(person.talking_points.strip(), len(sub) + 1), ""]
    if person.suggestions:
        lines += ["From the journal:", ""] if person.talking_points.strip() else []
        lines += [f"- {text}" for text in person.suggestions] + [""]
    elif not person.talking_points.strip():
        lines += ["Nothing stands out; add your own in the person's profile.", ""]

    lines += [f"{sub} {interactions_heading(len(person.last_interactions))}", ""]
    for item in person.last_interactions:
        lines.append(f"- **{_day(item.day)}** · {_interaction_title(item)}")
        lines += [f"  - {_exchange_text(e)}" for e in item.exchanges]
    if not person.last_interactions:
        lines.append("Nothing logged with them yet.")
    lines.append("")

    lines += [f"{sub} {GIVEN_RECEIVED}", ""]
    for heading, exchanges in _value_sides(person):
        lines += [f"**{heading}**", ""] if exchanges else [f"**{heading}**"]
        lines += [f"- {_value_text(e)}" for e in exchanges[:MAX_VALUE_LINES]]
        if len(exchanges) > MAX_VALUE_LINES:
            lines.append(f"- {_rest_text(exchanges[MAX_VALUE_LINES:])}")
        lines.append("")

    lines += [f"{sub} {PROMISES}", ""]
    for heading, owed in _promise_sides(person):
        lines += [f"**{heading}**", ""]
        lines += [f"- {_promise_markdown(p)}" for p in owed[:MAX_PROMISE_LINES]]
        if len(owed) > MAX_PROMISE_LINES:
            lines.append(f"- {_more_promises(owed[MAX_PROMISE_LINES:])}")
        if not owed:
            lines.append("- Nothing open.")
        lines.append("")
    if not _promise_sides(person):
        lines += [NO_PROMISES, ""]

    lines += [f"{sub} {NOTES}", ""]
    notes = person.notes.strip()
    lines += [with_headings_at(notes, len(sub) + 1) if notes else "No notes yet.", ""]
    return lines


def _promise_markdown(promise: BriefPromise) -> str:
    if promise.overdue:
        return f"**{promise.when.capitalize()}:** {promise.text} (was due {_day(promise.due)})"
    return f"{promise.text} — {_promise_due(promise)}" if promise.due else promise.text


# ---- HTML ---------------------------------------------------------------------------------

_CSS = f"""
body {{ font-family: "Noto Sans", "Segoe UI", "Helvetica Neue", Arial, "DejaVu Sans", sans-serif;
  font-size: 10.5pt; color: {TEXT_COLOUR}; background-color: #ffffff; line-height: 128%; }}
h1 {{ font-size: 19pt; font-weight: 600; margin-top: 0; margin-bottom: 2px; }}
h2 {{ font-size: 14pt; font-weight: 600; margin-top: 16px; margin-bottom: 5px; }}
h3 {{ font-size: 12pt; font-weight: 600; margin-top: 14px; margin-bottom: 4px; }}
h4, h5, h6 {{ font-size: 10.5pt; font-weight: 600; margin-top: 10px; margin-bottom: 2px; }}
p {{ margin-top: 4px; margin-bottom: 4px; }}
ul {{ margin-top: 2px; margin-bottom: 6px; }}
li {{ margin-bottom: 2px; }}
td {{ padding-right: 14px; padding-bottom: 3px; vertical-align: top; }}
.subtitle {{ font-size: 12pt; color: {MUTED_COLOUR}; margin-top: 0; margin-bottom: 8px; }}
.muted {{ color: {MUTED_COLOUR}; }}
.label {{ color: {MUTED_COLOUR}; }}
.prepared {{ color: {MUTED_COLOUR}; margin-top: 8px; }}
.status {{ font-weight: 600; }}
.side {{ font-size: 10.5pt; margin-top: 10px; margin-bottom: 2px; }}
.given {{ color: {GIVEN_COLOUR}; font-weight: 600; }}
.received {{ color: {RECEIVED_COLOUR}; font-weight: 600; }}
.overdue {{ color: {OVERDUE_COLOUR}; font-weight: 600; }}
.date {{ font-weight: 600; white-space: nowrap; }}
.chart {{ line-height: 100%; margin-top: 8px; margin-bottom: 4px; }}
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
    which has its own page, goes without it.
    """
    charts = charts or {}
    photos = photo_images(brief) if photos is None else photos
    several = len(brief.people) > 1
    body: list[str] = []
    if several:
        body += [
            "<h1>Meeting brief</h1>",
            f'<p class="subtitle">{_e(_meeting_line(brief))}</p>',
            '<table class="facts" cellspacing="0" cellpadding="0">',
        ]
        for person in brief.people:
            body.append(
                f"<tr><td><b>{_e(person.name)}</b></td><td>{_e(_summary_line(person))}</td></tr>"
            )
        body.append("</table>")
    for index, person in enumerate(brief.people):
        body += _person_html(
            person,
            brief,
            charts.get(person.person_id),
            several,
            index,
            photos.get(person.person_id),
            (status_colours or {}).get(person.status, PLAIN_PILL),
        )
    return (
        '<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{_e(document_title(brief))}</title>\n"
        f"<style>{_CSS}{_PAGE_CSS if standalone else ''}</style>\n</head>\n"
        "<body>\n" + "\n".join(body) + "\n</body>\n</html>\n"
    )


def _person_html(
    person: PersonBrief,
    brief: BriefData,
    chart: ChartImage | None,
    several: bool,
    index: int,
    photo: ChartImage | None = None,
    pill: tuple[str, str] = PLAIN_PILL,
) -> list[str]:
    top, sub = ("h2", "h3") if several else ("h1", "h2")
    today = brief.today
    # In a meeting brief each person after the first starts on a new printed page.
    breaks = ' style="page-break-before: always"' if index else ""
    minor = f"h{int(sub[1]) + 1}"
    out = [f"<{top}{breaks}>{_e(person.name)}</{top}>"]
    if photo:
        # Floated right of the name and the facts below it (browsers and Qt alike).
        height = f' height="{photo.height}"' if photo.height else ""
        out.insert(
            0 if not index else 1,
            f'<img class="photo" src="{_e(photo.src)}" width="{photo.width}"{height} '
            f'alt="{_e(person.name)}" style="float: right; margin-left: 12px;">',
        )
    if _subtitle(person):
        out.append(f'<p class="subtitle">{_e(_subtitle(person))}</p>')
    facts = _facts(person, today)
    if facts:
        out.append('<table class="facts" cellspacing="0" cellpadding="0">')
        out += [
            f'<tr><td class="label">{_e(label)}</td><td>{_e(value)}</td></tr>'
            for label, value in facts
        ]
        out.append("</table>")
    if not several:
        out.append(f'<p class="prepared">Brief prepared on {_day(today)}.</p>')

    background, foreground = pill
    out += [
        f"<{sub}>{STATUS}</{sub}>",
        f'<p><span class="status" style="background-color: {background}; '
        f'color: {foreground};">&nbsp;{_e(person.status)}&nbsp;</span>'
        f"&nbsp; {_e(person.explanation)}</p>",
    ]
    if chart:
        out.append(
            f'<p class="chart"><img src="{_e(chart.src)}" width="{chart.width}" '
            f'height="{chart.height}" alt="{_e(chart_alt(person))}"></p>'
        )

    out.append(f"<{sub}>{TALKING_POINTS}</{sub}>")
    own = person.talking_points.strip()
    if own:
        out.append(notes_html(own, heading_level=int(sub[1]) + 1))
    if person.suggestions:
        if own:
            out.append('<p class="muted">From the journal:</p>')
        out.append("<ul>" + "".join(f"<li>{_e(s)}</li>" for s in person.suggestions) + "</ul>")
    elif not own:
        out.append(
            '<p class="muted">Nothing stands out; add your own in the person\'s profile.</p>'
        )

    out.append(f"<{sub}>{interactions_heading(len(person.last_interactions))}</{sub}>")
    if person.last_interactions:
        out.append('<table class="facts" cellspacing="0" cellpadding="0">')
        for item in person.last_interactions:
            details = "".join(f"<br>{_exchange_html(e)}" for e in item.exchanges)
            out.append(
                f'<tr><td class="date">{_day(item.day)}</td>'
                f"<td>{_e(_interaction_title(item))}{details}</td></tr>"
            )
        out.append("</table>")
    else:
        out.append('<p class="muted">Nothing logged with them yet.</p>')

    out.append(f"<{sub}>{GIVEN_RECEIVED}</{sub}>")
    for (heading, exchanges), css in zip(_value_sides(person), ("given", "received"), strict=True):
        out.append(f'<{minor} class="side {css}">{_e(heading)}</{minor}>')
        items = [f"<li>{_value_html(e)}</li>" for e in exchanges[:MAX_VALUE_LINES]]
        if len(exchanges) > MAX_VALUE_LINES:
            items.append(f'<li class="muted">{_e(_rest_text(exchanges[MAX_VALUE_LINES:]))}</li>')
        if items:
            out.append(f"<ul>{''.join(items)}</ul>")

    out.append(f"<{sub}>{PROMISES}</{sub}>")
    if not _promise_sides(person):
        out.append(f'<p class="muted">{NO_PROMISES}</p>')
    for heading, owed in _promise_sides(person):
        out.append(f'<{minor} class="side">{heading}</{minor}>')
        if owed:
            items = [f"<li>{_promise_html(p)}</li>" for p in owed[:MAX_PROMISE_LINES]]
            if len(owed) > MAX_PROMISE_LINES:
                items.append(f'<li class="muted">{_more_promises(owed[MAX_PROMISE_LINES:])}</li>')
            out.append(f"<ul>{''.join(items)}</ul>")
        else:
            out.append('<p class="muted">Nothing open.</p>')

    out.append(f"<{sub}>{NOTES}</{sub}>")
    notes = person.notes.strip()
    out.append(
        notes_html(notes, heading_level=int(sub[1]) + 1)
        if notes
        else '<p class="muted">No notes yet.</p>'
    )
    return out


def _exchange_html(exchange: BriefExchange) -> str:
    css = "given" if exchange.direction == GIVEN else "received"
    verb = "gave" if exchange.direction == GIVEN else "received"
    rest = _e(_exchange_text(exchange).removeprefix(verb))
    return f'<span class="{css}">{verb}</span>{rest}'


def _value_html(exchange: BriefExchange) -> str:
    what = _e(exchange.category)
    if exchange.description:
        what += f" — {_e(exchange.description)}"
    return f'<b>{plural(exchange.points, "point")}</b> · {what} · <span class="muted">{_day(exchange.day)}</span>'


def _promise_html(promise: BriefPromise) -> str:
    if promise.overdue:
        return (
            f'<span class="overdue">{_e(promise.when.capitalize())}:</span> {_e(promise.text)} '
            f'<span class="muted">(was due {_day(promise.due)})</span>'
        )
    return f"{_e(promise.text)} — {_promise_due(promise)}" if promise.due else _e(promise.text)


# ---- shared wording -----------------------------------------------------------------------


def _facts(person: PersonBrief, today: dt.date) -> list[tuple[str, str]]:
    """(label, text) of the header facts the journal holds; missing ones are left out."""
    facts = []
    met = " — ".join(
        part
        for part in (person.how_met, f"on {_day(person.met_on)}" if person.met_on else "")
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
    return f"{_day(person.last_contact)} ({ago}; keep in touch every {person.cadence_days} days)"


def _subtitle(person: PersonBrief) -> str:
    return " · ".join(part for part in (person.role, person.organisation) if part)


def _meeting_line(brief: BriefData) -> str:
    return f"{len(brief.people)} people · prepared on {_day(brief.today)}"


def _summary_line(person: PersonBrief) -> str:
    return " · ".join(part for part in (_subtitle(person), person.status) if part)


def _interaction_title(item: BriefInteraction) -> str:
    detail = item.kind + (f", with {_join(item.others)}" if item.others else "")
    return f"{item.title} ({detail})"


def _exchange_text(exchange: BriefExchange) -> str:
    verb = "gave" if exchange.direction == GIVEN else "received"
    text = f"{verb} {plural(exchange.points, 'point')} · {exchange.category}"
    return f"{text} — {exchange.description}" if exchange.description else text


def _value_sides(person: PersonBrief) -> list[tuple[str, list[BriefExchange]]]:
    return [
        (f"You gave {plural(person.given_points, 'point')}", person.given),
        (f"You received {plural(person.received_points, 'point')}", person.received),
    ]


def _promise_sides(person: PersonBrief) -> list[tuple[str, list[BriefPromise]]]:
    """ "You owe" and "They owe" with their promises; none when nothing is open."""
    if not person.i_owe and not person.they_owe:
        return []
    return [("You owe", person.i_owe), ("They owe", person.they_owe)]


def _value_text(exchange: BriefExchange) -> str:
    what = exchange.category + (f" — {exchange.description}" if exchange.description else "")
    return f"{plural(exchange.points, 'point')} · {what} · {_day(exchange.day)}"


def _rest_text(rest: Sequence[BriefExchange]) -> str:
    noun = "exchange" if len(rest) == 1 else "exchanges"
    return f"and {len(rest)} more {noun} ({plural(sum(e.points for e in rest), 'point')})"


def _more_promises(rest: Sequence[BriefPromise]) -> str:
    overdue = sum(p.overdue for p in rest)
    text = f"and {len(rest)} more open promise{'s' if len(rest) != 1 else ''}"
    return f"{text} ({overdue} overdue)" if overdue else text


def _promise_due(promise: BriefPromise) -> str:
    """ "due 2026-11-29 (in 2 days)", "due 2026-11-27 (today)"."""
    return f"due {_day(promise.due)} ({promise.when.removeprefix('due ')})"


def _day(day: dt.date | None) -> str:
    return day.isoformat() if day else ""


def _join(names: Sequence[str]) -> str:
    names = list(names)
    return names[0] if len(names) == 1 else f"{', '.join(names[:-1])} and {names[-1]}"


def _e(text: str) -> str:
    return html.escape(text, quote=True)
