"""A profile holding N messages in one Inbox, written straight into the store (no server).

For the 100,000-message window test and the UI benchmark: messages are built from string
templates (English and Chinese senders and subjects, one in ten with an attachment) because
building 100k messages with the ``email`` package would take minutes.
"""

from __future__ import annotations

import base64
import random
from pathlib import Path
from typing import Callable

from app.mail.reading.envelope import parse_envelope
from app.mail.imap.fetched import FetchedMessage
from app.paths import ProfilePaths
from app.mail.imap import message_writer
from app.store import mail_cache
from app.store.accounts import NewAccount, account_folders, create_account
from app.store.database import Store
from app.store.migrate import ensure_schema
from tests.support.message_factory import PARAGRAPH_EN, PARAGRAPH_ZH, PEOPLE, SUBJECTS

BATCH = 5000
START = 1_735_689_600  # 2025-01-01 UTC: 100,000 messages five minutes apart stay in the past


def _header_text(text: str) -> str:
    if text.isascii():
        return text
    return "=?utf-8?b?" + base64.b64encode(text.encode()).decode() + "?="


def raw_message(n: int) -> bytes:
    rng = random.Random(n)
    name, addr = PEOPLE[rng.randrange(len(PEOPLE))]
    subject = SUBJECTS[rng.randrange(len(SUBJECTS))].format(n=n)
    body = (PARAGRAPH_ZH if n % 2 else PARAGRAPH_EN) * rng.randint(1, 4)
    date = START + n * 300
    head = (f"From: {_header_text(name)} <{addr}>\r\nTo: sales@example.com\r\n"
            f"Subject: {_header_text(subject)}\r\nMessage-ID: <big-{n}@liaison.test>\r\n"
            f"Date: {_rfc2822(date)}\r\nMIME-Version: 1.0\r\n")
    text = base64.encodebytes(f"Message {n}\n\n{body}\n".encode()).decode().replace("\n", "\r\n")
    if n % 10:
        return (head + "Content-Type: text/plain; charset=utf-8\r\n"
                "Content-Transfer-Encoding: base64\r\n\r\n" + text).encode()
    return (head + 'Content-Type: multipart/mixed; boundary="b"\r\n\r\n--b\r\n'
            "Content-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: base64\r\n\r\n"
            + text + '--b\r\nContent-Type: application/pdf; name="quote.pdf"\r\n'
            'Content-Disposition: attachment; filename="quote.pdf"\r\n'
            "Content-Transfer-Encoding: base64\r\n\r\nJVBERi0xLjQK\r\n--b--\r\n").encode()


def _rfc2822(epoch: int) -> str:
    from email.utils import formatdate

    return formatdate(epoch, usegmt=True)


def build_big_profile(root: Path, count: int, raw_for: Callable[[int], bytes] = raw_message) -> ProfilePaths:
    """Create the profile at ``root`` with ``count`` messages (a third of them unread).

    ``raw_for(n)`` makes the n-th message (the search benchmark passes its own corpus).
    """
    paths = ProfilePaths(Path(root)).ensure()
    ensure_schema(paths)
    store = Store(paths.database)
    try:
        account = create_account(store, NewAccount(
            name="Big", email="sales@example.com", imap_host="imap.example.invalid", imap_port=993,
            imap_security="ssl", smtp_host="smtp.example.invalid", smtp_port=465, smtp_security="ssl"))
        mail_cache.reconcile_folders(store, account.id, [
            mail_cache.ServerFolder("INBOX", "/", frozenset(), "inbox", True),
            mail_cache.ServerFolder("Trash", "/", frozenset({"\\Trash"}), "trash", True)])
        inbox = next(f for f in account_folders(store, account.id) if f.name == "INBOX")
        mail_cache.begin_folder_sync(store, inbox.id, 1)
        for start in range(0, count, BATCH):
            batch = []
            for n in range(start, min(count, start + BATCH)):
                raw = raw_for(n)
                batch.append(FetchedMessage(uid=n + 1, raw=raw, flags=set() if n % 3 == 0 else {"\\Seen"},
                                            internal_date=None, size=len(raw), modseq=None,
                                            envelope=parse_envelope(raw)))
            message_writer.store_messages(store, inbox.id, batch)
        mail_cache.finish_folder_sync(store, inbox.id, count + 1, None, count)
    finally:
        store.close()
    return paths
