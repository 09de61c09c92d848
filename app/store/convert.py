"""Converting a plain profile database to an encrypted one, in place, losing nothing.

1. A new key goes to the keyring (not yet the profile's: no ``database-key-id`` file).
2. The plain database (its WAL checkpointed first) is copied with ``sqlcipher_export`` into
   ``liaison.sqlite3.encrypting`` under that key.
3. The copy is verified: ``integrity_check`` and the row count of every table equal to the
   plain file's.
4. The copy replaces the plain file (``os.replace``, atomic), the ``-wal``/``-shm`` of the
   plain file are removed, then the ``database-key-id`` file is written.
5. The plain migration backups are re-encrypted with the key (or removed when they cannot be
   read), and the plain copies are removed.

Interrupted anywhere before step 4 (a kill, a full disk, an exception), the plain file is as
it was and the profile is still plain; the next attempt removes the half-written copy and
starts over.  Interrupted between the rename and the id file, the next open finds the pending
key id (``database-key-id.pending``) and finishes.
"""

from __future__ import annotations

import logging
import os
import uuid
from pathlib import Path
from typing import Callable

from app.errors import StoreError
from app.paths import ProfilePaths
from app.store import cipher, profile_key

log = logging.getLogger("liaison.db")

# progress(step, steps, what): what is one of the STEP_* names
Progress = Callable[[int, int, str], None]
STEP_COPY, STEP_VERIFY, STEP_SWAP, STEP_BACKUPS = "copy", "verify", "swap", "backups"
STEPS = (STEP_COPY, STEP_VERIFY, STEP_SWAP, STEP_BACKUPS)

PENDING_ID = profile_key.KEY_ID_FILE + ".pending"
SUFFIX = ".encrypting"


def _no_progress(_step: int, _steps: int, _what: str) -> None:
    pass


def _tables(connection) -> list[str]:
    """Every table whose rows are data (FTS5 shadow tables included; virtual tables are
    counted through their shadow tables)."""
    return [row[0] for row in connection.execute(
        "SELECT name FROM sqlite_master WHERE type='table' AND sql NOT LIKE 'CREATE VIRTUAL TABLE%' "
        "AND name NOT LIKE 'sqlite_%' ORDER BY name")]


def _counts(connection) -> dict[str, int]:
    return {table: connection.execute(f'SELECT count(*) FROM "{table}"').fetchone()[0]
            for table in _tables(connection)}


def _remove_files(database: Path) -> None:
    for extra in ("", "-wal", "-shm", "-journal"):
        Path(str(database) + extra).unlink(missing_ok=True)


def finish_pending(paths: ProfilePaths) -> None:
    """Complete a conversion that stopped between the rename and the id file."""
    pending = paths.root / PENDING_ID
    if not pending.exists():
        return
    if profile_key.is_encrypted(paths.root):
        pending.unlink(missing_ok=True)
        return
    copy = Path(str(paths.database) + SUFFIX)
    if copy.exists():  # the rename never happened: the plain file is the profile; start over later
        _remove_files(copy)
        pending.unlink(missing_ok=True)
        return
    os.replace(pending, paths.root / profile_key.KEY_ID_FILE)


def encrypt_profile(paths: ProfilePaths, progress: Progress = _no_progress) -> bytes:
    """Convert the plain database of ``paths`` to an encrypted one; returns the key."""
    if profile_key.is_encrypted(paths.root):
        return profile_key.key_for(paths.root)  # type: ignore[return-value]
    database = paths.database
    copy = Path(str(database) + SUFFIX)
    _remove_files(copy)  # a copy left by an interrupted attempt: start over
    steps = len(STEPS)

    key_name = str(uuid.uuid4())
    key = os.urandom(cipher.KEY_BYTES)
    profile_key._secrets().set_password(key_name, key.hex(), kind=profile_key.KEY_KIND)

    progress(1, steps, STEP_COPY)
    source = cipher.open_for_export(database, None)
    try:
        # Everything into the main file, the WAL left empty: after the swap no plain WAL can
        # be replayed into the encrypted file.  No other process has the profile open
        # (app.store.profile_lock), so the counts and the copy see the same rows.
        source.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchall()
        expected = _counts(source)
        try:
            cipher.export_copy(source, copy, key)
        except cipher.database_errors() as exc:
            _remove_files(copy)
            raise StoreError("The profile could not be encrypted ({reply}); it is unchanged.",
                             code="profile.encrypt_failed", reply=str(exc)) from exc

        _pause_for_tests()
        progress(2, steps, STEP_VERIFY)
        check = cipher.connect(copy, key)
        try:
            integrity = check.execute("PRAGMA integrity_check").fetchall()
            copied = _counts(check)
        finally:
            check.close()
        if integrity != [("ok",)] or copied != expected:
            _remove_files(copy)
            raise StoreError("The encrypted copy of the profile did not match the original; the profile "
                             "is unchanged.", code="profile.encrypt_mismatch")

        progress(3, steps, STEP_SWAP)
        pending = paths.root / PENDING_ID
        pending.write_text(key_name + "\n", encoding="ascii")
    finally:
        source.close()
    # The plain file's WAL was checkpointed into the snapshot we copied; remove it with the file.
    os.replace(copy, database)
    for extra in ("-wal", "-shm", "-journal"):
        Path(str(database) + extra).unlink(missing_ok=True)
    os.replace(pending, paths.root / profile_key.KEY_ID_FILE)
    profile_key.remember(paths.root, key)

    progress(4, steps, STEP_BACKUPS)
    encrypt_backups(paths, key)
    log.info("the profile database is now encrypted")
    return key


def _pause_for_tests() -> None:
    """``LIAISON_TEST_CONVERT_PAUSE=N``: wait N seconds with the copy written (the tests kill
    the process there to show that an interrupted conversion leaves the plain file intact)."""
    seconds = os.environ.get("LIAISON_TEST_CONVERT_PAUSE")
    if seconds:
        import time

        time.sleep(float(seconds))


def encrypt_backups(paths: ProfilePaths, key: bytes) -> None:
    """Re-encrypt every plain migration backup with ``key``; one that cannot be read is removed."""
    if not paths.backups.is_dir():
        return
    for backup in sorted(paths.backups.glob("*.sqlite3")):
        if not _is_plain(backup):
            continue
        target = Path(str(backup) + SUFFIX)
        target.unlink(missing_ok=True)
        try:
            source = cipher.open_for_export(backup, None)
            try:
                cipher.export_copy(source, target, key)
            finally:
                source.close()
            os.replace(target, backup)
        except cipher.database_errors():
            log.warning("a plain backup could not be encrypted and was removed: %s", backup.name)
            target.unlink(missing_ok=True)
            backup.unlink(missing_ok=True)
        for extra in ("-wal", "-shm", "-journal"):
            Path(str(backup) + extra).unlink(missing_ok=True)


def _is_plain(path: Path) -> bool:
    """A plain SQLite file starts with its magic header; an encrypted one with random salt."""
    try:
        with path.open("rb") as file:
            return file.read(16) == b"SQLite format 3\x00"
    except OSError:
        return False


def is_plain_database(path: Path) -> bool:
    return path.exists() and path.stat().st_size > 0 and _is_plain(path)

