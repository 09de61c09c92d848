"""Whether a message loads its remote images and styles by itself (no Qt).

The reader asks :func:`loads_automatically` for the message's sender: the machine setting
``remote_content`` ("never" automatically by default: a remote image works like a read
receipt), then the profile's trusted senders.  Loading for one message on request is the
reader's own business.
"""

from __future__ import annotations

from app.settings.values import get
from app.store.database import Store


def loads_automatically(store: Store, sender: str) -> bool:
    if get(store, "remote_content") == "always":
        return True
    sender = (sender or "").strip().lower()
    return bool(sender) and sender in get(store, "trusted_senders")
