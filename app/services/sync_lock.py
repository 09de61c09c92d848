"""One sync of an account at a time, across every Liaison process on the profile.

The window and a CLI ``sync`` (or two CLIs) would otherwise both download the same new
messages and the slower one would fail inserting rows the other just stored.  Each sync pass
holds an exclusive lock on ``locks/sync-<account uuid>.lock`` in the profile; a second pass
that finds it taken does not wait: it raises :class:`~app.errors.Busy` with a sentence, since
the pass already running brings the same mail.

The lock is an OS file lock (``flock`` on POSIX, ``msvcrt.locking`` on Windows), held through
an open file: the OS releases it when the process ends however it ends, so a killed sync
never leaves a stale lock behind.  ``flock`` locks belong to the open file, not the process,
so two passes in one process exclude each other too.
"""

from __future__ import annotations

import os
import sys
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

from app.errors import Busy
from app.paths import ProfilePaths


class SyncLock:
    """The lock of one account's sync passes in one profile."""

    def __init__(self, paths: ProfilePaths, account_uuid: str, account_name: str = ""):
        self.path = paths.locks / f"sync-{account_uuid}.lock"
        self.account_name = account_name or account_uuid

    @contextmanager
    def held(self) -> Iterator[None]:
        """Hold the lock for the ``with`` body; :class:`Busy` at once when another pass holds it."""
        self.path.parent.mkdir(parents=True, exist_ok=True)
        with open(self.path, "a+b") as file:
            if not _try_lock(file):
                raise Busy("Another Liaison is already syncing {account}; this sync was skipped "
                           "(the one running brings the same mail).", code="sync.busy",
                           account=self.account_name)
            try:
                yield
            finally:
                _unlock(file)


if sys.platform == "win32":
    import msvcrt

    def _try_lock(file) -> bool:
        file.seek(0)
        try:
            msvcrt.locking(file.fileno(), msvcrt.LK_NBLCK, 1)  # one byte is the whole lock
        except OSError:
            return False
        return True

    def _unlock(file) -> None:
        file.seek(0)
        msvcrt.locking(file.fileno(), msvcrt.LK_UNLCK, 1)
else:
    import fcntl

    def _try_lock(file) -> bool:
        try:
            fcntl.flock(file.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            return False
        return True

    def _unlock(file) -> None:
        fcntl.flock(file.fileno(), fcntl.LOCK_UN)


def profile_of(database: Path) -> ProfilePaths:
    """The profile a store's database file lives in."""
    return ProfilePaths(Path(os.fspath(database)).parent)
