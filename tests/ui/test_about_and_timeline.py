"""Help → About and Open data folder; the person timeline that loads as it is scrolled."""

from __future__ import annotations

import datetime as dt

from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QLabel

from winwin_desktop import __version__
from winwin_desktop.journal import interactions, people, reflections
from winwin_desktop.ui import person_view
from winwin_desktop.ui.about_dialog import AboutDialog


def help_action(window, text: str):
    menu = next(a.menu() for a in window.menuBar().actions() if a.text() == "&Help")
    return next(a for a in menu.actions() if a.text() == text)


def test_about_shows_the_version_and_where_the_journal_is(window, journal_path, qtbot):
    help_action(window, "&About WinWin").trigger()
    dialog = window.findChild(AboutDialog)
    assert dialog is not None and dialog.isVisible()
    labels = {label.accessibleName(): label.text() for label in dialog.findChildren(QLabel)}
    assert labels["Version"] == f"WinWin {__version__}"
    assert dialog.location.text() == str(journal_path)


def test_the_window_icon_has_every_size_drawn_from_the_svg(qapp):
    from winwin_desktop.app import app_icon

    sizes = sorted(size.width() for size in app_icon().availableSizes())
    assert sizes == [16, 24, 32, 48, 64, 128, 256, 512]


def test_open_data_folder_opens_the_journals_folder(window, journal_path, monkeypatch):
    opened = []
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: opened.append(url) or True)
    help_action(window, "Open &data folder").trigger()
    dialog = AboutDialog(journal_path, window.windowIcon(), window)
    dialog.open_folder_button.click()
    assert [url.toLocalFile() for url in opened] == [str(journal_path.parent)] * 2


def test_a_long_timeline_loads_the_newest_first_and_more_when_scrolled(window, monkeypatch, qapp):
    monkeypatch.setattr(person_view, "TIMELINE_PAGE", 40)
    zoe = people.add_person("Zoë Brontë-Nuñez")
    first_day = dt.date(2026, 1, 1)
    for number in range(90):
        day = first_day + dt.timedelta(days=number)
        interactions.log_interaction(day, f"Call {number}", [zoe.id])
    reflections.save_reflection(first_day, "Planned the year with @Zoë Brontë-Nuñez.")
    window.open_person(zoe.id)
    timeline = window.people_page.person_view.timeline

    def shown() -> list[str]:
        items = (timeline.topLevelItem(i) for i in range(timeline.topLevelItemCount()))
        return [item.text(1).split("  (")[0] for item in items]

    assert shown() == [f"Call {n}" for n in range(89, 49, -1)]
    bar = timeline.verticalScrollBar()

    def scroll_to_the_end() -> None:
        qapp.processEvents()  # the scroll bar's range follows the rows added
        bar.setValue(bar.maximum())

    scroll_to_the_end()
    assert len(shown()) == 80
    scroll_to_the_end()
    assert shown() == [f"Call {n}" for n in range(89, -1, -1)] + [
        "Reflection: Planned the year with @Zoë Brontë-Nuñez."
    ]
