"""Plain copies of attachments outside the encrypted profile, and their removal.

Opening an attachment hands a file to another program, and forwarding one attaches a file:
both need the plain bytes on disk, which an encrypted profile cannot hold.  They are written
to private folders (mode 0700) in the system's temporary directory, never into the profile,
files read-only, and every such folder is removed when Liaison exits (a viewer still showing
one has read it by then).
"""

from __future__ import annotations

import atexit
import shutil
import tempfile
import threading
from pathlib import Path

_folders: list[Path] = []
_lock = threading.Lock()


def private_folder(prefix: str) -> Path:
    """A new folder only this user can enter, removed at exit."""
    folder = Path(tempfile.mkdtemp(prefix=prefix))  # mode 0700
    with _lock:
        if not _folders:
            atexit.register(remove_all)
        _folders.append(folder)
    return folder


def remove_all() -> None:
    """Remove every folder made by :func:`private_folder` (at exit; the tests call it)."""
    with _lock:
        folders, _folders[:] = list(_folders), []
    for folder in folders:
        for path in folder.rglob("*"):
            try:
                path.chmod(0o600)  # read-only files: removable on Windows too
            except OSError:
                pass
        shutil.rmtree(folder, ignore_errors=True)
