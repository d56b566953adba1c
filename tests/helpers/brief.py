"""The brief's artwork as the application passes it: the real chart and status colours."""

from __future__ import annotations

from winwin_desktop.charts import brief_chart
from winwin_desktop.formats.brief.model import Artwork

ART = Artwork(brief_chart.status_pills(), brief_chart.chart_colours())
