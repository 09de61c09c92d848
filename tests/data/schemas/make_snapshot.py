"""Write a snapshot of the current released schema, with representative data, for upgrade tests.

Run once when a schema revision is released (never rewrite an existing snapshot):

    .venv/bin/python -m tests.data.schemas.make_snapshot

The file is named after the revision; tests/unit/test_store_migrations.py upgrades every
snapshot to head and checks that user data (accounts, queued actions) survives.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

import sqlite3

from sqlalchemy import select

from app.mail.reading.envelope import parse_envelope
from app.mail.imap.actions import set_flag
from app.paths import ProfilePaths
from app.profile import open_profile
from app.mail.imap import message_writer
from app.store import mail_cache
from app.store.accounts import NewAccount, account_folders, create_account
from app.mail.imap.fetched import FetchedMessage
from app.store.mail_cache import ServerFolder
from app.store.migrate import SCHEMA_HEAD
from app.store.models import Message
from tests.support.message_factory import make_message


def main() -> None:
    target = Path(__file__).resolve().parent / f"{SCHEMA_HEAD}.sqlite3"
    if target.exists():
        raise SystemExit(f"{target.name} exists: released snapshots are never rewritten")
    work = Path(tempfile.mkdtemp())
    paths, store = open_profile(str(work))
    account = create_account(store, NewAccount(
        name="工作", email="sales@example.com", imap_host="imap.example.com", imap_port=993,
        imap_security="ssl", smtp_host="smtp.example.com", smtp_port=465, smtp_security="ssl"))
    mail_cache.reconcile_folders(store, account.id, [
        ServerFolder("INBOX", "/", frozenset(), "inbox", True),
        ServerFolder("Sent", "/", frozenset({"\\Sent"}), "sent", True)])
    folder = [f for f in account_folders(store, account.id) if f.name == "INBOX"][0]
    messages = []
    for n in range(20):
        raw = make_message(n, attachment_every=4)
        messages.append(FetchedMessage(uid=n + 1, raw=raw, flags=set(), internal_date=None,
                                       size=len(raw), modseq=None, envelope=parse_envelope(raw)))
    mail_cache.begin_folder_sync(store, folder.id, 12345)
    message_writer.store_messages(store, folder.id, messages)
    mail_cache.finish_folder_sync(store, folder.id, 21, None, 20)
    with store.read() as session:
        ids = list(session.scalars(select(Message.id).where(Message.folder_id == folder.id)
                                   .order_by(Message.uid).limit(3)))
    set_flag(store, ids, "\\Seen", True)
    if int(SCHEMA_HEAD) >= 6:  # user data from 0006 on: senders allowed to load remote content
        from app.store.remote_content import allow_sender
        from app.mail.reading.conversation_threads import rethread_account

        allow_sender(store, "news@shop.example")
        rethread_account(store, account.id)
    if int(SCHEMA_HEAD) >= 7:  # customer records from 0007 on: contacts, companies, deals, notes, history
        from app.crm import activities, deals
        from app.crm.customers import ContactInput, add_contact

        add_contact(store, ContactInput(name="张伟", emails=["zhang.wei@huaxin-trade.cn"], phones=["13812345678"],
                                        company="华信贸易", title="采购经理"))
        deals.add_deal(store, "LED 面板", contact_email="zhang.wei@huaxin-trade.cn", amount="772000")
        activities.add_note(store, "喜欢喝茶", contact_id=1)
    if int(SCHEMA_HEAD) >= 8:  # the outbox, drafts and templates from 0008 on
        from app.mail.sending.drafts import DraftData, save_draft
        from app.mail.sending.outbox import enqueue
        from app.mail.sending.outgoing import Outgoing
        from app.mail.sending.templates import save_template

        enqueue(store, account, Outgoing("李雷", "sales@example.com", [("张伟", "zhang.wei@huaxin-trade.cn")],
                                         "待发送", "离线时写的"))
        save_draft(store, DraftData(account_id=account.id, to="anna@nordwind.de", subject="草稿", body="写了一半"))
        save_template(store, "quote", "{{ company.name }} 报价", "{{ contact.name }}您好")
    if int(SCHEMA_HEAD) >= 9:  # recent searches from 0009 on; part of the mail indexed, part queued
        from app.search import mail_index, recent

        recent.remember(store, "合同 from:张伟")
        recent.remember(store, "is:unread")
        mail_index.index_pending(store, limit=10)
    if int(SCHEMA_HEAD) >= 10:  # team sync from 0010 on; a renamed default stage and a custom field
        from app.crm import deals
        from app.crm.custom_fields import define_field

        deals.rename_stage(store, deals.DEFAULT_STAGE_UUIDS[1], "已确认")
        define_field(store, "contact", "wechat", "微信", "text")
    if int(SCHEMA_HEAD) >= 13:  # automation rules, their run log and cases from 0013 on
        from app.automation.engine import run_rules
        from app.automation.rule_book import import_rules
        from app.crm import cases

        import_rules(store, {"rules": [{"name": "投诉", "when": {"event": "message_received"},
                                        "if": {"field": "subject", "op": "contains", "value": "报价"},
                                        "then": [{"action": "notify", "title": "{subject}"}]}]})
        cases.open_case(store, "打印机坏了", priority="high", contact_id=1)
        run_rules(store)
    store.close()
    with sqlite3.connect(ProfilePaths(work).database) as source, sqlite3.connect(target) as copy:
        source.backup(copy)
    print(f"wrote {target}")


if __name__ == "__main__":
    main()
