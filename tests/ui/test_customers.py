"""Customer panel, Customers and Deals views, reminders and follow-ups (pytest-qt)."""

from __future__ import annotations

import time

import pytest
from sqlalchemy import select

from app.crm import activities, deals
from app.crm.customers import ContactInput, add_contact
from app.store.crm_models import Deal, FollowUp, Stage
from app.ui.customer_panel import MESSAGE_ROLE
from app.ui.message_list_model import Roles
from tests.support.mail_store import MailStore, mail

ZHANG = "张伟 <zhang.wei@huaxin-trade.cn>"


@pytest.fixture
def window(open_window, store):
    MailStore(store)  # an account, without a server: nothing here needs one
    win, _service = open_window(start=False)
    return win


def test_timeline_loads_page_by_page_and_opens_messages(qtbot, window, store):
    mailbox = MailStore(store)
    ids = mailbox.add(*(mail(ZHANG, "sales@example.com", f"消息 {n}", day=1 + n % 28,
                             message_id=f"<n{n}@x>") for n in range(120)))
    add_contact(store, ContactInput(name="张伟", emails=["zhang.wei@huaxin-trade.cn"]))
    window.reload_folders()
    window.show()
    qtbot.waitExposed(window)
    panel = window.customer
    panel.show_sender("张伟", "zhang.wei@huaxin-trade.cn", ids[0])
    assert panel.timeline.count() == 50
    bar = panel.timeline.verticalScrollBar()
    qtbot.waitUntil(lambda: bar.maximum() > 0)  # the list lays its items out after showing them
    bar.setValue(bar.maximum())
    qtbot.waitUntil(lambda: panel.timeline.count() == 100)
    item = panel.timeline.item(5)
    wanted = item.data(MESSAGE_ROLE)
    panel.timeline.itemActivated.emit(item)  # the panel then shows that message's customer anew
    assert window.list_view.currentIndex().data(Roles.MessageId) == wanted


def test_customers_view_filters_and_triages_unknown_senders(qtbot, window, store):
    mailbox = MailStore(store)
    mailbox.add(mail(ZHANG, "sales@example.com", "询价"), mail("王芳 <wangfang@163.com>", "sales@example.com", "样品"),
                mail("Spam <promo@ads.example>", "sales@example.com", "Buy now"))
    add_contact(store, ContactInput(name="Anna Schmidt", emails=["anna@nordwind.de"], company="Nordwind"))
    view = window.customers_view
    window.sections.setCurrentIndex(1)
    view.tabs.setCurrentIndex(2)
    senders = [view.unknown.item(r, 1).text() for r in range(view.unknown.rowCount())]
    assert set(senders) == {"zhang.wei@huaxin-trade.cn", "wangfang@163.com", "promo@ads.example"}
    view.unknown.selectRow(senders.index("promo@ads.example"))
    view.ignore_selected_unknown()
    senders = [view.unknown.item(r, 1).text() for r in range(view.unknown.rowCount())]
    view.unknown.selectRow(senders.index("zhang.wei@huaxin-trade.cn"))
    view.create_selected_unknown()
    assert [view.unknown.item(r, 1).text() for r in range(view.unknown.rowCount())] == ["wangfang@163.com"]

    view.tabs.setCurrentIndex(0)
    view.filter.setText("张")
    qtbot.waitUntil(lambda: view.contacts.rowCount() == 1)
    assert view.contacts.item(0, 1).text() == "zhang.wei@huaxin-trade.cn"
    view.contacts.selectRow(0)
    assert view.panel.address.text() == "zhang.wei@huaxin-trade.cn" and view.panel.timeline.count() == 1
    view.filter.setText("nordwind")
    qtbot.waitUntil(lambda: view.contacts.rowCount() == 1 and view.contacts.item(0, 0).text() == "Anna Schmidt")


def test_deals_board_moves_deals_between_stages(qtbot, window, store):
    add_contact(store, ContactInput(name="张伟", emails=["zhang.wei@huaxin-trade.cn"], company="华信贸易"))
    uuid = deals.add_deal(store, "LED 面板", contact_email="zhang.wei@huaxin-trade.cn", amount="772000")
    deals.add_deal(store, "Hamburg", amount="24900", currency="EUR", stage="Proposal")
    board = window.deals_view
    board.reload()
    with store.read() as session:
        by_name = {s.name: s.uuid for s in session.scalars(select(Stage))}
    assert board.columns[by_name["Lead"]].count() == 1
    board.move([uuid], by_name["Won"])
    assert board.columns[by_name["Won"]].item(0).text().startswith("LED 面板")
    with store.read() as session:
        assert session.scalar(select(Deal.status).where(Deal.uuid == uuid)) == "won"


def test_due_tasks_are_notified_once(qtbot, window, store):
    add_contact(store, ContactInput(name="张伟", emails=["zhang.wei@huaxin-trade.cn"]))
    from app.crm.customers import contact_by_email

    with store.read() as session:
        contact_id = contact_by_email(session, "zhang.wei@huaxin-trade.cn").id
    activities.add_task(store, "寄样品", due_at=int(time.time()) - 60, contact_id=contact_id)
    with qtbot.waitSignal(window.reminders.reminded) as shown:
        assert window.reminders.check() == ["Task due: 寄样品"]
    assert shown.args == ["Task due: 寄样品"]
    assert window.reminders.check() == []


def test_remind_me_if_no_reply_on_a_sent_message(qtbot, window, store):
    mailbox = MailStore(store)
    mailbox.add(mail("sales@example.com", ZHANG, "报价单", message_id="<quote@me>"), folder="Sent")
    window.reload_folders()
    from app.ui.main_window import FOLDER_NAME_ROLE

    account = window.folders.topLevelItem(0)
    sent = next(account.child(i) for i in range(account.childCount())
                if account.child(i).data(0, FOLDER_NAME_ROLE) == "Sent")
    window.folders.setCurrentItem(sent)
    window.list_view.setCurrentIndex(window.messages.index(0, 0))
    window.remind_if_no_reply(days=3)
    with store.read() as session:
        follow = session.scalar(select(FollowUp))
    assert follow.message_key == "<quote@me>" and follow.participants == '["zhang.wei@huaxin-trade.cn"]'


def test_panel_unlinks_a_message_for_good_and_links_it_to_a_deal(qtbot, window, store):
    from app.crm import linking
    from app.crm.timeline import timeline

    mailbox = MailStore(store)
    private, quote = mailbox.add(mail(ZHANG, "sales@example.com", "私事", message_id="<p@x>"),
                                 mail(ZHANG, "sales@example.com", "报价", day=2, message_id="<q@x>"))
    add_contact(store, ContactInput(name="张伟", emails=["zhang.wei@huaxin-trade.cn"], company="华信贸易"))
    uuid = deals.add_deal(store, "LED 面板", contact_email="zhang.wei@huaxin-trade.cn")
    panel = window.customer
    panel.show_sender("张伟", "zhang.wei@huaxin-trade.cn", private)
    assert not panel.unlink_button.isHidden()
    panel.unlink_button.click()
    assert panel.unlink_button.isHidden() and "unlinked by hand" in panel.link_reason.text()
    linking.relink_all(store)
    with store.read() as session:
        contact_id = session.scalar(select(Deal.contact_id).where(Deal.uuid == uuid))
    assert [e.key for e in timeline(store, contact_id=contact_id) if e.kind == "email"] == [quote]
    panel.show_sender("张伟", "zhang.wei@huaxin-trade.cn", quote)
    panel.link_message_to_deal("LED 面板")
    with store.read() as session:
        deal_id = session.scalar(select(Deal.id).where(Deal.uuid == uuid))
    assert [e.key for e in timeline(store, deal_id=deal_id)] == [quote]
    panel.log_activity("meeting", "现场看样")
    assert panel.timeline.item(0).text().startswith("◉")


def test_mail_merge_from_the_customers_view(qtbot, window, store):
    from app.mail.sending.outbox import list_outbox
    from app.mail.sending.templates import save_template

    for n in range(3):
        add_contact(store, ContactInput(name=f"Buyer {n}", emails=[f"b{n}@firm.example"], title="Buyer"))
    save_template(store, "hello", "Hello {{ contact.name }}", "Dear {{ contact.title }}")
    view = window.customers_view
    window.sections.setCurrentIndex(1)
    view.reload()
    view.contacts.selectRow(0)
    view.contacts.selectRow(2)  # extended selection is not the default: select both rows
    from PySide6.QtCore import QItemSelectionModel

    selection = view.contacts.selectionModel()
    for row in (0, 2):
        selection.select(view.contacts.model().index(row, 0),
                         QItemSelectionModel.SelectionFlag.Select | QItemSelectionModel.SelectionFlag.Rows)
    with qtbot.waitSignal(view.merge_queued):
        report = view.mail_merge("hello")
    assert sorted(report.queued) == ["b0@firm.example", "b2@firm.example"]
    assert sorted(m.subject for m in list_outbox(store)) == ["Hello Buyer 0", "Hello Buyer 2"]
    assert window.outbox_button.text() == "Outbox: 2"
