"""The unlocked secrets-file key, held in memory for this process's session (no Qt).

Unlocking derives the key once (Argon2id, ~0.3 s: never on the GUI thread); every later read
and write of the secrets file uses the held key, so the primary password is asked once per
session, the way Thunderbird's is.  The password itself is never kept, only the derived key.
"""

from __future__ import annotations

import threading

from app.errors import SecretsLocked
from app.vault import sealed
from app.vault.secrets_file import LOCKED, NO_PRIMARY_PASSWORD, SecretsFile

_lock = threading.Lock()
_key: sealed.Key | None = None


def unlock(password: str, file: SecretsFile | None = None) -> None:
    """Check ``password`` against the file and keep its key (``secrets.wrong_password`` if wrong)."""
    key = (file or SecretsFile()).unlock(password)
    _hold(key)


def create(password: str, file: SecretsFile | None = None) -> None:
    """Make the secrets file with this primary password, and keep it unlocked."""
    _hold((file or SecretsFile()).create(password))


def change_password(old_password: str, new_password: str, file: SecretsFile | None = None) -> None:
    _hold((file or SecretsFile()).change_password(old_password, new_password))


def _hold(key: sealed.Key) -> None:
    global _key
    with _lock:
        _key = key


def lock() -> None:
    """Forget the key: the next use of a secret needs the primary password again."""
    _hold(None)  # type: ignore[arg-type]


def key() -> sealed.Key:
    """The held key, or :class:`SecretsLocked` saying what is missing."""
    with _lock:
        held = _key
    if held is None:
        file = SecretsFile()
        if not file.exists():
            raise SecretsLocked(NO_PRIMARY_PASSWORD, code="secrets.no_primary_password")
        raise SecretsLocked(LOCKED, code="secrets.locked")
    return held


def is_unlocked() -> bool:
    with _lock:
        return _key is not None

