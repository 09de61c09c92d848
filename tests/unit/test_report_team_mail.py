"""Colleagues' shared mail in a manager's response-time and activity reports, and the messages
behind mail rows. The shared timeline is filled the way a pull fills it
(``shared_timeline.apply_links``), every figure computed by hand in the comments."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest
from sqlalchemy import select

from app.crm.customers import ContactInput, add_contact
from app.reports.behind import opened, shared_message
from app.reports.mail_reports import activity, response_time
from app.reports.table import Filters
from app.store.crm_models import Contact
from app.store.models import Message
from app.sync import state
from app.sync.shared_timeline import apply_links, link_uuid
from tests.unit.test_reports import _mail, _store_mail

START = datetime(2026, 11, 24, 9, 0)  # a Tuesday: ISO week 2026-W48
HOUR = timedelta(hours=1)


def _at(hours: float) -> int:
    return int((START + hours * HOUR).timestamp())


def _link(owner: str, name: str, key: str, sender: str, subject: str, hours: float, contact: str) -> dict:
    """A ``message_link`` record as the team server sends it in a pull."""
    return {"uuid": link_uuid(owner, key), "deleted": False, "owner": {"email": owner, "name": name},
            "fields": {"message_key": key, "subject": subject, "date": _at(hours), "from_addr": sender,
                       "participants": [sender], "snippet": "…", "contact": contact}}


def _signed_in(store, role: str, email: str) -> None:
    with store.writer.waiting_allowed():
        store.write_with(lambda s: (state.put(s, "role", role), state.put(s, "email", email)))


@pytest.fixture
def team_mail(store):
    """Mine: 王芳 asks, I answer 3 h later. Shared by Amy: 李雷 asks (Bob got it too and shared
    it as well), Amy answers 2 h later, 李雷 writes again and waits. Amy also shared her copy of
    王芳's question (mine wins: not counted again) and her note to 王芳 an hour after it."""
    add_contact(store, ContactInput(name="王芳", emails=["wang@client.cn"]))
    add_contact(store, ContactInput(name="李雷", emails=["li@client.cn"]))
    _store_mail(store, [
        _mail("w1", "王芳 <wang@client.cn>", "me@us.test", "报价", START),
        _mail("w3", "me@us.test", "wang@client.cn", "Re: 报价", START + 3 * HOUR, reply_to="w1"),
    ])
    with store.read() as session:
        uuid = dict(session.execute(select(Contact.name, Contact.uuid)).all())
    li, wang = uuid["李雷"], uuid["王芳"]
    links = [
        _link("amy@us.test", "Amy", "<a1@r.test>", "li@client.cn", "合同", 0, li),
        _link("bob@us.test", "Bob", "<a1@r.test>", "li@client.cn", "合同", 0, li),
        _link("amy@us.test", "Amy", "<a2@r.test>", "amy@us.test", "Re: 合同", 2, li),
        _link("amy@us.test", "Amy", "<a3@r.test>", "li@client.cn", "回复：合同", 5, li),
        _link("amy@us.test", "Amy", "<w1@r.test>", "wang@client.cn", "报价", 0, wang),
        _link("amy@us.test", "Amy", "<x1@r.test>", "amy@us.test", "Re: 报价", 1, wang),
    ]
    with store.writer.waiting_allowed():
        store.write_with(lambda session: apply_links(session, links))
    return store


def _people(report) -> dict:
    return {r["who"]: (r["replies"], r["median"]) for r in report.rows if r["group"] == "person"}


def test_a_manager_counts_colleagues_shared_conversations_each_message_once(team_mail):
    store = team_mail
    _signed_in(store, "manager", "boss@us.test")
    report = response_time(store, Filters())
    # Mine: 3 h. Amy's: 李雷 waited 2 h. Her copy of 王芳's question is mine (counted once, in my
    # conversation), so her note an hour later answers nothing.
    assert _people(report) == {"me@us.test": (1, 3 * 3600), "amy@us.test": (1, 2 * 3600)}
    customers = {r["who"]: (r["replies"], r["median"]) for r in report.rows if r["group"] == "customer"}
    assert customers == {"李雷": (1, 2 * 3600), "王芳": (1, 3 * 3600)}
    [waiting] = [r for r in report.rows if r["group"] == "waiting"]
    assert (waiting["who"], waiting["subject"]) == ("李雷", "回复：合同")

    # A rep counts their own mail only.
    _signed_in(store, "rep", "me@us.test")
    report = response_time(store, Filters())
    assert _people(report) == {"me@us.test": (1, 3 * 3600)}
    assert [r for r in report.rows if r["group"] == "waiting"] == []


def test_a_managers_activity_counts_shared_mail_for_who_shared_it(team_mail):
    store = team_mail
    _signed_in(store, "manager", "boss@us.test")
    rows = {r["person"]: (r["sent"], r["received"]) for r in activity(store, Filters()).rows
            if r["week"] == "2026-W48"}
    # Me: w3 sent, w1 received. Amy: a2 and x1 sent; a1 (Bob's copy not again) and a3 received;
    # her copy of w1 is mine. Bob: his only message is a1, counted for Amy.
    assert rows == {"me@us.test": (1, 1), "amy@us.test": (2, 2)}
    _signed_in(store, "rep", "me@us.test")
    assert {r["person"] for r in activity(store, Filters()).rows} == {"me@us.test"}


def test_the_messages_behind_mail_rows(team_mail):
    store = team_mail
    _signed_in(store, "manager", "boss@us.test")
    filters = Filters()
    report = response_time(store, filters)
    row = {(r["group"], r["who"]): n for n, r in enumerate(report.rows)}
    with store.read() as session:
        w1 = session.scalar(select(Message.id).where(Message.subject == "报价"))
    day = START.date().isoformat()
    # Behind my row: 王芳's question that waited; behind Amy's: 李雷's, shared by her.
    assert opened(store, report, row[("person", "me@us.test")], filters) == [("message", w1, f"{day} · 报价")]
    [(kind, rowid, label)] = opened(store, report, row[("person", "amy@us.test")], filters)
    assert (kind, label) == ("shared", f"{day} · 合同 · Amy")
    entry = shared_message(store, rowid)
    assert (entry.title, entry.shared_by, entry.message_id) == ("合同", "Amy", "<a1@r.test>")
    # A customer's row: the customer, then their waits; one waiting: the customer and the message.
    wang = opened(store, report, row[("customer", "王芳")], filters)
    assert [(kind, label) for kind, _id, label in wang] == [("contact", "王芳"), ("message", f"{day} · 报价")]
    waiting = opened(store, report, row[("waiting", "李雷")], filters)
    assert [(kind, label) for kind, _id, label in waiting] == [("contact", "李雷"), ("shared", f"{day} · 回复：合同 · Amy")]

    weeks = activity(store, filters)
    index = {r["person"]: n for n, r in enumerate(weeks.rows) if r["week"] == "2026-W48"}
    mine = opened(store, weeks, index["me@us.test"], filters)
    assert [label for _kind, _id, label in mine] == [f"{day} · Re: 报价", f"{day} · 报价"]  # newest first
    amy = opened(store, weeks, index["amy@us.test"], filters)
    assert [(kind, label) for kind, _id, label in amy] == [
        ("shared", f"{day} · 回复：合同 · Amy"), ("shared", f"{day} · Re: 合同 · Amy"),
        ("shared", f"{day} · Re: 报价 · Amy"), ("shared", f"{day} · 合同 · Amy")]
    # Another week: nothing behind the same person.
    assert opened(store, weeks, index["me@us.test"], Filters(start=START.date() + timedelta(days=7))) == []


def test_sorting_a_report_keeps_each_rows_messages_beside_it(team_mail):
    store = team_mail
    _signed_in(store, "manager", "boss@us.test")
    report = response_time(store, Filters())

    def behind_each() -> dict:
        return {(r["group"], r["who"]): opened(store, report, n, Filters()) for n, r in enumerate(report.rows)}
    before = behind_each()
    report.sort(key=lambda row: (row["who"], row["group"]))
    assert [r["who"] for r in report.rows] == sorted(r["who"] for r in report.rows)
    assert behind_each() == before
