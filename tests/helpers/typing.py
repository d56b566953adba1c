"""Typing text the way a user does, accents included (QTest.keyClicks only knows ASCII)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest


def type_text(widget, text: str) -> None:
    for char in text:
        if char.isascii():
            QTest.keyClicks(widget, char)
        else:
            QTest.sendKeyEvent(QTest.KeyAction.Press, widget, Qt.Key_unknown, char, Qt.NoModifier)
            QTest.sendKeyEvent(QTest.KeyAction.Release, widget, Qt.Key_unknown, char, Qt.NoModifier)
