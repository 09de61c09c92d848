"""Drafts: saved locally every few seconds (a crash loses at most that), and to the server's
Drafts folder (replacing the previous copy, found by the draft's own Message-ID).

A draft keeps its attachments as file paths.  An image shown in the text is one of them,
referenced from the Markdown as ``![name](cid:<inline_cid(path)>)``: the Content-ID is derived
from the path, so a reopened draft needs nothing more to send it inline
(:func:`outgoing_from_draft`).  An attached image no longer referenced is sent as a plain
attachment.
"""

from __future__ import annotations

import hashlib
import json
import re
import time
import uuid as uuid_module
from dataclasses import dataclass, field
from email.utils import make_msgid
from pathlib import Path

from sqlalchemy import select

from app.mail.imap.copies import delete_uids
from app.mail.sending.outgoing import Outgoing, OutgoingAttachment, parse_recipients
from app.store.database import Store
from app.store.models import Draft
from app.store.writer import writes

_CID_REFERENCE = re.compile(r"\(cid:([^)\s]+)\)")


@dataclass
class DraftData:
    account_id: int
    to: str = ""
    cc: str = ""
    bcc: str = ""
    subject: str = ""
    body: str = ""
    attachments: list[str] = field(default_factory=list)  # file paths
    in_reply_to: str | None = None
    references: str | None = None
    uuid: str | None = None
    message_id: str | None = None

    def ensure_identity(self) -> None:
        """Give a new draft its uuid and Message-ID now, so every later save updates one row."""
        self.uuid = self.uuid or str(uuid_module.uuid4())
        self.message_id = self.message_id or make_msgid(domain="liaison.draft")


def inline_cid(path: str | Path) -> str:
    """The Content-ID of an image shown in the text (stable for a path: a reopened draft keeps it)."""
    return f"img-{hashlib.sha1(str(path).encode()).hexdigest()[:16]}@liaison"


def referenced_cids(body: str) -> set[str]:
    return set(_CID_REFERENCE.findall(body))


def outgoing_from_draft(account, draft: DraftData, lenient: bool = False) -> Outgoing:
    """The message a draft stands for, attachments read from disk (off the GUI thread: files).

    ``lenient`` (a copy for the server's Drafts) lets it have no recipient yet.  Raises
    :class:`~app.errors.UserFacingError` for an invalid address, ``OSError`` for a missing file.
    """
    to = parse_recipients(draft.to, "recipient")
    if lenient and not to:
        to = [("", account.email)]  # a draft is not sent: any valid address will do
    inline = referenced_cids(draft.body)
    attachments = []
    for name in draft.attachments:
        path = Path(name)
        cid = inline_cid(path)
        attachments.append(OutgoingAttachment(path.name, path.read_bytes(), content_id=cid if cid in inline else ""))
    return Outgoing(
        from_name=account.display_name, from_addr=account.email, to=to,
        cc=parse_recipients(draft.cc, "Cc address"), bcc=parse_recipients(draft.bcc, "Bcc address"),
        subject=draft.subject, body=draft.body, attachments=attachments, in_reply_to=draft.in_reply_to,
        references=(draft.references or "").split(), message_id=draft.message_id)


@writes
def save_draft(store: Store, data: DraftData) -> str:
    """Insert or update; returns the draft's uuid (kept in ``data``)."""
    with store.write() as session:
        row = session.scalar(select(Draft).where(Draft.uuid == data.uuid)) if data.uuid else None
        if row is None:
            data.uuid = data.uuid or str(uuid_module.uuid4())
            data.message_id = data.message_id or make_msgid(domain="liaison.draft")
            row = Draft(uuid=data.uuid, account_id=data.account_id, message_id=data.message_id)
            session.add(row)
        row.account_id = data.account_id
        row.to_list, row.cc_list, row.bcc_list = data.to, data.cc, data.bcc
        row.subject, row.body = data.subject, data.body
        row.attachments = json.dumps(data.attachments, ensure_ascii=False)
        row.in_reply_to, row.references = data.in_reply_to, data.references
        row.updated_at = int(time.time())
    return data.uuid


def load_draft(store: Store, draft_uuid: str) -> DraftData | None:
    with store.read() as session:
        row = session.scalar(select(Draft).where(Draft.uuid == draft_uuid))
        if row is None:
            return None
        return DraftData(row.account_id, row.to_list, row.cc_list, row.bcc_list, row.subject, row.body,
                         json.loads(row.attachments), row.in_reply_to, row.references, row.uuid, row.message_id)


def list_drafts(store: Store) -> list[DraftData]:
    with store.read() as session:
        uuids = list(session.scalars(select(Draft.uuid).order_by(Draft.updated_at.desc())))
    return [d for d in (load_draft(store, u) for u in uuids) if d is not None]


@writes
def delete_draft(store: Store, draft_uuid: str) -> None:
    with store.write() as session:
        row = session.scalar(select(Draft).where(Draft.uuid == draft_uuid))
        if row is not None:
            session.delete(row)


def replace_server_copy(imap_client, folder: str, raw: bytes, message_id: str) -> None:
    """Put this version in the server's Drafts, removing the copies of earlier versions."""
    imap_client.select_folder(folder)
    old = imap_client.search(["HEADER", "Message-ID", message_id])
    imap_client.append(folder, raw, flags=[b"\\Draft", b"\\Seen"])
    delete_uids(imap_client, old)
