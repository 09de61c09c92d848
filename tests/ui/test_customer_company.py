"""A company's 360° view, driven by clicking (pytest-qt; the GUI thread never waits for a write)."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from sqlalchemy import select

from app.crm import activities, deals
from app.crm.customers import ContactInput, add_company, add_contact
from app.store.crm_models import Company, Contact
from app.ui.company_view import CompanyPanel
from tests.support.mail_store import MailStore, mail
from tests.ui.customer_support import CHEN, ME, ZHANG, click, click_accepting, type_into
from tests.ui.waiting import wait_for

NAME = "华信贸易有限公司"


@pytest.fixture
def huaxin(store):
    """A company with two people, mail with its domain, a deal and notes."""
    mailbox = MailStore(store)
    ids = mailbox.add(mail(ZHANG, ME, "询价", day=1), mail(CHEN, ME, "合同草案", day=3),
                      mail("Li Na <li.na@huaxin-trade.cn>", ME, "发票", day=5))
    mailbox.add(mail(ME, ZHANG, "报价单", day=2), folder="Sent")
    add_company(store, NAME, ["huaxin-trade.cn"], industry="建材")
    add_contact(store, ContactInput(name="张伟", emails=["zhang.wei@huaxin-trade.cn"], company=NAME, title="采购经理"))
    add_contact(store, ContactInput(name="陈静", emails=["chen.jing@huaxin-trade.cn"], company=NAME, title="法务"))
    deals.add_deal(store, "LED 面板 2000 台", company=NAME, contact_email="zhang.wei@huaxin-trade.cn",
                   amount="772000", currency="CNY")
    with store.read() as session:
        company_id = session.scalar(select(Company.id))
        people = {c.name: c.id for c in session.scalars(select(Contact))}
    activities.add_note(store, "喜欢喝普洱茶", contact_id=people["张伟"])
    activities.add_task(store, "寄送合同盖章版", due_at=1, contact_id=people["陈静"])
    return company_id, people, ids, mailbox


@pytest.fixture
def view(qtbot, store, huaxin):
    store.writer.never_wait_on()
    widget = CompanyPanel(store)
    qtbot.addWidget(widget)
    widget.resize(760, 900)
    widget.show()
    qtbot.waitExposed(widget)
    with qtbot.waitSignal(widget.company_shown):
        widget.show_company(huaxin[0])
    return widget


def test_the_company_shows_details_people_deals_tasks_and_all_its_mail(qtbot, view, huaxin):
    assert view.name.text() == NAME and view.avatar.text() == "华信"
    assert view.edit_domains.text() == "huaxin-trade.cn" and view.edit_industry.text() == "建材"
    assert [r.person.name for r in view.people_rows] == ["张伟", "陈静"]
    assert view.deals.count() == 1 and "¥772,000" in view.deals.rows[0].meta.text()
    assert [r.task.title for r in view.tasks.rows] == ["寄送合同盖章版"] and view.tasks.rows[0].overdue
    kinds = [e.kind for e in view.timeline.entries()]
    assert kinds.count("email") == 4 and "note" in kinds and "task" in kinds  # Li Na's mail, the people's notes
    sent = [e for e in view.timeline.entries() if e.kind == "email" and e.outgoing]
    assert [e.title for e in sent] == ["报价单"]
    dates = [e.at for e in view.timeline.entries()]
    assert dates == sorted(dates, reverse=True)


def test_the_company_is_read_on_the_view_reader_and_a_company_shown_later_wins(qtbot, store, view, huaxin,
                                                                                monkeypatch):
    """The view and the timeline's first page are queries: never on the GUI thread. Asking for
    another company while one is on its way shows the one asked for last."""
    import threading

    from app.ui import company_view as module

    threads = []
    real_view, real_timeline = module.company_view, module.timeline
    monkeypatch.setattr(module, "company_view", lambda *a, **k: threads.append(
        threading.current_thread().name) or real_view(*a, **k))
    monkeypatch.setattr(module, "timeline", lambda *a, **k: threads.append(
        threading.current_thread().name) or real_timeline(*a, **k))
    with store.writer.waiting_allowed():
        other = add_company(store, "Desk Trading", ["desk-trading.cn"])
        with store.read() as session:
            other_id = session.scalar(select(Company.id).where(Company.uuid == other))
    view.show_company(other_id)
    view.show_company(huaxin[0])
    wait_for(lambda: view.name.text() == NAME and view.ops.in_flight == 0, what="the company asked for last")
    assert threads and set(threads) == {"liaison-view-reader"}
    assert view.edit_domains.text() == "huaxin-trade.cn"


def test_details_are_edited_in_place(qtbot, store, view, huaxin):
    with store.writer.waiting_allowed():
        huaxin[3].add(mail("Tom <tom@huaxin.com.hk>", ME, "HK office", day=9))
    view.edit_industry.clear()
    type_into(view.edit_industry, "LED 照明")
    qtbot.keyClick(view.edit_industry, Qt.Key.Key_Return)
    wait_for(lambda: "LED 照明" in view.summary.text(), what="the industry")
    view.edit_domains.clear()
    type_into(view.edit_domains, "huaxin-trade.cn, huaxin.com.hk")
    qtbot.keyClick(view.edit_domains, Qt.Key.Key_Return)
    wait_for(lambda: any(e.title == "HK office" for e in view.timeline.entries()), what="the new domain's mail")

    errors = []
    view.ops.set_error_presenter(errors.append)
    view.edit_name.clear()
    qtbot.keyClick(view.edit_name, Qt.Key.Key_Return)
    wait_for(lambda: errors, what="the refusal")
    assert view.edit_name.text() == NAME


def test_people_open_and_actions_write_on_the_company(qtbot, store, view, huaxin):
    with qtbot.waitSignal(view.contact_requested) as opened:
        click(qtbot, view.people_rows[1])
    assert opened.args == [huaxin[1]["陈静"]]

    def note(dialog):
        assert dialog.windowTitle() == "New Note"
        dialog.text.setPlainText("年底前确认框架协议")
        qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    click_accepting(qtbot, view.note_button, note)
    wait_for(lambda: any(e.title == "年底前确认框架协议" for e in view.timeline.entries()), what="the note")

    def meeting(dialog):
        assert dialog.attendees.completer().model().stringList() == ["张伟", "陈静"]  # its people
        type_into(dialog.subject, "工厂参观")
        dialog.attendees.setText("张伟, 陈静")
        qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    click_accepting(qtbot, view.meeting_button, meeting)
    wait_for(lambda: any(e.kind == "meeting" and e.attendees == ("张伟", "陈静") for e in view.timeline.entries()),
             what="the meeting")

    def person(dialog):
        assert dialog.company.text() == NAME
        type_into(dialog.name, "王经理")
        dialog.emails.setText("wang@huaxin-trade.cn")
        qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    click_accepting(qtbot, view.contact_button, person)
    wait_for(lambda: len(view.people_rows) == 3, what="the new person")

    with qtbot.waitSignal(view.new_deal_requested) as deal:
        click(qtbot, view.deal_button)
    assert deal.args == ["company", huaxin[0]]
    with qtbot.waitSignal(view.deal_requested):
        click(qtbot, view.deals.rows[0])

    click(qtbot, view.tasks.rows[0].check)
    wait_for(lambda: view.tasks.count() == 0, what="the task done")
