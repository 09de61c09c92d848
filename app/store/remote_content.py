"""Which senders the user lets load remote content ("always for this sender").  User data."""

from __future__ import annotations

import time

from app.store.database import Store
from app.store.models import RemoteContentSender
from app.store.writer import writes


def sender_allowed(store: Store, addr: str) -> bool:
    if not addr:
        return False
    with store.read() as session:
        return session.get(RemoteContentSender, addr.lower()) is not None


@writes
def allow_sender(store: Store, addr: str) -> None:
    with store.write() as session:
        if session.get(RemoteContentSender, addr.lower()) is None:
            session.add(RemoteContentSender(addr=addr.lower(), allowed_at=int(time.time())))


@writes
def forbid_sender(store: Store, addr: str) -> None:
    with store.write() as session:
        found = session.get(RemoteContentSender, addr.lower())
        if found is not None:
            session.delete(found)
