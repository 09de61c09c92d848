"""Overlapping the network with parsing and storing during a folder's initial sync.

Threading: the sync thread fetches batch N+1 from the server while one store thread parses,
compresses and writes batch N.  Socket reads, zlib and SQLite all release the GIL, so on two
cores the stages really overlap.  The queue is short (two batches), which bounds memory.
Batches are stored in the order they were fetched (newest first).  An exception in the store
thread stops the pipeline and is re-raised on the sync thread by :meth:`submit` or
:meth:`close`; a batch is stored whole or not at all, so stopping anywhere is safe.
"""

from __future__ import annotations

import queue
import threading
from typing import Callable

from app import switch_interval

_DONE = object()


class StorePipeline:
    def __init__(self, store_batch: Callable[[list], None], depth: int = 2):
        self._store_batch = store_batch
        self._queue: queue.Queue = queue.Queue(maxsize=depth)
        self._error: BaseException | None = None
        self._thread = threading.Thread(target=self._run, name="liaison-store", daemon=True)
        # The fetch thread wakes for every TLS record (~16 KiB) and must win the GIL back from
        # the CPU-bound store thread each time; with the default 5 ms switch interval it waits
        # behind it (a GIL convoy) and the two stages barely overlap.
        switch_interval.begin()
        self._thread.start()

    def _run(self) -> None:
        while True:
            batch = self._queue.get()
            if batch is _DONE:
                return
            if self._error is not None:
                continue  # drain without storing after a failure
            try:
                self._store_batch(batch)
            except BaseException as exc:  # handed to the sync thread
                self._error = exc

    def _raise_if_failed(self) -> None:
        if self._error is not None:
            raise self._error

    def submit(self, batch: list) -> None:
        self._raise_if_failed()
        self._queue.put(batch)

    def close(self) -> None:
        """Wait until every submitted batch is stored; re-raise a store failure."""
        self._queue.put(_DONE)
        self._thread.join()
        switch_interval.end()
        self._raise_if_failed()
