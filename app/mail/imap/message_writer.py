"""Storing a fetched batch of messages in the mail cache: envelope, raw bytes, addresses, attachments.

A batch is stored whole or not at all (one transaction on the writer thread), and UIDs
already present are skipped, so a sync stopped at any instant resumes with no loss and no
duplicates.  Compressing and preparing the rows happens on the caller's thread (the sync
pipeline's store stage): the writer thread only runs the inserts.  An import into Local
Folders writes through the same :func:`prepare_rows` and :func:`insert_prepared`
(:mod:`app.mail.importing.local_destination`), so imported mail is stored exactly as synced mail.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Callable

from sqlalchemy import select

from app.mail.imap.fetched import FetchedBody, FetchedMessage
from app.mail.reading.envelope import Envelope
from app.store import search_tables
from app.store.database import Store
from app.store.flags import flags_to_columns
from app.store.mail_cache import encode_raw
from app.store.models import Attachment, Message, MessageAddress, MessageBody
from app.store.writer import writes

# The search-index columns of a message, from its parsed envelope and raw bytes
# (app.search.mail_document.fetched_document, handed in: this package does not import search).
DocumentFn = Callable[[Envelope, bytes], tuple]


@dataclass
class PreparedBatch:
    """A fetched batch ready for the writer: envelopes parsed, rows built, bodies compressed.

    All of it is CPU work done before the write lock is taken, in a worker process during a
    big first sync (:mod:`app.services.parse_workers`).  ``documents`` are the messages'
    search-index columns, written in the same transaction so the mail is searchable as soon
    as it is listed; None leaves them queued for the indexer.  The messages' ``raw`` may be
    empty: the compressed bodies in ``encoded`` are what is stored.
    """

    messages: list[FetchedMessage]
    rows: list[tuple]
    encoded: list[tuple[str, bytes]]
    documents: list[tuple] | None = None


def prepare_batch(folder_id: int, bodies: list[FetchedBody], document: DocumentFn | None = None) -> PreparedBatch:
    """Parse and prepare one fetched batch (any thread or process: no database, no lock)."""
    messages = [FetchedMessage.from_body(body) for body in bodies]
    rows, encoded = prepare_rows(folder_id, messages)
    documents = [document(m.envelope, m.raw) for m in messages] if document is not None else None
    return PreparedBatch(messages, rows, encoded, documents)


@writes
def store_prepared(store: Store, folder_id: int, batch: PreparedBatch) -> int:
    """Store a prepared batch atomically; UIDs already present are skipped (no duplicates).

    With documents, the messages go into the search index in the same transaction and leave
    the indexing queue the insert trigger put them in, so a stop at any instant leaves each
    message either stored and indexed, or not stored.
    """
    if not batch.messages:
        return 0
    with store.write() as session:
        present = set(session.scalars(select(Message.uid).where(
            Message.folder_id == folder_id, Message.uid.in_([m.uid for m in batch.messages]))))
        keep = [i for i, m in enumerate(batch.messages) if m.uid not in present]
        messages = [batch.messages[i] for i in keep]
        stored = insert_prepared(session, messages, [batch.rows[i] for i in keep],
                                 [batch.encoded[i] for i in keep])
        if batch.documents is not None and stored:
            _index_stored(session, stored, messages, [batch.documents[i] for i in keep])
        return len(stored)


def _index_stored(session, ids: list[int], messages: list[FetchedMessage], documents: list[tuple]) -> None:
    cursor = session.connection().connection.cursor()
    try:
        cursor.executemany(search_tables.INSERT_MAIL_DOCUMENT, [
            (search_tables.document_rowid(pk, m.envelope.date), *columns)
            for pk, m, columns in zip(ids, messages, documents, strict=True)])
        cursor.execute(search_tables.unqueue_sql(len(ids)), ids)
    finally:
        cursor.close()


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
    """Store one parsed batch atomically; UIDs already present are skipped (no duplicates).

    A trigger (migration 0009) queues each new message for the search index, which the
    sync fills after its pass (:mod:`app.search.mail_index`).

    This is the hot path of an initial sync (every message passes here once), so it writes
    through the DBAPI cursor of the session's own transaction: the ORM's per-row bookkeeping
    cost more than SQLite itself.
    """
    if not messages:
        return 0
    rows, encoded = prepare_rows(folder_id, messages)  # CPU work stays on the caller's thread
    return store_prepared(store, folder_id, PreparedBatch(messages, rows, encoded))


def prepare_rows(folder_id: int, messages: list[FetchedMessage]) -> tuple[list[tuple], list[tuple[str, bytes]]]:
    """The message rows and compressed bodies of ``messages``: CPU work for the caller's thread."""
    return [_message_values(folder_id, m) for m in messages], [encode_raw(m.raw) for m in messages]


def insert_prepared(session, messages: list[FetchedMessage], rows: list[tuple],
                    encoded: list[tuple[str, bytes]]) -> list[int]:
    """Insert prepared messages in the session's transaction (on the writer thread); returns
    their primary keys.  The caller has made sure none of them is stored already."""
    cursor = session.connection().connection.cursor()
    stored: list[int] = []
    bodies, addresses, attachments = [], [], []
    for message, values, (compression, blob) in zip(messages, rows, encoded, strict=True):
        cursor.execute(_INSERT_MESSAGE, values)
        pk = cursor.lastrowid
        stored.append(pk)
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


def _message_values(folder_id: int, m: FetchedMessage) -> tuple:
    e = m.envelope
    flags = flags_to_columns(m.flags)
    return (folder_id, m.uid, m.modseq, e.message_id, e.in_reply_to, e.references, e.from_name,
            e.from_addr, json.dumps(e.to, ensure_ascii=False), json.dumps(e.cc, ensure_ascii=False),
            json.dumps(e.reply_to, ensure_ascii=False), e.subject, e.date, m.internal_date, m.size,
            flags["seen"], flags["flagged"], flags["answered"], flags["deleted"], flags["keywords"],
            e.has_attachments, e.auto_kind)
