"""File → Open shared journal…, driven through its widgets with an in-memory keyring
(never the machine's own): TLS by host, a failure said in one sentence with everything
typed kept and Retry, and — against a real server (WINWIN_TEST_DB_URL) — the address
among the recent journals and the password only in the keyring."""

from __future__ import annotations

import json
import os
import socket
import urllib.parse
from pathlib import Path

import keyring
import pytest
from keyring.backend import KeyringBackend
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

from winwin_desktop.journal import shared_journals
from winwin_desktop.ui.open_shared_dialog import OpenSharedDialog
from winwin_desktop.ui.recent_journals import recent_journals

NEEDS_SERVER = "needs a PostgreSQL server (set WINWIN_TEST_DB_URL)"


class MemoryKeyring(KeyringBackend):
    """A keyring that keeps passwords in this test's memory only."""

    priority = 1

    def __init__(self) -> None:
        super().__init__()
        self.passwords: dict[tuple[str, str], str] = {}

    def get_password(self, service, username):
        return self.passwords.get((service, username))

    def set_password(self, service, username, password):
        self.passwords[(service, username)] = password

    def delete_password(self, service, username):
        self.passwords.pop((service, username), None)


@pytest.fixture
def memory_keyring():
    before = keyring.get_keyring()
    ring = MemoryKeyring()
    keyring.set_keyring(ring)
    yield ring
    keyring.set_keyring(before)


@pytest.fixture
def dialog(qtbot, window_settings, memory_keyring):
    shown = OpenSharedDialog(settings=window_settings)
    qtbot.addWidget(shown)
    shown.launched = []
    shown.launch = lambda where, password: shown.launched.append((where, password)) or True
    shown.show()
    yield shown
    qtbot.waitUntil(lambda: not shown.is_connecting(), timeout=20000)


def fill(qtbot, dialog, host, port, database, user, password="") -> None:
    for field, text in (
        (dialog.host, host),
        (dialog.database, database),
        (dialog.user, user),
        (dialog.password, password),
    ):
        field.clear()
        qtbot.keyClicks(field, text)
    dialog.port.setValue(int(port))


def closed_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def test_tls_is_verified_for_any_host_but_this_machine(qtbot, dialog):
    qtbot.keyClicks(dialog.host, "db.example.com")
    assert dialog.tls.currentData() == "verify-full"
    dialog.host.clear()
    qtbot.keyClicks(dialog.host, "localhost")
    assert dialog.tls.currentData() == "prefer"
    qtbot.mouseClick(dialog.open_button, Qt.LeftButton)
    assert dialog.error.text() == "Type the name of the database that holds the journal."
    assert dialog.database.hasFocus()


def test_the_address_is_a_libpq_url_without_a_password():
    where = shared_journals.address("db.example.com", "6432", "win win", "ann@corp", "verify-full")
    assert where.url == "postgresql://ann%40corp@db.example.com:6432/win%20win?sslmode=verify-full"
    assert shared_journals.address_of(where.url) == where
    assert shared_journals.address_of("/home/ann/journal.db") is None


def test_a_server_that_cannot_be_reached_is_said_and_what_was_typed_stays(
    qtbot, dialog, window_settings
):
    port = closed_port()
    fill(qtbot, dialog, "127.0.0.1", port, "pgmove_nowhere", "ann", "s3cret")
    dialog.remember.setChecked(True)
    qtbot.mouseClick(dialog.open_button, Qt.LeftButton)
    qtbot.waitUntil(lambda: dialog.error.isVisible(), timeout=20000)
    assert dialog.error.text() == (
        f"Cannot reach the PostgreSQL server at 127.0.0.1:{port}; check that it is running "
        "and that the address is right, then try again."
    )
    assert (dialog.host.text(), dialog.port.value(), dialog.database.text()) == (
        "127.0.0.1",
        port,
        "pgmove_nowhere",
    )
    assert (dialog.user.text(), dialog.password.text()) == ("ann", "s3cret")
    assert dialog.remember.isChecked()
    assert dialog.open_button.text() == "&Retry" and dialog.open_button.isEnabled()
    assert dialog.launched == [] and recent_journals(window_settings) == []
    assert dialog.isVisible()


def test_the_keyring_remembers_only_when_asked(memory_keyring):
    where = shared_journals.address("db.example.com", 5432, "winwin", "ann", "verify-full")
    assert shared_journals.remembered_password(where) is None
    shared_journals.remember_password(where, "s3cret")
    assert memory_keyring.passwords == {("WinWin", "ann@db.example.com:5432/winwin"): "s3cret"}
    assert shared_journals.remembered_password(where) == "s3cret"
    shared_journals.forget_password(where)
    assert memory_keyring.passwords == {}


def test_no_keyring_is_said_in_a_sentence():
    from keyring.backends import fail

    before = keyring.get_keyring()
    keyring.set_keyring(fail.Keyring())
    try:
        where = shared_journals.address("db.example.com", 5432, "winwin", "ann", "verify-full")
        assert shared_journals.remembered_password(where) is None
        with pytest.raises(shared_journals.JournalError, match="no system keyring"):
            shared_journals.remember_password(where, "s3cret")
    finally:
        keyring.set_keyring(before)


def test_without_a_keyring_the_box_is_off_and_says_why(qtbot, window_settings):
    from keyring.backends import fail

    before = keyring.get_keyring()
    keyring.set_keyring(fail.Keyring())
    try:
        shown = OpenSharedDialog(settings=window_settings)
        qtbot.addWidget(shown)
        assert not shown.remember.isEnabled() and not shown.remember.isChecked()
        assert shown.remember.toolTip() == (
            "No system keyring was found on this computer (the packaged app for Linux "
            "carries none of its own); put the password in ~/.pgpass to avoid typing it."
        )
    finally:
        keyring.set_keyring(before)


def test_with_a_keyring_the_box_can_be_ticked(dialog):
    assert dialog.remember.isEnabled() and dialog.remember.toolTip() == ""


@pytest.mark.skipif(not os.environ.get("WINWIN_TEST_DB_URL"), reason=NEEDS_SERVER)
def test_a_journal_that_connects_is_remembered_without_its_password(
    qtbot, dialog, window_settings, memory_keyring, server_journal_url
):
    server = urllib.parse.urlsplit(server_journal_url)  # the run's database, made by conftest
    fill(
        qtbot,
        dialog,
        server.hostname,
        server.port or 5432,
        server.path.lstrip("/"),
        server.username or "postgres",
        "typed-password",
    )
    dialog.remember.setChecked(True)
    qtbot.mouseClick(dialog.open_button, Qt.LeftButton)
    qtbot.waitUntil(lambda: bool(dialog.launched) or dialog.error.isVisible(), timeout=20000)
    assert not dialog.error.isVisible(), dialog.error.text()
    [(where, password)] = dialog.launched
    assert password == "typed-password"
    assert recent_journals(window_settings) == [where.url]
    assert "typed-password" not in where.url
    window_settings.sync()
    assert "typed-password" not in Path(window_settings.fileName()).read_text()
    assert memory_keyring.passwords == {("WinWin", where.keyring_name): "typed-password"}

    # Opened again from the recent journals: the fields and the password come back.
    again = OpenSharedDialog(settings=window_settings)
    qtbot.addWidget(again)
    again.recent.setCurrentIndex(1)
    again.recent.activated.emit(1)
    assert again.host.text() == server.hostname
    assert again.password.text() == "typed-password" and again.remember.isChecked()


def test_a_shared_journal_out_of_reach_at_start_is_one_message_and_exit_1(
    monkeypatch, capsys, qapp
):
    from winwin_desktop.app import run_gui

    shown = []
    monkeypatch.setattr(QMessageBox, "critical", lambda parent, title, text: shown.append(text))
    port = closed_port()
    assert run_gui(f"postgresql://ann@127.0.0.1:{port}/winwin") == 1
    sentence = (
        f"Cannot reach the PostgreSQL server at 127.0.0.1:{port}; check that it is running "
        "and that the address is right, then try again."
    )
    assert shown == [sentence]
    assert capsys.readouterr().err == f"winwin: {sentence}\n"


@pytest.mark.skipif(not os.environ.get("WINWIN_TEST_DB_URL"), reason=NEEDS_SERVER)
def test_the_window_opens_on_a_shared_journal(server_journal_url, tmp_path):
    """`winwin --db postgresql://…` as the dialog launches it: the window paints, with no
    lock file, snapshot or file named after the address left anywhere."""
    from tests.helpers.cli import run_winwin, user_env
    from winwin_desktop.app import EXIT_AFTER_FIRST_PAINT
    from winwin_desktop.journal import people
    from winwin_desktop.store import close_journal, open_journal

    open_journal(server_journal_url)
    people.add_person("Zoë Brontë-Nuñez")
    close_journal()
    env = user_env(tmp_path, QT_QPA_PLATFORM="offscreen", **{EXIT_AFTER_FIRST_PAINT: "1"})
    work = tmp_path / "work"
    work.mkdir()
    started = run_winwin(["--db", server_journal_url], env, work)
    assert started.returncode == 0, started.stderr
    assert list(work.iterdir()) == []


@pytest.mark.skipif(not os.environ.get("WINWIN_TEST_DB_URL"), reason=NEEDS_SERVER)
def test_back_up_now_on_a_shared_journal_keeps_a_verified_json_backup(
    window, journal, isolated_home
):
    from winwin_desktop.journal import people

    people.add_person("Zoë Brontë-Nuñez")
    [menu] = [a.menu() for a in window.menuBar().actions() if a.text() == "&File"]
    [entry] = [a for a in menu.actions() if a.text() == "&Back up now"]
    entry.trigger()
    assert window.statusBar().currentMessage() == (
        "Backed up: 1 person and 0 interactions kept among your backups."
    )
    [backup] = (isolated_home / "data" / "WinWin" / "backups").iterdir()
    assert backup.suffix == ".json"
    assert [p["name"] for p in json.loads(backup.read_text())["people"]] == ["Zoë Brontë-Nuñez"]
