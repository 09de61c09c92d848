"""The browser sign-in: authorization code with PKCE through the system browser (RFC 8252).

:func:`sign_in` builds the authorization URL (S256 challenge, ``state``, the loopback
``redirect_uri``, ``login_hint``), hands it to ``open_browser`` (the CLI passes
:func:`webbrowser.open`, the window ``QDesktopServices``), waits for the redirect and exchanges
the code.  It blocks for as long as the person takes in the browser: call it off the GUI
thread, with a ``cancelled`` event for the Cancel button.
"""

from __future__ import annotations

import threading
import urllib.parse
from typing import Callable

from app.mail.accounts.oauth import pkce
from app.mail.accounts.oauth.config import OAuthConfig
from app.mail.accounts.oauth.loopback import DEFAULT_TIMEOUT, LoopbackRedirect
from app.mail.accounts.oauth.token_client import Tokens, exchange_code


def authorization_url(config: OAuthConfig, redirect_uri: str, state: str, verifier: str,
                      login_hint: str = "") -> str:
    params = [("response_type", "code"), ("client_id", config.client_id), ("redirect_uri", redirect_uri),
              ("scope", " ".join(config.scopes)), ("state", state),
              ("code_challenge", pkce.challenge(verifier)), ("code_challenge_method", "S256")]
    if login_hint:
        params.append(("login_hint", login_hint))
    params.extend(config.extra_params)
    separator = "&" if urllib.parse.urlsplit(config.authorize_url).query else "?"
    return config.authorize_url + separator + urllib.parse.urlencode(params, quote_via=urllib.parse.quote)


def sign_in(config: OAuthConfig, open_browser: Callable[[str], object], *, login_hint: str = "",
            ca_file: str | None = None, timeout: float = DEFAULT_TIMEOUT,
            cancelled: threading.Event | None = None, account: str = "") -> Tokens:
    """Run one browser sign-in and return its tokens (the refresh token among them)."""
    verifier, state = pkce.new_verifier(), pkce.new_state()
    with LoopbackRedirect(state) as redirect:
        url = authorization_url(config, redirect.redirect_uri, state, verifier, login_hint)
        open_browser(url)
        code = redirect.wait(timeout, cancelled)
        return exchange_code(config, code, verifier, redirect.redirect_uri, ca_file, account)
