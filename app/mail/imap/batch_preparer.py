"""Who parses a fetched batch before it is stored: the store thread, or someone it waits for.

:class:`~app.mail.imap.folder_sync.FolderSync` hands each fetched batch to a preparer as soon
as it arrives and puts what it gets back in the store pipeline; the store thread asks for the
:class:`~app.mail.imap.message_writer.PreparedBatch` when the batch's turn comes.  This
module's :class:`InProcessPreparer` does the work right then, on the store thread (what a
small sync needs); :mod:`app.services.parse_workers` sends big first syncs to worker
processes, so that parsing uses the other cores and leaves the syncing process's interpreter
lock (and the window's thread) alone.
"""

from __future__ import annotations

from typing import Callable, Protocol

from app.mail.imap.fetched import FetchedBody
from app.mail.imap.message_writer import DocumentFn, PreparedBatch, prepare_batch


class PendingBatch(Protocol):
    def result(self) -> PreparedBatch:
        """The prepared batch; waits for it, or does the work now."""


class BatchPreparer(Protocol):
    def submit(self, folder_id: int, bodies: list[FetchedBody], expected: int) -> PendingBatch:
        """Start preparing ``bodies`` (``expected``: how many new messages the folder brings in all)."""


class Deferred:
    """Work done by whoever asks for the result (the store thread), once."""

    def __init__(self, work: Callable[[], PreparedBatch]):
        self._work = work

    def result(self) -> PreparedBatch:
        return self._work()


class InProcessPreparer:
    """Parse on the store thread; with ``document``, build the search documents there too."""

    def __init__(self, document: DocumentFn | None = None):
        self.document = document

    def submit(self, folder_id: int, bodies: list[FetchedBody], expected: int) -> PendingBatch:
        return Deferred(lambda: prepare_batch(folder_id, bodies, self.document))
