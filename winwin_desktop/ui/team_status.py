"""Who is signed in, on the window's status bar (a team journal only)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import QLabel, QStatusBar

from winwin_desktop.journal.opening import is_url

if TYPE_CHECKING:
    from winwin_desktop.journal import team


def show_signed_in(status_bar: QStatusBar, location: str) -> QLabel | None:
    """A permanent "Signed in as Ana Ruiz (ana@example.com)" on a team journal; None, and
    nothing shown, on a journal of one user (a journal file, at ``location``, always is:
    the team's module is not even imported for it, at start)."""
    if not is_url(location):
        return None
    from winwin_desktop.journal import team

    me = team.current_member()
    if me is None:
        return None
    label = QLabel(f"Signed in as {me.name} ({me.email})")
    label.setAccessibleName("Signed in as")
    label.setToolTip(f"Your PostgreSQL login on this team journal is “{me.role}”.")
    status_bar.addPermanentWidget(label)
    waiting = [r for r in team.share_requests() if r.keeper.id == me.id]
    if waiting:
        status_bar.addPermanentWidget(_requests_label(waiting, me))
    return label


def _requests_label(waiting: list[team.ShareRequest], me: team.Member) -> QLabel:
    """The requests to share waiting for the member signed in (an import by another
    member left them): the one, or how many; how to answer them in the tooltip."""
    if len(waiting) == 1:
        text = waiting[0].sentence(me)
    else:
        text = f"{len(waiting)} requests to share a person wait for you."
    label = QLabel(text)
    label.setAccessibleName("Requests to share")
    label.setToolTip(
        "\n".join(r.sentence(me) for r in waiting)
        + "\nAnswer them with `winwin member requests`, then `winwin member accept N` "
        "(shares yours with who asked) or `winwin member decline N`."
    )
    return label
