"""The plain text of a Markdown note, as a search snippet or a timeline row shows it."""

from __future__ import annotations

import pytest

from winwin_desktop.journal.search import plain_text


@pytest.mark.parametrize(
    ("markdown", "plain"),
    [
        ("_Follow up in two weeks._", "Follow up in two weeks."),
        ("*Done!*", "Done!"),
        (
            "She said *yes*, then _maybe_; later **no**: fine",
            "She said yes, then maybe; later no: fine",
        ),
        ("(see *this*)", "(see this)"),
        ("_Why not?_ Ask.", "Why not? Ask."),
        ("- Emailed the map\n- Called Ada", "Emailed the map · Called Ada"),
        ("### Next\nFollow up Friday", "Next · Follow up Friday"),
        ("a snake_case name and 5 * 3", "a snake_case name and 5 * 3"),
    ],
)
def test_markdown_marks_are_dropped_after_punctuation_too(markdown, plain):
    assert plain_text(markdown) == plain
