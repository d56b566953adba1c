"""Generated journals: a small demo to explore the app (``story``), and the large
reference journal the benchmarks run on (``reference``), both drawn from the same
vocabulary (``vocabulary``) with the same helpers (``common``).

Both come from a seeded ``random.Random``: the same seed and the same ``today`` give the
same people, dates, titles and points.
"""

from winwin_desktop.demo.reference import build_large
from winwin_desktop.demo.story import build_demo, demo_path
from winwin_desktop.demo.vocabulary import BRANDS, SECTORS, TOPICS, TRADITIONS, VALUES

__all__ = [
    "BRANDS",
    "SECTORS",
    "TOPICS",
    "TRADITIONS",
    "VALUES",
    "build_demo",
    "build_large",
    "demo_path",
]
