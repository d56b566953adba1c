"""Who moved lately, worked out by hand."""

from __future__ import annotations

from winwin_desktop.analytics import PersonBalance
from winwin_desktop.analytics.changes import biggest_changes


def balance(person_id: int, status: str, given: int, received: int) -> PersonBalance:
    return PersonBalance(person_id, status, given, received, given, received, 0, 9, "")


def test_tipping_between_win_win_and_one_sided_comes_first_then_the_biggest_shift():
    before = {
        1: balance(1, "win-win", 10, 9),
        2: balance(2, "you take more", 2, 12),
        3: balance(3, "new", 1, 0),
        4: balance(4, "win-win", 5, 5),
        5: balance(5, "quiet", 0, 0),
    }
    after = {
        1: balance(1, "you take more", 10, 30),  # tipped, moved 21
        2: balance(2, "win-win", 8, 12),  # tipped back, moved 6
        3: balance(3, "you give more", 40, 0),  # not tipped, moved 39
        4: balance(4, "win-win", 9, 9),  # unchanged
        5: balance(5, "quiet", 0, 0),
        6: balance(6, "new", 1, 1),  # new since: nothing to compare
    }
    changes = biggest_changes(before, after)
    assert [(c.person_id, c.before, c.after, c.shift) for c in changes] == [
        (1, "win-win", "you take more", -21),
        (2, "you take more", "win-win", 6),
        (3, "new", "you give more", 39),
    ]
    assert [c.tipped for c in changes] == [True, True, False]
    assert biggest_changes(before, after, limit=1)[0].person_id == 1
