"""The small error taxonomy every layer speaks (DESIGN.md practice 10).

Errors are classified where they arise (IMAP, SMTP, SQLite, keyring) into one of these
classes; the CLI and the GUI each have a single presenter that turns them into one sentence.
Anything that is *not* a ``LiaisonError`` is a bug in Liaison: it is logged with its
traceback and reported as an internal error.
"""

from __future__ import annotations


class LiaisonError(Exception):
    """An expected failure with a message meant for the user, shown as it is."""

    exit_code = 1

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message

    def __str__(self) -> str:
        return self.message


class UserFacingError(LiaisonError):
    """Bad input or a request that cannot be done (unknown account, bad option...)."""

    exit_code = 2


class InvalidValue(UserFacingError):
    """A value a record or a message cannot hold, with the reason in words."""


class Cancelled(LiaisonError):
    """The user stopped the operation; nothing to report."""

    exit_code = 130


class AuthError(LiaisonError):
    """The server refused the credentials: ask for the password again.

    ``server_text`` keeps the server's own words, which tell "wrong password" apart from
    "IMAP is switched off" or "an app password is required" for the setup dialog.
    """

    exit_code = 3

    def __init__(self, message: str, server_text: str = ""):
        super().__init__(message)
        self.server_text = server_text


class NetworkError(LiaisonError):
    """The server could not be reached, or the connection dropped."""

    exit_code = 4


class TlsError(NetworkError):
    """TLS could not be established or the certificate could not be verified."""

    exit_code = 5


class ServerError(LiaisonError):
    """The server answered, but refused or failed the command."""

    exit_code = 6


class KeyringUnavailable(LiaisonError):
    """No secure password store is usable on this machine."""

    exit_code = 7


class StoreError(LiaisonError):
    """The local database cannot be used (too new, corrupt, disk full...)."""

    exit_code = 8
