"""Moving in: old mail imported into Local Folders or uploaded to an account (no Qt).

Both front ends call these; the work is :class:`app.mail.importing.importer.Importer`.

* :func:`import_local` stores the messages in Local Folders, then runs what a sync pass runs
  after storing new mail (the hooks of :mod:`app.services.hooks`: threading, customer
  linking, the customer search queue) and indexes the new mail for search, so imported
  mail is listed, searched and linked like synced mail.  It holds the Local Folders
  account's sync lock, so two imports (two processes) cannot interleave.
* :func:`upload` appends the messages to a folder of an IMAP account as a job on that
  account's ``imap`` lane (never beside its own sync pass), then syncs the folders it wrote
  to, which brings the mail into the store through the normal sync and its hooks.

**Threads.**  :func:`import_local` runs on the caller's thread (the CLI's, or a worker's
for the window: it reads files and parses for a long time, so never the GUI thread);
database writes go to the writer thread batch by batch.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Callable

from app.errors import Busy, Cancelled, UserFacingError
from app.mail.importing.importer import Importer, ImportReport, ProgressFn
from app.mail.importing.local_destination import LocalDestination
from app.services.hooks import PassHooks, default_hooks
from app.services.sync_lock import SyncLock, profile_of
from app.store.database import Store
from app.store.local_folders import has_server
from app.store.models import Account


@dataclass
class _AfterImport:
    """What the after-pass hooks read and write of a pass's summary."""

    new: int
    rethreaded: int = 0


@dataclass
class ImportOutcome:
    report: ImportReport
    account: str
    indexed: int = 0
    hook_errors: list | None = None


def import_local(store: Store, path: Path, base: str | None = None, progress: ProgressFn | None = None,
                 should_stop: Callable[[], bool] = lambda: False, hooks: PassHooks | None = None,
                 index: bool = True) -> ImportOutcome:
    """Import ``path`` into Local Folders (``base``: the folder to import into)."""
    destination = LocalDestination(store)
    importer = Importer(path, destination, base, should_stop)  # refuses a path with no mail first
    account = destination.account
    try:
        with SyncLock(profile_of(store.path), account.uuid, account.name).held():
            report = importer.run(progress)
    except Busy as exc:
        if exc.code != "sync.busy":
            raise
        raise Busy("Another import into {account} is under way; run this one when it has finished.",
                   code="import.busy", account=account.name) from None
    outcome = ImportOutcome(report, account.name, hook_errors=[])
    if report.imported:
        outcome.hook_errors = _after_import(store, account, report.imported, hooks)
        if index:
            from app.search import mail_index

            outcome.indexed = mail_index.index_pending(store)
    return outcome


def _after_import(store: Store, account: Account, new: int, hooks: PassHooks | None) -> list:
    from app.errors import LiaisonError

    errors = []
    summary = _AfterImport(new)
    for _name, step in (hooks if hooks is not None else default_hooks()).after_pass:
        try:
            step(store, account, summary)
        except LiaisonError as exc:  # the mail is stored; the next sync runs the step again
            errors.append(exc)
    return errors


def upload(services, account: Account, path: Path, base: str | None = None,
           progress: ProgressFn | None = None,
           should_stop: Callable[[], bool] = lambda: False) -> tuple[ImportOutcome, list]:
    """Append ``path``'s messages to ``account`` and sync the folders written to.

    Returns the outcome and the sync summaries.  Errors (login, network) propagate as
    :class:`~app.errors.LiaisonError`; a message the server refuses is counted in the report.
    Stopped (``should_stop``), the folders written to are still synced before
    :class:`~app.errors.Cancelled` is raised, so what reached the server is in the store."""
    if not has_server(account):
        raise UserFacingError("{account} has no server to upload to; import without --upload to keep "
                              "the mail in Local Folders.", code="import.no_server", account=account.name)
    Importer(path, _Nowhere(), base)  # a path with no mail is refused before logging in

    def job(account_now: Account, credential):
        from app.mail.imap.session import close_quietly, imap_settings, open_session
        from app.mail.importing.imap_destination import ImapDestination

        settings = imap_settings(account_now)
        client = open_session(settings, credential)
        destination = None
        try:
            destination = ImapDestination(client, settings)
            return Importer(path, destination, base, should_stop).run(progress), destination.touched, None
        except Cancelled as stopped:
            return None, destination.touched if destination else [], stopped
        finally:
            close_quietly(client)

    result = services.run_on_account(account.id, "imap", ("import", str(path)), job).result()
    if result is None:
        raise UserFacingError("{account} cannot be synced, so nothing was uploaded.", code="import.no_server",
                              account=account.name)
    report, touched, stopped = result
    summaries = [services.sync(account.id, folder, user=True).result() for folder in touched]
    if stopped is not None:
        raise stopped
    return ImportOutcome(report, account.name), summaries


class _Nowhere:
    def folder(self, name: str):
        raise AssertionError("only checks the path")
