"""One complete sync pass of one account: push queued changes, list folders, sync each.

The Inbox goes first, then Sent, then the rest, so what the user needs first is ready first.
A folder that fails on the server side is recorded with its error and the pass goes on; a
lost connection ends the pass (the next one resumes where this one stopped).
"""

from __future__ import annotations

import logging
import time
from dataclasses import dataclass, field
from typing import Callable

from app.crm.mail_hooks import after_sync
from app.search import crm_index, mail_index
from app.search.indexing_alongside import IndexingAlongside
from app.errors import NetworkError, ServerError, UserFacingError
from app.mail.folder_roles import assign_roles
from app.mail.folder_sync import FolderSync, ProgressFn, ServerFeatures
from app.mail.imap_session import (
    Credential,
    ImapSettings,
    close_quietly,
    imap_errors,
    open_session,
)
from app.mail import outbox
from app.mail.mail_actions import push_pending
from app.store import mail_cache, threads
from app.store.accounts import account_folders
from app.store.database import Store
from app.store.mail_cache import ServerFolder
from app.store.models import Account

log = logging.getLogger("liaison.sync")

_ROLE_ORDER = {"inbox": 0, "sent": 1, "drafts": 2, "archive": 3}


@dataclass
class SyncSummary:
    account: str
    folders: int = 0
    new: int = 0
    changed: int = 0
    removed: int = 0
    pushed: int = 0
    rethreaded: int = 0  # messages whose conversation changed
    indexed: int = 0  # messages indexed for search, alongside the folders and after them
    indexed_alongside: int = 0  # of those, indexed while the folders synced
    index_seconds: float = 0.0  # indexing after the pass; not part of ``seconds``
    outbox: dict = field(default_factory=dict)  # sent / queued / failed counts
    seconds: float = 0.0
    errors: list[str] = field(default_factory=list)


# The "folder" name progress reports while the search index is filled after the folders.
INDEXING = ""


def imap_settings(account: Account) -> ImapSettings:
    """Connection settings of a stored account (or of a new one being checked)."""
    return ImapSettings(host=account.imap_host, port=account.imap_port,
                        security=account.imap_security, username=account.username,
                        tls_verify=account.tls_verify, ca_file=account.ca_file)


def enable_extensions(client) -> ServerFeatures:
    """Turn on QRESYNC (or CONDSTORE) so SELECT reports HIGHESTMODSEQ."""
    capabilities = {c.upper() for c in client.capabilities()}
    if b"QRESYNC" in capabilities:
        client.enable("QRESYNC")
        return ServerFeatures(condstore=True, qresync=True)
    if b"CONDSTORE" in capabilities:
        client.enable("CONDSTORE")
        return ServerFeatures(condstore=True, qresync=False)
    return ServerFeatures(condstore=False, qresync=False)


def list_server_folders(client) -> list[ServerFolder]:
    listed = []
    for flags, delimiter, name in client.list_folders():
        text_flags = {f.decode() if isinstance(f, bytes) else str(f) for f in flags}
        delim = delimiter.decode() if isinstance(delimiter, bytes) else delimiter
        listed.append((name, text_flags, delim))
    roles = assign_roles(listed)
    return [ServerFolder(name=name, delimiter=delim, flags=frozenset(flags), role=roles[name],
                         selectable=not {"\\noselect", "\\nonexistent"} & {f.lower() for f in flags})
            for name, flags, delim in listed]


def drain_outbox(store: Store, account: Account, credential: Credential, imap_client) -> dict:
    """Settle interrupted sends, send what is due, file copies in Sent (errors stay per message)."""
    outbox.recover_interrupted(store, account.id, imap_client)
    counts = outbox.deliver_due(store, account, credential, imap_client)
    outbox.file_pending_copies(store, account, imap_client)
    return counts


def sync_account(store: Store, account: Account, credential: Credential,
                 only_folder: str | None = None, progress: ProgressFn | None = None,
                 should_stop: Callable[[], bool] = lambda: False, index: bool = True) -> SyncSummary:
    """One pass over an account: pending actions, folders, outbox, new mail, then the rest.

    Search indexing is kept out of the store thread: building a document costs about as
    much CPU as storing the message, and doing both there made an initial sync three times
    slower (bench/sync_bench.py).  While the folders sync, a big queue is indexed alongside
    by low-priority worker processes (:mod:`app.search.indexing_alongside`); whatever is
    left is indexed at the end of the pass, after threading and linking, so mail is listed
    as soon as it is stored and searchable by the end of the pass at the latest.  An IDLE
    arrival is indexed in milliseconds.  ``index`` False leaves the queue for a later pass
    (``sync --no-index``).
    """
    started = time.monotonic()
    summary = SyncSummary(account=account.name)
    workers = mail_index.IndexWorkers(mail_index.worker_count())
    try:
        alongside = IndexingAlongside(store, workers)
        if index:
            alongside.start()
        try:
            _sync_folders(store, account, credential, only_folder, progress, should_stop, summary)
        finally:
            alongside.stop()
        if summary.new or threads.needs_threading(store, account.id):
            summary.rethreaded = threads.rethread_account(store, account.id)
        after_sync(store)  # link new mail to customers, settle follow-ups
        crm_index.index_pending(store)
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


def _sync_folders(store: Store, account: Account, credential: Credential, only_folder: str | None,
                  progress: ProgressFn | None, should_stop: Callable[[], bool], summary: SyncSummary) -> None:
    """One IMAP session: pending actions, folder list, outbox, then each folder's mail."""
    settings = imap_settings(account)
    client = open_session(settings, credential)
    try:
        with imap_errors(settings):
            client.normalise_times = False
            features = enable_extensions(client)
            summary.pushed = push_pending(client, store, account.id)
            mail_cache.reconcile_folders(store, account.id, list_server_folders(client))
            summary.outbox = drain_outbox(store, account, credential, client)
            folders = [f for f in account_folders(store, account.id) if f.selectable]
            if only_folder is not None:
                folders = [f for f in folders if f.name == only_folder]
                if not folders:
                    names = ", ".join(f.name for f in account_folders(store, account.id))
                    raise UserFacingError(f"No folder '{only_folder}' in {account.name} (folders: {names}).")
            folders.sort(key=lambda f: (_ROLE_ORDER.get(f.role or "", 9), f.name.lower()))
            for folder in folders:
                if should_stop():
                    break
                _sync_one(client, store, account, folder, features, progress, should_stop, summary)
    finally:
        close_quietly(client)


def _sync_one(client, store, account, folder, features, progress, should_stop, summary) -> None:
    try:
        with imap_errors(imap_settings(account)):
            result = FolderSync(client, store, account.id, folder, features, progress,
                                should_stop).run()
    except ServerError as exc:
        mail_cache.fail_folder_sync(store, folder.id, str(exc))
        summary.errors.append(f"{folder.name}: {exc}")
        log.warning("folder %s failed: %s", folder.name, exc)
        return
    except NetworkError as exc:
        mail_cache.fail_folder_sync(store, folder.id, str(exc))
        raise
    summary.folders += 1
    summary.new += result.new
    summary.changed += result.changed
    summary.removed += result.removed
