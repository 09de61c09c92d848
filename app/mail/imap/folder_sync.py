"""Synchronising one IMAP folder into the mail cache.

The algorithm, chosen so that stopping at *any* instant (network drop, ``kill -9``) loses
nothing and the next run ends with exactly the server's messages:

1. ``EXAMINE`` the folder.  A changed UIDVALIDITY empties the folder's cache first.
2. Work out what changed, with the cheapest method the server allows:
   * unchanged UIDNEXT, message count and HIGHESTMODSEQ: nothing to do (the fast path);
   * QRESYNC: ``CHANGEDSINCE … VANISHED`` gives flag changes and expunges at once;
   * CONDSTORE: ``CHANGEDSINCE`` gives flag changes; expunges are found by comparing counts,
     and by a full ``UID SEARCH ALL`` only when the counts disagree;
   * neither: flags of every cached message are compared, expunges as above.
   After an interrupted run (folder state not ``ok``) the full UID list is always compared,
   which fills any gap left behind.
3. New messages are fetched newest first, in batches; each batch is stored atomically and
   UIDs already cached are skipped, so a resumed run never duplicates.
4. Only then does the folder's cursor (UIDNEXT, HIGHESTMODSEQ, count) advance.

Messages with local flag changes still waiting to be pushed keep their local flags.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import Callable

from app.mail.imap.batch_pipeline import StorePipeline
from app.mail.imap.batch_preparer import BatchPreparer, InProcessPreparer, PendingBatch
from app.store.flags import normalise_flags
from app.mail.imap.commands import fetch_bodies, fetch_changed_since
from app.mail.imap import message_writer
from app.store import mail_cache
from app.store.database import Store
from app.store.models import Folder

FETCH_BATCH = 400  # at most this many messages per body fetch...
FETCH_BATCH_BYTES = 8 * 1024 * 1024  # ...and about this many bytes, which bounds memory
FLAG_BATCH = 2000  # UIDs per FLAGS fetch: keeps the command line well under 64 KiB

ProgressFn = Callable[[str, int, int], None]
log = logging.getLogger("liaison.sync")


@dataclass
class FolderResult:
    name: str
    new: int = 0
    changed: int = 0
    removed: int = 0
    indexed: int = 0  # of the new, those indexed for search as they were stored


@dataclass(frozen=True)
class ServerFeatures:
    condstore: bool
    qresync: bool


class FolderSync:
    """One pass over one folder.  Runs on a worker thread; never touches the UI."""

    def __init__(self, client, store: Store, account_id: int, folder: Folder,
                 features: ServerFeatures, progress: ProgressFn | None = None,
                 should_stop: Callable[[], bool] = lambda: False, preparer: BatchPreparer | None = None):
        self.client = client
        self.store = store
        self.account_id = account_id
        self.folder = folder
        self.features = features
        self.progress = progress or (lambda name, done, total: None)
        self.should_stop = should_stop
        self.preparer = preparer if preparer is not None else InProcessPreparer()
        self.result = FolderResult(folder.name)

    def run(self) -> FolderResult:
        folder = self.folder
        status = self.client.select_folder(folder.name, readonly=True)
        uidvalidity = int(status[b"UIDVALIDITY"])
        uidnext = status.get(b"UIDNEXT")
        exists = int(status.get(b"EXISTS", 0))
        modseq = status.get(b"HIGHESTMODSEQ") if self.features.condstore else None

        resumed = folder.sync_state != "ok"
        if folder.uidvalidity is not None and folder.uidvalidity != uidvalidity:
            # Courier gives an empty folder a new UIDVALIDITY at every SELECT until it holds mail:
            # nothing to fetch again there, so no warning in the log at every sync.
            report = log.warning if (folder.server_count or exists) else log.debug
            report("UIDVALIDITY of %s changed: fetching the folder again", folder.name)
            mail_cache.reset_folder(self.store, folder.id, uidvalidity)
            resumed = True
        elif (not resumed and uidnext is not None and uidnext == folder.uidnext
              and exists == folder.server_count and modseq is not None
              and modseq == folder.highestmodseq):
            return self.result  # nothing changed since the last complete pass

        mail_cache.begin_folder_sync(self.store, folder.id, uidvalidity)
        local = mail_cache.local_uids(self.store, folder.id)
        new_uids, removed = self._find_new_and_removed(local, exists, uidnext, resumed, modseq)
        if removed:
            mail_cache.remove_uids(self.store, folder.id, removed)
            self.result.removed = len(removed)
        self._fetch_new(sorted(new_uids, reverse=True))
        if self.should_stop():
            return self.result
        mail_cache.finish_folder_sync(self.store, folder.id, uidnext, modseq, exists)
        return self.result

    # -- what changed -------------------------------------------------------------------
    def _find_new_and_removed(self, local: set[int], exists: int, uidnext, resumed: bool, modseq):
        folder = self.folder
        removed: set[int] = set()
        incremental = not resumed and folder.uidnext is not None and uidnext is not None
        use_changedsince = (incremental and modseq is not None and folder.highestmodseq is not None)
        if use_changedsince:
            changed, vanished = fetch_changed_since(
                self.client, folder.highestmodseq, self.features.qresync, local)
            removed |= vanished
            self._apply_flag_changes({u: f for u, f in changed.items() if u in local and u not in removed})
        elif local:
            self._compare_all_flags(sorted(local))

        if incremental:
            new_uids = set()
            if uidnext > folder.uidnext:
                found = self.client.search(["UID", f"{folder.uidnext}:*"])
                new_uids = {u for u in found if u >= folder.uidnext and u not in local}
            if len(local) - len(removed) + len(new_uids) == exists:
                return new_uids, removed
            log.info("%s: counts disagree, comparing the full UID list", folder.name)
        server_uids = set(self.client.search(["ALL"])) if exists else set()
        return server_uids - local, removed | (local - server_uids)

    def _apply_flag_changes(self, server_flags: dict[int, set[str]]) -> None:
        if not server_flags:
            return
        protected = mail_cache.pending_uids(self.store, self.account_id, self.folder.name)
        cached = mail_cache.local_flags(self.store, self.folder.id, sorted(server_flags))
        changes = {uid: flags for uid, flags in server_flags.items()
                   if uid not in protected and uid in cached and cached[uid] != flags}
        if changes:
            mail_cache.update_flags(self.store, self.folder.id, changes)
            self.result.changed += len(changes)

    def _compare_all_flags(self, uids: list[int]) -> None:
        for start in range(0, len(uids), FLAG_BATCH):
            chunk = uids[start:start + FLAG_BATCH]
            fetched = self.client.fetch(chunk, ["FLAGS"])
            self._apply_flag_changes({uid: normalise_flags(item.get(b"FLAGS", ()))
                                      for uid, item in fetched.items()})

    # -- new messages -------------------------------------------------------------------
    def _fetch_new(self, uids_newest_first: list[int]) -> None:
        total = len(uids_newest_first)
        stored = 0

        def store_batch(pending: PendingBatch) -> None:
            nonlocal stored
            batch = pending.result()  # parsed by the preparer meanwhile, or now on this thread
            new = message_writer.store_prepared(self.store, self.folder.id, batch)
            self.result.new += new
            self.result.indexed += new if batch.documents is not None else 0
            stored += len(batch.messages)
            self.progress(self.folder.name, stored, total)

        # Two batches wait in the pipeline while one is stored, so a preparer with workers
        # has up to three to parse at once while the next is fetched.
        pipeline = StorePipeline(store_batch)
        try:
            for chunk in self._batches(uids_newest_first):
                if self.should_stop():
                    break
                bodies = fetch_bodies(self.client, chunk, self.features.condstore)
                pipeline.submit(self.preparer.submit(self.folder.id, bodies, total))
        finally:
            pipeline.close()  # what was fetched is stored even when the network failed

    def _batches(self, uids: list[int]):
        """Runs of UIDs (order kept) of at most FETCH_BATCH messages and ~FETCH_BATCH_BYTES."""
        sizes: dict[int, int] = {}
        for start in range(0, len(uids), FLAG_BATCH):
            chunk = uids[start:start + FLAG_BATCH]
            for uid, item in self.client.fetch(chunk, ["RFC822.SIZE"]).items():
                sizes[uid] = int(item.get(b"RFC822.SIZE") or 0)
        batch: list[int] = []
        batch_bytes = 0
        for uid in uids:
            size = sizes.get(uid, 0)
            if batch and (len(batch) >= FETCH_BATCH or batch_bytes + size > FETCH_BATCH_BYTES):
                yield batch
                batch, batch_bytes = [], 0
            batch.append(uid)
            batch_bytes += size
        if batch:
            yield batch
