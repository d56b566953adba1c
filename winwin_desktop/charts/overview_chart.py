"""The Overview page's figures: every relationship on one scatter, categories, the network.

Each chart is built once and :meth:`update` moves its existing artists to the new data.
"""

from __future__ import annotations

import calendar
import datetime as dt
from collections.abc import Iterable, Mapping, Sequence

import numpy as np
from matplotlib.artist import Artist
from matplotlib.colors import to_rgba_array
from matplotlib.dates import AutoDateLocator, ConciseDateFormatter
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.patches import Polygon
from matplotlib.text import Text
from matplotlib.ticker import FuncFormatter, MaxNLocator
from matplotlib.transforms import blended_transform_factory

from winwin_desktop.analytics import STATUSES, MonthPoint, PersonBalance, StatusRules
from winwin_desktop.analytics import describe_window as window_words
from winwin_desktop.charts.balance_chart import FixedMargins, MonthBars, day_numbers
from winwin_desktop.charts.palette import colours, style_axes, style_figure, style_legend

LINEAR, ASINH = "linear", "asinh"
# Below this many points the asinh scale is linear.
_ASINH_LINEAR_WIDTH = 5
# Above this many dots, they are drawn without outlines.
_OUTLINED_DOTS = 2000
# How far (in points) around a dot's edge the mouse still counts as on it.
_PICK_RADIUS_PT = 3
# Names written beside the dots furthest from balance (and the busiest), so the chart
# says who without hovering; more would crowd it.
NAMED_OUTLIERS = 6
# "×6" written beside the biggest stacks of dots only: with thousands of people nearly
# every spot holds several, and a count beside each buried the chart (and cost a second
# of text layout). Twice as many candidates as counts, for those that find no room.
COUNTED_STACKS = 10
_STACK_CANDIDATES = 2 * COUNTED_STACKS
# Room (points) kept free between a label and the next label or a dot's edge.
_LABEL_GAP_PT = 2.5


def outlier_indices(given: np.ndarray, received: np.ndarray, ratio: float, count: int) -> list[int]:
    """The dots worth naming: outside the band, the most one-sided (weighted by how much
    was exchanged) first; then the busiest inside it, up to ``count`` in all."""
    total = given + received
    if not len(total) or count <= 0:
        return []
    lopsided = np.abs(np.log((given + 1) / (received + 1)))
    outside = (given > received * ratio) | (received > given * ratio)
    score = np.where(outside & (total >= 4), lopsided * np.sqrt(total), -1.0)
    by_score = np.argsort(-score, kind="stable")
    chosen = by_score[score[by_score] > 0][: count - 1]
    busiest = np.argsort(-total, kind="stable")
    busiest = busiest[(total[busiest] > 0) & ~np.isin(busiest, chosen)]
    return [*chosen.tolist(), *busiest[: count - len(chosen)].tolist()]


def stacked_spots(
    given: np.ndarray, received: np.ndarray, limit: int | None = None
) -> list[tuple[float, float, int]]:
    """(x, y, how many) for the spots where two or more dots sit exactly on each other,
    the biggest stacks first (``limit``: only that many)."""
    x, y, counts, _largest = _stacks(given, received, np.zeros(len(given)), limit)
    return list(zip(x.tolist(), y.tolist(), counts.tolist(), strict=True))


def _stacks(
    given: np.ndarray, received: np.ndarray, sizes: np.ndarray, limit: int | None
) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """The stacks of :func:`stacked_spots` as arrays: x, y, how many dots and the
    largest dot's size in each."""
    if not len(given):
        return given, received, np.empty(0, dtype=np.intp), sizes
    order = np.lexsort((received, given))
    x, y = given[order], received[order]
    starts = np.flatnonzero(np.r_[True, (x[1:] != x[:-1]) | (y[1:] != y[:-1])])
    counts = np.diff(np.r_[starts, len(order)])
    largest = np.maximum.reduceat(sizes[order], starts)
    stacked = np.flatnonzero(counts > 1)
    stacked = stacked[np.argsort(-counts[stacked], kind="stable")][:limit]
    first = starts[stacked]
    return x[first], y[first], counts[stacked], largest[stacked]


def overview_scale(points: np.ndarray) -> str:
    """ "linear", or "asinh" when a few relationships dwarf the rest.

    With a heavy tail (the largest value far beyond what most people have), a linear
    scale piles almost every dot onto the origin; the asinh scale is linear near zero
    and logarithmic further out, so zeros stay on the chart and the band stays a band.
    """
    if not len(points):
        return LINEAR
    largest = float(points.max())
    typical = float(np.percentile(points, 90))
    return ASINH if largest > 60 and largest > 12 * max(typical, 1.0) else LINEAR


def thousands(value: float, _position=None) -> str:
    """Tick labels with thousands separators: 12,000."""
    return f"{value:,.0f}" if abs(value - round(value)) < 1e-9 else f"{value:,.1f}"


def dot_sizes(exchanges: np.ndarray, crowd: int = 1) -> np.ndarray:
    """Marker areas (points²) that grow with the square root of the number of exchanges,
    and shrink when ``crowd`` dots share the chart."""
    shrink = 1.0 if crowd <= 300 else max(0.35, float(np.sqrt(300 / crowd)))
    return np.clip((20 + 10 * np.sqrt(exchanges)) * shrink, 6, 360)


class OverviewChart:
    """One dot per person at (points given, points received) inside the review window.

    Colour says the status, size the number of exchanges; the shaded band along the
    diagonal is win-win: neither side gets more than ``ratio`` times the other.
    """

    def __init__(self, dark: bool = False) -> None:
        self.figure = Figure(figsize=(7, 5), layout=FixedMargins(left=58, top=40, bottom=38))
        self.axes = axes = self.figure.add_subplot()
        self.band = Polygon(np.zeros((3, 2)), closed=True, linewidth=0, zorder=1)
        axes.add_patch(self.band)
        # The band's edges run over the dots, so a crowd does not hide them.
        self.band_lower = axes.plot([], [], linestyle=(0, (4, 3)), linewidth=1.1, zorder=4)[0]
        self.band_upper = axes.plot([], [], linestyle=(0, (4, 3)), linewidth=1.1, zorder=4)[0]
        self.diagonal = axes.plot([], [], linestyle=":", linewidth=1, zorder=2)[0]
        self.dots = axes.scatter(
            np.empty(0), np.empty(0), picker=True, pickradius=_PICK_RADIUS_PT, zorder=3
        )
        self.band_note = axes.text(
            1.0, 1.012, "", transform=axes.transAxes, ha="right", va="bottom", fontsize=8.5
        )
        self.take_label = axes.text(
            0.015, 0.985, "you take more", transform=axes.transAxes, va="top", fontsize=8.5
        )
        self.give_label = axes.text(
            0.985, 0.015, "you give more", transform=axes.transAxes, ha="right", fontsize=8.5
        )
        self.message = axes.text(
            0.5, 0.5, "", transform=axes.transAxes, ha="center", va="center", fontsize=10
        )
        # Names beside the outliers and "×6" beside dots sitting on each other: made once,
        # given their text and dot on each update (those not needed are hidden).
        self.name_labels = [self._annotation() for _ in range(NAMED_OUTLIERS)]
        self.stack_labels = [self._annotation(fontweight="bold") for _ in range(_STACK_CANDIDATES)]
        self._named_ids = np.empty(0, dtype=np.int64)
        self._name_radii: list[float] = []
        self._stack_radii: list[float] = []
        axes.add_artist(_LabelLayout(self._place_labels))
        self.selection = axes.plot(
            [],
            [],
            linestyle="",
            marker="o",
            markersize=16,
            markerfacecolor="none",
            markeredgewidth=2,
            zorder=5,
        )[0]
        self.selection_label = axes.annotate(
            "",
            (0, 0),
            xytext=(0, 0),
            textcoords="offset points",
            fontsize=9,
            fontweight="bold",
            zorder=6,
        )
        self.selected_id: int | None = None
        self.handles = {
            status: Line2D([], [], linestyle="", marker="o", markersize=7, label=status)
            for status in STATUSES
        }
        self.legend = self.figure.legend(
            handles=list(self.handles.values()),
            loc="upper center",
            bbox_to_anchor=(0.5, 1),
            ncols=len(STATUSES),
            frameon=False,
            fontsize=9,
            handletextpad=0.2,
            columnspacing=1.2,
        )
        self.scale = ""
        self._set_scale(LINEAR)

        self.person_ids = np.empty(0, dtype=np.int64)
        self.balances: list[PersonBalance] = []
        self.names: list[str] = []
        self.ratio = StatusRules().ratio
        self._statuses = np.empty(0, dtype=np.intp)
        self.restyle(dark)

    def update(
        self,
        balances: Iterable[PersonBalance] | Mapping[int, PersonBalance],
        names: Mapping[int, str],
        rules: StatusRules | None = None,
        empty_message: str = "Nobody has exchanges yet.",
    ) -> None:
        """Show one dot per balance; ``names`` maps person id to name (for the hover)."""
        rules = rules or StatusRules()
        listed = list(balances.values() if isinstance(balances, Mapping) else balances)
        index = {status: i for i, status in enumerate(STATUSES)}
        table = np.array(
            [
                (b.person_id, b.given_window, b.received_window, b.exchanges, index[b.status])
                for b in listed
            ],
            dtype=np.int64,
        ).reshape(-1, 5)
        # Big dots first, so small ones stay visible on top of them.
        order = np.lexsort((table[:, 0], -table[:, 3]))
        table = table[order]
        self.balances = [listed[i] for i in order.tolist()]
        self.person_ids = table[:, 0]
        self.names = [names.get(pid, "") for pid in self.person_ids.tolist()]
        self.ratio = rules.ratio
        given, received = table[:, 1].astype(float), table[:, 2].astype(float)
        self._statuses = table[:, 4].astype(np.intp)
        count = len(table)

        self.dots.set_offsets(np.column_stack((given, received)))
        self.dots.set_sizes(dot_sizes(table[:, 3].astype(float), count))
        self.dots.set_facecolors(self._status_rgba[self._statuses])
        # A thin outline separates a few overlapping dots; thousands only blur, and the
        # outlines double the drawing time.
        self.dots.set_linewidth(0.6 if count <= _OUTLINED_DOTS else 0)

        reach = max(float(given.max(initial=0)), float(received.max(initial=0)), 4.0) * 1.08
        self._set_scale(overview_scale(np.concatenate((given, received))))
        low = -reach * 0.03 if self.scale == LINEAR else -0.3
        self.axes.set_xlim(low, reach)
        self.axes.set_ylim(low, reach)
        if self.scale == ASINH:
            # 0, 10, 100, 1,000…: the default asinh ticks crowd 0 and 1 together.
            ticks = [0.0] + [10.0**k for k in range(1, int(np.log10(reach)) + 1)]
            self.axes.set_xticks(ticks)
            self.axes.set_yticks(ticks)
        # Edges sampled densely, so they stay true on the compressed scale too.
        far = reach * max(rules.ratio, 1.0) * 2
        x = np.r_[0.0, np.geomspace(far * 1e-6, far, 120)]
        lower, upper = x / rules.ratio, x * rules.ratio
        self.band.set_xy(
            np.concatenate((np.column_stack((x, lower)), np.column_stack((x, upper))[::-1]))
        )
        self.band_lower.set_data(x, lower)
        self.band_upper.set_data(x, upper)
        self.diagonal.set_data(x, x)
        self.band_note.set_text(
            f"shaded: the win-win band, up to {rules.ratio:g}× either way"
            + (" · logarithmic axes" if self.scale == ASINH else "")
        )
        window = window_words(rules.window_days)
        self.axes.set_xlabel(f"Points you gave in {window}")
        self.axes.set_ylabel(f"Points you received in {window}")
        counts = np.bincount(self._statuses, minlength=len(STATUSES))
        for text, status, number in zip(self.legend.get_texts(), STATUSES, counts, strict=True):
            text.set_text(f"{status} ({number})")
        self.message.set_text("" if count else empty_message)
        self._label(given, received)
        shown = self.selected_id is not None and bool((self.person_ids == self.selected_id).any())
        self.select(self.selected_id if shown else None)

    def _label(self, given: np.ndarray, received: np.ndarray) -> None:
        """Names beside the outliers; a count beside the biggest stacks of dots. Only these
        few are chosen here: where each goes is decided when the chart is drawn
        (:meth:`_place_labels`), at the size it is drawn at."""
        sizes = self.dots.get_sizes()
        named = outlier_indices(given, received, self.ratio, NAMED_OUTLIERS)
        self._named_ids = self.person_ids[named]
        self._name_radii = [_radius(sizes[i]) for i in named]
        _show(
            self.name_labels,
            [(_first_and_initial(self.names[i]), (given[i], received[i])) for i in named],
        )
        x, y, counts, largest = _stacks(given, received, sizes, _STACK_CANDIDATES)
        # A stack's label keeps clear of the biggest dot in it.
        self._stack_radii = [_radius(size) for size in largest.tolist()]
        _show(
            self.stack_labels,
            [
                (f"×{n}", spot)
                for *spot, n in zip(x.tolist(), y.tolist(), counts.tolist(), strict=True)
            ],
        )

    def _annotation(self, **style):
        return self.axes.annotate(
            "",
            (0, 0),
            xytext=(0, 0),
            textcoords="offset points",
            fontsize=8,
            zorder=4,
            visible=False,
            **style,
        )

    def labelled_names(self) -> list[str]:
        """The names written beside dots (the chosen person's aside)."""
        return [label.get_text() for label in self.name_labels if label.get_visible()]

    def stack_counts(self) -> list[str]:
        """The "×6" counts written beside stacks of dots."""
        return [label.get_text() for label in self.stack_labels if label.get_visible()]

    def drawn_labels(self) -> list:
        """Every name and count on the chart, the chosen person's included."""
        return [
            label
            for label in [self.selection_label, *self.name_labels, *self.stack_labels]
            if label.get_visible() and label.get_text()
        ]

    def select(self, person_id: int | None) -> None:
        """Ring ``person_id``'s dot and write their name beside it (None: nobody)."""
        self.selected_id = person_id
        found = np.flatnonzero(self.person_ids == person_id) if person_id is not None else []
        if not len(found):
            self.selection.set_data([], [])
            self.selection_label.set_text("")
            return
        x, y = self.dots.get_offsets()[int(found[0])]
        self.selection.set_data([x], [y])
        self.selection_label.xy = (x, y)
        self.selection_label.set_text(self.names[int(found[0])])

    def _place_labels(self, renderer) -> None:
        """Put each label beside its dot where it overlaps no other label, stays inside the
        axes and covers the fewest dots: the chosen person's name first, then the named
        outliers, then the stack counts (up to :data:`COUNTED_STACKS`). A label that finds
        no such place is not drawn."""
        to_pixels = renderer.points_to_pixels(1.0)
        gap = _LABEL_GAP_PT * to_pixels
        frame = self.axes.bbox
        taken = [
            _box(text.get_window_extent(renderer))
            for text in (self.take_label, self.give_label, self.message)
            if text.get_text()
        ]
        shown = self.axes.transData.transform(self.dots.get_offsets())
        crowd = _DotCounter(shown, frame, margin=gap)
        wanted: list[tuple[object, float, tuple]] = []
        if self.selection_label.get_text():
            # Clear of the ring (16-point marker, 2-point edge) around the dot.
            wanted.append((self.selection_label, 9.0, _AROUND))
        named = len(self._name_radii)
        for label, radius, person_id in zip(
            self.name_labels[:named], self._name_radii, self._named_ids.tolist(), strict=True
        ):
            if person_id == self.selected_id:
                label.set_visible(False)  # named already, in bold
            else:
                wanted.append((label, radius, _AROUND + _FURTHER))
        wanted.extend(
            (label, radius, _AROUND)
            for label, radius in zip(
                self.stack_labels[: len(self._stack_radii)], self._stack_radii, strict=True
            )
        )
        counted = 0
        for label, radius, places in wanted:
            stack = label in self.stack_labels
            label.set_visible(not stack or counted < COUNTED_STACKS)
            if not label.get_visible():
                continue
            # The text's own box (Annotation's would also place the arrow there is none
            # of, at twice the cost); only its size counts.
            extent = Text.get_window_extent(label, renderer)
            width, height = extent.width, extent.height
            x, y = self.axes.transData.transform(label.xy)
            best = None
            for dx, dy, further in places:
                reach = (radius + further) * to_pixels + gap
                left = x + dx * reach - (1 - dx) / 2 * width
                bottom = y + dy * reach - (1 - dy) / 2 * height
                box = (left, bottom, left + width, bottom + height)
                if not _inside(box, frame) or any(_overlap(box, other, gap) for other in taken):
                    continue
                covered = crowd.count(box)
                if best is None or covered < best[0]:
                    best = (covered, box, dx, dy, reach)
                    if not covered:
                        break
            if best is None:
                label.set_visible(False)
                continue
            _covered, box, dx, dy, reach = best
            taken.append(box)
            counted += stack
            label.set_position((dx * reach / to_pixels, dy * reach / to_pixels))
            label.set_horizontalalignment({-1: "right", 0: "center", 1: "left"}[dx])
            label.set_verticalalignment({-1: "top", 0: "center", 1: "bottom"}[dy])

    # the mouse --------------------------------------------------------------------------

    def _set_scale(self, scale: str) -> None:
        if scale == self.scale:
            return
        self.scale = scale
        for axis, set_scale in (
            (self.axes.xaxis, self.axes.set_xscale),
            (self.axes.yaxis, self.axes.set_yscale),
        ):
            if scale == LINEAR:
                set_scale("linear")
                axis.set_major_locator(MaxNLocator(integer=True))
            else:
                set_scale("asinh", linear_width=_ASINH_LINEAR_WIDTH)
            axis.set_major_formatter(FuncFormatter(thousands))

    def people_at(self, x: float, y: float) -> list[int]:
        """Ids of the people whose dots are under the mouse (display pixels), nearest first."""
        if not len(self.person_ids) or not self.axes.bbox.contains(x, y):
            return []
        return [int(self.person_ids[i]) for i in self._indices_at(x, y)]

    def person_for_pick(self, event) -> int | None:
        """The person a matplotlib ``pick_event`` landed on (the nearest dot), or None."""
        if event.artist is not self.dots or not len(event.ind):
            return None
        indices = np.asarray(event.ind)
        mouse = event.mouseevent
        shown = self.axes.transData.transform(self.dots.get_offsets()[indices])
        distance = np.hypot(shown[:, 0] - mouse.x, shown[:, 1] - mouse.y)
        return int(self.person_ids[indices[int(np.argmin(distance))]])

    def display_position(self, person_id: int) -> tuple[float, float]:
        """Where ``person_id``'s dot is, in display pixels."""
        index = int(np.flatnonzero(self.person_ids == person_id)[0])
        x, y = self.axes.transData.transform(self.dots.get_offsets()[index])
        return float(x), float(y)

    def balance_of(self, person_id: int) -> PersonBalance | None:
        for balance in self.balances:
            if balance.person_id == person_id:
                return balance
        return None

    def name_of(self, person_id: int) -> str:
        found = np.flatnonzero(self.person_ids == person_id)
        return self.names[int(found[0])] if len(found) else ""

    def _indices_at(self, x: float, y: float) -> list[int]:
        shown = self.axes.transData.transform(self.dots.get_offsets())
        distance = np.hypot(shown[:, 0] - x, shown[:, 1] - y)
        points_to_pixels = self.figure.dpi / 72
        radius = (np.sqrt(self.dots.get_sizes()) / 2 + _PICK_RADIUS_PT) * points_to_pixels
        under = np.flatnonzero(distance <= radius)
        return [int(i) for i in under[np.argsort(distance[under], kind="stable")]]

    # look -------------------------------------------------------------------------------

    def restyle(self, dark: bool) -> None:
        self.dark = dark
        palette = self.palette = colours(dark)
        style_figure(self.figure, palette)
        style_axes(self.axes, palette)
        self._status_rgba = to_rgba_array([palette.status[s] for s in STATUSES])
        self.dots.set_facecolors(self._status_rgba[self._statuses])
        self.dots.set_edgecolor(palette.axes)
        self.band.set_facecolor(palette.band)
        self.band.set_alpha(0.16 if dark else 0.12)
        for edge in (self.band_lower, self.band_upper):
            edge.set_color(palette.band)
        self.diagonal.set_color(palette.muted)
        self.band_note.set_color(palette.band if not dark else palette.muted)
        self.message.set_color(palette.muted)
        self.take_label.set_color(palette.received)
        self.give_label.set_color(palette.given)
        for status, handle in self.handles.items():
            handle.set_color(palette.status[status])
        for status, handle in zip(STATUSES, self.legend.legend_handles, strict=True):
            handle.set_color(palette.status[status])
        style_legend(self.legend, palette)
        self.selection.set_markeredgecolor(palette.text)
        self.selection_label.set_color(palette.text)
        for label in self.name_labels:
            label.set_color(palette.text)
        for label in self.stack_labels:
            label.set_color(palette.muted)
        for label in [self.selection_label, *self.name_labels, *self.stack_labels]:
            label.set_bbox(_backing(palette))


def _first_and_initial(name: str) -> str:
    """ "Amélie L." — short enough to sit beside a dot."""
    parts = name.split()
    return name if len(parts) < 2 else f"{parts[0]} {parts[-1][0]}."


# Where a label may go around its dot, in the order tried: (across, up) as -1, 0 or 1,
# and how much further out (points) than the dot's edge.
_AROUND = tuple(
    (dx, dy, 0.0)
    for dx, dy in ((1, 1), (1, -1), (-1, 1), (-1, -1), (1, 0), (-1, 0), (0, 1), (0, -1))
)
# A name may also stand a little further out when its dot is crowded.
_FURTHER = tuple((dx, dy, 9.0) for dx, dy, _ in _AROUND)


def _show(labels: list, texts: list[tuple[str, tuple[float, float]]]) -> None:
    """Give the first labels these (text, dot) and show them; hide the rest."""
    for n, label in enumerate(labels):
        text, xy = texts[n] if n < len(texts) else ("", (0.0, 0.0))
        label.set_text(text)
        label.xy = xy
        label.set_visible(bool(text))


def _backing(palette) -> dict:
    """A pale patch of the chart's background behind a label: readable over the dots.
    (An outline of the letters reads as well but costs five times as much to draw.)"""
    return {
        "boxstyle": "round,pad=0.1",
        "facecolor": palette.axes,
        "edgecolor": "none",
        "alpha": 0.8,
    }


def _radius(size: float) -> float:
    """A dot's radius in points, from its marker area (points²)."""
    return float(np.sqrt(size)) / 2


def _box(extent) -> tuple[float, float, float, float]:
    return (extent.x0, extent.y0, extent.x1, extent.y1)


def _inside(box: tuple[float, float, float, float], frame) -> bool:
    return box[0] >= frame.x0 and box[1] >= frame.y0 and box[2] <= frame.x1 and box[3] <= frame.y1


def _overlap(box: tuple[float, ...], other: tuple[float, ...], gap: float) -> bool:
    return (
        box[0] < other[2] + gap
        and other[0] < box[2] + gap
        and box[1] < other[3] + gap
        and other[1] < box[3] + gap
    )


class _DotCounter:
    """How many dots have their centre in (or within ``margin`` pixels of) a box: the dots
    counted once on a grid of ``cell`` pixels, then any box in constant time from the
    grid's running sums, however many thousand dots there are."""

    def __init__(self, points: np.ndarray, frame, margin: float, cell: float = 4.0) -> None:
        self.origin = (frame.x0, frame.y0)
        self.cell, self.margin = cell, margin
        self.columns = max(int(np.ceil(frame.width / cell)), 1)
        self.rows = max(int(np.ceil(frame.height / cell)), 1)
        column = np.floor((points[:, 0] - frame.x0) / cell)
        row = np.floor((points[:, 1] - frame.y0) / cell)
        inside = (column >= 0) & (column < self.columns) & (row >= 0) & (row < self.rows)
        cells = (row[inside] * self.columns + column[inside]).astype(np.intp)
        grid = np.bincount(cells, minlength=self.rows * self.columns)
        self.sums = np.zeros((self.rows + 1, self.columns + 1), dtype=np.int64)
        self.sums[1:, 1:] = grid.reshape(self.rows, self.columns).cumsum(0).cumsum(1)

    def count(self, box: tuple[float, float, float, float]) -> int:
        x0, y0 = self.origin
        first_column = self._clip((box[0] - self.margin - x0) // self.cell, self.columns)
        last_column = self._clip(-(-(box[2] + self.margin - x0) // self.cell), self.columns)
        first_row = self._clip((box[1] - self.margin - y0) // self.cell, self.rows)
        last_row = self._clip(-(-(box[3] + self.margin - y0) // self.cell), self.rows)
        sums = self.sums
        return int(
            sums[last_row, last_column]
            - sums[first_row, last_column]
            - sums[last_row, first_column]
            + sums[first_row, first_column]
        )

    @staticmethod
    def _clip(value: float, top: int) -> int:
        return int(min(max(value, 0), top))


class _LabelLayout(Artist):
    """Draws nothing: lays out the chart's names and counts just before they are drawn,
    so they fit the size the chart is drawn at (a resized window, a saved PNG or SVG)."""

    def __init__(self, place) -> None:
        super().__init__()
        self.place = place
        self.set_zorder(0)  # before the labels (zorder 4 and up)

    def draw(self, renderer) -> None:
        if self.get_visible():
            self.place(renderer)
        self.stale = False


class CategoryChart:
    """Points given (to the right) and received (to the left) per category inside the
    window: a balanced category has two bars of a length, a one-sided one does not."""

    def __init__(self, dark: bool = False) -> None:
        self.figure = Figure(figsize=(5, 3), layout=FixedMargins(left=84, top=22, bottom=34))
        self.axes = self.figure.add_subplot()
        self.given = None  # BarContainer, replaced only when the number of categories changes
        self.received = None
        self.legend = None
        self.categories: list[str] = []
        self.message = self.axes.text(
            0.5, 0.5, "", transform=self.axes.transAxes, ha="center", va="center", fontsize=10
        )
        self.axes.xaxis.set_major_locator(MaxNLocator(nbins=6, integer=True, symmetric=True))
        # Received bars point left, but points are never negative.
        self.axes.xaxis.set_major_formatter(FuncFormatter(lambda v, _p: thousands(abs(v))))
        self.zero = self.axes.axvline(0, linewidth=0.9, zorder=3)
        self.title = _title(self.axes, "Given and received by category", from_figure_edge=True)
        self.restyle(dark)

    def update(self, totals: Mapping[str, tuple[int, int]], window: str = "") -> None:
        """``totals`` maps category to (given, received), as ``analytics.category_totals``.

        The biggest category is at the top; ``window`` words the period for the axis.
        """
        self.categories = sorted(totals, key=lambda c: (-sum(totals[c]), c))
        given = np.array([totals[c][0] for c in self.categories], dtype=float)
        received = np.array([totals[c][1] for c in self.categories], dtype=float)
        rows = np.arange(len(self.categories), dtype=float)
        if self.given is not None and len(self.given.patches) == len(self.categories):
            for g_patch, r_patch, g, r in zip(
                self.given.patches, self.received.patches, given, received, strict=True
            ):
                g_patch.set_width(g)
                r_patch.set_width(-r)
        else:
            if self.given is not None:
                self.given.remove()
                self.received.remove()
            self.given = self.axes.barh(
                rows, given, height=0.7, color=self.palette.given, label="given", zorder=2
            )
            self.received = self.axes.barh(
                rows,
                -received,
                height=0.7,
                color=self.palette.received,
                label="received",
                zorder=2,
            )
            if self.legend is None:
                self.legend = _title_legend(self.figure, [self.given, self.received])
                self.restyle(self.dark)
        self.axes.set_yticks(rows, [_short(c) for c in self.categories])
        self.axes.set_ylim(max(len(self.categories), 1) - 0.5, -0.5)
        longest = max(float(given.max(initial=0)), float(received.max(initial=0)), 1.0)
        self.axes.set_xlim(-longest * 1.08, longest * 1.08)
        self.axes.set_xlabel(
            f"◀ received · points in {window} · given ▶" if window else "◀ received · given ▶"
        )
        self.message.set_text("" if self.categories else "No exchanges in this period.")

    def restyle(self, dark: bool) -> None:
        self.dark = dark
        palette = self.palette = colours(dark)
        style_figure(self.figure, palette)
        style_axes(self.axes, palette)
        self.axes.grid(False, axis="y")
        self.message.set_color(palette.muted)
        self.title.set_color(palette.text)
        self.zero.set_color(palette.spine)
        for container, colour in ((self.given, palette.given), (self.received, palette.received)):
            if container is not None:
                for patch in container.patches:
                    patch.set_facecolor(colour)
        if self.legend is not None:
            _style_title_legend(self.legend, palette)


def _title(axes, text: str, from_figure_edge: bool = False):
    """A title above the axes' left edge, or above the figure's when the axes' labels
    (a category's name) push the axes right and the title would reach the legend beside
    it (its colour follows the theme in ``restyle``)."""
    if from_figure_edge:
        where = blended_transform_factory(axes.figure.transFigure, axes.transAxes)
        return axes.text(0.02, 1.04, text, transform=where, va="bottom", fontsize=10)
    return axes.text(0, 1.04, text, transform=axes.transAxes, va="bottom", fontsize=10)


def _title_legend(figure, containers, labels=("given", "received")):
    """Swatches for the given and received bars in the title row, at the right."""
    return figure.legend(
        containers,
        list(labels),
        loc="upper right",
        bbox_to_anchor=(1, 1),
        ncols=2,
        frameon=False,
        fontsize=8.5,
        handlelength=1.2,
        handleheight=0.8,
    )


def _style_title_legend(legend, palette) -> None:
    style_legend(legend, palette)
    for handle, colour in zip(
        legend.legend_handles, (palette.given, palette.received), strict=True
    ):
        handle.set_facecolor(colour)


def _short(label: str, longest: int = 14) -> str:
    """A category name cut to fit the chart's fixed left margin."""
    return label if len(label) <= longest else label[: longest - 1] + "…"


class NetworkChart:
    """The whole network's (or one tag's) points given and received per month."""

    def __init__(self, dark: bool = False) -> None:
        self.figure = Figure(figsize=(5, 3), layout=FixedMargins(left=50, top=22, bottom=30))
        self.axes = self.figure.add_subplot()
        self.bars = MonthBars(self.axes, colours(dark))
        locator = AutoDateLocator(minticks=3, maxticks=8)
        self.axes.xaxis.set_major_locator(locator)
        self.axes.xaxis.set_major_formatter(ConciseDateFormatter(locator))
        self.title = _title(self.axes, "Per month")
        self.legend = None
        self.partial = False  # whether the last month is still under way
        self.so_far = self.axes.text(0, 0, "", ha="center", va="bottom", fontsize=7.5)
        self.restyle(dark)

    def update(
        self, months: Sequence[MonthPoint], title: str = "", today: dt.date | None = None
    ) -> None:
        """``months`` as ``analytics.monthly_series``; ``title`` replaces the default. The
        month holding ``today`` (when it is the last, and not over) is drawn paler, with
        "so far" over it: it is not comparable with whole months yet."""
        self.bars.update(months)
        last = months[-1].month if months else None
        self.partial = bool(
            today is not None
            and last is not None
            and (last.year, last.month) == (today.year, today.month)
            and today.day < _month_days(last)
        )
        self._mark_partial()
        if self.legend is None and self.bars.given is not None:
            self.legend = _title_legend(
                self.figure, [self.bars.given, self.bars.received], ("given ▲", "received ▼")
            )
            self.restyle(self.dark)
        span = self.bars.span()
        if span is not None:
            # The axis ends with the data: the day after the last month would be labelled
            # with next year.
            self.axes.set_xlim(span[0], span[1] - 1)
        self.title.set_text(title or "Per month")

    def _mark_partial(self) -> None:
        palette = colours(self.dark)
        count = len(self.bars.months)
        for collection, colour in (
            (self.bars.given, palette.given),
            (self.bars.received, palette.received),
        ):
            faces = to_rgba_array([colour] * max(count, 1))[:count]
            if self.partial and count:
                faces[-1, 3] = 0.4
            collection.set_facecolor(faces)
        if self.partial and count:
            month = self.bars.months[-1]
            x = float(day_numbers([month.month])[0]) + _month_days(month.month) / 2
            self.so_far.set_position((x, month.given))
            self.so_far.set_text("so far")
        else:
            self.so_far.set_text("")

    def restyle(self, dark: bool) -> None:
        self.dark = dark
        palette = colours(dark)
        style_figure(self.figure, palette)
        style_axes(self.axes, palette)
        self.axes.grid(False, axis="x")
        self.bars.restyle(palette)
        self.title.set_color(palette.text)
        self.so_far.set_color(palette.muted)
        self._mark_partial()
        if self.legend is not None:
            _style_title_legend(self.legend, palette)


def _month_days(month: dt.date) -> int:
    return calendar.monthrange(month.year, month.month)[1]
