"""What the 360° views read: who a message is about, you and your teammates, person and company
views, the timeline (one entry per message, your mail marked as sent), the Customers lists."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from app.crm import activities, deals
from app.crm.customer_lists import company_names, company_row, company_rows, contact_row, contact_rows
from app.crm.customer_view import company_view, contact_view, message_parties, person_view
from app.crm.customers import (
    ContactInput,
    add_company,
    add_contact,
    delete_record,
    restore_record,
    update_company,
)
from app.crm.teammates import internal_domains, own_addresses, us
from app.crm.timeline import mail_with, split_activity_body, timeline
from app.crm.unknown_senders import unknown_senders
from app.crm.validation import InvalidValue
from app.store.crm_models import Company, Contact
from tests.support.mail_store import MailStore, mail

ZHANG = "张伟 <zhang.wei@huaxin-trade.cn>"
CHEN = "陈静 <chen.jing@huaxin-trade.cn>"
MAYA = "Maya Chen <maya.chen@example.com>"
ME = "Me <sales@example.com>"


@pytest.fixture
def mailbox(store):
    return MailStore(store)


def ids(store, model):
    with store.read() as session:
        return {r.name: r.id for r in session.scalars(select(model))}


# -- you and your teammates ------------------------------------------------------------------------
def test_own_addresses_and_the_company_domain_from_the_accounts(store, mailbox):
    assert own_addresses(store) == {"sales@example.com"}
    assert internal_domains(store) == {"example.com"}
    we = us(store)
    assert [we.kind_of(a) for a in ("SALES@example.com", "maya.chen@example.com", "x@huaxin-trade.cn")] == \
        ["self", "teammate", "external"]


def test_free_mail_accounts_have_no_teammates_and_the_setting_wins(store, monkeypatch):
    from app.store.accounts import NewAccount, create_account

    create_account(store, NewAccount(name="qq", email="me@qq.com", imap_host="imap.qq.com", imap_port=993,
                                     imap_security="ssl", smtp_host="smtp.qq.com", smtp_port=465,
                                     smtp_security="ssl"))
    assert internal_domains(store) == frozenset()
    import app.crm.teammates as teammates

    real = teammates.get_setting
    monkeypatch.setattr(teammates, "get_setting",
                        lambda s, key: ["Liaison-Demo.example", "@acme.cn"] if key == "internal_domains" else real(s, key))
    assert internal_domains(store) == {"liaison-demo.example", "acme.cn"}


def test_unknown_senders_leave_out_you_and_your_teammates(store, mailbox):
    mailbox.add(mail(ZHANG, ME, "询价"), mail(MAYA, ME, "Pipeline"), mail(ME, ME, "Note to self"))
    assert [s.address for s in unknown_senders(store)] == ["zhang.wei@huaxin-trade.cn"]
    assert [s.address for s in unknown_senders(store, needle="张")] == ["zhang.wei@huaxin-trade.cn"]
    assert unknown_senders(store, needle="nobody") == []


# -- who a message is about ----------------------------------------------------------------------
def test_sent_mail_is_about_its_recipients_the_customer_first(store, mailbox):
    sent, = mailbox.add(mail(ME, f"{MAYA}, 王芳 <wangfang@163.com>", "报价", cc=ZHANG), folder="Sent")
    add_contact(store, ContactInput(name="张伟", emails=["zhang.wei@huaxin-trade.cn"]))
    about = message_parties(store, sent)
    assert about.outgoing
    assert [(p.address, p.kind, p.role) for p in about.parties] == [
        ("maya.chen@example.com", "teammate", "to"), ("wangfang@163.com", "unknown", "to"),
        ("zhang.wei@huaxin-trade.cn", "contact", "cc")]
    assert about.parties[about.primary].address == "zhang.wei@huaxin-trade.cn"
    assert about.parties[2].label == "张伟"


def test_received_mail_is_about_its_sender_unless_a_teammate_forwards_a_customer(store, mailbox):
    received, forwarded = mailbox.add(mail(ZHANG, ME, "询价", cc=CHEN), mail(MAYA, ME, "FYI", cc=ZHANG))
    add_contact(store, ContactInput(name="张伟", emails=["zhang.wei@huaxin-trade.cn"]))
    about = message_parties(store, received)
    assert not about.outgoing and about.parties[about.primary].address == "zhang.wei@huaxin-trade.cn"
    assert [p.address for p in about.parties] == ["zhang.wei@huaxin-trade.cn", "chen.jing@huaxin-trade.cn"]
    about = message_parties(store, forwarded)
    assert about.parties[about.primary].address == "zhang.wei@huaxin-trade.cn"


def test_person_views_of_a_contact_a_stranger_a_teammate_and_you(store, mailbox):
    add_contact(store, ContactInput(name="张伟", emails=["zhang.wei@huaxin-trade.cn"], company="华信贸易",
                                    title="采购经理", phones=["13812345678"]))
    deals.add_deal(store, "LED 面板", contact_email="zhang.wei@huaxin-trade.cn", amount="772000")
    view = person_view(store, "", "Zhang.Wei@huaxin-trade.cn")
    assert (view.kind, view.name, view.contact.title, view.company.name) == ("contact", "张伟", "采购经理", "华信贸易")
    assert [d.title for d in view.deals] == ["LED 面板"] and view.contact.phones == ["+8613812345678"]
    stranger = person_view(store, "Li Na", "li.na@huaxin-trade.cn")
    assert (stranger.kind, stranger.company.name, [d.title for d in stranger.deals]) == \
        ("unknown", "华信贸易", ["LED 面板"])
    assert person_view(store, "王芳", "wangfang@163.com").free_mail
    assert person_view(store, "Maya", "maya.chen@example.com").kind == "teammate"
    assert person_view(store, "Me", "sales@example.com").kind == "self"
    assert contact_view(store, ids(store, Contact)["张伟"]).address == "zhang.wei@huaxin-trade.cn"


def test_company_view_has_its_people_deals_and_their_open_tasks(store, mailbox):
    add_contact(store, ContactInput(name="张伟", emails=["zhang.wei@huaxin-trade.cn"], company="华信贸易"))
    add_contact(store, ContactInput(name="陈静", emails=["chen.jing@huaxin-trade.cn"], company="华信贸易"))
    won = deals.add_deal(store, "Old order", company="华信贸易", stage="Won")
    deals.add_deal(store, "LED 面板", company="华信贸易")
    people = ids(store, Contact)
    activities.add_task(store, "寄样品", due_at=100, contact_id=people["陈静"])
    company_id = ids(store, Company)["华信贸易"]
    view = company_view(store, company_id)
    assert [p.name for p in view.people] == ["张伟", "陈静"]
    assert [(d.title, d.status) for d in view.deals] == [("LED 面板", "open"), ("Old order", "won")]
    assert [(t.title, t.who) for t in view.tasks] == [("寄样品", "陈静")]
    assert won
    delete_record(store, "company", view.card.uuid)
    assert company_view(store, company_id) is None
    restore_record(store, "company", view.card.uuid)
    assert company_view(store, company_id).card.name == "华信贸易"


def test_company_details_change_in_place_and_domains_relink(store, mailbox):
    message, = mailbox.add(mail("Li Na <li.na@bright.cn>", ME, "Price"))
    uuid = add_company(store, "Bright", [])
    update_company(store, uuid, name="明亮照明", industry="Lighting", domains=["bright.cn"])
    company_id = ids(store, Company)["明亮照明"]
    assert [e.key for e in timeline(store, company_id=company_id)] == [message]
    add_company(store, "Other", ["other.cn"])
    with pytest.raises(InvalidValue, match="already belongs"):
        update_company(store, uuid, domains=["other.cn"])
    with pytest.raises(InvalidValue, match="needs a name"):
        update_company(store, uuid, name=" ")


# -- the timeline -----------------------------------------------------------------------------------
def test_the_timeline_has_each_message_once_and_marks_your_mail(store, mailbox):
    theirs, = mailbox.add(mail(ZHANG, ME, "询价", message_id="<a@x>"))
    sent, = mailbox.add(mail(ME, ZHANG, "回复：询价", day=2, message_id="<b@me>"), folder="Sent")
    copy, = mailbox.add(mail(ME, ZHANG, "回复：询价", day=2, message_id="<b@me>"))  # in the Inbox too (Bcc to self)
    add_contact(store, ContactInput(name="张伟", emails=["zhang.wei@huaxin-trade.cn"]))
    entries = timeline(store, contact_id=ids(store, Contact)["张伟"])
    assert [(e.outgoing, e.who) for e in entries] == [(True, "张伟"), (False, "张伟")]
    assert entries[0].key in (sent, copy) and entries[1].key == theirs
    assert [e.key for e in mail_with(store, "zhang.wei@huaxin-trade.cn")][1:] == [theirs]



def test_mail_with_an_address_reads_page_by_page_each_message_once(store, mailbox):
    """Pages end on a (date, id) cursor: messages of one day split across pages, copies in
    another folder and the message being read (with its copies) never show, the count agrees."""
    raws = [mail(ZHANG, ME, f"询价 {n}", day=1 + n // 3, message_id=f"<z{n}@x>") for n in range(14)]
    stored = mailbox.add(*raws)
    copies = mailbox.add(raws[4], raws[7], raws[9], folder="Sent")  # the same Message-IDs, stored twice
    reading = stored[9]
    from app.store.correspondence import count_mail_with_person

    shown, keys, before = [], set(), None
    while True:
        page = mail_with(store, "zhang.wei@huaxin-trade.cn", 4, leave_out=reading, before=before, seen_keys=keys)
        if not page:
            break
        assert len(page) <= 4
        shown += page
        before = page[-1].cursor
    assert sorted(e.message_id for e in shown) == sorted(f"<z{n}@x>" for n in range(14) if n != 9)
    assert reading not in [e.key for e in shown] and copies[2] not in [e.key for e in shown]
    assert [e.at for e in shown] == sorted((e.at for e in shown), reverse=True)
    assert count_mail_with_person(store, "zhang.wei@huaxin-trade.cn", leave_out=reading) == 13
    assert count_mail_with_person(store, "ZHANG.WEI@huaxin-trade.cn") == 14

def test_a_company_timeline_has_its_peoples_notes_calls_and_tasks(store, mailbox):
    add_contact(store, ContactInput(name="张伟", emails=["zhang.wei@huaxin-trade.cn"], company="华信贸易"))
    people, companies = ids(store, Contact), ids(store, Company)
    activities.add_note(store, "喜欢喝茶", contact_id=people["张伟"])
    activities.log_activity(store, "meeting", "现场看样", "带样品", happened_at=50, duration_minutes=45,
                            company_id=companies["华信贸易"], attendees=["张伟", "陈静; Li"])
    entries = timeline(store, company_id=companies["华信贸易"])
    assert sorted(e.kind for e in entries) == ["meeting", "note"]
    meeting = next(e for e in entries if e.kind == "meeting")
    assert (meeting.attendees, meeting.detail, meeting.duration_minutes) == (("张伟", "陈静, Li"), "带样品", 45)
    assert split_activity_body("plain notes") == ([], "plain notes")


def test_deleted_notes_come_back(store, mailbox):
    add_contact(store, ContactInput(name="张伟", emails=["zhang.wei@huaxin-trade.cn"]))
    contact_id = ids(store, Contact)["张伟"]
    note = activities.add_note(store, "喜欢喝茶", contact_id=contact_id)
    activities.delete_entry(store, "note", note)
    assert timeline(store, contact_id=contact_id) == []
    activities.restore_entry(store, "note", note)
    assert [e.uuid for e in timeline(store, contact_id=contact_id)] == [note]


# -- the lists ---------------------------------------------------------------------------------------
def test_lists_filter_by_name_address_company_and_domain(store, mailbox):
    add_contact(store, ContactInput(name="张伟", emails=["zhang.wei@huaxin-trade.cn"], company="华信贸易",
                                    title="采购经理"))
    add_contact(store, ContactInput(name="Anna 100%", emails=["anna@nordwind.de"], company="Nordwind"))
    assert [r.name for r in contact_rows(store)] == ["Anna 100%", "张伟"]
    assert [r.name for r in contact_rows(store, "华信")] == ["张伟"]
    assert [r.name for r in contact_rows(store, "采购")] == ["张伟"]
    assert [r.name for r in contact_rows(store, "100%")] == ["Anna 100%"]  # % is not a wildcard
    assert [r.name for r in contact_rows(store, "_")] == []
    assert [r.name for r in company_rows(store, "nordwind.de")] == ["Nordwind"]  # the contact's domain
    assert [(r.name, r.people) for r in company_rows(store, "huaxin")] == [("华信贸易", 1)]
    contact_id, company_id = ids(store, Contact)["张伟"], ids(store, Company)["华信贸易"]
    assert contact_row(store, contact_id).email == "zhang.wei@huaxin-trade.cn"
    assert company_row(store, company_id).domains == "huaxin-trade.cn"
    assert company_names(store) == ["Nordwind", "华信贸易"]


def test_vcard_files_are_told_from_csv(store):
    from app.crm.csv_import import import_file, is_vcard

    card = b"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Anna\r\nEMAIL:anna@nordwind.de\r\nEND:VCARD\r\n"
    assert is_vcard(card) and is_vcard(b"", "x.VCF") and not is_vcard(b"Name,Email\n")
    report = import_file(store, card, "contacts.txt", dry_run=True)
    assert (report.created, report.written) == (1, False)
    report = import_file(store, b"Name,Email\nAnna,anna@nordwind.de\n", "a.csv")
    assert report.written and [r.name for r in contact_rows(store)] == ["Anna"]
