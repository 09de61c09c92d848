"""The services a CLI command drives: the same as the window's, without IDLE or a schedule."""

from __future__ import annotations

from contextlib import contextmanager
from typing import Iterator

from app.services.runtime import Services
from app.store.database import Store


@contextmanager
def running_services(store: Store) -> Iterator[Services]:
    """Services for one command; their threads are stopped and joined when it ends."""
    services = Services(store, use_idle=False)
    try:
        yield services
    finally:
        services.stop()
