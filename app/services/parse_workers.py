"""Parsing a big first sync in worker processes: every core busy, the window's thread left alone.

**Why processes.**  Parsing a fetched message (MIME headers, addresses, compressing the body,
building its search document) is pure Python.  Done by the store thread of the syncing
process it competes with the fetch thread, the writer and, in the app, the window's thread
for one interpreter lock: a first sync then uses about one core, and the window stalls while
the store thread holds the lock.  :class:`SyncPreparer` sends each fetched batch of a folder
that brings at least ``WORKERS_FROM`` new messages to a small pool of ``spawn``-ed processes
(safe beside Qt's and SQLite's threads; they end with the process that started them,
:mod:`app.search.worker_lifetime`) and gets back :class:`PreparedBatch` es: rows ready to
insert, compressed bodies, and the search documents, so the writer stores each message and
indexes it in one transaction and the whole mailbox is searchable when the pass ends.  Only
the parent writes (the one-writer rule holds); workers never open the database.

**Smaller syncs** (new mail, a folder of a few hundred) are parsed on the store thread as
before, documents included: starting the processes would cost more than they save.

**Failures.**  When the workers cannot start or die (a frozen build without
``freeze_support``, no ``/dev/shm``, killed by the system), the batch they held is parsed on
the store thread and so is the rest of the pass, without documents: those messages stay
queued and the indexer fills them in after the pass, as it always did.  A parse error in a
worker cannot happen for bad mail (the parsers never raise on it); any other exception is
re-raised on the store thread like one of its own, and the batch is not stored.

**Priority.**  Workers run slightly below normal priority: the syncing process (fetching,
writing, and the window) is the pipeline's narrowest stage, so it comes first; on an idle
machine the workers get all the rest.
"""

from __future__ import annotations

import logging
import threading
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from multiprocessing import get_context

from app.mail.imap.batch_preparer import Deferred, PendingBatch
from app.mail.imap.fetched import FetchedBody
from app.mail.imap.message_writer import PreparedBatch, prepare_batch
from app.search.mail_document import fetched_document
from app.search.mail_index import worker_count
from app.search.worker_lifetime import die_with_parent, lower_priority

log = logging.getLogger("liaison.sync")

WORKERS_FROM = 1000  # new messages in a folder from which worker processes pay for their start-up
WORKER_NICENESS = 5


def _start_worker() -> None:
    die_with_parent()
    lower_priority(WORKER_NICENESS)


def prepare_in_worker(folder_id: int, bodies: list[FetchedBody], documents: bool) -> PreparedBatch:
    """Worker process entry: one batch prepared; the raw bytes are not sent back (the
    compressed copy is what is stored)."""
    prepared = prepare_batch(folder_id, bodies, fetched_document if documents else None)
    for message in prepared.messages:
        message.raw = b""
    return prepared


class _FromWorker:
    """A batch a worker prepares; parsed on the asking thread instead if the workers broke."""

    def __init__(self, future: Future, preparer: "SyncPreparer", folder_id: int, bodies: list[FetchedBody]):
        self._future = future
        self._preparer = preparer
        self._folder_id = folder_id
        self._bodies = bodies

    def result(self) -> PreparedBatch:
        try:
            return self._future.result()
        except BrokenProcessPool as exc:
            self._preparer.mark_broken(exc)
            return prepare_batch(self._folder_id, self._bodies)  # documents: left to the indexer


class SyncPreparer:
    """The preparer of one sync pass (see the module docstring); ``close`` ends its workers.

    ``documents`` False (``sync --no-index``) leaves every message queued for the indexer.
    Submitted from the fetch thread, results asked for by the store thread.
    """

    def __init__(self, documents: bool = True, workers: int | None = None, workers_from: int | None = None):
        self.documents = documents
        self.count = worker_count() if workers is None else workers
        self.workers_from = WORKERS_FROM if workers_from is None else workers_from
        self.broken = False
        self._pool: ProcessPoolExecutor | None = None
        self._lock = threading.Lock()

    @property
    def started(self) -> bool:
        return self._pool is not None

    def submit(self, folder_id: int, bodies: list[FetchedBody], expected: int) -> PendingBatch:
        if self.count and not self.broken and expected >= self.workers_from:
            pool = self._started_pool()
            try:
                future = pool.submit(prepare_in_worker, folder_id, bodies, self.documents)
            except (BrokenProcessPool, RuntimeError) as exc:  # RuntimeError: shut down meanwhile
                self.mark_broken(exc)
            else:
                return _FromWorker(future, self, folder_id, bodies)
        if self.broken:
            return Deferred(lambda: prepare_batch(folder_id, bodies))
        document = fetched_document if self.documents else None
        return Deferred(lambda: prepare_batch(folder_id, bodies, document))

    def _started_pool(self) -> ProcessPoolExecutor:
        with self._lock:
            if self._pool is None:
                self._pool = ProcessPoolExecutor(max_workers=self.count, mp_context=get_context("spawn"),
                                                 initializer=_start_worker)
            return self._pool

    def mark_broken(self, exc: BaseException) -> None:
        if not self.broken:
            log.warning("parsing workers failed (%s); parsing in this process, search indexing after the pass", exc)
        self.broken = True

    def close(self) -> None:
        with self._lock:
            pool, self._pool = self._pool, None
        if pool is not None:
            pool.shutdown(wait=True, cancel_futures=True)
