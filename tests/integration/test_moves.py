"""Moving, deleting to Trash and archiving: local at once, queued, re-keyed, undoable."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from app.mail.imap import actions as mail_actions
from app.mail.imap.actions import queue_move, undo_move
from app.store.mail_queries import find_folder, latest_messages
from app.store.models import Message, PendingMailAction
from tests.support.message_factory import make_message

pytestmark = pytest.mark.integration


def visible(store, account, folder=None):
    f = find_folder(store, account.id, folder)
    return [m.message_id for m in latest_messages(store, f.id, 1000)]


def server_ids(imap, folder):
    imap.select_folder(folder, readonly=True)
    uids = imap.search(["ALL"])
    if not uids:
        return set()
    data = imap.fetch(uids, ["BODY.PEEK[HEADER.FIELDS (MESSAGE-ID)]"])
    return {v[b"BODY[HEADER.FIELDS (MESSAGE-ID)]"].decode().split(":", 1)[1].strip() for v in data.values()}


def stored(store, account, message_id):
    with store.read() as session:
        return session.scalar(select(Message).where(Message.message_id == message_id))


@pytest.fixture
def synced(store, account, imap, run_sync):
    for n in range(4):
        imap.append("INBOX", make_message(n))
    run_sync()
    return {m: stored(store, account, m) for m in (f"<msg-7-{n}@liaison.test>" for n in range(4))}


@pytest.mark.parametrize("server_move", [True, False], ids=["MOVE", "COPY+EXPUNGE"])
def test_delete_to_trash_is_immediate_then_reaches_the_server_without_refetching(
        store, account, imap, run_sync, synced, monkeypatch, server_move):
    if not server_move:
        real = type(imap).has_capability
        monkeypatch.setattr(type(imap), "has_capability",
                            lambda self, cap: cap.upper() != "MOVE" and real(self, cap))
    target = synced["<msg-7-1@liaison.test>"]
    queue_move(store, [target.id], "trash")
    assert "<msg-7-1@liaison.test>" not in visible(store, account)  # gone from the Inbox at once

    summary = run_sync()

    assert summary.pushed == 1 and summary.new == 0  # re-keyed from COPYUID, not downloaded
    assert "<msg-7-1@liaison.test>" not in server_ids(imap, "INBOX")
    assert server_ids(imap, "Trash") == {"<msg-7-1@liaison.test>"}
    moved = stored(store, account, "<msg-7-1@liaison.test>")
    assert moved.id == target.id and not moved.moving
    assert visible(store, account, "Trash") == ["<msg-7-1@liaison.test>"]
    imap.select_folder("Trash", readonly=True)
    assert imap.search(["ALL"]) == [moved.uid]
    assert run_sync().new == 0  # the next pass agrees with the server


def test_undo_before_sync_cancels_the_move(store, account, imap, run_sync, synced):
    undo = queue_move(store, [synced["<msg-7-2@liaison.test>"].id], "archive")
    assert undo_move(store, undo[0]) == "cancelled"
    assert "<msg-7-2@liaison.test>" in visible(store, account)
    assert run_sync().pushed == 0
    assert "<msg-7-2@liaison.test>" in server_ids(imap, "INBOX")


def test_undo_after_sync_moves_it_back(store, account, imap, run_sync, synced):
    undo = queue_move(store, [synced["<msg-7-3@liaison.test>"].id], "Archive")
    run_sync()
    assert server_ids(imap, "Archive") == {"<msg-7-3@liaison.test>"}
    assert undo_move(store, undo[0]) == "moved-back"
    run_sync()
    assert "<msg-7-3@liaison.test>" in server_ids(imap, "INBOX")
    assert server_ids(imap, "Archive") == set()
    assert "<msg-7-3@liaison.test>" in visible(store, account)


def test_move_made_offline_goes_out_on_reconnect(store, account, dovecot, run_sync, synced):
    from app.errors import NetworkError

    dovecot.stop()
    queue_move(store, [synced["<msg-7-0@liaison.test>"].id], "trash")
    with pytest.raises(NetworkError):
        run_sync()
    assert "<msg-7-0@liaison.test>" not in visible(store, account)
    dovecot.start()
    run_sync()
    client = dovecot.client("sales", "s3cret-pass")
    assert server_ids(client, "Trash") == {"<msg-7-0@liaison.test>"}
    client.logout()


def pending_actions(store):
    with store.read() as session:
        return session.scalars(select(PendingMailAction)).all()


def test_a_move_to_a_folder_deleted_on_the_server_puts_the_message_back_and_says_so_once(
        store, account, imap, run_sync, synced):
    imap.create_folder("Projects")
    run_sync()
    queue_move(store, [synced["<msg-7-2@liaison.test>"].id], "Projects")
    imap.delete_folder("Projects")  # someone removed it on another device meanwhile

    summary = run_sync()  # never raises: the other changes still sync

    assert summary.pushed == 0  # refused is not pushed
    assert summary.folders >= 5
    assert pending_actions(store) == []  # not retried at every sync
    assert "<msg-7-2@liaison.test>" in visible(store, account)  # shown again where it is
    assert "<msg-7-2@liaison.test>" in server_ids(imap, "INBOX")
    assert len(summary.errors) == 1 and "Projects" in str(summary.errors[0])
    assert "INBOX" in str(summary.errors[0])
    again = run_sync()
    assert again.errors == [] and again.pushed == 0  # told once
    assert "<msg-7-2@liaison.test>" in visible(store, account)


def test_a_move_the_server_refuses_with_trycreate_is_not_retried(store, account, imap, run_sync,
                                                                synced, monkeypatch):
    """The folder vanishes between Liaison's check and its MOVE: the server's [TRYCREATE] decides."""
    imap.create_folder("Projects")
    run_sync()
    queue_move(store, [synced["<msg-7-1@liaison.test>"].id], "Projects")
    real_move = mail_actions._move_on_server

    def folder_deleted_just_before(client, uids, target):
        imap.delete_folder("Projects")
        return real_move(client, uids, target)

    monkeypatch.setattr(mail_actions, "_move_on_server", folder_deleted_just_before)
    summary = run_sync()
    assert summary.pushed == 0 and pending_actions(store) == []
    assert "<msg-7-1@liaison.test>" in visible(store, account)
    assert len(summary.errors) == 1 and "Projects" in str(summary.errors[0])


def test_changes_to_a_message_deleted_elsewhere_are_dropped_and_not_counted(store, account, imap,
                                                                           run_sync, synced):
    gone, also_gone = synced["<msg-7-0@liaison.test>"], synced["<msg-7-3@liaison.test>"]
    mail_actions.set_flag(store, [gone.id], "\\Flagged", True)
    queue_move(store, [also_gone.id], "trash")
    imap.select_folder("INBOX")
    imap.delete_messages([gone.uid, also_gone.uid])
    imap.expunge()

    summary = run_sync()

    assert summary.pushed == 0 and summary.errors == []
    assert pending_actions(store) == []
    assert server_ids(imap, "Trash") == set()
    assert {"<msg-7-0@liaison.test>", "<msg-7-3@liaison.test>"}.isdisjoint(visible(store, account))
    assert {"<msg-7-0@liaison.test>", "<msg-7-3@liaison.test>"}.isdisjoint(visible(store, account, "Trash"))


def test_changes_queued_in_a_folder_deleted_on_the_server_are_reported_once(store, account, imap,
                                                                           run_sync):
    imap.create_folder("Old")
    imap.append("Old", make_message(9))
    run_sync()
    message = stored(store, account, "<msg-7-9@liaison.test>")
    queue_move(store, [message.id], "trash")
    imap.delete_folder("Old")

    summary = run_sync()

    assert summary.pushed == 0 and pending_actions(store) == []
    assert len(summary.errors) == 1 and "Old" in str(summary.errors[0])
    assert run_sync().errors == []


def test_undo_while_the_move_is_on_its_way_waits_for_the_server(store, account, imap, run_sync,
                                                                synced, monkeypatch):
    """Undo pressed between the server's MOVE and the local bookkeeping must not be lost."""
    undo = queue_move(store, [synced["<msg-7-1@liaison.test>"].id], "trash")
    answers = []
    real_move = mail_actions._move_on_server

    def move_then_undo(client, uids, target):
        moved = real_move(client, uids, target)
        answers.append(undo_move(store, undo[0]))  # the user presses Undo right now
        return moved

    monkeypatch.setattr(mail_actions, "_move_on_server", move_then_undo)
    run_sync()
    assert answers == ["in-flight"]
    assert server_ids(imap, "Trash") == {"<msg-7-1@liaison.test>"}
    monkeypatch.undo()
    assert undo_move(store, undo[0]) == "moved-back"  # retried once the push is done
    run_sync()
    assert "<msg-7-1@liaison.test>" in server_ids(imap, "INBOX")
    assert server_ids(imap, "Trash") == set()
    assert "<msg-7-1@liaison.test>" in visible(store, account)
