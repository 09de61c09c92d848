"""The Customers view, reminders and follow-ups (pytest-qt), driven by clicking.

The Customers view's tests declare the GUI thread with ``never_wait_on`` before building it:
a write left on the GUI thread raises ``WaitOnWriter`` and fails them.
"""

from __future__ import annotations

import time

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog, QInputDialog
from sqlalchemy import select

from app.crm import activities
from app.crm.customer_view import customer_json
from app.crm.customers import ContactInput, add_company, add_contact
from app.store.crm_models import Company, Contact, FollowUp
from app.ui.customers_view import CustomersView
from app.ui.message_list_model import Roles
from tests.support.mail_store import MailStore, mail
from tests.ui.customer_support import (
    MAYA,
    ME,
    ZHANG,
    answer_modal,
    choose,
    click,
    click_accepting,
    english_plurals,  # noqa: F401  (a fixture)
    right_click,
    settle,
    type_into,
)
from tests.ui.waiting import settle as settle_all, wait_for

pytestmark = pytest.mark.usefixtures("english_plurals")
MENU_WARNINGS = ("This plugin does not support raise", "This plugin does not support grabbing")


@pytest.fixture
def window(open_window, store):
    MailStore(store)  # an account, without a server: nothing here needs one
    win, _service = open_window(start=False)
    return win


@pytest.fixture
def view(qtbot, store):
    """The Customers view alone, on a GUI thread that must never wait for a write."""
    MailStore(store)
    store.writer.never_wait_on()
    widget = CustomersView(store)
    qtbot.addWidget(widget)
    widget.resize(1280, 800)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def setup(store):
    return store.writer.waiting_allowed()


def column(table, index=0) -> list[str]:
    return [table.item(r, index).text() for r in range(table.rowCount())]


def open_tab(qtbot, view, index: int) -> None:
    bar = view.tabs.tabBar()
    qtbot.mouseClick(bar, Qt.MouseButton.LeftButton, pos=bar.tabRect(index).center())
    assert view.tabs.currentIndex() == index


def pick_row(qtbot, table, row: int) -> None:
    table.scrollToItem(table.item(row, 0))
    qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, pos=table.visualItemRect(table.item(row, 0)).center())
    settle_all()  # the record beside the list is read off the GUI thread


def row_menu(qtbot, view, table, row: int):
    right_click(qtbot, table.viewport(), table.visualItemRect(table.item(row, 0)).center())
    wait_for(lambda: getattr(view, "context_menu", None) is not None and view.context_menu.isVisible(),
             what="the row's menu")
    return view.context_menu


def test_the_lists_filter_as_you_type_and_unknown_senders_are_triaged(qtbot, store, view):
    with setup(store):
        mailbox = MailStore(store)
        mailbox.add(mail(ZHANG, ME, "询价"), mail("王芳 <wangfang@163.com>", ME, "样品"),
                    mail("Spam <promo@ads.example>", ME, "Buy now"), mail(MAYA, ME, "Pipeline"))
        add_contact(store, ContactInput(name="Anna Schmidt", emails=["anna@nordwind.de"], company="Nordwind"))
    open_tab(qtbot, view, 2)
    wait_for(lambda: view.unknown.rowCount() == 3, what="the unknown senders")
    senders = column(view.unknown, 1)
    assert set(senders) == {"zhang.wei@huaxin-trade.cn", "wangfang@163.com", "promo@ads.example"}  # no colleague
    pick_row(qtbot, view.unknown, senders.index("promo@ads.example"))
    assert view.panel.badge.text() == "Not a contact yet"
    click(qtbot, view.ignore_button)
    wait_for(lambda: view.unknown.rowCount() == 2, what="the sender ignored")
    pick_row(qtbot, view.unknown, column(view.unknown, 1).index("zhang.wei@huaxin-trade.cn"))
    click(qtbot, view.create_button)
    wait_for(lambda: column(view.unknown, 1) == ["wangfang@163.com"], what="the contact created")
    assert view.count_label.text() == "1 unknown sender"

    open_tab(qtbot, view, 0)
    type_into(view.filter, "张")
    wait_for(lambda: column(view.contacts, 1) == ["zhang.wei@huaxin-trade.cn"], what="the filter")
    pick_row(qtbot, view.contacts, 0)
    assert view.record.currentWidget() is view.panel
    assert view.panel.address.text() == "zhang.wei@huaxin-trade.cn" and view.panel.timeline.count() == 1
    view.filter.clear()
    type_into(view.filter, "nordwind")
    wait_for(lambda: column(view.contacts) == ["Anna Schmidt"], what="the filter by company")


def test_new_contact_dialog_creates_a_contact_with_its_company(qtbot, store, view):
    with setup(store):
        add_company(store, "华信贸易有限公司", ["huaxin-trade.cn"])
    view.reload()

    def fill(dialog):
        assert "华信贸易有限公司" in dialog.company.completer().model().stringList()
        type_into(dialog.name, "张伟")
        dialog.emails.setText("zhang.wei@huaxin-trade.cn")
        dialog.phones.setText("138 1234 5678")
        type_into(dialog.company, "华信")
        popup = dialog.company.completer().popup()
        wait_for(popup.isVisible, what="the company completion")
        assert popup.model().index(0, 0).data() == "华信贸易有限公司"
        popup.hide()
        type_into(dialog.company, "贸易有限公司")
        type_into(dialog.title, "采购经理")
        qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    dialog = click_accepting(qtbot, view.new_button, fill)
    wait_for(lambda: not dialog.isVisible(), what="the dialog to close")
    wait_for(lambda: column(view.contacts) == ["张伟"], what="the new contact in the list")
    record = customer_json(store, "zhang.wei@huaxin-trade.cn")
    assert record["contact"]["phones"] == ["+8613812345678"] and record["company"]["name"] == "华信贸易有限公司"
    assert record["contact"]["title"] == "采购经理"

    errors = []
    view.ops.set_error_presenter(errors.append)

    still_open = []

    def taken(dialog):
        dialog.name.setText("Someone else")
        dialog.emails.setText("zhang.wei@huaxin-trade.cn")
        qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
        wait_for(lambda: errors, what="the problem")
        still_open.append(dialog.isVisible() and dialog.save_button.isEnabled())  # to fix it there
        dialog.reject()
    click_accepting(qtbot, view.new_button, taken)
    assert "already belongs to the contact 张伟" in str(errors[0]) and still_open == [True]


def test_import_previews_problems_per_row_and_imports_all_or_nothing(qtbot, store, view, tmp_path, monkeypatch):
    bad = tmp_path / "客户.csv"
    bad.write_bytes("姓名,邮箱,手机\n张伟,zhang.wei@huaxin-trade.cn,13812345678\n李娜,not-an-address,139\n"
                    .encode("gb18030"))
    good = tmp_path / "contacts.vcf"
    good.write_text("BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Anna Schmidt\r\nEMAIL:anna@nordwind.de\r\nORG:Nordwind\r\n"
                    "END:VCARD\r\nBEGIN:VCARD\r\nVERSION:3.0\r\nFN:张伟\r\nEMAIL:zhang.wei@huaxin-trade.cn\r\n"
                    "END:VCARD\r\n", encoding="utf-8")
    chosen = [str(bad), str(good)]
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *args, **kwargs: (chosen.pop(0), ""))
    seen = {}

    def use(dialog):
        qtbot.mouseClick(dialog.choose_button, Qt.MouseButton.LeftButton)
        wait_for(lambda: dialog.report is not None, what="the dry run")
        seen["problems"] = {(dialog.problems.item(r, 0).text(), dialog.problems.item(r, 1).text())
                            for r in range(dialog.problems.rowCount())}
        seen["first"] = (dialog.summary.text(), dialog.import_button.isEnabled())
        with store.read() as session:
            seen["written"] = session.scalar(select(Contact.id))
        qtbot.mouseClick(dialog.choose_button, Qt.MouseButton.LeftButton)  # the fixed file: a vCard
        wait_for(lambda: dialog.import_button.isEnabled(), what="the second dry run")
        seen["second"] = dialog.summary.text()
        qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
    click_accepting(qtbot, view.import_button, use)
    assert {("2", "Email"), ("2", "Phone")} <= seen["problems"]
    assert "Nothing was imported" in seen["first"][0] and not seen["first"][1] and seen["written"] is None
    assert seen["second"] == "2 contacts ready to import. New: 2 · Updated: 0"
    assert view.count_label.text() == "2 contacts imported."
    wait_for(lambda: sorted(column(view.contacts)) == ["Anna Schmidt", "张伟"], what="the imported contacts")
    assert view.count_label.text() == "2 contacts imported."


@pytest.mark.qt_log_ignore(*MENU_WARNINGS)
def test_contact_menu_writes_tasks_notes_merges_and_deletes_with_undo(qtbot, store, view):
    with setup(store):
        add_contact(store, ContactInput(name="张伟", emails=["zhang.wei@huaxin-trade.cn"], company="华信贸易"))
        add_contact(store, ContactInput(name="Zhang Wei", emails=["zhangwei@qq.com"], phones=["13812345678"]))
    view.reload()
    wait_for(lambda: view.contacts.rowCount() == 2, what="the contacts")
    row = column(view.contacts).index("张伟")

    with qtbot.waitSignal(view.compose_requested) as compose:
        choose(qtbot, row_menu(qtbot, view, view.contacts, row), "Write Email")
    assert compose.args == [["张伟 <zhang.wei@huaxin-trade.cn>"]]

    with qtbot.waitSignal(view.new_deal_requested) as deal:
        choose(qtbot, row_menu(qtbot, view, view.contacts, row), "New Deal…")
    assert deal.args[0] == "contact"

    def task(dialog):
        type_into(dialog.title, "寄送合同")
        qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    answer_modal(task)
    choose(qtbot, row_menu(qtbot, view, view.contacts, row), "New Task…")
    wait_for(lambda: view.panel.tasks.count() == 1, what="the task on the contact")
    assert view.record.currentWidget() is view.panel and view.panel.name.text() == "张伟"

    def note(dialog):
        dialog.text.setPlainText("喜欢喝茶")
        qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    answer_modal(note)
    choose(qtbot, row_menu(qtbot, view, view.contacts, row), "New Note…")
    wait_for(lambda: any(e.kind == "note" for e in view.panel.timeline.entries()), what="the note")

    def merge(dialog):
        assert dialog.candidates.count() == 1  # not the contact itself
        dialog.candidates.setCurrentRow(0)
        qtbot.mouseClick(dialog.merge_button, Qt.MouseButton.LeftButton)
    answer_modal(merge)
    choose(qtbot, row_menu(qtbot, view, view.contacts, row), "Merge With…")
    wait_for(lambda: column(view.contacts) == ["张伟"], what="the merge")
    merged = customer_json(store, "zhangwei@qq.com")["contact"]
    assert merged["name"] == "张伟" and merged["phones"] == ["+8613812345678"]  # filled fields are kept

    choose(qtbot, row_menu(qtbot, view, view.contacts, 0), "Delete")
    wait_for(lambda: view.contacts.rowCount() == 0 and view.undo_bar.isVisible(), what="the delete")
    assert view.undo_bar.label.text() == "Contact 张伟 deleted."
    click(qtbot, view.undo_bar.undo_button)
    wait_for(lambda: column(view.contacts) == ["张伟"], what="the undo")
    assert len(customer_json(store, "zhang.wei@huaxin-trade.cn")["tasks"]) == 1  # nothing was lost


@pytest.mark.qt_log_ignore(*MENU_WARNINGS)
def test_company_menu_opens_adds_people_and_deals_and_deletes_with_undo(qtbot, store, view):
    with setup(store):
        add_company(store, "华信贸易有限公司", ["huaxin-trade.cn"])
    open_tab(qtbot, view, 1)
    wait_for(lambda: column(view.companies) == ["华信贸易有限公司"], what="the companies")

    choose(qtbot, row_menu(qtbot, view, view.companies, 0), "Open")
    assert view.record.currentWidget() is view.company
    wait_for(lambda: view.company.name.text() == "华信贸易有限公司", what="the company")

    def person(dialog):
        assert dialog.company.text() == "华信贸易有限公司"
        type_into(dialog.name, "陈静")
        dialog.emails.setText("chen.jing@huaxin-trade.cn")
        qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    answer_modal(person)
    choose(qtbot, row_menu(qtbot, view, view.companies, 0), "New Contact at This Company…")
    wait_for(lambda: [r.person.name for r in view.company.people_rows] == ["陈静"], what="the new person")

    with qtbot.waitSignal(view.new_deal_requested) as deal:
        choose(qtbot, row_menu(qtbot, view, view.companies, 0), "New Deal…")
    assert deal.args[0] == "company"

    choose(qtbot, row_menu(qtbot, view, view.companies, 0), "Delete")
    wait_for(lambda: view.companies.rowCount() == 0, what="the delete")
    assert view.record.currentWidget() is view.placeholder
    click(qtbot, view.undo_bar.undo_button)
    wait_for(lambda: column(view.companies) == ["华信贸易有限公司"], what="the undo")


def test_show_record_selects_and_opens_contacts_and_companies(qtbot, store, view):
    with setup(store):
        add_contact(store, ContactInput(name="张伟", emails=["zhang.wei@huaxin-trade.cn"], company="华信贸易"))
        with store.read() as session:
            company_id = session.scalar(select(Company.id))
            zhang_id = session.scalar(select(Contact.id))
    assert view.show_record("company", company_id)
    assert view.tabs.currentIndex() == 1 and view.companies.selectedItems()[0].text() == "华信贸易"
    assert view.record.currentWidget() is view.company
    wait_for(lambda: view.company.name.text() == "华信贸易" and view.company.people_rows, what="the company")
    click(qtbot, view.company.people_rows[0])  # one of its people opens the contact
    assert view.tabs.currentIndex() == 0 and view.contacts.selectedItems()[1].text() == "zhang.wei@huaxin-trade.cn"
    assert view.record.currentWidget() is view.panel and view.panel.name.text() == "张伟"
    assert view.show_record("contact", zhang_id) and view.panel.name.text() == "张伟"
    assert not view.show_record("contact", 999)


def test_mail_merge_from_the_customers_view(qtbot, store, view):
    from PySide6.QtCore import QItemSelectionModel

    from app.mail.sending.outbox import list_outbox
    from app.mail.sending.templates import save_template

    with setup(store):
        for n in range(3):
            add_contact(store, ContactInput(name=f"Buyer {n}", emails=[f"b{n}@firm.example"], title="Buyer"))
        save_template(store, "hello", "Hello {{ contact.name }}", "Dear {{ contact.title }}")
    view.reload()
    wait_for(lambda: view.contacts.rowCount() == 3, what="the contacts")
    selection = view.contacts.selectionModel()
    for row in (0, 2):
        selection.select(view.contacts.model().index(row, 0),
                         QItemSelectionModel.SelectionFlag.Select | QItemSelectionModel.SelectionFlag.Rows)

    def pick(dialog: QInputDialog):
        dialog.setTextValue("hello")
        dialog.accept()
    answer_modal(pick, QInputDialog)
    with qtbot.waitSignal(view.merge_queued, timeout=10000):
        click(qtbot, view.merge_button)
    assert sorted(view.last_merge.queued) == ["b0@firm.example", "b2@firm.example"]
    assert sorted(m.subject for m in list_outbox(store)) == ["Hello Buyer 0", "Hello Buyer 2"]
    assert view.count_label.text() == "2 messages queued, one every 2 seconds."


# -- in the window --------------------------------------------------------------------------------------
def test_timeline_opens_its_messages_in_the_window(qtbot, window, store):
    with setup(store):
        mailbox = MailStore(store)
        ids = mailbox.add(*(mail(ZHANG, ME, f"消息 {n}", day=1 + n, message_id=f"<n{n}@x>") for n in range(5)))
        add_contact(store, ContactInput(name="张伟", emails=["zhang.wei@huaxin-trade.cn"]))
    window.reload_folders()
    window.show()
    qtbot.waitExposed(window)
    panel = window.customer
    panel.show_sender("张伟", "zhang.wei@huaxin-trade.cn", ids[0])
    settle(panel)
    index = panel.timeline.row_of(lambda e: e.key == ids[3])
    panel.timeline.scrollTo(index)
    qtbot.wait(10)
    qtbot.mouseClick(panel.timeline.viewport(), Qt.MouseButton.LeftButton, pos=panel.timeline.visualRect(index).center())
    qtbot.keyClick(panel.timeline, Qt.Key.Key_Return)
    assert window.list_view.currentIndex().data(Roles.MessageId) == ids[3]


def test_due_tasks_are_notified_once(qtbot, window, store):
    from app.crm.customers import contact_by_email

    with setup(store):
        add_contact(store, ContactInput(name="张伟", emails=["zhang.wei@huaxin-trade.cn"]))
        with store.read() as session:
            contact_id = contact_by_email(session, "zhang.wei@huaxin-trade.cn").id
        activities.add_task(store, "寄样品", due_at=int(time.time()) - 60, contact_id=contact_id)
    with qtbot.waitSignal(window.reminders.checked) as shown:
        window.reminders.check()
    assert shown.args == [["Task due: 寄样品"]]
    with qtbot.waitSignal(window.reminders.checked) as again:
        window.reminders.check()
    assert again.args == [[]]


def test_remind_me_if_no_reply_on_a_sent_message(qtbot, window, store):
    with setup(store):
        mailbox = MailStore(store)
        mailbox.add(mail("sales@example.com", ZHANG, "报价单", message_id="<quote@me>"), folder="Sent")
    window.reload_folders()
    from app.ui.folder_tree import FOLDER_NAME_ROLE

    account = window.folders.topLevelItem(0)
    sent = next(account.child(i) for i in range(account.childCount())
                if account.child(i).data(0, FOLDER_NAME_ROLE) == "Sent")
    window.folders.setCurrentItem(sent)
    window.list_view.setCurrentIndex(window.messages.index(0, 0))
    window.remind_if_no_reply(days=3)

    def follow_up():
        with store.read() as session:
            return session.scalar(select(FollowUp))
    wait_for(follow_up, what="the follow-up")
    follow = follow_up()
    assert follow.message_key == "<quote@me>" and follow.participants == '["zhang.wei@huaxin-trade.cn"]'
