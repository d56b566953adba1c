"""Kinds and categories are the user's: edited in Settings, one per line; old values
stay on what already uses them."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtWidgets import QLineEdit

from winwin_desktop.journal import interactions, people, settings
from winwin_desktop.journal.errors import ValidationError
from winwin_desktop.journal.interactions import ExchangeData
from winwin_desktop.ui.timeline_rows import SUBTITLE_ROLE


def test_settings_show_and_save_kinds_and_categories(window):
    dialog = window.open_settings()
    kinds, categories = dialog.choice_edits["kinds"], dialog.choice_edits["categories"]
    assert kinds.items() == settings.DEFAULTS["kinds"]
    assert categories.items() == settings.DEFAULTS["categories"]
    kinds.set_items(["meeting", "  workshop   session ", "", "Meeting", "call"])
    categories.set_items(["advice", "mentoring"])
    dialog.save()
    assert not dialog.isVisible()
    assert settings.kinds() == ["meeting", "workshop session", "call"]
    assert settings.categories() == ["advice", "mentoring"]
    # The Log dialog offers the new lists.
    log = window.log_interaction()
    assert [log.kind.itemText(i) for i in range(log.kind.count())] == settings.kinds()
    row = log.add_exchange("given")
    assert [row.category.itemText(i) for i in range(row.category.count())] == [
        "advice",
        "mentoring",
    ]
    log.reject()
    window.undo_action.trigger()
    assert settings.kinds() == settings.DEFAULTS["kinds"]
    assert settings.categories() == settings.DEFAULTS["categories"]


@pytest.mark.parametrize(
    ("key", "message"),
    [
        ("kinds", "Keep at least one interaction kind; the Log dialog needs one."),
        ("categories", "Keep at least one exchange category; the Log dialog needs one."),
    ],
)
def test_an_empty_list_is_refused_plainly(window, key, message):
    dialog = window.open_settings()
    dialog.cadence.setValue(14)
    dialog.choice_edits[key].set_items(["", "   "])
    dialog.save()
    assert dialog.isVisible()
    assert dialog.error.isVisible()
    assert dialog.error.text() == message
    assert dialog.focusWidget() is dialog.choice_edits[key].list
    assert dialog.nav.currentItem().text() == "Vocabulary"
    assert settings.get_setting(key) == settings.DEFAULTS[key]
    assert settings.get_setting("default_cadence_days") == 60  # nothing written


def test_removed_kind_and_category_stay_on_old_interactions_and_can_be_edited(window):
    ada = people.add_person("Ada")
    old = interactions.log_interaction(
        dt.date(2026, 1, 5),
        "Lunch",
        [ada.id],
        kind="meal",
        exchanges=[ExchangeData(person_id=ada.id, direction="given", category="gift", points=2)],
    )
    dialog = window.open_settings()
    dialog.choice_edits["kinds"].set_items(["meeting", "call"])
    dialog.choice_edits["categories"].set_items(["advice", "help/time"])
    dialog.save()
    assert settings.kinds() == ["meeting", "call"]

    # The person page and the Log dialog still show the old values.
    window.open_person(ada.id)
    timeline = window.people_page.person_view.timeline
    assert timeline.topLevelItem(0).data(1, SUBTITLE_ROLE).startswith("meal")
    gift = timeline.topLevelItem(0).child(0)
    assert "· gift" in gift.text(1) and gift.text(2) == "2"
    edit = window.edit_interaction(old.id)
    assert edit.kind.currentText() == "meal"
    [row] = edit.exchange_rows
    assert row.category.currentText() == "gift"
    edit.title.setText("Lunch at Noma")
    edit.save()
    assert not edit.isVisible()
    saved = interactions.get_interaction(old.id)
    assert (saved.title, saved.kind) == ("Lunch at Noma", "meal")
    assert [e.category for e in saved.exchanges] == ["gift"]

    # A new interaction may not use a removed kind.
    with pytest.raises(ValidationError, match="“meal” is not a known kind"):
        interactions.log_interaction(dt.date(2026, 2, 1), "Dinner", [ada.id], kind="meal")


def test_clean_choices_keeps_the_first_spelling_and_refuses_long_values():
    assert settings.clean_choices("kinds", ["Call", " call ", "CALL", "walk  and talk"]) == [
        "Call",
        "walk and talk",
    ]
    with pytest.raises(ValidationError, match="under 60 characters"):
        settings.clean_choices("categories", ["x" * 61])


def test_settings_are_in_sections_with_list_editors(window, qtbot):
    dialog = window.open_settings()
    sections = [dialog.nav.item(r).text() for r in range(dialog.nav.count())]
    assert sections == ["Scoring", "Vocabulary", "Reminders", "Backups & security", "Appearance"]
    assert dialog.window_days.text() == "365 days"
    # Compact: a spin box is as wide as its text, not the dialog.
    assert dialog.window_days.width() < 200
    assert dialog.height() <= dialog.screen().availableGeometry().height()
    kinds = dialog.choice_edits["kinds"]
    dialog.nav.setCurrentRow(1)
    assert kinds.isVisible()
    kinds.set_items(["meeting", "call", "email"])
    kinds.list.setCurrentRow(2)
    kinds.move(-1)
    assert kinds.items() == ["meeting", "email", "call"]
    kinds.list.setCurrentRow(0)
    kinds.remove()
    kinds.add()
    editor = kinds.list.findChild(QLineEdit)
    editor.selectAll()
    qtbot.keyClicks(editor, "workshop")
    kinds.list.setCurrentRow(0)  # moving on, as a click elsewhere, keeps the new name
    assert kinds.items() == ["email", "call", "workshop"]
    dialog.save()
    assert settings.kinds() == ["email", "call", "workshop"]
