"""Completing people's names the way the rest of WinWin matches them (``text.fold``):
typing "soren" offers Søren, "zoe" Zoë, whatever case or accents were typed."""

from __future__ import annotations

from PySide6.QtCore import QAbstractItemModel, QIdentityProxyModel, QModelIndex, QObject, Qt
from PySide6.QtWidgets import QCompleter

from winwin_desktop.text import fold

FOLDED_ROLE = Qt.ItemDataRole.UserRole + 70


class _FoldedNames(QIdentityProxyModel):
    """The names of the source model, each also folded (in ``FOLDED_ROLE``)."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._folded: dict[str, str] = {}  # names repeat across keystrokes: fold each once

    def data(self, index: QModelIndex, role: int = Qt.ItemDataRole.DisplayRole):
        if role != FOLDED_ROLE:
            return super().data(index, role)
        name = str(super().data(index, Qt.ItemDataRole.DisplayRole) or "")
        found = self._folded.get(name)
        if found is None:
            found = self._folded[name] = fold(name)
        return found


class FoldingCompleter(QCompleter):
    """A popup of the names in ``model`` containing what was typed, both folded."""

    def __init__(self, model: QAbstractItemModel, parent: QObject | None = None) -> None:
        super().__init__(parent)
        folded = _FoldedNames(self)
        folded.setSourceModel(model)
        self.setModel(folded)
        self.setCompletionRole(FOLDED_ROLE)
        self.setFilterMode(Qt.MatchFlag.MatchContains)
        self.setCaseSensitivity(Qt.CaseSensitivity.CaseSensitive)  # both sides are folded
        self.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)

    def splitPath(self, path: str) -> list[str]:
        return [fold(path)]

    def pathFromIndex(self, index: QModelIndex) -> str:
        # The field receives the name as written, not its folded form.
        return str(index.data(Qt.ItemDataRole.DisplayRole) or "")
