"""Replies (recipients, subject, threading, quoting), templates and mail merge."""

from __future__ import annotations

import time

import pytest

from app.crm import deals
from app.crm.customers import ContactInput, add_contact
from app.errors import UserFacingError
from app.mail.reading.message_view import build_view
from app.mail.sending.outbox import list_outbox
from app.mail.sending.reply import forward, reply, reply_subject
from app.crm.mail_merge import mail_merge, render_for_contact
from app.mail.sending.templates import save_template
from app.store.accounts import list_accounts
from tests.support.mail_store import MailStore, mail

ME = ("Li Lei", "sales@example.com")


@pytest.mark.parametrize("subject, expected", [
    ("报价单", "Re: 报价单"), ("Re: 报价单", "Re: 报价单"), ("RE: Re: 回复: 报价单", "Re: 报价单"),
    ("回复：报价单", "Re: 报价单"), ("Fwd: Quote", "Re: Quote"), ("[sales] Re: Quote", "Re: Quote"),
])
def test_reply_prefix_is_never_stacked(subject, expected):
    assert reply_subject(subject) == expected


def test_reply_all_threading_and_quoting():
    raw = mail("张伟 <zw@huaxin.cn>", "Li Lei <sales@example.com>, 陈静 <chen@huaxin.cn>", "Re: 报价单",
               cc="anna@x.de, sales@example.com", message_id="<q2@x>", in_reply_to="<q1@x>",
               body="价格可以。\n\n> 旧的引用")
    view = build_view(raw)
    answer = reply(view, ME, everyone=True)
    assert answer.to == [("张伟", "zw@huaxin.cn")]
    assert answer.cc == [("陈静", "chen@huaxin.cn"), ("", "anna@x.de")]
    assert answer.subject == "Re: 报价单" and answer.in_reply_to == "<q2@x>"
    assert answer.references == ["<q1@x>", "<q2@x>"]
    assert "张伟 wrote:" in answer.body and "> 价格可以。" in answer.body and "> > 旧的引用" in answer.body
    assert reply(view, ME).cc == []


def test_forward_keeps_attachments():
    from email.message import EmailMessage

    original = EmailMessage()
    original["From"], original["To"], original["Subject"] = "a@b.cn", "sales@example.com", "回复: 合同"
    original.set_content("see attached")
    original.add_attachment(b"%PDF", maintype="application", subtype="pdf", filename="合同.pdf")
    forwarded = forward(build_view(original.as_bytes()), ME)
    assert forwarded.subject == "Fwd: 合同" and [a.filename for a in forwarded.attachments] == ["合同.pdf"]
    assert "Forwarded message" in forwarded.body and "see attached" in forwarded.body


def test_templates_fill_fields_and_refuse_blanks(store):
    MailStore(store)
    account = list_accounts(store)[0]
    add_contact(store, ContactInput(name="张伟", emails=["zw@huaxin.cn"], company="华信贸易", title="经理"))
    add_contact(store, ContactInput(name="Anna", emails=["anna@x.de"]))
    deals.add_deal(store, "LED", contact_email="zw@huaxin.cn", amount="772000")
    save_template(store, "quote", "{{ company.name }} 报价", "{{ contact.last_name }}{{contact.title}}您好，金额 {{ deal.amount }}。")
    assert render_for_contact(store, "quote", "zw@huaxin.cn", account) == ("华信贸易 报价", "张经理您好，金额 772000。")
    with pytest.raises(UserFacingError, match="no value for company.name, contact.last_name, contact.title, deal.amount"):
        render_for_contact(store, "quote", "anna@x.de", account)
    with pytest.raises(UserFacingError, match="Unknown field"):
        save_template(store, "bad", "{{ contact.nickname }}", "")


def test_mail_merge_is_throttled_resumable_and_reports_problems(store):
    MailStore(store)
    account = list_accounts(store)[0]
    for n in range(5):
        add_contact(store, ContactInput(name=f"Person {n}", emails=[f"p{n}@firm.example"],
                                        title="Buyer" if n != 3 else ""))
    save_template(store, "hello", "Hello {{ contact.name }}", "Dear {{ contact.title }}")
    start = int(time.time())
    first = mail_merge(store, account, "hello", [f"p{n}@firm.example" for n in range(3)], interval=10,
                       start_at=start)
    again = mail_merge(store, account, "hello", [f"p{n}@firm.example" for n in range(5)], batch=first.batch,
                       interval=10, start_at=start)
    assert first.queued == ["p0@firm.example", "p1@firm.example", "p2@firm.example"]
    assert again.skipped == first.queued and again.queued == ["p4@firm.example"]
    assert list(again.problems) == ["p3@firm.example"]
    times = [info.next_attempt_at for info in list_outbox(store)]
    assert times == [start, start + 10, start + 20, start]
