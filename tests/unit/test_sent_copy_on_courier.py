"""Filing the sent copy on a Courier-like server: no SPECIAL-USE, no UNSELECT, and an APPEND to
the box selected read-only is refused (tests/support/courier_like_imap.py).  Dovecot's normal
path is covered by tests/integration/test_send.py."""

from __future__ import annotations

import pytest
from imapclient import IMAPClient
from sqlalchemy import select

from app.mail.imap.folder_list import list_server_folders
from app.mail.sending import outbox
from app.mail.sending.outgoing import Outgoing
from app.store.accounts import NewAccount, create_account
from app.store.models import OutboxMessage
from tests.support.courier_like_imap import CourierLikeImap


@pytest.fixture
def courier():
    server = CourierLikeImap("sales", "s3cret-pass").start()
    yield server
    server.stop()


@pytest.fixture
def client(courier):
    connection = IMAPClient("127.0.0.1", courier.port, ssl=False, timeout=10)
    connection.login("sales", "s3cret-pass")
    yield connection
    connection.logout()


def test_the_sent_folder_is_found_by_name_without_special_use(client):
    roles = {f.name: f.role for f in list_server_folders(client)}
    assert roles["INBOX.Sent"] == "sent" and roles["INBOX.Drafts"] == "drafts"


def test_the_sent_copy_reaches_sent_after_looking_for_it_read_only(store, courier, client):
    account = create_account(store, NewAccount(
        name="courier", email="sales@example.com", username="sales", imap_host="127.0.0.1",
        imap_port=courier.port, imap_security="none", smtp_host="127.0.0.1", smtp_port=2525,
        smtp_security="none"))
    queued = outbox.enqueue(store, account, Outgoing("Li Lei", "sales@example.com", [("", "zhang@example.com")],
                                                     "报价单 quotation", "Hello"))
    outbox._set(store, queued.id, state="sent")  # delivered by SMTP; the copy is what is left

    outbox.file_in_sent(store, account, client, queued.id)

    assert courier.refusals == []
    assert len(courier.mailboxes["INBOX.Sent"]) == 1
    assert queued.message_id.encode() in courier.mailboxes["INBOX.Sent"][0]
    with store.read() as session:
        assert session.scalar(select(OutboxMessage.in_sent_folder).where(OutboxMessage.id == queued.id))
    outbox.file_in_sent(store, account, client, queued.id)  # filed once, never twice
    assert len(courier.mailboxes["INBOX.Sent"]) == 1
