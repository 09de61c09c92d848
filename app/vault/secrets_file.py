"""The secrets file on disk: where it is, and reading and writing it safely (no Qt).

The file is :func:`app.paths.secrets_file`: ``secrets.sealed`` in the platform's user data
folder (beside the default profile: ``~/.local/share/Liaison`` on Linux), or
``LIAISON_SECRETS_FILE``.  It is one file for every profile, like the OS keyring it stands in for (entries are keyed by account UUID).

* Written atomically: a temporary file beside it (mode 0600 from the start), flushed and
  fsync'ed, then renamed over it — a crash leaves the old file or the new one, never half.
* Every read-modify-write holds an exclusive lock on ``secrets.sealed.lock`` (``fcntl.flock``;
  ``msvcrt.locking`` on Windows), so two Liaison processes saving at once cannot lose each
  other's entries: each re-reads the file under the lock before changing it.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from pathlib import Path
from typing import Callable, Iterator

from app.errors import SecretsLocked
from app.vault import sealed

def secrets_path() -> Path:
    from app.paths import secrets_file

    return secrets_file()


@contextlib.contextmanager
def _locked(path: Path) -> Iterator[None]:
    path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)  # a new folder: the owner's only
    fd = os.open(path.with_name(path.name + ".lock"), os.O_RDWR | os.O_CREAT, 0o600)
    try:
        try:
            import fcntl
        except ImportError:  # Windows
            import msvcrt

            msvcrt.locking(fd, msvcrt.LK_LOCK, 1)
        else:
            fcntl.flock(fd, fcntl.LOCK_EX)
        yield
    finally:
        os.close(fd)  # closing releases the lock


def _write_atomically(path: Path, data: bytes) -> None:
    # mkstemp creates the file with mode 0600: it is never readable by others, not even briefly.
    handle, temporary = tempfile.mkstemp(prefix=".secrets-", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(data)
            out.flush()
            os.fsync(out.fileno())
        os.replace(temporary, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise
    with contextlib.suppress(OSError, AttributeError):  # make the rename itself durable
        directory = os.open(path.parent, os.O_RDONLY)
        try:
            os.fsync(directory)
        finally:
            os.close(directory)


NO_PRIMARY_PASSWORD = "No primary password is set, so there is nowhere safe to keep passwords; set one first."
LOCKED = "Your passwords are locked: enter the primary password first."


class SecretsFile:
    """One secrets file.  Methods taking a :class:`sealed.Key` need the unlocked session key."""

    def __init__(self, path: Path | None = None):
        self.path = Path(path) if path is not None else secrets_path()

    def exists(self) -> bool:
        return self.path.exists()

    def parsed(self) -> sealed.Parsed:
        try:
            raw = self.path.read_bytes()
        except FileNotFoundError:
            raise SecretsLocked(NO_PRIMARY_PASSWORD, code="secrets.no_primary_password") from None
        return sealed.parse(raw, str(self.path))

    def unlock(self, password: str) -> sealed.Key:
        """The key of this file for ``password`` (slow: Argon2id); ``secrets.wrong_password`` if not."""
        return sealed.key_for(self.parsed(), password)

    def read(self, key: sealed.Key) -> dict[str, str]:
        parsed = self.parsed()
        if not sealed.verifies(parsed, key):  # the password was changed by another process
            raise SecretsLocked(LOCKED, code="secrets.locked")
        return sealed.open_sealed(parsed, key, str(self.path))

    def update(self, key: sealed.Key, change: Callable[[dict[str, str]], None]) -> None:
        """Re-read the entries under the lock, let ``change`` edit them, write them back."""
        with _locked(self.path):
            entries = self.read(key)
            change(entries)
            _write_atomically(self.path, sealed.seal(entries, key))

    def create(self, password: str) -> sealed.Key:
        """A new, empty file sealed with ``password``; an existing file is never replaced."""
        key = sealed.derive(password)
        with _locked(self.path):
            if self.path.exists():
                raise SecretsLocked("A primary password is already set; change it instead.",
                                    code="secrets.already_set")
            _write_atomically(self.path, sealed.seal({}, key))
        return key

    def change_password(self, old_password: str, new_password: str) -> sealed.Key:
        """Re-seal every entry under a key made from ``new_password`` (and a new salt)."""
        new_key = sealed.derive(new_password)
        with _locked(self.path):
            entries = sealed.open_sealed(self.parsed(), self.unlock(old_password), str(self.path))
            _write_atomically(self.path, sealed.seal(entries, new_key))
        return new_key

    def remove(self) -> None:
        with _locked(self.path):
            with contextlib.suppress(FileNotFoundError):
                self.path.unlink()
