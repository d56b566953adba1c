"""The one Markdown renderer: notes, talking points and reflections as HTML, or as one
line of plain text, the same way everywhere (the brief, the reflection preview, search
snippets and the timeline).

CommonMark through markdown-it-py, with raw HTML shown as typed (escaped) and links
only to the web, mail and anchors. A task item ("- [ ] call Ada", "- [x] sent") shows a
box, ☐ or ☑. No Qt, no database.
"""

from __future__ import annotations

import re
import unicodedata
from functools import cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from markdown_it import MarkdownIt
    from markdown_it.token import Token

# Lines and blocks of a note on one line, as a snippet shows them.
LINE_SEPARATOR = " · "
_SAFE_LINK = re.compile(r"^(https?://|mailto:|#)", re.IGNORECASE)
_TASK = re.compile(r"^\[([ xX])\]\s+")


@cache
def _parser() -> MarkdownIt:
    from markdown_it import MarkdownIt  # loaded with the first note rendered

    parser = MarkdownIt("commonmark", {"html": False})
    parser.validateLink = lambda url: bool(_SAFE_LINK.match(url.strip()))
    parser.core.ruler.push("task_boxes", _task_boxes)
    return parser


def _parse(text: str) -> list[Token]:
    """The tokens of ``text``; none for no text, without loading markdown-it (most
    people and conversations have no notes, and a brief should not wait for it)."""
    return _parser().parse(text) if text else []


def _task_boxes(state) -> None:
    """ "[ ] " or "[x] " opening a list item becomes ☐ or ☑."""
    tokens = state.tokens
    for index, token in enumerate(tokens):
        if token.type != "inline" or index < 2 or tokens[index - 2].type != "list_item_open":
            continue
        first = token.children[0] if token.children else None
        if first is not None and first.type == "text" and (match := _TASK.match(first.content)):
            box = "☑ " if match.group(1) in "xX" else "☐ "
            first.content = box + first.content[match.end() :]


def to_html(text: str, heading_level: int | None = None) -> str:
    """``text`` (Markdown) as HTML; with ``heading_level`` every heading is at that level,
    so that a person's own "# Context" sits under the section that shows it."""
    tokens = _parse(unicodedata.normalize("NFC", text or ""))
    if not tokens:
        return ""
    if heading_level is not None:
        tag = f"h{min(max(heading_level, 1), 6)}"
        for token in tokens:
            if token.type in ("heading_open", "heading_close"):
                token.tag = tag
    return _parser().renderer.render(tokens, _parser().options, {}).strip()


def to_plain(text: str | None) -> str:
    """``text`` (Markdown) as one line of plain text: the marks dropped, its blocks and
    lines joined by " · "."""
    tokens = _parse(unicodedata.normalize("NFC", text or ""))
    lines: list[str] = []
    for token in tokens:
        if token.type == "inline":
            lines += _inline_lines(token.children or [])
        elif token.type in ("fence", "code_block"):
            lines += token.content.splitlines()
    lines = [" ".join(line.split()) for line in lines]
    return LINE_SEPARATOR.join(line for line in lines if line)


def _inline_lines(children: list[Token]) -> list[str]:
    lines, current = [], []
    for child in children:
        if child.type in ("softbreak", "hardbreak"):
            lines.append("".join(current))
            current = []
        elif child.type in ("text", "code_inline") or child.type == "image":
            current.append(child.content)
    lines.append("".join(current))
    return lines


def with_headings_at(text: str, level: int) -> str:
    """Markdown ``text`` with every heading written as an ATX heading at ``level`` (code
    blocks untouched), so that a note's own "# Context" sits under the section of a
    Markdown document that quotes it."""
    lines = (text or "").splitlines()
    replaced: dict[int, tuple[int, str]] = {}  # first line -> (lines it spans, new line)
    tokens = _parse(text or "")
    for index, token in enumerate(tokens):
        if token.type == "heading_open" and token.map:
            start, end = token.map
            title = tokens[index + 1].content
            replaced[start] = (end - start, f"{'#' * min(max(level, 1), 6)} {title}")
    out, number = [], 0
    while number < len(lines):
        if number in replaced:
            span, line = replaced[number]
            out.append(line)
            number += span
        else:
            out.append(lines[number])
            number += 1
    return "\n".join(out)


def take_section(text: str, heading: str) -> tuple[list[str], str]:
    """The items under the heading called ``heading`` (any level, any case) as plain
    text, one per list item or paragraph, and ``text`` without that section."""
    lines = (text or "").splitlines()
    tokens = _parse(text or "")
    wanted = " ".join(heading.split()).casefold()
    start = end = None
    level = 0
    for index, token in enumerate(tokens):
        if token.type != "heading_open" or not token.map:
            continue
        if start is None and " ".join(tokens[index + 1].content.split()).casefold() == wanted:
            start, level = index, int(token.tag[1])
        elif start is not None and int(token.tag[1]) <= level:
            end = index
            break
    if start is None:
        return [], text or ""
    section = tokens[start + 3 : end]  # after the heading's open, inline and close
    found = [plain for plain in (to_plain(s) for s in _item_sources(section, lines)) if plain]
    first = tokens[start].map[0]
    last = tokens[end].map[0] if end is not None else len(lines)
    rest = "\n".join(lines[:first] + lines[last:]).strip()
    return found, rest


def _item_sources(tokens: list[Token], lines: list[str]) -> list[str]:
    """The Markdown source of each list item and top paragraph among ``tokens``."""
    sources, depth = [], 0
    for token in tokens:
        if token.type in ("bullet_list_open", "ordered_list_open"):
            depth += 1
        elif token.type in ("bullet_list_close", "ordered_list_close"):
            depth -= 1
        elif token.type == "paragraph_open" and token.map and depth <= 1:
            sources.append("\n".join(lines[token.map[0] : token.map[1]]))
    return sources


def items(text: str) -> list[str]:
    """``text`` (Markdown) as a list of plain-text items: one per list item or paragraph
    (headings left out), e.g. the lines of a talking-points field."""
    lines = (text or "").splitlines()
    sources = _item_sources(_parse(text or ""), lines)
    return [plain for plain in (to_plain(source) for source in sources) if plain]
