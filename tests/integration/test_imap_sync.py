"""The sync engine against a real Dovecot: initial, incremental, flags, expunge, UIDVALIDITY."""

from __future__ import annotations

import base64
import json
import zlib

import pytest
from sqlalchemy import func, select

from app.mail.imap import account_pass as account_sync, folder_sync
from app.mail.imap.folder_sync import ServerFeatures
from app.mail.imap.actions import set_flag
from app.mail.imap import message_writer
from app.store.mail_queries import find_folder
from app.store.models import Folder, Message, MessageAddress, MessageBody
from tests.support.message_factory import make_message

pytestmark = pytest.mark.integration


def inbox_rows(store, account, folder=None):
    f = find_folder(store, account.id, folder)
    with store.read() as session:
        return {m.uid: m for m in session.scalars(select(Message).where(Message.folder_id == f.id))}


def append_many(imap, count, folder="INBOX", start=0):
    for n in range(start, start + count):
        imap.append(folder, make_message(n, attachment_every=7))


@pytest.fixture(params=["qresync", "condstore", "plain"])
def server_features(request, monkeypatch):
    """Run a test once per change-detection path the engine has."""
    chosen = {"qresync": ServerFeatures(True, True), "condstore": ServerFeatures(True, False),
              "plain": ServerFeatures(False, False)}[request.param]
    real = account_sync.enable_extensions

    def enable(client):
        real(client)  # the server still needs ENABLE for the responses the path relies on
        return chosen

    if request.param == "plain":
        monkeypatch.setattr(account_sync, "enable_extensions", lambda client: chosen)
    else:
        monkeypatch.setattr(account_sync, "enable_extensions", enable)
    return request.param


def test_initial_sync_stores_every_message_decoded_with_raw_source(store, account, imap, run_sync):
    append_many(imap, 25)
    gbk_subject = base64.b64encode("报价单：华东区".encode("gbk")).decode()
    imap.append("INBOX", (
        "From: =?gb2312?B?" + base64.b64encode("王经理".encode("gbk")).decode() + "?= <wang@huaxin.cn>\r\n"
        "To: =?utf-8?q?S=C3=A4les?= <sales@example.com>, bob@example.com\r\n"
        "Subject: =?GB2312?B?" + gbk_subject + "?=\r\n"
        "Message-ID: <gbk-1@huaxin.cn>\r\nDate: Tue, 3 Nov 2026 09:00:00 +0800\r\n\r\n正文\r\n"
    ).encode("utf-8"))
    imap.append("INBOX", "From: 李娜 <li.na@qq.com>\r\nSubject: 8位原始标题 raw\r\n\r\nbody\r\n".encode("utf-8"))

    summary = run_sync()

    rows = inbox_rows(store, account)
    server = set(imap.select_folder("INBOX") and imap.search(["ALL"]))
    assert set(rows) == server and len(rows) == 27
    assert summary.new == 27 and summary.folders == 6
    gbk = next(m for m in rows.values() if m.message_id == "<gbk-1@huaxin.cn>")
    assert (gbk.subject, gbk.from_name, gbk.from_addr) == ("报价单：华东区", "王经理", "wang@huaxin.cn")
    assert json.loads(gbk.to_list) == [["Säles", "sales@example.com"], ["", "bob@example.com"]]
    raw8 = next(m for m in rows.values() if m.from_addr == "li.na@qq.com")
    assert (raw8.subject, raw8.from_name) == ("8位原始标题 raw", "李娜")
    fetched = imap.fetch([gbk.uid], ["BODY.PEEK[]"])[gbk.uid][b"BODY[]"]
    with store.read() as session:
        body = session.get(MessageBody, gbk.id)
        assert zlib.decompress(body.raw) == fetched
        participants = set(session.scalars(select(MessageAddress.addr)
                                           .where(MessageAddress.message_id == gbk.id)))
    assert participants == {"wang@huaxin.cn", "sales@example.com", "bob@example.com"}
    with_attachment = [m for m in rows.values() if m.has_attachments]
    assert len(with_attachment) == 4  # messages 0, 7, 14, 21
    with store.read() as session:
        roles = dict(session.execute(select(Folder.name, Folder.role)).all())
    assert roles == {"INBOX": "inbox", "Sent": "sent", "Drafts": "drafts", "Trash": "trash",
                     "Junk": "junk", "Archive": "archive"}


def test_initial_sync_fetches_newest_first_in_batches(store, account, imap, run_sync, monkeypatch):
    append_many(imap, 23)
    monkeypatch.setattr(folder_sync, "FETCH_BATCH", 5)
    batches = []
    real_store = message_writer.store_prepared

    def recording_store(store_, folder_id, batch):
        batches.append([m.uid for m in batch.messages])
        return real_store(store_, folder_id, batch)

    monkeypatch.setattr(message_writer, "store_prepared", recording_store)
    run_sync(only_folder="INBOX")
    assert sorted(batches[0]) == [19, 20, 21, 22, 23]
    assert [min(b) for b in batches] == sorted((min(b) for b in batches), reverse=True)
    assert sum(len(b) for b in batches) == 23


def test_a_big_first_sync_is_parsed_by_workers_and_searchable_when_the_pass_ends(store, account, imap, run_sync,
                                                                                  monkeypatch):
    from app.search import mail_index
    from app.search.mail_search import search_mail
    from app.services import parse_workers

    append_many(imap, 60)
    monkeypatch.setattr(folder_sync, "FETCH_BATCH", 8)
    monkeypatch.setattr(parse_workers, "WORKERS_FROM", 50)
    pools = []
    real_pool = parse_workers.SyncPreparer._started_pool
    monkeypatch.setattr(parse_workers.SyncPreparer, "_started_pool",
                        lambda self: pools.append(self) or real_pool(self))
    after_pass = []
    real_index_pending = mail_index.index_pending
    monkeypatch.setattr(mail_index, "index_pending",
                        lambda *a, **k: after_pass.append(real_index_pending(*a, **k)) or after_pass[-1])

    summary = run_sync()

    assert pools and not pools[0].broken and not pools[0].started  # used, then closed with the pass
    assert summary.new == 60 and summary.indexed == summary.indexed_alongside == 60
    assert after_pass == [0] and mail_index.pending_count(store) == 0
    subject = inbox_rows(store, account)[17].subject
    assert [h.subject for h in search_mail(store, f'"{subject}"', 50).hits] == [subject]


def test_resync_with_nothing_changed_is_a_no_op(store, account, imap, run_sync):
    append_many(imap, 10)
    run_sync()
    summary = run_sync()
    assert (summary.new, summary.changed, summary.removed) == (0, 0, 0)
    assert len(inbox_rows(store, account)) == 10


def test_incremental_sync_sees_new_flags_and_expunges(store, account, imap, run_sync,
                                                      server_features):
    append_many(imap, 12)
    run_sync()
    imap.select_folder("INBOX")
    imap.add_flags([2, 3], [b"\\Flagged"])
    imap.add_flags([4], [b"\\Seen", b"$Important"])
    imap.delete_messages([5, 6, 7])
    imap.expunge()
    append_many(imap, 2, start=100)

    summary = run_sync()

    rows = inbox_rows(store, account)
    assert set(rows) == set(imap.search(["ALL"]))
    assert summary.new == 2 and summary.removed == 3 and summary.changed == 3
    assert rows[2].flagged and rows[3].flagged and not rows[8].flagged
    assert rows[4].seen and rows[4].keywords == "$Important"


def test_local_flag_changes_reach_the_server_and_survive_the_pull(store, account, imap, run_sync,
                                                                   server_features):
    append_many(imap, 6)
    run_sync()
    rows = inbox_rows(store, account)
    set_flag(store, [rows[1].id, rows[2].id], "\\Seen", True)
    set_flag(store, [rows[3].id], "\\Flagged", True)
    set_flag(store, [rows[3].id], "\\Flagged", False)  # changed mind: ends unflagged
    set_flag(store, [rows[4].id], "\\Deleted", True)
    assert inbox_rows(store, account)[1].seen  # the local half is immediate

    summary = run_sync()

    assert summary.pushed == 5
    imap.select_folder("INBOX")
    flags = imap.get_flags([1, 2, 3, 4, 5])
    assert b"\\Seen" in flags[1] and b"\\Seen" in flags[2]
    assert b"\\Flagged" not in flags[3] and b"\\Deleted" in flags[4] and flags[5] == ()
    rows = inbox_rows(store, account)
    assert rows[1].seen and not rows[3].flagged and rows[4].deleted and not rows[5].seen


def test_flag_changed_offline_is_pushed_on_reconnect(store, account, imap, run_sync, dovecot):
    append_many(imap, 3)
    run_sync()
    dovecot.stop()  # offline
    rows = inbox_rows(store, account)
    set_flag(store, [rows[2].id], "\\Flagged", True)
    from app.errors import NetworkError

    with pytest.raises(NetworkError):
        run_sync()
    assert inbox_rows(store, account)[2].flagged  # kept locally while offline
    dovecot.start()
    run_sync()
    client = dovecot.client("sales", "s3cret-pass")
    client.select_folder("INBOX")
    assert b"\\Flagged" in client.get_flags([2])[2]
    client.logout()


def test_uidvalidity_change_refetches_the_folder_without_duplicates(store, account, imap, run_sync):
    imap.create_folder("Projects")
    append_many(imap, 5, folder="Projects")
    run_sync()
    old_validity = imap.select_folder("Projects")[b"UIDVALIDITY"]
    imap.select_folder("INBOX")
    imap.delete_folder("Projects")
    imap.create_folder("Projects")
    append_many(imap, 4, folder="Projects", start=3)  # 3 and 4 again, plus 5 and 6
    new_status = imap.select_folder("Projects")
    assert new_status[b"UIDVALIDITY"] != old_validity

    run_sync()

    rows = inbox_rows(store, account, "Projects")
    assert set(rows) == set(imap.search(["ALL"])) == {1, 2, 3, 4}
    assert sorted(m.message_id for m in rows.values()) == [
        f"<msg-7-{n}@liaison.test>" for n in (3, 4, 5, 6)]
    with store.read() as session:
        folder = session.scalar(select(Folder).where(Folder.name == "Projects"))
        assert folder.uidvalidity == new_status[b"UIDVALIDITY"]


def test_network_drop_mid_sync_then_resume_has_no_gaps_or_duplicates(store, account, dovecot,
                                                                      imap, run_sync, monkeypatch):
    # The store queue holds two batches, so when the second batch is stored the fetcher is
    # at most a few batches ahead: the drop lands well inside the 25 batches.
    imap.multiappend("INBOX", [make_message(n) for n in range(200)])
    monkeypatch.setattr(folder_sync, "FETCH_BATCH", 8)
    calls = []

    def drop_after_two_batches(folder, done, total):
        calls.append(done)
        if len(calls) == 2:
            dovecot.stop()  # the server goes away in the middle of the folder

    from app.errors import NetworkError

    with pytest.raises(NetworkError):
        run_sync(progress=drop_after_two_batches)
    partial = inbox_rows(store, account)
    assert 0 < len(partial) < 200
    dovecot.start()
    run_sync()
    client = dovecot.client("sales", "s3cret-pass")
    client.select_folder("INBOX")
    rows = inbox_rows(store, account)
    assert set(rows) == set(client.search(["ALL"]))
    with store.read() as session:
        assert session.scalar(select(func.count()).select_from(Message)) == 200
    client.logout()
