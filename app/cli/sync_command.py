"""`sync`: one complete pass over one or all accounts, with progress and a summary."""

from __future__ import annotations

import sys

from app.cli.runner import error_lines
from app.cli.services_session import running_services
from app.errors import LiaisonError, UserFacingError
from app.mail.accounts.credential import credential_for  # noqa: F401  (re-exported for send_command)
from app.services.account_sync import INDEXING, SyncSummary
from app.store.accounts import get_account, list_accounts
from app.store.local_folders import has_server


class TerminalProgress:
    """A single self-overwriting progress line, only when stderr is a terminal."""

    def __init__(self, account_name: str):
        self.account_name = account_name
        self.enabled = sys.stderr.isatty()

    def __call__(self, folder: str, done: int, total: int) -> None:
        if self.enabled:
            what = (f"indexing for search: {done}/{total}" if folder == INDEXING
                    else f"{folder}: {done}/{total} new messages")
            sys.stderr.write(f"\r{self.account_name}/{what}\x1b[K")
            sys.stderr.flush()

    def clear(self) -> None:
        if self.enabled:
            sys.stderr.write("\r\x1b[K")


def _summary_line(s: SyncSummary, outbox: dict) -> str:
    pushed = f", {s.pushed} local changes pushed" if s.pushed else ""
    sent = "".join(f", {outbox[k]} {k}" for k in ("sent", "queued", "failed") if outbox.get(k))
    indexed = f", {s.indexed} indexed for search" if s.indexed else ""
    if s.indexed and s.indexed == s.indexed_alongside:
        indexed += " while syncing"
    elif s.indexed:
        indexed += f" in {s.index_seconds:.1f} s"
        if s.indexed_alongside:
            indexed += f" after the pass ({s.indexed_alongside} of them while syncing)"
    return (f"{s.account}: {s.folders} folders, {s.new} new, {s.changed} changed, "
            f"{s.removed} removed{pushed}{sent and ', outbox:' + sent[1:]} in {s.seconds:.1f} s{indexed}")


def run(args, store) -> int:
    if args.account:
        accounts = [get_account(store, args.account)]
        if not has_server(accounts[0]):
            raise UserFacingError("{account} is kept on this computer only: there is no server to sync it with.",
                                  code="sync.no_server", account=accounts[0].name)
    else:
        accounts = [a for a in list_accounts(store) if has_server(a)]
        if args.folder and len(accounts) > 1:
            raise UserFacingError("--folder needs --account when there are several accounts.")
    if not accounts:
        raise UserFacingError("No accounts yet: add one with 'liaison account add'.")
    failures = 0
    with running_services(store) as services:
        for account in accounts:
            progress = TerminalProgress(account.name)
            # The outbox is delivered on its own lane beside the pass: it needs SMTP only.
            delivery = services.deliver(account.id, force=True)
            try:
                summary = services.sync(account.id, args.folder, user=True, index=not args.no_index,
                                        progress=progress).result()
            except LiaisonError as exc:
                progress.clear()
                _wait_quietly(delivery)
                if len(accounts) == 1:
                    raise
                lines = error_lines(exc)
                print(f"liaison: {account.name}: {lines[0].removeprefix('liaison: ')}", *lines[1:],
                      sep="\n", file=sys.stderr)
                failures += 1
                continue
            progress.clear()
            print(_summary_line(summary, _wait_quietly(delivery) or {}))
            for error in [*summary.errors, *summary.hook_errors]:
                print(f"liaison: {account.name}: {error}", file=sys.stderr)
            failures += bool(summary.errors or summary.hook_errors)
        failures += _run_rules(services)
    return 1 if failures else 0


def _run_rules(services) -> int:
    """The rules on what this sync brought (mail received, the clock); mail they queued goes now."""
    services.rules.request(timed=True).result()
    report = services.rules.total  # this run and those the passes asked for
    if not report.matched:
        return 0
    print(f"rules: {report.done} done, {report.skipped} skipped, {report.failed} failed"
          + (f", {report.mail_queued} message(s) queued" if report.mail_queued else ""))
    for delivery in services.deliver_all() if report.mail_queued else []:
        _wait_quietly(delivery)
    return bool(report.failed)


def _wait_quietly(delivery) -> dict | None:
    """The outbox counts; a delivery that failed as a whole left its reason on each message."""
    try:
        return delivery.result()
    except LiaisonError:
        return None
