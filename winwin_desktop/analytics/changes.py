"""Who moved lately: relationships whose status changed between two days."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from winwin_desktop.analytics.balance import WIN_WIN, YOU_GIVE_MORE, YOU_TAKE_MORE, PersonBalance

ONE_SIDED = (YOU_GIVE_MORE, YOU_TAKE_MORE)


@dataclass(frozen=True)
class StatusChange:
    person_id: int
    before: str
    after: str
    # How far the window's balance (given - received) moved, in points.
    shift: int

    @property
    def tipped(self) -> bool:
        """Between win-win and one-sided, either way: the changes that matter most."""
        pair = {self.before, self.after}
        return WIN_WIN in pair and bool(pair & set(ONE_SIDED))


def biggest_changes(
    before: Mapping[int, PersonBalance], after: Mapping[int, PersonBalance], limit: int = 6
) -> list[StatusChange]:
    """The people whose status differs between ``before`` and ``after`` (status tables
    of two days), those that tipped between win-win and one-sided first, then by how far
    their balance moved; at most ``limit``."""
    changes = []
    for person_id, now in after.items():
        then = before.get(person_id)
        if then is None or then.status == now.status:
            continue
        shift = (now.given_window - now.received_window) - (
            then.given_window - then.received_window
        )
        changes.append(StatusChange(person_id, then.status, now.status, shift))
    changes.sort(key=lambda c: (not c.tipped, -abs(c.shift), c.person_id))
    return changes[:limit]
