"""matplotlib Figures built from analytics output: no Qt, no database, never pyplot.

Importing this package does not import matplotlib: the chart classes load it when first
asked for, and :mod:`winwin_desktop.charts.palette` (colours only) never does, so the
widgets can colour a status badge at start-up for free.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from winwin_desktop.charts.balance_chart import BalanceChart, BalanceHit
    from winwin_desktop.charts.overview_chart import CategoryChart, NetworkChart, OverviewChart

_HOMES = {
    "BalanceChart": "winwin_desktop.charts.balance_chart",
    "BalanceHit": "winwin_desktop.charts.balance_chart",
    "CategoryChart": "winwin_desktop.charts.overview_chart",
    "NetworkChart": "winwin_desktop.charts.overview_chart",
    "OverviewChart": "winwin_desktop.charts.overview_chart",
}

__all__ = ["BalanceChart", "BalanceHit", "CategoryChart", "NetworkChart", "OverviewChart"]


def __getattr__(name: str):
    if name in _HOMES:
        return getattr(import_module(_HOMES[name]), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
