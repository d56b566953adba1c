"""Save as… in the window never replaces a file unasked: a name the save dialog did not
ask about (it added the extension afterwards) gets the same "replace?" question, and
the journal and its backups are refused whatever the answer."""

from __future__ import annotations

import os

import pytest

from winwin_desktop.journal import backups, interactions, people
from winwin_desktop.journal.interactions import ExchangeData
from winwin_desktop.ui import brief_tab as brief_tab_module
from winwin_desktop.ui import chart_canvas as chart_canvas_module
from winwin_desktop.ui.balance_tab import BalanceTab
from winwin_desktop.ui.brief_tab import BriefTab


@pytest.fixture
def ada(journal):
    person = people.add_person("Ada Lovelace")
    interactions.log_interaction(
        "2026-03-02",
        "Advice",
        [person.id],
        exchanges=[ExchangeData(person.id, "given", "advice", 3)],
    )
    return person.id


@pytest.fixture
def brief(qtbot, ada):
    tab = BriefTab()
    qtbot.addWidget(tab)
    tab.show()
    qtbot.waitExposed(tab)
    tab.show_people([ada])
    return tab


@pytest.fixture
def canvas(qtbot, ada):
    tab = BalanceTab()
    qtbot.addWidget(tab)
    tab.show()
    tab.show_person(ada)
    return tab.canvas


@pytest.mark.parametrize("answer", [False, True])
def test_brief_asks_before_replacing_a_file_it_added_the_extension_to(
    brief, tmp_path, monkeypatch, answer
):
    (tmp_path / "ada.html").write_text("keep me")
    asked = []
    monkeypatch.setattr(brief, "ask_save_path", lambda *_: str(tmp_path / "ada"))
    monkeypatch.setattr(
        brief_tab_module, "confirm_replace", lambda _parent, path: asked.append(path) or answer
    )
    saved = brief.save_html()
    assert asked == [tmp_path / "ada.html"]
    if answer:
        assert saved == tmp_path / "ada.html"
        assert "Ada Lovelace" in (tmp_path / "ada.html").read_text(encoding="utf-8")
    else:
        assert saved is None
        assert (tmp_path / "ada.html").read_text() == "keep me"


def test_brief_never_goes_into_the_backups_folder(brief, monkeypatch):
    folder = backups.backups_folder()
    monkeypatch.setattr(brief, "ask_save_path", lambda *_: str(folder / "ada.md"))
    assert brief.save_markdown() is None
    assert "backups folder" in brief.error.text()
    assert not (folder / "ada.md").exists()


@pytest.mark.parametrize("answer", [False, True])
def test_chart_asks_before_replacing_a_file_it_added_the_extension_to(
    canvas, tmp_path, monkeypatch, answer
):
    (tmp_path / "ada.png").write_bytes(b"keep me")
    monkeypatch.setattr(canvas, "ask_save_path", lambda fmt: str(tmp_path / "ada"))
    monkeypatch.setattr(chart_canvas_module, "confirm_replace", lambda _parent, path: answer)
    saved = canvas.save_as("png")
    data = (tmp_path / "ada.png").read_bytes()
    assert (saved, data.startswith(b"\x89PNG")) == (
        (tmp_path / "ada.png", True) if answer else (None, False)
    )


def test_a_chart_never_goes_into_the_backups_folder(canvas, monkeypatch):
    folder = backups.backups_folder()
    errors = []
    monkeypatch.setattr(canvas, "show_error", errors.append)
    monkeypatch.setattr(canvas, "ask_save_path", lambda fmt: str(folder / "ada.png"))
    assert canvas.save_as("png") is None
    assert len(errors) == 1 and "backups folder" in errors[0]
    assert not (folder / "ada.png").exists()


def test_a_chart_that_fails_half_way_leaves_the_replaced_file_as_it_was(
    canvas, tmp_path, monkeypatch
):
    (tmp_path / "ada.png").write_bytes(b"keep me")
    errors = []
    monkeypatch.setattr(canvas, "show_error", errors.append)
    monkeypatch.setattr(canvas, "ask_save_path", lambda fmt: str(tmp_path / "ada.png"))

    def disk_full(target, **_options):
        with open(target, "wb") as half:
            half.write(b"\x89PNG half a chart")
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(canvas.figure, "savefig", disk_full)
    assert canvas.save_as("png") is None
    assert (tmp_path / "ada.png").read_bytes() == b"keep me"
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith(".")) == []
    assert errors == [
        f"The chart could not be saved to {tmp_path / 'ada.png'} (No space left on device); "
        "choose another folder."
    ]


def test_a_saved_chart_is_owner_only_whatever_the_umask(canvas, tmp_path, monkeypatch):
    monkeypatch.setattr(canvas, "ask_save_path", lambda fmt: str(tmp_path / "ada.svg"))
    old = os.umask(0o022)
    try:
        saved = canvas.save_as("svg")
    finally:
        os.umask(old)
    assert saved == tmp_path / "ada.svg"
    assert saved.read_text(encoding="utf-8").lstrip().startswith("<?xml")
    assert saved.stat().st_mode & 0o777 == 0o600
