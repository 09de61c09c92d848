"""The "Sign in with Google" button of the Add Account dialog, clicked, against the local
authorization server and a Dovecot that checks tokens by introspection."""

from __future__ import annotations

import threading
from dataclasses import replace

import pytest
from PySide6.QtCore import Qt

from app.mail.accounts.oauth.account_setup import add_oauth_account
from app.mail.accounts.oauth.config import config_for
from app.mail.accounts.oauth.token_cache import REFRESH_KIND
from app.secrets import SecretStore
from app.store.accounts import list_accounts
from app.ui import desktop_browser
from tests.support.oauth_server import follow_in_browser

pytestmark = pytest.mark.integration


class BrowserStandIn:
    """The system browser replaced: it follows the URL like a person who clicks "Allow" (on
    its own thread: the real browser is another process), or, ``idle``, does nothing."""

    def __init__(self, ca_file):
        self.ca_file, self.idle, self.opened = ca_file, False, []

    def open_url(self, url: str) -> bool:
        self.opened.append(url)
        if not self.idle:
            threading.Thread(target=follow_in_browser, args=(url, self.ca_file), daemon=True).start()
        return True


@pytest.fixture
def browser(monkeypatch, oauth):
    stand_in = BrowserStandIn(oauth.ca_file)
    monkeypatch.setattr(desktop_browser, "open_url", stand_in.open_url)
    monkeypatch.setenv("SSL_CERT_FILE", str(oauth.ca_file))  # the token endpoint's test certificate
    return stand_in


def _dialog(win, oauth, dovecot, smtp):
    win.add_account()
    dialog = win.accounts.setup_dialog
    dialog._oauth_config = lambda provider: config_for(provider, oauth.authorize_url, oauth.token_url)

    def save(store, new, config, tokens):  # Gmail's servers are this test's Dovecot and SMTP server
        new = replace(new, imap_host="localhost", imap_port=dovecot.ssl_port, smtp_host="localhost",
                      smtp_port=smtp.port, ca_file=str(dovecot.ca_file))
        return add_oauth_account(store, new, config, tokens)

    dialog._save_oauth = save
    return dialog


def test_sign_in_with_google_adds_the_account(qtbot, open_window, oauth, oauth_dovecot, oauth_smtp, client_ids,
                                              browser):
    oauth.user = "ui1@gmail.com"
    win, _service = open_window()
    dialog = _dialog(win, oauth, oauth_dovecot, oauth_smtp)
    dialog.email.setText("ui1@example.test")
    assert not dialog.oauth_button.isVisible()  # no OAuth2 provider for that domain
    dialog.email.setText("ui1@gmail.com")
    assert dialog.oauth_button.isVisible() and dialog.oauth_button.text() == "Sign in with Google"
    with qtbot.waitSignal(dialog.account_added, timeout=30000):
        qtbot.mouseClick(dialog.oauth_button, Qt.MouseButton.LeftButton)
    assert browser.opened and "code_challenge_method=S256" in browser.opened[0]
    (account,) = list_accounts(win.store)
    assert (account.email, account.auth_method) == ("ui1@gmail.com", "oauth2")
    assert SecretStore().get_password(account.uuid, REFRESH_KIND) in oauth.refresh_tokens_issued()
    assert SecretStore().get_password(account.uuid) is None  # no password at all


def test_the_browser_wait_can_be_cancelled(qtbot, open_window, oauth, oauth_dovecot, oauth_smtp, client_ids,
                                           browser):
    browser.idle = True  # nobody signs in
    win, _service = open_window()
    dialog = _dialog(win, oauth, oauth_dovecot, oauth_smtp)
    dialog.email.setText("someone@gmail.com")
    qtbot.mouseClick(dialog.oauth_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: bool(browser.opened) and dialog.cancel_sign_in.isVisible(), timeout=10000)
    assert "in your browser" in dialog.status.text()
    qtbot.mouseClick(dialog.cancel_sign_in, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.status.text() == "Sign-in cancelled.", timeout=10000)
    assert not dialog.cancel_sign_in.isVisible() and dialog.oauth_button.isEnabled()
    assert list_accounts(win.store) == []


def test_a_refusal_in_the_browser_is_said_without_password_advice(qtbot, open_window, oauth, oauth_dovecot,
                                                                  oauth_smtp, client_ids, browser):
    oauth.deny_next()
    win, _service = open_window()
    dialog = _dialog(win, oauth, oauth_dovecot, oauth_smtp)
    dialog.email.setText("someone@gmail.com")
    qtbot.mouseClick(dialog.oauth_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.oauth_button.isEnabled() and "browser" in dialog.status.text(), timeout=15000)
    assert dialog.status.text() == "The sign-in was not completed in the browser (access_denied)."
    assert list_accounts(win.store) == []


def test_without_a_client_id_the_button_says_so(qtbot, open_window, machine_settings):
    win, _service = open_window()
    win.add_account()
    dialog = win.accounts.setup_dialog
    dialog.email.setText("someone@outlook.com")
    assert dialog.oauth_button.text() == "Sign in with Microsoft"
    qtbot.mouseClick(dialog.oauth_button, Qt.MouseButton.LeftButton)
    assert dialog.status.text().startswith("Sign-in with Microsoft is not set up on this computer")
    assert dialog.oauth_button.isEnabled()


def test_a_revoked_grant_offers_sign_in_again_and_the_sync_resumes(qtbot, store, open_window, oauth, oauth_dovecot,
                                                                   oauth_smtp, client_ids, browser):
    from PySide6.QtWidgets import QApplication

    from app.mail.accounts.oauth.account_setup import browser_sign_in
    from app.mail.accounts.oauth.config import GOOGLE
    from app.mail.accounts.oauth.token_cache import CACHE
    from app.store.accounts import NewAccount
    from app.ui.oauth_sign_in import SignInAgainPrompt
    from tests.conftest import OAUTH_ADMIN_PASSWORD

    oauth.user = "ui2"
    config = config_for(GOOGLE, oauth.authorize_url, oauth.token_url)
    tokens = browser_sign_in(config, lambda url: follow_in_browser(url, oauth.ca_file), timeout=30)
    account = add_oauth_account(store, NewAccount(
        name="work", email="ui2@example.com", username="ui2", imap_host="localhost",
        imap_port=oauth_dovecot.ssl_port, imap_security="ssl", smtp_host="localhost", smtp_port=oauth_smtp.port,
        smtp_security="starttls", ca_file=str(oauth_dovecot.ca_file)), config, tokens)
    seeding = oauth_dovecot.client("ui2", OAUTH_ADMIN_PASSWORD)
    seeding.append("INBOX", b"From: a@example.com\r\nSubject: after sign-in\r\n\r\nhi\r\n")
    seeding.logout()
    oauth.revoke("ui2")
    CACHE.forget(account.uuid)

    def prompts():
        return [w for w in QApplication.topLevelWidgets() if isinstance(w, SignInAgainPrompt) and w.isVisible()]

    window, _service = open_window(start=True)
    window.show()
    qtbot.waitUntil(lambda: len(prompts()) == 1, timeout=15000)
    (prompt,) = prompts()
    assert prompt.text.text() == "The sign-in for work has expired or was revoked; sign in again."
    assert prompt.sign_in.text() == "Sign In Again…"
    with qtbot.waitSignal(prompt.signed_in, timeout=30000):
        qtbot.mouseClick(prompt.sign_in, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not prompts(), timeout=5000)
    qtbot.waitUntil(lambda: window.messages.rowCount() == 1, timeout=15000)
