"""The import dialog on a team journal: a contact another member keeps is offered, not
duplicated (Ask to share, Add as new or Skip), and the member asked sees the request on
the window's status bar."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel

from tests.journal import test_team_views_balance
from tests.journal.test_team_views_balance import ANA, BEN, as_member, make_team
from tests.ui.test_import_dialog import table
from winwin_desktop.journal import people, team
from winwin_desktop.ui.import_dialog import CHOICE, ImportDialog
from winwin_desktop.ui.main_window import MainWindow
from winwin_desktop.ui.undo import Actions

team_database = test_team_views_balance.team_database

pytestmark = pytest.mark.needs_server

CARDS = (
    "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Zoë Brontë\r\nEMAIL:zoe@acme.com\r\nEND:VCARD\r\n"
    "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Minh Hoang\r\nEMAIL:minh@globex.com\r\nEND:VCARD\r\n"
)


def test_a_contact_another_member_keeps_is_offered_in_the_dialog(
    qtbot, team_database, window_settings, tmp_path, monkeypatch
):
    urls = make_team(team_database, ANA, BEN)
    as_member(urls["ana@example.com"])
    people.add_person("Zoë Brontë-Nuñez", emails=["zoe@acme.com"])

    as_member(urls["ben@example.com"])
    cards = tmp_path / "contacts.vcf"
    cards.write_text(CARDS, encoding="utf-8")
    dialog = ImportDialog(Actions())
    monkeypatch.setattr(dialog, "choose_file", lambda: cards)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.mouseClick(dialog.choose_button, Qt.LeftButton)
    assert table(dialog)[0] == (
        "Zoë Brontë",
        "",
        "",
        "Kept by another member",
        "Ana Ruiz already keeps a person with zoe@acme.com — not added, to avoid a "
        "duplicate; Ana is asked to share them with you.",
        "Ask to share",
    )
    assert dialog.summary.text() == (
        "2 records: 1 new, 1 kept by another member.  Another member keeps some of these "
        "people: they are not added, and that member is asked to share them (Add as new "
        "adds your own)."
    )
    choice = dialog.proxy.index(0, CHOICE)
    dialog.table.setCurrentIndex(choice)  # opens the drop-down, as a click does
    editor = dialog.table.indexWidget(choice)
    assert [editor.itemText(i) for i in range(editor.count())] == [
        "Ask to share",
        "Add as new",
        "Skip",
    ]
    qtbot.mouseClick(dialog.import_button, Qt.LeftButton)
    assert [name for _, name in people.people_names()] == ["Minh Hoang"]

    # Ana's window says who asks her, and for whom.
    as_member(urls["ana@example.com"])
    window = MainWindow(urls["ana@example.com"], window_settings)
    qtbot.addWidget(window)
    labels = [
        label.text()
        for label in window.statusBar().findChildren(QLabel)
        if label.accessibleName() == "Requests to share"
    ]
    assert labels == [
        "Ben Okafor asks you to share Zoë Brontë (zoe@acme.com) — your Zoë Brontë-Nuñez."
    ]
    assert [r.name for r in team.share_requests()] == ["Zoë Brontë"]
