"""Help → About and Open data folder; the person timeline that loads as it is scrolled."""

from __future__ import annotations

import datetime as dt

from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QLabel

from winwin_desktop import __version__
from winwin_desktop.journal import interactions, people, reflections
from winwin_desktop.journal.shared_journals import journal_address, journal_name
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


SERVER_URL = "postgresql://ann:s3cret@db.example.org:6432/crm?sslmode=verify-full"


def test_a_journal_on_a_server_is_named_by_its_database_and_server_never_its_password():
    assert journal_name(SERVER_URL) == "crm on db.example.org:6432"
    assert journal_name("postgresql://ann@db.example.org/crm") == "crm on db.example.org"
    assert journal_name("/home/ann/WinWin/journal.db") == "journal.db"
    assert "s3cret" not in journal_address(SERVER_URL)
    assert journal_address(SERVER_URL).startswith("postgresql://ann@db.example.org:6432/crm")


def test_on_a_server_open_data_folder_opens_the_backups_folder_on_this_machine(
    window, tmp_path, monkeypatch
):
    from winwin_desktop.journal import json_backups

    backups = tmp_path / "data" / "backups"
    monkeypatch.setattr(json_backups, "backups_folder", lambda: backups)
    opened = []
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: opened.append(url) or True)
    dialog = AboutDialog(SERVER_URL, window.windowIcon(), window)
    assert "s3cret" not in dialog.location.text()
    assert dialog.location.text().startswith("postgresql://ann@db.example.org:6432/crm")
    assert str(backups) in dialog.open_folder_button.toolTip()
    dialog.open_folder_button.click()
    assert [url.toLocalFile() for url in opened] == [str(backups)]
    assert backups.is_dir() and backups.stat().st_mode & 0o777 == 0o700
