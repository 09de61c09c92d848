"""A profile's Inbox filled with raw messages as a sync would store them (no IMAP server):
for tests of what is built on stored mail (the shared timeline, reports)."""

from __future__ import annotations

from app.mail.imap import message_writer
from app.mail.imap.fetched import FetchedMessage
from app.mail.reading.envelope import parse_envelope
from app.store import mail_cache
from app.store.accounts import NewAccount, account_folders, create_account
from app.store.mail_cache import ServerFolder


def store_inbox(store, name: str, email: str, raws: list[bytes]):
    """An account ``name`` <``email``> whose Inbox holds ``raws`` (UIDs 1, 2, …); returns it."""
    account = create_account(store, NewAccount(
        name=name, email=email, imap_host="imap.invalid", imap_port=993, imap_security="ssl",
        smtp_host="smtp.invalid", smtp_port=465, smtp_security="ssl"))
    mail_cache.reconcile_folders(store, account.id, [ServerFolder("INBOX", "/", frozenset(), "inbox", True)])
    folder = account_folders(store, account.id)[0]
    fetched = [FetchedMessage(uid=n + 1, raw=raw, flags=set(), internal_date=None, size=len(raw), modseq=None,
                              envelope=parse_envelope(raw)) for n, raw in enumerate(raws)]
    mail_cache.begin_folder_sync(store, folder.id, 1)
    message_writer.store_messages(store, folder.id, fetched)
    mail_cache.finish_folder_sync(store, folder.id, len(raws) + 1, None, len(raws))
    return account
