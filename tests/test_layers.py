"""The one Qt exception of the layers (STYLE.md): the brief's PDF writer in formats/ may
use QtGui, never QtWidgets. import-linter checks the rest (pyproject.toml) but names only
whole external packages, so this is checked here, import by import."""

from __future__ import annotations

import grimp


def test_formats_never_imports_qt_widgets():
    graph = grimp.build_graph("winwin_desktop", include_external_packages=True)
    qt_lines = [
        (detail["importer"], detail["line_contents"])
        for module in graph.find_descendants("winwin_desktop.formats")
        for detail in graph.get_import_details(importer=module, imported="PySide6")
    ]
    assert [line for line in qt_lines if "QtWidgets" in line[1]] == []
