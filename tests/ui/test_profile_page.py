"""The profile reads as a page (rendered notes, units, one list of talking points) until
Edit turns it into the form."""

from __future__ import annotations

from winwin_desktop.journal import people, profile

NOTES = (
    "## Context\n- Prefers **short calls**\n\n## Talking points\n- The pilot\n\n## Family\nTwo kids"
)


def test_split_talking_points_takes_the_section_up_to_the_next_heading():
    assert profile.split_talking_points(NOTES) == (
        "## Context\n- Prefers **short calls**\n\n## Family\nTwo kids",
        "- The pilot",
    )
    assert profile.split_talking_points("# Talking points\n- a\n## sub\n- b") == (
        "",
        "- a\n## sub\n- b",
    )
    assert profile.split_talking_points("No headings") == ("No headings", "")


def test_the_profile_is_rendered_and_edit_moves_talking_points_to_their_field(window):
    zoe = people.add_person("Zoë Brontë-Nuñez", organisation="Acme", cadence_days=21, notes=NOTES)
    people.edit_person(zoe.id, talking_points="- Their new office")
    window.open_person(zoe.id)
    view = window.people_page.person_view
    view.tabs.setCurrentWidget(view.profile_page)
    shown = view.profile_view.toPlainText()
    assert "**" not in shown and "##" not in shown  # rendered, not raw Markdown
    assert "every 21 days" in shown
    # One list of talking points: the field's and the notes' together, before the notes.
    points = shown.index("Talking points")
    assert points < shown.index("Their new office") < shown.index("The pilot")
    assert shown.index("The pilot") < shown.index("Notes") < shown.index("Context")
    assert not view.inputs["organisation"].isVisible()

    view.edit_button.setChecked(True)
    assert view.inputs["organisation"].isVisible()
    assert view.edit_button.text() == "Done"
    person = people.get_person(zoe.id)
    assert person.talking_points == "- Their new office\n- The pilot"
    assert "Talking points" not in person.notes and "Two kids" in person.notes
    assert "moved" in view.profile_hint.text()
    window.undo_action.trigger()
    assert people.get_person(zoe.id).notes == NOTES

    view.edit_button.setChecked(False)
    assert view.profile_view.isVisible()


def test_the_cadence_has_its_unit_and_says_what_empty_means(window):
    zoe = people.add_person("Zoë")
    window.open_person(zoe.id)
    view = window.people_page.person_view
    view.tabs.setCurrentWidget(view.profile_page)
    assert "Keep in touch: every 60 days (the journal's default)" in (
        view.profile_view.toPlainText()
    )
    view.edit_button.setChecked(True)
    assert view.cadence_default.text() == "empty: the journal's default, 60 days"


def test_notes_are_shown_as_the_brief_shows_them_typed_html_and_all(window):
    notes = (
        "Met at <b>the fair</b>\n\n- [ ] send the deck\n- [x] intro to Minh\n\n"
        "[our folder](file:///home/ana/secret) · [site](https://acme.example)"
    )
    zoe = people.add_person("Zoë", notes=notes)
    window.open_person(zoe.id)
    view = window.people_page.person_view
    view.tabs.setCurrentWidget(view.profile_page)
    shown = view.profile_view.toPlainText()
    assert "Met at <b>the fair</b>" in shown  # typed HTML is text, not markup
    assert "☐ send the deck" in shown and "☑ intro to Minh" in shown
    html = view.profile_view.toHtml()
    assert 'href="file:' not in html  # no live link to a local file
    assert 'href="https://acme.example"' in html
