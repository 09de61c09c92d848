"""Keeping ``mail_fts`` current: the work queue, batches, rebuilds.

Every new ``mail_messages`` row is queued in ``mail_fts_pending`` by a trigger (migration
0009).  :func:`index_pending` empties the queue in batches: it reads envelopes and raw bodies
in a read transaction, builds the documents with no lock held (MIME decoding is the costly
part), then writes them in one short write transaction.  Only ids still queued at write time
are written, so a message deleted in between (its trigger also dropped the queue entry)
never leaves an orphan index row.

Sync calls :func:`index_pending` at the end of each pass; the CLI (``search --rebuild``) and
an upgraded profile use the same path, so there is one way to index.

**Processes.**  Building documents is pure CPU in Python, so one process uses one core.  A
big queue (an initial sync, a rebuild, an upgraded profile) is shared with worker processes
(``spawn``: safe from the GUI's threads), each reading its batches straight from the
database (WAL lets them read while this process writes) and sending back only the
documents; this process does every write, so the one-writer rule holds.  Small queues (new
mail) are indexed in-process: starting workers costs more than they would save.
"""

from __future__ import annotations

import logging
import os
import sqlite3
import time
import zlib
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from multiprocessing import get_context
from pathlib import Path
from typing import Callable

from app.store import search_tables
from app.store.database import Store
from app.store.raw_sql import fetch_all

log = logging.getLogger("liaison.search")

BATCH = 400
PARALLEL_FROM = 2000  # queued messages from which worker processes are worth their start-up


def pending_count(store: Store) -> int:
    return fetch_all(store, "SELECT count(*) FROM mail_fts_pending")[0][0]


def indexed_count(store: Store) -> int:
    return fetch_all(store, "SELECT count(*) FROM mail_fts")[0][0]


def _placeholders(count: int) -> str:
    return ",".join("?" * count)


def _load(fetch: Callable[[str, tuple], list[tuple]], ids: list[int]) -> list[tuple[int, int, tuple]]:
    """(message id, index rowid, document) of each message still stored."""
    # Imported here: the MIME modules cost every sync ~20 ms of start-up, and most find nothing queued.
    from app.search.mail_document import mail_document, people_from_json

    marks = _placeholders(len(ids))
    rows = fetch(f"SELECT m.id, m.date, m.subject, m.from_name, m.from_addr, m.to_list, m.cc_list, "
                 f"b.compression, b.raw FROM mail_messages m "
                 f"LEFT JOIN mail_bodies b ON b.message_id = m.id WHERE m.id IN ({marks})", tuple(ids))
    names: dict[int, list[str]] = {}
    for message_id, filename in fetch(
            f"SELECT message_id, filename FROM mail_attachments WHERE message_id IN ({marks}) "
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


def build_documents(database: str, ids: list[int]) -> list[tuple[int, int, tuple]]:
    """Worker process entry: the documents of ``ids``, read with a read-only connection."""
    # as_uri() percent-encodes the path, so a profile under a folder named "50% off?" opens too.
    connection = sqlite3.connect(f"{Path(database).resolve().as_uri()}?mode=ro", uri=True, timeout=30)
    try:
        return _load(lambda sql, params: connection.execute(sql, params).fetchall(), ids)
    finally:
        connection.close()


def _worker_count(total: int) -> int:
    if total < PARALLEL_FROM:
        return 0
    return min(os.cpu_count() or 1, 4) if (os.cpu_count() or 1) > 1 else 0


def index_pending(store: Store, *, limit: int | None = None,
                  progress: Callable[[int, int], None] | None = None,
                  should_stop: Callable[[], bool] = lambda: False) -> int:
    """Index queued messages, newest first; returns how many were indexed.

    ``limit`` bounds the work of one call; ``progress(done, total)`` is called after each
    batch; ``should_stop`` is asked between batches (what is not done stays queued).
    """
    ids = [row[0] for row in fetch_all(store, "SELECT message_id FROM mail_fts_pending ORDER BY message_id DESC "
                                              "LIMIT ?", (limit if limit is not None else -1,))]
    batches = [ids[start:start + BATCH] for start in range(0, len(ids), BATCH)]
    workers = _worker_count(len(ids))
    done = 0
    if workers:
        try:
            return _index_in_workers(store, batches, workers, progress, should_stop)
        except BrokenProcessPool as exc:  # workers could not start (a frozen build, no /dev/shm...)
            log.warning("search indexing workers failed (%s); indexing in-process", exc)
            queued = {row[0] for row in fetch_all(store, "SELECT message_id FROM mail_fts_pending")}
            batches = [[i for i in batch if i in queued] for batch in batches]
            done = len(ids) - sum(len(b) for b in batches)
    for batch in batches:
        if should_stop():
            break
        if batch:
            _write(store, _load(lambda sql, params: fetch_all(store, sql, params), batch), batch)
        done += len(batch)
        if progress is not None:
            progress(done, len(ids))
    return done


def _index_in_workers(store: Store, batches: list[list[int]], workers: int,
                      progress: Callable[[int, int], None] | None, should_stop: Callable[[], bool]) -> int:
    """Batches built by ``workers`` processes (a few in flight each), written here in order."""
    total = sum(len(b) for b in batches)
    done = 0
    in_flight: list[tuple[list[int], Future]] = []
    pool = ProcessPoolExecutor(max_workers=workers, mp_context=get_context("spawn"))
    try:
        pending = iter(batches)
        for batch in pending:
            in_flight.append((batch, pool.submit(build_documents, str(store.path), batch)))
            if len(in_flight) < workers * 2:
                continue
            done += _write_first(store, in_flight)
            if progress is not None:
                progress(done, total)
            if should_stop():
                break
        while in_flight and not should_stop():
            done += _write_first(store, in_flight)
            if progress is not None:
                progress(done, total)
    finally:
        pool.shutdown(wait=True, cancel_futures=True)
    return done


def _write_first(store: Store, in_flight: list[tuple[list[int], Future]]) -> int:
    batch, future = in_flight.pop(0)
    _write(store, future.result(), batch)
    return len(batch)


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
