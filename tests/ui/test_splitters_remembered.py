"""The Today and Overview splitters come back where the user left them."""

from __future__ import annotations

from winwin_desktop.ui.main_window import OVERVIEW, TODAY


def test_today_and_overview_splitters_are_saved_and_restored(make_window, journal, window_settings):
    window = make_window()
    window.show_page(TODAY)
    today, overview = window.today_page, window.overview_page
    today.splitter.setSizes([300, 700])
    window.show_page(OVERVIEW)
    overview.content.setSizes([200, 400])
    overview.top.setSizes([150, 600])
    overview.bottom.setSizes([500, 250])
    moved = {
        "today": today.splitter.sizes(),
        "overview": overview.content.sizes(),
        "top": overview.top.sizes(),
        "bottom": overview.bottom.sizes(),
    }
    window.close()  # the window saves them as it closes

    again = make_window()  # and puts them back as it opens
    again.show_page(TODAY)
    again.show_page(OVERVIEW)
    assert again.today_page.splitter.sizes() == moved["today"]
    assert again.overview_page.content.sizes() == moved["overview"]
    assert again.overview_page.top.sizes() == moved["top"]
    assert again.overview_page.bottom.sizes() == moved["bottom"]


def test_nothing_saved_or_garbage_leaves_the_default_sizes(window, window_settings):
    before = window.today_page.splitter.sizes()
    window_settings.setValue("today_splitter", "not a splitter state")
    window.today_page.restore_state(window_settings)
    window.overview_page.restore_state(window_settings)
    assert window.today_page.splitter.sizes() == before
