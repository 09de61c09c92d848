"""Adding an account from the window: settings found, login tested on Dovecot, errors in words."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from app.mail.account_setup import Discovery
from app.mail.providers import ServerSettings, provider_by_key
from app.secrets import SecretStore
from app.store.accounts import list_accounts
from app.ui.sync_service import SyncService
from tests.integration.conftest import PASSWORD
from tests.support.message_factory import make_message

pytestmark = pytest.mark.integration


@pytest.fixture
def empty_window(open_window):
    return open_window()[0]


def open_dialog(win, qtbot, discovery):
    win.add_account()
    dialog = win.accounts.setup_dialog
    dialog._discover = lambda email: discovery
    return dialog


def test_first_run_offers_add_account_and_the_dialog_adds_a_working_account(
        qtbot, empty_window, dovecot):
    win = empty_window
    assert win.central.currentWidget() is win.welcome
    dovecot_settings = ServerSettings("localhost", dovecot.ssl_port, "ssl", "localhost", 2525,
                                      "starttls", username="%EMAILLOCALPART%")
    with qtbot.waitSignal(win.welcome.add_account_requested):
        qtbot.mouseClick(win.welcome.add_account, Qt.MouseButton.LeftButton)
    dialog = win.accounts.setup_dialog
    dialog._discover = lambda email: Discovery(dovecot_settings, "autoconfig", None,
                                               "https://example.test/.well-known/autoconfig")
    dialog.your_name.setText("Li Lei")
    dialog.email.setText("sales@example.test")
    dialog.password.setText("web-password")
    dialog.next.click()
    qtbot.waitUntil(lambda: dialog.pages.currentIndex() == 1, timeout=5000)
    assert "published by your mail domain" in dialog.found.text()
    assert (dialog.imap_host.text(), dialog.imap_port.value(), dialog.username.text()) == \
        ("localhost", dovecot.ssl_port, "sales")
    dialog.ca_file.setText(str(dovecot.ca_file))
    dialog.next.click()  # the wrong password first
    qtbot.waitUntil(lambda: dialog.next.isEnabled(), timeout=15000)
    assert "not accepted" in dialog.status.text()
    assert dialog.isVisible() and list_accounts(win.store) == []
    dialog.password.setText(PASSWORD)
    with qtbot.waitSignal(dialog.account_added, timeout=15000):
        dialog.next.click()
    (account,) = list_accounts(win.store)
    assert (account.email, account.display_name, account.username) == ("sales@example.test", "Li Lei", "sales")
    assert SecretStore().get_password(account.uuid) == PASSWORD
    assert win.central.currentWidget() is win.mail_view
    qtbot.waitUntil(lambda: win.folders.topLevelItem(0).childCount() > 0, timeout=15000)


def test_a_providers_password_advice_shows_before_and_after_a_failed_login(qtbot, empty_window, dovecot):
    dialog = open_dialog(empty_window, qtbot, None)
    dialog.email.setText("li.lei@qq.com")
    assert "authorisation code" in dialog.password_help.text()
    dialog.email.setText("li.lei@example.test")
    assert dialog.password_help.text() == ""
    qq_but_local = Discovery(ServerSettings("localhost", dovecot.ssl_port, "ssl", "localhost", 465,
                                            "ssl", username="sales"), "provider",
                             provider_by_key("qq"), "QQ Mail")
    dialog._discover = lambda email: qq_but_local
    dialog.password.setText("my-qq-password")
    dialog.next.click()
    qtbot.waitUntil(lambda: dialog.pages.currentIndex() == 1, timeout=5000)
    assert dialog.found.text() == "Settings for QQ Mail."
    dialog.ca_file.setText(str(dovecot.ca_file))
    dialog.next.click()
    qtbot.waitUntil(lambda: dialog.next.isEnabled(), timeout=15000)
    assert "POP3/IMAP/SMTP" in dialog.status.text() and "授权码" in dialog.status.text()


def test_nothing_found_offers_manual_entry_and_unreachable_servers_are_explained(qtbot, empty_window):
    from tests.support.ports import free_port

    dialog = open_dialog(empty_window, qtbot, Discovery(None, "none"))
    dialog.email.setText("it@corp.example")
    dialog.password.setText("x")
    dialog.next.click()
    qtbot.waitUntil(lambda: dialog.pages.currentIndex() == 1, timeout=5000)
    assert "No settings were found" in dialog.found.text()
    assert dialog.imap_host.text() == "imap.corp.example"
    dialog.imap_host.setText("127.0.0.1")
    dialog.imap_port.setValue(free_port())
    dialog.next.click()
    qtbot.waitUntil(lambda: dialog.next.isEnabled(), timeout=15000)
    assert "could not be reached" in dialog.status.text()
    dialog.back.click()
    assert dialog.pages.currentIndex() == 0 and dialog.email.text() == "it@corp.example"


def test_offline_indicator_and_sync_when_the_server_comes_back(qtbot, account, imap, dovecot,
                                                               open_window, monkeypatch):
    from app.mail import sync_schedule
    from app.ui import sync_service

    monkeypatch.setattr(sync_service, "TICK_MS", 200)
    monkeypatch.setattr(sync_schedule, "OFFLINE_RETRY_SECONDS", 0.5)
    imap.append("INBOX", make_message(1))
    imap.logout()
    dovecot.stop()
    win, _service = open_window()
    qtbot.waitUntil(lambda: not win.offline_label.isHidden(), timeout=15000)
    dovecot.start()
    qtbot.waitUntil(lambda: win.offline_label.isHidden(), timeout=15000)
    assert "up to date" in win.status_label.text()
    qtbot.waitUntil(lambda: win.messages.rowCount() == 1, timeout=15000)


def test_manual_accounts_are_not_synced_on_start(qtbot, store, account, profile_dir):
    from app.store.accounts import set_sync_mode

    set_sync_mode(store, account.id, "manual")
    service = SyncService(store, use_idle=False)
    states = []
    service.account_state_changed.connect(lambda *args: states.append(args))
    service.start()
    try:
        qtbot.wait(300)
        assert states == []
        service.sync_all()  # the user asked
        qtbot.waitUntil(lambda: bool(states) and states[-1][1] == "ok", timeout=15000)
    finally:
        service.stop()


def test_removing_an_account_deletes_its_cache_and_password_and_stops_push(
        qtbot, store, account, imap, run_sync, open_window):
    from app.store.models import Message

    imap.append("INBOX", make_message(1))
    run_sync()
    win, service = open_window(use_idle=True)
    qtbot.waitUntil(lambda: account.id in service._watchers, timeout=10000)
    win.accounts.set_sync_mode(account.id, "manual")  # switching off push stops IDLE
    assert account.id not in service._watchers
    with qtbot.waitSignal(win.accounts.removed, timeout=10000):
        win.accounts.remove_account(account.id, confirm=False)
    assert list_accounts(store) == [] and SecretStore().get_password(account.uuid) is None
    with store.read() as session:
        assert session.query(Message).count() == 0
    assert win.central.currentWidget() is win.welcome
