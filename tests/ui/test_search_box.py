"""The search field: results while typing, groups, opening in place, recent searches (pytest-qt)."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from app.crm.activities import add_note
from app.crm.customers import ContactInput, add_company, add_contact
from app.crm.deals import add_deal
from app.search import mail_index, recent
from app.store.raw_sql import fetch_all
from app.ui.search_box import KIND_ROLE, VALUE_ROLE
from tests.support.mail_store import MailStore, mail

ZHANG = "张伟 <zhang.wei@huaxin-trade.cn>"
ME = "Me <sales@example.com>"


@pytest.fixture
def window(open_window, store, qtbot):
    box = MailStore(store)
    box.add(*(mail(ZHANG, ME, f"采购合同 第{n}版", day=1 + n, message_id=f"<c{n}@x>", body="请查收报价单")
              for n in range(3)))
    box.add(mail("Anna <anna@example.de>", ME, "Quarterly review", day=10, message_id="<q@x>"))
    mail_index.index_pending(store)
    add_company(store, "华信贸易", ["huaxin-trade.cn"])
    add_contact(store, ContactInput(name="张伟", emails=["zhang.wei@huaxin-trade.cn"], company="华信贸易"))
    win, _service = open_window(start=False)
    win.reload_folders()
    win.show()
    qtbot.waitExposed(win)
    return win


def type_and_wait(qtbot, window, text: str) -> dict:
    field = window.search_box
    field.setFocus()
    field.clear()
    field.last_answer = None
    for character in text:  # as typed (QTest cannot type non-ASCII keys)
        field.insert(character)
    qtbot.waitUntil(lambda: field.last_answer is not None and field.last_answer["text"] == text, timeout=5000)
    return field.last_answer


def rows(window) -> list[tuple[str, str]]:
    results = window.search_box.results
    out = []
    for top in range(results.topLevelItemCount()):
        heading = results.topLevelItem(top)
        out.append(("heading", heading.text(0)))
        out += [(heading.child(i).data(0, KIND_ROLE) or "note", heading.child(i).text(0))
                for i in range(heading.childCount())]
    return out


def test_results_appear_while_typing_in_two_groups(qtbot, window):
    answer = type_and_wait(qtbot, window, "合同")
    assert len(answer["mail"].hits) == 3
    shown = rows(window)
    assert shown[0] == ("heading", "Mail (3)")
    assert [text for kind, text in shown if kind == "message"] == ["采购合同 第2版", "采购合同 第1版", "采购合同 第0版"]
    assert ("heading", "Customers (0)") in shown
    assert window.search_box.results.isVisible()

    type_and_wait(qtbot, window, "华信")
    shown = rows(window)
    assert ("record", "华信贸易") in shown and ("record", "张伟") in shown


def test_operator_queries_show_only_mail_and_bad_queries_say_why(qtbot, window):
    type_and_wait(qtbot, window, "from:anna")
    assert [r for r in rows(window) if r[0] == "heading"] == [("heading", "Mail (1)")]
    answer = type_and_wait(qtbot, window, "before:2026-13-40")
    assert "is not a date" in str(answer["error"])
    assert "is not a date" in window.search_box.results.topLevelItem(0).text(0)


def test_opening_a_message_selects_it_in_its_folder(qtbot, window, store):
    type_and_wait(qtbot, window, "quarterly")
    qtbot.keyClick(window.search_box, Qt.Key.Key_Down)
    qtbot.keyClick(window.search_box, Qt.Key.Key_Return)
    current = window.list_view.currentIndex()
    assert window.sections.currentIndex() == 0
    assert current.isValid() and "Quarterly review" in window.messages.data(window.messages.index(current.row(), 1))
    assert not window.search_box.results.isVisible()
    qtbot.waitUntil(lambda: recent.recent(store) == ["quarterly"])


def test_opening_customer_records_selects_them_in_place(qtbot, window, store):
    with store.writer.waiting_allowed():  # records made elsewhere (another window, a colleague)
        deal = add_deal(store, "华信 框架协议", company="华信贸易")
        zhang = fetch_all(store, "SELECT contact_id FROM crm_contact_emails")[0][0]
        add_note(store, "下周寄样品", contact_id=zhang)
    type_and_wait(qtbot, window, "华信")
    item = next(i for i in window.search_box.results.openable() if i.text(0) == "华信贸易")
    window.search_box.results.itemClicked.emit(item, 0)
    assert window.sections.currentIndex() == 1
    view = window.customers_view
    assert view.tabs.currentIndex() == 1 and view.companies.selectedItems()[0].text() == "华信贸易"

    type_and_wait(qtbot, window, "样品")
    item = next(i for i in window.search_box.results.openable() if i.data(0, KIND_ROLE) == "record")
    assert item.data(0, VALUE_ROLE) == ("contact", zhang)
    window.search_box.results.itemClicked.emit(item, 0)
    assert view.tabs.currentIndex() == 0 and view.contacts.selectedItems()[1].text() == "zhang.wei@huaxin-trade.cn"

    type_and_wait(qtbot, window, "框架")
    item = next(i for i in window.search_box.results.openable() if i.text(0) == "华信 框架协议")
    window.search_box.results.itemClicked.emit(item, 0)
    assert window.sections.currentIndex() == 2
    qtbot.waitUntil(lambda: window.deals_view.selected_uuid() == deal, timeout=5000)


def test_recent_searches_show_in_the_empty_field_and_run_again(qtbot, window, store):
    with store.writer.waiting_allowed():  # earlier searches, as if made in another session
        recent.remember(store, "合同")
        recent.remember(store, "from:anna")
    field = window.search_box
    field.clear()
    window.list_view.setFocus()
    window.focus_search()
    qtbot.waitUntil(field.results.isVisible)
    assert [r for r in rows(window) if r[0] == "recent"] == [("recent", "from:anna"), ("recent", "合同")]
    field.last_answer = None
    qtbot.keyClick(field, Qt.Key.Key_Down)
    qtbot.keyClick(field, Qt.Key.Key_Down)
    qtbot.keyClick(field, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: field.last_answer is not None)
    assert field.text() == "合同" and len(field.last_answer["mail"].hits) == 3
    qtbot.keyClick(field, Qt.Key.Key_Escape)
    assert not field.results.isVisible()
