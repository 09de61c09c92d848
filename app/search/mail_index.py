"""Keeping ``mail_fts`` current: the work queue, batches, rebuilds.

Every new ``mail_messages`` row is queued in ``mail_fts_pending`` by a trigger (migration
0009).  :func:`index_pending` empties the queue in batches: it reads envelopes and raw bodies
in a read transaction, builds the documents with no lock held (MIME decoding is the costly
part), then writes them in one short write transaction.  Only ids still queued at write time
are written, so a message deleted in between (its trigger also dropped the queue entry)
never leaves an orphan index row.

Sync calls :func:`index_pending` after each folder batch is stored; the CLI (``search
--rebuild``) and an upgraded profile use the same path, so there is one way to index.
"""

from __future__ import annotations

import logging
import time
import zlib
from typing import Callable

from app.store import search_tables
from app.store.database import Store
from app.store.raw_sql import fetch_all

log = logging.getLogger("liaison.search")

BATCH = 400
_PARAMS = 900  # below SQLite's bound-parameter limit


def pending_count(store: Store) -> int:
    return fetch_all(store, "SELECT count(*) FROM mail_fts_pending")[0][0]


def indexed_count(store: Store) -> int:
    return fetch_all(store, "SELECT count(*) FROM mail_fts")[0][0]


def _placeholders(count: int) -> str:
    return ",".join("?" * count)


def _load(store: Store, ids: list[int]) -> list[tuple[int, int, tuple]]:
    """(message id, index rowid, document) of each message still stored."""
    # Imported here: the MIME modules cost every sync ~20 ms of start-up, and most find nothing queued.
    from app.search.mail_document import mail_document, people_from_json

    marks = _placeholders(len(ids))
    rows = fetch_all(store, f"SELECT m.id, m.date, m.subject, m.from_name, m.from_addr, m.to_list, m.cc_list, "
                            f"b.compression, b.raw FROM mail_messages m "
                            f"LEFT JOIN mail_bodies b ON b.message_id = m.id WHERE m.id IN ({marks})",
                     tuple(ids))
    names: dict[int, list[str]] = {}
    for message_id, filename in fetch_all(
            store, f"SELECT message_id, filename FROM mail_attachments WHERE message_id IN ({marks}) "
                   f"AND filename != ''", tuple(ids)):
        names.setdefault(message_id, []).append(filename)
    documents = []
    for message_id, date, subject, from_name, from_addr, to_list, cc_list, compression, blob in rows:
        raw = None
        if blob is not None:
            raw = zlib.decompress(blob) if compression == "zlib" else blob
        document = mail_document(subject, from_name, from_addr, people_from_json(to_list),
                                 people_from_json(cc_list), raw, names.get(message_id, []))
        documents.append((message_id, search_tables.document_rowid(message_id, date), document))
    return documents


def _write(store: Store, documents: list[tuple[int, int, tuple]], ids: list[int]) -> None:
    with store.write() as session:
        cursor = session.connection().connection.cursor()
        try:
            still_queued = {row[0] for row in cursor.execute(
                f"SELECT message_id FROM mail_fts_pending WHERE message_id IN ({_placeholders(len(ids))})",
                ids)}
            rows = [(rowid, *columns) for message_id, rowid, columns in documents if message_id in still_queued]
            cursor.executemany(search_tables.INSERT_MAIL_DOCUMENT, rows)
            cursor.execute(search_tables.unqueue_sql(len(ids)), ids)
        finally:
            cursor.close()


def index_pending(store: Store, *, limit: int | None = None,
                  progress: Callable[[int, int], None] | None = None,
                  should_stop: Callable[[], bool] = lambda: False) -> int:
    """Index queued messages, newest first; returns how many were indexed.

    ``limit`` bounds the work of one call (an IDLE wake-up indexes what arrived, not a
    backlog); ``progress(done, total)`` is called after each batch.
    """
    total = pending_count(store)
    if limit is not None:
        total = min(total, limit)
    done = 0
    while done < total and not should_stop():
        ids = [row[0] for row in fetch_all(
            store, "SELECT message_id FROM mail_fts_pending ORDER BY message_id DESC LIMIT ?",
            (min(BATCH, total - done),))]
        if not ids:
            break
        _write(store, _load(store, ids), ids)
        done += len(ids)
        if progress is not None:
            progress(done, total)
    return done


def rebuild(store: Store, *, progress: Callable[[int, int], None] | None = None,
            should_stop: Callable[[], bool] = lambda: False) -> int:
    """Drop the mail index and index every stored message again.

    Interrupting it is safe: what is not indexed yet stays queued and the next sync (or
    rebuild) carries on.
    """
    started = time.perf_counter()
    with store.write() as session:
        cursor = session.connection().connection.cursor()
        try:
            cursor.execute("DELETE FROM mail_fts")
            cursor.execute("INSERT OR IGNORE INTO mail_fts_pending (message_id) SELECT id FROM mail_messages")
        finally:
            cursor.close()
    count = index_pending(store, progress=progress, should_stop=should_stop)
    optimise(store)
    log.info("search index rebuilt: %d messages in %.1f s", count, time.perf_counter() - started)
    return count


def optimise(store: Store) -> None:
    """Merge the index's segments into one (faster queries after a big batch of inserts)."""
    with store.write() as session:
        session.connection().connection.execute("INSERT INTO mail_fts (mail_fts) VALUES ('optimize')")
