"""Table cells that end in “…” when too narrow show their whole text as a tooltip."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QModelIndex, QSize, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QHeaderView,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionHeader,
    QStyleOptionViewItem,
    QToolTip,
)


class ElidedTipDelegate(QStyledItemDelegate):
    """A cell's own tooltip wins; otherwise an elided cell's tooltip is its whole text."""

    def helpEvent(self, event, view: QAbstractItemView, option, index: QModelIndex) -> bool:  # noqa: N802
        if event.type() != QEvent.ToolTip or index.data(Qt.ToolTipRole):
            return super().helpEvent(event, view, option, index)
        text = index.data(Qt.DisplayRole)
        if text and is_elided(self, option, index):
            QToolTip.showText(event.globalPos(), str(text), view)
        else:
            QToolTip.hideText()
        return True


def is_elided(delegate: QStyledItemDelegate, option, index: QModelIndex) -> bool:
    """Whether the cell at ``index`` is too narrow for its text."""
    styled = QStyleOptionViewItem(option)
    delegate.initStyleOption(styled, index)
    widget = styled.widget
    style = widget.style() if widget else QApplication.style()
    room = style.subElementRect(QStyle.SE_ItemViewItemText, styled, widget).width()
    # The style keeps a few pixels of margin inside the text rectangle.
    margin = style.pixelMetric(QStyle.PM_FocusFrameHMargin, None, widget) + 1
    return styled.fontMetrics.horizontalAdvance(styled.text) > room - 2 * margin


def header_text_width(header: QHeaderView, section: int, sort_arrow: bool = True) -> int:
    """The width the header's ``section`` needs to show its title whole, with room for
    the sort arrow unless ``sort_arrow`` is False."""
    option = QStyleOptionHeader()
    option.initFrom(header)
    option.section = section
    option.text = str(header.model().headerData(section, header.orientation()) or "")
    if sort_arrow:
        option.sortIndicator = QStyleOptionHeader.SortDown
    size = header.style().sizeFromContents(QStyle.CT_HeaderSection, option, QSize(), header)
    return size.width()
