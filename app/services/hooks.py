"""Steps that run inside an account's IMAP session and after its pass, registered, not imported.

``app.mail`` knows nothing of customers, search or (later) automation and team sync: each of
those registers a step here, and :mod:`app.services.account_sync` runs them in order.  A
failing after-pass step is logged and reported in the pass's summary; the mail already
stored is kept and the other steps still run.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Callable

from app.store.database import Store
from app.store.models import Account

# (store, account, imap client) — runs in the open IMAP session, after the folder list.
SessionStep = Callable[[Store, Account, object], None]
# (store, account, summary) — runs after the folders synced.
AfterPassStep = Callable[[Store, Account, object], None]


@dataclass
class PassHooks:
    in_session: list[tuple[str, SessionStep]] = field(default_factory=list)
    after_pass: list[tuple[str, AfterPassStep]] = field(default_factory=list)

    def add_in_session(self, name: str, step: SessionStep) -> None:
        self.in_session.append((name, step))

    def add_after_pass(self, name: str, step: AfterPassStep) -> None:
        self.after_pass.append((name, step))


def default_hooks() -> PassHooks:
    """The steps every pass runs today: outbox settling in the session; threading and
    customer linking after it.  (Search indexing is part of the pass itself: it overlaps
    the folders, see :mod:`app.services.account_sync`.)"""
    from app.crm.mail_hooks import after_sync
    from app.mail.reading.conversation_threads import needs_threading, rethread_account
    from app.mail.sending import outbox
    from app.search import crm_index

    hooks = PassHooks()

    def settle_outbox(store: Store, account: Account, client) -> None:
        # Sends a crash interrupted inside DATA are settled by looking in Sent; copies of sent
        # mail that did not reach Sent yet are filed.  Delivery itself is its own job (SMTP only).
        outbox.recover_interrupted(store, account.id, client)
        outbox.file_pending_copies(store, account, client)

    def rethread(store: Store, account: Account, summary) -> None:
        if summary.new or needs_threading(store, account.id):
            summary.rethreaded = rethread_account(store, account.id)

    hooks.add_in_session("outbox", settle_outbox)
    hooks.add_after_pass("conversations", rethread)
    hooks.add_after_pass("customers", lambda store, account, summary: after_sync(store))
    hooks.add_after_pass("customer search", lambda store, account, summary: crm_index.index_pending(store))
    return hooks
