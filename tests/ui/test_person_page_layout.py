"""The person page keeps its size whoever is shown: a chart resized after it was drawn is
drawn twice (and jumps on screen)."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel

from winwin_desktop.journal import interactions, people
from winwin_desktop.journal.interactions import ExchangeData
from winwin_desktop.ui.main_window import PEOPLE


def test_the_balance_chart_keeps_its_size_from_person_to_person(window, qtbot):
    busy = people.add_person(
        "Maximiliana Wolkenstein-Oberhausen-Rothenburg von Hohenzollern-Sigmaringen",
        role="Senior Vice President of Strategic Partnerships",
        organisation="Zenith Precision Tools and Instruments International",
    )
    for day in range(1, 29):
        interactions.log_interaction(
            f"2026-0{1 + day % 9}-{day:02d}",
            f"Working session {day}",
            [busy.id],
            exchanges=[
                ExchangeData(busy.id, "given", "advice", 5),
                ExchangeData(busy.id, "received", "referral", 4),
            ],
        )
    quiet = people.add_person("Bo")
    interactions.log_interaction(
        "2026-10-01", "Tea", [quiet.id], exchanges=[ExchangeData(quiet.id, "given", "advice", 1)]
    )
    window.resize(1400, 900)
    window.show_page(PEOPLE)
    view = window.people_page.person_view
    view.tabs.setCurrentWidget(view.balance_tab)
    sizes = []
    for person in (quiet, busy, quiet, busy):
        window.people_page.select_person(person.id)
        qtbot.wait(20)
        sizes.append(view.balance_tab.canvas.canvas.size())
    assert len(set((s.width(), s.height()) for s in sizes)) == 1, sizes
    # A long name ends in "…" where the page ends, and is whole in the tooltip.
    assert view.name_label.text() == view.name_label.toolTip() == busy.name
    shown = QLabel.text(view.name_label)
    assert shown.endswith("…") and busy.name.startswith(shown[:-1])
    window.people_page.select_person(quiet.id)
    assert QLabel.text(view.name_label) == "Bo"
