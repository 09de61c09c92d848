"""The token endpoint: exchanging the authorization code, and refreshing (RFC 6749 §4.1.3, §6).

HTTPS only, with the certificate verified (the standard library's urllib, as the team client
uses; an account's CA file is trusted as well, for a company's own identity provider).  An
``invalid_grant`` answer to a refresh means the grant was revoked or expired:
:func:`app.errors.oauth_revoked` ("sign in again").  Tokens never reach a log line.
"""

from __future__ import annotations

import json
import socket
import ssl
import time
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass

from app.errors import AuthError, NetworkError, ServerError, TlsError, UserFacingError, oauth_revoked
from app.mail.accounts.oauth.config import OAuthConfig
from app.mail.tls_trust import trust_context

TIMEOUT_SECONDS = 30
DEFAULT_LIFETIME = 3600  # when a provider does not say how long an access token lives


@dataclass(frozen=True)
class Tokens:
    access_token: str
    expires_at: float  # time.time() seconds
    refresh_token: str | None = None

    def __repr__(self) -> str:  # never let a token reach a log or a traceback
        return f"Tokens(expires_at={self.expires_at:.0f})"


def _check_https(url: str) -> None:
    parts = urllib.parse.urlsplit(url)
    if parts.scheme != "https" or not parts.hostname:
        raise UserFacingError("The sign-in server address {url} must start with https://.", code="auth.oauth_https",
                              url=url)


def _post(config: OAuthConfig, form: dict[str, str], ca_file: str | None, account: str) -> dict:
    _check_https(config.token_url)
    body = urllib.parse.urlencode({k: v for k, v in form.items() if v}).encode()
    request = urllib.request.Request(config.token_url, data=body, method="POST", headers={
        "Content-Type": "application/x-www-form-urlencoded", "Accept": "application/json"})
    host = urllib.parse.urlsplit(config.token_url).hostname
    try:
        with urllib.request.urlopen(request, timeout=TIMEOUT_SECONDS, context=trust_context(ca_file)) as response:
            return json.loads(response.read() or b"{}")
    except urllib.error.HTTPError as exc:
        raise _refusal(exc, form.get("grant_type", ""), account) from None
    except urllib.error.URLError as exc:
        if isinstance(exc.reason, ssl.SSLError):
            raise TlsError("The certificate of the sign-in server {host} could not be verified ({reply}).",
                           code="auth.oauth_tls", host=host, reply=str(exc.reason)) from None
        raise NetworkError("The sign-in server {host} cannot be reached ({reply}).", code="auth.oauth_offline",
                           host=host, reply=str(exc.reason)) from None
    except (socket.timeout, TimeoutError, ConnectionError) as exc:
        raise NetworkError("The sign-in server {host} cannot be reached ({reply}).", code="auth.oauth_offline",
                           host=host, reply=str(exc) or type(exc).__name__) from None
    except ValueError:
        raise ServerError("The sign-in server {host} answered with something that is not JSON.",
                          code="auth.oauth_bad_answer", host=host) from None


def _refusal(exc: urllib.error.HTTPError, grant_type: str, account: str):
    try:
        data = json.loads(exc.read() or b"{}")
    except ValueError:
        data = {}
    error = str(data.get("error") or exc.code)
    reply = " ".join(str(v) for v in (error, data.get("error_description")) if v)
    if error == "invalid_grant":
        if grant_type == "refresh_token":
            return oauth_revoked(account, reply=reply)
        return AuthError("The sign-in server did not accept the sign-in ({reply}); start it again.", reply,
                         code="auth.oauth_code_refused")
    if error in ("invalid_client", "unauthorized_client"):
        return AuthError("The sign-in server does not accept this computer's client id ({reply}); ask your IT "
                         "department to check it.", reply, code="auth.oauth_client")
    return ServerError("The sign-in server refused the request ({reply}).", code="auth.oauth_refused", reply=reply)


def _tokens(data: dict) -> Tokens:
    token = data.get("access_token")
    if not token:
        raise ServerError("The sign-in server answered without an access token.", code="auth.oauth_bad_answer")
    try:
        lifetime = float(data.get("expires_in") or DEFAULT_LIFETIME)
    except (TypeError, ValueError):
        lifetime = DEFAULT_LIFETIME
    return Tokens(str(token), time.time() + lifetime, data.get("refresh_token") or None)


def exchange_code(config: OAuthConfig, code: str, verifier: str, redirect_uri: str,
                  ca_file: str | None = None, account: str = "") -> Tokens:
    """The authorization code (with its PKCE verifier) for tokens."""
    return _tokens(_post(config, {"grant_type": "authorization_code", "code": code, "redirect_uri": redirect_uri,
                                  "client_id": config.client_id, "client_secret": config.client_secret,
                                  "code_verifier": verifier}, ca_file, account))


def refresh(config: OAuthConfig, refresh_token: str, ca_file: str | None = None, account: str = "") -> Tokens:
    """A new access token (and perhaps a new refresh token: a rotating provider sends one)."""
    return _tokens(_post(config, {"grant_type": "refresh_token", "refresh_token": refresh_token,
                                  "client_id": config.client_id, "client_secret": config.client_secret,
                                  "scope": " ".join(config.scopes)}, ca_file, account))
