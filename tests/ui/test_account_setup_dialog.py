"""Adding an account from the window: settings found, login tested on Dovecot, errors in words."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from app.mail.accounts.setup import Discovery
from app.mail.accounts.providers import ServerSettings, provider_by_key
from app.secrets import SecretStore
from app.store.accounts import list_accounts
from tests.integration.conftest import PASSWORD

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


def test_back_and_another_address_renames_the_account_unless_the_user_named_it(qtbot, empty_window):
    dialog = open_dialog(empty_window, qtbot, Discovery(None, "none"))
    dialog.email.setText("first@corp.example")
    dialog.password.setText("x")
    dialog.next.click()
    qtbot.waitUntil(lambda: dialog.pages.currentIndex() == 1, timeout=5000)
    assert dialog.account_name.text() == "first@corp.example"
    qtbot.mouseClick(dialog.back, Qt.MouseButton.LeftButton)
    dialog.email.setText("second@corp.example")
    dialog.next.click()
    qtbot.waitUntil(lambda: dialog.pages.currentIndex() == 1, timeout=5000)
    assert dialog.account_name.text() == "second@corp.example"  # not the address typed before
    dialog.account_name.setText("Work")  # named by the user: kept from now on
    qtbot.mouseClick(dialog.back, Qt.MouseButton.LeftButton)
    dialog.email.setText("third@corp.example")
    dialog.next.click()
    qtbot.waitUntil(lambda: dialog.pages.currentIndex() == 1, timeout=5000)
    assert dialog.account_name.text() == "Work"


def test_without_a_keyring_the_dialog_says_what_to_install_and_the_fields_keep_their_size(
        qtbot, empty_window, dovecot, no_keyring):
    from app.settings import machine

    machine.write("secrets_store", "keyring")  # the keyring only (automatic: the secrets file)
    dialog = open_dialog(empty_window, qtbot, Discovery(
        ServerSettings("localhost", dovecot.ssl_port, "ssl", "localhost", 2525, "starttls", username="sales"),
        "autoconfig", None, "test"))
    dialog.show()
    dialog.email.setText("sales@example.test")
    dialog.password.setText(PASSWORD)
    dialog.next.click()
    qtbot.waitUntil(lambda: dialog.pages.currentIndex() == 1, timeout=5000)
    dialog.ca_file.setText(str(dovecot.ca_file))
    port_height = dialog.imap_port.height()
    dialog.next.click()
    qtbot.waitUntil(lambda: dialog.next.isEnabled() and bool(dialog.status.text()), timeout=15000)
    qtbot.wait(50)  # the layout settles
    assert "apt-get install gnome-keyring" in dialog.status.text()
    assert dialog.imap_port.height() >= min(port_height, dialog.imap_port.minimumSizeHint().height())
    assert dialog.imap_port.height() >= dialog.imap_port.sizeHint().height() - 2
    assert list_accounts(empty_window.store) == []


def test_without_a_keyring_an_unlocked_secrets_file_keeps_the_new_accounts_password(
        qtbot, empty_window, dovecot, secrets_file, fast_kdf, no_keyring):
    from app.vault import session
    from app.vault.secrets_file import SecretsFile

    session.create("primary-pass-1")  # as the start-up dialog does
    dialog = open_dialog(empty_window, qtbot, Discovery(
        ServerSettings("localhost", dovecot.ssl_port, "ssl", "localhost", 2525, "starttls", username="sales"),
        "autoconfig", None, "test"))
    dialog.show()
    dialog.email.setText("sales@example.test")
    dialog.password.setText(PASSWORD)
    dialog.next.click()
    qtbot.waitUntil(lambda: dialog.pages.currentIndex() == 1, timeout=5000)
    dialog.ca_file.setText(str(dovecot.ca_file))
    with qtbot.waitSignal(dialog.account_added, timeout=15000):
        dialog.next.click()
    (account,) = list_accounts(empty_window.store)
    assert PASSWORD.encode() not in secrets_file.read_bytes()
    entries = SecretsFile(secrets_file).read(SecretsFile(secrets_file).unlock("primary-pass-1"))
    assert entries == {f"{account.uuid}:password": PASSWORD}
