"""The people of the log dialog: a chip per participant and the field where names are
typed, with the matching names suggested under it."""

from __future__ import annotations

import datetime as dt
from collections import Counter

from PySide6.QtCore import QEvent, QPoint, Qt, Signal
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListView,
    QToolButton,
    QWidget,
)

from winwin_desktop.journal import ValidationError, people, typed_names
from winwin_desktop.text import fold, words
from winwin_desktop.ui.widgets import ErrorLabel

KEY_ROLE = Qt.UserRole + 1
MOST_SUGGESTIONS = 20
SUGGESTED_ROWS = 7  # shown at once; the rest scroll


class Chip(QFrame):
    """One participant: the name and a × that removes them."""

    remove_requested = Signal(object)  # the participant's key

    def __init__(self, key: object, name: str, shown: str, is_new: bool) -> None:
        super().__init__()
        self.key, self.name = key, name
        self.setObjectName("chip")
        self.setStyleSheet(
            "#chip { border: 1px solid palette(mid); border-radius: 11px;"
            " background: palette(alternate-base); }"
        )
        layout = QHBoxLayout(self)
        layout.setContentsMargins(8, 1, 2, 1)
        layout.setSpacing(2)
        self.label = QLabel(f"{shown}  <i>(new)</i>" if is_new else shown)
        self.label.setTextFormat(Qt.RichText if is_new else Qt.PlainText)
        self.setToolTip(f"{name} is not in the journal yet: saving adds them." if is_new else shown)
        self.remove = QToolButton(text="×")
        self.remove.setAutoRaise(True)
        self.remove.setFocusPolicy(Qt.NoFocus)  # Backspace in the empty field does it
        self.remove.setToolTip(f"Remove {name} (Backspace in the empty field removes the last)")
        self.remove.setAccessibleName(f"Remove {name}")
        self.remove.clicked.connect(lambda: self.remove_requested.emit(self.key))
        layout.addWidget(self.label)
        layout.addWidget(self.remove)

    def text(self) -> str:
        return self.label.text()


class Suggestions(QListView):
    """The names matching what is typed, under the field; the field keeps the cursor
    (Up/Down move here, Enter takes the highlighted one)."""

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.setFocusPolicy(Qt.NoFocus)
        self.setAccessibleName("Suggestions")
        self.setFrameShape(QFrame.Box)
        self.setEditTriggers(QListView.NoEditTriggers)
        self.names = QStandardItemModel(self)
        self.setModel(self.names)
        self.hide()

    def show_under(self, field: QWidget, names: list[tuple[int, str]]) -> None:
        self.names.setRowCount(0)
        for person_id, shown in names:
            item = QStandardItem(shown)
            item.setData(person_id, KEY_ROLE)
            self.names.appendRow(item)
        if not names:
            self.hide()
            return
        self.setCurrentIndex(self.names.index(0, 0))
        rows = min(len(names), SUGGESTED_ROWS)
        height = self.sizeHintForRow(0) * rows + 2 * self.frameWidth() + 2
        below = field.mapTo(self.parentWidget(), QPoint(0, field.height()))
        self.setGeometry(below.x(), below.y(), max(field.width(), 320), height)
        self.show()
        self.raise_()

    def texts(self) -> list[str]:
        return [self.names.item(row).text() for row in range(self.names.rowCount())]

    def current_row(self) -> int:
        return self.currentIndex().row()

    def move_by(self, step: int) -> None:
        count = self.names.rowCount()
        if count:
            row = (self.currentIndex().row() + step) % count
            self.setCurrentIndex(self.names.index(row, 0))

    def chosen(self) -> int | None:
        index = self.currentIndex()
        return index.data(KEY_ROLE) if index.isValid() and self.isVisible() else None


class ParticipantsField(QWidget):
    """The interaction's people as chips, then a field to type more: the matching names
    show under it (``popup_parent`` holds that list, so it may cover the fields below).

    Keys are person ids, or "new:NAME" for someone added with this entry.
    """

    changed = Signal()  # someone was added or removed

    def __init__(self, popup_parent: QWidget, error: ErrorLabel) -> None:
        super().__init__()
        self.error = error
        self._load_people()
        self.who = QLineEdit()
        self.who.setPlaceholderText("Type a few letters of a name, Enter takes the first")
        self.who.setAccessibleName("Add a person")
        self.who.setMinimumWidth(180)
        self.who.textEdited.connect(self._suggest)
        self.who.installEventFilter(self)
        self.suggestions = Suggestions(popup_parent)
        self.suggestions.clicked.connect(lambda index: self._take(index.data(KEY_ROLE)))
        self.setAccessibleName("People")
        self.chips = QHBoxLayout(self)
        self.chips.setContentsMargins(0, 0, 0, 0)
        self.chips.setSpacing(4)
        self.chips.addWidget(self.who, 1)

    def _load_people(self) -> None:
        summaries = people.people_summaries()
        self.names = {p.id: p.name for p in summaries}
        # Recent contacts first among the matches: "p" is more likely Piotr, met today,
        # than someone last seen a year ago.
        self._recency = {p.id: (p.last_contact or dt.date.min).toordinal() for p in summaries}
        counts = Counter(fold(p.name) for p in summaries)
        # A name two people share is shown with the organisation: "Sam Lee (Globex)".
        self._shown = {
            p.id: (
                f"{p.name} ({p.organisation or 'no organisation'})"
                if counts[fold(p.name)] > 1
                else p.name
            )
            for p in summaries
        }
        self._folded = {pid: words(name) for pid, name in self._shown.items()}

    def participant_chips(self) -> list[Chip]:
        return [
            self.chips.itemAt(i).widget()
            for i in range(self.chips.count())
            if isinstance(self.chips.itemAt(i).widget(), Chip)
        ]

    def participant_choices(self) -> list[tuple[object, str]]:
        return [(chip.key, chip.name) for chip in self.participant_chips()]

    def matching(self, text: str) -> list[int]:
        """People with a name word starting with each typed word (accents and case
        ignored, "eri" finds Åberg-Eriksen); the most recently met first."""
        typed = words(text)
        if not typed:
            return []
        found = [
            pid
            for pid, words in self._folded.items()
            if all(any(word.startswith(t) for word in words) for t in typed)
        ]
        return sorted(found, key=lambda pid: (-self._recency[pid], fold(self.names[pid])))

    def eventFilter(self, watched, event) -> bool:
        if watched is self.who and event.type() == QEvent.KeyPress:
            return self._name_key(event)
        if watched is self.who and event.type() == QEvent.FocusOut:
            self.suggestions.hide()
        return super().eventFilter(watched, event)

    def _name_key(self, event) -> bool:
        """The keys of the names field; True when the key was used here."""
        key, open_ = event.key(), self.suggestions.isVisible()
        if key in (Qt.Key_Down, Qt.Key_Up) and open_:
            self.suggestions.move_by(1 if key == Qt.Key_Down else -1)
            return True
        if key == Qt.Key_Down and self.who.text().strip():
            self._suggest(self.who.text())
            return True
        if key in (Qt.Key_Return, Qt.Key_Enter) and not event.modifiers() & Qt.ControlModifier:
            if event.modifiers() & Qt.ShiftModifier:
                self._add_typed_as_new()
            elif open_:
                self._take(self.suggestions.chosen())
            elif self.who.text().strip():
                self.add_typed_person()
            else:
                self.focusNextChild()  # the names are done
            return True
        if key == Qt.Key_Escape and open_:
            self.suggestions.hide()
            return True
        if key == Qt.Key_Backspace and not self.who.text() and self.participant_chips():
            self.remove(self.participant_chips()[-1].key)
            return True
        return False

    def _suggest(self, text: str) -> None:
        chosen = {key for key, _ in self.participant_choices()}
        found = [pid for pid in self.matching(text) if pid not in chosen][:MOST_SUGGESTIONS]
        self.error.clear()
        self.suggestions.show_under(self.who, [(pid, self._shown[pid]) for pid in found])

    def _take(self, person_id: int | None) -> None:
        if person_id is None:
            return
        self.add(person_id, self.names[person_id])
        self.who.clear()
        self.suggestions.hide()

    def add_typed_person(self) -> None:
        """Enter with the suggestions closed: a whole name (or "Sam Lee (Globex)", or an
        email) names that person; else the one partial match, else a new person."""
        text = " ".join(self.who.text().split())
        if not text:
            return
        try:
            [named] = typed_names.find_people([text], "participants")
        except ValidationError as error:
            self._refuse(text, error.message)
            return
        found = [named.person.id] if named.person is not None else self.matching(text)
        if len(found) > 1:
            self._refuse(
                text,
                f"Several people match “{text}”: type more, or press Shift+Enter to add a "
                "new person with this name.",
            )
        elif found:
            self._take(found[0])
        else:
            self.add(f"new:{text}", text)
            self.who.clear()

    def _refuse(self, text: str, message: str) -> None:
        self._suggest(text)
        if self.suggestions.isVisible():
            message += " Or pick one here with Up/Down and Enter."
        self.error.show_error(message)

    def _add_typed_as_new(self) -> None:
        text = " ".join(self.who.text().split())
        if text:
            self.add(f"new:{text}", text)
            self.who.clear()
            self.suggestions.hide()

    def add(self, key: object, name: str) -> None:
        if any(k == key for k, _ in self.participant_choices()):
            return
        is_new = isinstance(key, str)
        chip = Chip(key, name, name if is_new else self._shown.get(key, name), is_new)
        chip.remove_requested.connect(self.remove)
        self.chips.insertWidget(self.chips.count() - 1, chip)
        chip.show()
        self.error.clear()
        self.changed.emit()

    def remove(self, key: object) -> None:
        for chip in self.participant_chips():
            if chip.key == key:
                self.chips.removeWidget(chip)
                chip.hide()
                chip.deleteLater()
        self.changed.emit()
        self.who.setFocus()
