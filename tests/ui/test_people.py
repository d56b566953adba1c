"""Adding, editing, filtering, archiving and deleting people through the real widgets."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QModelRoleData, QModelRoleDataSpan, Qt
from PySide6.QtGui import QFont

from tests.helpers.typing import type_text
from winwin_desktop.journal import interactions, people, settings
from winwin_desktop.ui.main_window import PEOPLE, TRASH
from winwin_desktop.ui.people_model import (
    BALANCE,
    LAST_CONTACT,
    NAME,
    ORGANISATION,
    STATUS,
    TAGS,
    PeopleModel,
)


def visible_names(window) -> list[str]:
    model = window.people_page.model
    return [model.index(row, 0).data() for row in range(model.rowCount())]


def test_empty_journal_invites_the_first_person(window):
    window.show_page(PEOPLE)
    page = window.people_page
    assert page.right.currentWidget() is page.no_people
    assert "empty" in page.no_people.title.text()


def test_add_a_person_from_the_dialog(window, qtbot):
    dialog = window._new_person()
    type_text(dialog.name, "Zoë Brontë-Nuñez")
    type_text(dialog.organisation, "Acme Robotics")
    type_text(dialog.tags, "client, investor")
    qtbot.keyClick(dialog.name, Qt.Key_Return)
    assert not dialog.isVisible()
    assert visible_names(window) == ["Zoë Brontë-Nuñez"]
    view = window.people_page.person_view
    assert view.name_label.text() == "Zoë Brontë-Nuñez"
    assert view.inputs["tags"].text() == "client, investor"
    assert window.people_page.model.person_at(0).organisation == "Acme Robotics"


def test_the_new_person_dialog_records_who_introduced_them(window, qtbot):
    minh = people.add_person("Minh Hoang")
    dialog = window._new_person()
    type_text(dialog.name, "Zoë Brontë-Nuñez")
    type_text(dialog.introduced_by, "Nobody Known")
    qtbot.keyClick(dialog.name, Qt.Key_Return)
    assert dialog.isVisible() and dialog.focusWidget() is dialog.introduced_by
    assert dialog.error.text() == (
        "Nobody called “Nobody Known” is in the journal; check the spelling or add them first."
    )
    assert [p.name for p in people.people_summaries()] == ["Minh Hoang"]  # nothing added

    dialog.introduced_by.clear()
    type_text(dialog.introduced_by, "minh hoang")
    qtbot.keyClick(dialog.name, Qt.Key_Return)
    assert not dialog.isVisible()
    assert people.get_person(dialog.person_id).introduced_by_id == minh.id


def test_blank_name_is_refused_beside_the_field(window, qtbot):
    dialog = window._new_person()
    type_text(dialog.name, "   ")
    qtbot.keyClick(dialog.name, Qt.Key_Return)
    assert dialog.isVisible()
    assert dialog.error.isVisible()
    assert dialog.error.text() == "Give the person a name."
    assert people.people_summaries() == []


def test_filter_as_you_type_ignores_accents_and_matches_tags(window, qtbot):
    people.add_person("Zoë Brontë-Nuñez", organisation="Acme Robotics")
    people.add_person("Piotr Kowalski", organisation="Gdańsk Shipping Tech", tags=["supplier"])
    people.add_person("Minh Hoang", tags=["investor"])
    window.show_page(PEOPLE)
    filter_box = window.people_page.filter
    type_text(filter_box, "zoe")
    assert visible_names(window) == ["Zoë Brontë-Nuñez"]
    filter_box.clear()
    type_text(filter_box, "gdansk")
    assert visible_names(window) == ["Piotr Kowalski"]
    filter_box.clear()
    type_text(filter_box, "invest")
    assert visible_names(window) == ["Minh Hoang"]
    filter_box.clear()
    assert len(visible_names(window)) == 3


def test_edit_profile_in_place_and_undo(window, qtbot):
    zoe = people.add_person("Zoë Brontë-Nuñez")
    window.open_person(zoe.id)
    view = window.people_page.person_view
    view.tabs.setCurrentWidget(view.profile_page)
    view.edit_button.setChecked(True)  # the profile reads as a page until Edit
    org = view.inputs["organisation"]
    org.setFocus()
    type_text(org, "Acme Robotics")
    qtbot.keyClick(org, Qt.Key_Return)
    assert people.get_person(zoe.id).organisation == "Acme Robotics"
    assert "Acme Robotics" in view.subtitle.text()
    window.undo_action.trigger()
    assert people.get_person(zoe.id).organisation == ""
    window.redo_action.trigger()
    assert people.get_person(zoe.id).organisation == "Acme Robotics"


def test_bad_cadence_in_profile_shows_the_reason_and_writes_nothing(window, qtbot):
    zoe = people.add_person("Zoë Brontë-Nuñez")
    window.open_person(zoe.id)
    view = window.people_page.person_view
    view.tabs.setCurrentWidget(view.profile_page)
    view.edit_button.setChecked(True)  # the profile reads as a page until Edit
    cadence = view.inputs["cadence_days"]
    cadence.setFocus()
    type_text(cadence, "soon")
    qtbot.keyClick(cadence, Qt.Key_Return)
    assert view.profile_error.isVisible()
    assert "number of days" in view.profile_error.text()
    assert people.get_person(zoe.id).cadence_days is None
    assert window.actions.stack.count() == 0


def test_archive_hides_with_the_checkbox(window):
    zoe = people.add_person("Zoë Brontë-Nuñez")
    people.add_person("Minh Hoang")
    window.open_person(zoe.id)
    window.people_page.person_view.archive_button.click()
    assert people.get_person(zoe.id).archived
    window.people_page.show_archived.setChecked(False)
    assert visible_names(window) == ["Minh Hoang"]
    window.people_page.show_archived.setChecked(True)
    assert len(visible_names(window)) == 2


def test_delete_to_trash_and_restore(window, qtbot):
    zoe = people.add_person("Zoë Brontë-Nuñez")
    window.open_person(zoe.id)
    window.people_page.person_view.delete_button.click()
    assert visible_names(window) == []
    window.show_page(TRASH)
    trash = window.trash_page
    assert trash.table.rowCount() == 1
    assert trash.table.item(0, 0).text() == "Zoë Brontë-Nuñez"
    trash.table.selectRow(0)
    trash.restore_button.click()
    assert trash.stack.currentWidget() is trash.empty
    window.show_page(PEOPLE)
    assert visible_names(window) == ["Zoë Brontë-Nuñez"]


def test_sort_by_balance_and_last_contact(window):
    from winwin_desktop.journal.interactions import ExchangeData, log_interaction

    a = people.add_person("Ada")
    b = people.add_person("Bea")
    c = people.add_person("Cy")
    log_interaction("2026-01-05", "x", [a.id], exchanges=[ExchangeData(a.id, "given", "advice", 4)])
    log_interaction(
        "2026-03-05", "y", [b.id], exchanges=[ExchangeData(b.id, "received", "advice", 2)]
    )
    window.show_page(PEOPLE)
    table = window.people_page.table
    table.sortByColumn(BALANCE, Qt.DescendingOrder)
    assert visible_names(window) == ["Ada", "Cy", "Bea"]
    table.sortByColumn(LAST_CONTACT, Qt.DescendingOrder)
    assert visible_names(window) == ["Bea", "Ada", "Cy"]
    assert window.people_page.model.index(2, LAST_CONTACT).data() == "never"
    assert window.people_page.model.index(0, BALANCE).data() == "−2"
    assert c.name == "Cy"


def test_item_models_pass_the_model_tester(qtmodeltester, journal):
    people.add_person("Zoë Brontë-Nuñez", tags=["client"])
    people.add_person("Minh Hoang")
    model = PeopleModel()
    model.set_people(people.people_summaries())
    qtmodeltester.check(model)
    model.set_text("min")  # the tester, still watching, checks the layout change
    assert model.rowCount() == 1
    qtmodeltester.check(model)
    model.set_text("")
    assert model.rowCount() == 2


def test_a_cell_does_not_take_the_colour_or_font_of_the_cell_painted_before(journal):
    # The view asks for every role of a cell at once, reusing the same holders cell after
    # cell: the status colour and an archived person's italics must not spill over.
    people.add_person("Ada Lovelace")
    model = PeopleModel()
    model.set_people(people.people_summaries())
    holders = {role: QModelRoleData(int(role)) for role in (Qt.ForegroundRole, Qt.FontRole)}
    colour, font = holders[Qt.ForegroundRole], holders[Qt.FontRole]
    font.setData(QFont("Serif", italic=True))  # as left by an archived row
    model.multiData(model.index(0, STATUS), QModelRoleDataSpan(colour))
    assert colour.data() is not None  # the status dot's colour
    for column in (NAME, ORGANISATION, TAGS, LAST_CONTACT):
        model.multiData(model.index(0, column), QModelRoleDataSpan(colour))
        model.multiData(model.index(0, column), QModelRoleDataSpan(font))
        assert colour.data() is None and font.data() is None, column


def three_month_history():
    """Ada: I gave 6 and received 2 (ratio 3) — all in May 2026."""
    from winwin_desktop.journal.interactions import ExchangeData, log_interaction

    ada = people.add_person("Ada")
    log_interaction(
        "2026-05-01", "a", [ada.id], exchanges=[ExchangeData(ada.id, "given", "advice", 3)]
    )
    log_interaction(
        "2026-05-02", "b", [ada.id], exchanges=[ExchangeData(ada.id, "given", "advice", 3)]
    )
    log_interaction(
        "2026-05-03", "c", [ada.id], exchanges=[ExchangeData(ada.id, "received", "advice", 2)]
    )
    people.add_person("Bo")
    return ada


def test_status_column_and_status_filter(window):
    three_month_history()
    window.show_page(PEOPLE)
    model = window.people_page.model
    assert [model.index(r, STATUS).data() for r in range(2)] == ["● you give more", "● new"]
    assert (
        model.index(0, STATUS).data(Qt.ToolTipRole).startswith("You gave 6 points and received 2")
    )
    combo = window.people_page.status_filter
    combo.setCurrentIndex(combo.findData("new"))
    assert visible_names(window) == ["Bo"]
    combo.setCurrentIndex(combo.findData(None))
    assert visible_names(window) == ["Ada", "Bo"]


def test_changing_the_settings_changes_the_statuses_shown(window, qtbot):
    from winwin_desktop.journal import settings

    three_month_history()
    window.show_page(PEOPLE)
    model = window.people_page.model
    assert model.index(0, STATUS).data() == "● you give more"
    dialog = window.open_settings()
    dialog.ratio.setValue(3.0)  # 6/2 = 3 is now inside the band
    dialog.save()
    assert settings.get_setting("ratio_threshold") == 3.0
    assert model.index(0, STATUS).data() == "● win-win"
    # A 30-day window ending today leaves them outside: quiet.
    dialog = window.open_settings()
    dialog.window_days.setValue(30)
    dialog.save()
    assert model.index(0, STATUS).data() == "● quiet"
    window.undo_action.trigger()
    assert model.index(0, STATUS).data() == "● win-win"


def test_settings_edit_prompts_and_tag_cadences(window):
    from winwin_desktop.journal import settings

    people.add_person("Ada", tags=["investor", "client"])
    dialog = window.open_settings()
    dialog.prompts.setPlainText("What did I give?\n\n  What did I get?  \n")
    assert [dialog.tags.item(r, 0).text() for r in range(dialog.tags.rowCount())] == [
        "client",
        "investor",
    ]
    dialog.tags.item(1, 1).setText("30")
    dialog.save()
    assert settings.get_setting("prompts") == ["What did I give?", "What did I get?"]
    assert people.tag_cadences() == {"client": None, "investor": 30}
    dialog = window.open_settings()
    dialog.tags.item(0, 1).setText("soon")
    dialog.save()
    assert dialog.isVisible()
    assert "number of days" in dialog.error.text()
    assert people.tag_cadences() == {"client": None, "investor": 30}


def test_filter_keeps_the_person_shown_while_they_match(window):
    """Typing narrows the list around the person shown; when they no longer match, the
    first person left is shown, and no one when nobody is left."""
    zoe = people.add_person("Zoë Brontë-Nuñez")
    people.add_person("Zoltan Kovács")
    people.add_person("Minh Hoang")
    window.open_person(zoe.id)
    page = window.people_page
    type_text(page.filter, "zo")
    assert visible_names(window) == ["Zoë Brontë-Nuñez", "Zoltan Kovács"]
    assert page.current_person_id() == zoe.id
    type_text(page.filter, "l")
    assert visible_names(window) == ["Zoltan Kovács"]
    assert page.person_view.name_label.text() == "Zoltan Kovács"
    type_text(page.filter, "x")
    assert visible_names(window) == []
    assert page.right.currentWidget() is page.no_selection
    page.filter.clear()
    assert len(visible_names(window)) == 3
    assert page.person_view.name_label.text() == "Minh Hoang"  # the first in the list


def test_selection_follows_its_people_through_sorting_and_filtering(window, qtbot):
    ada = people.add_person("Ada", organisation="Acme")
    bea = people.add_person("Bea", organisation="Acme")
    people.add_person("Cy", organisation="Globex")
    window.show_page(PEOPLE)
    page = window.people_page
    page.table.selectAll()
    assert page.selected_person_ids() == [ada.id, bea.id, page.model.person_at(2).id]
    type_text(page.filter, "acme")
    assert page.selected_person_ids() == [ada.id, bea.id]
    page.table.sortByColumn(0, Qt.DescendingOrder)
    assert visible_names(window) == ["Bea", "Ada"]
    assert page.selected_person_ids() == [bea.id, ada.id]
    page.filter.clear()
    assert visible_names(window) == ["Cy", "Bea", "Ada"]
    assert page.selected_person_ids() == [bea.id, ada.id]


def test_select_person_clears_a_filter_that_hides_them(window):
    zoe = people.add_person("Zoë Brontë-Nuñez")
    people.add_person("Minh Hoang")
    window.show_page(PEOPLE)
    page = window.people_page
    type_text(page.filter, "minh")
    assert page.select_person(zoe.id)
    assert page.filter.text() == ""
    assert page.current_person_id() == zoe.id
    assert page.person_view.name_label.text() == "Zoë Brontë-Nuñez"
    assert not page.select_person(10_000)


@pytest.mark.parametrize("size", [(1280, 800), (1366, 768), (1440, 900)])
def test_on_a_laptop_the_list_is_narrow_and_every_shown_column_whole(window, qtbot, size):
    from winwin_desktop.ui.elided_tips import header_text_width
    from winwin_desktop.ui.main_window import PEOPLE as PEOPLE_PAGE

    zoe = people.add_person("Zoë Brontë-Nuñez", organisation="Acme Robotics", tags=["client"])
    window.resize(*size)
    window.show_page(PEOPLE_PAGE)
    page = window.people_page
    page.select_person(zoe.id)
    qtbot.waitUntil(lambda: page.splitter.sizes()[0] > 0)
    table = page.table
    header = table.horizontalHeader()
    # As in Contacts: the person is the wider pane.
    list_width, person_width = page.splitter.sizes()
    assert list_width < person_width
    assert table.horizontalScrollBar().maximum() == 0
    shown = [c for c in range(header.count()) if not header.isSectionHidden(c)]
    assert shown == [NAME, STATUS, BALANCE]
    for column in shown:
        assert table.columnWidth(column) >= header_text_width(header, column)


def test_columns_are_chosen_in_the_header_menu_and_remembered(make_window, journal, qtbot):
    people.add_person("Zoë Brontë-Nuñez", organisation="Acme Robotics")
    window = make_window()
    page = window.people_page
    header = page.table.horizontalHeader()
    menu = page.columns_menu()
    titles = [action.text() for action in menu.actions()]
    assert titles == ["Status", "Organisation", "Tags", "Balance (12 mo)", "Last contact"]
    organisation = menu.actions()[1]
    assert not organisation.isChecked()
    organisation.trigger()
    assert not header.isSectionHidden(ORGANISATION)
    page.splitter.setSizes([500, 700])
    sizes = page.splitter.sizes()
    window.close()

    again = make_window().people_page
    assert not again.table.horizontalHeader().isSectionHidden(ORGANISATION)
    assert again.splitter.sizes() == sizes


def test_the_balance_column_uses_the_status_window_with_all_time_in_its_tooltip(window):
    """Amélie's all-time balance is 0 but she gave more lately: the column and the status
    say the same thing (over the window), the all-time figures are in the tooltip."""
    import datetime as dt

    from winwin_desktop.journal.interactions import ExchangeData
    from winwin_desktop.ui.people_model import BALANCE

    amelie = people.add_person("Amélie Lefèvre")
    long_ago = dt.date.today() - dt.timedelta(days=800)

    def swap(day, direction, points):
        interactions.log_interaction(
            day,
            "Call",
            [amelie.id],
            exchanges=[ExchangeData(amelie.id, direction, "advice", points, "")],
        )

    swap(long_ago, "given", 5)
    for _ in range(3):
        swap(dt.date.today(), "received", 2)
    swap(dt.date.today(), "given", 1)
    window.show_page(PEOPLE)
    model = window.people_page.model
    assert model.headerData(BALANCE, Qt.Horizontal) == "Balance (12 mo)"
    row = model.row_of(amelie.id)
    assert model.data(model.index(row, BALANCE)) == "−5"  # gave 1, received 6 in the window
    assert model.status_at(row) == "you take more"
    tip = model.data(model.index(row, BALANCE), Qt.ToolTipRole)
    assert "In the review window: you gave 1 points and received 6." in tip
    assert "All time: you gave 6 and received 6 (balance 0)" in tip


def test_the_balance_header_names_the_review_window_the_settings_choose(window, journal):
    zoe = people.add_person("Zoë Brontë-Nuñez")
    settings.set_setting("review_window_days", 91)
    window.refresh()
    window.open_person(zoe.id)
    page = window.people_page
    assert page.model.headerData(BALANCE, Qt.Horizontal) == "Balance (3 mo)"
    assert "Balance (3 mo)" in [action.text() for action in page.columns_menu().actions()]
    assert "3 mo:" in page.person_view.totals.text()
    settings.set_setting("review_window_days", 45)
    window.refresh()
    assert page.model.headerData(BALANCE, Qt.Horizontal) == "Balance (45 d)"
