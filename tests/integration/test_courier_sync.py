"""Full syncs against real Courier-IMAP 5: the second server implementation of the suite.

Courier differs from Dovecot where sync logic is exposed: folders live under ``INBOX.`` with
a dot separator, there is no SPECIAL-USE, no UNSELECT and no CONDSTORE, and the session begins
preauthenticated (``* PREAUTH``) in this setup.  The queued-action fixes of the hardening work
(a move whose target vanished, changes to a message or folder gone elsewhere) are run here
against Courier's own refusals, not only Dovecot's.
"""

from __future__ import annotations

import pytest
from imapclient import IMAPClient
from sqlalchemy import select

from app.mail.imap import actions as mail_actions
from app.mail.imap.actions import queue_move
from app.mail.imap.session import ImapSettings, PasswordCredential, open_session
from app.services.account_sync import sync_account
from app.store.accounts import NewAccount, create_account
from app.store.mail_queries import find_folder, latest_messages
from app.store.models import Message, PendingMailAction
from app.errors import TlsError
from tests.support.courier import courier_available
from tests.support.message_factory import make_message

pytestmark = [pytest.mark.integration,
              pytest.mark.skipif(not courier_available(), reason="run scripts/courier_root.sh first")]


@pytest.fixture
def imap(courier):
    """Another client on the same Courier mailbox (the user's phone)."""
    connection = IMAPClient("127.0.0.1", courier.port, ssl=False, timeout=10)
    yield connection
    try:
        connection.logout()
    except Exception:
        pass


@pytest.fixture
def account(store, courier):
    return create_account(store, NewAccount(
        name="courier", email="sales@example.com", username="sales", imap_host="127.0.0.1",
        imap_port=courier.port, imap_security="none", smtp_host="127.0.0.1", smtp_port=2525,
        smtp_security="none"))


@pytest.fixture
def run_sync(store, account):
    def run(**kwargs):
        with store.writer.waiting_allowed():
            return sync_account(store, account, PasswordCredential("unused: preauthenticated"), **kwargs)
    return run


def visible(store, account, folder=None):
    found = find_folder(store, account.id, folder)
    return {m.message_id for m in latest_messages(store, found.id, 1000)}


def server_uids(imap, folder):
    """Message-ID → UID on the server (Courier names the fetched item with quotes: read any key)."""
    imap.select_folder(folder, readonly=True)
    uids = imap.search(["ALL"])
    if not uids:
        return {}
    data = imap.fetch(uids, ["BODY.PEEK[HEADER.FIELDS (MESSAGE-ID)]"])
    header = lambda item: next(v for k, v in item.items() if k.startswith(b"BODY[")).decode()
    return {header(item).split(":", 1)[1].strip(): uid for uid, item in data.items()}


def server_ids(imap, folder):
    return set(server_uids(imap, folder))


def stored(store, message_id):
    with store.read() as session:
        return session.scalar(select(Message).where(Message.message_id == message_id))


def pending_actions(store):
    with store.read() as session:
        return session.scalars(select(PendingMailAction)).all()


def test_a_full_sync_then_changes_made_elsewhere(store, account, imap, run_sync):
    for n in range(30):
        imap.append("INBOX", make_message(n))
    imap.create_folder("INBOX.Projects")
    for n in range(30, 35):
        imap.append("INBOX.Projects", make_message(n))

    first = run_sync()

    assert first.errors == [] and first.new == 35
    assert len(visible(store, account)) == 30
    assert visible(store, account, "INBOX.Projects") == {f"<msg-7-{n}@liaison.test>" for n in range(30, 35)}
    assert run_sync().new == 0  # nothing fetched twice

    by_id = server_uids(imap, "INBOX")
    imap.select_folder("INBOX")
    imap.add_flags([by_id["<msg-7-3@liaison.test>"]], [b"\\Seen", b"\\Flagged"])
    imap.delete_messages([by_id["<msg-7-4@liaison.test>"]])
    imap.expunge()
    imap.append("INBOX", make_message(40))

    second = run_sync()

    assert second.errors == [] and second.new == 1
    assert "<msg-7-4@liaison.test>" not in visible(store, account)
    assert "<msg-7-40@liaison.test>" in visible(store, account)
    flagged = stored(store, "<msg-7-3@liaison.test>")
    assert flagged.seen and flagged.flagged


def test_delete_to_trash_reaches_courier_trash(store, account, imap, run_sync):
    for n in range(3):
        imap.append("INBOX", make_message(n))
    run_sync()
    queue_move(store, [stored(store, "<msg-7-1@liaison.test>").id], "trash")

    summary = run_sync()

    assert summary.errors == [] and summary.pushed == 1
    assert server_ids(imap, "INBOX.Trash") == {"<msg-7-1@liaison.test>"}
    assert "<msg-7-1@liaison.test>" not in server_ids(imap, "INBOX")
    assert "<msg-7-1@liaison.test>" in visible(store, account, "INBOX.Trash")


def test_a_move_to_a_folder_deleted_on_courier_puts_the_message_back_once(store, account, imap, run_sync):
    for n in range(3):
        imap.append("INBOX", make_message(n))
    imap.create_folder("INBOX.Projects")
    run_sync()
    queue_move(store, [stored(store, "<msg-7-2@liaison.test>").id], "INBOX.Projects")
    imap.delete_folder("INBOX.Projects")

    summary = run_sync()

    assert summary.pushed == 0 and pending_actions(store) == []
    assert "<msg-7-2@liaison.test>" in visible(store, account)
    assert "<msg-7-2@liaison.test>" in server_ids(imap, "INBOX")
    assert len(summary.errors) == 1 and "Projects" in str(summary.errors[0])
    assert run_sync().errors == []  # told once


def test_a_move_courier_refuses_with_trycreate_is_not_retried(store, account, imap, run_sync, monkeypatch):
    """The folder vanishes between Liaison's check and its command: Courier's own refusal decides."""
    for n in range(3):
        imap.append("INBOX", make_message(n))
    imap.create_folder("INBOX.Projects")
    run_sync()
    queue_move(store, [stored(store, "<msg-7-1@liaison.test>").id], "INBOX.Projects")
    real_move = mail_actions._move_on_server

    def folder_deleted_just_before(client, uids, target):
        imap.delete_folder("INBOX.Projects")
        return real_move(client, uids, target)

    monkeypatch.setattr(mail_actions, "_move_on_server", folder_deleted_just_before)
    summary = run_sync()

    assert summary.pushed == 0 and pending_actions(store) == []
    assert "<msg-7-1@liaison.test>" in visible(store, account)
    assert "<msg-7-1@liaison.test>" in server_ids(imap, "INBOX")
    assert len(summary.errors) == 1 and "Projects" in str(summary.errors[0])


def test_changes_to_a_message_expunged_on_courier_are_dropped(store, account, imap, run_sync):
    for n in range(3):
        imap.append("INBOX", make_message(n))
    run_sync()
    gone, also_gone = stored(store, "<msg-7-0@liaison.test>"), stored(store, "<msg-7-2@liaison.test>")
    mail_actions.set_flag(store, [gone.id], "\\Flagged", True)
    queue_move(store, [also_gone.id], "trash")
    imap.select_folder("INBOX")
    imap.delete_messages([gone.uid, also_gone.uid])
    imap.expunge()

    summary = run_sync()

    assert summary.pushed == 0 and summary.errors == [] and pending_actions(store) == []
    assert server_ids(imap, "INBOX.Trash") == set()
    assert visible(store, account) == {"<msg-7-1@liaison.test>"}


def test_preauth_on_a_starttls_account_is_refused(courier):
    """A PREAUTH greeting leaves no way to start TLS: never carry on in clear (CVE-2020-12398)."""
    settings = ImapSettings(host="127.0.0.1", port=courier.port, security="starttls", username="sales")
    with pytest.raises(TlsError, match="without asking who you are"):
        open_session(settings, PasswordCredential("secret"), timeout=10)
