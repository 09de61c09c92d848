"""Putting messages straight into a profile's mail cache (for tests of what is built on it)."""

from __future__ import annotations

from email.message import EmailMessage
from email.utils import format_datetime
from datetime import datetime, timezone

from app.mail.reading.envelope import parse_envelope
from app.mail.imap.fetched import FetchedMessage
from app.mail.imap import message_writer
from app.store import mail_cache
from app.store.accounts import NewAccount, account_folders, create_account, list_accounts


def mail(sender: str, to: str, subject: str, *, cc: str = "", day: int = 1, message_id: str | None = None,
         in_reply_to: str = "", headers: dict[str, str] | None = None, body: str = "hello") -> bytes:
    message = EmailMessage()
    message["From"] = sender
    message["To"] = to
    if cc:
        message["Cc"] = cc
    message["Subject"] = subject
    message["Date"] = format_datetime(datetime(2026, 10, day, 9, 0, tzinfo=timezone.utc))
    message["Message-ID"] = message_id or f"<m-{abs(hash((sender, to, subject, day)))}@test>"
    if in_reply_to:
        message["In-Reply-To"] = in_reply_to
        message["References"] = in_reply_to
    for name, value in (headers or {}).items():
        message[name] = value
    message.set_content(body)
    return message.as_bytes()


class MailStore:
    """An account with Inbox and Sent in ``store``; ``add`` stores raw messages, returning their ids."""

    def __init__(self, store):
        self.store = store
        existing = [a for a in list_accounts(store) if a.name == "work"]
        self.account = existing[0] if existing else create_account(store, NewAccount(
            name="work", email="sales@example.com", imap_host="imap.invalid", imap_port=993, imap_security="ssl",
            smtp_host="smtp.invalid", smtp_port=465, smtp_security="ssl"))
        mail_cache.reconcile_folders(store, self.account.id, [
            mail_cache.ServerFolder("INBOX", "/", frozenset(), "inbox", True),
            mail_cache.ServerFolder("Sent", "/", frozenset({"\\Sent"}), "sent", True)])
        self.folders = {f.name: f.id for f in account_folders(store, self.account.id)}
        self.next_uid = {name: 1 for name in self.folders}

    def add(self, *raws: bytes, folder: str = "INBOX") -> list[int]:
        from sqlalchemy import select

        from app.store.models import Message

        batch = []
        for raw in raws:
            uid = self.next_uid[folder]
            self.next_uid[folder] += 1
            batch.append(FetchedMessage(uid=uid, raw=raw, flags=set(), internal_date=None, size=len(raw),
                                        modseq=None, envelope=parse_envelope(raw)))
        mail_cache.begin_folder_sync(self.store, self.folders[folder], 1)
        message_writer.store_messages(self.store, self.folders[folder], batch)
        with self.store.read() as session:
            return list(session.scalars(select(Message.id).where(
                Message.folder_id == self.folders[folder], Message.uid.in_([m.uid for m in batch]))
                .order_by(Message.uid)))
