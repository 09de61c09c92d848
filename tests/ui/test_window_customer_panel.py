"""The customer panel beside the reader, driven from the main window's message list."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from app.paths import ProfilePaths
from app.ui.main_window import MainWindow
from app.ui.sync_service import SyncService
from tests.ui.customer_support import answer_modal, settle, type_into
from tests.ui.waiting import select_row_where, wait_for

pytestmark = pytest.mark.integration


@pytest.fixture
def window(qtbot, store, account, profile_dir):
    service = SyncService(store, use_idle=False)
    win = MainWindow(ProfilePaths(profile_dir), store, service)
    qtbot.addWidget(win)
    yield win
    service.stop()


def test_customer_panel_shows_the_sender_and_the_history_with_person_and_company(
        qtbot, window, imap, run_sync):
    def mail(sender, subject, day, to="sales@example.com"):
        imap.append("INBOX", (f"From: {sender}\r\nTo: {to}\r\nSubject: {subject}\r\n"
                              f"Date: {day} Nov 2026 10:00:00 +0800\r\n\r\nbody\r\n").encode())

    mail("张伟 <zhang.wei@huaxin-trade.cn>", "报价单", 2)
    mail("张伟 <zhang.wei@huaxin-trade.cn>", "合同草案", 3)
    mail("Li Na <li.na@huaxin-trade.cn>", "发票", 4)
    mail("王芳 <wangfang@163.com>", "样品", 5)
    mail("Sales <sales@example.com>", "跟进", 6, to="zhang.wei@huaxin-trade.cn")  # we wrote to him
    run_sync()
    window.reload_folders()
    window.show()  # controls are clicked as a user does: on a window that is shown
    qtbot.waitExposed(window)

    def select(subject):
        select_row_where(window, 1, subject)

    select("合同草案")
    panel = window.customer
    assert (panel.name.text(), panel.address.text()) == ("张伟", "zhang.wei@huaxin-trade.cn")
    assert panel.organisation.text() == "Organisation: huaxin-trade.cn"
    assert not panel.create_contact_button.isHidden() and panel.details.isHidden()
    assert [e.title for e in panel.timeline.entries()] == ["跟进", "报价单"]  # other mail with him

    qtbot.mouseClick(panel.create_contact_button, Qt.MouseButton.LeftButton)  # name from From, company from domain
    wait_for(lambda: panel.badge.text() == "Customer", what="the new contact")
    settle(panel)
    assert panel.create_contact_button.isHidden() and panel.edit_company.text() == "huaxin-trade.cn"
    assert [e.title for e in panel.timeline.entries()] == ["跟进", "合同草案", "报价单"]  # linked retroactively
    assert "zhang.wei@huaxin-trade.cn is the sender" in panel.link_reason.text()

    def note(dialog):
        dialog.text.setPlainText("喜欢喝茶")
        qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    answer_modal(note)
    qtbot.mouseClick(panel.note_button, Qt.MouseButton.LeftButton)
    wait_for(lambda: panel.timeline.entries()[0].title == "喜欢喝茶", what="the note")
    if panel.details.isHidden():  # folded beside the reader when the panel is narrow
        qtbot.mouseClick(panel.details_toggle, Qt.MouseButton.LeftButton)
    panel.edit_title.clear()
    type_into(panel.edit_title, "采购经理")
    qtbot.keyClick(panel.edit_title, Qt.Key.Key_Return)
    from app.crm.customer_view import customer_json

    wait_for(lambda: customer_json(window.store, "zhang.wei@huaxin-trade.cn")["contact"]["title"] == "采购经理",
             what="the title")

    select("发票")  # a colleague at the same company: the company's timeline
    assert panel.organisation.text() == "Company: huaxin-trade.cn"
    assert not panel.create_contact_button.isHidden()

    select("样品")
    assert panel.organisation.text() == "Personal address (163.com)"
    assert panel.create_company_button.isHidden() and panel.timeline.count() == 0
    qtbot.mouseClick(panel.create_contact_button, Qt.MouseButton.LeftButton)
    wait_for(lambda: panel.badge.text() == "Customer", what="the contact")
    assert customer_json(window.store, "wangfang@163.com")["company"] is None  # free mail: no company
