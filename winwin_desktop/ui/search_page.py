"""Global search: one box over the whole journal, results as you type, grouped by kind."""

from __future__ import annotations

import datetime as dt
import html

from PySide6.QtCore import (
    QAbstractListModel,
    QDate,
    QEvent,
    QModelIndex,
    QObject,
    QRectF,
    QSize,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import (
    QAbstractTextDocumentLayout,
    QFont,
    QPalette,
    QTextDocument,
    QTextOption,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QCheckBox,
    QComboBox,
    QDateEdit,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QStackedWidget,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from winwin_desktop.journal import people
from winwin_desktop.journal import search as journal_search
from winwin_desktop.journal.search import KIND_LABELS, SearchHit
from winwin_desktop.text import fold, plural
from winwin_desktop.ui.completion import FoldingCompleter
from winwin_desktop.ui.dates import short_date
from winwin_desktop.ui.grouped_model import GroupedModel
from winwin_desktop.ui.widgets import EmptyState, heading, muted

HIT_ROLE = Qt.UserRole + 1
DEBOUNCE_MS = 150
RESULTS_LIMIT = 100
_ROOT = QModelIndex()

# Short lines: none needs wrapping, so the empty state's label is as tall as its text.
TIPS = (
    "People, interactions, exchanges, promises and reflections.\n\n"
    "Words match as you type: “pri” finds pricing.\n"
    "Put “exact phrases” in quotes.\n"
    "Accents and capitals never matter: zoe finds Zoë.\n"
    "Narrow the results by person, kind or date above."
)


class SearchResultsModel(GroupedModel):
    """Hits grouped by kind: a row per kind, its hits beneath, newest first (hits without
    a date, such as people, best first).

    The internal id is 0 for a kind row, and 1 + the kind's row for a hit row.
    """

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.groups: list[tuple[str, list[SearchHit]]] = []

    def set_hits(self, hits: list[SearchHit]) -> None:
        self.beginResetModel()
        # sorted() is stable, reverse=True included: equal dates keep their ranking.
        self.groups = [
            (kind, sorted(found, key=lambda hit: hit.date or dt.date.min, reverse=True))
            for kind, found in journal_search.grouped(hits)
        ]
        self.endResetModel()

    def hit(self, index: QModelIndex) -> SearchHit | None:
        if not index.isValid() or index.internalId() == 0:
            return None
        return self.groups[index.internalId() - 1][1][index.row()]

    def hit_count(self) -> int:
        return sum(len(hits) for _, hits in self.groups)

    def first_hit(self) -> QModelIndex:
        return self.nth_hit(0)

    def nth_hit(self, n: int) -> QModelIndex:
        """The index of the n-th hit counting down the list, whatever its kind."""
        for row, (_, hits) in enumerate(self.groups):
            if n < len(hits):
                return self.index(n, 0, self.index(row, 0))
            n -= len(hits)
        return QModelIndex()

    def hit_index(self, index: QModelIndex) -> int:
        """Where the hit at ``index`` comes counting down the list (-1: not a hit)."""
        if not index.isValid() or index.internalId() == 0:
            return -1
        group = index.internalId() - 1
        return sum(len(hits) for _, hits in self.groups[:group]) + index.row()

    def columnCount(self, parent: QModelIndex = _ROOT) -> int:
        return 1

    def flags(self, index: QModelIndex):
        if not index.isValid():
            return Qt.NoItemFlags
        if index.internalId() == 0:
            return Qt.ItemIsEnabled
        return Qt.ItemIsEnabled | Qt.ItemIsSelectable

    def data(self, index: QModelIndex, role: int = Qt.DisplayRole):
        if not index.isValid():
            return None
        if index.internalId() == 0:
            kind, hits = self.groups[index.row()]
            if role == Qt.DisplayRole:
                return f"{KIND_LABELS[kind]} ({len(hits)})"
            if role == Qt.FontRole:
                font = QFont()
                font.setBold(True)
                return font
            return None
        hit = self.hit(index)
        if role == Qt.DisplayRole:
            return hit.title
        if role == Qt.ToolTipRole:
            text = hit.snippet or hit.title
            return f"{hit.date.isoformat()}\n{text}" if hit.date else text
        if role == HIT_ROLE:
            return hit
        return None


class PeopleChoices(QAbstractListModel):
    """The person filter's choices: anyone (an empty line) first, then every live person.

    A model rather than QComboBox.addItem(): in PySide6 6.12 each addItem() with data
    drops a reference to None, which crashes Python after a few thousand people.
    """

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.people: list[tuple[int | None, str]] = [(None, "")]

    def set_people(self, named: list[tuple[int, str]]) -> None:
        self.beginResetModel()
        self.people = [(None, ""), *named]
        self.endResetModel()

    def row_of(self, person_id: int | None) -> int:
        return next((row for row, (pid, _) in enumerate(self.people) if pid == person_id), 0)

    def row_named(self, name: str) -> int:
        """The row of the person called ``name`` — or else of the only person whose name
        contains it — ignoring case and accents (0: nobody)."""
        wanted = fold(" ".join(name.split()))
        if not wanted:
            return 0
        folded = [(row, fold(n)) for row, (_, n) in enumerate(self.people) if row]
        exact = [row for row, n in folded if n == wanted]
        partial = [row for row, n in folded if wanted in n]
        return exact[0] if exact else partial[0] if len(partial) == 1 else 0

    def rowCount(self, parent: QModelIndex = _ROOT) -> int:
        return 0 if parent.isValid() else len(self.people)

    def data(self, index: QModelIndex, role: int = Qt.DisplayRole):
        if not index.isValid():
            return None
        person_id, name = self.people[index.row()]
        if role in (Qt.DisplayRole, Qt.EditRole):
            return name
        if role == Qt.UserRole:
            return person_id
        return None


class HitDelegate(QStyledItemDelegate):
    """Draws a hit on two lines: its title (matched words in bold), date and people, then
    the snippet with its matched words in bold."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        # Laid-out text per hit, kept until the results change: the view asks for every
        # row's size hint and paints the visible rows again and again.
        self._documents: dict[tuple, QTextDocument] = {}

    def forget(self) -> None:
        self._documents.clear()

    def paint(self, painter, option, index: QModelIndex) -> None:
        hit = index.data(HIT_ROLE)
        if hit is None:
            super().paint(painter, option, index)
            return
        options = QStyleOptionViewItem(option)
        self.initStyleOption(options, index)
        options.text = ""
        style = options.widget.style() if options.widget else QApplication.style()
        style.drawControl(QStyle.CE_ItemViewItem, options, painter, options.widget)
        selected = bool(option.state & QStyle.State_Selected)
        document = self._document(hit, option, selected)
        text_rect = style.subElementRect(QStyle.SE_ItemViewItemText, options, options.widget)
        painter.save()
        painter.translate(text_rect.topLeft())
        painter.setClipRect(QRectF(0, 0, text_rect.width(), text_rect.height()))
        context = QAbstractTextDocumentLayout.PaintContext()
        role = QPalette.HighlightedText if selected else QPalette.Text
        context.palette.setColor(QPalette.Text, option.palette.color(role))
        document.documentLayout().draw(painter, context)
        painter.restore()

    def sizeHint(self, option, index: QModelIndex) -> QSize:
        hit = index.data(HIT_ROLE)
        if hit is None:
            return super().sizeHint(option, index)
        document = self._document(hit, option, False)
        return QSize(int(document.idealWidth()), int(document.size().height()) + 4)

    def _document(self, hit: SearchHit, option, selected: bool) -> QTextDocument:
        muted_colour = option.palette.color(
            QPalette.HighlightedText if selected else QPalette.PlaceholderText
        ).name()
        key = (hit.kind, hit.id, muted_colour, option.font.key())
        if key not in self._documents:
            self._documents[key] = self._laid_out(hit, option.font, muted_colour)
        return self._documents[key]

    @staticmethod
    def _laid_out(hit: SearchHit, font: QFont, muted_colour: str) -> QTextDocument:
        details = []
        if hit.date:
            details.append(short_date(hit.date))
        if hit.people and hit.kind != journal_search.PERSON:
            details.append(", ".join(hit.people))
        detail = html.escape(" · ".join(details))
        text = f"{hit.title_html}"
        if detail:
            text += f' &nbsp;<span style="color:{muted_colour}">{detail}</span>'
        if hit.snippet_html:
            text += f'<br><span style="color:{muted_colour}">{hit.snippet_html}</span>'
        document = QTextDocument()
        document.setDefaultFont(font)
        document.setDocumentMargin(3)
        # One line each for the title and the snippet, cut at the edge (the tooltip has it
        # all): row heights then never depend on the view's width.
        no_wrap = document.defaultTextOption()
        no_wrap.setWrapMode(QTextOption.NoWrap)
        document.setDefaultTextOption(no_wrap)
        document.setHtml(text)
        return document


class SearchPage(QWidget):
    """The Search page. Emits what the user chose to open; the main window opens it."""

    open_person = Signal(int)
    open_interaction = Signal(int)
    open_reflection = Signal(object)  # the reflection's dt.date

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 12, 16, 12)
        layout.addWidget(heading("Search"))

        self.field = QLineEdit()
        self.field.setPlaceholderText("Search people, interactions, notes, promises…  (Ctrl+K)")
        self.field.setClearButtonEnabled(True)
        self.field.setAccessibleName("Search the journal")
        self.field.textChanged.connect(self._text_changed)
        self.field.returnPressed.connect(self.open_current)
        self.field.installEventFilter(self)
        layout.addWidget(self.field)

        filters = QHBoxLayout()
        self.people_choices = PeopleChoices(self)
        self.person = QComboBox()
        self.person.setEditable(True)
        self.person.setModel(self.people_choices)
        self.person.setInsertPolicy(QComboBox.NoInsert)
        self.person.setMinimumWidth(200)
        # Sized by a typical name, not by measuring every person in the journal.
        self.person.setSizeAdjustPolicy(QComboBox.AdjustToMinimumContentsLengthWithIcon)
        self.person.setMinimumContentsLength(24)
        self.person.lineEdit().setPlaceholderText("Anyone")
        self.person.setCompleter(FoldingCompleter(self.people_choices, self.person))
        self.person.currentIndexChanged.connect(lambda _index: self.run_search())
        self.person.lineEdit().editingFinished.connect(self._person_typed)
        self.kind = QComboBox()
        self.kind.addItem("Everything", None)
        for kind, label in KIND_LABELS.items():
            self.kind.addItem(label, kind)
        self.kind.currentIndexChanged.connect(lambda _index: self.run_search())
        self.any_date = QCheckBox("Any date")
        self.any_date.setChecked(True)
        self.any_date.setToolTip("Untick to search only between two dates")
        today = QDate.currentDate()
        self.since = self._date_edit(today.addYears(-1))
        self.until = self._date_edit(today)
        self.since.setEnabled(False)
        self.until.setEnabled(False)
        for label, widget in (("&Person:", self.person), ("&Kind:", self.kind)):
            caption = QLabel(label)
            caption.setBuddy(widget)
            filters.addWidget(caption)
            filters.addWidget(widget)
            filters.addSpacing(8)
        filters.addWidget(self.any_date)
        filters.addWidget(self.since)
        filters.addWidget(QLabel("to"))
        filters.addWidget(self.until)
        filters.addStretch(1)
        layout.addLayout(filters)

        self.summary = muted("")
        layout.addWidget(self.summary)

        self.model = SearchResultsModel(self)
        self.results = QTreeView()
        self.results.setModel(self.model)
        self.results.setHeaderHidden(True)
        self.results.setRootIsDecorated(False)
        self.results.setItemsExpandable(False)
        self.results.setUniformRowHeights(False)
        self.results.setSelectionMode(QAbstractItemView.SingleSelection)
        self.results.setEditTriggers(QAbstractItemView.NoEditTriggers)
        self.delegate = HitDelegate(self.results)
        self.results.setItemDelegate(self.delegate)
        self.model.modelAboutToBeReset.connect(self.delegate.forget)
        self.results.activated.connect(self._activated)
        self.results.installEventFilter(self)
        self.tips = EmptyState("Search your journal", TIPS)
        self.no_match = EmptyState("Nothing matches", "")
        self.stack = QStackedWidget()
        for widget in (self.tips, self.results, self.no_match):
            self.stack.addWidget(widget)
        layout.addWidget(self.stack, 1)

        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(DEBOUNCE_MS)
        self._timer.timeout.connect(self.run_search)
        self.any_date.toggled.connect(self._any_date_toggled)
        # Nothing is read until the page is shown (the main window reloads a page it shows).

    # public ------------------------------------------------------------------------------

    def cancel_pending(self) -> None:
        """Drop a search still waiting for typing to pause (the journal is about to close)."""
        self._timer.stop()

    def focus_search(self, text: str = "") -> None:
        """Put the cursor in the search box; with ``text``, search for it at once."""
        if text:
            self.field.setText(text)
            self.run_search()
        self.field.setFocus(Qt.ShortcutFocusReason)
        self.field.selectAll()

    def reload(self) -> None:
        """The journal changed: refresh the people filter and run the search again."""
        chosen = self.person_id()
        self.person.blockSignals(True)
        self.people_choices.set_people(people.people_names())
        self.person.setCurrentIndex(self.people_choices.row_of(chosen))
        self.person.blockSignals(False)
        self.run_search()

    def person_id(self) -> int | None:
        return self.person.currentData() if self.person.currentIndex() > 0 else None

    def hits(self) -> list[SearchHit]:
        return [hit for _, found in self.model.groups for hit in found]

    def current_hit(self) -> SearchHit | None:
        return self.model.hit(self.results.currentIndex())

    def run_search(self) -> None:
        self._timer.stop()
        query = self.field.text()
        if not query.strip():
            self.model.set_hits([])
            self.summary.setText("")
            self.stack.setCurrentWidget(self.tips)
            return
        since, until = self._date_range()
        hits = journal_search.search(
            query,
            limit=RESULTS_LIMIT,
            kinds=[self.kind.currentData()] if self.kind.currentData() else None,
            person_id=self.person_id(),
            since=since,
            until=until,
        )
        self.model.set_hits(hits)
        self.results.expandAll()
        if hits:
            self.stack.setCurrentWidget(self.results)
            self.results.setCurrentIndex(self.model.first_hit())
            shown = plural(len(hits), "result")
            if len(hits) == RESULTS_LIMIT:
                shown = f"The best {shown}"
            self.summary.setText(f"{shown} — Enter opens the selected one.")
        else:
            self.stack.setCurrentWidget(self.no_match)
            self.no_match.text.setText(self._no_match_text(query))
            self.summary.setText("")

    def open_current(self) -> None:
        hit = self.current_hit()
        if hit is None and self.model.hit_count():
            hit = self.model.hit(self.model.first_hit())
        if hit is not None:
            self.open_hit(hit)

    def open_hit(self, hit: SearchHit) -> None:
        if hit.kind == journal_search.REFLECTION:
            self.open_reflection.emit(hit.date)
        elif hit.kind in (journal_search.INTERACTION, journal_search.EXCHANGE):
            self.open_interaction.emit(hit.interaction_id)
        elif hit.person_id is not None:
            self.open_person.emit(hit.person_id)

    # internals ---------------------------------------------------------------------------

    def _date_edit(self, date: QDate) -> QDateEdit:
        edit = QDateEdit(date)
        edit.setCalendarPopup(True)
        edit.setDisplayFormat("yyyy-MM-dd")
        edit.dateChanged.connect(lambda _date: self.run_search())
        return edit

    def _date_range(self) -> tuple[dt.date | None, dt.date | None]:
        if self.any_date.isChecked():
            return None, None
        return self.since.date().toPython(), self.until.date().toPython()

    def _any_date_toggled(self, checked: bool) -> None:
        self.since.setEnabled(not checked)
        self.until.setEnabled(not checked)
        self.run_search()

    def _text_changed(self, text: str) -> None:
        if text.strip():
            self._timer.start()
        else:
            self.run_search()

    def _person_typed(self) -> None:
        """A name typed into the person filter picks that person; anything else, anyone."""
        found = self.people_choices.row_named(self.person.currentText())
        if found != self.person.currentIndex():
            self.person.setCurrentIndex(found)
        elif found == 0:
            self.person.setEditText("")

    def _activated(self, index: QModelIndex) -> None:
        hit = self.model.hit(index)
        if hit is not None:
            self.open_hit(hit)

    def _no_match_text(self, query: str) -> str:
        # One short line each, the query cut if long: the empty state does not wrap well.
        shown = " ".join(query.split())
        shown = shown if len(shown) <= 40 else shown[:39] + "…"
        narrowed = (
            self.person_id() is not None
            or self.kind.currentData() is not None
            or not self.any_date.isChecked()
        )
        if narrowed:
            return f"Nothing matches “{shown}” with these filters.\nClear them, or try fewer words."
        return f"No record matches “{shown}”.\nCheck the spelling, or try fewer or shorter words."

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() != QEvent.KeyPress:
            return super().eventFilter(watched, event)
        key = event.key()
        if watched is self.field:
            if key == Qt.Key_Down and self.model.hit_count():
                self.results.setFocus(Qt.TabFocusReason)
                if not self.current_hit():
                    self.results.setCurrentIndex(self.model.first_hit())
                return True
            if key == Qt.Key_Escape and self.field.text():
                self.field.clear()
                return True
        elif watched is self.results and key in (Qt.Key_Up, Qt.Key_Down):
            # From hit to hit over the kind rows; up from the first hit, back to the box.
            step = -1 if key == Qt.Key_Up else 1
            at = self.model.hit_index(self.results.currentIndex())
            if at + step < 0:
                self.field.setFocus(Qt.TabFocusReason)
            elif at + step < self.model.hit_count():
                self.results.setCurrentIndex(self.model.nth_hit(at + step))
            return True
        return super().eventFilter(watched, event)
