"""The customer panel beside the reader, driven by clicking its controls (pytest-qt).

The GUI thread never writes: every test declares it with ``never_wait_on`` before building the
panel, so any write left on the GUI thread raises ``WaitOnWriter`` (and fails the test).
"""

from __future__ import annotations

import time

import pytest
from PySide6.QtCore import QDate, QPoint, Qt
from PySide6.QtWidgets import QInputDialog

from app.crm import deals
from app.crm.customer_view import customer_json
from app.crm.customers import ContactInput, add_contact
from app.crm.timeline import timeline
from app.store import mail_cache
from app.store.accounts import account_folders
from app.ui.customer_panel import CustomerPanel
from tests.support.mail_store import MailStore, mail
from tests.ui.customer_support import (
    CHEN,
    MAYA,
    ME,
    WANG,
    ZHANG,
    answer_modal,
    click,
    click_accepting,
    right_click,
    choose,
    english_plurals,  # noqa: F401  (a fixture)
    settle,
    type_into,
)
from tests.ui.waiting import wait_for

ZHANG_ADDRESS = "zhang.wei@huaxin-trade.cn"


@pytest.fixture
def mailbox(store):
    return MailStore(store)


@pytest.fixture
def panel(qtbot, store, mailbox):
    """A panel on a GUI thread that must never wait for a write (data is set up around it)."""
    store.writer.never_wait_on()
    widget = CustomerPanel(store)
    qtbot.addWidget(widget)
    widget.resize(380, 900)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def setup(store):
    """Set data up from the test's (GUI) thread: allowed to wait, outside any slot."""
    return store.writer.waiting_allowed()


def save(qtbot, dialog) -> None:
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)


def contact_id(store, address=ZHANG_ADDRESS) -> int:
    from app.crm.customers import contact_by_email

    with store.read() as session:
        return contact_by_email(session, address).id


def entries(panel, kind=None):
    return [e for e in panel.timeline.entries() if kind is None or e.kind == kind]


def test_every_button_of_a_contact_works_when_clicked(qtbot, store, mailbox, panel):
    with setup(store):
        first, quote = mailbox.add(mail(ZHANG, ME, "询价", message_id="<a@x>"),
                                   mail(ZHANG, ME, "报价", day=2, message_id="<q@x>"))
        add_contact(store, ContactInput(name="张伟", emails=[ZHANG_ADDRESS], company="华信贸易"))
        deal = deals.add_deal(store, "LED 面板", contact_email=ZHANG_ADDRESS, amount="772000")
    panel.show_sender("张伟", ZHANG_ADDRESS, quote)
    settle(panel)
    assert panel.badge.text() == "Customer" and panel.create_contact_button.isHidden()
    assert panel.deals.count() == 1 and "¥772,000" in panel.deals.rows[0].meta.text()

    def note(dialog):
        dialog.text.setPlainText("喜欢喝普洱茶")
        save(qtbot, dialog)
    click_accepting(qtbot, panel.note_button, note)
    wait_for(lambda: [e.title for e in entries(panel, "note")] == ["喜欢喝普洱茶"], what="the note")

    def task(dialog):
        type_into(dialog.title, "寄样品")
        dialog.due.setDate(QDate.currentDate().addDays(-1))
        save(qtbot, dialog)
    click_accepting(qtbot, panel.task_button, task)
    wait_for(lambda: panel.tasks.count() == 1, what="the task")
    assert panel.tasks.rows[0].title.text() == "寄样品" and panel.tasks.rows[0].overdue  # the date is red

    def call(dialog):
        type_into(dialog.subject, "电话确认交货期")
        dialog.duration.setValue(12)
        assert dialog.attendees is None  # a call has no attendees field
        save(qtbot, dialog)
    click_accepting(qtbot, panel.call_button, call)
    wait_for(lambda: entries(panel, "call"), what="the call")
    assert entries(panel, "call")[0].duration_minutes == 12

    def meeting(dialog):
        type_into(dialog.subject, "现场看样")
        assert dialog.attendees.text() == "张伟"
        dialog.attendees.setText("张伟，陈静")
        dialog.duration.setValue(45)
        save(qtbot, dialog)
    click_accepting(qtbot, panel.meeting_button, meeting)
    wait_for(lambda: entries(panel, "meeting"), what="the meeting")
    logged = entries(panel, "meeting")[0]
    assert (logged.title, logged.duration_minutes, logged.attendees) == ("现场看样", 45, ("张伟", "陈静"))

    def pick_deal(dialog: QInputDialog):
        assert dialog.comboBoxItems() == ["LED 面板"]
        dialog.setTextValue("LED 面板")
        dialog.accept()
    click_accepting(qtbot, panel.deal_link_button, pick_deal, QInputDialog)
    with store.read() as session:
        from sqlalchemy import select

        from app.store.crm_models import Deal

        deal_id = session.scalar(select(Deal.id).where(Deal.uuid == deal))
    wait_for(lambda: [e.key for e in timeline(store, deal_id=deal_id)] == [quote], what="the deal link")

    click(qtbot, panel.tasks.rows[0].check)  # done: it leaves the open tasks
    wait_for(lambda: panel.tasks.count() == 0, what="the task done")

    with qtbot.waitSignal(panel.compose_requested) as compose:
        click(qtbot, panel.write_button)
    assert compose.args == [["张伟 <zhang.wei@huaxin-trade.cn>"]]
    with qtbot.waitSignal(panel.record_requested) as opened:
        qtbot.mouseClick(panel.organisation, Qt.MouseButton.LeftButton)
    assert opened.args[0] == "company"

    panel.edit_title.clear()
    type_into(panel.edit_title, "采购经理")
    qtbot.keyClick(panel.edit_title, Qt.Key.Key_Return)
    wait_for(lambda: customer_json(store, ZHANG_ADDRESS)["contact"]["title"] == "采购经理", what="the title")
    settle(panel)
    assert panel.edit_title.text() == "采购经理" and panel.organisation.text() == "采购经理 · 华信贸易"

    click(qtbot, panel.unlink_button)
    wait_for(lambda: panel.unlink_button.isHidden(), what="the unlink")
    settle(panel)
    assert "unlinked by hand" in panel.link_reason.text()
    assert first in [e.key for e in entries(panel, "email")] and quote not in [e.key for e in entries(panel, "email")]


@pytest.mark.qt_log_ignore("This plugin does not support raise", "This plugin does not support grabbing")
def test_a_person_is_shown_from_one_read_with_the_link_reason_and_the_timeline(qtbot, store, mailbox, panel):
    """Selecting a message reads the person, why it is linked and the timeline together and
    shows them in one pass: the panel is laid out and painted once, not once per read."""
    with setup(store):
        first, quote = mailbox.add(mail(ZHANG, ME, "询价", message_id="<one-a@x>"),
                                   mail(ZHANG, ME, "报价", day=2, message_id="<one-q@x>"))
        add_contact(store, ContactInput(name="张伟", emails=[ZHANG_ADDRESS], company="华信贸易"))
    reads, shown = [], []

    def counting(real):
        def counting_read(fn, *args, **kwargs):
            reads.append(getattr(fn, "__name__", repr(fn)))
            return real(fn, *args, **kwargs)
        return counting_read
    panel.ops.read, panel.ops.view_read = counting(panel.ops.read), counting(panel.ops.view_read)
    panel.timeline_loaded.connect(lambda: shown.append((panel.badge.text(), panel.link_reason.text(),
                                                        [e.key for e in entries(panel, "email")])))
    panel.show_sender("张伟", ZHANG_ADDRESS, quote)
    settle(panel)
    assert reads == ["read_panel_shown"]
    assert len(shown) == 1
    badge, reason, timeline_keys = shown[0]
    assert badge == "Customer" and "zhang.wei@huaxin-trade.cn is the sender" in reason
    assert sorted(timeline_keys) == sorted([first, quote])


def test_a_timeline_entry_is_deleted_from_its_menu_and_comes_back_with_undo(qtbot, store, mailbox, panel):
    with setup(store):
        message, = mailbox.add(mail(ZHANG, ME, "询价"))
        add_contact(store, ContactInput(name="张伟", emails=[ZHANG_ADDRESS]))
        from app.crm.activities import add_note

        add_note(store, "喜欢喝普洱茶", contact_id=contact_id(store))
    panel.show_sender("张伟", ZHANG_ADDRESS, message)
    settle(panel)
    index = panel.timeline.row_of(lambda e: e.kind == "note")
    panel.timeline.scrollTo(index)
    right_click(qtbot, panel.timeline.viewport(), panel.timeline.visualRect(index).center())
    wait_for(lambda: getattr(panel, "entry_menu", None) is not None and panel.entry_menu.isVisible(),
             what="the entry's menu")
    choose(qtbot, panel.entry_menu, "Delete")
    wait_for(lambda: not entries(panel, "note") and panel.undo_bar.isVisible(), what="the note deleted")
    assert panel.undo_bar.label.text() == "Note deleted."
    click(qtbot, panel.undo_bar.undo_button)
    wait_for(lambda: [e.title for e in entries(panel, "note")] == ["喜欢喝普洱茶"], what="the note back")


def test_an_unknown_sender_becomes_a_contact_and_a_company_with_a_click(qtbot, store, mailbox, panel):
    with setup(store):
        inquiry, later = mailbox.add(mail("Li Na <li.na@bright-lights.cn>", ME, "Samples", message_id="<s@x>"),
                                     mail("Li Na <li.na@bright-lights.cn>", ME, "Price", day=3, message_id="<p@x>"))
    panel.show_sender("Li Na", "li.na@bright-lights.cn", later)
    settle(panel)
    assert panel.badge.text() == "Not a contact yet"
    assert panel.organisation.text() == "Organisation: bright-lights.cn"
    assert [e.key for e in panel.timeline.entries()] == [inquiry]  # the other mail with them

    def name_company(dialog: QInputDialog):
        assert dialog.textValue() == "bright-lights.cn"
        dialog.setTextValue("明亮照明 Bright Lights")
        dialog.accept()
    click_accepting(qtbot, panel.create_company_button, name_company, QInputDialog)
    wait_for(lambda: panel.organisation.text() == "Company: 明亮照明 Bright Lights", what="the company")
    assert panel.create_company_button.isHidden() and not panel.create_contact_button.isHidden()
    assert not panel.note_button.isHidden()  # notes and tasks go on the company meanwhile

    click(qtbot, panel.create_contact_button)
    wait_for(lambda: panel.badge.text() == "Customer", what="the contact")
    assert panel.edit_company.text() == "明亮照明 Bright Lights" and panel.edit_name.text() == "Li Na"
    assert sorted(e.key for e in entries(panel, "email")) == sorted([inquiry, later])  # linked retroactively


def test_free_mail_and_ignoring_a_sender(qtbot, store, mailbox, panel):
    from app.crm.unknown_senders import unknown_senders

    with setup(store):
        message, = mailbox.add(mail(WANG, ME, "样品咨询"))
    panel.show_sender("王芳", "wangfang@163.com", message)
    settle(panel)
    assert panel.organisation.text() == "Personal address (163.com)"
    assert panel.create_company_button.isHidden()
    assert "163.com is free mail" in panel.link_reason.text()
    click(qtbot, panel.ignore_button)
    wait_for(lambda: not unknown_senders(store), what="the sender ignored")


def test_sent_mail_shows_the_recipients_the_customer_first_and_you_never(qtbot, store, mailbox, panel):
    with setup(store):
        sent, = mailbox.add(mail(ME, f"{MAYA}, {ZHANG}", "报价单", cc=WANG, message_id="<sent@me>"), folder="Sent")
        add_contact(store, ContactInput(name="张伟", emails=[ZHANG_ADDRESS], company="华信贸易"))
    panel.show_sender("Me", "sales@example.com", sent)  # the window passes the sender: you
    settle(panel)
    assert panel.name.text() == "张伟" and panel.badge.text() == "Customer"
    assert panel.parties_caption.text() == "Recipients"
    assert [chip.text() for chip in panel.chips] == ["Maya Chen", "张伟", "王芳"]
    assert [chip.isChecked() for chip in panel.chips] == [False, True, False]
    assert all("sales@example.com" not in chip.toolTip() for chip in panel.chips)
    assert [e.key for e in entries(panel, "email")] == [sent] and entries(panel, "email")[0].outgoing

    click(qtbot, panel.chips[0])  # the colleague: a teammate, never someone to create
    assert (panel.name.text(), panel.badge.text()) == ("Maya Chen", "Teammate")
    for button in (panel.create_contact_button, panel.create_company_button, panel.ignore_button,
                   panel.note_button, panel.details):
        assert not button.isVisible()
    assert panel.organisation.text() == "Colleague at example.com"

    click(qtbot, panel.chips[2])  # someone not yet a contact
    assert panel.badge.text() == "Not a contact yet" and not panel.create_contact_button.isHidden()


def test_drafts_and_mail_from_yourself_anywhere_read_as_sent(qtbot, store, mailbox, panel):
    with setup(store):
        account = mailbox.account
        mail_cache.reconcile_folders(store, account.id, [
            mail_cache.ServerFolder("INBOX", "/", frozenset(), "inbox", True),
            mail_cache.ServerFolder("Sent", "/", frozenset({"\\Sent"}), "sent", True),
            mail_cache.ServerFolder("Drafts", "/", frozenset({"\\Drafts"}), "drafts", True)])
        mailbox.folders = {f.name: f.id for f in account_folders(store, account.id)}
        mailbox.next_uid["Drafts"] = 1
        draft, = mailbox.add(mail(ME, WANG, "草稿"), folder="Drafts")
        copy, = mailbox.add(mail(ME, CHEN, "Cc to myself", cc=ME))  # your own mail in the Inbox
    panel.show_sender("Me", "sales@example.com", draft)
    settle(panel)
    assert panel.name.text() == "王芳" and panel.parties_caption.text() == "Recipients"
    panel.show_sender("Me", "sales@example.com", copy)
    settle(panel)
    assert panel.name.text() == "陈静" and [c.text() for c in panel.chips] == ["陈静"]


def test_a_colleague_writing_is_a_teammate_and_never_an_unknown_sender(qtbot, store, mailbox, panel):
    from app.crm.unknown_senders import unknown_senders

    with setup(store):
        message, = mailbox.add(mail(MAYA, ME, "Pipeline review"))
    panel.show_sender("Maya Chen", "maya.chen@example.com", message)
    settle(panel)
    assert panel.badge.text() == "Teammate" and panel.create_contact_button.isHidden()
    assert panel.parties_section.isHidden()
    assert unknown_senders(store) == []


def test_timeline_pages_as_the_panel_scrolls_grouped_by_day(qtbot, store, mailbox, panel):
    with setup(store):
        ids = mailbox.add(*(mail(ZHANG, ME, f"消息 {n}", day=1 + n % 28, message_id=f"<n{n}@x>")
                            for n in range(120)))
        add_contact(store, ContactInput(name="张伟", emails=[ZHANG_ADDRESS]))
    panel.show_sender("张伟", ZHANG_ADDRESS, ids[0])
    settle(panel)
    assert panel.timeline.count() == 50
    dates = [e.at for e in panel.timeline.entries()]
    assert dates == sorted(dates, reverse=True)
    headers = [r.header for r in panel.timeline.model_.rows if r.header is not None]
    assert len(headers) == len({time.strftime("%Y-%m-%d", time.localtime(at)) for at in dates})
    bar = panel.scroll.verticalScrollBar()
    wait_for(lambda: bar.maximum() > 1000, what="the panel laid out")
    bar.setValue(bar.maximum())
    wait_for(lambda: panel.timeline.count() == 100, what="the second page")
    index = panel.timeline.row_of(lambda e: e.kind == "email")
    wanted = index.data(Qt.ItemDataRole.UserRole).key
    panel.timeline.scrollTo(index)
    qtbot.wait(10)
    qtbot.mouseClick(panel.timeline.viewport(), Qt.MouseButton.LeftButton,
                     pos=panel.timeline.visualRect(index).center())
    assert panel.timeline.currentIndex() == index
    with qtbot.waitSignal(panel.message_requested) as opened:
        qtbot.keyClick(panel.timeline, Qt.Key.Key_Return)
    assert opened.args == [wanted]



def test_mail_with_someone_not_a_customer_pages_as_the_panel_scrolls(qtbot, store, mailbox, panel, monkeypatch):
    """Years of mail with an address that is no record: the panel reads the first page and the
    count, the rest as it is scrolled (off the GUI thread); a message stored twice and the one
    being read never show."""
    import threading

    import app.ui.customer_panel as customer_panel

    read_on = []
    real_mail_with = customer_panel.mail_with

    def mail_with(*args, **kwargs):
        read_on.append(threading.current_thread().name)
        return real_mail_with(*args, **kwargs)
    monkeypatch.setattr(customer_panel, "mail_with", mail_with)
    with setup(store):
        raws = [mail(WANG, ME, f"样品 {n}", day=1 + n % 28, message_id=f"<w{n}@x>") for n in range(120)]
        ids = mailbox.add(*raws)
        mailbox.add(raws[0], raws[30], raws[77], folder="Sent")  # copies of three of them
    panel.show_sender("王芳", "wangfang@163.com", ids[0])
    settle(panel)
    assert panel.timeline_title.label.text() == "Other mail with this person"
    assert panel.timeline_title.count.text() == "119"
    assert panel.timeline.count() == 50
    bar = panel.scroll.verticalScrollBar()
    wait_for(lambda: bar.maximum() > 1000, what="the panel laid out")
    for shown in (100, 119):
        end = bar.maximum()
        bar.setValue(end)
        wait_for(lambda: panel.timeline.count() == shown, what=f"{shown} entries")
        wait_for(lambda: bar.maximum() > end, what="the longer list laid out")
    assert not panel.timeline.has_more
    assert read_on == ["liaison-view-reader"] * 3  # the first page with the panel, then two more
    keys = [e.message_id for e in panel.timeline.entries()]
    assert sorted(keys) == sorted(f"<w{n}@x>" for n in range(1, 120))
    dates = [e.at for e in panel.timeline.entries()]
    assert dates == sorted(dates, reverse=True)

def test_a_failed_edit_is_reported_and_the_field_shows_what_is_stored(qtbot, store, mailbox, panel):
    errors = []
    panel.ops.set_error_presenter(errors.append)
    with setup(store):
        message, = mailbox.add(mail(ZHANG, ME, "询价"))
        add_contact(store, ContactInput(name="张伟", emails=[ZHANG_ADDRESS], phones=["13812345678"]))
    panel.show_sender("张伟", ZHANG_ADDRESS, message)
    settle(panel)
    shown = panel.edit_phone.text()
    panel.edit_phone.clear()
    type_into(panel.edit_phone, "not a phone")
    qtbot.keyClick(panel.edit_phone, Qt.Key.Key_Return)
    wait_for(lambda: errors, what="the error")
    assert "not a phone number" in str(errors[0]) and panel.edit_phone.text() == shown


def test_long_chinese_names_wrap_and_are_never_cut(qtbot, store, mailbox, panel):
    long_name = "欧阳娜娜（华信贸易有限公司深圳分公司 采购部 高级经理）"
    with setup(store):
        message, = mailbox.add(mail(f"{long_name} <ouyang@huaxin-trade.cn>", ME, "华信贸易有限公司 年度框架采购合同"))
        add_contact(store, ContactInput(name=long_name, emails=["ouyang@huaxin-trade.cn"],
                                        company="华信贸易有限公司", title="高级采购经理"))
    panel.show_sender(long_name, "ouyang@huaxin-trade.cn", message)
    settle(panel)
    qtbot.wait(10)
    for label in (panel.name, panel.organisation):
        assert label.text() and label.height() >= label.heightForWidth(label.width()), label.text()
    assert panel.avatar.text() == "欧阳"


def test_the_panel_opens_a_contact_with_thousands_of_messages_quickly(qtbot, store, mailbox, panel):
    with setup(store):
        ids = mailbox.add(*(mail(ZHANG, ME, f"报价 {n}", day=1 + n % 28, message_id=f"<b{n}@x>")
                            for n in range(2000)))
        add_contact(store, ContactInput(name="张伟", emails=[ZHANG_ADDRESS]))
    panel.show_sender("张伟", ZHANG_ADDRESS, ids[-1])  # warm up
    settle(panel)
    # The best of three openings: what the panel costs, not what a busy CI machine adds to
    # one of them (a panel that read all 2,000 rows would be slow every time).
    timings = []
    for message in (ids[0], ids[-1], ids[0]):
        started = time.perf_counter()
        panel.show_sender("张伟", ZHANG_ADDRESS, message)
        settle(panel)
        panel.repaint()
        timings.append(time.perf_counter() - started)
        assert panel.timeline.count() == 50
    assert min(timings) < 0.5, timings


def test_your_replies_are_threaded_with_theirs_on_the_timeline(qtbot, store, mailbox, panel, english_plurals):
    """Mail you sent (from Liaison or any other client, found in Sent) sits in the customer's
    conversation: one timeline row per conversation, its newest message, with the count."""
    from app.mail.reading.conversation_threads import rethread_account
    from app.ui.timeline_view import THREAD_ROLE

    with setup(store):
        inquiry, answer = mailbox.add(mail(ZHANG, ME, "询价：LED 面板", message_id="<ask@x>"),
                                      mail(ZHANG, ME, "回复：询价：LED 面板", day=3, message_id="<again@x>",
                                           in_reply_to="<mine@me>"))
        mine, = mailbox.add(mail(ME, ZHANG, "回复：询价：LED 面板", day=2, message_id="<mine@me>",
                                 in_reply_to="<ask@x>"), folder="Sent")
        other, = mailbox.add(mail(ZHANG, ME, "展会邀请", day=4, message_id="<fair@x>"))
        add_contact(store, ContactInput(name="张伟", emails=[ZHANG_ADDRESS]))
        rethread_account(store, mailbox.account.id)
    panel.show_sender("张伟", ZHANG_ADDRESS, other)
    settle(panel)
    rows = [panel.timeline.row_of(lambda e, k=key: e.kind == "email" and e.key == k) for key in (other, answer)]
    assert [e.key for e in entries(panel, "email")] == [other, answer]  # mine and the inquiry are in its thread
    assert rows[0].data(THREAD_ROLE) == (1, False)
    assert rows[1].data(THREAD_ROLE) == (3, True)
    assert "3 messages in this conversation" in rows[1].data(Qt.ItemDataRole.ToolTipRole)
    # The command line still lists every message (an export is the whole record).
    assert {e.key for e in timeline(store, contact_id=contact_id(store)) if e.kind == "email"} == \
        {inquiry, answer, mine, other}


def test_the_customers_cases_are_listed_open_first_and_open_with_a_click(qtbot, store, mailbox, panel):
    from app.crm import cases

    with setup(store):
        message, = mailbox.add(mail(ZHANG, ME, "屏幕坏了"))
        add_contact(store, ContactInput(name="张伟", emails=[ZHANG_ADDRESS], company="华信贸易"))
        add_contact(store, ContactInput(name="陈静", emails=["chen.jing@huaxin-trade.cn"], company="华信贸易"))
        zhang = contact_id(store)
        chen = contact_id(store, "chen.jing@huaxin-trade.cn")
        closed = cases.open_case(store, "发票抬头错误", contact_id=zhang)
        cases.update_case(store, closed, {"status": "closed"})
        urgent = cases.open_case(store, "屏幕坏了", contact_id=zhang, priority="urgent")
        colleague = cases.open_case(store, "合同第 5 条", contact_id=chen, priority="high")
        cases.open_case(store, "Someone else's", priority="urgent")
    panel.show_sender("张伟", ZHANG_ADDRESS, message)
    settle(panel)
    # His cases and his company's (a colleague's), open ones first, the most urgent first.
    assert [row.case.uuid for row in panel.cases.rows] == [urgent, colleague, closed]
    assert panel.cases_title.count.text() == "2"  # open ones
    assert [row.badge.text() for row in panel.cases.rows] == ["New", "New", "Closed"]
    assert panel.cases.rows[0].meta.text() == "Urgent"
    with qtbot.waitSignal(panel.case_requested) as opened:
        panel.scroll.ensureWidgetVisible(panel.cases.rows[1])
        qtbot.mouseClick(panel.cases.rows[1], Qt.MouseButton.LeftButton)
    assert opened.args == [colleague]
    with qtbot.waitSignal(panel.new_case_requested) as asked:
        click(qtbot, panel.case_button)
    assert asked.args == [zhang, None, "张伟"]

    # A case written elsewhere (a rule, the Cases view) shows up here by the change set.
    from app.services.events import RECORDS, ChangeSet

    with setup(store):
        cases.update_case(store, closed, {"status": "open"})
    panel.ops.events.publish(ChangeSet.of(RECORDS))
    wait_for(lambda: [row.badge.text() for row in panel.cases.rows] == ["New", "New", "Open"], what="the reopened case")

    # Someone not a contact yet, at the company's domain: the company's cases.
    with setup(store):
        other, = mailbox.add(mail("Li Na <li.na@huaxin-trade.cn>", ME, "发票"))
    panel.show_sender("Li Na", "li.na@huaxin-trade.cn", other)
    settle(panel)
    assert panel.badge.text() == "Not a contact yet"
    assert {row.case.uuid for row in panel.cases.rows} == {urgent, colleague, closed}
    with qtbot.waitSignal(panel.new_case_requested) as asked:
        click(qtbot, panel.case_button)
    assert asked.args[0] is None and asked.args[2] == "华信贸易"

    # Nobody's cases: the section is hidden.
    with setup(store):
        lone, = mailbox.add(mail(WANG, ME, "样品"))
    panel.show_sender("王芳", "wangfang@163.com", lone)
    settle(panel)
    assert panel.cases.count() == 0 and panel.cases_title.isHidden()
