"""Proving who we are with an OAuth2 access token: IMAP ``AUTHENTICATE XOAUTH2`` (or
``OAUTHBEARER`` where the server offers only that, RFC 7628) and SMTP ``AUTH XOAUTH2``.

The token comes from :data:`~.token_cache.CACHE`; when the server refuses it (revoked early,
clock skew), the cached token is dropped, refreshed once and tried again on the same
connection: a refresh that fails then says "sign in again".
"""

from __future__ import annotations

import imaplib
import smtplib

from app.errors import AuthError
from app.mail.accounts.oauth.config import OAuthConfig
from app.mail.accounts.oauth.token_cache import CACHE, TokenCache


# What a refused login raises: imapclient's LoginError is an imaplib.IMAP4.error.
_REFUSED = (smtplib.SMTPAuthenticationError, imaplib.IMAP4.error)


def xoauth2_string(user: str, token: str) -> str:
    return f"user={user}\x01auth=Bearer {token}\x01\x01"


def oauthbearer_string(user: str, token: str) -> str:
    identity = user.replace("=", "=3D").replace(",", "=2C")
    return f"n,a={identity},\x01auth=Bearer {token}\x01\x01"


class OAuthCredential:
    """The :class:`~app.mail.imap.session.Credential` of an OAuth2 account."""

    def __init__(self, account, config: OAuthConfig, cache: TokenCache = CACHE):
        self.account = account
        self.config = config
        self.cache = cache

    def __repr__(self) -> str:
        return f"OAuthCredential({self.account.name})"

    def for_another_process(self, force_refresh: bool = False) -> "TokenCredential":
        """The current access token alone (refreshed first if due, or when ``force_refresh``),
        for a pass in the sync process (app.services.pass_process): the keyring and the
        token cache stay in this one."""
        return TokenCredential(self.cache.access_token(self.account, self.config, force_refresh=force_refresh))

    def authenticate(self, client, username: str) -> None:
        token = self.cache.access_token(self.account, self.config)
        try:
            self._authenticate(client, username, token)
            return
        except _REFUSED as exc:
            if isinstance(exc, imaplib.IMAP4.abort):  # the connection dropped: not a refused token
                raise
        token = self.cache.access_token(self.account, self.config, force_refresh=True)
        try:
            self._authenticate(client, username, token)
        except _REFUSED as again:
            if isinstance(again, imaplib.IMAP4.abort):
                raise
            # A token just issued and still refused: the mailbox does not take this sign-in
            # (IMAP off, the wrong account chosen in the browser), not a password problem.
            raise AuthError("The server refused the sign-in of {account} even with a new token ({reply}); "
                            "check that IMAP/SMTP is allowed for the mailbox, then sign in again.",
                            _reply(again), code="auth.oauth_refused", account=self.account.name,
                            account_id=self.account.id) from None

    def _authenticate(self, client, username: str, token: str) -> None:
        if isinstance(client, smtplib.SMTP):
            _smtp_xoauth2(client, username, token)
        else:
            _imap_oauth(client, username, token)


def _reply(exc: BaseException) -> str:
    if isinstance(exc, smtplib.SMTPResponseException):
        text = exc.smtp_error.decode("utf-8", "replace") if isinstance(exc.smtp_error, bytes) else str(exc.smtp_error)
    else:
        text = str(exc)
    return " ".join(text.split())[:300]


def _imap_oauth(client, username: str, token: str) -> None:
    if not client.has_capability("AUTH=XOAUTH2") and client.has_capability("AUTH=OAUTHBEARER"):
        mechanism, payload = "OAUTHBEARER", oauthbearer_string(username, token)
    else:
        mechanism, payload = "XOAUTH2", xoauth2_string(username, token)
    sent = []

    def answer(_challenge: bytes) -> str:
        # The first continuation asks for the token; a second one carries the server's JSON
        # error, to which the client must answer with an empty line (RFC 7628 §3.2.3).
        sent.append(True)
        return payload if len(sent) == 1 else ""

    from imapclient.exceptions import IMAPClientError

    try:
        client._command_and_check("authenticate", mechanism, answer)
    except IMAPClientError as exc:
        from imapclient.exceptions import LoginError

        raise LoginError(str(exc)) from None


def _smtp_xoauth2(client: smtplib.SMTP, username: str, token: str) -> None:
    payload = xoauth2_string(username, token)

    def answer(challenge: bytes | None = None) -> str:
        return payload if challenge is None else ""  # after an error challenge: an empty line

    client.auth("XOAUTH2", answer, initial_response_ok=True)


class TokenCredential:
    """One given access token (the login test right after a sign-in, before the account exists)."""

    def __init__(self, token: str):
        self._token = token

    def __repr__(self) -> str:
        return "TokenCredential(***)"

    def authenticate(self, client, username: str) -> None:
        if isinstance(client, smtplib.SMTP):
            _smtp_xoauth2(client, username, self._token)
        else:
            _imap_oauth(client, username, self._token)
