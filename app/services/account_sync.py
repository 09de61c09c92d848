"""One account's sync pass: the IMAP pass, search indexing alongside it, then the hooks.

Each fetched message is prepared once, from the bytes in hand — envelope, rows, compressed
body and its search document — before the store stage writes it: by worker processes for a folder bringing many new
messages (:mod:`app.services.parse_workers`), on the store thread for a few.  The writer
stores and indexes each batch in one transaction, so mail is searchable as soon as it is
listed.  Building documents on the store thread of a big first sync made it three times
slower (bench/sync_bench.py); the workers run on the other cores while this process fetches
and writes.

What is queued otherwise (mail stored before an upgrade, an import, a pass whose workers
failed) is indexed alongside the folders by low-priority worker processes
(:mod:`app.search.indexing_alongside`) and, what is left, at the end of the pass after the
after-pass hooks.  ``index`` False leaves everything queued for a later pass
(``sync --no-index``).
"""

from __future__ import annotations

import logging
import time
from dataclasses import dataclass, field
from typing import Callable

from app.errors import LiaisonError
from app.mail.imap.account_pass import PassResult, run_pass
from app.mail.imap.folder_sync import ProgressFn
from app.mail.imap.session import Credential
from app.search import mail_index
from app.search.indexing_alongside import IndexingAlongside
from app.services.hooks import PassHooks, default_hooks
from app.services.parse_workers import SyncPreparer
from app.store.database import Store
from app.store.models import Account

log = logging.getLogger("liaison.sync")

# The "folder" name progress reports while the search index is filled after the folders.
INDEXING = ""


@dataclass
class SyncSummary(PassResult):
    account: str = ""
    rethreaded: int = 0  # messages whose conversation changed
    # ``indexed`` (of PassResult) counts the messages indexed as they were stored; after the
    # pass it is the total indexed for search: with the mail, alongside the folders and after them
    indexed_alongside: int = 0  # of those, indexed while the folders synced (with the mail or alongside)
    index_seconds: float = 0.0  # indexing after the pass; not part of ``seconds``
    seconds: float = 0.0
    hook_errors: list = field(default_factory=list)  # LiaisonErrors of after-pass steps


def sync_account(store: Store, account: Account, credential: Credential,
                 only_folder: str | None = None, progress: ProgressFn | None = None,
                 should_stop: Callable[[], bool] = lambda: False, index: bool = True,
                 hooks: PassHooks | None = None) -> SyncSummary:
    """One pass over an account (see the module docstring); network errors propagate."""
    hooks = hooks if hooks is not None else default_hooks()
    started = time.monotonic()
    summary = SyncSummary(account=account.name)
    workers = mail_index.IndexWorkers(mail_index.worker_count())
    try:
        alongside = IndexingAlongside(store, workers)
        if index:
            alongside.start()
        preparer = SyncPreparer(documents=index)  # its workers serve the folders only
        try:
            steps = tuple((lambda client, step=step: step(store, account, client)) for _n, step in hooks.in_session)
            run_pass(store, account, credential, summary, only_folder, progress, should_stop, steps, preparer)
        finally:
            alongside.stop()
            preparer.close()
        for name, step in hooks.after_pass:
            try:
                step(store, account, summary)
            except LiaisonError as exc:  # the mail is stored; the next pass tries the step again
                log.warning("after-pass step %r failed: %s", name, exc)
                summary.hook_errors.append(exc)
        summary.seconds = time.monotonic() - started
        summary.indexed = summary.indexed_alongside = summary.indexed + alongside.indexed
        if index:
            indexing_started = time.monotonic()
            report = (lambda done, total: progress(INDEXING, done, total)) if progress else None
            summary.indexed += mail_index.index_pending(store, progress=report, should_stop=should_stop,
                                                        workers=workers)
            summary.index_seconds = time.monotonic() - indexing_started
    finally:
        workers.close()
    return summary
