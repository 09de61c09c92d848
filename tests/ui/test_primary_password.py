"""The primary-password dialog and Settings → General's Passwords part, driven by their buttons:
create (twice, must match), unlock (a wrong password is said and asked again), Cancel, and the
key derivation off the GUI thread."""

from __future__ import annotations

import threading
from contextlib import contextmanager

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog

from app.ui.ops import Ops
from app.ui.primary_password import CREATE, UNLOCK, PrimaryPasswordDialog, needed_at_start
from app.vault import sealed, session
from app.vault.secrets_file import SecretsFile
from tests.ui.test_settings_dialog import machine_file  # noqa: F401  (autouse: a machine settings file per test)



@contextmanager
def settings_general(qtbot, store):
    """Settings opened and its General page clicked; yields (dialog, its passwords panel)."""
    from app.settings.schema import GENERAL
    from app.ui.settings_dialog import PAGES, SettingsDialog

    store.writer.never_wait_on()
    ops = Ops.standalone(store)
    dialog = SettingsDialog(store, ops)
    qtbot.addWidget(dialog)
    try:
        with qtbot.waitSignal(dialog.loaded, timeout=10000):
            dialog.open()
        item = dialog.page_list.item([name for name, _icon in PAGES].index(GENERAL))
        qtbot.mouseClick(dialog.page_list.viewport(), Qt.MouseButton.LeftButton,
                         pos=dialog.page_list.visualItemRect(item).center())
        yield dialog, dialog.secrets_panel
        qtbot.waitUntil(Ops.all_settled)
    finally:
        ops.shutdown()


pytestmark = pytest.mark.usefixtures("fast_kdf")


@pytest.fixture
def derive_threads(monkeypatch):
    """The threads the key derivation ran on."""
    seen: list[threading.Thread] = []
    real = sealed.derive

    def recording(*args, **kwargs):
        seen.append(threading.current_thread())
        return real(*args, **kwargs)

    monkeypatch.setattr(sealed, "derive", recording)
    return seen


def click(qtbot, widget) -> None:
    assert widget.isEnabled() and widget.isVisible(), widget
    qtbot.mouseClick(widget, Qt.MouseButton.LeftButton)


def type_into(qtbot, field, text: str) -> None:
    field.setFocus()
    field.clear()
    qtbot.keyClicks(field, text)


def shown(qtbot, mode) -> PrimaryPasswordDialog:
    dialog = PrimaryPasswordDialog(mode)
    qtbot.addWidget(dialog)
    dialog.open()
    return dialog


def test_first_time_it_asks_to_create_a_primary_password_twice(qtbot, no_keyring, secrets_file, derive_threads):
    assert needed_at_start() == CREATE
    dialog = shown(qtbot, CREATE)
    assert dialog.repeat.isVisible()
    type_into(qtbot, dialog.password, "short")
    type_into(qtbot, dialog.repeat, "short")
    click(qtbot, dialog.ok_button)
    assert dialog.error.isVisible() and "8" in dialog.error.text()
    type_into(qtbot, dialog.password, "first-primary")
    type_into(qtbot, dialog.repeat, "other-primary")
    click(qtbot, dialog.ok_button)
    assert "not the same" in dialog.error.text() and not secrets_file.exists()
    type_into(qtbot, dialog.repeat, "first-primary")
    with qtbot.waitSignal(dialog.finished_work, timeout=10000):
        click(qtbot, dialog.ok_button)
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert secrets_file.exists() and session.is_unlocked()
    assert derive_threads and threading.main_thread() not in derive_threads
    assert needed_at_start() is None
    qtbot.waitUntil(Ops.all_settled)


def test_a_wrong_password_is_said_and_asked_again_then_the_right_one_unlocks(qtbot, no_keyring, secrets_file,
                                                                            derive_threads):
    SecretsFile(secrets_file).create("right-primary")
    derive_threads.clear()
    assert needed_at_start() == UNLOCK
    dialog = shown(qtbot, UNLOCK)
    assert not dialog.repeat.isVisible()
    type_into(qtbot, dialog.password, "wrong-primary")
    click(qtbot, dialog.ok_button)
    qtbot.waitUntil(lambda: dialog.error.isVisible(), timeout=10000)
    assert "not right" in dialog.error.text()
    assert dialog.isVisible() and dialog.password.text() == "" and dialog.ok_button.isEnabled()
    assert not session.is_unlocked()
    type_into(qtbot, dialog.password, "right-primary")
    with qtbot.waitSignal(dialog.finished_work, timeout=10000):
        click(qtbot, dialog.ok_button)
    assert session.is_unlocked() and dialog.result() == QDialog.DialogCode.Accepted
    assert threading.main_thread() not in derive_threads
    qtbot.waitUntil(Ops.all_settled)


def test_cancel_leaves_everything_locked(qtbot, no_keyring, secrets_file):
    SecretsFile(secrets_file).create("right-primary")
    dialog = shown(qtbot, UNLOCK)
    assert dialog.cancel_button.text().replace("&", "") == "Quit"
    with qtbot.waitSignal(dialog.rejected, timeout=5000):
        click(qtbot, dialog.cancel_button)
    assert not session.is_unlocked() and dialog.result() == QDialog.DialogCode.Rejected


def test_nothing_is_asked_when_a_keyring_keeps_the_passwords(memory_keyring, secrets_file):
    assert needed_at_start() is None


def test_settings_general_says_where_passwords_are_and_sets_then_changes_the_primary_password(
        qtbot, store, no_keyring, secrets_file):
    with settings_general(qtbot, store) as (dialog, panel):
        qtbot.waitUntil(lambda: panel.state is not None and panel.primary_button.isVisible(), timeout=10000)
        assert "no primary password" in panel.status.text()
        assert panel.primary_button.text() == "Set Primary Password…"
        assert "secrets_store" in dialog.fields  # the store can be chosen (and locked by policy)

        click(qtbot, panel.primary_button)
        create = panel.dialog
        assert create.mode == CREATE and create.isVisible()
        type_into(qtbot, create.password, "new-primary-1")
        type_into(qtbot, create.repeat, "new-primary-1")
        with qtbot.waitSignal(panel.state_shown, timeout=10000):
            click(qtbot, create.ok_button)
        assert secrets_file.exists() and "unlocked for this session" in panel.status.text()
        assert panel.primary_button.text() == "Change Primary Password…"

        click(qtbot, panel.primary_button)
        change = panel.dialog
        type_into(qtbot, change.current, "not-the-one")
        type_into(qtbot, change.password, "new-primary-2")
        type_into(qtbot, change.repeat, "new-primary-2")
        click(qtbot, change.ok_button)
        qtbot.waitUntil(lambda: change.error.isVisible(), timeout=10000)
        assert "not right" in change.error.text()
        type_into(qtbot, change.current, "new-primary-1")
        with qtbot.waitSignal(panel.state_shown, timeout=10000):
            click(qtbot, change.ok_button)
        SecretsFile(secrets_file).unlock("new-primary-2")  # the new password opens the file


def test_a_bug_while_unlocking_is_said_in_the_dialog_not_swallowed(qtbot, no_keyring, secrets_file, monkeypatch):
    SecretsFile(secrets_file).create("right-primary")

    def broken(*_args, **_kwargs):
        raise ImportError("no argon2 in this build")

    monkeypatch.setattr(sealed, "derive", broken)
    dialog = shown(qtbot, UNLOCK)
    type_into(qtbot, dialog.password, "right-primary")
    click(qtbot, dialog.ok_button)
    qtbot.waitUntil(lambda: dialog.error.isVisible(), timeout=10000)
    assert "ImportError" in dialog.error.text() and dialog.isVisible() and not session.is_unlocked()


def test_settings_moves_the_passwords_to_a_keyring_that_works_and_the_file_goes(qtbot, store, memory_keyring,
                                                                              secrets_file):
    from app.secrets import SecretStore

    session.create("primary-pass-1")  # the file exists, so "auto" keeps using it
    SecretStore().set_password("uuid-7", "imap-secret")
    assert memory_keyring.entries == {}
    with settings_general(qtbot, store) as (_dialog, panel):
        qtbot.waitUntil(lambda: panel.state is not None and panel.move_button.isVisible(), timeout=10000)
        with qtbot.waitSignal(panel.state_shown, timeout=10000):
            click(qtbot, panel.move_button)
        assert panel.status.text() == "Passwords are kept in the system keyring."
        assert not panel.move_button.isVisible() and not panel.primary_button.isVisible()
        assert not secrets_file.exists()
        assert memory_keyring.entries == {("Liaison", "uuid-7:password"): "imap-secret"}


def test_settings_sees_a_primary_password_changed_elsewhere_and_unlocks_again(qtbot, store, no_keyring,
                                                                             secrets_file):
    session.create("primary-pass-1")
    SecretsFile(secrets_file).change_password("primary-pass-1", "changed-by-cli")  # another process
    with settings_general(qtbot, store) as (_dialog, panel):
        qtbot.waitUntil(lambda: panel.state is not None and panel.primary_button.isVisible(), timeout=10000)
        assert panel.status.text().endswith("locked.") and panel.primary_button.text() == "Unlock…"
        click(qtbot, panel.primary_button)
        unlock = panel.dialog
        assert unlock.mode == UNLOCK and unlock.cancel_button.text().replace("&", "") == "Cancel"
        type_into(qtbot, unlock.password, "changed-by-cli")
        with qtbot.waitSignal(panel.state_shown, timeout=10000):
            click(qtbot, unlock.ok_button)
        assert "unlocked for this session" in panel.status.text()
        assert panel.primary_button.text() == "Change Primary Password…"
