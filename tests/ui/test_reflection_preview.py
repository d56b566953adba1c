"""The reflection's formatted view says plainly when nothing is written, in one line."""

from __future__ import annotations


def test_the_reflection_preview_placeholder_fits(window):
    from winwin_desktop.journal import people
    from winwin_desktop.ui.main_window import TODAY

    people.add_person("Ada")  # (an empty journal shows the welcome page instead)
    window.show_page(TODAY)
    window.today_page.editor.preview_button.click()
    preview = window.today_page.editor.preview
    assert preview.isVisible()
    assert preview.placeholderText() == "Nothing written for this day yet."
    width = preview.fontMetrics().horizontalAdvance(preview.placeholderText())
    assert width < preview.viewport().width()
