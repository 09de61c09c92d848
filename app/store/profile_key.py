"""The encryption key of a profile's database, kept in the OS keyring.

* The key is 32 random bytes (:func:`secrets.token_bytes`), stored by
  :class:`app.secrets.SecretStore` as hex under the kind ``database-key`` and a random key id;
  it is never written below the profile.
* The profile holds a file ``database-key-id`` naming that id.  Its presence is what makes a
  profile *encrypted*: a profile with the file and no key in the keyring is refused with one
  sentence (:class:`ProfileKeyMissing`), never mistaken for a damaged plain database.
* A remote wipe (team revocation) calls :func:`forget_key` with ``wiped=True``: the key leaves
  the keyring, so nothing left on disk can be read; the id file stays and a ``wiped`` file
  (the time only, nothing of the profile's contents) is written, so opening says why.

Whether a profile *should* be encrypted is :func:`app.profile.encryption_wanted`.
"""

from __future__ import annotations

import os
import secrets
import threading
import time
import uuid
from pathlib import Path

from app.errors import StoreError

KEY_KIND = "database-key"
KEY_ID_FILE = "database-key-id"
WIPED_FILE = "wiped"

_cache: dict[Path, bytes] = {}
_cache_lock = threading.Lock()


class ProfileKeyMissing(StoreError):
    """The profile is encrypted and its key is not in this keyring (wiped, or another machine)."""


KEY_MISSING = ("The encryption key of this profile is not in the keyring or the secrets file, so {profile} "
               "cannot be opened.")
WIPED = ("This profile was wiped on {when} when the team server revoked this laptop, so {profile} cannot be "
         "opened; move that folder away to start again.")


def _id_file(root: Path) -> Path:
    return Path(root) / KEY_ID_FILE


def is_encrypted(root: Path) -> bool:
    """The profile at ``root`` is (or is being made) an encrypted one."""
    return _id_file(root).is_file()


def key_id(root: Path) -> str | None:
    try:
        text = _id_file(root).read_text(encoding="ascii").strip()
    except (FileNotFoundError, UnicodeDecodeError):
        return None
    return text or None


# The secret store (app.secrets.SecretStore) registers itself here when it is imported: the
# store package cannot import it, as app.secrets reads a setting and settings read the store
# (tests/unit/test_import_graph.py).  app.profile, the CLI's profile command and repair import
# app.secrets before they ask for a key.
_secret_store_factory = None


def use_secret_store(factory) -> None:
    """Where keys are kept: ``factory()`` gives an object with set/get/delete_password."""
    global _secret_store_factory
    _secret_store_factory = factory


def _secrets():
    if _secret_store_factory is None:
        raise RuntimeError("app.secrets must be imported before a profile's key is asked for")
    return _secret_store_factory()


def create_key(root: Path) -> bytes:
    """A new key for the profile at ``root``: into the keyring first, then the id file (written
    atomically), so a crash between the two leaves at worst an unused keyring entry."""
    root = Path(root)
    existing = key_id(root)
    if existing is not None:
        return key_for(root)
    key = secrets.token_bytes(32)
    new_id = str(uuid.uuid4())
    _secrets().set_password(new_id, key.hex(), kind=KEY_KIND)
    partial = root / (KEY_ID_FILE + ".partial")
    partial.write_text(new_id + "\n", encoding="ascii")
    os.replace(partial, _id_file(root))
    with _cache_lock:
        _cache[root.resolve()] = key
    return key


def key_for(root: Path) -> bytes | None:
    """The key of the profile at ``root``; None for a plain profile; :class:`ProfileKeyMissing`
    when the profile is encrypted and the keyring has no key for it."""
    root = Path(root).resolve()
    with _cache_lock:
        cached = _cache.get(root)
    if cached is not None and is_encrypted(root):
        return cached
    name = key_id(root)
    if name is None:
        return None
    text = _secrets().get_password(name, kind=KEY_KIND)
    try:
        key = bytes.fromhex(text or "")
    except ValueError:
        key = b""
    if len(key) != 32:
        wiped = root / WIPED_FILE
        if wiped.exists():
            raise ProfileKeyMissing(WIPED, code="profile.wiped", profile=str(root),
                                    when=wiped.read_text(encoding="ascii", errors="replace").strip())
        raise ProfileKeyMissing(KEY_MISSING, code="profile.key_missing", profile=str(root))
    with _cache_lock:
        _cache[root] = key
    return key


def key_for_database(database: Path) -> bytes | None:
    """:func:`key_for` the profile whose database file is ``database``."""
    return key_for(Path(database).parent)


def remember(root: Path, key: bytes) -> None:
    """Keep ``key`` for the profile at ``root`` in this process (after a conversion)."""
    with _cache_lock:
        _cache[Path(root).resolve()] = key


def forget_key(root: Path, wiped: bool = False) -> None:
    """Remove the key from the keyring (and this process): the database can no longer be read.
    ``wiped``: a remote wipe, recorded (its time only) so that opening the profile says so."""
    root = Path(root).resolve()
    if wiped:
        (root / WIPED_FILE).write_text(time.strftime("%Y-%m-%d %H:%M") + "\n", encoding="ascii")
    with _cache_lock:
        _cache.pop(root, None)
    name = key_id(root)
    if name is not None:
        _secrets().delete_password(name, kind=KEY_KIND)


def clear_cache() -> None:
    """Forget the keys this process has read (tests; after a keyring change)."""
    with _cache_lock:
        _cache.clear()
