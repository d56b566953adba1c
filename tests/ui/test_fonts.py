"""An emoji font, when the system has one, stands behind the interface's own."""

from __future__ import annotations

from PySide6.QtGui import QFont

from winwin_desktop.ui import fonts


def test_the_best_installed_emoji_family_is_chosen():
    assert fonts.emoji_family(["DejaVu Sans", "Segoe UI Emoji", "Noto Color Emoji"]) == (
        "Noto Color Emoji"
    )
    assert fonts.emoji_family(["DejaVu Sans"]) is None


def test_the_application_font_falls_back_to_it(qapp, monkeypatch):
    before = QFont(qapp.font())
    try:
        monkeypatch.setattr(fonts.QFontDatabase, "families", lambda: ["Twemoji", "DejaVu Sans"])
        assert fonts.add_emoji_fallback(qapp) == "Twemoji"
        assert qapp.font().families()[-1] == "Twemoji"
        assert qapp.font().families()[0] == before.families()[0]  # the text font first
        monkeypatch.setattr(fonts.QFontDatabase, "families", lambda: ["DejaVu Sans"])
    finally:
        qapp.setFont(before)
    assert fonts.add_emoji_fallback(qapp) is None
    assert qapp.font().families() == before.families()
