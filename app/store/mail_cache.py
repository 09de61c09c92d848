"""Writes and reads of the mail cache made by the sync engine.

Each function is one short transaction through :meth:`Store.write`, so a sync that is
stopped at any instant leaves the cache consistent: a batch of messages is stored whole
(envelope, raw bytes, addresses, attachments) or not at all, and a folder's cursor only
advances after the folder was synced completely.
"""

from __future__ import annotations

import json
import time
import zlib
from dataclasses import dataclass

from sqlalchemy import delete, select, update

from app.mail.envelope import Envelope
from app.mail.fetched import FetchedMessage
from app.mail.flags import columns_to_flags, flags_to_columns
from app.store.database import Store
from app.store.models import (
    Attachment,
    Folder,
    Message,
    MessageAddress,
    MessageBody,
    PendingMailAction,
)

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


def reset_folder(store: Store, folder_id: int, uidvalidity: int) -> None:
    """The server renumbered the folder (UIDVALIDITY changed): drop its cache, start over."""
    with store.write() as session:
        session.execute(delete(Message).where(Message.folder_id == folder_id))
        session.execute(update(Folder).where(Folder.id == folder_id).values(
            uidvalidity=uidvalidity, uidnext=None, highestmodseq=None, server_count=None,
            sync_state="partial"))


def begin_folder_sync(store: Store, folder_id: int, uidvalidity: int) -> None:
    with store.write() as session:
        session.execute(update(Folder).where(Folder.id == folder_id).values(
            uidvalidity=uidvalidity, sync_state="syncing", last_error=None))


def finish_folder_sync(store: Store, folder_id: int, uidnext: int | None, highestmodseq: int | None,
                       server_count: int) -> None:
    with store.write() as session:
        session.execute(update(Folder).where(Folder.id == folder_id).values(
            uidnext=uidnext, highestmodseq=highestmodseq, server_count=server_count,
            sync_state="ok", last_error=None, last_synced_at=now()))


def fail_folder_sync(store: Store, folder_id: int, error: str) -> None:
    with store.write() as session:
        session.execute(update(Folder).where(Folder.id == folder_id).values(
            sync_state="error", last_error=error))


def remove_uids(store: Store, folder_id: int, uids: set[int]) -> None:
    ordered = sorted(uids)
    with store.write() as session:
        for start in range(0, len(ordered), 900):
            session.execute(delete(Message).where(Message.folder_id == folder_id,
                                                  Message.uid.in_(ordered[start:start + 900])))


def update_flags(store: Store, folder_id: int, changes: dict[int, set[str]]) -> None:
    with store.write() as session:
        for uid, flags in changes.items():
            session.execute(update(Message).where(Message.folder_id == folder_id, Message.uid == uid)
                            .values(**flags_to_columns(flags)))


def _insert_sql(table, columns: list[str]) -> str:
    """INSERT text for ``columns`` of ``table``, built from the model so it tracks the schema."""
    missing = [c for c in columns if c not in table.c]
    if missing:
        raise AssertionError(f"{table.name} has no columns {missing}")
    quoted = ", ".join(f'"{c}"' for c in columns)
    return f'INSERT INTO {table.name} ({quoted}) VALUES ({", ".join("?" * len(columns))})'


_MESSAGE_COLUMNS = ["folder_id", "uid", "modseq", "message_id", "in_reply_to", "references",
                    "from_name", "from_addr", "to_list", "cc_list", "reply_to_list", "subject",
                    "date", "internal_date", "size", "seen", "flagged", "answered", "deleted",
                    "keywords", "has_attachments", "auto_kind"]
_INSERT_MESSAGE = _insert_sql(Message.__table__, _MESSAGE_COLUMNS)
_INSERT_BODY = _insert_sql(MessageBody.__table__, ["message_id", "compression", "raw"])
_INSERT_ADDRESS = _insert_sql(MessageAddress.__table__, ["message_id", "role", "name", "addr", "domain", "date"])
_INSERT_ATTACHMENT = _insert_sql(Attachment.__table__, [
    "message_id", "part_index", "filename", "content_type", "size", "content_id", "inline"])


def store_messages(store: Store, folder_id: int, messages: list[FetchedMessage]) -> int:
    """Store one fetched batch atomically; UIDs already present are skipped (no duplicates).

    A trigger (migration 0009) queues each new message for the search index, which the
    sync fills after its pass (:mod:`app.search.mail_index`).

    This is the hot path of an initial sync (every message passes here once), so it writes
    through the DBAPI cursor of the session's own transaction: the ORM's per-row bookkeeping
    cost more than SQLite itself.
    """
    if not messages:
        return 0
    encoded = [_encode_raw(m.raw) for m in messages]  # outside the write lock
    rows = [_message_values(folder_id, m) for m in messages]
    with store.write() as session:
        present = set(session.scalars(select(Message.uid).where(
            Message.folder_id == folder_id, Message.uid.in_([m.uid for m in messages]))))
        cursor = session.connection().connection.cursor()
        stored = 0
        bodies, addresses, attachments = [], [], []
        for message, values, (compression, blob) in zip(messages, rows, encoded, strict=True):
            if message.uid in present:
                continue
            cursor.execute(_INSERT_MESSAGE, values)
            pk = cursor.lastrowid
            stored += 1
            bodies.append((pk, compression, blob))
            addresses.extend((pk, *row) for row in _address_values(message.envelope))
            attachments.extend(
                (pk, a.part_index, a.filename, a.content_type, a.size, a.content_id, a.inline)
                for a in message.envelope.attachments)
        cursor.executemany(_INSERT_BODY, bodies)
        cursor.executemany(_INSERT_ADDRESS, addresses)
        cursor.executemany(_INSERT_ATTACHMENT, attachments)
        cursor.close()
    return stored


def _address_values(envelope: Envelope) -> list[tuple]:
    rows = []
    groups = [("from", [(envelope.from_name, envelope.from_addr)] if envelope.from_addr else []),
              ("to", envelope.to), ("cc", envelope.cc), ("reply-to", envelope.reply_to)]
    for role, pairs in groups:
        for name, addr in pairs:
            if addr:
                rows.append((role, name, addr, addr.rpartition("@")[2], envelope.date))
    return rows


def _encode_raw(raw: bytes) -> tuple[str, bytes]:
    if len(raw) < COMPRESS_BELOW_BYTES:
        return "zlib", zlib.compress(raw, COMPRESSION_LEVEL)
    return "none", raw


def _message_values(folder_id: int, m: FetchedMessage) -> tuple:
    e = m.envelope
    flags = flags_to_columns(m.flags)
    return (folder_id, m.uid, m.modseq, e.message_id, e.in_reply_to, e.references, e.from_name,
            e.from_addr, json.dumps(e.to, ensure_ascii=False), json.dumps(e.cc, ensure_ascii=False),
            json.dumps(e.reply_to, ensure_ascii=False), e.subject, e.date, m.internal_date, m.size,
            flags["seen"], flags["flagged"], flags["answered"], flags["deleted"], flags["keywords"],
            e.has_attachments, e.auto_kind)


def raw_message(store: Store, message_pk: int) -> bytes | None:
    with store.read() as session:
        body = session.get(MessageBody, message_pk)
        if body is None:
            return None
        return zlib.decompress(body.raw) if body.compression == "zlib" else body.raw
