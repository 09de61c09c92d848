"""Writes and reads of the mail cache made by the sync engine.

Each function is one short transaction through :meth:`Store.write`, so a sync that is
stopped at any instant leaves the cache consistent: a batch of messages is stored whole
(envelope, raw bytes, addresses, attachments) or not at all, and a folder's cursor only
advances after the folder was synced completely.
"""

from __future__ import annotations

import time
import zlib
from dataclasses import dataclass

from sqlalchemy import delete, select, update

from app.store.flags import columns_to_flags, flags_to_columns
from app.store.database import Store
from app.store.models import Folder, Message, MessageBody, PendingMailAction
from app.store.writer import writes

# Level 1: most of the gain (text compresses 3-5x) for a fraction of the CPU of level 6.
COMPRESSION_LEVEL = 1
# Larger messages are nearly all base64 attachments, already-compressed formats that zlib
# shrinks by a few percent at most, at a high CPU cost during sync: they are stored as is.
COMPRESS_BELOW_BYTES = 64 * 1024


@dataclass(frozen=True)
class ServerFolder:
    name: str
    delimiter: str | None
    flags: frozenset[str]
    role: str | None
    selectable: bool


def now() -> int:
    return int(time.time())


@writes
def reconcile_folders(store: Store, account_id: int, server: list[ServerFolder]) -> None:
    """Mirror the server's folder list; folders gone from the server leave the cache."""
    with store.write() as session:
        existing = {f.name: f for f in session.scalars(select(Folder).where(Folder.account_id == account_id))}
        seen = set()
        for folder in server:
            seen.add(folder.name)
            row = existing.get(folder.name)
            if row is None:
                session.add(Folder(account_id=account_id, name=folder.name, delimiter=folder.delimiter,
                                   role=folder.role, selectable=folder.selectable, sync_state="new"))
            else:
                row.delimiter, row.role, row.selectable = folder.delimiter, folder.role, folder.selectable
        for name, row in existing.items():
            if name not in seen:
                session.delete(row)


def local_uids(store: Store, folder_id: int) -> set[int]:
    with store.read() as session:
        return set(session.scalars(select(Message.uid).where(Message.folder_id == folder_id)))


def local_flags(store: Store, folder_id: int, uids: list[int]) -> dict[int, set[str]]:
    columns = (Message.uid, Message.seen, Message.flagged, Message.answered, Message.deleted,
               Message.keywords)
    result: dict[int, set[str]] = {}
    with store.read() as session:
        for start in range(0, len(uids), 900):  # SQLite's bound-parameter limit
            chunk = uids[start:start + 900]
            for row in session.execute(select(*columns).where(Message.folder_id == folder_id,
                                                              Message.uid.in_(chunk))):
                result[row.uid] = columns_to_flags(row)
    return result


def pending_uids(store: Store, account_id: int, folder_name: str) -> set[int]:
    """UIDs with local flag changes not yet on the server: sync must not overwrite them."""
    with store.read() as session:
        return set(session.scalars(select(PendingMailAction.uid).where(
            PendingMailAction.account_id == account_id, PendingMailAction.folder_name == folder_name)))


@writes
def reset_folder(store: Store, folder_id: int, uidvalidity: int) -> None:
    """The server renumbered the folder (UIDVALIDITY changed): drop its cache, start over."""
    with store.write() as session:
        session.execute(delete(Message).where(Message.folder_id == folder_id))
        session.execute(update(Folder).where(Folder.id == folder_id).values(
            uidvalidity=uidvalidity, uidnext=None, highestmodseq=None, server_count=None,
            sync_state="partial"))


@writes
def begin_folder_sync(store: Store, folder_id: int, uidvalidity: int) -> None:
    with store.write() as session:
        session.execute(update(Folder).where(Folder.id == folder_id).values(
            uidvalidity=uidvalidity, sync_state="syncing", last_error=None))


@writes
def finish_folder_sync(store: Store, folder_id: int, uidnext: int | None, highestmodseq: int | None,
                       server_count: int) -> None:
    with store.write() as session:
        session.execute(update(Folder).where(Folder.id == folder_id).values(
            uidnext=uidnext, highestmodseq=highestmodseq, server_count=server_count,
            sync_state="ok", last_error=None, last_synced_at=now()))


@writes
def fail_folder_sync(store: Store, folder_id: int, error) -> None:
    """Mark the folder failed.  ``error`` (a LiaisonError) is stored as its code and parameters
    (``to_json``), never as a sentence; :func:`app.errors.describe` makes the words where shown."""
    stored = error.to_json() if hasattr(error, "to_json") else str(error)
    with store.write() as session:
        session.execute(update(Folder).where(Folder.id == folder_id).values(
            sync_state="error", last_error=stored))


@writes
def remove_uids(store: Store, folder_id: int, uids: set[int]) -> None:
    ordered = sorted(uids)
    with store.write() as session:
        for start in range(0, len(ordered), 900):
            session.execute(delete(Message).where(Message.folder_id == folder_id,
                                                  Message.uid.in_(ordered[start:start + 900])))


@writes
def update_flags(store: Store, folder_id: int, changes: dict[int, set[str]]) -> None:
    with store.write() as session:
        for uid, flags in changes.items():
            session.execute(update(Message).where(Message.folder_id == folder_id, Message.uid == uid)
                            .values(**flags_to_columns(flags)))


def encode_raw(raw: bytes) -> tuple[str, bytes]:
    """The stored form of a message's bytes: (compression, blob)."""
    if len(raw) < COMPRESS_BELOW_BYTES:
        return "zlib", zlib.compress(raw, COMPRESSION_LEVEL)
    return "none", raw


def raw_message(store: Store, message_pk: int) -> bytes | None:
    with store.read() as session:
        body = session.get(MessageBody, message_pk)
        if body is None:
            return None
        return zlib.decompress(body.raw) if body.compression == "zlib" else body.raw
