"""PKCE (RFC 7636, method S256) and the ``state`` value of an authorization request."""

from __future__ import annotations

import base64
import hashlib
import secrets


def _b64url(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode("ascii")


def new_verifier() -> str:
    """A code verifier: 43 characters of the unreserved alphabet (32 random bytes)."""
    return _b64url(secrets.token_bytes(32))


def challenge(verifier: str) -> str:
    """``BASE64URL(SHA256(verifier))`` without padding (RFC 7636 §4.2)."""
    return _b64url(hashlib.sha256(verifier.encode("ascii")).digest())


def new_state() -> str:
    """An unguessable value tying the redirect to this request (CSRF protection)."""
    return _b64url(secrets.token_bytes(24))
