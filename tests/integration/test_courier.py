"""Liaison against real Courier-IMAP 5 (unpacked by scripts/courier_root.sh, run on loopback).

Courier has no SPECIAL-USE and no UNSELECT, and refuses an APPEND to the box selected
read-only; the sent copy must still reach ``INBOX.Sent``, once.
"""

from __future__ import annotations

import pytest
from imapclient import IMAPClient
from sqlalchemy import select

from app.mail.imap.folder_list import list_server_folders
from app.mail.sending import outbox
from app.mail.sending.outgoing import Outgoing
from app.store.accounts import NewAccount, create_account
from app.store.models import OutboxMessage
from tests.support.courier import courier_available

pytestmark = [pytest.mark.integration,
              pytest.mark.skipif(not courier_available(), reason="run scripts/courier_root.sh first")]


@pytest.fixture
def client(courier):
    connection = IMAPClient("127.0.0.1", courier.port, ssl=False, timeout=10)  # PREAUTH: no login
    yield connection
    connection.logout()


def test_courier_folders_are_known_by_name(client):
    roles = {f.name: f.role for f in list_server_folders(client)}
    assert roles == {"INBOX": "inbox", "INBOX.Sent": "sent", "INBOX.Drafts": "drafts", "INBOX.Trash": "trash"}
    assert not client.has_capability("UNSELECT") and not client.has_capability("SPECIAL-USE")


def test_the_sent_copy_reaches_courier_sent_once(store, courier, client):
    account = create_account(store, NewAccount(
        name="courier", email="sales@example.com", username="sales", imap_host="127.0.0.1",
        imap_port=courier.port, imap_security="none", smtp_host="127.0.0.1", smtp_port=2525,
        smtp_security="none"))
    queued = outbox.enqueue(store, account, Outgoing("Li Lei", "sales@example.com", [("", "zhang@example.com")],
                                                     "报价单 quotation", "Hello"))
    outbox._set(store, queued.id, state="sent")  # delivered by SMTP; the copy is what is left

    outbox.file_in_sent(store, account, client, queued.id)
    outbox.file_in_sent(store, account, client, queued.id)  # filed once, never twice

    filed = courier.messages("Sent")
    assert len(filed) == 1 and queued.message_id.encode() in filed[0]
    with store.read() as session:
        assert session.scalar(select(OutboxMessage.in_sent_folder).where(OutboxMessage.id == queued.id))
