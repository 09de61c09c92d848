"""The customer panel beside the reader, driven from the main window's message list."""

from __future__ import annotations

import pytest

from app.paths import ProfilePaths
from app.ui.main_window import MainWindow
from app.ui.sync_service import SyncService
from tests.ui.waiting import select_row_where

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

    def select(subject):
        select_row_where(window, 1, subject)

    select("合同草案")
    panel = window.customer
    assert (panel.name.text(), panel.address.text()) == ("张伟", "zhang.wei@huaxin-trade.cn")
    assert panel.organisation.text() == "Organisation: huaxin-trade.cn"
    assert not panel.create_contact_button.isHidden() and panel.details.isHidden()
    person = [panel.timeline.item(i).text() for i in range(panel.timeline.count())]
    assert [line.split("\n")[0].split("  ", 1)[1] for line in person] == ["跟进", "报价单"]

    panel.create_contact_button.click()  # name from From, company from the domain
    assert not panel.details.isHidden() and panel.create_contact_button.isHidden()
    assert panel.edit_company.text() == "huaxin-trade.cn"
    entries = [panel.timeline.item(i).text().split("\n")[0] for i in range(panel.timeline.count())]
    assert [e.split("  ", 1)[1] for e in entries] == ["跟进", "合同草案", "报价单"]  # linked retroactively
    assert "zhang.wei@huaxin-trade.cn is the sender" in panel.link_reason.text()

    panel.add_note("喜欢喝茶")
    assert panel.timeline.item(0).text().split("\n")[0].endswith("喜欢喝茶")
    panel.edit_title.setText("采购经理")
    panel.edit_title.editingFinished.emit()
    from app.crm.customer_view import customer_json

    assert customer_json(window.store, "zhang.wei@huaxin-trade.cn")["contact"]["title"] == "采购经理"

    select("发票")  # a colleague at the same company: the company's timeline
    assert panel.organisation.text() == "Company: huaxin-trade.cn"
    assert not panel.create_contact_button.isHidden()

    select("样品")
    assert panel.organisation.text() == "Personal address (163.com)"
    assert panel.create_company_button.isHidden() and panel.timeline.count() == 0
    panel.create_contact_button.click()
    assert customer_json(window.store, "wangfang@163.com")["company"] is None  # free mail: no company
