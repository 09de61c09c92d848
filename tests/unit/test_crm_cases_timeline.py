"""Cases as the window reads them: searching the list, the timeline of messages and changes,
a message's Message-ID."""

from __future__ import annotations

from app.crm import cases
from app.crm.customers import ContactInput, add_contact
from tests.support.mail_store import MailStore, mail

ZHANG = "zhang.wei@huaxin-trade.cn"


def test_search_finds_cases_by_title_customer_or_assignee(store):
    add_contact(store, ContactInput(name="张伟", emails=[ZHANG], company="华信贸易"))
    from app.crm.customers import contact_by_email

    with store.read() as session:
        contact = contact_by_email(session, ZHANG)
        zhang, huaxin = contact.id, contact.company_id
    broken = cases.open_case(store, "屏幕坏了", contact_id=zhang, company_id=huaxin, priority="urgent")
    invoice = cases.open_case(store, "Invoice copy", assignee="li.na@example.com")
    assert [c.uuid for c in cases.list_cases(store, search="屏幕")] == [broken]
    assert [c.uuid for c in cases.list_cases(store, search="张伟")] == [broken]
    assert [c.uuid for c in cases.list_cases(store, search="LI.NA")] == [invoice]
    assert {c.uuid for c in cases.list_cases(store, search="  ")} == {broken, invoice}
    # A contact's case is its company's too.
    assert cases.list_cases(store, company_id=huaxin)[0].uuid == broken
    assert cases.case_detail(store, cases.open_case(store, "Again", contact_id=zhang)).case.company_id == huaxin
    # A customer's cases: the contact's and its company's.
    assert [c.title for c in cases.list_cases(store, contact_id=zhang, company_id=huaxin)] == ["屏幕坏了", "Again"]


def test_the_timeline_holds_messages_and_changes_in_date_order(store):
    add_contact(store, ContactInput(name="张伟", emails=[ZHANG], company="华信贸易"))
    box = MailStore(store)
    box.add(mail(f"张伟 <{ZHANG}>", "sales@example.com", "屏幕坏了", day=2, message_id="<broken@x>"),
            mail("sales@example.com", ZHANG, "Re: 屏幕坏了", day=3, message_id="<answer@x>"))
    from app.crm.customers import contact_by_email

    with store.read() as session:
        zhang = contact_by_email(session, ZHANG).id
    uuid = cases.open_case(store, "屏幕坏了", contact_id=zhang, messages=["<broken@x>", "<gone@x>"])
    cases.update_case(store, uuid, {"status": "open", "priority": "high"})
    cases.file_message(store, uuid, "<answer@x>")  # shown by the message, not as a change
    events = cases.case_timeline(store, uuid)
    kinds = [(e.kind, e.message.key if e.message else None) for e in events]
    # The messages are from October 2026's first days; the changes were made now.
    assert kinds[:2] == [("message", "<broken@x>"), ("message", "<answer@x>")]
    assert kinds[-1] == ("message", "<gone@x>") and events[-1].at is None and events[-1].message.pk is None
    changes = [e for e in events if e.kind == "change"]
    assert len(changes) == 2
    created = {c["field"]: c["new"] for c in changes[0].changes}
    assert created.get("contact_id") == "张伟" and "messages" not in created
    assert {(c["field"], c["old"], c["new"]) for c in changes[1].changes} == {
        ("status", "new", "open"), ("priority", "normal", "high")}
    assert events[0].message.subject == "屏幕坏了" and events[0].message.pk is not None


def test_message_key_is_the_rfc_message_id(store):
    box = MailStore(store)
    pk, = box.add(mail("a@b.c", "sales@example.com", "hi", message_id="<k@x>"))
    assert cases.message_key(store, pk) == "<k@x>"
    assert cases.message_key(store, pk + 1000) == ""
