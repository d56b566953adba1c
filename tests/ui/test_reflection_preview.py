"""The reflection preview's placeholder is short enough to be read whole."""

from __future__ import annotations


def test_the_reflection_preview_placeholder_fits(window):
    preview = window.today_page.editor.preview
    assert preview.placeholderText() == "Preview"
    width = preview.fontMetrics().horizontalAdvance(preview.placeholderText())
    assert width < preview.viewport().width()
