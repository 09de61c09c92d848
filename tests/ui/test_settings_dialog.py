"""The Settings window, driven by its controls: every page, every type of setting, OK/Apply/Cancel,
the sync schedule, pipeline stages, trusted senders, forgetting searches and rebuilding the index."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog

from app.crm.deals import add_deal, pipeline_stages
from app.search import mail_index, recent
from app.services.events import ACCOUNTS, RECORDS, SETTINGS
from app.settings import get, machine, schema
from app.store.accounts import NewAccount, create_account, get_account, set_sync_mode
from app.store.raw_sql import fetch_all
from app.store.remote_content import allow_sender, sender_allowed
from app.ui.ops import Ops
from app.ui.settings_dialog import SettingsDialog
from tests.support.mail_store import MailStore, mail


@pytest.fixture(autouse=True)
def machine_file(tmp_path):
    machine.use_file(tmp_path / "config" / "settings.json")
    yield
    machine.use_file(None)


@pytest.fixture
def sales(store):
    return create_account(store, NewAccount(
        name="销售部", email="sales@huaxin-trade.cn", display_name="王芳", imap_host="imap.example.com",
        imap_port=993, imap_security="ssl", smtp_host="smtp.example.com", smtp_port=465, smtp_security="ssl"))


@pytest.fixture
def open_dialog(qtbot, store):
    """``open_dialog(sync_service=None)`` → the dialog, shown with ``open()`` and filled; the GUI
    thread may not wait on a write from then on."""
    made = []

    def open_(sync_service=None) -> SettingsDialog:
        store.writer.never_wait_on()
        ops = Ops.standalone(store)
        made.append(ops)
        dialog = SettingsDialog(store, ops, sync_service)
        qtbot.addWidget(dialog)
        with qtbot.waitSignal(dialog.loaded, timeout=10000):
            dialog.open()
        return dialog

    yield open_
    for ops in made:
        ops.shutdown()


def click(qtbot, widget) -> None:
    assert widget.isEnabled() and widget.isVisible(), widget
    qtbot.mouseClick(widget, Qt.MouseButton.LeftButton)


def click_item(qtbot, view, item) -> None:
    view.scrollToItem(item)
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=view.visualItemRect(item).center())


def show_page(qtbot, dialog, row: int) -> None:
    click_item(qtbot, dialog.page_list, dialog.page_list.item(row))
    assert dialog.stack.currentIndex() == row


def retype(qtbot, field, text: str) -> None:
    """Replace a line edit's text as a user would (QTest types ASCII only; others are inserted)."""
    field.setFocus()
    qtbot.keyClick(field, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(field, Qt.Key.Key_Delete)
    if text.isascii():
        qtbot.keyClicks(field, text)
    else:
        for character in text:
            field.insert(character)
            field.textEdited.emit(field.text())


def list_texts(list_widget) -> list[str]:
    return [list_widget.item(i).text() for i in range(list_widget.count())]


def test_every_page_and_every_type_is_edited_with_its_widgets_and_stored_on_ok(qtbot, store, sales, open_dialog,
                                                                                monkeypatch):
    # One whole number setting, the only type no real setting uses yet: the same path as the others.
    lines = schema.Setting("test_preview_lines", schema.INT, 2, "Preview lines", "Lines of each message shown.",
                           schema.PROFILE, schema.SEARCH, minimum=1, maximum=4)
    monkeypatch.setattr(schema, "SCHEMA", schema.SCHEMA + (lines,))
    allow_sender(store, "zhang.wei@huaxin-trade.cn")
    allow_sender(store, "news@example.com")
    dialog = open_dialog()
    published = []
    dialog.ops.events.changed.connect(published.append)
    fields = dialog.fields

    show_page(qtbot, dialog, 0)  # Accounts: text, Markdown, choice
    assert dialog.account_picker.currentText() == "销售部"
    assert fields["display_name"].value() == "王芳"
    retype(qtbot, fields["display_name"].editor, "王芳 Wang Fang")
    signature = fields["signature"].editor
    signature.setFocus()
    qtbot.keyClicks(signature, "Wang Fang")
    qtbot.keyClick(signature, Qt.Key.Key_Return)
    qtbot.keyClicks(signature, "**Huaxin**")
    fields["sync_mode"].editor.setFocus()
    qtbot.keyClick(fields["sync_mode"].editor, Qt.Key.Key_End)
    assert fields["sync_mode"].value() == "manual"

    show_page(qtbot, dialog, 1)  # Reading: a choice kept in the machine file, a list of trusted senders
    fields["remote_content"].editor.setFocus()
    qtbot.keyClick(fields["remote_content"].editor, Qt.Key.Key_Down)
    senders = fields["trusted_senders"].editor
    assert list_texts(senders.items) == ["news@example.com", "zhang.wei@huaxin-trade.cn"]
    click_item(qtbot, senders.items, senders.items.item(0))
    click(qtbot, senders.remove_button)
    assert list_texts(senders.items) == ["zhang.wei@huaxin-trade.cn"]

    show_page(qtbot, dialog, 2)  # Customers: lists of domains, a country code
    free = fields["free_mail_domains"].editor
    retype(qtbot, free.new_item, "Example-Free.CN")
    click(qtbot, free.add_button)
    click_item(qtbot, free.items, free.items.findItems("qq.com", Qt.MatchFlag.MatchExactly)[0])
    click(qtbot, free.remove_button)
    internal = fields["internal_domains"].editor
    retype(qtbot, internal.new_item, "huaxin-trade.cn")
    qtbot.keyClick(internal.new_item, Qt.Key.Key_Return)  # Enter adds; it does not press OK
    assert dialog.isVisible() and list_texts(internal.items) == ["huaxin-trade.cn"]
    retype(qtbot, fields["default_country"].editor, "de")

    show_page(qtbot, dialog, 3)  # Search: a switch and a number
    click(qtbot, fields["remember_searches"].editor)
    fields["test_preview_lines"].editor.setFocus()
    qtbot.keyClick(fields["test_preview_lines"].editor, Qt.Key.Key_Up)
    assert dialog.apply_button.isEnabled()

    click(qtbot, dialog.ok_button)
    qtbot.waitUntil(lambda: dialog.result() == QDialog.DialogCode.Accepted and not dialog.isVisible(), timeout=10000)
    saved = get_account(store, "销售部")
    assert (saved.display_name, saved.signature, saved.sync_mode) == ("王芳 Wang Fang", "Wang Fang\n**Huaxin**", "manual")
    assert get(store, "remote_content") == "always"
    assert not sender_allowed(store, "news@example.com") and sender_allowed(store, "zhang.wei@huaxin-trade.cn")
    free_mail = get(store, "free_mail_domains")
    assert "example-free.cn" in free_mail and "qq.com" not in free_mail and "vip.qq.com" in free_mail
    assert get(store, "internal_domains") == ["huaxin-trade.cn"]
    assert get(store, "default_country") == "DE"
    assert get(store, "remember_searches") is False
    assert get(store, "test_preview_lines") == 3
    qtbot.waitUntil(lambda: bool(published), timeout=5000)
    assert published[0].touches(SETTINGS) and published[0].touches(ACCOUNTS) and saved.id in published[0].accounts


def test_a_bad_value_is_refused_next_to_its_field_and_nothing_is_written(qtbot, store, sales, open_dialog):
    dialog = open_dialog()
    fields = dialog.fields
    show_page(qtbot, dialog, 2)
    free = fields["free_mail_domains"].editor
    before = list_texts(free.items)
    retype(qtbot, free.new_item, "not a domain")
    click(qtbot, free.add_button)
    assert fields["free_mail_domains"].error.isVisible()
    assert fields["free_mail_domains"].error.text() == "'not a domain' is not a domain name (for example example.com)."
    assert list_texts(free.items) == before
    retype(qtbot, fields["default_currency"].editor, "EUR")
    retype(qtbot, fields["default_country"].editor, "XX")
    show_page(qtbot, dialog, 0)
    retype(qtbot, fields["display_name"].editor, "Wang")
    click(qtbot, dialog.apply_button)
    assert dialog.stack.currentIndex() == 2  # taken to the field
    assert fields["default_country"].error.text() == "'XX' is not a country code (two letters, e.g. CN, DE, SG)."
    qtbot.wait(100)
    assert dialog.isVisible() and get(store, "default_currency") == "CNY"
    assert get_account(store, "销售部").display_name == "王芳"
    retype(qtbot, fields["default_country"].editor, "SG")
    assert not fields["default_country"].error.isVisible()
    with qtbot.waitSignal(dialog.applied, timeout=10000):
        click(qtbot, dialog.apply_button)
    assert (get(store, "default_country"), get(store, "default_currency")) == ("SG", "EUR")
    assert get_account(store, "销售部").display_name == "Wang"
    qtbot.waitUntil(lambda: not dialog.apply_button.isEnabled() and dialog._snapshot.entries[
        ("default_country", None)].value == "SG", timeout=5000)


def test_cancel_discards_the_edits(qtbot, store, sales, open_dialog):
    dialog = open_dialog()
    retype(qtbot, dialog.fields["display_name"].editor, "Someone Else")
    show_page(qtbot, dialog, 3)
    click(qtbot, dialog.fields["remember_searches"].editor)
    click(qtbot, dialog.cancel_button)
    assert dialog.result() == QDialog.DialogCode.Rejected
    qtbot.wait(100)
    assert get_account(store, "销售部").display_name == "王芳" and get(store, "remember_searches") is True


def test_each_account_keeps_its_own_edits(qtbot, store, sales, open_dialog):
    create_account(store, NewAccount(
        name="support", email="support@example.com", imap_host="imap.example.com", imap_port=993,
        imap_security="ssl", smtp_host="smtp.example.com", smtp_port=465, smtp_security="ssl"))
    dialog = open_dialog()
    picker = dialog.account_picker
    assert [picker.itemText(i) for i in range(picker.count())] == ["support", "销售部"]
    picker.setFocus()
    qtbot.keyClick(picker, Qt.Key.Key_Home)
    assert dialog.account_address.text() == "support@example.com"
    retype(qtbot, dialog.fields["display_name"].editor, "Support Team")
    qtbot.keyClick(picker, Qt.Key.Key_End)
    assert dialog.fields["display_name"].value() == "王芳"
    retype(qtbot, dialog.fields["display_name"].editor, "王芳 (销售)")
    click(qtbot, dialog.ok_button)
    qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=10000)
    assert get_account(store, "support").display_name == "Support Team"
    assert get_account(store, "销售部").display_name == "王芳 (销售)"


@pytest.mark.integration
def test_a_changed_schedule_is_applied_to_the_sync_at_once(qtbot, store, account, open_dialog):
    from app.ui.sync_service import SyncService

    set_sync_mode(store, account.id, "manual")
    service = SyncService(store, use_idle=True)
    try:
        dialog = open_dialog(service)
        schedule = dialog.fields["sync_mode"].editor
        schedule.setFocus()
        qtbot.keyClick(schedule, Qt.Key.Key_Home)
        assert dialog.fields["sync_mode"].value() == "push"
        click(qtbot, dialog.apply_button)
        qtbot.waitUntil(lambda: account.id in service._watchers, timeout=10000)  # IDLE started
        assert get_account(store, "work").sync_mode == "push"
        qtbot.waitUntil(lambda: dialog.apply_button.isVisible() and not dialog.apply_button.isEnabled()
                        and dialog.ok_button.isEnabled(), timeout=5000)
        qtbot.keyClick(schedule, Qt.Key.Key_End)
        click(qtbot, dialog.ok_button)
        qtbot.waitUntil(lambda: account.id not in service._watchers, timeout=10000)  # IDLE stopped
        assert get_account(store, "work").sync_mode == "manual"
    finally:
        service.stop()


def test_pipeline_stages_are_added_renamed_reordered_and_refused_when_wrong(qtbot, store, open_dialog):
    add_deal(store, "年度采购合同", stage="Qualified")
    dialog = open_dialog()
    published = []
    dialog.ops.events.changed.connect(published.append)
    show_page(qtbot, dialog, 2)
    stages = dialog.stages
    tree = stages.tree
    assert [tree.topLevelItem(i).text(0) for i in range(tree.topLevelItemCount())] == [
        "Lead", "Qualified", "Proposal", "Negotiation", "Won", "Lost"]

    click(qtbot, stages.add_button)  # no name
    assert stages.error.text() == "A stage needs a name."
    stages.new_name.setFocus()
    for character in "谈判":
        stages.new_name.insert(character)
    click(qtbot, stages.add_button)
    assert not stages.error.isVisible() and tree.currentItem().text(0) == "谈判"
    for _ in range(3):
        click(qtbot, stages.up_button)
    assert tree.indexOfTopLevelItem(tree.currentItem()) == 3

    click_item(qtbot, tree, tree.topLevelItem(0))
    retype(qtbot, stages.name_edit, "谈判")
    qtbot.keyClick(stages.name_edit, Qt.Key.Key_Return)
    assert stages.error.text() == "There is already a stage called '谈判'."
    retype(qtbot, stages.name_edit, "线索")
    qtbot.keyClick(stages.name_edit, Qt.Key.Key_Return)
    assert tree.topLevelItem(0).text(0) == "线索"

    click_item(qtbot, tree, tree.topLevelItem(1))  # Qualified holds a deal
    click(qtbot, stages.remove_button)
    assert stages.error.text() == "Stage “Qualified” still holds 1 deal(s): move them to another stage first."
    click_item(qtbot, tree, tree.topLevelItem(2))  # Proposal is empty
    click(qtbot, stages.remove_button)
    click_item(qtbot, tree, tree.topLevelItem(3))  # Negotiation closes as won
    stages.outcome.setFocus()
    qtbot.keyClick(stages.outcome, Qt.Key.Key_Down)
    assert tree.topLevelItem(3).text(1) == "Won"

    with qtbot.waitSignal(dialog.applied, timeout=10000):
        click(qtbot, dialog.apply_button)
    with store.writer.waiting_allowed():
        assert [(s.name, s.outcome) for s in pipeline_stages(store)] == [
            ("线索", "open"), ("Qualified", "open"), ("谈判", "open"), ("Negotiation", "won"), ("Won", "won"),
            ("Lost", "lost")]
    qtbot.waitUntil(lambda: any(c.touches(RECORDS) for c in published), timeout=5000)
    # After Apply the dialog shows the stored stages (the new one has its id): applying again adds nothing.
    qtbot.waitUntil(lambda: stages.plan() and all(s.uuid for s in stages.plan()), timeout=5000)
    assert not dialog.apply_button.isEnabled()


def test_forget_recent_searches_and_rebuild_the_index_with_progress(qtbot, store, open_dialog, monkeypatch):
    box = MailStore(store)
    box.add(*(mail("张伟 <zhang.wei@huaxin-trade.cn>", "Me <sales@example.com>", f"采购合同 第{n}版", day=1 + n % 27,
                   message_id=f"<c{n}@x>") for n in range(40)))
    recent.remember(store, "合同")
    monkeypatch.setattr(mail_index, "BATCH", 10)
    dialog = open_dialog()
    show_page(qtbot, dialog, 3)

    click(qtbot, dialog.forget_button)
    qtbot.waitUntil(lambda: dialog.search_status.text() == "Recent searches forgotten.", timeout=5000)
    assert recent.recent(store) == []

    moves = []
    dialog._progress.moved.connect(lambda done, total: moves.append((done, total)))
    with qtbot.waitSignal(dialog.rebuild_finished, timeout=30000) as finished:
        click(qtbot, dialog.rebuild_button)
        assert dialog.progress.isVisible() and dialog.stop_button.isVisible()
    assert finished.args == [40]
    assert moves[-1] == (40, 40) and len(moves) == 4
    assert dialog.search_status.text() == "The search index was rebuilt: 40 message(s)."
    assert not dialog.progress.isVisible() and dialog.rebuild_button.isEnabled()
    assert fetch_all(store, "SELECT count(*) FROM mail_fts")[0][0] == 40


def test_a_rebuild_can_be_stopped(qtbot, store, open_dialog, monkeypatch):
    import time

    box = MailStore(store)
    box.add(*(mail("Anna <anna@example.de>", "Me <sales@example.com>", f"Offer {n}", day=1 + n % 27,
                   message_id=f"<o{n}@x>") for n in range(40)))
    monkeypatch.setattr(mail_index, "BATCH", 5)
    real_write = mail_index._write
    monkeypatch.setattr(mail_index, "_write", lambda *a: (time.sleep(0.05), real_write(*a))[1])
    dialog = open_dialog()
    show_page(qtbot, dialog, 3)
    dialog._progress.moved.connect(lambda done, total: dialog.stop_button.isEnabled() and click(qtbot, dialog.stop_button))
    with qtbot.waitSignal(dialog.rebuild_finished, timeout=30000) as finished:
        click(qtbot, dialog.rebuild_button)
    assert finished.args[0] < 40
    assert dialog.search_status.text().startswith("Stopped.")
    assert fetch_all(store, "SELECT count(*) FROM mail_fts_pending")[0][0] == 40 - finished.args[0]
