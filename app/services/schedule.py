"""When each account is due for a sync pass, from its sync mode (Qt-free, so testable alone).

* ``push``: new mail arrives through IDLE; a full pass still runs every 15 minutes to catch
  changes in other folders.
* ``5`` / ``15`` / ``30``: a full pass that many minutes after the last one started.
* ``manual``: only when the user asks (Sync now) or pushes an action.

An account that was offline is retried every ``OFFLINE_RETRY_SECONDS`` whatever its mode,
so the client notices the network coming back even where the OS cannot tell it.
"""

from __future__ import annotations

from app.store.accounts import SYNC_MODES

__all__ = ["SYNC_MODES", "interval_seconds", "is_due"]
PUSH_FULL_PASS_SECONDS = 15 * 60
OFFLINE_RETRY_SECONDS = 60


def interval_seconds(mode: str) -> int | None:
    """Seconds between automatic passes; None for manual."""
    if mode == "push":
        return PUSH_FULL_PASS_SECONDS
    if mode in ("5", "15", "30"):
        return int(mode) * 60
    return None


def is_due(mode: str, last_started: float | None, offline: bool, now: float) -> bool:
    if offline and mode != "manual":
        return last_started is None or now - last_started >= OFFLINE_RETRY_SECONDS
    interval = interval_seconds(mode)
    if interval is None:
        return False
    return last_started is None or now - last_started >= interval
