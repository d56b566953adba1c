"""The Brief tab: what it shows, and printing and saving through replaced dialogs."""

from __future__ import annotations

import datetime as dt
import stat

import pytest
from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QPageSize, QTextDocument

from winwin_desktop.demo import build_demo
from winwin_desktop.journal import people, settings
from winwin_desktop.private_files import KEEP_PRIVATE
from winwin_desktop.store import close_journal, open_journal
from winwin_desktop.ui.brief_tab import BriefDialog, BriefTab

TODAY = dt.date(2026, 11, 27)


@pytest.fixture(scope="module")
def demo_file(tmp_path_factory):
    path = tmp_path_factory.mktemp("demo") / "demo.db"
    build_demo(path, seed=7, today=TODAY)
    close_journal()
    return path


@pytest.fixture
def demo(demo_file):
    """The demo journal, open; maps a name to the person's id."""
    open_journal(demo_file)
    yield lambda name: people.find_person(name).id
    close_journal()


@pytest.fixture
def tab(qtbot):
    tab = BriefTab()
    tab.today = TODAY
    qtbot.addWidget(tab)
    tab.resize(900, 700)
    return tab


def lines(text: str) -> list[str]:
    """The text's lines, with runs of spaces (non-breaking ones too) made one."""
    return [" ".join(line.split()) for line in text.splitlines()]


def headings(document: QTextDocument, level: int) -> list[str]:
    found, block = [], document.begin()
    while block.isValid():
        if block.blockFormat().headingLevel() == level:
            found.append(block.text())
        block = block.next()
    return found


def shown(qtbot, tab: BriefTab) -> BriefTab:
    tab.show()
    qtbot.waitExposed(tab)
    return tab


def test_shows_the_persons_name_status_and_chart(qtbot, tab, demo):
    shown(qtbot, tab).show_people([demo("Zoë Brontë-Nuñez")])
    text = tab.browser.toPlainText()
    assert text.startswith("Zoë Brontë-Nuñez\nHead of Partnerships · Acme Robotics")
    assert (
        "win-win You gave 9 points and received 18 in the last 12 months. "
        "Trend: −1.5 points a month (lately you receive more)."
    ) in lines(text)
    assert "You promised: Review their proposal on pricing — due in 2 days." in text
    chart = tab.browser.document().resource(
        QTextDocument.ResourceType.ImageResource,
        QUrl(f"winwin-chart-{demo('Zoë Brontë-Nuñez')}.png"),
    )
    # One image pixel per screen pixel: 660 wide (495 points) on this 96 dpi screen.
    assert chart.width() == round(660 * tab.devicePixelRatioF())
    assert all(button.isEnabled() for button in (tab.print_button, *tab.save_buttons.values()))


def test_on_a_narrow_page_the_chart_fits_without_a_horizontal_scroll_bar(qtbot, tab, demo):
    tab.resize(540, 700)  # the person page beside the People list on a laptop
    shown(qtbot, tab).show_people([demo("Zoë Brontë-Nuñez")])
    chart = tab.browser.document().resource(
        QTextDocument.ResourceType.ImageResource,
        QUrl(f"winwin-chart-{demo('Zoë Brontë-Nuñez')}.png"),
    )
    assert chart.width() / tab.devicePixelRatioF() < tab.browser.viewport().width()
    assert tab.browser.horizontalScrollBar().maximum() == 0


def test_nothing_is_read_until_the_tab_is_on_screen(qtbot, tab, demo):
    tab.show_people([demo("Minh Hoang")])
    assert tab.brief is None
    shown(qtbot, tab)
    assert tab.brief.names == ["Minh Hoang"]
    assert "They gave the last 5 times — consider offering something." in tab.browser.toPlainText()


def test_with_nobody_chosen_the_buttons_are_off(qtbot, tab, journal):
    shown(qtbot, tab).show_people([])
    assert tab.browser.toPlainText() == ""
    assert tab.browser.placeholderText() == "Choose a person to see their brief."
    assert not any(button.isEnabled() for button in (tab.print_button, *tab.save_buttons.values()))


def test_a_person_in_the_trash_is_explained(qtbot, tab, journal):
    ada = people.add_person("Ada")
    people.delete_person(ada.id)
    shown(qtbot, tab).show_people([ada.id])
    assert tab.error.isVisible()
    assert tab.error.text() == "Ada is in the trash; restore them for a brief."
    assert not tab.print_button.isEnabled()


def test_save_as_pdf_writes_the_file_the_dialog_names(qtbot, tab, demo, tmp_path, monkeypatch):
    asked = []

    def ask(caption, suggested, file_filter):
        asked.append((caption, suggested, file_filter))
        return str(tmp_path / "zoe")  # typed without the extension

    monkeypatch.setattr(tab, "ask_save_path", ask)
    tab.folder = tmp_path
    shown(qtbot, tab).show_people([demo("Zoë Brontë-Nuñez")])
    qtbot.mouseClick(tab.save_buttons["pdf"], Qt.MouseButton.LeftButton)
    assert asked == [
        (
            "Save the brief as PDF",
            str(tmp_path / "brief-zoe-bronte-nunez.pdf"),
            "PDF document (*.pdf)",
        )
    ]
    data = (tmp_path / "zoe.pdf").read_bytes()
    assert data.startswith(b"%PDF-") and len(data) > 10_000
    assert tab.message.text() == f"Saved {tmp_path / 'zoe.pdf'}. {KEEP_PRIVATE}"
    assert stat.S_IMODE((tmp_path / "zoe.pdf").stat().st_mode) == 0o600


def test_save_as_markdown_and_html(qtbot, tab, demo, tmp_path, monkeypatch):
    shown(qtbot, tab).show_people([demo("Zoë Brontë-Nuñez"), demo("Piotr Kowalski")])
    monkeypatch.setattr(tab, "ask_save_path", lambda *_: str(tmp_path / "meeting.md"))
    assert tab.save_markdown() == tmp_path / "meeting.md"
    assert tab.message.text() == (
        f"Saved {tmp_path / 'meeting.md'}, with 2 chart images beside it. {KEEP_PRIVATE}"
    )
    for written in ("meeting.md", "piotr-kowalski-balance.png"):
        assert stat.S_IMODE((tmp_path / written).stat().st_mode) == 0o600
    assert (tmp_path / "meeting.md").read_text(encoding="utf-8").startswith("*Meeting brief · ")
    assert (tmp_path / "piotr-kowalski-balance.png").is_file()
    monkeypatch.setattr(tab, "ask_save_path", lambda *_: str(tmp_path / "meeting.html"))
    assert tab.save_html() == tmp_path / "meeting.html"
    assert '<p class="small">Meeting brief · ' in (tmp_path / "meeting.html").read_text(
        encoding="utf-8"
    )


def test_cancelling_the_dialog_saves_nothing(qtbot, tab, demo, tmp_path, monkeypatch):
    monkeypatch.setattr(tab, "ask_save_path", lambda *_: None)
    shown(qtbot, tab).show_people([demo("Zoë Brontë-Nuñez")])
    assert tab.save_pdf() is None
    assert list(tmp_path.iterdir()) == []
    assert not tab.message.isVisible()


def test_a_folder_that_does_not_exist_is_explained(qtbot, tab, demo, tmp_path, monkeypatch):
    monkeypatch.setattr(tab, "ask_save_path", lambda *_: str(tmp_path / "gone" / "brief.pdf"))
    shown(qtbot, tab).show_people([demo("Zoë Brontë-Nuñez")])
    assert tab.save_pdf() is None
    assert tab.error.text() == (
        f"There is no folder {tmp_path / 'gone'}; create it or choose another file."
    )


def test_print_renders_on_the_printer_the_dialog_set_up(qtbot, tab, demo, tmp_path, monkeypatch):
    from PySide6.QtPrintSupport import QPrinter

    def ask(printer):
        # What a user picking "Print to file (PDF)" in the dialog does.
        printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        printer.setOutputFileName(str(tmp_path / "printed.pdf"))
        return True

    monkeypatch.setattr(tab, "ask_print", ask)
    shown(qtbot, tab).show_people([demo("Zoë Brontë-Nuñez")])
    tab.print_brief()
    assert (tmp_path / "printed.pdf").read_bytes().startswith(b"%PDF-")
    assert tab.message.text() == "Printed 1 page."


def test_a_brief_for_a_selection_of_people(qtbot, demo):
    ids = [demo("Zoë Brontë-Nuñez"), demo("Piotr Kowalski"), demo("Ingrid Håkansson")]
    dialog = BriefDialog(ids)
    dialog.tab.today = TODAY
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    assert dialog.windowTitle() == "Meeting brief"
    text = dialog.tab.browser.toPlainText()
    assert text.startswith(
        "Meeting brief · Zoë Brontë-Nuñez, Piotr Kowalski and Ingrid Håkansson · prepared on "
    )
    assert headings(dialog.tab.browser.document(), 1) == [
        "Zoë Brontë-Nuñez",
        "Piotr Kowalski",
        "Ingrid Håkansson",
    ]


def test_brief_for_several_selected_people_and_the_profile_talking_points(window, qtbot):
    from PySide6.QtCore import QItemSelectionModel

    from winwin_desktop.journal import people as people_cases
    from winwin_desktop.ui.main_window import PEOPLE

    ada = people_cases.add_person("Ada Lovelace")
    bo = people_cases.add_person("Bo Diddley")
    window.show_page(PEOPLE)
    view = window.people_page.person_view
    window.people_page.select_person(ada.id)
    view.tabs.setCurrentWidget(view.profile_page)
    view.edit_button.setChecked(True)  # the profile reads as a page until Edit
    view.talking_points.setFocus()
    view.talking_points.setPlainText("Ask about the engine")
    view.talking_points.clearFocus()
    assert people_cases.get_person(ada.id).talking_points == "Ask about the engine"
    table = window.people_page.table
    selection = table.selectionModel()
    selection.select(
        table.model().index(0, 0), QItemSelectionModel.Select | QItemSelectionModel.Rows
    )
    selection.select(
        table.model().index(1, 0), QItemSelectionModel.Select | QItemSelectionModel.Rows
    )
    assert window.people_page.selected_person_ids() == [ada.id, bo.id]
    dialog = window.brief_for_selection()
    qtbot.addWidget(dialog)
    html = dialog.tab.browser.toHtml()
    assert "Ada Lovelace" in html and "Bo Diddley" in html and "Ask about the engine" in html


def test_ctrl_p_prints_the_brief_tab_of_the_person_page(window, qtbot, tmp_path, monkeypatch):
    from PySide6.QtPrintSupport import QPrinter

    from winwin_desktop.journal import people as people_cases
    from winwin_desktop.ui.main_window import PEOPLE

    ada = people_cases.add_person("Ada Lovelace")
    window.show_page(PEOPLE)
    window.people_page.select_person(ada.id)
    view = window.people_page.person_view
    view.tabs.setCurrentWidget(view.brief_tab)
    qtbot.waitUntil(lambda: view.brief_tab.brief is not None)
    asked = []

    def ask(printer):
        asked.append(printer)
        printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        printer.setOutputFileName(str(tmp_path / "ada.pdf"))
        return True

    monkeypatch.setattr(view.brief_tab, "ask_print", ask)
    view.brief_tab.browser.setFocus()
    qtbot.keyClick(view.brief_tab.browser, Qt.Key_P, Qt.ControlModifier)
    assert len(asked) == 1
    assert (tmp_path / "ada.pdf").read_bytes().startswith(b"%PDF-")
    assert view.brief_tab.message.text() == "Printed 1 page."


def test_the_brief_paper_chosen_in_settings_is_the_pdf_s_and_the_printer_s(
    window, qtbot, tmp_path, monkeypatch
):
    # Settings → Appearance → Brief paper (issue 16 item 2), whatever the locale.
    monkeypatch.setenv("LC_PAPER", "de_DE.UTF-8")
    dialog = window.open_settings()
    dialog.brief_paper.setCurrentIndex(dialog.brief_paper.findText("Letter"))
    dialog.save()
    assert settings.get_setting("brief_paper") == "letter"
    ada = people.add_person("Ada Lovelace", organisation="Analytical Engines")
    tab = BriefTab()
    qtbot.addWidget(tab)
    monkeypatch.setattr(tab, "ask_save_path", lambda *_: str(tmp_path / "ada.pdf"))
    shown(qtbot, tab).show_people([ada.id])
    qtbot.mouseClick(tab.save_buttons["pdf"], Qt.MouseButton.LeftButton)
    assert b"/MediaBox [0 0 612" in (tmp_path / "ada.pdf").read_bytes()  # Letter
    printers = []
    monkeypatch.setattr(tab, "ask_print", lambda printer: printers.append(printer) and False)
    tab.print_brief()
    size = printers[0].pageLayout().pageSize().id()
    assert size == QPageSize.PageSizeId.Letter
