"""OAuth2 sign-in for mail accounts (no Qt): PKCE, the loopback redirect, tokens, XOAUTH2.

* :mod:`.pkce` — the code verifier and its S256 challenge (RFC 7636), and the ``state``.
* :mod:`.config` — the providers that offer it (Google, Microsoft) and an account's
  :class:`~.config.OAuthConfig` (endpoints, client id, scopes: stored in the database, never a token).
* :mod:`.loopback` — the one-request redirect listener on 127.0.0.1 (RFC 8252 §7.3).
* :mod:`.token_client` — the token endpoint over HTTPS with TLS verified (code exchange, refresh).
* :mod:`.flow` — the whole browser sign-in: URL, browser, redirect, exchange.
* :mod:`.token_cache` — access tokens in memory only, refreshed 5 minutes before they expire;
  refresh tokens in the keyring (secret kind ``oauth-refresh``).
* :mod:`.credential` — ``AUTHENTICATE XOAUTH2`` / ``OAUTHBEARER`` for IMAP, ``AUTH XOAUTH2`` for SMTP.
"""
