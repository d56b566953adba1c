"""The person timeline's rows: an interaction's title in bold on its own line, what kind
of interaction it was and with whom on the line under it; a reflection's words wrapped
over a few lines."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QRect, QSize, Qt
from PySide6.QtGui import QFont, QFontMetrics, QPalette, QTextLayout, QTextOption
from PySide6.QtWidgets import QApplication, QStyle, QStyledItemDelegate, QStyleOptionViewItem

# The second line of a row (its text in that role of the column drawn by the delegate).
SUBTITLE_ROLE = Qt.UserRole + 10
# A cell whose text wraps (a reflection), over at most WRAPPED_LINES lines.
WRAP_ROLE = Qt.UserRole + 11
WRAPPED_LINES = 4
PADDING = 3


class TwoLineDelegate(QStyledItemDelegate):
    """A cell with a subtitle shows its text in bold and the subtitle muted beneath, each
    cut with “…” at the edge (the row's tooltip has them whole); other cells as usual."""

    def paint(self, painter, option, index: QModelIndex) -> None:
        if index.data(WRAP_ROLE):
            self._paint_wrapped(painter, option, index)
            return
        subtitle = index.data(SUBTITLE_ROLE)
        if not subtitle:
            super().paint(painter, option, index)
            return
        styled = QStyleOptionViewItem(option)
        self.initStyleOption(styled, index)
        title = styled.text
        styled.text = ""
        widget = styled.widget
        style = widget.style() if widget else QApplication.style()
        style.drawControl(QStyle.CE_ItemViewItem, styled, painter, widget)
        area = style.subElementRect(QStyle.SE_ItemViewItemText, styled, widget)
        area = area.adjusted(PADDING, PADDING, -PADDING, -PADDING)
        selected = bool(styled.state & QStyle.State_Selected)
        bold = _bold(styled.font)
        painter.save()
        lines = (
            (title, bold, QPalette.HighlightedText if selected else QPalette.Text),
            (
                subtitle,
                styled.font,
                QPalette.HighlightedText if selected else QPalette.PlaceholderText,
            ),
        )
        top = area.top()
        for text, font, role in lines:
            metrics = QFontMetrics(font)
            painter.setFont(font)
            painter.setPen(styled.palette.color(role))
            line = QRect(area.left(), top, area.width(), metrics.height())
            shown = metrics.elidedText(text, Qt.ElideRight, area.width())
            painter.drawText(line, Qt.AlignLeft | Qt.AlignVCenter, shown)
            top += metrics.height()
        painter.restore()

    def _paint_wrapped(self, painter, option, index: QModelIndex) -> None:
        styled = QStyleOptionViewItem(option)
        self.initStyleOption(styled, index)
        text = styled.text
        styled.text = ""
        widget = styled.widget
        style = widget.style() if widget else QApplication.style()
        style.drawControl(QStyle.CE_ItemViewItem, styled, painter, widget)
        area = style.subElementRect(QStyle.SE_ItemViewItemText, styled, widget)
        area = area.adjusted(PADDING, PADDING, -PADDING, -PADDING)
        selected = bool(styled.state & QStyle.State_Selected)
        painter.save()
        painter.setFont(styled.font)
        painter.setPen(
            styled.palette.color(QPalette.HighlightedText if selected else QPalette.Text)
        )
        metrics = QFontMetrics(styled.font)
        top = area.top()
        for line in wrapped_lines(text, styled.font, area.width()):
            painter.drawText(
                QRect(area.left(), top, area.width(), metrics.height()),
                Qt.AlignLeft | Qt.AlignVCenter,
                line,
            )
            top += metrics.height()
        painter.restore()

    def sizeHint(self, option, index: QModelIndex) -> QSize:
        size = super().sizeHint(option, index)
        if index.data(WRAP_ROLE):
            width = _column_width(option, index) - 2 * PADDING - 8
            lines = len(wrapped_lines(index.data(Qt.DisplayRole) or "", option.font, width))
            height = lines * option.fontMetrics.height() + 2 * PADDING + 2
            return QSize(size.width(), max(size.height(), height))
        if not index.data(SUBTITLE_ROLE):
            return size
        height = QFontMetrics(_bold(option.font)).height() + option.fontMetrics.height()
        return QSize(size.width(), max(size.height(), height + 2 * PADDING + 2))


def _bold(font: QFont) -> QFont:
    bold = QFont(font)
    bold.setBold(True)
    return bold


def wrapped_lines(text: str, font: QFont, width: int) -> list[str]:
    """``text`` broken at word boundaries into lines of ``width`` pixels, at most
    :data:`WRAPPED_LINES` of them, the last cut with “…” when there is more."""
    if width <= 0:
        return [text]
    layout = QTextLayout(text, font)
    layout.setTextOption(QTextOption(Qt.AlignLeft))
    option = layout.textOption()
    option.setWrapMode(QTextOption.WrapAtWordBoundaryOrAnywhere)
    layout.setTextOption(option)
    lines = []
    layout.beginLayout()
    while True:
        line = layout.createLine()
        if not line.isValid():
            break
        line.setLineWidth(width)
        lines.append(text[line.textStart() : line.textStart() + line.textLength()])
    layout.endLayout()
    if len(lines) > WRAPPED_LINES:
        rest = "".join(lines[WRAPPED_LINES - 1 :])
        lines = lines[: WRAPPED_LINES - 1]
        lines.append(QFontMetrics(font).elidedText(rest, Qt.ElideRight, width))
    return [line.rstrip() for line in lines]


def _column_width(option, index: QModelIndex) -> int:
    """The width of ``index``'s column in its view (a size hint is asked without one)."""
    view = option.widget
    header = getattr(view, "header", None)
    if header is not None:
        return header().sectionSize(index.column())
    return option.rect.width()
