"""Access tokens in memory, refresh tokens in the keyring, refreshed 5 minutes before expiry.

**Where things are.**  The refresh token is a secret of kind ``oauth-refresh`` in the OS
keyring (:class:`app.secrets.SecretStore`, under the account's UUID); the access token lives
only in this process's memory (:data:`CACHE`) and is never written anywhere.  A provider that
rotates refresh tokens sends a new one with each refresh; it replaces the stored one at once.

**Threads.**  One lock per account: the IMAP and SMTP lanes of an account asking at the same
moment cause one refresh, not two (a rotating provider would revoke the loser's token).
Keyring and network calls happen on the caller's thread, which is never the GUI thread.
"""

from __future__ import annotations

import logging
import threading
import time
from typing import Callable

from app.errors import oauth_missing
from app.mail.accounts.oauth.config import OAuthConfig
from app.mail.accounts.oauth.token_client import Tokens, refresh
from app.secrets import SecretStore

log = logging.getLogger("liaison.oauth")

REFRESH_KIND = "oauth-refresh"
REFRESH_MARGIN_SECONDS = 300.0


class TokenCache:
    def __init__(self, clock: Callable[[], float] = time.time):
        self._clock = clock
        self._tokens: dict[str, Tokens] = {}
        self._locks: dict[str, threading.Lock] = {}
        self._guard = threading.Lock()

    def _lock(self, uuid: str) -> threading.Lock:
        with self._guard:
            return self._locks.setdefault(uuid, threading.Lock())

    def remember(self, account_uuid: str, tokens: Tokens) -> None:
        """Keep a fresh access token (from a sign-in) so the first login needs no refresh."""
        with self._lock(account_uuid):
            self._tokens[account_uuid] = Tokens(tokens.access_token, tokens.expires_at)

    def forget(self, account_uuid: str) -> None:
        with self._lock(account_uuid):
            self._tokens.pop(account_uuid, None)

    def access_token(self, account, config: OAuthConfig, secrets: SecretStore | None = None,
                     force_refresh: bool = False) -> str:
        """A token valid for at least 5 more minutes; refreshes through the token endpoint if not.

        Raises ``auth.oauth_missing`` when no refresh token is stored and ``auth.oauth_revoked``
        when the provider refuses it (both :class:`~app.errors.OAuthSignInNeeded`).
        """
        with self._lock(account.uuid):
            cached = self._tokens.get(account.uuid)
            if (cached is not None and not force_refresh
                    and cached.expires_at - REFRESH_MARGIN_SECONDS > self._clock()):
                return cached.access_token
            secrets = secrets or SecretStore()
            stored = secrets.get_password(account.uuid, REFRESH_KIND)
            if not stored:
                raise oauth_missing(account.name, account.id)
            try:
                fresh = refresh(config, stored, account.ca_file, account.name)
            except Exception as exc:
                if getattr(exc, "code", "") == "auth.oauth_revoked":
                    exc.params["account_id"] = account.id
                    self._tokens.pop(account.uuid, None)
                raise
            if fresh.refresh_token and fresh.refresh_token != stored:
                secrets.set_password(account.uuid, fresh.refresh_token, REFRESH_KIND)
            self._tokens[account.uuid] = Tokens(fresh.access_token, fresh.expires_at)
            log.info("access token of %s refreshed", account.name)
            return fresh.access_token


CACHE = TokenCache()
