"""Who has a profile open: a shared lock while open, an exclusive one to convert it.

Every process that opens a profile (the window, each CLI command) holds a shared ``flock`` on
``locks/profile.lock`` for as long as it runs; converting the database to an encrypted file
(:mod:`app.store.convert`) needs the lock exclusively, so a profile open in another process is
never replaced under it (that process would go on writing to the removed plain file).  The OS
releases the lock when a process ends, however it ends.

On Windows (``msvcrt`` has no shared locks) there is no lock: a conversion there relies on the
row counts it verifies.
"""

from __future__ import annotations

import sys
import threading

from app.errors import Busy
from app.paths import ProfilePaths

_held: dict[str, object] = {}
_lock = threading.Lock()

PROFILE_BUSY = ("The profile {profile} is open in another Liaison; close it there, then try again.")


def _file(paths: ProfilePaths):
    paths.locks.mkdir(parents=True, exist_ok=True)
    return open(paths.locks / "profile.lock", "a+b")  # noqa: SIM115 - kept open while the lock is held


if sys.platform == "win32":
    def hold_shared(paths: ProfilePaths) -> None:
        pass

    def try_exclusive(paths: ProfilePaths) -> bool:
        return True

    def release_exclusive(paths: ProfilePaths) -> None:
        pass

    def release(paths: ProfilePaths) -> None:
        pass
else:
    import fcntl

    def _handle(paths: ProfilePaths):
        key = str(paths.root)
        with _lock:
            file = _held.get(key)
            if file is None:
                file = _held[key] = _file(paths)
            return file

    def hold_shared(paths: ProfilePaths) -> None:
        """Hold the shared lock for the life of this process (a no-op when already held)."""
        fcntl.flock(_handle(paths).fileno(), fcntl.LOCK_SH)

    def try_exclusive(paths: ProfilePaths) -> bool:
        """Take the lock exclusively (converting this process's shared one); False when another
        process holds it."""
        try:
            fcntl.flock(_handle(paths).fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            return False
        return True

    def release_exclusive(paths: ProfilePaths) -> None:
        """Back to the shared lock."""
        fcntl.flock(_handle(paths).fileno(), fcntl.LOCK_SH)

    def release(paths: ProfilePaths) -> None:
        """Let go of the lock (the profile's store was closed)."""
        with _lock:
            file = _held.pop(str(paths.root), None)
        if file is not None:
            file.close()  # closing the file releases its flock


def require_exclusive(paths: ProfilePaths) -> None:
    if not try_exclusive(paths):
        raise Busy(PROFILE_BUSY, code="profile.busy", profile=str(paths.root))
