"""Opening a profile: folders, logging, schema migration, then the store.  Qt-free."""

from __future__ import annotations

from app.logging_setup import configure_logging
from app.paths import ProfilePaths
from app.store.database import Store
from app.store.migrate import ensure_schema


def open_profile(explicit: str | None) -> tuple[ProfilePaths, Store]:
    paths = ProfilePaths.resolve(explicit).ensure()
    configure_logging(paths)
    ensure_schema(paths)
    return paths, Store(paths.database)
