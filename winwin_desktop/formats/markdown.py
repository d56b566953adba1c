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
    tokens = _parser().parse(unicodedata.normalize("NFC", text or ""))
    if heading_level is not None:
        tag = f"h{min(max(heading_level, 1), 6)}"
        for token in tokens:
            if token.type in ("heading_open", "heading_close"):
                token.tag = tag
    return _parser().renderer.render(tokens, _parser().options, {}).strip()


def to_plain(text: str | None) -> str:
    """``text`` (Markdown) as one line of plain text: the marks dropped, its blocks and
    lines joined by " · "."""
    tokens = _parser().parse(unicodedata.normalize("NFC", text or ""))
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
    tokens = _parser().parse(text or "")
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
