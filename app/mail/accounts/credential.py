"""An account's credential from the OS keyring (call it off the GUI thread: keyrings can block)."""

from __future__ import annotations

from app.errors import AuthError
from app.mail.imap.session import Credential, PasswordCredential
from app.secrets import SecretStore


def credential_for(account) -> Credential:
    """The account's password as a credential; ``AuthError`` (``missing``) when none is stored.

    An OAuth2 account (``auth_method == "oauth2"``) gets an
    :class:`~app.mail.accounts.oauth.credential.OAuthCredential` instead: its access token is
    fetched (refreshed with the keyring's refresh token if needed) when it logs in.

    The sentence names no command: the window asks for the password, the CLI adds its own
    hint line (``liaison account set-password NAME --password-stdin``).
    """
    if getattr(account, "auth_method", "password") == "oauth2":
        from app.mail.accounts.oauth.config import OAuthConfig
        from app.mail.accounts.oauth.credential import OAuthCredential
        from app.errors import oauth_missing

        if not account.oauth_config:
            raise oauth_missing(account.name, account.id)
        return OAuthCredential(account, OAuthConfig.from_json(account.oauth_config))
    password = SecretStore().get_password(account.uuid)
    if password is None:
        raise AuthError("No password is stored for {account}.", code="auth.no_password", account=account.name,
                        account_id=account.id, missing=True)
    return PasswordCredential(password)
