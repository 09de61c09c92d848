"""Downloading the pages of a pull while the writer applies the ones before.

A first sync has two halves that need not wait for each other: the server answering a page
(the network and the server's own database) and this profile writing it (the writer thread).
:class:`PagePrefetch` runs the requests on a thread of its own, at most ``ahead`` pages in
front, and hands each page over in order together with the cursor it was asked with. The
caller applies them in order, a page and its cursor in the same transaction, so a sync killed
mid-pull loses only pages downloaded and not yet applied; the next sync asks for them again
from the stored cursor, and nothing is applied twice.

:meth:`PagePrefetch.batches` hands over, with the page the caller waits for, the pages that
are already downloaded behind it (never waiting for one): when the writer is the slower half
(a first sync of a large team) it applies several pages in one transaction, and SQLite writes
an index page touched by each of them to the WAL once instead of once per page.

Only reading happens here: no database, no keyring. A request's error (offline, signed out,
refused) reaches the caller when it gets to that page, after the pages before it.
"""

from __future__ import annotations

import queue
import threading
from collections.abc import Callable, Iterator

AHEAD = 4  # pages waiting at most (500 records each), besides the one being downloaded
BATCH = 4  # pages applied in one transaction at most
_PUT_WAIT = 0.2  # how often a fetcher waiting for room checks that it was not closed
_JOIN_TIMEOUT = 120  # longer than a request may take (app.sync.transport)


class PagePrefetch:
    """Pull pages from ``cursor`` on: ``fetch(cursor)`` is one request (on the fetch thread).

    Iterate for ``(cursor asked with, page)`` in order; :meth:`close` (always, in a
    ``finally``) ends the thread when the caller stops early: a request under way is waited
    for and its answer dropped.
    """

    def __init__(self, fetch: Callable[[str | None], dict], cursor: str | None, ahead: int = AHEAD):
        self._fetch = fetch
        self._pages: queue.Queue = queue.Queue(maxsize=ahead)
        self._closed = threading.Event()
        self._thread = threading.Thread(target=self._run, args=(cursor,), daemon=True,
                                        name="liaison-team-pull")
        self._thread.start()

    def __iter__(self) -> Iterator[tuple[str | None, dict]]:
        for batch in self.batches(most=1):
            yield from batch

    def batches(self, most: int | None = None) -> Iterator[list[tuple[str | None, dict]]]:
        """Like iterating, in lists: the next page (waited for) and up to ``most - 1`` pages
        (default :data:`BATCH`, read at the call) already downloaded behind it. A request's
        error is raised once the pages before it have been handed over."""
        most = most or BATCH
        failed: BaseException | None = None
        while failed is None:
            cursor, page, error = self._pages.get()
            if error is not None:
                raise error
            batch = [(cursor, page)]
            while len(batch) < most and not _last(*batch[-1]):
                try:
                    cursor, page, error = self._pages.get_nowait()
                except queue.Empty:
                    break
                if error is not None:
                    failed = error  # raised at the next call, after this batch is applied
                    break
                batch.append((cursor, page))
            yield batch
            if _last(*batch[-1]):
                return
        raise failed

    def close(self) -> None:
        """Stop fetching, and wait for a request under way (bounded by the transport's own
        timeout): no request of this pull outlives it, so the next sync's requests are the
        only ones in flight."""
        self._closed.set()
        if self._thread is not threading.current_thread():
            self._thread.join(timeout=_JOIN_TIMEOUT)

    def _run(self, cursor: str | None) -> None:
        while not self._closed.is_set():
            try:
                page = self._fetch(cursor)
            # Every exception is handed over, raised on the caller's thread in its turn: one
            # lost here would leave the caller waiting for a page forever.
            except BaseException as exc:  # noqa: BLE001
                self._put((cursor, None, exc))
                return
            if not self._put((cursor, page, None)) or _last(cursor, page):
                return
            cursor = page["cursor"]

    def _put(self, item) -> bool:
        """Queue ``item`` once there is room; False if the caller closed meanwhile."""
        while not self._closed.is_set():
            try:
                self._pages.put(item, timeout=_PUT_WAIT)
                return True
            except queue.Full:
                continue
        return False


def _last(cursor: str | None, page: dict) -> bool:
    """Nothing follows this page: the server says so, or the cursor did not move (asking
    again would bring the same page)."""
    return not page["more"] or page["cursor"] == cursor
