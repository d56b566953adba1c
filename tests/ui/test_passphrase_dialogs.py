"""The unlock dialog at start and Settings → protect / change / remove the passphrase."""

from __future__ import annotations

import pytest

pytest.importorskip("sqlcipher3")

from PySide6.QtWidgets import QDialog, QMessageBox  # noqa: E402

from winwin_desktop.app import run_gui  # noqa: E402
from winwin_desktop.journal import people, protection  # noqa: E402
from winwin_desktop.store import close_journal, crypto, open_journal  # noqa: E402
from winwin_desktop.ui import unlock_dialog  # noqa: E402
from winwin_desktop.ui.passphrase_dialog import CHANGE, REMOVE, SET  # noqa: E402
from winwin_desktop.ui.settings_dialog import SettingsDialog  # noqa: E402
from winwin_desktop.ui.undo import Actions  # noqa: E402


@pytest.fixture
def locked(journal_path):
    open_journal(journal_path)
    people.add_person("Zebedee Quixotic")
    close_journal()
    crypto.encrypt(journal_path, "open sesame")
    return journal_path


def test_three_wrong_tries_then_a_plain_message_and_exit_1(locked, monkeypatch, capsys, qapp):
    before = locked.read_bytes()
    messages = []
    monkeypatch.setattr(QMessageBox, "warning", lambda parent, title, text: messages.append(text))

    def three_wrong(dialog):
        for guess in ("one", "two", "three"):
            dialog.field.setText(guess)
            dialog.try_unlock()
        return dialog.result()

    monkeypatch.setattr(unlock_dialog.UnlockDialog, "exec", three_wrong)
    assert run_gui(locked) == 1
    assert messages and "wrong 3 times" in messages[0]
    assert "protected by a passphrase" in capsys.readouterr().err
    assert locked.read_bytes() == before


def test_the_unlock_dialog_counts_tries(locked, qapp):
    dialog = unlock_dialog.UnlockDialog(locked)
    dialog.field.setText("nope")
    dialog.try_unlock()
    assert "does not open" in dialog.error.text() and "2 tries left" in dialog.error.text()
    dialog.field.setText("open sesame")
    dialog.try_unlock()
    assert dialog.result() == QDialog.Accepted and dialog.passphrase == "open sesame"


def test_settings_protect_change_and_remove(journal, qapp):
    people.add_person("Zebedee Quixotic")
    settings = SettingsDialog(Actions(), "system")
    assert list(settings.passphrase_buttons) == [SET]
    dialog = settings.open_passphrase_dialog(SET)
    assert "no way to recover" in dialog.findChildren(type(settings.passphrase_status))[0].text()
    dialog.new.setText("first")
    dialog.again.setText("frist")
    dialog.apply()
    assert "differ" in dialog.error.text() and not protection.is_protected()
    dialog.again.setText("first")
    dialog.apply()
    assert protection.is_protected() and "now encrypted" in settings.passphrase_status.text()

    settings = SettingsDialog(Actions(), "system")
    assert list(settings.passphrase_buttons) == [CHANGE, REMOVE]
    dialog = settings.open_passphrase_dialog(CHANGE)
    dialog.current.setText("first")
    dialog.new.setText("second")
    dialog.again.setText("second")
    dialog.apply()
    assert protection.is_protected()

    dialog = settings.open_passphrase_dialog(REMOVE)
    dialog.current.setText("first")
    dialog.apply()
    assert "not the journal's current passphrase" in dialog.error.text()
    dialog.current.setText("second")
    dialog.apply()
    assert not protection.is_protected()
    assert [name for _, name in people.people_names()] == ["Zebedee Quixotic"]


def test_protecting_can_delete_the_plain_backups_instead(journal, journal_path, qapp):
    from winwin_desktop.journal import backups

    people.add_person("Zebedee Quixotic")
    backups.back_up_now()
    settings = SettingsDialog(Actions(), "system")
    dialog = settings.open_passphrase_dialog(SET)
    assert not dialog.delete_backups.isChecked()  # encrypting them is the default
    dialog.new.setText("first")
    dialog.again.setText("first")
    dialog.delete_backups.setChecked(True)
    dialog.apply()
    assert protection.is_protected()
    assert settings.passphrase_status.text() == (
        "The journal is now encrypted; its plain backups were deleted."
    )
    assert list((journal_path.parent / "backups").glob("*.db")) == []
