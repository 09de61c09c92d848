"""One account's sync pass: the IMAP pass, search indexing alongside it, then the hooks.

Search indexing is kept out of the store stage: building a document costs about as much CPU
as storing the message, and doing both there made an initial sync three times slower
(bench/sync_bench.py).  While the folders sync, a big queue is indexed alongside by
low-priority worker processes (:mod:`app.search.indexing_alongside`); whatever is left is
indexed at the end of the pass, after the after-pass hooks, so mail is listed as soon as it
is stored and searchable by the end of the pass at the latest.  ``index`` False leaves the
queue for a later pass (``sync --no-index``).
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
from app.store.database import Store
from app.store.models import Account

log = logging.getLogger("liaison.sync")

# The "folder" name progress reports while the search index is filled after the folders.
INDEXING = ""


@dataclass
class SyncSummary(PassResult):
    account: str = ""
    rethreaded: int = 0  # messages whose conversation changed
    indexed: int = 0  # messages indexed for search, alongside the folders and after them
    indexed_alongside: int = 0  # of those, indexed while the folders synced
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
        try:
            steps = tuple((lambda client, step=step: step(store, account, client)) for _n, step in hooks.in_session)
            run_pass(store, account, credential, summary, only_folder, progress, should_stop, steps)
        finally:
            alongside.stop()
        for name, step in hooks.after_pass:
            try:
                step(store, account, summary)
            except LiaisonError as exc:  # the mail is stored; the next pass tries the step again
                log.warning("after-pass step %r failed: %s", name, exc)
                summary.hook_errors.append(exc)
        summary.seconds = time.monotonic() - started
        summary.indexed = summary.indexed_alongside = alongside.indexed
        if index:
            indexing_started = time.monotonic()
            report = (lambda done, total: progress(INDEXING, done, total)) if progress else None
            summary.indexed += mail_index.index_pending(store, progress=report, should_stop=should_stop,
                                                        workers=workers)
            summary.index_seconds = time.monotonic() - indexing_started
    finally:
        workers.close()
    return summary
