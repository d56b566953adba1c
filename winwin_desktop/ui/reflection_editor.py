"""The day's reflection: a Markdown editor with @mention completion, a live preview and
autosave (at most 2 s after typing stops, and at least every 4 s while typing)."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QStringListModel, Qt, QTimer, Signal
from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import (
    QCompleter,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QSplitter,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from winwin_desktop.formats import markdown
from winwin_desktop.journal import people, reflections
from winwin_desktop.journal.opening import WRITE_ERRORS
from winwin_desktop.text import fold

IDLE_SAVE_MS = 1500  # after typing stops
LONGEST_UNSAVED_MS = 4000  # while typing goes on


class MentionEdit(QPlainTextEdit):
    """A plain-text editor that completes people's names after ``@``."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.completer = QCompleter(self)
        self.completer.setWidget(self)
        # Matching is ours, folded as everywhere else (soren finds Søren), so the completer
        # only shows what we hand it.
        self.completer.setCompletionMode(QCompleter.UnfilteredPopupCompletion)
        self.completer.activated.connect(self.insert_mention)
        self._model = QStringListModel(self)
        self.completer.setModel(self._model)
        self._names: list[tuple[str, str]] = []  # (folded, name), in the order shown

    def set_names(self, names: list[str]) -> None:
        self._names = sorted((fold(name), name) for name in names)

    def _typed_mention(self) -> str | None:
        """The text after the ``@`` the cursor is in, or None outside a mention."""
        cursor = self.textCursor()
        block = cursor.block().text()[: cursor.positionInBlock()]
        at = block.rfind("@")
        if at < 0 or (at > 0 and (block[at - 1].isalnum() or block[at - 1] in "@.")):
            return None
        typed = block[at + 1 :]
        if len(typed) > 40 or "\n" in typed or typed.count(" ") > 3:
            return None
        return typed

    def insert_mention(self, name: str) -> None:
        typed = self._typed_mention()
        cursor = self.textCursor()
        if typed is not None:
            cursor.movePosition(QTextCursor.Left, QTextCursor.KeepAnchor, len(typed))
        cursor.insertText(name + " ")
        self.setTextCursor(cursor)
        self.completer.popup().hide()

    def keyPressEvent(self, event) -> None:
        popup = self.completer.popup()
        if popup.isVisible() and event.key() in (
            Qt.Key_Enter,
            Qt.Key_Return,
            Qt.Key_Escape,
            Qt.Key_Tab,
            Qt.Key_Backtab,
        ):
            if event.key() in (Qt.Key_Enter, Qt.Key_Return, Qt.Key_Tab):
                current = popup.currentIndex()
                chosen = current.data() if current.isValid() else self.completer.currentCompletion()
                if chosen:
                    self.insert_mention(chosen)
                    return
            popup.hide()
            if event.key() == Qt.Key_Escape:
                return
        super().keyPressEvent(event)
        typed = self._typed_mention()
        if typed is None or (not typed and event.text() != "@"):
            popup.hide()
            return
        wanted = fold(typed)
        self._model.setStringList([name for folded, name in self._names if wanted in folded])
        if self._model.rowCount() == 0:
            popup.hide()
            return
        self.completer.setCurrentRow(0)
        rect = self.cursorRect()
        rect.setWidth(260)
        self.completer.complete(rect)


class ReflectionEditor(QWidget):
    """Edits one day's reflection; the text is saved by itself."""

    saved = Signal(dt.date)
    save_failed = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.day = dt.date.today()
        self._saved_text = ""
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.editor = MentionEdit()
        self.editor.setPlaceholderText(
            "How did today go? Who did you help, who helped you? Type @ to mention someone. "
            "Markdown works: **bold**, - lists, ### headings."
        )
        self.editor.setTabChangesFocus(True)
        self.editor.setAccessibleName("Reflection")
        self.preview = QTextBrowser()
        self.preview.setOpenLinks(False)
        self.preview.setPlaceholderText("Preview")
        self.splitter = QSplitter()
        self.splitter.addWidget(self.editor)
        self.splitter.addWidget(self.preview)
        self.splitter.setSizes([560, 340])
        layout.addWidget(self.splitter, 1)
        status = QHBoxLayout()
        self.mentions = QLabel()
        self.mentions.setStyleSheet("color: palette(placeholder-text);")
        self.status = QLabel()
        self.status.setStyleSheet("color: palette(placeholder-text);")
        status.addWidget(self.mentions, 1)
        status.addWidget(self.status)
        layout.addLayout(status)

        self.idle_timer = QTimer(self, singleShot=True, interval=IDLE_SAVE_MS)
        self.idle_timer.timeout.connect(self.save)
        self.longest_timer = QTimer(self, singleShot=True, interval=LONGEST_UNSAVED_MS)
        self.longest_timer.timeout.connect(self.save)
        self.preview_timer = QTimer(self, singleShot=True, interval=250)
        self.preview_timer.timeout.connect(self._render_preview)
        self.editor.textChanged.connect(self._typed)

    # loading and saving -----------------------------------------------------------------

    def load(self, day: dt.date) -> None:
        """Show ``day``'s reflection, saving the one being edited first."""
        self.save()
        self.day = day
        self.editor.set_names([name for _, name in people.people_names()])
        found = reflections.get_reflection(day)
        self._saved_text = found.text
        self.editor.blockSignals(True)
        self.editor.setPlainText(found.text)
        self.editor.blockSignals(False)
        self.editor.moveCursor(QTextCursor.End)
        self._render_preview()
        self._show_mentions(found.mentions, [])
        self.status.setText("")

    def forget(self) -> None:
        """Drop what is in the editor without saving (the journal was replaced), and
        read the day again."""
        self.idle_timer.stop()
        self.longest_timer.stop()
        self._saved_text = self.editor.toPlainText()
        self.load(self.day)

    @property
    def is_dirty(self) -> bool:
        return self.editor.toPlainText() != self._saved_text

    def save(self) -> bool:
        """Write the text if it changed; on failure keep it in the editor and say so."""
        self.idle_timer.stop()
        self.longest_timer.stop()
        if not self.is_dirty:
            return True
        text = self.editor.toPlainText()
        try:
            result = reflections.save_reflection(self.day, text)
        except WRITE_ERRORS as error:
            message = (
                "Could not save the reflection — your text is still here. "
                f"Free some disk space or check the journal's folder, then keep typing ({error})."
            )
            self.status.setText("Not saved")
            self.save_failed.emit(message)
            return False
        self._saved_text = text
        self.status.setText(f"Saved {dt.datetime.now():%H:%M:%S}")
        self._show_mentions(result.mentions, result.unknown_mentions)
        self.saved.emit(self.day)
        return True

    def _typed(self) -> None:
        self.status.setText("Editing…")
        self.idle_timer.start()
        if not self.longest_timer.isActive():
            self.longest_timer.start()
        self.preview_timer.start()

    def _render_preview(self) -> None:
        self.preview.setHtml(markdown.to_html(self.editor.toPlainText()))

    def _show_mentions(self, mentions: list[tuple[int, str]], unknown: list[str]) -> None:
        parts = []
        if mentions:
            parts.append("Mentions: " + ", ".join(name for _, name in mentions))
        if unknown:
            parts.append(
                "Nobody called "
                + ", ".join(f"“@{w}”" for w in unknown)
                + " — add them or drop the @"
            )
        self.mentions.setText(" · ".join(parts))
