"""The Cases view, the File on Case message action and the cases in the customer panel, driven
through their controls (pytest-qt): real clicks on the buttons, real ``QAction.trigger``.

The GUI thread is declared never to wait for a write before anything is built: a control that
reads or writes on it fails the test.  Data is set up from the test around the widgets.
"""

from __future__ import annotations

import time

import pytest
from PySide6.QtCore import QLocale, Qt
from PySide6.QtWidgets import QApplication

from app.crm import cases
from app.crm.customers import ContactInput, add_contact, contact_by_email
from app.paths import ProfilePaths
from app.services import events as ev
from app.ui.case_parts import CasePicker, NewCaseDialog
from app.ui.cases_view import COLUMNS, CasesView
from app.ui.ops import Ops
from tests.support.mail_store import MailStore, mail
from tests.ui.clicking import Clicker
from tests.ui.customer_support import ME, ZHANG, answer_modal, english_plurals, type_into  # noqa: F401
from tests.ui.waiting import settle, wait_for

ZHANG_ADDRESS = "zhang.wei@huaxin-trade.cn"
# Menus and popups ask the platform for these; the offscreen platform has neither.
pytestmark = pytest.mark.qt_log_ignore(r"This plugin does not support (raise\(\)|grabbing the keyboard)")


def setup(store):
    """Set data up from the test's (GUI) thread: allowed to wait, outside any slot."""
    return store.writer.waiting_allowed()


@pytest.fixture
def zhang(store):
    store.writer.never_wait_on()
    with setup(store):
        add_contact(store, ContactInput(name="张伟", emails=[ZHANG_ADDRESS], company="华信贸易"))
    with store.read() as session:
        contact = contact_by_email(session, ZHANG_ADDRESS)
        return contact.id, contact.company_id


@pytest.fixture
def open_view(qtbot, store):
    errors: list[BaseException] = []

    def open_() -> CasesView:
        store.writer.never_wait_on()
        ops = Ops.standalone(store)
        ops.set_error_presenter(errors.append)
        view = CasesView(store, ops=ops, locale=QLocale("en_US"))
        qtbot.addWidget(view)
        view.resize(1280, 760)
        view.show()
        qtbot.waitExposed(view)
        wait_for(lambda: view.loaded, what="the list of cases")
        settle()
        return view

    yield open_
    assert errors == []


def titles(view: CasesView) -> list[str]:
    return [view.table.item(r, 0).text() for r in range(view.table.rowCount())]


def cell(view: CasesView, title: str, column: str) -> str:
    row = titles(view).index(title)
    return view.table.item(row, COLUMNS.index(column)).text()


def click(qtbot, button) -> None:
    assert button.isVisible() and button.isEnabled(), f"{button.text()!r} cannot be clicked"
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    settle()


def click_row(qtbot, view: CasesView, title: str) -> None:
    row = titles(view).index(title)
    rect = view.table.visualItemRect(view.table.item(row, 0))
    qtbot.mouseClick(view.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    wait_for(lambda: view.detail.detail is not None and view.detail.detail.case.title == title, what=title)
    settle()


def choose_in(qtbot, combo, data) -> None:
    """Pick an entry of a combo box with the keyboard, as a person would."""
    combo.setFocus()
    qtbot.keyClick(combo, Qt.Key.Key_Home)
    for _ in range(combo.count()):
        if combo.currentData() == data:
            break
        qtbot.keyClick(combo, Qt.Key.Key_Down)
    assert combo.currentData() == data
    settle()


def new_case_dialog() -> NewCaseDialog:
    found = [w for w in QApplication.topLevelWidgets() if isinstance(w, NewCaseDialog) and w.isVisible()]
    assert found, "no New Case dialog"
    return found[-1]


def stored(store, uuid: str):
    return cases.case_detail(store, uuid)


def test_a_case_is_opened_edited_solved_closed_and_reopened_through_the_controls(qtbot, store, zhang, open_view):
    view = open_view()
    assert titles(view) == [] and "No open cases" in view.summary.text()
    assert view.detail.content.isHidden() and not view.detail.placeholder.isHidden()

    click(qtbot, view.new_button)
    dialog = new_case_dialog()
    wait_for(lambda: dialog.customer.count() > 2, what="the customers to pick from")
    assert not dialog.save_button.isEnabled()  # no title yet
    type_into(dialog.title, "显示屏闪烁")
    dialog.customer.setFocus()
    dialog.customer.lineEdit().setText("张伟 · 华信贸易 · zhang.wei@huaxin-trade.cn")
    choose_in(qtbot, dialog.priority, "high")
    type_into(dialog.description, "客户说屏幕每隔几分钟闪一次")
    click(qtbot, dialog.save_button)
    wait_for(lambda: titles(view) == ["显示屏闪烁"], what="the new case in the list")
    wait_for(lambda: view.detail.detail is not None, what="the new case beside the list")
    uuid = view.selected_uuid()
    case = stored(store, uuid)
    assert (case.case.priority, case.case.status, case.case.contact_id, case.case.company_id) == (
        "high", "new", zhang[0], zhang[1])
    assert case.description == "客户说屏幕每隔几分钟闪一次"
    assert cell(view, "显示屏闪烁", "customer") == "张伟" and cell(view, "显示屏闪烁", "priority") == "High"
    detail = view.detail
    assert detail.title.text() == "显示屏闪烁" and detail.customer.text() == "张伟"
    assert not detail.save_button.isEnabled() and detail.solve_button.isVisible() and detail.reopen_button.isHidden()

    # Status and priority through their widgets, an assignee and a due date, then Save.
    choose_in(qtbot, detail.status, "waiting")
    choose_in(qtbot, detail.priority, "urgent")
    qtbot.keyClicks(detail.assignee, "li.na@example.com")
    click(qtbot, detail.due.check)
    assert detail.save_button.isEnabled() and detail.discard_button.isEnabled()
    click(qtbot, detail.save_button)
    wait_for(lambda: stored(store, uuid).case.status == "waiting", what="the save")
    case = stored(store, uuid).case
    assert (case.priority, case.assignee) == ("urgent", "li.na@example.com") and case.due_at is not None
    wait_for(lambda: cell(view, "显示屏闪烁", "status") == "Waiting", what="the list to follow")
    assert cell(view, "显示屏闪烁", "priority") == "Urgent" and not detail.save_button.isEnabled()
    wait_for(lambda: any("Status: New → Waiting" in detail.timeline.topLevelItem(i).text(0)
                         for i in range(detail.timeline.topLevelItemCount())),
             what="the change in the timeline")

    # Emptying a field is a clearing (the record keeps filled fields otherwise); Discard undoes edits.
    detail.assignee.selectAll()
    qtbot.keyClick(detail.assignee, Qt.Key.Key_Delete)
    click(qtbot, detail.due.check)
    click(qtbot, detail.save_button)
    wait_for(lambda: stored(store, uuid).case.assignee == "", what="the assignee cleared")
    assert stored(store, uuid).case.due_at is None
    qtbot.keyClicks(detail.assignee, "nobody@example.com")
    click(qtbot, detail.discard_button)
    assert detail.assignee.text() == "" and not detail.save_button.isEnabled()

    # A title edited and saved with Return.
    detail.title.selectAll()
    type_into(detail.title, "显示屏闪烁（已换货）")
    qtbot.keyClick(detail.title, Qt.Key.Key_Return)
    wait_for(lambda: stored(store, uuid).case.title == "显示屏闪烁（已换货）", what="the title")

    # Solve: it leaves the open cases, and stays beside the list.
    click(qtbot, detail.solve_button)
    wait_for(lambda: stored(store, uuid).case.status == "solved", what="solved")
    wait_for(lambda: titles(view) == [] and detail.reopen_button.isVisible(), what="solved: out of the open list")
    assert detail.title.text() == "显示屏闪烁（已换货）" and detail.solve_button.isHidden()
    click(qtbot, detail.close_button)
    wait_for(lambda: stored(store, uuid).case.status == "closed", what="closed")
    wait_for(lambda: detail.close_button.isHidden(), what="the closed case's buttons")
    click(qtbot, detail.reopen_button)
    wait_for(lambda: stored(store, uuid).case.status == "open", what="reopened")
    wait_for(lambda: titles(view) == ["显示屏闪烁（已换货）"], what="back among the open cases")
    statuses = [c["new"] for e in cases.case_timeline(store, uuid) if e.kind == "change"
                for c in e.changes if c["field"] == "status"]
    assert statuses[-4:] == ["waiting", "solved", "closed", "open"]

    # The customer opens in Customers.
    with qtbot.waitSignal(view.record_requested) as opened:
        qtbot.mouseClick(detail.customer, Qt.MouseButton.LeftButton)
    assert opened.args == ["contact", zhang[0]]


def test_the_filter_and_the_search_choose_the_cases_listed(qtbot, store, zhang, open_view,
                                                            english_plurals):  # noqa: F811
    with setup(store):
        urgent = cases.open_case(store, "屏幕坏了", priority="urgent", contact_id=zhang[0],
                                 due_at=int(time.time()) - 3600)
        cases.open_case(store, "Invoice copy", priority="low")
        done = cases.open_case(store, "Manual in English")
        cases.update_case(store, done, {"status": "solved"})
        waiting = cases.open_case(store, "Spare parts", priority="high")
        cases.update_case(store, waiting, {"status": "waiting"})
    view = open_view()
    # Open cases only, urgent first; the overdue one marked.
    assert titles(view) == ["屏幕坏了", "Spare parts", "Invoice copy"]
    due = view.table.item(0, COLUMNS.index("due"))
    assert "overdue" in due.toolTip() and due.foreground().color().name() == "#d0453a"
    assert "Overdue" in view.table.item(0, 0).toolTip() and not view.table.item(0, 0).icon().isNull()
    assert view.summary.text() == "3 cases · 1 overdue"
    assert urgent

    choose_in(qtbot, view.filter, "all")
    wait_for(lambda: len(titles(view)) == 4, what="every case")
    assert titles(view)[-1] == "Manual in English" and view.summary.text() == "4 cases, 3 open · 1 overdue"
    choose_in(qtbot, view.filter, "solved")
    wait_for(lambda: titles(view) == ["Manual in English"], what="the solved cases")
    choose_in(qtbot, view.filter, "waiting")
    wait_for(lambda: titles(view) == ["Spare parts"], what="the waiting cases")
    choose_in(qtbot, view.filter, "open")
    wait_for(lambda: len(titles(view)) == 3, what="the open cases again")

    type_into(view.search, "张伟")  # the customer's name
    wait_for(lambda: titles(view) == ["屏幕坏了"], what="the search")
    view.search.clear()
    qtbot.keyClicks(view.search, "invoice")
    qtbot.keyClick(view.search, Qt.Key.Key_Return)
    wait_for(lambda: titles(view) == ["Invoice copy"], what="the search in English")
    qtbot.keyClicks(view.search, " nothing")
    wait_for(lambda: titles(view) == [] and view.summary.text() == "No cases match.", what="no match")


def test_a_case_a_rule_opens_in_the_background_appears(qtbot, store, zhang, open_view):
    view = open_view()
    with setup(store):
        cases.open_case(store, "Opened by a rule", origin="rule")
    view.ops.events.publish(ev.ChangeSet.of(ev.RULES, ev.RECORDS))  # as the services' rules job does
    wait_for(lambda: titles(view) == ["Opened by a rule"], what="the rule's case")
    view.hide()
    with setup(store):
        cases.open_case(store, "While hidden")
    view.ops.events.publish(ev.ChangeSet.of(ev.RULES))
    view.ops.events.flush()
    assert view._stale
    view.show()
    wait_for(lambda: "While hidden" in titles(view), what="read when shown")


# -- the window: the message action, the timeline, the customer panel ---------------------------------
@pytest.fixture
def window(qtbot, store, profile_dir):
    from app.ui.main_window import MainWindow
    from app.ui.sync_service import SyncService

    with setup(store):
        box = MailStore(store)
        add_contact(store, ContactInput(name="张伟", emails=[ZHANG_ADDRESS], company="华信贸易"))
        box.add(mail(ZHANG, ME, "屏幕坏了", day=2, message_id="<broken@x>"),
                mail(ZHANG, ME, "Re: 屏幕坏了", day=3, message_id="<again@x>", in_reply_to="<broken@x>"))
    service = SyncService(store, use_idle=False)
    store.writer.never_wait_on()
    win = MainWindow(ProfilePaths(profile_dir), store, service)
    qtbot.addWidget(win)
    win.resize(1280, 800)
    win.show()
    qtbot.waitExposed(win)
    settle()
    win.folders.select_folder(box.folders["INBOX"])
    wait_for(lambda: win.messages.rowCount() == 2, what="the inbox")
    yield win
    service.stop()


def panel_uuids(window) -> list[str]:
    return [row.case.uuid for row in window.customer.cases.rows]


def select_subject(window, subject: str) -> int:
    from app.ui.message_list_model import Roles

    model = window.messages
    row = next(r for r in range(model.rowCount()) if model.index(r, 1).data() == subject)
    window.list_view.setCurrentIndex(model.index(row, 0))
    settle()
    return model.index(row, 0).data(Roles.MessageId)


def test_a_message_is_filed_on_a_case_from_the_mail_and_removed_from_the_case(qtbot, store, window):
    with setup(store):
        with store.read() as session:
            zhang = contact_by_email(session, ZHANG_ADDRESS).id
        other = cases.open_case(store, "Another customer's case", priority="urgent")
        uuid = cases.open_case(store, "屏幕坏了", contact_id=zhang)
    first = select_subject(window, "屏幕坏了")
    action = window.actions.file_on_case
    assert action in window.message_menu.actions() and action.isEnabled()
    menu = window.window_actions.message_menu(window.actions)
    assert action in menu.actions()
    menu.deleteLater()

    seen = []

    def pick(picker: CasePicker):
        # The sender's case first, though the other one is more urgent.
        assert [picker.list.item(i).data(Qt.ItemDataRole.UserRole) for i in range(picker.list.count())] == [
            uuid, other]
        assert picker.chosen() == uuid
        qtbot.mouseClick(picker.ok_button, Qt.MouseButton.LeftButton)
    answer_modal(pick, CasePicker, seen)
    action.trigger()
    wait_for(lambda: seen, what="the case picker")
    wait_for(lambda: stored(store, uuid).case.messages == ["<broken@x>"], what="the message filed")

    # The second message: a new case for it, from the picker.
    select_subject(window, "Re: 屏幕坏了")

    def new(picker: CasePicker):
        qtbot.mouseClick(picker.new_button, Qt.MouseButton.LeftButton)
    answer_modal(new, CasePicker)
    action.trigger()
    wait_for(lambda: window.actions.new_case_dialog is not None and window.actions.new_case_dialog.isVisible(),
             what="the New Case dialog")
    dialog = window.actions.new_case_dialog
    assert dialog.title.text() == "Re: 屏幕坏了" and dialog.customer.currentText() == "张伟"
    click(qtbot, dialog.save_button)
    wait_for(lambda: window.sections.currentWidget() is window.sections.widget(0), what="still in Mail")
    wait_for(lambda: len(cases.list_cases(store, search="Re: 屏幕坏了")) == 1, what="the new case")
    made = cases.list_cases(store, search="Re: 屏幕坏了")[0]
    assert made.messages == ["<again@x>"] and made.contact_id == zhang

    # In the Cases view: the timeline holds the message; double-click opens it in Mail.
    window.window_actions.go_cases.trigger()
    view = window.cases_view
    wait_for(lambda: window.sections.currentWidget() is view and view.loaded, what="the Cases view")
    click_row(qtbot, view, "屏幕坏了")
    timeline = view.detail.timeline
    row = next(i for i in range(timeline.topLevelItemCount()) if timeline.topLevelItem(i).text(0) == "屏幕坏了")
    item = timeline.topLevelItem(row)
    assert item.text(1) == ZHANG_ADDRESS
    timeline.scrollToItem(item)
    position = timeline.visualItemRect(item).center()
    qtbot.mouseClick(timeline.viewport(), Qt.MouseButton.LeftButton, pos=position)
    qtbot.mouseDClick(timeline.viewport(), Qt.MouseButton.LeftButton, pos=position)
    wait_for(lambda: window.sections.currentIndex() == 0, what="the message in Mail")
    from app.ui.message_list_model import Roles

    assert window.list_view.currentIndex().data(Roles.MessageId) == first

    # Remove it from the case.
    window.open_case(uuid)
    wait_for(lambda: view.detail.detail is not None and view.detail.detail.case.uuid == uuid, what="the case")
    settle()
    item = next(timeline.topLevelItem(i) for i in range(timeline.topLevelItemCount())
                if timeline.topLevelItem(i).text(0) == "屏幕坏了")
    qtbot.mouseClick(timeline.viewport(), Qt.MouseButton.LeftButton, pos=timeline.visualItemRect(item).center())
    assert view.detail.remove_button.isEnabled()
    click(qtbot, view.detail.remove_button)
    wait_for(lambda: stored(store, uuid).case.messages == [], what="the message removed")
    wait_for(lambda: all(timeline.topLevelItem(i).text(0) != "屏幕坏了"
                         for i in range(timeline.topLevelItemCount())), what="the timeline without it")


def test_the_customer_panel_lists_the_cases_and_opens_them(qtbot, store, window, english_plurals):  # noqa: F811
    with setup(store):
        with store.read() as session:
            zhang = contact_by_email(session, ZHANG_ADDRESS).id
        solved = cases.open_case(store, "旧问题", contact_id=zhang)
        cases.update_case(store, solved, {"status": "solved"})
        urgent = cases.open_case(store, "屏幕坏了", contact_id=zhang, priority="urgent",
                                 due_at=int(time.time()) - 60)
    select_subject(window, "屏幕坏了")
    wait_for(lambda: panel_uuids(window) == [urgent, solved], what="the customer's cases, open first")
    panel = window.customer
    wait_for(lambda: panel.cases.count() == 2, what="the customer's cases")
    assert [row.title.text() for row in panel.cases.rows] == ["屏幕坏了", "旧问题"]  # open first
    assert panel.cases_title.isVisible() and panel.cases.rows[0].badge.text() == "New"
    assert "Urgent" in panel.cases.rows[0].meta.text() and "overdue" in panel.cases.rows[0].meta.text()
    assert panel.cases.rows[1].badge.text() == "Solved"

    panel.scroll.ensureWidgetVisible(panel.cases.rows[1])
    qtbot.mouseClick(panel.cases.rows[1], Qt.MouseButton.LeftButton)
    view = window.cases_view
    wait_for(lambda: window.sections.currentWidget() is view, what="the Cases view")
    wait_for(lambda: view.selected_uuid() == solved, what="the solved case selected (the filter lifted)")
    wait_for(lambda: view.detail.title.text() == "旧问题", what="the case beside the list")
    assert view.filter.currentData() == "all"

    # New Case… from the panel: the customer is filled in.
    window.sections.setCurrentIndex(0)
    settle()
    panel.scroll.ensureWidgetVisible(panel.case_button)
    click(qtbot, panel.case_button)
    dialog = new_case_dialog()
    assert dialog.customer.currentText() == "张伟"
    type_into(dialog.title, "需要发票")
    click(qtbot, dialog.save_button)
    wait_for(lambda: len(cases.list_cases(store, search="需要发票")) == 1, what="the panel's new case")
    assert cases.list_cases(store, search="需要发票")[0].contact_id == zhang
    # Mail stays in front; the panel lists the new case, and the Cases view has it selected.
    wait_for(lambda: panel.cases.count() == 3, what="the panel to follow")
    assert window.sections.currentIndex() == 0 and "需要发票" in [row.title.text() for row in panel.cases.rows]
    wait_for(lambda: view.detail.title.text() == "需要发票", what="the new case selected in Cases")
    assert window.window_actions.new_case in window.message_menu.actions()


def test_every_control_of_the_cases_view_and_the_panel(qtbot, store, window):
    with setup(store):
        with store.read() as session:
            zhang = contact_by_email(session, ZHANG_ADDRESS).id
        uuid = cases.open_case(store, "屏幕坏了", contact_id=zhang, priority="urgent", messages=["<broken@x>"],
                               description="客户说屏幕每隔几分钟闪一次")
        cases.open_case(store, "Invoice copy", priority="low", due_at=int(time.time()) + 86400)
    select_subject(window, "屏幕坏了")
    wait_for(lambda: window.customer.cases.count() == 1, what="the panel's case")
    # Open Message leaves for Mail (its own test double-clicks and clicks it): the rest stay here.
    with Clicker(qtbot, store, {"Quit", "Open Message"}) as clicker:
        clicker.click_buttons(window.customer)
        window.open_case(uuid)
        view = window.cases_view
        wait_for(lambda: view.detail.detail is not None, what="the case")
        clicker.settle()
        detail = view.detail
        type_into(detail.title, "!")
        click(qtbot, detail.discard_button)
        assert detail.title.text() == "屏幕坏了"
        type_into(detail.title, "!")  # something for Save
        detail.timeline.setCurrentItem(next(detail.timeline.topLevelItem(i)
                                            for i in range(detail.timeline.topLevelItemCount())
                                            if detail.timeline.topLevelItem(i).text(0) == "屏幕坏了"))
        assert detail.open_message_button.isEnabled() and detail.remove_button.isEnabled()
        clicker.click_buttons(view)
        clicker.trigger_actions([window.window_actions.new_case, window.window_actions.go_cases,
                                 window.actions.file_on_case], "menu")
    clicked = {label.split(" › ")[-1] for label in clicker.clicked if label.startswith(("CasesView", "menu"))}
    assert {"New Case…", "Save", "Solve", "Close", "Reopen", "Remove from Case", "History…", "Due",
            "File on Case…", "Cases"} <= clicked, clicked
    assert any(label.startswith("CustomerPanel › Case…") for label in clicker.clicked)
    assert any(label.startswith("NewCaseDialog") for label in clicker.clicked)
    assert any(label.startswith("CasePicker") for label in clicker.clicked)
    assert any(label.startswith("RecordHistoryDialog") for label in clicker.clicked)
    case = stored(store, uuid)
    assert case.case.title == "!屏幕坏了"  # typed at the start (the message went and came back: File)


def test_a_company_shows_its_peoples_cases_in_customers(qtbot, store, window):
    with setup(store):
        with store.read() as session:
            zhang = contact_by_email(session, ZHANG_ADDRESS)
            zhang_id, huaxin = zhang.id, zhang.company_id
        mine = cases.open_case(store, "屏幕坏了", contact_id=zhang_id, priority="high")  # a contact's: its company's
        theirs = cases.open_case(store, "年度框架协议", company_id=huaxin)
        cases.open_case(store, "Someone else's")
    window.open_record("company", huaxin)
    company = window.customers_view.company
    wait_for(lambda: [row.case.uuid for row in company.cases.rows] == [mine, theirs], what="the company's cases")
    assert company.cases_title.isVisible()
    company.scroll.ensureWidgetVisible(company.cases.rows[1])
    qtbot.mouseClick(company.cases.rows[1], Qt.MouseButton.LeftButton)
    view = window.cases_view
    wait_for(lambda: window.sections.currentWidget() is view and view.selected_uuid() == theirs,
             what="the company's case in Cases")
    window.open_record("company", huaxin)
    settle()
    company.scroll.ensureWidgetVisible(company.case_button)
    click(qtbot, company.case_button)
    dialog = new_case_dialog()
    assert dialog.customer.currentText() == "华信贸易"
    type_into(dialog.title, "发票")
    click(qtbot, dialog.save_button)
    wait_for(lambda: len(company.cases.rows) == 3, what="the company's new case")
    made = cases.list_cases(store, search="发票")[0]
    assert (made.contact_id, made.company_id, made.customer) == (None, huaxin, "华信贸易")
