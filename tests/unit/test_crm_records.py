"""Records: validation, history and restore, no-empty-overwrite, duplicates and merge, follow-ups."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from app.crm import activities, deals, records
from app.crm.customers import ContactInput, add_contact, require_contact, restore_contact, update_contact
from app.crm.duplicates import find_duplicates, merge_contacts, names_alike
from app.crm.followups import check_followups, remind_if_no_reply
from app.crm.history import versions
from app.crm.records import RECORD_TYPES
from app.crm.validation import InvalidValue, normalise_email, normalise_phone
from app.store.crm_models import Change, Contact, FollowUp, MessageLink, Note, Task
from tests.support.mail_store import MailStore, mail

CONTACT = RECORD_TYPES["contact"]


@pytest.mark.parametrize("text, problem", [
    ("zhangwei.huaxin-trade.cn", "has no @"), ("a@@b.cn", "more than one @"), ("a b@c.cn", "contains a space"),
    ("a@localhost", "needs a dot"), (".a@b.cn", "before @"), ("", "empty"),
])
def test_bad_email_addresses_are_explained(text, problem):
    with pytest.raises(InvalidValue, match=problem):
        normalise_email(text)


def test_email_and_phone_normalisation():
    assert normalise_email(" Zhang.Wei@Huaxin-Trade.CN ") == "zhang.wei@huaxin-trade.cn"
    assert normalise_email("李@例子.中国") == "李@例子.中国"
    assert normalise_phone("138 1234 5678") == "+8613812345678"  # the default country, China
    assert normalise_phone("(0755) 8888-1234") == "+8675588881234"
    assert normalise_phone("030 1234567", "DE") == "+49301234567"
    with pytest.raises(InvalidValue):
        normalise_phone("12")


def test_an_update_never_empties_a_filled_field_unless_cleared(store):
    add_contact(store, ContactInput(name="张伟", emails=["zw@huaxin.cn"], phones=["13812345678"], title="经理"))
    changed = update_contact(store, "zw@huaxin.cn", ContactInput(name="", title="", phones=[]))
    assert changed == {}
    with store.read() as session:
        assert require_contact(session, "zw@huaxin.cn").title == "经理"
    changed = update_contact(store, "zw@huaxin.cn", ContactInput(), cleared={"title"})
    assert changed == {"title": ("经理", "")}


def test_every_change_is_a_version_and_any_version_can_be_restored(store):
    uuid = add_contact(store, ContactInput(name="Anna Schmidt", emails=["anna@nordwind.de"]))
    update_contact(store, "anna@nordwind.de", ContactInput(title="Purchasing"))
    update_contact(store, "anna@nordwind.de", ContactInput(title="Head of Purchasing", phones=["+49 30 1234567"]))
    with store.read() as session:
        history = versions(session, CONTACT, require_contact(session, "anna@nordwind.de"))
    assert [v.number for v in history] == [1, 2, 3]
    assert history[2].changes == [{"field": "title", "old": "Purchasing", "new": "Head of Purchasing"},
                                  {"field": "phones", "old": [], "new": ["+49301234567"]}]
    restore_contact(store, "anna@nordwind.de", 2)
    with store.read() as session:
        contact = require_contact(session, "anna@nordwind.de")
        assert contact.title == "Purchasing"
        assert versions(session, CONTACT, contact)[-1].origin == "restore"
        # history stores references by uuid (portable to the team server), and nothing is lost
        assert session.scalar(select(Change).where(Change.record_uuid == uuid, Change.field == "*")) is not None


def test_duplicates_by_phone_and_alike_names_within_a_domain(store):
    add_contact(store, ContactInput(name="Zhang Wei", emails=["zhang.wei@huaxin.cn"]))
    add_contact(store, ContactInput(name="Wei Zhang", emails=["wzhang@huaxin.cn"]))
    add_contact(store, ContactInput(name="张伟", emails=["zw@qq.com"], phones=["13812345678"]))
    add_contact(store, ContactInput(name="张 伟", emails=["zw2@163.com"], phones=["+86 138 1234 5678"]))
    add_contact(store, ContactInput(name="Chen Jing", emails=["chen@huaxin.cn"]))
    groups = {(g.reason, g.detail, tuple(sorted(n for _u, n in g.contacts))) for g in find_duplicates(store)}
    assert groups == {("name", "huaxin.cn", ("Wei Zhang", "Zhang Wei")),
                      ("phone", "+8613812345678", ("张 伟", "张伟"))}
    assert names_alike("张伟", "张 伟") and not names_alike("张伟", "张卫东")


def test_merge_keeps_every_link_note_task_deal_and_history(store):
    mailbox = MailStore(store)
    first, second = mailbox.add(mail("Zhang Wei <zhang.wei@huaxin.cn>", "sales@example.com", "a"),
                                mail("Wei Zhang <wzhang@huaxin.cn>", "sales@example.com", "b", day=2))
    keep = add_contact(store, ContactInput(name="Zhang Wei", emails=["zhang.wei@huaxin.cn"]))
    other = add_contact(store, ContactInput(name="Wei Zhang", emails=["wzhang@huaxin.cn"],
                                            phones=["13812345678"], title="采购经理"))
    with store.read() as session:
        other_id = require_contact(session, "wzhang@huaxin.cn").id
    note = activities.add_note(store, "喜欢喝茶", contact_id=other_id)
    task = activities.add_task(store, "寄样品", contact_id=other_id)
    deal = deals.add_deal(store, "LED 面板", contact_email="wzhang@huaxin.cn", amount="1000")
    merge_contacts(store, keep, [other])
    with store.read() as session:
        survivor = require_contact(session, "wzhang@huaxin.cn")  # the old address finds the survivor
        assert survivor.uuid == keep and survivor.title == "采购经理"
        assert set(session.scalars(select(MessageLink.message_id).where(MessageLink.contact_id == survivor.id))) \
            == {first, second}
        assert session.scalar(select(Note.contact_id).where(Note.uuid == note)) == survivor.id
        assert session.scalar(select(Task.contact_id).where(Task.uuid == task)) == survivor.id
        from app.store.crm_models import Deal

        assert session.scalar(select(Deal.contact_id).where(Deal.uuid == deal)) == survivor.id
        merged = session.scalar(select(Contact).where(Contact.uuid == other))
        assert merged.merged_into_id == survivor.id and merged.deleted_at is not None
        origins = [v.origin for v in versions(session, CONTACT, survivor)]
        assert origins.count("merge") >= 1 and len(origins) >= 3  # both histories are readable


def test_follow_up_is_cancelled_by_a_reply_and_becomes_a_task_otherwise(store):
    mailbox = MailStore(store)
    add_contact(store, ContactInput(name="张伟", emails=["zw@huaxin.cn"]))
    sent_a, sent_b = mailbox.add(
        mail("sales@example.com", "张伟 <zw@huaxin.cn>", "报价单", message_id="<quote@x>"),
        mail("sales@example.com", "张伟 <zw@huaxin.cn>", "合同", message_id="<contract@x>"), folder="Sent")
    start = 1_790_000_000
    answered = remind_if_no_reply(store, sent_a, 3, now=start)
    waiting = remind_if_no_reply(store, sent_b, 3, now=start)
    mailbox.add(mail("张伟 <zw@huaxin.cn>", "sales@example.com", "自动回复: 合同", day=2,
                     headers={"Auto-Submitted": "auto-replied"}, in_reply_to="<contract@x>"),
                mail("张伟 <zw@huaxin.cn>", "sales@example.com", "回复: 报价单", day=3))  # no references
    assert check_followups(store, now=start + 86400) == []
    created = check_followups(store, now=start + 4 * 86400)
    with store.read() as session:
        states = dict(session.execute(select(FollowUp.uuid, FollowUp.state)).all())
        assert states == {answered: "replied", waiting: "due"}
        task = session.scalar(select(Task).where(Task.uuid == created[0]))
        assert task.kind == "follow_up" and "合同" in task.title and task.contact_id is not None
    assert activities.tasks_to_notify(store, at=start + 5 * 86400) == [(task.uuid, task.title, task.due_at)]
    assert activities.tasks_to_notify(store, at=start + 6 * 86400) == []  # each reminder once


def test_ordered_uuids_are_version_7_distinct_and_grow_with_time():
    import time
    import uuid

    first = records.ordered_uuids(1000)
    time.sleep(0.002)
    later = records.ordered_uuids(3)
    parsed = [uuid.UUID(text) for text in first + later]
    assert all(u.version == 7 and u.variant == uuid.RFC_4122 for u in parsed)
    assert len(set(first + later)) == 1003
    assert max(first) < min(later)  # the millisecond leads: later ids sort after earlier ones
    assert [str(u) for u in parsed] == first + later  # canonical lower-case text
