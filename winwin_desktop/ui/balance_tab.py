"""The person page's Balance tab: the status badge, why, and the balance chart."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from winwin_desktop.analytics import (
    NEW,
    ExchangeRecord,
    StatusRules,
    balance_trend,
    person_balances,
    status_explanation,
)
from winwin_desktop.charts.palette import status_colour, text_on
from winwin_desktop.journal import balance
from winwin_desktop.ui import theme
from winwin_desktop.ui.widgets import EmptyState, LoadsWhenShown, muted

# (button text, tooltip, days shown ending today; None shows the whole history)
RANGES = (
    ("&3 months", "Show the last 3 months", 91),
    ("1 &year", "Show the last 12 months", 365),
    ("&All", "Show the whole history", None),
)


class StatusBadge(QLabel):
    """A coloured pill with the status in words (the colour only repeats the word)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName("Status")
        self.setAlignment(Qt.AlignCenter)
        self.status = ""

    def show_status(self, status: str) -> None:
        self.status = status
        background = status_colour(status, theme.current_theme() == theme.DARK)
        self.setText(status)
        self.setStyleSheet(
            f"QLabel {{ background: {background}; color: {text_on(background)};"
            " border-radius: 10px; padding: 3px 12px; font-weight: 600; }"
        )


class BalanceTab(LoadsWhenShown, QWidget):
    """Where the relationship with one person stands, and how it moved over time.

    Nothing is read or drawn until the tab is visible: the chart (and matplotlib) is
    created the first time :meth:`show_person` runs while the tab is on screen.
    """

    interaction_activated = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.person_id: int | None = None
        self.records: list[ExchangeRecord] = []
        self._read: tuple[list[ExchangeRecord], StatusRules] | None = None
        self.today = dt.date.today()
        self.range_days: int | None = None
        self.chart = None  # BalanceChart, made on first use
        self.canvas = None  # ChartCanvas, made on first use

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 8, 0, 0)
        top = QHBoxLayout()
        self.badge = StatusBadge()
        top.addWidget(self.badge, 0, Qt.AlignVCenter)
        self.explanation = QLabel()
        self.explanation.setWordWrap(True)
        self.explanation.setTextInteractionFlags(Qt.TextSelectableByMouse)
        top.addWidget(self.explanation, 1, Qt.AlignVCenter)
        layout.addLayout(top)

        # The trend has a row of its own: beside the range buttons it wrapped to two or
        # three lines depending on the person, and every change of height resized the
        # chart and drew it a second time.
        self.trend = muted()
        layout.addWidget(self.trend)
        controls = QHBoxLayout()
        controls.addStretch(1)
        controls.addWidget(muted("Show:"))
        self.range_group = QButtonGroup(self)
        self.range_group.setExclusive(True)
        self.range_buttons: dict[int | None, QPushButton] = {}
        for text, tooltip, days in RANGES:
            button = QPushButton(text)
            button.setCheckable(True)
            button.setFocusPolicy(Qt.StrongFocus)
            button.setToolTip(tooltip)
            button.clicked.connect(lambda _checked=False, d=days: self.set_range(d))
            self.range_group.addButton(button)
            self.range_buttons[days] = button
            controls.addWidget(button)
        self.range_buttons[self.range_days].setChecked(True)
        layout.addLayout(controls)

        self.stack = QStackedWidget()
        self.chart_box = QWidget()
        self.chart_layout = QVBoxLayout(self.chart_box)
        self.chart_layout.setContentsMargins(0, 0, 0, 0)
        self.empty = EmptyState(
            "No exchanges yet",
            "Nothing given or received with this person has been logged. Log an interaction "
            "with what each side gave, and the balance appears here.",
        )
        self.stack.addWidget(self.chart_box)
        self.stack.addWidget(self.empty)
        layout.addWidget(self.stack, 1)
        self.hint = muted(
            "Balance above 0: you have given more. Hover a point to see the interaction; "
            "click it to open it. Right-click the chart to save it as PNG or SVG."
        )
        layout.addWidget(self.hint)

    # showing ----------------------------------------------------------------------------

    def show_person(
        self,
        person_id: int | None,
        records: list[ExchangeRecord] | None = None,
        rules: StatusRules | None = None,
    ) -> None:
        """Show ``person_id``'s balance now if the tab is on screen, else when it appears;
        from their ``records`` and the status ``rules`` when the caller has read them."""
        self.person_id = person_id
        self._read = (records, rules) if records is not None and rules is not None else None
        self.load_when_shown()

    def reload(self) -> None:
        """The journal or its settings changed: read the same person again."""
        self.show_person(self.person_id)

    def set_range(self, days: int | None) -> None:
        """Show the last ``days`` days (None: the whole history)."""
        self.range_days = days
        self.range_buttons[days].setChecked(True)
        if self.chart is not None and self.records:
            self._draw()

    def _load(self) -> None:
        self._stale = False
        if self.person_id is None:
            self.records = []
            return
        self.today = dt.date.today()
        if self._read is not None:
            self.records, rules = self._read
            self._read = None  # once: a reload reads again
        else:
            rules = balance.status_rules()
            self.records = balance.exchange_records([self.person_id])
        summary = person_balances(self.records, self.today, rules).get(self.person_id)
        if summary is None:
            self.badge.show_status(NEW)
            self.explanation.setText(status_explanation([], self.today, rules))
        else:
            self.badge.show_status(summary.status)
            self.explanation.setText(summary.explanation)
        if not self.records:
            self.trend.setText("")
            self.stack.setCurrentWidget(self.empty)
            self.hint.hide()
            return
        trend = balance_trend(self.records, self.today, rules)
        self.trend.setText(_trend_words(trend))
        self.stack.setCurrentWidget(self.chart_box)
        self.hint.show()
        self._ensure_chart()
        self._draw()

    def _ensure_chart(self) -> None:
        dark = theme.current_theme() == theme.DARK
        if self.chart is None:
            from winwin_desktop.charts.balance_chart import BalanceChart
            from winwin_desktop.ui.chart_canvas import ChartCanvas

            self.chart = BalanceChart(dark=dark)
            self.canvas = ChartCanvas(self.chart.figure, name="balance")
            self.canvas.mpl_connect("motion_notify_event", self._hovered)
            self.canvas.mpl_connect("button_press_event", self._clicked)
            self.canvas.mpl_connect("figure_leave_event", lambda _event: self._unhover())
            self.chart_layout.addWidget(self.canvas)
        elif self.chart.dark != dark:
            self.chart.restyle(dark)

    def _draw(self) -> None:
        start = None
        if self.range_days is not None:
            start = self.today - dt.timedelta(days=self.range_days - 1)
        self.chart.update(self.records, start=start, end=self.today)
        self.canvas.draw_idle()

    # the mouse --------------------------------------------------------------------------

    def _hovered(self, event) -> None:
        hit = self.chart.hit_at(event.x, event.y)
        if hit is None:
            self._unhover()
            return
        point = hit.point
        verb = "gave" if point.direction == "given" else "received"
        unit = "point" if point.points == 1 else "points"
        title = point.title or "(untitled interaction)"
        self.canvas.show_tooltip(
            f"{point.day.isoformat()} · {title}\n"
            f"{verb} {point.points} {unit} · balance {_signed(point.balance)}",
            event.x,
            event.y,
        )
        self.canvas.canvas.setCursor(Qt.PointingHandCursor)
        self.chart.highlight(hit)
        self.canvas.draw_idle()

    def _unhover(self) -> None:
        if self.chart is None:
            return
        self.canvas.show_tooltip("", 0, 0)
        self.canvas.canvas.unsetCursor()
        if any(len(mark.get_xdata()) for mark in self.chart.hover_marks.values()):
            self.chart.highlight(None)
            self.canvas.draw_idle()

    def _clicked(self, event) -> None:
        if event.button != 1:
            return
        point = self.chart.point_at(event.x, event.y)
        if point is not None:
            self.interaction_activated.emit(point.interaction_id)


def _signed(value: int) -> str:
    return f"+{value}" if value > 0 else (f"−{-value}" if value < 0 else "0")


def _trend_words(points_per_month: float) -> str:
    """The balance's trend in words, e.g. "Balance trend: +1.5 points a month (lately you
    give more than you receive)."."""
    rounded = round(points_per_month, 1)
    if abs(rounded) < 0.1:
        return "Balance trend: steady over the review window."
    if rounded > 0:
        return (
            f"Balance trend: +{rounded:g} points a month (lately you give more than you receive)."
        )
    return f"Balance trend: −{-rounded:g} points a month (lately you receive more than you give)."
