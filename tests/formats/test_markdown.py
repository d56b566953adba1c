"""The one Markdown renderer, used by the brief, the reflection preview and search.

Before it there were three (a hand-written one in the brief, Qt's ``setMarkdown`` in the
preview, a regular expression for search snippets) and they disagreed; the cases marked
"was" below are where, and what every view now shows.
"""

from __future__ import annotations

import pytest

from winwin_desktop.formats.markdown import to_html, to_plain, with_headings_at


@pytest.mark.parametrize(
    ("markdown", "html"),
    [
        (
            "Plain *text* and **bold** and `code`",
            "<p>Plain <em>text</em> and <strong>bold</strong> and <code>code</code></p>",
        ),
        ("## Head ##", "<h4>Head</h4>"),
        (
            "- a\n- b\n  - b1\n- c",
            "<ul>\n<li>a</li>\n<li>b\n<ul>\n<li>b1</li>\n</ul>\n</li>\n<li>c</li>\n</ul>",
        ),
        ("1. first\n2. second", "<ol>\n<li>first</li>\n<li>second</li>\n</ol>"),
        # Was: a box in the brief, Qt's own check box in the preview, "[x]" in search.
        ("- [x] done\n- [ ] to do", "<ul>\n<li>☑ done</li>\n<li>☐ to do</li>\n</ul>"),
        ("> quoted\n> more", "<blockquote>\n<p>quoted\nmore</p>\n</blockquote>"),
        ("[site](https://example.org)", '<p><a href="https://example.org">site</a></p>'),
        # Only web, mail and anchor links are links.
        ("[bad](javascript:alert(1))", "<p>[bad](javascript:alert(1))</p>"),
        ("```\n# not a heading\n<b>\n```", "<pre><code># not a heading\n&lt;b&gt;\n</code></pre>"),
        # Was: bold in the preview (Qt reads HTML in Markdown); now shown as typed everywhere.
        (
            "<b>raw</b> & <script>x</script>",
            "<p>&lt;b&gt;raw&lt;/b&gt; &amp; &lt;script&gt;x&lt;/script&gt;</p>",
        ),
        # Was: a paragraph "Context ===" in the brief; a heading in the preview.
        ("Context\n===", "<h4>Context</h4>"),
        ("snake_case_name and 5 * 3", "<p>snake_case_name and 5 * 3</p>"),
    ],
)
def test_notes_as_html(markdown, html):
    assert to_html(markdown, heading_level=4) == html


@pytest.mark.parametrize(
    ("markdown", "plain"),
    [
        ("- Emailed the map\n- Called Ada", "Emailed the map · Called Ada"),
        ("### Next\nFollow up Friday", "Next · Follow up Friday"),
        ("[the deck](https://example.org/deck) is ready", "the deck is ready"),
        ("- [ ] call Ada", "☐ call Ada"),
        # Was: "Context" and "===" as two lines of a snippet.
        ("Context\n===\nMet at the fair", "Context · Met at the fair"),
        # Was: the backslash kept in a snippet.
        (r"5 \* 3 is 15", "5 * 3 is 15"),
        ("", ""),
        (None, ""),
    ],
)
def test_notes_as_one_line_of_plain_text(markdown, plain):
    assert to_plain(markdown) == plain


def test_headings_moved_to_one_level_leave_code_alone():
    text = "# Context\nMet at the fair.\n\nGoals\n---\n\n```\n# a comment\n```"
    assert with_headings_at(text, 4) == (
        "#### Context\nMet at the fair.\n\n#### Goals\n\n```\n# a comment\n```"
    )
