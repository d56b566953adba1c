"""The day's reflection: a Markdown editor with @mentions shown as links, a Write/Preview
toggle and autosave (at most 2 s after typing stops, and at least every 4 s while typing)."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QModelIndex, QStringListModel, Qt, QTimer, QUrl, Signal
from PySide6.QtGui import (
    QKeySequence,
    QPalette,
    QShortcut,
    QSyntaxHighlighter,
    QTextCharFormat,
    QTextCursor,
)
from PySide6.QtWidgets import (
    QApplication,
    QButtonGroup,
    QCompleter,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QStackedWidget,
    QTextBrowser,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from winwin_desktop.formats import markdown
from winwin_desktop.journal import people, reflections, today
from winwin_desktop.journal.opening import WRITE_ERRORS
from winwin_desktop.text import fold, words

IDLE_SAVE_MS = 1500  # after typing stops
LONGEST_UNSAVED_MS = 4000  # while typing goes on
PERSON_SCHEME = "winwin-person"  # the preview's links to people: winwin-person:ID
TOGGLE_KEYS = "Ctrl+Shift+P"


def _people_mentioned(
    text: str, names: list[tuple[int, str]] | reflections.MentionNames
) -> list[tuple[int, int, int]]:
    """The @mentions of someone in ``text`` (start of the @, end, person id)."""
    return [span for span in reflections.mention_spans(text, names) if span[2] is not None]


class MentionHighlighter(QSyntaxHighlighter):
    """Shows each @mention of someone in the link colour, as the preview does."""

    def __init__(self, editor: MentionEdit) -> None:
        super().__init__(editor.document())
        self.editor = editor

    def highlightBlock(self, text: str) -> None:  # noqa: N802 (Qt's name)
        if "@" not in text:
            return
        link = QTextCharFormat()
        link.setForeground(QApplication.palette().color(QPalette.Link))
        for start, end, _person in _people_mentioned(text, self.editor.known):
            self.setFormat(start, end - start, link)


class MentionEdit(QPlainTextEdit):
    """A plain-text editor that completes people's names after ``@`` and treats each
    mention as one thing: a click or Enter on it opens the person, Backspace or Delete
    at its edge removes it whole."""

    person_activated = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.completer = QCompleter(self)
        self.completer.setWidget(self)
        # Matching is ours (any word's start, folded as everywhere else: soren finds
        # Søren), so the completer only shows what we hand it.
        self.completer.setCompletionMode(QCompleter.UnfilteredPopupCompletion)
        self.completer.activated.connect(self.insert_mention)
        self._model = QStringListModel(self)
        self.completer.setModel(self._model)
        self.known = reflections.MentionNames([])
        # Everyone, or only the people the day's reflection mentions until everyone's
        # names are read (they are enough to show its mentions as links).
        self.everyone = False
        self._choices: list[tuple[list[str], str]] | None = None  # (folded words, as written)
        self._completed = False  # a space typed right after a completion is not doubled
        self.highlighter = MentionHighlighter(self)

    @property
    def people(self) -> list[tuple[int, str]]:
        return self.known.names

    def set_people(
        self, names: list[tuple[int, str]] | reflections.MentionNames, everyone: bool = True
    ) -> None:
        """The people who can be mentioned (``everyone``, or only some of them so far)."""
        self.known = (
            names
            if isinstance(names, reflections.MentionNames)
            else reflections.MentionNames(names)
        )
        self.everyone = everyone
        self._choices = None  # made when first completing
        # Colours, not an edit: no "Editing…" and no autosave for it.
        blocked = self.blockSignals(True)
        self.highlighter.rehighlight()
        self.blockSignals(blocked)

    def _completion_choices(self) -> list[tuple[list[str], str]]:
        """Everyone, by name, for completion; a name two share is written with the
        organisation, as "@Sam Lee (Globex)"."""
        if not self.everyone:  # typed before everyone's names were read
            self.set_people(people.people_names())
        if self._choices is None:
            names = self.known.names
            shared = [pid for ids in self.known.ids.values() if len(ids) > 1 for pid in ids]
            organisations = today.organisations(shared)
            written = [
                f"{name} ({organisations[pid]})" if organisations.get(pid) else name
                for pid, name in names
            ]
            self._choices = sorted(((words(w), w) for w in written), key=lambda c: fold(c[1]))
        return self._choices

    def mention_at(self, position: int, inside: bool = True) -> tuple[int, int, int] | None:
        """The mention (start, end, person id; positions in the document) around
        ``position``: strictly inside it, or touching it when not ``inside``."""
        block = self.document().findBlock(position)
        offset = position - block.position()
        for start, end, person_id in _people_mentioned(block.text(), self.known):
            if (start < offset < end) if inside else (start <= offset <= end):
                return block.position() + start, block.position() + end, person_id
        return None

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
        self._completed = True

    def _remove_whole(self, key: int) -> bool:
        """Backspace at a mention's end or Delete at its start removes all of it."""
        cursor = self.textCursor()
        if cursor.hasSelection():
            return False
        position = cursor.position()
        found = self.mention_at(position, inside=False)
        if found is None:
            return False
        start, end, _person = found
        if (key == Qt.Key_Backspace and position != end) or (
            key == Qt.Key_Delete and position != start
        ):
            return False
        cursor.setPosition(start)
        cursor.setPosition(end, QTextCursor.KeepAnchor)
        cursor.removeSelectedText()
        self.setTextCursor(cursor)
        return True

    def keyPressEvent(self, event) -> None:
        popup = self.completer.popup()
        key = event.key()
        if popup.isVisible() and key in (
            Qt.Key_Enter,
            Qt.Key_Return,
            Qt.Key_Escape,
            Qt.Key_Tab,
            Qt.Key_Backtab,
        ):
            if key in (Qt.Key_Enter, Qt.Key_Return, Qt.Key_Tab):
                # Only a name the user's letters (or arrow keys) picked: after a bare @
                # nothing is highlighted, and Enter is a new line, not the first name.
                current = popup.currentIndex()
                if current.isValid():
                    self.insert_mention(current.data())
                    return
            popup.hide()
            if key == Qt.Key_Escape:
                return
        completed, self._completed = self._completed, False
        if completed and event.text() == " ":
            return  # the completion wrote the space already
        if key in (Qt.Key_Return, Qt.Key_Enter) and not event.modifiers():
            found = self.mention_at(self.textCursor().position())
            if found is not None:
                self.person_activated.emit(found[2])
                return
        if key in (Qt.Key_Backspace, Qt.Key_Delete) and self._remove_whole(key):
            return
        super().keyPressEvent(event)
        typed = self._typed_mention()
        if typed is None or (not typed and event.text() != "@"):
            popup.hide()
            return
        wanted = words(typed)
        self._model.setStringList(
            [
                written
                for folded, written in self._completion_choices()
                if all(any(w.startswith(t) for w in folded) for t in wanted)
            ]
        )
        if self._model.rowCount() == 0:
            popup.hide()
            return
        # Letters typed after the @: the first name that fits is highlighted (Enter takes
        # it); a bare @ lists everyone with none chosen yet (Down picks the first).
        self.completer.setCurrentRow(0)
        rect = self.cursorRect()
        rect.setWidth(260)
        self.completer.complete(rect)
        popup.setCurrentIndex(self._model.index(0, 0) if typed else QModelIndex())

    def mouseReleaseEvent(self, event) -> None:
        super().mouseReleaseEvent(event)
        if event.button() != Qt.LeftButton or self.textCursor().hasSelection():
            return
        found = self.mention_at(self.cursorForPosition(event.position().toPoint()).position())
        if found is not None:
            self.person_activated.emit(found[2])


def linked_mentions(text: str, names: list[tuple[int, str]] | reflections.MentionNames) -> str:
    """``text`` with each @mention of someone as a Markdown link to the person, shown as
    their name."""
    pieces, last = [], 0
    for start, end, person_id in _people_mentioned(text, names):
        shown = text[start + 1 : end].replace("[", "\\[").replace("]", "\\]")
        pieces += [text[last:start], f"[{shown}]({PERSON_SCHEME}:{person_id})"]
        last = end
    return "".join(pieces) + text[last:]


class ReflectionEditor(QWidget):
    """Edits one day's reflection; the text is saved by itself."""

    saved = Signal(dt.date)
    save_failed = Signal(str)
    person_activated = Signal(int)  # a mention was clicked or Entered

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
        self.editor.person_activated.connect(self.person_activated)
        self.preview = QTextBrowser()
        self.preview.setOpenLinks(False)
        self.preview.setPlaceholderText("Nothing written for this day yet.")
        self.preview.setAccessibleName("Reflection, formatted")
        self.preview.anchorClicked.connect(self._link_clicked)
        # One pane: writing, or the formatted text (mentions as links) — not both at once.
        self.pages = QStackedWidget()
        self.pages.addWidget(self.editor)
        self.pages.addWidget(self.preview)
        self.write_button = QToolButton(text="Write")
        self.preview_button = QToolButton(text="Preview")
        toggle = QButtonGroup(self)
        for index, button in enumerate((self.write_button, self.preview_button)):
            button.setCheckable(True)
            button.setAutoRaise(True)
            button.setToolTip(f"Write the reflection, or read it formatted ({TOGGLE_KEYS})")
            toggle.addButton(button, index)
        self.write_button.setChecked(True)
        toggle.idClicked.connect(self.show_pane)
        QShortcut(
            QKeySequence(TOGGLE_KEYS),
            self,
            lambda: self.show_pane(1 - self.pages.currentIndex()),
            context=Qt.WidgetWithChildrenShortcut,
        )
        self.toggle_row = QHBoxLayout()
        self.toggle_row.setContentsMargins(0, 0, 0, 0)
        self.toggle_row.addWidget(self.write_button)
        self.toggle_row.addWidget(self.preview_button)
        layout.addWidget(self.pages, 1)
        status = QHBoxLayout()
        self.mentions = QLabel()
        self.mentions.setStyleSheet("color: palette(placeholder-text);")
        self.mentions.setWordWrap(True)
        self.status = QLabel()
        self.status.setStyleSheet("color: palette(placeholder-text);")
        status.addWidget(self.mentions, 1)
        status.addWidget(self.status)
        layout.addLayout(status)

        self.idle_timer = QTimer(self, singleShot=True, interval=IDLE_SAVE_MS)
        self.idle_timer.timeout.connect(self.save)
        self.longest_timer = QTimer(self, singleShot=True, interval=LONGEST_UNSAVED_MS)
        self.longest_timer.timeout.connect(self.save)
        self.editor.textChanged.connect(self._typed)

    def show_pane(self, index: int) -> None:
        """0: write; 1: the formatted text."""
        if index == 1:
            self._render_preview()
        self.pages.setCurrentIndex(index)
        (self.write_button, self.preview_button)[index].setChecked(True)
        (self.editor, self.preview)[index].setFocus()

    # loading and saving -----------------------------------------------------------------

    def load(self, day: dt.date, found: reflections.ReflectionData | None = None) -> None:
        """Show ``day``'s reflection (``found``, when the caller has read it), saving the one
        being edited first."""
        self.save()
        self.day = day
        found = reflections.get_reflection(day) if found is None else found
        if not self.editor.everyone:
            # Until everyone's names are read (set_names), the people it mentions.
            self.editor.set_people(found.mentions, everyone=False)
        self._saved_text = found.text
        self.editor.blockSignals(True)
        self.editor.setPlainText(found.text)
        self.editor.blockSignals(False)
        self.editor.moveCursor(QTextCursor.End)
        if self.pages.currentIndex() == 1:  # else made when shown (show_pane)
            self._render_preview()
        self._show_mentions(found.mentions, [])
        self.status.setText("")

    def set_names(self, names: list[tuple[int, str]] | reflections.MentionNames) -> None:
        """Every live person, by name: who can be mentioned."""
        self.editor.set_people(names)
        if self.pages.currentIndex() == 1:
            self._render_preview()

    def forget(self) -> None:
        """Drop what is in the editor without saving (the journal was replaced), and
        read the day again."""
        self.idle_timer.stop()
        self.longest_timer.stop()
        self._saved_text = self.editor.toPlainText()
        self.load(self.day)

    @property
    def is_dirty(self) -> bool:
        text = self.editor.toPlainText()
        # Blank lines where nothing was written are still nothing (never saved as a day's
        # reflection).
        return text != self._saved_text and bool(text.strip() or self._saved_text.strip())

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

    def _render_preview(self) -> None:
        text = linked_mentions(self.editor.toPlainText(), self.editor.known)
        self.preview.setHtml(markdown.to_html(text))

    def _link_clicked(self, url: QUrl) -> None:
        if url.scheme() == PERSON_SCHEME and url.path().isdigit():
            self.person_activated.emit(int(url.path()))

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
