"""An account's credential from the OS keyring (call it off the GUI thread: keyrings can block)."""

from __future__ import annotations

from app.errors import AuthError
from app.mail.imap.session import PasswordCredential
from app.secrets import SecretStore


def credential_for(account) -> PasswordCredential:
    """The account's password as a credential; ``AuthError`` (``missing``) when none is stored.

    The sentence names no command: the window asks for the password, the CLI adds its own
    hint line (``liaison account set-password NAME --password-stdin``).
    """
    password = SecretStore().get_password(account.uuid)
    if password is None:
        raise AuthError("No password is stored for {account}.", code="auth.no_password", account=account.name,
                        account_id=account.id, missing=True)
    return PasswordCredential(password)
