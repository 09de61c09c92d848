"""Opening a profile: folders, logging, schema migration, then the store.  Qt-free."""

from __future__ import annotations

import os

from app.errors import StoreError
from app.logging_setup import configure_logging
from app.paths import ProfilePaths
from app.store.database import Store
from app.store.migrate import ensure_schema


def open_profile(explicit: str | None) -> tuple[ProfilePaths, Store]:
    paths = ProfilePaths.resolve(explicit).ensure()
    _require_writable(paths)
    configure_logging(paths)
    ensure_schema(paths)
    return paths, Store(paths.database)


def _require_writable(paths: ProfilePaths) -> None:
    """A profile Liaison cannot write to is named as such (SQLite's WAL needs to write even to read)."""
    # os.access, not a test file: it answers for a read-only mount even when run as root.
    if not os.access(paths.root, os.W_OK):
        raise StoreError("The profile folder {path} is read-only; Liaison needs to write there. "
                         "Make it writable, or choose another profile.",
                         code="profile.read_only", path=str(paths.root))
