"""The secrets file's format: a small JSON document sealed with a key derived from a password.

Security design (the Thunderbird primary-password model, with a modern KDF and cipher):

* The key is derived from the primary password with **Argon2id** (argon2-cffi's low-level
  ``hash_secret_raw``) over a random 16-byte salt: t=3 passes, m=64 MiB, p=1 — about 0.3 s,
  which is what makes guessing slow.  The parameters are written in the header, so later
  versions can raise them and still open older files.
* The entries (one JSON object) are encrypted with **AES-256-GCM** under a fresh random
  12-byte nonce on every write; the header is the GCM associated data, so it cannot be
  edited without the tag failing.
* A **verifier** (a known constant sealed under the same key, with its own nonce) tells a
  wrong password apart from a damaged file; a SHA-256 checksum over everything tells random
  damage in the header apart from a wrong password.  Neither reveals anything about the key.

Nothing here is ever written in plaintext, and nothing here logs a secret.
"""

from __future__ import annotations

import base64
import hashlib
import json
import os
from dataclasses import dataclass

from app.errors import SecretsLocked

FORMAT = "liaison-secrets"
VERSION = 1
SALT_BYTES = 16
NONCE_BYTES = 12
KEY_BYTES = 32
# Argon2id cost: time (passes), memory (KiB), parallelism.  Raise for new files only.
DEFAULT_KDF = {"name": "argon2id", "t": 3, "m": 64 * 1024, "p": 1}
_VERIFIER = b"Liaison secrets file: the primary password is right"

WRONG_PASSWORD = "That primary password is not right."
DAMAGED = "The secrets file {path} is damaged and cannot be read; restore it from a backup or remove it " \
          "and enter your passwords again."


@dataclass(frozen=True)
class Key:
    """A derived key and the header values it was derived with (kept for re-sealing)."""

    key: bytes
    salt: bytes
    kdf: dict

    def __repr__(self) -> str:  # never show the key in a log or a traceback
        return f"Key(kdf={self.kdf!r})"


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def _unb64(text: str) -> bytes:
    return base64.b64decode(text.encode("ascii"), validate=True)


def derive(password: str, salt: bytes | None = None, kdf: dict | None = None) -> Key:
    """The key for ``password`` (slow on purpose: call it off the GUI thread)."""
    from argon2.low_level import Type, hash_secret_raw

    kdf = dict(kdf or DEFAULT_KDF)
    if kdf.get("name") != "argon2id":
        raise ValueError(f"unknown key derivation {kdf.get('name')!r}")
    salt = salt if salt is not None else os.urandom(SALT_BYTES)
    key = hash_secret_raw(password.encode("utf-8"), salt, time_cost=int(kdf["t"]), memory_cost=int(kdf["m"]),
                          parallelism=int(kdf["p"]), hash_len=KEY_BYTES, type=Type.ID)
    return Key(key, salt, kdf)


def _header(key: Key) -> dict:
    return {"format": FORMAT, "version": VERSION, "kdf": {**key.kdf, "salt": _b64(key.salt)}}


def _aad(header: dict) -> bytes:
    return json.dumps(header, sort_keys=True, separators=(",", ":")).encode("utf-8")


def _checksum(document: dict) -> str:
    body = {name: value for name, value in document.items() if name != "sha256"}
    return hashlib.sha256(json.dumps(body, sort_keys=True, separators=(",", ":")).encode("utf-8")).hexdigest()


def seal(entries: dict[str, str], key: Key) -> bytes:
    """The file's bytes holding ``entries``, encrypted under ``key``."""
    from cryptography.hazmat.primitives.ciphers.aead import AESGCM

    header = _header(key)
    aad = _aad(header)
    cipher = AESGCM(key.key)
    check_nonce, nonce = os.urandom(NONCE_BYTES), os.urandom(NONCE_BYTES)
    plain = json.dumps(entries, sort_keys=True).encode("utf-8")
    document = {**header,
                "verifier": _b64(check_nonce + cipher.encrypt(check_nonce, _VERIFIER, aad)),
                "nonce": _b64(nonce),
                "data": _b64(cipher.encrypt(nonce, plain, aad))}
    document["sha256"] = _checksum(document)
    return (json.dumps(document, indent=1, sort_keys=True) + "\n").encode("ascii")


@dataclass(frozen=True)
class Parsed:
    header: dict
    salt: bytes
    kdf: dict
    verifier: bytes
    nonce: bytes
    data: bytes


def parse(raw: bytes, path: str = "") -> Parsed:
    """The file's parts; :class:`SecretsLocked` (``secrets.damaged``) if it is not one intact."""
    damaged = SecretsLocked(DAMAGED, code="secrets.damaged", path=path)
    try:
        document = json.loads(raw.decode("ascii"))
        if not isinstance(document, dict) or document.get("format") != FORMAT:
            raise damaged
        if document.get("sha256") != _checksum(document):
            raise damaged
        if document.get("version") != VERSION:
            raise SecretsLocked("The secrets file {path} was written by a newer Liaison; update Liaison to read "
                                "it.", code="secrets.too_new", path=path)
        kdf = dict(document["kdf"])
        salt = _unb64(kdf.pop("salt"))
        if not _sane(kdf) or len(salt) < 8:  # never let the file ask for 1 TiB of memory
            raise damaged
        header = {"format": FORMAT, "version": VERSION, "kdf": {**kdf, "salt": _b64(salt)}}
        return Parsed(header, salt, kdf, _unb64(document["verifier"]), _unb64(document["nonce"]),
                      _unb64(document["data"]))
    except SecretsLocked:
        raise
    except (ValueError, KeyError, TypeError, UnicodeDecodeError):
        raise damaged from None


def _sane(kdf: dict) -> bool:
    """Parameters Argon2id accepts and a desktop can afford (up to 20 passes, 4 GiB, 16 lanes)."""
    try:
        return (kdf.get("name") == "argon2id" and set(kdf) == {"name", "t", "m", "p"}
                and all(type(kdf[k]) is int for k in ("t", "m", "p"))
                and 1 <= kdf["t"] <= 20 and 1 <= kdf["p"] <= 16 and 8 * kdf["p"] <= kdf["m"] <= 4 * 1024 * 1024)
    except TypeError:
        return False


def key_for(parsed: Parsed, password: str) -> Key:
    """Derive the key for ``password`` and check it against the file's verifier."""
    key = derive(password, parsed.salt, parsed.kdf)
    if not verifies(parsed, key):
        raise SecretsLocked(WRONG_PASSWORD, code="secrets.wrong_password")
    return key


def verifies(parsed: Parsed, key: Key) -> bool:
    """Whether ``key`` is the key of this file (same salt and parameters, right password)."""
    from cryptography.exceptions import InvalidTag
    from cryptography.hazmat.primitives.ciphers.aead import AESGCM

    if key.salt != parsed.salt or key.kdf != parsed.kdf:
        return False
    try:
        return AESGCM(key.key).decrypt(parsed.verifier[:NONCE_BYTES], parsed.verifier[NONCE_BYTES:],
                                       _aad(parsed.header)) == _VERIFIER
    except InvalidTag:
        return False


def open_sealed(parsed: Parsed, key: Key, path: str = "") -> dict[str, str]:
    """The entries; the key must have passed :func:`verifies`."""
    from cryptography.exceptions import InvalidTag
    from cryptography.hazmat.primitives.ciphers.aead import AESGCM

    try:
        plain = AESGCM(key.key).decrypt(parsed.nonce, parsed.data, _aad(parsed.header))
        entries = json.loads(plain.decode("utf-8"))
    except (InvalidTag, ValueError, UnicodeDecodeError):
        raise SecretsLocked(DAMAGED, code="secrets.damaged", path=path) from None
    if not isinstance(entries, dict):
        raise SecretsLocked(DAMAGED, code="secrets.damaged", path=path)
    return {str(name): str(value) for name, value in entries.items()}
