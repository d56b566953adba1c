"""The person timeline's rows: an interaction's title in bold on its own line, what kind
of interaction it was and with whom on the line under it."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QRect, QSize, Qt
from PySide6.QtGui import QFont, QFontMetrics, QPalette
from PySide6.QtWidgets import QApplication, QStyle, QStyledItemDelegate, QStyleOptionViewItem

# The second line of a row (its text in that role of the column drawn by the delegate).
SUBTITLE_ROLE = Qt.UserRole + 10
PADDING = 3


class TwoLineDelegate(QStyledItemDelegate):
    """A cell with a subtitle shows its text in bold and the subtitle muted beneath, each
    cut with “…” at the edge (the row's tooltip has them whole); other cells as usual."""

    def paint(self, painter, option, index: QModelIndex) -> None:
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

    def sizeHint(self, option, index: QModelIndex) -> QSize:
        size = super().sizeHint(option, index)
        if not index.data(SUBTITLE_ROLE):
            return size
        height = QFontMetrics(_bold(option.font)).height() + option.fontMetrics.height()
        return QSize(size.width(), max(size.height(), height + 2 * PADDING + 2))


def _bold(font: QFont) -> QFont:
    bold = QFont(font)
    bold.setBold(True)
    return bold
