"""OAuth2 sign-in end to end: a local authorization server (tests.support.oauth_server), a
Dovecot whose oauth2 passdb asks that server's introspection endpoint about every token, and
an SMTP server that accepts ``AUTH XOAUTH2`` the same way.  One Dovecot and one authorization
server serve the whole module (each test signs in as its own mail user)."""

from __future__ import annotations

import json
import sqlite3
import stat
import sys

import pytest

from app.errors import AuthError, OAuthSignInNeeded
from app.mail.accounts.credential import credential_for
from app.mail.accounts.oauth.account_setup import add_oauth_account, browser_sign_in, sign_in_again
from app.mail.accounts.oauth.config import GOOGLE, config_for
from app.mail.accounts.oauth.token_cache import CACHE, REFRESH_KIND
from app.secrets import SecretStore
from app.services.account_sync import sync_account
from app.store.accounts import NewAccount
from tests.support.oauth_server import follow_in_browser

from tests.conftest import OAUTH_ADMIN_PASSWORD as ADMIN_PASSWORD, OAUTH_CLIENT_ID as CLIENT_ID, \
    OAUTH_CLIENT_SECRET as CLIENT_SECRET, OAUTH_USERS as USERS


_next_user = iter(USERS)


@pytest.fixture
def user(oauth):
    """A mail user of its own for each test, the one "signed in" in the browser."""
    name = next(_next_user)
    oauth.user = name
    oauth.access_lifetime = 3600
    return name


def _seed(dovecot, user: str, subject: str) -> None:
    client = dovecot.client(user, ADMIN_PASSWORD)
    try:
        client.append("INBOX", f"From: boss@example.com\r\nTo: {user}@example.com\r\nSubject: {subject}\r\n"
                               f"Message-ID: <{subject.replace(' ', '-')}@example.com>\r\n\r\nHello.\r\n".encode())
    finally:
        client.logout()


def _new_account(user: str, dovecot, smtp) -> NewAccount:
    return NewAccount(name=user, email=f"{user}@example.com", username=user, imap_host="localhost",
                      imap_port=dovecot.ssl_port, imap_security="ssl", smtp_host="localhost",
                      smtp_port=smtp.port, smtp_security="starttls", ca_file=str(dovecot.ca_file))


def _browser(oauth):
    return lambda url: follow_in_browser(url, oauth.ca_file)


def _signed_in_account(store, oauth, dovecot, smtp, user):
    config = config_for(GOOGLE, oauth.authorize_url, oauth.token_url)
    tokens = browser_sign_in(config, _browser(oauth), login_hint=f"{user}@example.com",
                             ca_file=str(oauth.ca_file), timeout=30)
    return add_oauth_account(store, _new_account(user, dovecot, smtp), config, tokens)


def _sync(store, account):
    with store.writer.waiting_allowed():
        return sync_account(store, account, credential_for(account))


# -- in process --------------------------------------------------------------------------
def test_sign_in_then_sync_over_imap_xoauth2(store, oauth, oauth_dovecot, oauth_smtp, user, client_ids):
    _seed(oauth_dovecot, user, "Quote for OAuth")
    account = _signed_in_account(store, oauth, oauth_dovecot, oauth_smtp, user)
    assert account.auth_method == "oauth2"
    stored = json.loads(account.oauth_config)
    assert stored["provider"] == "google" and stored["client_id"] == CLIENT_ID
    assert not any("token" in key and key != "token_url" for key in stored)
    refresh = SecretStore().get_password(account.uuid, REFRESH_KIND)
    assert refresh in oauth.refresh_tokens_issued()
    summary = _sync(store, account)
    assert summary.new == 1
    assert "refresh_token" not in oauth.token_grants()  # the sign-in's access token was still fresh


def test_an_expired_access_token_is_refreshed_and_the_login_retried(store, oauth, oauth_dovecot, oauth_smtp,
                                                                    user, client_ids):
    account = _signed_in_account(store, oauth, oauth_dovecot, oauth_smtp, user)
    refreshes = oauth.token_grants().count("refresh_token")
    oauth.expire_access_tokens()  # the server ends them early; the client still thinks they are good
    _seed(oauth_dovecot, user, "After expiry")
    assert _sync(store, account).new == 1
    assert oauth.token_grants().count("refresh_token") == refreshes + 1


def test_a_token_is_refreshed_five_minutes_before_it_expires(store, oauth, oauth_dovecot, oauth_smtp, user,
                                                             client_ids):
    oauth.access_lifetime = 240  # under the five-minute margin: every use refreshes first
    account = _signed_in_account(store, oauth, oauth_dovecot, oauth_smtp, user)
    refused_before = oauth.introspections.count(False)
    refreshes = oauth.token_grants().count("refresh_token")
    _sync(store, account)
    assert oauth.token_grants().count("refresh_token") == refreshes + 1
    assert oauth.introspections.count(False) == refused_before  # refreshed before, not after a refusal


def test_a_revoked_grant_says_sign_in_again_and_signing_in_again_works(store, oauth, oauth_dovecot, oauth_smtp,
                                                                       user, client_ids):
    account = _signed_in_account(store, oauth, oauth_dovecot, oauth_smtp, user)
    oauth.revoke(user)
    CACHE.forget(account.uuid)
    with pytest.raises(OAuthSignInNeeded) as raised:
        _sync(store, account)
    assert raised.value.code == "auth.oauth_revoked" and raised.value.exit_code == 3
    assert raised.value.account_id == account.id
    assert "sign in again" in raised.value.message
    sign_in_again(account, _browser(oauth), timeout=30)
    _seed(oauth_dovecot, user, "Back again")
    assert _sync(store, account).new == 1


def test_a_refusal_in_the_browser_adds_nothing(store, oauth, oauth_dovecot, oauth_smtp, user, client_ids):
    oauth.deny_next()
    config = config_for(GOOGLE, oauth.authorize_url, oauth.token_url)
    with pytest.raises(AuthError) as raised:
        browser_sign_in(config, _browser(oauth), ca_file=str(oauth.ca_file), timeout=30)
    assert raised.value.code == "auth.oauth_denied" and "access_denied" in raised.value.message


# -- the command line, end to end --------------------------------------------------------
@pytest.fixture
def oauth_cli(cli, oauth, tmp_path, machine_settings, client_ids):
    """The CLI with the browser stand-in as ``$BROWSER`` (webbrowser runs it with the URL)."""
    browser = tmp_path / "browser.sh"
    browser.write_text(f"#!/bin/sh\nexec {sys.executable} -m tests.support.oauth_browser \"$1\"\n")
    browser.chmod(browser.stat().st_mode | stat.S_IEXEC)
    cli.env.update(BROWSER=str(browser), LIAISON_TEST_OAUTH_CA=str(oauth.ca_file),
                   LIAISON_MACHINE_SETTINGS=str(machine_settings))
    cli.env.pop("DISPLAY", None)
    cli.env.pop("WAYLAND_DISPLAY", None)
    return cli


def _cli_add(cli, user, oauth, dovecot, smtp, *extra):
    return cli("account", "add", "--email", f"{user}@example.com", "--name", user, "--username", user,
               "--imap-host", "localhost", "--imap-port", str(dovecot.ssl_port), "--imap-security", "ssl",
               "--smtp-host", "localhost", "--smtp-port", str(smtp.port), "--smtp-security", "starttls",
               "--ca-file", str(dovecot.ca_file), "--oauth", "google",
               "--oauth-authorize-url", oauth.authorize_url, "--oauth-token-url", oauth.token_url, *extra)


def test_cli_signs_in_syncs_sends_and_keeps_the_refresh_token_only_in_the_keyring(
        oauth_cli, tmp_path, profile_dir, oauth, oauth_dovecot, oauth_smtp, user):
    _seed(oauth_dovecot, user, "Hello from the CLI")
    added = _cli_add(oauth_cli, user, oauth, oauth_dovecot, oauth_smtp)
    assert f"added account {user}" in added.stdout and "Google" in added.stdout
    assert "/authorize?" in added.stderr  # the URL is printed too, for a machine without a browser
    synced = oauth_cli("sync", "--account", user)
    assert "1 new" in synced.stdout
    body = tmp_path / "body.md"
    body.write_text("Sent over XOAUTH2.")
    sent = oauth_cli("send", "--account", user, "--to", "client@example.com", "--subject", "Signed in",
                     "--body-file", str(body))
    assert sent.stdout.startswith("sent"), sent.stdout + sent.stderr
    assert user in oauth_smtp.xoauth2_logins
    assert any(b"Subject: Signed in" in m for m in oauth_smtp.spooled())

    keyring = json.loads((tmp_path / "keyring.json").read_text())
    refresh_tokens = [v for k, v in keyring.items() if k.endswith(":" + REFRESH_KIND)]
    assert len(refresh_tokens) == 1 and refresh_tokens[0] in oauth.refresh_tokens_issued()
    secrets = [t.encode() for t in oauth.refresh_tokens_issued()]
    with sqlite3.connect(profile_dir / "liaison.sqlite3") as conn:  # settle the WAL into the file
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    for path in profile_dir.rglob("*"):
        if path.is_file():
            data = path.read_bytes()
            assert not any(s in data for s in secrets), f"a refresh token in {path}"
            assert b"at-" not in data or not any(t.encode() in data for t in oauth._access), path


def test_cli_revoked_grant_exits_3_with_one_sentence_then_sign_in_fixes_it(
        oauth_cli, tmp_path, oauth, oauth_dovecot, oauth_smtp, user):
    _cli_add(oauth_cli, user, oauth, oauth_dovecot, oauth_smtp)
    oauth.revoke(user)
    failed = oauth_cli("sync", "--account", user, check=False)
    assert failed.returncode == 3
    lines = failed.stderr.strip().splitlines()
    assert lines == [f"liaison: The sign-in for {user} has expired or was revoked; sign in again.",
                     f"Sign in again: liaison account sign-in {user}"]
    body = tmp_path / "body.md"
    body.write_text("y")
    sent = oauth_cli("send", "--account", user, "--to", "client@example.com", "--subject", "x",
                     "--body-file", str(body), check=False)
    assert sent.returncode == 3 and "account sign-in" in sent.stderr
    assert "signed in again" in oauth_cli("account", "sign-in", user).stdout
    assert oauth_cli("sync", "--account", user).returncode == 0
    listed = json.loads(oauth_cli("account", "list", "--json").stdout)
    assert listed["auth"] == "oauth2"
    oauth_cli("account", "remove", user)  # the refresh token goes with the account
    keyring = json.loads((tmp_path / "keyring.json").read_text())
    assert not [k for k in keyring if k.endswith(":" + REFRESH_KIND)]


def test_imap_oauthbearer_where_the_server_offers_only_that(oauth, oauth_dovecot, user, client_ids):
    from imapclient import IMAPClient

    from app.mail.accounts.oauth.credential import TokenCredential

    config = config_for(GOOGLE, oauth.authorize_url, oauth.token_url)
    tokens = browser_sign_in(config, _browser(oauth), ca_file=str(oauth.ca_file), timeout=30)
    client = IMAPClient("127.0.0.1", oauth_dovecot.port, ssl=False, timeout=30)
    offered = client.capabilities()
    assert b"AUTH=XOAUTH2" in offered and b"AUTH=OAUTHBEARER" in offered
    client.has_capability = lambda name: name != "AUTH=XOAUTH2" and name.encode() in offered
    TokenCredential(tokens.access_token).authenticate(client, user)
    assert client.select_folder("INBOX") is not None
    client.logout()


def test_cli_without_a_client_id_says_so_in_one_sentence(cli, machine_settings, user):
    result = cli("account", "add", "--email", "someone@gmail.com", "--oauth", "google", check=False)
    assert result.returncode == 2
    assert result.stderr.strip().splitlines()[-1] == ("liaison: Sign-in with Google is not set up on this computer: the setting "
                                     "oauth_client_id_google (a client id registered with Google) is empty; ask "
                                     "your IT department.")


def test_a_fresh_token_the_mailbox_still_refuses_is_said_as_such(store, oauth, oauth_dovecot, oauth_smtp, user,
                                                                 client_ids):
    """The person chose another account in the browser: the token is good, but not for this
    mailbox.  One refresh and retry, then a sentence about the sign-in (not about a password)."""
    config = config_for(GOOGLE, oauth.authorize_url, oauth.token_url)
    tokens = browser_sign_in(config, _browser(oauth), ca_file=str(oauth.ca_file), timeout=30)
    new = _new_account(user, oauth_dovecot, oauth_smtp)
    new.username = "somebody-else"
    account = add_oauth_account(store, new, config, tokens, check=False)
    with pytest.raises(AuthError) as raised:
        _sync(store, account)
    assert raised.value.code == "auth.oauth_refused" and "password" not in raised.value.message
