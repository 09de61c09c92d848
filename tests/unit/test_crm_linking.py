"""Linking mail to customers: To/Cc, free mail, retroactive, manual override, automatic mail."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from app.crm import linking
from app.crm.customers import ContactInput, add_company, add_contact
from app.crm.settings import set_setting, DEFAULT_FREE_MAIL
from app.crm.unknown_senders import unknown_senders
from app.store.crm_models import Company, Contact, MessageLink
from tests.support.mail_store import MailStore, mail

ZHANG = "张伟 <zhang.wei@huaxin-trade.cn>"
CHEN = "陈静 <chen.jing@huaxin-trade.cn>"
LINA = "李娜 <lina@qq.com>"
ME = "Me <sales@example.com>"


@pytest.fixture
def mailbox(store):
    return MailStore(store)


def links(store, **where) -> set[int]:
    column, value = next(iter(where.items()))
    with store.read() as session:
        record = session.scalar(select(Contact if column == "contact" else Company).where(
            (Contact.uuid if column == "contact" else Company.uuid) == value))
        field = MessageLink.contact_id if column == "contact" else MessageLink.company_id
        return set(session.scalars(select(MessageLink.message_id).where(field == record.id)))


def test_contacts_are_linked_from_to_and_cc_and_retroactively(store, mailbox):
    from_zhang, = mailbox.add(mail(ZHANG, ME, "报价单"))
    to_zhang, = mailbox.add(mail(ME, ZHANG, "回复: 报价单", day=2), folder="Sent")
    cc_zhang, = mailbox.add(mail(CHEN, ME, "合同", cc=ZHANG, day=3))
    other, = mailbox.add(mail("x@other.example", ME, "spam"))
    zhang = add_contact(store, ContactInput(name="张伟", emails=["zhang.wei@huaxin-trade.cn"]))
    assert links(store, contact=zhang) == {from_zhang, to_zhang, cc_zhang}
    assert other not in links(store, contact=zhang)
    reasons = {r.detail: r.why for r in linking.explain(store, cc_zhang) if r.record_type == "contact"}
    assert reasons == {"zhang.wei@huaxin-trade.cn": "cc"}


def test_companies_by_domain_but_never_by_free_mail(store, mailbox):
    business, = mailbox.add(mail(CHEN, ME, "合同"))
    personal, = mailbox.add(mail(LINA, ME, "样品"))
    huaxin = add_company(store, "华信贸易", ["huaxin-trade.cn"])
    tencent = add_company(store, "腾讯", ["qq.com"])
    assert links(store, company=huaxin) == {business}
    assert links(store, company=tencent) == set()  # qq.com is free mail: says nothing about a company
    why = [r.why for r in linking.explain(store, personal)]
    assert "free-mail" in why and "no-record" in why
    set_setting(store, "free_mail_domains", [d for d in DEFAULT_FREE_MAIL if d != "qq.com"])
    linking.relink_all(store)
    assert links(store, company=tencent) == {personal}


def test_a_contact_links_its_company_even_from_a_personal_address(store, mailbox):
    personal, = mailbox.add(mail(LINA, ME, "样品"))
    add_contact(store, ContactInput(name="李娜", emails=["lina@qq.com"], company="华信贸易"))
    with store.read() as session:
        company_uuid = session.scalar(select(Company.uuid).where(Company.name == "华信贸易"))
    assert links(store, company=company_uuid) == {personal}


def test_manual_unlink_and_link_survive_relinking_and_a_cache_rebuild(store, mailbox):
    first, second = mailbox.add(mail(ZHANG, ME, "私事", message_id="<private@x>"),
                                mail(ME, "boss@example.com", "关于华信", day=2, message_id="<about@x>"))
    zhang = add_contact(store, ContactInput(name="张伟", emails=["zhang.wei@huaxin-trade.cn"]))
    linking.set_override(store, first, "contact", zhang, "unlink")
    linking.set_override(store, second, "contact", zhang, "link")
    assert links(store, contact=zhang) == {second}
    linking.relink_all(store)
    assert links(store, contact=zhang) == {second}
    # The mail cache is rebuilt (UIDVALIDITY reset): new rows, same Message-IDs.
    from app.store import mail_cache

    mail_cache.reset_folder(store, mailbox.folders["INBOX"], 2)
    again = mailbox.add(mail(ZHANG, ME, "私事", message_id="<private@x>"),
                        mail(ME, "boss@example.com", "关于华信", day=2, message_id="<about@x>"))
    linking.link_new_mail(store)
    assert links(store, contact=zhang) == {again[1]}
    assert {r.why for r in linking.explain(store, again[0]) if r.record_type == "contact"} == {"unlinked"}
    linking.clear_override(store, again[0], "contact", zhang)
    assert links(store, contact=zhang) == set(again)


def test_new_mail_after_sync_is_linked(store, mailbox):
    zhang = add_contact(store, ContactInput(name="张伟", emails=["zhang.wei@huaxin-trade.cn"]))
    linking.link_new_mail(store)
    arrived, = mailbox.add(mail(ZHANG, ME, "新邮件", day=5))
    assert arrived not in links(store, contact=zhang)
    linking.link_new_mail(store)
    assert arrived in links(store, contact=zhang)


def test_auto_replies_and_bounces_are_linked_but_never_unknown_senders(store, mailbox):
    auto, bounce, person = mailbox.add(
        mail(ZHANG, ME, "自动回复: 报价单", headers={"Auto-Submitted": "auto-replied"}),
        mail("MAILER-DAEMON@mx.example.com", ME, "Undelivered Mail Returned to Sender", cc=ZHANG),
        mail("new.person@prospect.example", ME, "询价"))
    senders = [s.address for s in unknown_senders(store)]
    assert senders == ["new.person@prospect.example"]
    zhang = add_contact(store, ContactInput(name="张伟", emails=["zhang.wei@huaxin-trade.cn"]))
    assert links(store, contact=zhang) == {auto, bounce}
    assert any(r.why == "automatic" for r in linking.explain(store, auto))
    from app.store.models import Message

    with store.read() as session:
        kinds = dict(session.execute(select(Message.id, Message.auto_kind)).all())
    assert (kinds[auto], kinds[bounce], kinds[person]) == ("auto-reply", "bounce", "")


def test_deleting_a_contact_removes_its_links(store, mailbox):
    from app.crm.customers import delete_contact

    message, = mailbox.add(mail(ZHANG, ME, "报价单"))
    zhang = add_contact(store, ContactInput(name="张伟", emails=["zhang.wei@huaxin-trade.cn"]))
    assert links(store, contact=zhang) == {message}
    delete_contact(store, "zhang.wei@huaxin-trade.cn")
    assert links(store, contact=zhang) == set()
