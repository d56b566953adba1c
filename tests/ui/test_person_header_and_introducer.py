"""The person page's header (photo, snooze) and the Profile tab's "Introduced by"."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, Qt
from PySide6.QtGui import QColor, QImage

from tests.helpers.typing import type_text
from winwin_desktop.journal import people, today
from winwin_desktop.store.models import Person
from winwin_desktop.ui.dates import short_date
from winwin_desktop.ui.person_view import INTRODUCER, PHOTO_SIZE


def png(width: int, height: int, colour: str = "#3a7bd5") -> bytes:
    image = QImage(width, height, QImage.Format_RGB32)
    image.fill(QColor(colour))
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.WriteOnly)
    image.save(buffer, "PNG")
    return bytes(data)


def give_photo(person_id: int, data: bytes) -> None:
    # Photos arrive through a vCard import; the test stores one directly.
    Person.update(photo=data).where(Person.id == person_id).execute()


def open_profile(window, person_id: int):
    window.open_person(person_id)
    view = window.people_page.person_view
    view.tabs.setCurrentWidget(view.profile_page)
    view.edit_button.setChecked(True)  # the profile reads as a page until Edit
    return view


# ---- photo ----------------------------------------------------------------------------------


def test_the_photo_shows_as_a_small_square_in_the_header(window, qtbot):
    zoe = people.add_person("Zoë Brontë-Nuñez")
    give_photo(zoe.id, png(300, 200))
    window.open_person(zoe.id)
    view = window.people_page.person_view
    assert view.photo.isVisible()
    assert (view.photo.width(), view.photo.height()) == (PHOTO_SIZE, PHOTO_SIZE)
    shown = view.photo.pixmap().toImage()
    ratio = view.photo.pixmap().devicePixelRatio()
    assert shown.width() == shown.height() == round(PHOTO_SIZE * ratio)  # cropped square
    centre = shown.pixelColor(shown.width() // 2, shown.height() // 2)
    assert centre.name() == "#3a7bd5"
    assert shown.pixelColor(0, 0).alpha() == 0  # rounded corner


def test_no_photo_no_picture_and_broken_bytes_are_ignored(window, qtbot):
    ada = people.add_person("Ada")
    bo = people.add_person("Bo")
    give_photo(bo.id, b"not an image at all")
    window.open_person(ada.id)
    view = window.people_page.person_view
    assert not view.photo.isVisible()
    window.open_person(bo.id)
    assert not view.photo.isVisible()
    assert view.name_label.text() == "Bo"


def test_switching_people_switches_or_hides_the_photo(window, qtbot):
    ada = people.add_person("Ada")
    bo = people.add_person("Bo")
    give_photo(ada.id, png(80, 80, "#aa0000"))
    view = window.people_page.person_view
    window.open_person(ada.id)
    assert view.photo.isVisible()
    window.open_person(bo.id)
    assert not view.photo.isVisible()


# ---- snooze ---------------------------------------------------------------------------------


def test_snooze_from_the_person_page_shows_until_when_and_undoes(window, qtbot):
    ada = people.add_person("Ada")
    window.open_person(ada.id)
    view = window.people_page.person_view
    assert not view.snoozed.isVisible()
    week, month = view.snooze_button.menu().actions()
    assert (week.text(), month.text()) == ("For a week", "For a month")
    week.trigger()
    until = dt.date.today() + dt.timedelta(days=7)
    assert today.snoozed_until(ada.id) == until
    assert view.snoozed.isVisible()
    assert view.snoozed_label.text() == f"Snoozed until {short_date(until)} (7 more days)"
    assert until.isoformat() in view.snoozed_label.toolTip()
    window.undo_action.trigger()
    assert today.snoozed_until(ada.id) is None
    assert not view.snoozed.isVisible()
    window.redo_action.trigger()
    assert view.snoozed.isVisible()


def test_unsnooze_from_the_person_page_and_undo(window, qtbot):
    ada = people.add_person("Ada", cadence_days=7)
    today.snooze(ada.id, 30)
    window.open_person(ada.id)
    view = window.people_page.person_view
    assert view.snoozed.isVisible()
    qtbot.mouseClick(view.unsnooze_button, Qt.LeftButton)
    assert today.snoozed_until(ada.id) is None
    assert not view.snoozed.isVisible()
    assert window.undo_action.text().endswith("Un-snooze Ada")
    window.undo_action.trigger()
    assert today.snoozed_until(ada.id) == dt.date.today() + dt.timedelta(days=30)
    assert view.snoozed.isVisible()


def test_a_snooze_that_ended_is_not_shown(window, qtbot):
    ada = people.add_person("Ada")
    today.snooze(ada.id, 7, today=dt.date.today() - dt.timedelta(days=8))
    window.open_person(ada.id)
    assert not window.people_page.person_view.snoozed.isVisible()


# ---- introduced by --------------------------------------------------------------------------


def test_introduced_by_completes_names_and_links_the_person(window, qtbot):
    people.add_person("Minh Hoang")
    rahel = people.add_person("Rahel Tesfaye")
    zoe = people.add_person("Zoë Brontë-Nuñez")
    view = open_profile(window, zoe.id)
    field = view.inputs[INTRODUCER]
    field.setFocus()
    type_text(field, "tesf")
    completer = field.completer()
    assert completer.completionCount() == 1
    assert completer.currentCompletion() == "Rahel Tesfaye"
    # Zoë cannot be offered as her own introducer.
    assert "Zoë Brontë-Nuñez" not in field.names.stringList()
    field.setText(completer.currentCompletion())
    qtbot.keyClick(field, Qt.Key_Return)
    assert people.get_person(zoe.id).introduced_by_id == rahel.id
    assert field.text() == "Rahel Tesfaye"
    view.inputs["role"].setFocus()  # a field being typed in is not overwritten
    window.undo_action.trigger()
    assert people.get_person(zoe.id).introduced_by_id is None
    assert field.text() == ""


def test_clearing_introduced_by_removes_the_link(window, qtbot):
    rahel = people.add_person("Rahel Tesfaye")
    zoe = people.add_person("Zoë", introduced_by_id=rahel.id)
    view = open_profile(window, zoe.id)
    field = view.inputs[INTRODUCER]
    assert field.text() == "Rahel Tesfaye"
    field.setFocus()
    field.clear()
    qtbot.keyClick(field, Qt.Key_Return)
    assert people.get_person(zoe.id).introduced_by_id is None


def test_unknown_or_own_name_as_introducer_is_refused_plainly(window, qtbot):
    zoe = people.add_person("Zoë Brontë-Nuñez")
    view = open_profile(window, zoe.id)
    field = view.inputs[INTRODUCER]
    field.setFocus()
    type_text(field, "Nobody Known")
    qtbot.keyClick(field, Qt.Key_Return)
    assert view.profile_error.isVisible()
    assert view.profile_error.text() == (
        "Nobody called “Nobody Known” is in the journal; check the spelling or add them first."
    )
    field.clear()
    type_text(field, "zoë brontë-nuñez")
    qtbot.keyClick(field, Qt.Key_Return)
    assert view.profile_error.text() == (
        "A person cannot introduce themselves; name someone else or leave it empty."
    )
    assert people.get_person(zoe.id).introduced_by_id is None
    assert not window.undo_action.isEnabled() or "Zoë" not in window.undo_action.text()


def test_the_header_leads_with_the_status_and_the_window_all_time_in_the_tooltip(window):
    import datetime as dt

    from winwin_desktop.journal import interactions
    from winwin_desktop.journal.interactions import ExchangeData

    oisin = people.add_person("Oisín McCarthy")
    for days_ago, direction, points in (
        (900, "received", 5),
        (901, "received", 5),
        (902, "received", 5),
        (903, "received", 5),
        (30, "given", 3),
        (3, "received", 2),
        (1, "given", 1),
    ):
        interactions.log_interaction(
            dt.date.today() - dt.timedelta(days=days_ago),
            "Call",
            [oisin.id],
            exchanges=[ExchangeData(oisin.id, direction, "advice", points, "")],
        )
    window.open_person(oisin.id)
    totals = window.people_page.person_view.totals
    plain = totals.text().replace("<b>", "").replace("</b>", "")
    assert "● win-win" in plain and "12 mo:" in plain
    assert "gave 4" in plain and "received 2" in plain  # the window's, not all time's
    assert any(arrow in plain for arrow in "↗↘→")
    assert "All time: gave 4, received 22, balance −18." in totals.toolTip()
