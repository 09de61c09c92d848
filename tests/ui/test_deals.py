"""The Deals board and the deal editor, driven through their controls (pytest-qt).

Every test builds the view after ``store.writer.never_wait_on()``: any write on the GUI thread
(or a wait for one) raises there, so clicking everything proves the board and the editor
only read through ops and write through ops.
"""

from __future__ import annotations

import pytest
from PySide6.QtCore import QDate, QLocale, QPoint, QPointF, Qt, QTimer
from PySide6.QtGui import QContextMenuEvent, QDrag, QDragEnterEvent, QDragMoveEvent, QDropEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QMenu

from app.crm import activities, deals
from app.crm.customers import ContactInput, add_company, add_contact
from app.ui.deal_card import CARD_ROLE
from app.ui.deal_dialog import DealDialog, LostReasonDialog
from app.ui.deals_view import DEAL_ROLE, DealsView
from app.ui.ops import Ops

ZHANG = "zhang.wei@huaxin-trade.cn"
ANNA = "anna@nordwind.de"
# Menus and popups ask the platform for these; the offscreen platform has neither.
pytestmark = pytest.mark.qt_log_ignore(r"This plugin does not support (raise\(\)|grabbing the keyboard)")


@pytest.fixture
def people(store):
    add_contact(store, ContactInput(name="张伟", emails=[ZHANG], company="华信贸易"))
    add_contact(store, ContactInput(name="Anna Schmidt", emails=[ANNA], company="Nordwind"))
    return store


@pytest.fixture
def open_board(qtbot, store):
    """``open_board()`` → a shown DealsView (en_US amounts) on a GUI thread that must never write."""
    errors: list[BaseException] = []

    def open_() -> DealsView:
        store.writer.never_wait_on()
        ops = Ops.standalone(store)
        ops.set_error_presenter(errors.append)
        view = DealsView(store, ops=ops, locale=QLocale("en_US"))
        qtbot.addWidget(view)
        view.resize(1280, 800)
        view.show()
        qtbot.waitUntil(lambda: view.loaded and not view._loading)
        return view

    yield open_
    assert errors == []


def column_of(view: DealsView, stage: str):
    return next(view.columns[s.uuid] for s in view._stages if s.name == stage)


def stage_uuid(view: DealsView, stage: str) -> str:
    return next(s.uuid for s in view._stages if s.name == stage)


def card_pos(column, uuid: str) -> QPoint:
    row = column.uuids().index(uuid)
    return column.visualItemRect(column.item(row)).center()


def wait_for_card(qtbot, view: DealsView, uuid: str, stage: str, **fields) -> None:
    def there() -> bool:
        card = view.cards.get(uuid)
        return (card is not None and card.stage_uuid == stage_uuid(view, stage)
                and all(getattr(card, k) == v for k, v in fields.items()))
    qtbot.waitUntil(there)


def open_editor(qtbot, view: DealsView, uuid: str) -> DealDialog:
    card = view.cards[uuid]
    column = view.columns[card.stage_uuid]
    pos = card_pos(column, uuid)
    # What a double-click is made of: a click, then the second press (QTest sends only that one).
    QTest.mouseClick(column.viewport(), Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, pos)
    QTest.mouseDClick(column.viewport(), Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, pos)
    # The history is read on its own (from the team server when signed in): wait for it too.
    qtbot.waitUntil(lambda: uuid in view.editors and view.editors[uuid].is_loaded
                    and view.editors[uuid].history_view.is_loaded)
    return view.editors[uuid]


def complete(qtbot, edit, typed: str, wanted: str) -> None:
    """Type into a field and pick ``wanted`` from its completion popup with the keyboard."""
    edit.clear()
    edit.window().activateWindow()
    qtbot.waitUntil(edit.window().isActiveWindow)
    edit.setFocus()
    qtbot.keyClicks(edit, typed)
    popup = edit.completer().popup()
    qtbot.waitUntil(popup.isVisible)
    model = popup.model()
    row = next(r for r in range(model.rowCount()) if model.index(r, 0).data() == wanted)
    popup.setCurrentIndex(model.index(row, 0))
    qtbot.keyClick(popup, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: edit.text() == wanted)


def answer_lost_reason(qtbot, reason: str | None) -> None:
    """Answer the "Why was it lost?" dialog when it comes (None: Cancel)."""
    def answer() -> None:
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, LostReasonDialog):
            QTimer.singleShot(20, answer)
            return
        if reason is None:
            dialog.reject()
            return
        dialog.reason.setEditText(reason)
        qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    QTimer.singleShot(0, answer)


def use_card_menu(qtbot, view: DealsView, uuid: str, *path: str, then=None) -> None:
    """Right-click the card and choose ``path`` (e.g. "Move to Stage", "Won") with the keyboard."""
    card = view.cards[uuid]
    column = view.columns[card.stage_uuid]
    chosen: list[str] = []

    def pick() -> None:
        menu = QApplication.activePopupWidget()
        if not isinstance(menu, QMenu):
            QTimer.singleShot(20, pick)
            return
        for depth, name in enumerate(path):
            action = next(a for a in menu.actions() if a.text() == name)
            assert action.isEnabled(), name
            menu.setActiveAction(action)
            if depth < len(path) - 1:
                qtbot.keyClick(menu, Qt.Key.Key_Right)
                menu = action.menu()
                qtbot.waitUntil(menu.isVisible)
            else:
                if then is not None:
                    then()
                chosen.append(name)
                qtbot.keyClick(menu, Qt.Key.Key_Return)

    QTimer.singleShot(0, pick)
    pos = card_pos(column, uuid)
    event = QContextMenuEvent(QContextMenuEvent.Reason.Mouse, pos, column.viewport().mapToGlobal(pos))
    QApplication.sendEvent(column.viewport(), event)
    assert chosen == [path[-1]]


# -- the board ------------------------------------------------------------------------------------------
def test_an_empty_profile_gets_its_pipeline_and_a_first_deal(qtbot, store, open_board):
    view = open_board()
    assert [s.name for s in view._stages] == ["Lead", "Qualified", "Proposal", "Negotiation", "Won", "Lost"]
    assert all(column.count() == 0 for column in view.columns.values())
    assert view.summary.text().startswith("No deals yet")
    qtbot.mouseClick(view.add_button, Qt.MouseButton.LeftButton)
    dialog = next(d for d in view.findChildren(DealDialog) if d.isVisible())
    qtbot.waitUntil(lambda: dialog.is_loaded)
    assert dialog.currency.currentText() == ""  # nothing to go on: no silent CNY
    qtbot.keyClicks(dialog.title, "First deal")
    qtbot.keyClicks(dialog.amount, "5000")
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert dialog.error.text() == "Choose the currency of the amount."
    qtbot.keyClicks(dialog.currency.lineEdit(), "sgd")
    assert dialog.currency.currentText() == "SGD" and dialog.amount_preview.text() == "S$5,000"
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: len(view.cards) == 1)
    card = next(iter(view.cards.values()))
    assert (card.title, card.amount, card.currency, card.stage_uuid) == ("First deal", "5000", "SGD",
                                                                       stage_uuid(view, "Lead"))
    qtbot.waitUntil(lambda: view.selected_uuid() == card.uuid)
    assert view.panes[stage_uuid(view, "Lead")].header.total.text() == "S$5,000"
    assert view.summary.text() == "1 open deal(s) · S$5,000"


def test_cards_headers_and_totals_per_currency(qtbot, people, open_board):
    with people.writer.waiting_allowed():
        deals.add_deal(people, "华信贸易 年度采购合同", contact_email=ZHANG, amount="772000", currency="CNY",
                       expected_close="2020-01-31")
        deals.add_deal(people, "Hamburg", contact_email=ANNA, amount="24900.50", currency="EUR")
        deals.add_deal(people, "Extra", amount="1000", currency="CNY", stage="Won")
    view = open_board()
    lead = column_of(view, "Lead")
    assert lead.count() == 2
    header = view.panes[stage_uuid(view, "Lead")].header
    assert (header.count.text(), header.total.text()) == ("2", "¥772,000 · €24,900.50")
    card = lead.item(1).data(CARD_ROLE)
    assert (card.title, card.company, card.contact) == ("华信贸易 年度采购合同", "华信贸易", "张伟")
    assert "¥772,000" in lead.item(1).toolTip() and "Expected close" in lead.item(1).toolTip()
    assert view.summary.text() == "2 open deal(s) · ¥772,000 · €24,900.50"
    assert lead.itemDelegate().sizeHint(_option(lead), lead.model().index(1, 0)).height() > 60


def _option(view):
    from PySide6.QtWidgets import QStyleOptionViewItem

    option = QStyleOptionViewItem()
    option.initFrom(view)
    return option


def test_dragging_a_card_to_another_stage_moves_the_deal(qtbot, people, open_board, monkeypatch):
    with people.writer.waiting_allowed():
        uuid = deals.add_deal(people, "LED 面板", contact_email=ZHANG, amount="772000", currency="CNY")
    view = open_board()
    source, target = column_of(view, "Lead"), column_of(view, "Proposal")
    dragged = []

    def drop_on_target(drag, *_actions):
        """What the window system does with the drag: enter, move over and drop on the target."""
        mime = drag.mimeData()
        dragged.append(bytes(mime.data("application/x-liaison-deals")))
        point = target.viewport().rect().center()
        for event in (QDragEnterEvent(point, Qt.DropAction.MoveAction, mime, Qt.MouseButton.LeftButton,
                                      Qt.KeyboardModifier.NoModifier),
                      QDragMoveEvent(point, Qt.DropAction.MoveAction, mime, Qt.MouseButton.LeftButton,
                                     Qt.KeyboardModifier.NoModifier)):
            QApplication.sendEvent(target.viewport(), event)
            assert event.isAccepted()
        drop = QDropEvent(QPointF(point), Qt.DropAction.MoveAction, mime, Qt.MouseButton.LeftButton,
                          Qt.KeyboardModifier.NoModifier)
        QApplication.sendEvent(target.viewport(), drop)
        assert drop.isAccepted()
        return drop.dropAction()

    monkeypatch.setattr(QDrag, "exec", drop_on_target)
    start = card_pos(source, uuid)
    QTest.mousePress(source.viewport(), Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, start)
    for step in range(2, 60, 6):
        QTest.mouseMove(source.viewport(), start + QPoint(step, 0))
    QTest.mouseRelease(source.viewport(), Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier,
                       start + QPoint(60, 0))
    assert dragged == [f'["{uuid}"]'.encode()]
    wait_for_card(qtbot, view, uuid, "Proposal")
    assert source.count() == 0 and target.uuids() == [uuid]
    assert view.selected_uuid() == uuid
    with people.writer.waiting_allowed():
        assert deals.deal_detail(people, uuid).status == "open"

    # Dropped on Lost: the reason is asked first; Cancel leaves the deal where it was.
    lost = column_of(view, "Lost")
    monkeypatch.setattr(QDrag, "exec", lambda drag, *_a: _drop(lost, drag.mimeData()))
    answer_lost_reason(qtbot, None)
    _drag(target, uuid)
    qtbot.wait(100)
    assert view.cards[uuid].stage_uuid == stage_uuid(view, "Proposal")
    answer_lost_reason(qtbot, "Price too high")
    _drag(target, uuid)
    wait_for_card(qtbot, view, uuid, "Lost", status="lost", lost_reason="Price too high")


def _drop(target, mime):
    point = target.viewport().rect().center()
    QApplication.sendEvent(target.viewport(), QDragEnterEvent(point, Qt.DropAction.MoveAction, mime,
                                                              Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier))
    drop = QDropEvent(QPointF(point), Qt.DropAction.MoveAction, mime, Qt.MouseButton.LeftButton,
                      Qt.KeyboardModifier.NoModifier)
    QApplication.sendEvent(target.viewport(), drop)
    return drop.dropAction()


def _drag(source, uuid: str) -> None:
    start = card_pos(source, uuid)
    QTest.mousePress(source.viewport(), Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, start)
    for step in range(2, 60, 6):
        QTest.mouseMove(source.viewport(), start + QPoint(step, 0))
    QTest.mouseRelease(source.viewport(), Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier,
                       start + QPoint(60, 0))


def test_right_click_menu_opens_moves_marks_and_deletes_with_undo(qtbot, people, open_board):
    with people.writer.waiting_allowed():
        uuid = deals.add_deal(people, "LED 面板", contact_email=ZHANG, amount="772000", currency="CNY",
                              stage="Negotiation")
    view = open_board()
    use_card_menu(qtbot, view, uuid, "Open")
    qtbot.waitUntil(lambda: uuid in view.editors and view.editors[uuid].is_loaded)
    view.editors[uuid].close()
    qtbot.waitUntil(lambda: uuid not in view.editors)

    use_card_menu(qtbot, view, uuid, "Move to Stage", "Qualified")
    wait_for_card(qtbot, view, uuid, "Qualified")
    use_card_menu(qtbot, view, uuid, "Mark Won")
    wait_for_card(qtbot, view, uuid, "Won", status="won")
    use_card_menu(qtbot, view, uuid, "Reopen")
    wait_for_card(qtbot, view, uuid, "Qualified", status="open")  # back where it was before it was won
    use_card_menu(qtbot, view, uuid, "Mark Lost…", then=lambda: answer_lost_reason(qtbot, "No budget"))
    wait_for_card(qtbot, view, uuid, "Lost", status="lost", lost_reason="No budget")

    use_card_menu(qtbot, view, uuid, "Delete")
    qtbot.waitUntil(lambda: uuid not in view.cards and view.undo_bar.isVisible())
    assert view.undo_bar.label.text() == "“LED 面板” was deleted."
    qtbot.mouseClick(view.undo_bar.undo_button, Qt.MouseButton.LeftButton)
    wait_for_card(qtbot, view, uuid, "Lost")
    assert not view.undo_bar.isVisible()

    # The keyboard: Enter opens, Delete deletes.
    column = view.columns[view.cards[uuid].stage_uuid]
    column.setFocus()
    qtbot.keyClick(column, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: uuid in view.editors)
    view.editors[uuid].close()
    qtbot.keyClick(column, Qt.Key.Key_Delete)
    qtbot.waitUntil(lambda: uuid not in view.cards)


def test_the_board_refreshes_from_change_sets_keeping_selection_and_scroll(qtbot, people, open_board):
    with people.writer.waiting_allowed():
        uuids = [deals.add_deal(people, f"Deal {n}", amount=str(1000 + n), currency="EUR") for n in range(30)]
    view = open_board()
    view.resize(900, 500)
    lead = column_of(view, "Lead")
    qtbot.waitUntil(lambda: lead.verticalScrollBar().maximum() > 0)
    lead.verticalScrollBar().setValue(lead.verticalScrollBar().maximum() // 2)
    scrolled = lead.verticalScrollBar().value()
    QTest.mouseClick(lead.viewport(), Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier,
                     card_pos(lead, uuids[10]))
    assert view.selected_uuid() == uuids[10]
    view.scroll.horizontalScrollBar().setValue(120)
    with people.writer.waiting_allowed():  # another panel changes a deal: its change set refreshes the board
        from app.ui import deal_ops

        changes = deal_ops.save_deal(people, uuids[0], {"title": "Renamed"})
    view.ops.events.publish(changes)
    wait_for_card(qtbot, view, uuids[0], "Lead", title="Renamed")
    assert view.selected_uuid() == uuids[10] and lead.current_uuid() == uuids[10]
    assert abs(lead.verticalScrollBar().value() - scrolled) < 80
    assert view.scroll.horizontalScrollBar().value() == 120


def test_show_deal_selects_and_opens_it(qtbot, people, open_board):
    view = open_board()
    with people.writer.waiting_allowed():
        uuid = deals.add_deal(people, "华信 框架协议", company="华信贸易", stage="Proposal")
        deal_id = deals.deal_detail(people, uuid).id
    assert view.show_deal(deal_id) is False  # not on the board yet: read first, then shown
    qtbot.waitUntil(lambda: view.selected_uuid() == uuid and uuid in view.editors)
    assert column_of(view, "Proposal").current_uuid() == uuid
    assert view.show_deal(deal_id) is True


# -- the editor ------------------------------------------------------------------------------------------
def test_double_click_opens_the_editor_and_every_field_saves_with_history(qtbot, people, open_board):
    with people.writer.waiting_allowed():
        uuid = deals.add_deal(people, "LED 面板", contact_email=ZHANG, amount="700000", currency="CNY")
    view = open_board()
    editor = open_editor(qtbot, view, uuid)
    assert editor.title.text() == "LED 面板" and editor.amount.text() == "700000"
    assert editor.contact.text() == "张伟 <zhang.wei@huaxin-trade.cn>" and editor.company.text() == "华信贸易"
    assert editor.amount_preview.text() == "¥700,000"

    editor.title.setText("华信贸易 年度采购合同")
    editor.stage.setCurrentIndex(editor.stage.findText("Proposal"))
    editor.amount.clear()
    qtbot.keyClicks(editor.amount, "772,000.50")
    editor.currency.lineEdit().clear()
    qtbot.keyClicks(editor.currency.lineEdit(), "usd")
    assert editor.currency.currentText() == "USD"
    editor.close_date.setDate(QDate(2026, 12, 15))
    complete(qtbot, editor.contact, "anna", "Anna Schmidt <anna@nordwind.de>")
    complete(qtbot, editor.company, "nord", "Nordwind")
    qtbot.keyClicks(editor.owner, "Li Na")
    qtbot.mouseClick(editor.save_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: uuid not in view.editors)
    wait_for_card(qtbot, view, uuid, "Proposal", title="华信贸易 年度采购合同")

    with people.writer.waiting_allowed():
        detail = deals.deal_detail(people, uuid)
    assert (detail.title, detail.amount, detail.currency, detail.expected_close, detail.contact_email,
            detail.company, detail.owner) == ("华信贸易 年度采购合同", "772000.5", "USD", "2026-12-15", ANNA,
                                              "Nordwind", "Li Na")
    newest = {c["field"]: (c["old"], c["new"]) for c in detail.history[0].changes}
    assert newest == {"title": ("LED 面板", "华信贸易 年度采购合同"), "stage_id": ("Lead", "Proposal"),
                      "amount": ("700000", "772000.5"), "currency": ("CNY", "USD"),
                      "expected_close": ("", "2026-12-15"), "contact_id": ("张伟", "Anna Schmidt"),
                      "company_id": ("华信贸易", "Nordwind"), "owner": ("", "Li Na")}

    # Opened again, the history tab shows that version, and clearing fields needs no tricks.
    editor = open_editor(qtbot, view, uuid)
    top = editor.history.topLevelItem(0)
    assert top.text(0).startswith("Version 2") and top.childCount() == 8
    assert "Value: $700,000 → $772,000.50" in [top.child(i).text(0) for i in range(top.childCount())]
    qtbot.mouseClick(editor.clear_date_button, Qt.MouseButton.LeftButton)
    editor.owner.clear()
    qtbot.mouseClick(editor.save_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: uuid not in view.editors)
    with people.writer.waiting_allowed():
        detail = deals.deal_detail(people, uuid)
    assert (detail.expected_close, detail.owner, detail.amount) == ("", "", "772000.5")


def test_editor_notes_mail_and_restoring_a_version(qtbot, people, open_board):
    from tests.support.mail_store import MailStore, mail

    with people.writer.waiting_allowed():
        uuid = deals.add_deal(people, "LED 面板", contact_email=ZHANG, amount="1000", currency="CNY")
        deals.update_deal(people, uuid, {"amount": "2000"})
        mailbox = MailStore(people)
        (message,) = mailbox.add(mail(f"张伟 <{ZHANG}>", "sales@example.com", "报价 LED", message_id="<q@x>"))
        from app.crm import linking

        linking.set_override(people, message, "deal", uuid, "link")
        deal_id = deals.deal_detail(people, uuid).id
        activities.add_note(people, "Wants samples first", deal_id=deal_id)
    view = open_board()
    editor = open_editor(qtbot, view, uuid)
    assert editor.tabs.tabText(1) == "Mail (1)"
    assert editor.mail.item(0).text().startswith("报价 LED")
    with qtbot.waitSignal(view.message_requested) as opened:
        editor.mail.itemActivated.emit(editor.mail.item(0))
    assert opened.args == [message]
    assert editor.notes.item(0).text().startswith("Wants samples first")

    editor.note_text.setPlainText("客户要求 12 月前交货")
    qtbot.mouseClick(editor.add_note_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: editor.notes.count() == 2)
    assert editor.notes.item(0).text().startswith("客户要求 12 月前交货") and editor.note_text.toPlainText() == ""

    editor.tabs.setCurrentIndex(2)
    oldest = editor.history.topLevelItem(editor.history.topLevelItemCount() - 1)
    editor.history.setCurrentItem(oldest)
    assert editor.restore_button.isEnabled()
    qtbot.mouseClick(editor.restore_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: editor.amount.text() == "1000")
    qtbot.waitUntil(lambda: editor.history.topLevelItem(0).text(0).endswith("restored"))
    wait_for_card(qtbot, view, uuid, "Lead", amount="1000")


def test_lost_in_the_editor_needs_a_reason(qtbot, people, open_board):
    with people.writer.waiting_allowed():
        uuid = deals.add_deal(people, "Hamburg", contact_email=ANNA, amount="24900", currency="EUR",
                              stage="Negotiation")
    view = open_board()
    editor = open_editor(qtbot, view, uuid)
    assert editor.won_button.isVisible() and not editor.reopen_button.isVisible()
    assert not editor.lost_reason.isVisible()
    qtbot.mouseClick(editor.lost_button, Qt.MouseButton.LeftButton)
    assert editor.stage.currentText() == "Lost" and editor.status_pill.text() == "Lost"
    assert editor.lost_reason.isVisible()
    qtbot.mouseClick(editor.save_button, Qt.MouseButton.LeftButton)
    assert editor.error.text() == "Say why the deal was lost." and editor.isVisible()
    editor.lost_reason.setCurrentIndex(editor.lost_reason.findText("Went with a competitor"))
    qtbot.mouseClick(editor.save_button, Qt.MouseButton.LeftButton)
    wait_for_card(qtbot, view, uuid, "Lost", status="lost", lost_reason="Went with a competitor")

    editor = open_editor(qtbot, view, uuid)
    assert editor.reopen_button.isVisible() and not editor.won_button.isVisible()
    assert editor.lost_reason.currentText() == "Went with a competitor"
    qtbot.mouseClick(editor.reopen_button, Qt.MouseButton.LeftButton)
    assert editor.stage.currentText() == "Negotiation" and not editor.lost_reason.isVisible()
    qtbot.mouseClick(editor.won_button, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(editor.save_button, Qt.MouseButton.LeftButton)
    wait_for_card(qtbot, view, uuid, "Won", status="won", lost_reason="")


def test_editor_refuses_bad_values_in_one_sentence(qtbot, people, open_board):
    with people.writer.waiting_allowed():
        uuid = deals.add_deal(people, "LED", amount="1000", currency="CNY")
    view = open_board()
    editor = open_editor(qtbot, view, uuid)
    cases = [
        (lambda: editor.title.clear(), "A deal needs a title."),
        (lambda: editor.amount.setText("1.2.3"), "“1.2.3” is not an amount: use digits, like 12000 or 12,000.50."),
        (lambda: editor.currency.setEditText("EU"), "“EU” is not a currency code: use three letters, like CNY, "
                                                      "USD or EUR."),
        (lambda: editor.contact.setText("nobody@example.com"), "No contact has the address nobody@example.com: "
                                                                "add the contact first."),
        (lambda: editor.contact.setText("Nobody"), "No contact is called “Nobody”: choose one from the list or "
                                                    "type an address."),
    ]
    for change, sentence in cases:
        editor.title.setText("LED")
        editor.amount.setText("1000")
        editor.currency.setEditText("CNY")
        editor.contact.clear()
        change()
        qtbot.mouseClick(editor.save_button, Qt.MouseButton.LeftButton)
        assert editor.error.text() == sentence
        assert editor.isVisible()


# -- New Deal ------------------------------------------------------------------------------------------------
def test_new_deal_completes_the_contact_and_takes_the_customers_currency(qtbot, people, open_board):
    with people.writer.waiting_allowed():
        add_company(people, "Lumen Pte Ltd", ["lumen.sg"])
    view = open_board()
    qtbot.mouseClick(view.add_button, Qt.MouseButton.LeftButton)
    dialog = next(d for d in view.findChildren(DealDialog) if d.isVisible())
    qtbot.waitUntil(lambda: dialog.is_loaded)
    assert dialog.currency.currentText() == "" and [dialog.stage.itemText(i) for i in range(6)][0] == "Lead"
    dialog.title.setText("LED 面板 2000 台")
    complete(qtbot, dialog.contact, "zhang", "张伟 <zhang.wei@huaxin-trade.cn>")
    assert dialog.company.text() == "华信贸易"  # the contact's company
    qtbot.waitUntil(lambda: dialog.currency.currentText() == "CNY")  # huaxin-trade.cn is in China
    qtbot.keyClicks(dialog.amount, "772000")
    assert dialog.amount_preview.text() == "¥772,000"
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: any(c.title == "LED 面板 2000 台" for c in view.cards.values()))
    card = next(c for c in view.cards.values() if c.title == "LED 面板 2000 台")
    assert (card.contact, card.company, card.amount, card.currency) == ("张伟", "华信贸易", "772000", "CNY")
    qtbot.waitUntil(lambda: view.selected_uuid() == card.uuid)

    # From a company: pre-filled, its country's currency (lumen.sg → SGD).
    dialog = view.new_deal(company_name="Lumen Pte Ltd")
    qtbot.waitUntil(lambda: dialog.is_loaded)
    assert dialog.company.text() == "Lumen Pte Ltd" and dialog.currency.currentText() == "SGD"
    dialog.close()
    # From a contact: pre-filled with the contact and their company.
    dialog = view.new_deal(contact_email=ANNA)
    qtbot.waitUntil(lambda: dialog.is_loaded)
    assert (dialog.contact.text(), dialog.company.text(), dialog.currency.currentText()) == (
        "Anna Schmidt <anna@nordwind.de>", "Nordwind", "EUR")
    dialog.close()
    # By local ids, as the Customers view asks (new_deal_requested("contact" | "company", id)).
    with people.writer.waiting_allowed():
        from app.crm.customers import company_by_name, contact_by_email

        with people.read() as session:
            anna_id, lumen_id = contact_by_email(session, ANNA).id, company_by_name(session, "Lumen Pte Ltd").id
    dialog = view.new_deal_for("company", lumen_id)
    qtbot.waitUntil(lambda: dialog.is_loaded)
    assert (dialog.contact.text(), dialog.company.text(), dialog.currency.currentText()) == ("", "Lumen Pte Ltd",
                                                                                             "SGD")
    dialog.close()
    dialog = view.new_deal_for("contact", anna_id)
    qtbot.waitUntil(lambda: dialog.is_loaded)
    assert (dialog.contact.text(), dialog.company.text(), dialog.currency.currentText()) == (
        "Anna Schmidt <anna@nordwind.de>", "Nordwind", "EUR")
    # A currency chosen by hand is never replaced by a suggestion.
    dialog.currency.lineEdit().clear()
    qtbot.keyClicks(dialog.currency.lineEdit(), "GBP")
    complete(qtbot, dialog.contact, "zhang", "张伟 <zhang.wei@huaxin-trade.cn>")
    qtbot.wait(100)
    assert dialog.currency.currentText() == "GBP"
    dialog.close()
    # A new company is made with the deal; with nothing known the last used currency comes.
    dialog = view.new_deal()
    qtbot.waitUntil(lambda: dialog.is_loaded)
    assert dialog.currency.currentText() == "CNY"  # used last
    qtbot.keyClicks(dialog.title, "Tender")
    qtbot.keyClicks(dialog.company, "Acme Lighting")
    assert dialog.company_hint.isVisible() and "Acme Lighting" in dialog.company_hint.text()
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: any(c.title == "Tender" for c in view.cards.values()))
    assert next(c for c in view.cards.values() if c.title == "Tender").company == "Acme Lighting"


def test_the_dialog_works_opened_by_itself(qtbot, people):
    """``DealDialog.new_for`` is what the customer panel calls: it needs no board."""
    people.writer.never_wait_on()
    ops = Ops.standalone(people)
    dialog = DealDialog.new_for(people, ops, contact_email=ZHANG)  # deletes itself when closed
    qtbot.waitUntil(lambda: dialog.is_loaded)
    assert dialog.contact.text() == "张伟 <zhang.wei@huaxin-trade.cn>" and dialog.currency.currentText() == "CNY"
    qtbot.keyClicks(dialog.title, "Samples")
    with qtbot.waitSignal(dialog.saved) as saved:
        qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    with people.writer.waiting_allowed():
        detail = deals.deal_detail(people, saved.args[0])
    assert (detail.title, detail.contact_email, detail.company, detail.amount) == ("Samples", ZHANG, "华信贸易", "")


def test_items_carry_the_deal(qtbot, people, open_board):
    with people.writer.waiting_allowed():
        uuid = deals.add_deal(people, "LED 面板", contact_email=ZHANG)
    view = open_board()
    item = column_of(view, "Lead").item(0)
    assert item.data(DEAL_ROLE) == uuid and item.text().startswith("LED 面板")


def test_deals_in_the_main_window(qtbot, open_window, people):
    """The Deals tab of the real window: it fills when shown, opens a deal, and search finds one."""
    from tests.support.mail_store import MailStore

    with people.writer.waiting_allowed():
        MailStore(people)
        uuid = deals.add_deal(people, "华信贸易 年度采购合同", contact_email=ZHANG, amount="772000", currency="CNY")
    window, _service = open_window(start=False)
    window.show()
    bar = window.sections.tabBar()
    deals_tab = next(i for i in range(bar.count()) if bar.tabText(i) == "Deals")
    qtbot.mouseClick(bar, Qt.MouseButton.LeftButton, pos=bar.tabRect(deals_tab).center())
    view = window.deals_view
    qtbot.waitUntil(lambda: uuid in view.cards)
    editor = open_editor(qtbot, view, uuid)
    assert editor.amount_preview.text().endswith("772,000")
    editor.close()


def test_long_columns_fill_as_they_scroll_and_old_closed_deals_are_counted(qtbot, people, open_board):
    from app.crm.records import RECORD_TYPES, create
    from app.store.crm_models import Deal

    with people.writer.waiting_allowed():
        deals.ensure_pipeline(people)
        lead = deals.read_stages(people)[0]

        def many(session):
            return [create(session, RECORD_TYPES["deal"], {"title": f"Deal {n}", "amount": "10", "currency": "EUR",
                                                            "stage_id": lead.id, "status": "open"}).uuid
                    for n in range(250)]
        made = people.write_with(many)
        old_win = deals.add_deal(people, "Won long ago", stage="Won")
        people.write_with(lambda s: s.query(Deal).filter(Deal.uuid == old_win).update({Deal.updated_at: 1_000_000}))
    view = open_board()
    column = column_of(view, "Lead")
    assert column.count() == 100 and len(column.uuids()) == 250
    header = view.panes[stage_uuid(view, "Lead")].header
    assert (header.count.text(), header.total.text()) == ("250", "€2,500")
    bar = column.verticalScrollBar()
    bar.setValue(bar.maximum())
    qtbot.waitUntil(lambda: column.count() == 200)
    last = column.uuids()[-1]
    assert view.show_deal(view.cards[last].id) is True  # far down: shown and selected at once
    assert column.count() == 250 and column.current_uuid() == last
    qtbot.waitUntil(lambda: last in view.editors)
    view.editors[last].close()
    won = view.panes[stage_uuid(view, "Won")].header
    assert won.count.text() == "0" and won.total.text() == "No value · 1 older"
    assert "Search finds them" in won.total.toolTip()
    assert old_win not in view.cards and made[0] in view.cards
    with people.writer.waiting_allowed():
        old_id = deals.deal_detail(people, old_win).id
    view.show_deal(old_id)  # search found it: not on the board, so only its editor opens
    qtbot.waitUntil(lambda: old_win in view.editors and view.editors[old_win].is_loaded)
    assert view.editors[old_win].title.text() == "Won long ago"


def click_every_button(qtbot, widget, last=()) -> list[str]:
    """Click every visible, enabled button of ``widget`` once (those in ``last`` are left alone)."""
    from PySide6.QtWidgets import QAbstractButton

    clicked: list[str] = []
    done: set[int] = set()
    while True:
        waiting = [b for b in widget.findChildren(QAbstractButton) if id(b) not in done and b.isVisible()
                   and b.isEnabled() and b not in last]
        if not waiting:
            return clicked
        button = waiting[0]
        done.add(id(button))
        clicked.append(button.text() or button.toolTip())
        qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
        qtbot.wait(10)


def test_every_control_of_the_board_and_its_dialogs_works(qtbot, people, open_board):
    """No click raises, warns or writes on the GUI thread (never_wait_on is set by open_board)."""
    with people.writer.waiting_allowed():
        uuid = deals.add_deal(people, "LED 面板", contact_email=ZHANG, amount="772000", currency="CNY",
                              expected_close="2026-12-15")
    view = open_board()
    qtbot.mouseClick(view.add_button, Qt.MouseButton.LeftButton)
    dialog = next(d for d in view.findChildren(DealDialog) if d.isVisible())
    qtbot.waitUntil(lambda: dialog.is_loaded)
    clicked = click_every_button(qtbot, dialog, last=(dialog.save_button, dialog.buttons.button(
        dialog.buttons.StandardButton.Cancel)))
    assert "No expected close date" in clicked
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)  # no title: says so, stays open
    assert dialog.error.text() == "A deal needs a title." and dialog.isVisible()
    qtbot.mouseClick(dialog.buttons.button(dialog.buttons.StandardButton.Cancel), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not any(d.isVisible() for d in view.findChildren(DealDialog)))

    editor = open_editor(qtbot, view, uuid)
    cancel = editor.buttons.button(editor.buttons.StandardButton.Cancel)
    for index in range(editor.tabs.count()):
        bar = editor.tabs.tabBar()
        qtbot.mouseClick(bar, Qt.MouseButton.LeftButton, pos=bar.tabRect(index).center())
        assert editor.tabs.currentIndex() == index
    clicked = click_every_button(qtbot, editor, last=(editor.save_button, cancel))
    assert {"Won", "Reopen", "Lost"} <= set(clicked)
    editor.lost_reason.setEditText("Timing")
    qtbot.mouseClick(editor.save_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: uuid not in view.editors)
    wait_for_card(qtbot, view, uuid, "Lost", status="lost", lost_reason="Timing", expected_close="")

    use_card_menu(qtbot, view, uuid, "Delete")
    qtbot.waitUntil(view.undo_bar.isVisible)
    assert click_every_button(qtbot, view.undo_bar, last=(view.undo_bar.undo_button,)) == ["Dismiss"]
    assert not view.undo_bar.isVisible()


def test_a_new_deal_is_selected_even_when_a_board_read_from_before_it_arrives_first(
        qtbot, people, open_board, monkeypatch):
    """A board read that started before the deal was saved answers after it: the new card is
    selected by the next read, not forgotten."""
    import time as clock

    from app.ui import deal_ops

    view = open_board()
    real_read_board = deal_ops.read_board
    slow = {"on": True}

    def read_then_wait(*args, **kwargs):
        board = real_read_board(*args, **kwargs)
        if slow.pop("on", False):
            clock.sleep(0.5)  # read before the save, answered after it
        return board
    monkeypatch.setattr(deal_ops, "read_board", read_then_wait)
    qtbot.mouseClick(view.add_button, Qt.MouseButton.LeftButton)
    dialog = next(d for d in view.findChildren(DealDialog) if d.isVisible())
    qtbot.waitUntil(lambda: dialog.is_loaded)
    dialog.title.setText("Early read")
    view.reload()  # as a change set from another write would
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: any(c.title == "Early read" for c in view.cards.values()))
    card = next(c for c in view.cards.values() if c.title == "Early read")
    qtbot.waitUntil(lambda: view.selected_uuid() == card.uuid)
