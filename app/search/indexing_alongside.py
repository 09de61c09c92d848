"""Search indexing alongside a sync pass, so a long first sync is searchable as it goes.

**Threads and processes.**  One thread of the syncing process looks at the queue every
``interval`` seconds; once ``minimum`` messages wait, their documents are built by
:class:`~app.search.mail_index.IndexWorkers` (separate processes at a lower CPU priority)
and written by this thread.  Building documents in this process instead would take the GIL
from the store thread: that made storing three times slower (bench/sync_bench.py).

**Storing comes first.**  Writing a batch of documents holds the store's write lock for
a while (FTS5 tokenises in the writer: about 0.2 ms a message) and the workers take CPU,
so this thread starts the workers and writes only in a quiet moment: when no other thread
has written for ``quiet`` seconds, as when the sync waits for the network.  When the
server delivers faster than it can be stored (a local server, a fast LAN), there is no
quiet moment and the index is filled at the end of the pass instead, exactly as without
this thread; with a remote server it keeps up.  On one core, or if the workers cannot
start, nothing runs alongside; the pass's final
:func:`~app.search.mail_index.index_pending` does it all.

Stopping is prompt: the thread finishes the batch it is writing, and what is not written
stays queued for the end of the pass.
"""

from __future__ import annotations

import logging
import threading
import time

from app.search import mail_index
from app.search.mail_index import IndexWorkers
from app.store.database import Store

log = logging.getLogger("liaison.search")


class IndexingAlongside:
    """Index the queue in the background while mail is being stored; ``indexed`` counts it."""

    def __init__(self, store: Store, workers: IndexWorkers, *, interval: float = 1.0,
                 minimum: int = mail_index.PARALLEL_FROM, quiet: float = 0.3):
        self.store = store
        self.workers = workers
        self.interval = interval
        self.minimum = minimum
        self.quiet = quiet
        self.indexed = 0
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None

    def start(self) -> None:
        if self.workers.count == 0:
            return
        self._thread = threading.Thread(target=self._run, name="search-indexing", daemon=True)
        self._thread.start()

    def stop(self) -> None:
        """Stop after the batch being written; returns once the thread has ended."""
        self._stop.set()
        if self._thread is not None:
            self._thread.join()
            self._thread = None

    def _run(self) -> None:
        while not self._stop.wait(self.interval):
            if self.workers.broken or not self._quiet_now():
                continue
            if mail_index.pending_count(self.store) < self.minimum:
                continue
            try:
                self.workers.start()  # never build documents in this process (see above)
                self.indexed += mail_index.index_pending(self.store, workers=self.workers,
                                                         should_stop=self._stop.is_set,
                                                         before_write=self._wait_for_quiet,
                                                         in_process=False)
            except Exception:  # noqa: BLE001 - the queue stays; the end of the pass indexes it
                log.exception("search indexing alongside the sync failed; it continues after the pass")
                return

    def _quiet_for(self) -> float:
        """Seconds since another thread last wrote (infinite if this one wrote last)."""
        if self.store.last_writer == threading.get_ident():
            return float("inf")
        return time.monotonic() - self.store.last_write_end

    def _quiet_now(self) -> bool:
        return self._quiet_for() >= self.quiet

    def _wait_for_quiet(self) -> None:
        """Return once no other thread has written for ``quiet`` seconds, or on stop."""
        while not self._stop.is_set() and not self._quiet_now():
            # Never a negative timeout: to a lock, -1 means "wait for ever".
            self._stop.wait(max(0.01, self.quiet - self._quiet_for()))
