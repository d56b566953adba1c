"""A note reads the same in the reflection preview, in search and in the brief: one
Markdown renderer for all three."""

from __future__ import annotations

import datetime as dt

from winwin_desktop.formats.brief.model import BriefData, PersonBrief
from winwin_desktop.formats.brief.text import to_html
from winwin_desktop.formats.markdown import to_plain

NOTE = "# Friday\n- [x] sent the deck\n- [ ] call Ada\n\n<b>raw</b> stays as typed"


def test_the_preview_the_brief_and_search_agree(window, qtbot):
    editor = window.today_page.editor
    editor.editor.setPlainText(NOTE)
    editor.show_pane(1)  # Today's one pane, formatted (the Write/Preview toggle)
    qtbot.waitUntil(lambda: "sent the deck" in editor.preview.toPlainText(), timeout=3000)
    preview = editor.preview.toPlainText()
    brief = to_html(BriefData(dt.date(2026, 11, 27), [PersonBrief(1, "Ada", notes=NOTE)]))

    for seen in ("☑ sent the deck", "☐ call Ada", "<b>raw</b> stays as typed"):
        assert seen in preview
        assert seen in to_plain(NOTE)
    assert "<li>☑ sent the deck</li>" in brief
    assert "&lt;b&gt;raw&lt;/b&gt; stays as typed" in brief
    # The heading is a heading in both, not a line starting with "#".
    assert "# Friday" not in preview
    block = editor.preview.document().begin()
    assert block.text() == "Friday" and block.blockFormat().headingLevel() == 1
