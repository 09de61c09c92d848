"""Keeping ``mail_fts`` current: the work queue, batches, rebuilds.

Every new ``mail_messages`` row is queued in ``mail_fts_pending`` by a trigger (migration
0009).  :func:`index_pending` empties the queue in batches: it reads envelopes and raw bodies
in a read transaction, builds the documents with no lock held (MIME decoding is the costly
part), then writes them in one short write transaction.  Only ids still queued at write time
are written, so a message deleted in between (its trigger also dropped the queue entry)
never leaves an orphan index row.

Sync calls :func:`index_pending` while it stores mail (``indexing_alongside``) and at the end
of each pass; the CLI (``search --rebuild``) and an upgraded profile use the same path, so
there is one way to index.

**Processes.**  Building documents is pure CPU in Python, so one process uses one core.  A
big queue (an initial sync, a rebuild, an upgraded profile) is shared with worker processes
(``spawn``: safe from the GUI's threads), each reading its batches straight from the
database (WAL lets them read while this process writes) and sending back only the
documents; this process does every write, so the one-writer rule holds.  Small queues (new
mail) are indexed in-process unless the workers are already running: starting them costs
more than they would save.
"""

from __future__ import annotations

import logging
import os
import time
import zlib
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from multiprocessing import get_context
from typing import Callable

from app.search.worker_lifetime import die_with_parent, lower_priority
from app.store import cipher, search_tables
from app.store.database import Store
from app.store.raw_sql import fetch_all
from app.store.writer import writes

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


@writes
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


def build_documents(database: str, ids: list[int], key: bytes | None = None) -> list[tuple[int, int, tuple]]:
    """Worker process entry: the documents of ``ids``, read with a read-only connection (an
    encrypted profile's key comes with the call: the worker never asks the keyring)."""
    if key is None:
        # cipher.connect percent-encodes the path, so a profile under a folder named "50% off?" opens too.
        connection = cipher.connect(database, key, readonly=True, timeout=30)
        try:
            return _load(lambda sql, params: connection.execute(sql, params).fetchall(), ids)
        finally:
            connection.close()
    # An encrypted file: the worker keeps its connection from batch to batch, so the pages it
    # has decrypted (the tables' inner pages) stay in its cache; each batch is its own read.
    connection = _worker_connections.get((database, key))
    if connection is None:
        connection = _worker_connections[(database, key)] = cipher.connect(database, key, readonly=True, timeout=30)
    return _load(lambda sql, params: connection.execute(sql, params).fetchall(), ids)


_worker_connections: dict[tuple[str, bytes], object] = {}  # in a worker process only


def worker_count() -> int:
    """Worker processes for a big queue: one per core (up to 4), none on a single core."""
    cores = os.cpu_count() or 1
    return min(cores, 4) if cores > 1 else 0


def _start_worker() -> None:
    """Worker start-up: follow the parent's life, and yield it the CPU."""
    die_with_parent()
    lower_priority(10)


class IndexWorkers:
    """Worker processes that build documents, started on first use and reused until closed.

    ``spawn``, not ``fork``: forking a process that runs Qt and SQLite threads copies their
    locks in whatever state they are.  Workers run at a lower CPU priority, so during a sync
    they use only the CPU that storing leaves idle (while waiting for the network, most of it),
    and end when this process ends, even killed (:mod:`app.search.worker_lifetime`).
    """

    def __init__(self, count: int):
        self.count = count
        self.broken = False
        self._pool: ProcessPoolExecutor | None = None

    @property
    def started(self) -> bool:
        return self._pool is not None

    def start(self) -> None:
        """From now on :func:`index_pending` builds every queue here, however small."""
        if self._pool is None:
            self._pool = ProcessPoolExecutor(max_workers=self.count, mp_context=get_context("spawn"),
                                             initializer=_start_worker)

    def submit(self, database: str, ids: list[int], key: bytes | None = None) -> Future:
        self.start()
        return self._pool.submit(build_documents, database, ids, key)

    def close(self) -> None:
        if self._pool is not None:
            self._pool.shutdown(wait=True, cancel_futures=True)
            self._pool = None


def index_pending(store: Store, *, limit: int | None = None,
                  progress: Callable[[int, int], None] | None = None,
                  should_stop: Callable[[], bool] = lambda: False,
                  workers: IndexWorkers | None = None,
                  before_write: Callable[[], None] = lambda: None,
                  in_process: bool = True) -> int:
    """Index queued messages, newest first; returns how many were indexed.

    ``limit`` bounds the work of one call; ``progress(done, total)`` is called after each
    batch; ``should_stop`` is asked between batches (what is not done stays queued).
    Documents are built by ``workers`` when they are already running or the queue is big
    (a temporary set is started for a big queue when none is given), otherwise here.
    ``before_write`` is called before each batch is written by workers (it may wait).
    With ``in_process`` False, what the workers cannot build stays queued.
    """
    ids = [row[0] for row in fetch_all(store, "SELECT message_id FROM mail_fts_pending ORDER BY message_id DESC "
                                              "LIMIT ?", (limit if limit is not None else -1,))]
    batches = [ids[start:start + BATCH] for start in range(0, len(ids), BATCH)]
    big = len(ids) >= PARALLEL_FROM
    temporary = IndexWorkers(worker_count()) if workers is None and big and worker_count() else None
    workers = workers or temporary
    done = 0
    try:
        if workers is not None and not workers.broken and ids and (big or workers.started):
            try:
                return _index_in_workers(store, batches, workers, progress, should_stop, before_write)
            except BrokenProcessPool as exc:  # workers could not start (a frozen build, no /dev/shm...)
                log.warning("search indexing workers failed (%s); indexing in-process", exc)
                workers.broken = True
                queued = {row[0] for row in fetch_all(store, "SELECT message_id FROM mail_fts_pending")}
                batches = [[i for i in batch if i in queued] for batch in batches]
                done = len(ids) - sum(len(b) for b in batches)
    finally:
        if temporary is not None:
            temporary.close()
    if not in_process:
        return done
    for batch in batches:
        if should_stop():
            break
        if batch:
            _write(store, _load(lambda sql, params: fetch_all(store, sql, params), batch), batch)
        done += len(batch)
        if progress is not None:
            progress(done, len(ids))
    return done


def _index_in_workers(store: Store, batches: list[list[int]], workers: IndexWorkers,
                      progress: Callable[[int, int], None] | None, should_stop: Callable[[], bool],
                      before_write: Callable[[], None] = lambda: None) -> int:
    """Batches built by the workers (two in flight per worker), written here in order."""
    total = sum(len(b) for b in batches)
    done = 0
    in_flight: list[tuple[list[int], Future]] = []

    def write_next() -> bool:
        nonlocal done
        before_write()
        if should_stop():
            return False
        batch, future = in_flight.pop(0)
        _write(store, future.result(), batch)
        done += len(batch)
        if progress is not None:
            progress(done, total)
        return True

    try:
        for batch in batches:
            in_flight.append((batch, workers.submit(str(store.path), batch, store.key)))
            if len(in_flight) >= workers.count * 2 and not write_next():
                break
        else:
            while in_flight and write_next():
                pass
    finally:
        for _batch, future in in_flight:  # stopped early: what was not written stays queued
            future.cancel()
    return done


def rebuild(store: Store, *, progress: Callable[[int, int], None] | None = None,
            should_stop: Callable[[], bool] = lambda: False) -> int:
    """Drop the mail index and index every stored message again.

    Interrupting it is safe: what is not indexed yet stays queued and the next sync (or
    rebuild) carries on.
    """
    started = time.perf_counter()
    _clear_and_queue_all(store)
    count = index_pending(store, progress=progress, should_stop=should_stop)
    optimise(store)
    log.info("search index rebuilt: %d messages in %.1f s", count, time.perf_counter() - started)
    return count


@writes
def _clear_and_queue_all(store: Store) -> None:
    with store.write() as session:
        cursor = session.connection().connection.cursor()
        try:
            cursor.execute("DELETE FROM mail_fts")
            cursor.execute("INSERT OR IGNORE INTO mail_fts_pending (message_id) SELECT id FROM mail_messages")
        finally:
            cursor.close()


@writes
def optimise(store: Store) -> None:
    """Merge the index's segments into one (faster queries after a big batch of inserts)."""
    with store.write() as session:
        session.connection().connection.execute("INSERT INTO mail_fts (mail_fts) VALUES ('optimize')")
