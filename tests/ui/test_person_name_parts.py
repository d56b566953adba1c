"""The name's parts and the birthday an import brings in, on the person page's Profile:
read on the page, edited in its form (one undo step each, a bad date refused plainly)."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QLocale, Qt

from tests.helpers.typing import type_text
from winwin_desktop.formats.detect import read_file
from winwin_desktop.journal import importing, name_parts, people

CARD = (
    "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Mr. John Richter James Doe Sr.\r\n"
    "N:Doe;John;Richter James;Mr.;Sr.\r\nBDAY:1980-04-02\r\n"
    "EMAIL:john@doe.example\r\nEND:VCARD\r\n"
)


@pytest.fixture(autouse=True)
def british_english():
    QLocale.setDefault(QLocale(QLocale.English, QLocale.UnitedKingdom))
    yield
    QLocale.setDefault(QLocale.system())


def imported_john() -> int:
    importing.apply(importing.preview(read_file(CARD.encode(), "john.vcf")))
    return people.find_person("Mr. John Richter James Doe Sr.").id


def open_profile(window, person_id: int):
    window.open_person(person_id)
    view = window.people_page.person_view
    view.tabs.setCurrentWidget(view.profile_page)
    return view


def test_the_imported_parts_and_birthday_read_on_the_profile(window):
    view = open_profile(window, imported_john())
    page = view.profile_view.toPlainText()
    assert (
        "Name in parts: prefix Mr., given name John, middle names Richter James, "
        "family name Doe, suffix Sr."
    ) in page
    assert "Birthday: 2 April 1980 (1980-04-02)" in page


def test_the_parts_and_birthday_are_edited_in_the_form_one_undo_step_each(window, qtbot):
    john = imported_john()
    view = open_profile(window, john)
    view.edit_button.setChecked(True)
    rows = view.name_parts
    assert [rows.parts[k].text() for k in ("prefixes", "given", "additional", "family")] == [
        "Mr.",
        "John",
        "Richter James",
        "Doe",
    ]
    family = rows.parts["family"]
    family.setFocus()
    family.selectAll()
    type_text(family, "Doe-Smith")
    qtbot.keyClick(family, Qt.Key_Return)
    assert name_parts.name_parts(john).part("family") == "Doe-Smith"
    assert people.get_person(john).name == "Mr. John Richter James Doe Sr."  # as it was
    birthday = rows.birthday
    birthday.setFocus()
    birthday.selectAll()
    type_text(birthday, "--02-29")
    qtbot.keyClick(birthday, Qt.Key_Return)
    assert name_parts.name_parts(john).birthday == "--02-29"
    view.edit_button.setChecked(False)
    assert "Birthday: 29 February (--02-29)" in view.profile_view.toPlainText()
    window.undo_action.trigger()
    assert name_parts.name_parts(john).birthday == "1980-04-02"
    assert name_parts.name_parts(john).part("family") == "Doe-Smith"
    window.undo_action.trigger()
    assert name_parts.name_parts(john).part("family") == "Doe"
    assert family.text() == "Doe"


def test_a_birthday_that_is_not_a_date_is_refused_plainly(window, qtbot):
    john = imported_john()
    view = open_profile(window, john)
    view.edit_button.setChecked(True)
    birthday = view.name_parts.birthday
    birthday.setFocus()
    birthday.selectAll()
    type_text(birthday, "1980-02-30")
    qtbot.keyClick(birthday, Qt.Key_Return)
    assert view.name_parts.error.isVisible()
    assert view.name_parts.error.text() == (
        "“1980-02-30” is not a date; type the birthday as YYYY-MM-DD (1980-04-02), or "
        "--MM-DD without the year (--04-02)."
    )
    assert name_parts.name_parts(john).birthday == "1980-04-02"


def test_someone_typed_in_has_no_parts_until_given_some(window):
    ada = people.add_person("Ada Lovelace")
    view = open_profile(window, ada.id)
    page = view.profile_view.toPlainText()
    assert "Name in parts" not in page
    assert "Birthday" not in page
    view.edit_button.setChecked(True)
    assert all(edit.text() == "" for edit in view.name_parts.parts.values())
    assert view.name_parts.birthday.placeholderText() == "YYYY-MM-DD, or --MM-DD without the year"
    # Tab goes from the name through the parts and the birthday to the organisation.
    chain, widget = [view.inputs["name"]], view.inputs["name"]
    while len(chain) < 8:
        widget = widget.nextInFocusChain()
        if widget.focusPolicy() & Qt.TabFocus:
            chain.append(widget)
    assert chain[1:] == [
        *view.name_parts.parts.values(),
        view.name_parts.birthday,
        view.inputs["organisation"],
    ]
