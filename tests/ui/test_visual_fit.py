"""Every page and dialog at 1280×800 (the pages at 1366×768 too), light and dark, on the
demo journal: no button or column title cut short, no widget outside its window."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, QRect, Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractScrollArea,
    QApplication,
    QDialog,
    QHeaderView,
    QPushButton,
    QScrollArea,
    QStyle,
    QTabWidget,
    QWidget,
)

from tests.helpers.journals import build_demo_journal
from tests.helpers.today import settled
from winwin_desktop.ui import theme
from winwin_desktop.ui.elided_tips import header_text_width
from winwin_desktop.ui.main_window import PAGE_NAMES, PEOPLE, TODAY, MainWindow

SIZE = (1280, 800)


def describe(widget: QWidget) -> str:
    text = widget.text() if hasattr(widget, "text") and callable(widget.text) else ""
    return f"{type(widget).__name__} {widget.objectName() or ''}“{text}”".strip()


def scrolled(widget: QWidget, root: QWidget) -> bool:
    """Whether ``widget`` sits in a scroll area's viewport (it may be scrolled out)."""
    parent = widget.parentWidget()
    while parent is not None and parent is not root:
        grand = parent.parentWidget()
        if isinstance(grand, QAbstractScrollArea) and grand.viewport() is parent:
            return True
        parent = grand
    return False


def text_width(button: QAbstractButton) -> int:
    """The width a button needs to show its text whole (a push button's size hint has
    a minimum of its own, wider than a one-character button needs)."""
    if not isinstance(button, QPushButton):
        return button.sizeHint().width() - 1
    style = button.style()
    needed = button.fontMetrics().horizontalAdvance(button.text().replace("&", ""))
    needed += 2 * style.pixelMetric(QStyle.PM_ButtonMargin, None, button)
    if button.menu() is not None:
        needed += style.pixelMetric(QStyle.PM_MenuButtonIndicator, None, button)
    if not button.icon().isNull():
        needed += button.iconSize().width() + 4
    return needed


def problems(root: QWidget) -> list[str]:
    """What a user would see cut off in ``root`` as it is on screen now."""
    found = []
    bounds = root.rect()
    for widget in root.findChildren(QWidget):
        if not widget.isVisible() or widget.window() is not root:
            continue
        where = QRect(widget.mapTo(root, QPoint(0, 0)), widget.size())
        if not scrolled(widget, root) and not bounds.contains(where):
            found.append(f"{describe(widget)} is outside the window: {where} of {bounds}")
        if isinstance(widget, QScrollArea) and widget.widget() is not None:
            inner, room = widget.widget().width(), widget.viewport().width()
            if widget.horizontalScrollBar().isVisible() or inner > room + 1:
                found.append(f"{describe(widget)} scrolls sideways: {inner} px in {room}")
        if isinstance(widget, QAbstractButton) and widget.text():
            needed = text_width(widget)
            if widget.width() < needed:
                found.append(f"{describe(widget)} is {widget.width()} px wide for {needed}")
        if (
            isinstance(widget, QHeaderView)
            and widget.orientation() == Qt.Horizontal
            and widget.model()
        ):
            arrow = widget.isSortIndicatorShown()
            for section in range(widget.count()):
                if widget.isSectionHidden(section) or widget.sectionSize(section) == 0:
                    continue
                needed = header_text_width(widget, section, arrow)
                title = widget.model().headerData(section, widget.orientation())
                if title and widget.sectionSize(section) < needed - 1:
                    found.append(
                        f"column “{title}” is {widget.sectionSize(section)} px for {needed}"
                    )
    return found


@pytest.fixture(params=[theme.LIGHT, theme.DARK])
def demo_window(request, qtbot, tmp_path, window_settings, passphrase, qapp):
    theme.apply_theme(qapp, request.param)
    path = build_demo_journal(tmp_path / "demo.db", passphrase)
    window = MainWindow(path, window_settings)
    qtbot.addWidget(window)
    window.resize(*SIZE)
    window.show()
    qtbot.waitExposed(window)
    yield window
    theme.apply_theme(qapp, theme.LIGHT)


def settle(qtbot) -> None:
    QApplication.processEvents()
    qtbot.wait(30)


@pytest.mark.parametrize("size", [SIZE, (1366, 768)])
def test_every_page_and_person_tab_fits(demo_window, qtbot, size):
    window = demo_window
    window.resize(*size)
    seen = {}
    for page in range(len(PAGE_NAMES)):
        window.show_page(page)
        settle(qtbot)
        if page == TODAY:
            # Who needs attention fills in once read beside the window: then laid out.
            settled(window.today_page)
            settle(qtbot)
        seen[PAGE_NAMES[page]] = problems(window)
        if page == PEOPLE:
            tabs: QTabWidget = window.people_page.person_view.tabs
            for tab in range(tabs.count()):
                tabs.setCurrentIndex(tab)
                settle(qtbot)
                seen[f"People › {tabs.tabText(tab)}"] = problems(window)
    assert {name: found for name, found in seen.items() if found} == {}


def dialogs(window: MainWindow):
    """(name, dialog) for each dialog a user opens from the window's menus."""
    settings = window.open_settings()
    for section in range(settings.nav.count()):
        settings.nav.setCurrentRow(section)
        yield f"Settings › {settings.nav.item(section).text()}", settings
    yield "Log interaction", window.log_interaction()
    window.show_page(PEOPLE)
    yield "New person", window.people_page.new_person()
    yield "Export", window.export_journal()
    yield "About", window._about()
    yield "Import", window.import_file()
    from winwin_desktop.journal import people
    from winwin_desktop.ui.brief_tab import BriefDialog

    # Two people with long "Keep …" choices, and a meeting brief for three.
    named = {name: person_id for person_id, name in people.people_names()}
    window.people_page.select_person(named["Amélie Lefèvre"])
    merging = window.people_page.merge_selection()
    merging.choose_other(named["Andrés Ibáñez"])
    yield "Merge two people", merging
    three = [named["Amélie Lefèvre"], named["Käthe Schröder"], named["Piotr Kowalski"]]
    brief = BriefDialog(three, window)
    brief.show()
    yield "Meeting brief (3 people)", brief


def test_every_dialog_fits_the_screen_and_its_contents(demo_window, qtbot):
    window = demo_window
    # The offscreen screen is 800×600 whatever the window's size: measure against the
    # laptop's, less a panel.
    width, height = SIZE[0], SIZE[1] - 40
    seen = {}
    for name, dialog in dialogs(window):
        settle(qtbot)
        found = problems(dialog)
        if dialog.height() > height or dialog.width() > width:
            found.append(f"{dialog.width()}×{dialog.height()} is larger than the screen")
        seen[name] = found
        if name.startswith("Settings") and not name.endswith("Appearance"):
            continue
        dialog.reject() if isinstance(dialog, QDialog) else dialog.close()
    assert {name: found for name, found in seen.items() if found} == {}


def test_the_check_sees_a_cut_button_a_cut_column_title_and_a_widget_outside(qtbot):
    from PySide6.QtWidgets import QTableWidget

    root = QWidget()
    qtbot.addWidget(root)
    root.resize(300, 200)
    QPushButton("Restore everything", root).setGeometry(0, 0, 40, 30)
    table = QTableWidget(2, 1, root)
    table.setHorizontalHeaderLabels(["Organisation"])
    table.setGeometry(0, 40, 200, 100)
    table.setColumnWidth(0, 30)
    QPushButton("OK", root).setGeometry(280, 180, 60, 30)
    root.show()
    qtbot.waitExposed(root)
    found = problems(root)
    assert any("Restore everything" in p for p in found)
    assert any("Organisation" in p for p in found)
    assert any("“OK” is outside the window" in p for p in found)
