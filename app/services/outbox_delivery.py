"""Delivering the outbox: a job of its own that needs SMTP only.

It never waits behind an IMAP pass or another account's sync (it runs on the account's
SMTP lane, :mod:`app.services.jobs`).  IMAP is used only *after* sending, to file the copies
in Sent and to settle a send that a crash interrupted inside DATA (only the Sent folder can
tell whether it went); if IMAP is unreachable that waits for the next pass, and sending is
not held up by it.
"""

from __future__ import annotations

import logging
from typing import Callable

from app.errors import LiaisonError
from app.mail.imap.session import Credential, close_quietly, imap_errors, imap_settings, open_session
from app.mail.sending import outbox
from app.store.database import Store
from app.store.models import Account

log = logging.getLogger("liaison.outbox")


def deliver_outbox(store: Store, account: Account, credential: Callable[[], Credential],
                   force: bool = False) -> dict[str, int]:
    """Send what is due (``force``: also what waits out a retry backoff); returns counts.

    ``credential`` is called only when there is something to do (it may read the keyring).
    """
    outbox.recover_interrupted(store, account.id)  # a crash before DATA: simply queued again
    if not outbox.due_messages(store, account.id, force=force):
        counts = {"sent": 0, "queued": 0, "failed": 0}
    else:
        counts = outbox.deliver_due(store, account, credential(), force=force)
    if outbox.needs_imap(store, account.id):
        _settle_with_imap(store, account, credential)
    return counts


def _settle_with_imap(store: Store, account: Account, credential: Callable[[], Credential]) -> None:
    settings = imap_settings(account)
    try:
        client = open_session(settings, credential())
    except LiaisonError as exc:
        log.info("sent copies wait for the next sync: %s", exc)
        return
    try:
        with imap_errors(settings):
            outbox.recover_interrupted(store, account.id, client)
            outbox.file_pending_copies(store, account, client)
    except LiaisonError as exc:
        log.info("sent copies wait for the next sync: %s", exc)
    finally:
        close_quietly(client)
