"""Password hashing with Argon2id (argon2-cffi's defaults: RFC 9106 low-memory profile)."""

from __future__ import annotations

import functools

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

_hasher = PasswordHasher()
MIN_LENGTH = 8


@functools.cache
def _dummy() -> str:
    """Verified against when the user does not exist, so an unknown address takes as long as
    a wrong password and timing does not tell which accounts exist (made on first use: the
    admin command line never needs it)."""
    return _hasher.hash("not a password of anyone")


def hash_password(password: str) -> str:
    return _hasher.hash(password)


def verify_password(password_hash: str | None, password: str) -> bool:
    try:
        return _hasher.verify(password_hash or _dummy(), password) and password_hash is not None
    except (VerificationError, InvalidHashError):
        return False
