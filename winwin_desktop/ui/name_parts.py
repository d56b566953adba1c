"""The name's parts and the birthday on the person page's Profile tab: a line each on
the page, and in its form one row of five fields (prefix, given, middle, family, suffix)
and a birthday field, each saved as it is left, one undo step each."""

from __future__ import annotations

from PySide6.QtCore import QLocale, QObject
from PySide6.QtWidgets import QFormLayout, QHBoxLayout, QLabel, QLineEdit, QWidget

from winwin_desktop.journal import ValidationError, name_parts
from winwin_desktop.journal.errors import ChangedMeanwhile
from winwin_desktop.journal.name_parts import PARTS, NameParts
from winwin_desktop.journal.people import PersonData
from winwin_desktop.ui.undo import Actions
from winwin_desktop.ui.widgets import ErrorLabel

BIRTHDAY_HINT = "YYYY-MM-DD, or --MM-DD without the year"


def birthday_text(birthday: str, locale: QLocale | None = None) -> str:
    """ "2 April 1980" (the locale's month name and order), "2 April" without a year."""
    locale = locale or QLocale()
    year, month, day = birthday.rsplit("-", 2)
    name = locale.monthName(int(month), QLocale.LongFormat)
    pattern = locale.dateFormat(QLocale.ShortFormat).lower()
    month_first = 0 <= pattern.find("m") < pattern.find("d")
    text = f"{name} {int(day)}" if month_first else f"{int(day)} {name}"
    if year.strip("-"):
        text += f"{',' if month_first else ''} {year}"
    return text


def page_lines(parts: NameParts) -> list[str]:
    """The profile page's Markdown lines for the name's parts and the birthday."""
    lines = []
    named = [f"{label.lower()} {_literal(parts.part(k))}" for k, label in PARTS if parts.part(k)]
    if named:
        lines.append(f"**Name in parts:** {', '.join(named)}  ")
    if parts.birthday:
        lines.append(f"**Birthday:** {birthday_text(parts.birthday)} ({parts.birthday})  ")
    return lines


def _literal(text: str) -> str:
    """Text with Markdown's emphasis characters taken literally."""
    return text.replace("*", "\\*").replace("_", "\\_")


class NamePartsRows(QObject):
    """The form's rows for the name's parts and the birthday, inserted at ``row`` of
    ``form`` and next after ``after`` in the tab order."""

    def __init__(self, actions: Actions, form: QFormLayout, row: int, after: QWidget) -> None:
        super().__init__(form)
        self.actions = actions
        self.person: PersonData | None = None
        self.shown = NameParts({})
        # Each field's value as the user started editing it ("birthday" too): a save is
        # refused if the journal no longer has it; a refused field keeps what was typed.
        self._filled: dict[str, str] = {}
        self._refused: set[str] = set()
        self.parts: dict[str, QLineEdit] = {}
        line = QHBoxLayout()
        for key, label in PARTS:
            edit = QLineEdit()
            edit.setPlaceholderText(label)
            edit.setAccessibleName(label)
            edit.setToolTip(label)  # the placeholder is gone once the part is filled in
            edit.editingFinished.connect(self._commit_parts)
            line.addWidget(edit, 1 if key in ("prefixes", "suffixes") else 2)
            self.parts[key] = edit
        caption = QLabel("Name in parts:")
        caption.setBuddy(self.parts["prefixes"])
        form.insertRow(row, caption, line)
        self.birthday = QLineEdit()
        self.birthday.setPlaceholderText(BIRTHDAY_HINT)
        self.birthday.setAccessibleName("Birthday")
        self.birthday.editingFinished.connect(self._commit_birthday)
        form.insertRow(row + 1, "Birthday:", self.birthday)
        self.error = ErrorLabel()
        form.insertRow(row + 2, "", self.error)
        # In the form, so in the window: Tab goes through them where they are shown.
        previous = after
        for edit in [*self.parts.values(), self.birthday]:
            QWidget.setTabOrder(previous, edit)
            previous = edit

    def show_person(self, person: PersonData, shown: NameParts) -> None:
        """Show ``person``'s name parts and birthday (``shown``, read with the person)."""
        if self.person is None or self.person.id != person.id:
            self._refused.clear()
        self.person = person
        self.shown = shown
        for key, edit in [*self.parts.items(), ("birthday", self.birthday)]:
            if not edit.hasFocus() and key not in self._refused:
                edit.setText(self._stored(key))
                self._filled[key] = self._stored(key)
        if not self._refused:
            self.error.clear()

    def _stored(self, key: str) -> str:
        return self.shown.birthday if key == "birthday" else self.shown.part(key)

    def page_lines(self) -> list[str]:
        return page_lines(self.shown)

    def _commit_parts(self) -> None:
        typed = {key: " ".join(edit.text().split()) for key, edit in self.parts.items()}
        changed = [k for k in typed if typed[k] != self._filled.get(k, self.shown.part(k))]
        if self.person is None or not changed:
            return
        person_id = self.person.id
        # Only the parts typed: another part someone else changed meanwhile stays theirs.
        self._save(
            changed,
            lambda loaded: name_parts.set_name_parts(
                person_id, {k: typed[k] for k in changed}, loaded=loaded
            ),
        )

    def _commit_birthday(self) -> None:
        text = self.birthday.text().strip()
        if self.person is None or text == self._filled.get("birthday", self.shown.birthday):
            self.error.clear()
            self._refused.discard("birthday")
            return
        person_id = self.person.id
        try:
            self._save(
                ["birthday"],
                lambda loaded: name_parts.set_name_parts(person_id, birthday=text, loaded=loaded),
            )
        except ValidationError as error:
            self.error.show_error(error.message)
            self.birthday.setFocus()
            self.birthday.selectAll()

    def _save(self, keys: list[str], save) -> None:
        """Save ``keys`` as typed, refused if one was changed since it was filled in."""
        loaded = {k: self._filled.get(k, self._stored(k)) for k in keys}
        try:
            saved = self.actions.run(f"Edit {self.person.name}", lambda: save(loaded))
        except ChangedMeanwhile as error:
            # Reloaded under what was typed, which stays: leaving it again applies it.
            stored = name_parts.name_parts(self.person.id)
            for k in keys:
                self._filled[k] = stored.birthday if k == "birthday" else stored.part(k)
            self._refused.update(keys)
            self.error.show_error(error.message)
            return
        for k in keys:
            self._filled[k] = saved.birthday if k == "birthday" else saved.part(k)
        self._refused.difference_update(keys)
        self.error.clear()
