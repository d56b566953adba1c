"""Today's "Next meetings", the calendar field of Settings, and the brief window they
open (issue 16): from a fresh journal, point Settings at a calendar, see the coming
meetings on Today, open their brief, print it, log one afterwards."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import Qt

from winwin_desktop.journal import agenda, people
from winwin_desktop.text import short_day
from winwin_desktop.ui.calendar_field import CalendarField
from winwin_desktop.ui.main_window import PEOPLE, TODAY
from winwin_desktop.ui.next_meetings import NO_CALENDAR, NO_MEETINGS, NextMeetings


@pytest.fixture
def calendar(tmp_path):
    """A calendar with a meeting with Ada and Bo tomorrow at 10:00 (local time), one with
    nobody from the journal, and one after next week."""
    tomorrow = dt.date.today() + dt.timedelta(days=1)
    far = dt.date.today() + dt.timedelta(days=12)
    path = tmp_path / "me.ics"
    path.write_text(
        "BEGIN:VCALENDAR\r\nVERSION:2.0\r\n"
        f"BEGIN:VEVENT\r\nUID:pilot\r\nSUMMARY:Pilot review\r\nDTSTART:{tomorrow:%Y%m%d}T100000\r\n"
        "ATTENDEE;CN=Ada Lovelace:mailto:ada@x.example\r\n"
        "ATTENDEE;CN=Bo Jensen:mailto:bo@x.example\r\n"
        "ATTENDEE;CN=Cy Stranger:mailto:cy@y.example\r\nEND:VEVENT\r\n"
        f"BEGIN:VEVENT\r\nUID:solo\r\nSUMMARY:Dentist\r\nDTSTART:{tomorrow:%Y%m%d}T080000\r\nEND:VEVENT\r\n"
        f"BEGIN:VEVENT\r\nUID:far\r\nSUMMARY:Later\r\nDTSTART:{far:%Y%m%d}T080000\r\n"
        "ATTENDEE;CN=Ada Lovelace:mailto:ada@x.example\r\nEND:VEVENT\r\n"
        "END:VCALENDAR\r\n",
        encoding="utf-8",
    )
    return path, tomorrow


@pytest.fixture
def ada_and_bo(journal):
    ada = people.add_person("Ada Lovelace", emails=["ada@x.example"])
    bo = people.add_person("Bo Jensen", organisation="Globex")
    return ada.id, bo.id


def texts(widget: NextMeetings) -> list[str]:
    from PySide6.QtWidgets import QLabel

    return [label.text() for row in widget.rows for label in row.findChildren(QLabel)]


def test_settings_calendar_then_today_lists_the_meeting(window, qtbot, calendar, ada_and_bo):
    path, tomorrow = calendar
    page = window.today_page
    window.show_page(TODAY)
    qtbot.waitUntil(lambda: page.next_meetings.empty.text() == NO_CALENDAR)
    window.show_page(PEOPLE)
    field = CalendarField(window)
    qtbot.addWidget(field)
    assert field.choose(str(path))
    assert agenda.calendar_path() == str(path)
    # Choosing is one undo step of the window; Today shows the meeting when it is shown.
    assert window.actions.stack.count() == 1
    window.show_page(TODAY)
    qtbot.waitUntil(lambda: len(page.next_meetings.rows) == 1)
    [text] = texts(page.next_meetings)
    assert "<b>tomorrow 10:00</b> · Pilot review" in text
    assert "with Ada Lovelace, Bo Jensen, Cy Stranger" in text
    assert page.next_meetings.empty.isHidden()


def test_a_wrong_calendar_is_refused_beside_the_field(window, qtbot, tmp_path):
    field = CalendarField(window)
    qtbot.addWidget(field)
    text = tmp_path / "notes.txt"
    text.write_text("hello")
    assert not field.choose(str(text))
    assert (
        field.error.text()
        == "notes.txt is not a calendar; choose an .ics file or a folder of them."
    )
    assert agenda.calendar_path() == ""
    assert field.path.text() == ""


def test_no_meetings_says_so(window, qtbot, calendar, journal):
    path, _ = calendar
    agenda.set_calendar_path(path)  # nobody of the calendar is in this journal
    window.today_page.next_meetings.reload()
    assert window.today_page.next_meetings.empty.text() == NO_MEETINGS


def test_brief_and_log_from_a_meeting(window, qtbot, calendar, ada_and_bo, monkeypatch, tmp_path):
    path, tomorrow = calendar
    agenda.set_calendar_path(path)
    meetings = window.today_page.next_meetings
    meetings.reload()
    [meeting] = meetings.meetings

    brief = meetings.open_brief(meeting)
    qtbot.waitExposed(brief)
    day = short_day(tomorrow, dt.date.today())
    assert brief.windowTitle() == f"Meeting brief: Pilot review · {day} 10:00"
    qtbot.waitUntil(lambda: brief.tab.brief is not None)
    assert brief.tab.brief.names == ["Ada Lovelace", "Bo Jensen"]
    text = brief.tab.browser.toPlainText()
    assert text.startswith("Meeting brief: Pilot review")
    # The window fits a 1280×800 screen.
    assert brief.height() <= 800 - 60 and brief.width() <= 1280
    # Print uses the platform's print dialog, laid out as the PDF (Ctrl+P: test_brief_tab).
    from PySide6.QtPrintSupport import QPrinter

    def ask(printer):
        printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        printer.setOutputFileName(str(tmp_path / "printed.pdf"))
        return True

    monkeypatch.setattr(brief.tab, "ask_print", ask)
    qtbot.mouseClick(brief.tab.print_button, Qt.LeftButton)
    assert (tmp_path / "printed.pdf").read_bytes().startswith(b"%PDF-")
    assert brief.tab.message.text() == "Printed 2 pages."
    brief.close()

    log = meetings.log_meeting(meeting)
    qtbot.waitExposed(log)
    assert log.title.text() == "Pilot review"
    assert log.date.date().toPython() == tomorrow
    assert [pid for pid, _name in log._snapshot()["participants"]] == list(ada_and_bo)
    log.reject()


def test_ctrl_m_reaches_the_next_meeting_and_its_brief_prints_by_keyboard(
    window, qtbot, calendar, ada_and_bo, monkeypatch, tmp_path
):
    """Issue 16's "by keyboard": from any page Ctrl+M puts the cursor on the first
    meeting's Brief; Enter opens it, Ctrl+P prints it; Tab then Enter logs the meeting."""
    from PySide6.QtPrintSupport import QPrinter
    from PySide6.QtWidgets import QApplication

    from tests.ui.test_log_interaction import activate
    from winwin_desktop.ui.brief_tab import BriefDialog, BriefTab
    from winwin_desktop.ui.log_dialog import LogInteractionDialog

    path, tomorrow = calendar
    agenda.set_calendar_path(path)
    window.show_page(PEOPLE)
    activate(qtbot, window)
    qtbot.keyClick(QApplication.focusWidget() or window, Qt.Key_M, Qt.ControlModifier)
    assert window.nav.currentRow() == TODAY
    meetings = window.today_page.next_meetings
    brief_button = QApplication.focusWidget()
    assert brief_button is meetings.rows[0].brief and brief_button.text() == "Brief"
    qtbot.waitUntil(lambda: not brief_button.visibleRegion().isEmpty())  # in view

    printed = tmp_path / "printed.pdf"

    def ask(tab, printer):
        printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        printer.setOutputFileName(str(printed))
        return True

    monkeypatch.setattr(BriefTab, "ask_print", ask)
    qtbot.keyClick(brief_button, Qt.Key_Return)
    [brief] = [d for d in window.findChildren(BriefDialog) if d.isVisible()]
    qtbot.waitExposed(brief)
    qtbot.waitUntil(lambda: brief.tab.brief is not None)
    assert brief.tab.brief.names == ["Ada Lovelace", "Bo Jensen"]
    activate(qtbot, brief)
    qtbot.keyClick(QApplication.focusWidget() or brief, Qt.Key_P, Qt.ControlModifier)
    assert printed.read_bytes().startswith(b"%PDF-")
    qtbot.keyClick(QApplication.focusWidget() or brief, Qt.Key_Escape)
    assert not brief.isVisible()

    # Back in the window the cursor is where it was, even after the calendar is read
    # again (every minute) or the journal changed meanwhile.
    activate(qtbot, window)
    meetings.reload()
    window.refresh()
    assert QApplication.focusWidget() is brief_button
    qtbot.keyClick(brief_button, Qt.Key_Tab)
    log_button = QApplication.focusWidget()
    assert log_button.text() == "Log"
    qtbot.keyClick(log_button, Qt.Key_Return)
    [log] = [d for d in window.findChildren(LogInteractionDialog) if d.isVisible()]
    assert [name for _, name in log.participant_choices()] == ["Ada Lovelace", "Bo Jensen"]
    log.reject()


def test_ctrl_m_without_a_calendar_says_how_to_get_one(window, qtbot, ada_and_bo):
    from PySide6.QtWidgets import QApplication

    from tests.ui.test_log_interaction import activate

    window.show_page(PEOPLE)
    activate(qtbot, window)
    qtbot.keyClick(QApplication.focusWidget() or window, Qt.Key_M, Qt.ControlModifier)
    assert window.nav.currentRow() == TODAY
    assert window.statusBar().currentMessage() == NO_CALENDAR
