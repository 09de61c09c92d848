"""Adding an account by OAuth2 sign-in, and signing an existing one in again (no Qt).

Both block on the browser and the network: the CLI calls them directly, the window from a
worker thread with a ``cancelled`` event.  The refresh token goes to the keyring only
(:data:`~.token_cache.REFRESH_KIND`); the database gets the account's
:class:`~.config.OAuthConfig`, never a token.
"""

from __future__ import annotations

import logging
import threading
from typing import Callable

from app.errors import ServerError
from app.mail.accounts.oauth.config import OAuthConfig, OAuthProvider, config_for
from app.mail.accounts.oauth.credential import TokenCredential
from app.mail.accounts.oauth.flow import sign_in
from app.mail.accounts.oauth.loopback import DEFAULT_TIMEOUT
from app.mail.accounts.oauth.token_cache import CACHE, REFRESH_KIND
from app.mail.accounts.oauth.token_client import Tokens
from app.mail.imap.session import close_quietly, imap_settings, open_session
from app.mail.tls_trust import checked_ca_file
from app.secrets import SecretStore
from app.settings.guards import require_encryption
from app.store.accounts import NewAccount, create_account, remove_account
from app.store.database import Store

log = logging.getLogger("liaison.setup")
LOGIN_TEST_TIMEOUT = 30.0


def browser_sign_in(config: OAuthConfig, open_browser: Callable[[str], object], *, login_hint: str = "",
                    ca_file: str | None = None, timeout: float = DEFAULT_TIMEOUT,
                    cancelled: threading.Event | None = None, account: str = "") -> Tokens:
    """The browser sign-in; a provider that issues no refresh token is an error (we could not
    stay signed in)."""
    tokens = sign_in(config, open_browser, login_hint=login_hint, ca_file=ca_file, timeout=timeout,
                     cancelled=cancelled, account=account)
    if not tokens.refresh_token:
        raise ServerError("The sign-in server gave no refresh token, so Liaison could not stay signed in; "
                          "ask your IT department whether offline access is allowed.",
                          code="auth.oauth_no_refresh")
    return tokens


def new_config(provider: OAuthProvider, authorize_url: str | None = None, token_url: str | None = None) -> OAuthConfig:
    return config_for(provider, authorize_url, token_url)


def add_oauth_account(store: Store, new: NewAccount, config: OAuthConfig, tokens: Tokens, check: bool = True,
                      secrets: SecretStore | None = None):
    """Test the login with the new access token (unless ``check`` is off), then save the account
    (auth method ``oauth2``, its configuration) and its refresh token together."""
    new.validate()
    require_encryption(new.imap_security, new.imap_host)
    require_encryption(new.smtp_security, new.smtp_host)
    new.ca_file = checked_ca_file(new.ca_file)
    secrets = secrets or SecretStore()
    secrets.ensure_available()
    if check:
        close_quietly(open_session(imap_settings(new), TokenCredential(tokens.access_token),
                                   timeout=LOGIN_TEST_TIMEOUT))
    new.auth_method, new.oauth_config = "oauth2", config.to_json()
    account = create_account(store, new)
    try:
        secrets.set_password(account.uuid, tokens.refresh_token or "", REFRESH_KIND)
    except BaseException:
        remove_account(store, account.name)  # no account without its sign-in
        raise
    CACHE.remember(account.uuid, tokens)
    log.info("added account %s (OAuth2, %s)", account.name, config.provider)
    return account


def sign_in_again(account, open_browser: Callable[[str], object], *, timeout: float = DEFAULT_TIMEOUT,
                  cancelled: threading.Event | None = None, secrets: SecretStore | None = None) -> Tokens:
    """Re-authorise an OAuth2 account (after ``auth.oauth_revoked``): a new refresh token in the
    keyring and a fresh access token in memory."""
    config = OAuthConfig.from_json(account.oauth_config)
    secrets = secrets or SecretStore()
    secrets.ensure_available()
    tokens = browser_sign_in(config, open_browser, login_hint=account.email, ca_file=account.ca_file,
                             timeout=timeout, cancelled=cancelled, account=account.name)
    secrets.set_password(account.uuid, tokens.refresh_token or "", REFRESH_KIND)
    CACHE.remember(account.uuid, tokens)
    log.info("signed in again: %s", account.name)
    return tokens
