"""User actions on mail: the local half at once, the remote half queued.

Marking a message read, flagged, answered or deleted changes the cached row immediately (the
user sees it whether online or not) and records a :class:`PendingMailAction`.  The queue is
pushed at the start of every sync, before anything is pulled, so the server converges on
what the user did; a push that fails for lack of network leaves the queue as it was.
An action whose folder was renumbered (UIDVALIDITY changed) or whose message is gone can no
longer be applied and is dropped, with a log line.
"""

from __future__ import annotations

import logging
from itertools import groupby

from sqlalchemy import delete, select, update

from app.errors import UserFacingError
from app.mail.flags import COLUMN_FOR_FLAG
from app.store.database import Store
from app.store.mail_cache import now
from app.store.models import Folder, Message, PendingMailAction

log = logging.getLogger("liaison.sync")


def set_flag(store: Store, message_ids: list[int], flag: str, on: bool) -> list[int]:
    """Apply a system flag locally and queue it for the server; returns the changed ids."""
    column = COLUMN_FOR_FLAG.get(flag)
    if column is None:
        raise UserFacingError(f"Unsupported flag: {flag}")
    kind = "add_flags" if on else "remove_flags"
    with store.write() as session:
        rows = session.execute(
            select(Message.id, Message.uid, Folder.account_id, Folder.name, Folder.uidvalidity)
            .join(Folder, Folder.id == Message.folder_id)
            .where(Message.id.in_(message_ids), getattr(Message, column) != on)).all()
        if not rows:
            return []
        session.execute(update(Message).where(Message.id.in_([r.id for r in rows]))
                        .values({column: on}))
        session.add_all(PendingMailAction(
            account_id=r.account_id, folder_name=r.name, uidvalidity=r.uidvalidity, uid=r.uid,
            kind=kind, flags=flag, created_at=now(), attempts=0) for r in rows)
    return [r.id for r in rows]


def push_pending(client, store: Store, account_id: int) -> int:
    """Send queued flag changes to the server in the order they were made; returns the count."""
    with store.read() as session:
        actions = session.scalars(select(PendingMailAction)
                                  .where(PendingMailAction.account_id == account_id)
                                  .order_by(PendingMailAction.folder_name, PendingMailAction.id)).all()
    pushed = 0
    for folder_name, group in groupby(actions, key=lambda a: a.folder_name):
        pushed += _push_folder(client, store, folder_name, list(group))
    return pushed


def _push_folder(client, store: Store, folder_name: str, actions: list[PendingMailAction]) -> int:
    if not client.folder_exists(folder_name):
        log.warning("dropping %d queued changes: folder %r no longer exists", len(actions), folder_name)
        _forget(store, actions)
        return 0
    status = client.select_folder(folder_name)
    uidvalidity = int(status[b"UIDVALIDITY"])
    stale = [a for a in actions if a.uidvalidity != uidvalidity]
    if stale:
        log.warning("dropping %d queued changes in %r: the folder was renumbered", len(stale), folder_name)
        _forget(store, stale)
    live = [a for a in actions if a.uidvalidity == uidvalidity]
    # Consecutive actions of the same kind and flag go out as one STORE; order is kept, so
    # "read, then unread" ends unread on the server as it did locally.
    for (kind, flags), run in groupby(live, key=lambda a: (a.kind, a.flags)):
        run = list(run)
        uids = sorted({a.uid for a in run})
        if kind == "add_flags":
            client.add_flags(uids, flags.split(), silent=True)
        else:
            client.remove_flags(uids, flags.split(), silent=True)
        _forget(store, run)
    return len(live)


def _forget(store: Store, actions: list[PendingMailAction]) -> None:
    with store.write() as session:
        session.execute(delete(PendingMailAction).where(
            PendingMailAction.id.in_([a.id for a in actions])))
