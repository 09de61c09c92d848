"""`import-mail`: old mail from mbox, .eml folders or a Thunderbird profile, kept or uploaded.

The grammar (:func:`add_import_command`) is read for every ``--help``: the importer is
imported only when the command runs.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING

from app.errors import UserFacingError

if TYPE_CHECKING:
    from app.mail.importing.importer import ImportProgress, ImportReport


def add_import_command(commands) -> None:
    command = commands.add_parser(
        "import-mail", help="import mail from an mbox file, a folder of .eml files or a Thunderbird profile",
        description="Messages go into Local Folders (kept on this computer only), or with --upload into "
        "a folder of an account's server. Running it again continues an interrupted import: messages "
        "already there (same Message-ID, or same bytes) are skipped.")
    command.add_argument("path", metavar="PATH",
                         help="an mbox file, an Apple Mail .mbox export, a folder of .eml files, or a "
                         "Thunderbird profile (its Mail/Local Folders)")
    command.add_argument("--to-folder", metavar="FOLDER",
                         help="the folder to import into (default: the file's or folder's name; a "
                         "Thunderbird profile's folders keep their names)")
    command.add_argument("--upload", action="store_true",
                         help="append the messages to the account's server instead (needs --account)")
    command.add_argument("--account", help="the account to upload to")
    command.add_argument("--no-index", action="store_true",
                         help="do not index the imported mail for search now (the next sync does)")


class _TerminalProgress:
    """One self-overwriting line on stderr, only when it is a terminal."""

    def __init__(self):
        self.enabled = sys.stderr.isatty()

    def __call__(self, p: "ImportProgress") -> None:
        if self.enabled:
            share = f" ({100 * p.bytes_done // p.bytes_total}%)" if p.bytes_total else ""
            sys.stderr.write(f"\r{p.folder}: {p.messages:,} read, {p.imported:,} imported{share}\x1b[K")
            sys.stderr.flush()

    def clear(self) -> None:
        if self.enabled:
            sys.stderr.write("\r\x1b[K")
            sys.stderr.flush()


def _print_report(where: str, report: "ImportReport") -> int:
    """The per-folder lines and the total; returns how many messages had a problem."""
    from app.mail.importing.importer import DELETED, DUPLICATE

    expected = {DUPLICATE, DELETED}  # left out, and not a problem with the file
    problems = 0
    for folder in report.folders:
        left_out = "".join(f", {count:,} {reason}" for reason, count in sorted(folder.skipped.items()))
        print(f"{where}/{folder.folder}: {folder.imported:,} imported{left_out}")
        for reason, count in sorted(folder.skipped.items()):
            if reason not in expected:
                problems += count
                print(f"liaison: {count:,} message(s) of {folder.source} not imported: {reason}", file=sys.stderr)
    rate = report.imported / report.seconds if report.seconds > 0 else 0
    print(f"{where}: {report.imported:,} messages imported into {len(report.folders)} folder(s) "
          f"in {report.seconds:.1f} s ({rate:,.0f} messages/s)")
    return problems


def run(args, store) -> int:
    path = Path(args.path)
    if args.account and not args.upload:
        raise UserFacingError("--account goes with --upload (without it the mail goes into Local Folders).")
    progress = _TerminalProgress()
    if args.upload:
        return _upload(args, store, path, progress)
    from app.services.mail_import import import_local

    try:
        outcome = import_local(store, path, args.to_folder, progress, index=not args.no_index)
    finally:
        progress.clear()
    problems = _print_report(outcome.account, outcome.report)
    if outcome.indexed:
        print(f"{outcome.indexed:,} messages indexed for search")
    for error in outcome.hook_errors or []:
        print(f"liaison: {error}", file=sys.stderr)
    return 1 if problems or outcome.hook_errors else 0


def _upload(args, store, path: Path, progress: _TerminalProgress) -> int:
    from app.cli.services_session import running_services
    from app.services.mail_import import upload
    from app.store.accounts import get_account

    if not args.account:
        raise UserFacingError("Name the account to upload to with --account.")
    account = get_account(store, args.account)
    with running_services(store) as services:
        try:
            outcome, summaries = upload(services, account, path, args.to_folder, progress)
        finally:
            progress.clear()
    problems = _print_report(account.name, outcome.report)
    synced = sum(s.new for s in summaries if s is not None)
    print(f"{account.name}: synced, {synced:,} new messages stored")
    errors = [e for s in summaries if s is not None for e in (*s.errors, *s.hook_errors)]
    for error in errors:
        print(f"liaison: {account.name}: {error}", file=sys.stderr)
    return 1 if problems or errors else 0
