"""An account's credential from the OS keyring (call it off the GUI thread: keyrings can block)."""

from __future__ import annotations

from app.errors import AuthError
from app.mail.imap.session import PasswordCredential
from app.secrets import SecretStore


def credential_for(account) -> PasswordCredential:
    password = SecretStore().get_password(account.uuid)
    if password is None:
        raise AuthError(f"No password is stored for {account.name}; run: "
                        f"liaison account set-password {account.name} --password-stdin")
    return PasswordCredential(password)
