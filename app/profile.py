"""Opening a profile: folders, logging, encryption, schema migration, then the store.  Qt-free.

Encryption (:mod:`app.store.profile_key`): when it is wanted (:func:`encryption_wanted`), a new
profile's database is created encrypted under a new key in the keyring, and an existing plain
one is converted in place (:mod:`app.store.convert`, ``progress`` tells how far) unless another
Liaison has the profile open (then it stays plain until the next start).  An encrypted profile
is always opened encrypted, whatever the setting says; without its key it is refused with one
sentence.
"""

from __future__ import annotations

import logging
import os
from typing import Callable

from app.errors import StoreError
from app.logging_setup import configure_logging
from app.paths import ProfilePaths
import app.secrets  # noqa: F401  (registers where profile keys are kept)
from app.store import profile_key, profile_lock
from app.store.database import Store
from app.store.migrate import ensure_schema

ENCRYPTION_ENV = "LIAISON_PROFILE_ENCRYPTION"

log = logging.getLogger("liaison.db")

# progress(step, steps, what) while a plain profile is converted (app.store.convert.STEPS)
Progress = Callable[[int, int, str], None]


def encryption_wanted() -> bool:
    """On unless ``LIAISON_PROFILE_ENCRYPTION=off``, or the machine setting ``encrypt_profile``
    (on by default; a policy can lock it) is off.  ``LIAISON_PROFILE_ENCRYPTION=on`` forces it."""
    word = os.environ.get(ENCRYPTION_ENV, "").strip().lower()
    if word in ("on", "1", "yes", "true"):
        return True
    if word in ("off", "0", "no", "false"):
        return False
    from app.settings.values import machine_value

    return bool(machine_value("encrypt_profile"))


def encryption_required() -> bool:
    """IT locked ``encrypt_profile`` on: no profile may stay plain, even without a keyring."""
    if os.environ.get(ENCRYPTION_ENV, "").strip().lower() in ("on", "1", "yes", "true"):
        return False  # the variable (the tests) asks for it, it does not forbid a plain profile
    from app.settings.values import machine_effective

    found = machine_effective("encrypt_profile")
    return bool(found.value) and found.locked


def needs_conversion(paths: ProfilePaths) -> bool:
    """Opening this profile will first convert its plain database (worth a progress dialog)."""
    from app.store.convert import is_plain_database

    return (not profile_key.is_encrypted(paths.root) and is_plain_database(paths.database)
            and encryption_wanted())


def open_profile(explicit: str | None, progress: Progress | None = None) -> tuple[ProfilePaths, Store]:
    paths = ProfilePaths.resolve(explicit).ensure()
    _require_writable(paths)
    configure_logging(paths)
    profile_lock.hold_shared(paths)
    try:
        key = _profile_key(paths, progress)
        ensure_schema(paths, key)
        store = Store(paths.database, key)
    except BaseException:
        profile_lock.release(paths)
        raise
    store.on_close.append(lambda: profile_lock.release(paths))
    return paths, store


def _profile_key(paths: ProfilePaths, progress: Progress | None) -> bytes | None:
    """The key the database is (or is now made) encrypted with; None for a plain profile."""
    from app.errors import KeyringUnavailable, SecretsLocked
    from app.store import convert

    convert.finish_pending(paths)
    if profile_key.is_encrypted(paths.root):
        return profile_key.key_for(paths.root)
    if not encryption_wanted():
        return None
    try:
        return _encrypt(paths, progress)
    except (KeyringUnavailable, SecretsLocked):
        if encryption_required():
            raise
        # Nowhere to keep a key (no keyring, and the secrets file locked or without a primary
        # password, as in a CLI run without --primary-password-stdin): the profile stays plain
        # (as it was) and is encrypted at a start that can keep the key; a policy requiring
        # encryption refuses instead.
        log.warning("no usable password store: the profile stays unencrypted for now")
        return None


def _encrypt(paths: ProfilePaths, progress: Progress | None) -> bytes | None:
    from app.store import convert

    if not paths.database.exists() or paths.database.stat().st_size == 0:  # a new profile
        for extra in ("", "-wal", "-shm", "-journal"):  # an empty file left by a crash
            (paths.root / (paths.database.name + extra)).unlink(missing_ok=True)
        return profile_key.create_key(paths.root)
    if not convert.is_plain_database(paths.database):
        return None  # not a SQLite file: the schema check says it is unusable
    if not profile_lock.try_exclusive(paths):
        log.warning("the profile is open in another Liaison: it stays plain until the next start")
        return None
    try:
        return convert.encrypt_profile(paths, progress or (lambda *_: None))
    finally:
        profile_lock.release_exclusive(paths)


def _require_writable(paths: ProfilePaths) -> None:
    """A profile Liaison cannot write to is named as such (SQLite's WAL needs to write even to read)."""
    # os.access, not a test file: it answers for a read-only mount even when run as root.
    if not os.access(paths.root, os.W_OK):
        raise StoreError("The profile folder {path} is read-only; Liaison needs to write there. "
                         "Make it writable, or choose another profile.",
                         code="profile.read_only", path=str(paths.root))
