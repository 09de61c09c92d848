"""One IMAP pass over an account: push queued changes, list folders, sync each folder.

The Inbox goes first, then Sent, then the rest, so what the user needs first is ready first.
A folder that fails on the server side is recorded with its error and the pass goes on; a
lost connection ends the pass (the next one resumes where this one stopped).

This module knows only IMAP and the mail cache.  What else happens in the session (settling
interrupted sends, filing sent copies) and after the pass (threading, linking to customers,
search indexing) is plugged in by :mod:`app.services`: ``in_session`` steps receive the
open connection.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from typing import Callable

from app.errors import NetworkError, Phrase, ServerError, UserFacingError
from app.mail.imap.actions import push_pending
from app.mail.imap.batch_preparer import BatchPreparer
from app.mail.imap.folder_list import enable_extensions, list_server_folders
from app.mail.imap.folder_sync import FolderSync, ProgressFn
from app.mail.imap.session import Credential, close_quietly, imap_errors, imap_settings, open_session
from app.store import mail_cache
from app.store.accounts import account_folders
from app.store.database import Store
from app.store.models import Account

log = logging.getLogger("liaison.sync")

_ROLE_ORDER = {"inbox": 0, "sent": 1, "drafts": 2, "archive": 3}

SessionStep = Callable[[object], None]  # called with the open IMAPClient


@dataclass
class PassResult:
    """What one pass did; ``errors`` are per-folder failures that did not stop it (phrases,
    translated where they are shown)."""

    folders: int = 0
    new: int = 0
    changed: int = 0
    removed: int = 0
    indexed: int = 0  # new messages indexed for search as they were stored
    pushed: int = 0
    errors: list[str] = field(default_factory=list)


def run_pass(store: Store, account: Account, credential: Credential, result: PassResult,
             only_folder: str | None = None, progress: ProgressFn | None = None,
             should_stop: Callable[[], bool] = lambda: False,
             in_session: tuple[SessionStep, ...] = (), preparer: BatchPreparer | None = None) -> PassResult:
    """One IMAP session: pending actions, folder list, ``in_session`` steps, then each folder
    (fetched batches parsed by ``preparer``: on the store thread when None)."""
    settings = imap_settings(account)
    client = open_session(settings, credential)
    try:
        with imap_errors(settings):
            client.normalise_times = False
            features = enable_extensions(client)
            pushed = push_pending(client, store, account.id)
            result.pushed = pushed.pushed
            result.errors.extend(pushed.given_up)  # told once: those actions are no longer queued
            mail_cache.reconcile_folders(store, account.id, list_server_folders(client))
            for step in in_session:
                step(client)
            folders = [f for f in account_folders(store, account.id) if f.selectable]
            if only_folder is not None:
                folders = [f for f in folders if f.name == only_folder]
                if not folders:
                    names = ", ".join(f.name for f in account_folders(store, account.id))
                    raise UserFacingError("No folder '{only_folder}' in {account_name} (folders: {names}).", only_folder=only_folder, account_name=account.name, names=names)
            folders.sort(key=lambda f: (_ROLE_ORDER.get(f.role or "", 9), f.name.lower()))
            for folder in folders:
                if should_stop():
                    break
                _sync_one(client, store, account, folder, features, progress, should_stop, result, preparer)
    finally:
        close_quietly(client)
    return result


def _sync_one(client, store, account, folder, features, progress, should_stop, result: PassResult,
              preparer: BatchPreparer | None) -> None:
    try:
        with imap_errors(imap_settings(account)):
            done = FolderSync(client, store, account.id, folder, features, progress, should_stop, preparer).run()
    except ServerError as exc:
        mail_cache.fail_folder_sync(store, folder.id, exc)
        result.errors.append(Phrase("{folder}: {error}", folder=folder.name, error=exc))
        log.warning("folder %s failed: %s", folder.name, exc)
        return
    except NetworkError as exc:
        mail_cache.fail_folder_sync(store, folder.id, exc)
        raise
    result.folders += 1
    result.new += done.new
    result.changed += done.changed
    result.removed += done.removed
    result.indexed += done.indexed
