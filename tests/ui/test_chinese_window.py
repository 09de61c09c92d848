"""The window in Simplified Chinese: our words, Qt's own buttons, errors, dates and the setting
that chooses the language (pytest-qt, offscreen)."""

from __future__ import annotations

import time

import pytest
from PySide6.QtCore import QLocale, Qt
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QMessageBox, QToolBar

from app.errors import UserFacingError
from app.settings import get, machine
from app.store.accounts import NewAccount, create_account
from app.ui.error_presenter import error_text
from app.ui.folder_tree import folder_label
from app.ui.list_dates import list_date
from app.ui.ops import Ops
from app.ui.plurals import install_english_plurals
from app.ui.record_parts import task_title
from app.ui.settings_dialog import SettingsDialog
from app.ui.stage_names import stage_name
from app.ui.translations import CHINESE, install_translations, remove_translations


@pytest.fixture
def chinese(qapp):
    """Qt's and Liaison's Chinese translators, as run_gui installs them; removed afterwards,
    the English plurals too when this installed them (later tests see what they saw before)."""
    from app.ui import plurals

    had_plurals = plurals._installed is not None
    install_english_plurals(qapp)
    installed = install_translations(qapp, CHINESE)
    assert len(installed) == 2, "Qt's qtbase_zh_CN.qm or Liaison's liaison_zh_CN.qm did not load"
    yield
    remove_translations(installed)
    if not had_plurals:
        plurals.remove_english_plurals()


def test_the_main_window_speaks_chinese(qtbot, store, open_window, chinese):
    create_account(store, NewAccount(name="工作", email="sales@huaxin-trade.cn", imap_host="imap.example.com",
                                     imap_port=993, imap_security="ssl", smtp_host="smtp.example.com",
                                     smtp_port=465, smtp_security="ssl"))
    window, _service = open_window(start=False)
    window.show()
    menus = [action.text() for action in window.menuBar().actions()]
    assert menus[:5] == ["邮箱(&M)", "邮件(&S)", "查看(&V)", "跳转(&G)", "帮助(&H)"]
    tabs = [window.sections.tabText(i) for i in range(window.sections.count())]
    assert tabs[:6] == ["邮件", "客户", "商机", "工单", "报表", "规则"]
    toolbar = window.findChildren(QToolBar)[0]
    buttons = [toolbar.widgetForAction(action).text() for action in toolbar.actions() if not action.isSeparator()]
    assert buttons[:3] == ["写邮件", "回复", "全部回复"]  # no "(R)" left of the menu's "回复(&R)"
    assert (folder_label("INBOX", "inbox"), folder_label("Sent Messages", "sent"), folder_label("Sent"),
            folder_label("Projects")) == ("收件箱", "已发送", "已发送", "Projects")
    assert stage_name("Negotiation") == "商务谈判" and stage_name("Samples sent") == "Samples sent"
    assert task_title("No reply yet: 询价：LED 面板") == "尚未回复：询价：LED 面板"  # made in the background
    assert task_title("Send the contract") == "Send the contract"  # as the user wrote it


def test_qt_own_buttons_are_chinese(qtbot, chinese):
    box = QMessageBox(QMessageBox.Icon.Question, "Liaison", "?",
                      QMessageBox.StandardButton.Ok | QMessageBox.StandardButton.Cancel)
    qtbot.addWidget(box)
    assert box.button(QMessageBox.StandardButton.Cancel).text() == "取消"
    buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
    qtbot.addWidget(buttons)
    assert [buttons.button(b).text() for b in (QDialogButtonBox.StandardButton.Ok,
                                                QDialogButtonBox.StandardButton.Cancel)] == ["确定", "取消"]


def test_errors_plurals_and_dates_follow_the_language(chinese):
    assert error_text(UserFacingError("No template called {name}.", name="报价跟进")) == "没有名为 报价跟进 的模板。"
    stored = UserFacingError("'{value}' is not a phone number", value="12ab").to_json()
    assert error_text(stored) == "“12ab”不是电话号码"
    # The automation core's templates: a rule's problem (its second argument), a run-log note.
    from app.automation.actions import Skipped, _note
    from app.automation.rule_format import InvalidRule

    assert error_text(InvalidRule("VIP", "another rule has this name")) == "规则“VIP”：已有同名规则。"
    assert error_text(Skipped("the event has no sender").phrase) == "该事件没有发件人"
    assert error_text(_note("tagged {tag}", tag="VIP")) == "已加标签 VIP"
    from app.ui.rule_sentences import describe

    assert describe({"when": {"event": "no_reply", "after": "2d"}, "then": [{"action": "create_case"}]}) == (
        "当客户邮件超过 2 天未回复时，创建工单，优先级普通，指派给我。")
    from PySide6.QtCore import QCoreApplication

    assert QCoreApplication.translate("CustomersView", "%n contact(s)", "", 3) == "3 个联系人"
    assert QLocale().language() == QLocale.Language.Chinese
    yesterday = time.time() - 86400
    assert list_date(yesterday) == "昨天"
    assert list_date(time.mktime((2020, 3, 9, 12, 0, 0, 0, 0, -1))) == QLocale().toString(
        QLocale().toDate("2020-03-09", "yyyy-MM-dd"), QLocale.FormatType.ShortFormat)


def test_the_language_is_a_setting_of_the_general_page_saved_for_the_next_start(qtbot, store, tmp_path):
    machine.use_file(tmp_path / "config" / "settings.json")
    store.writer.never_wait_on()
    ops = Ops.standalone(store)
    try:
        dialog = SettingsDialog(store, ops)
        qtbot.addWidget(dialog)
        with qtbot.waitSignal(dialog.loaded, timeout=10000):
            dialog.open()
        row = dialog.page_list.count() - 1
        item = dialog.page_list.item(row)
        assert item.text() == "General"
        qtbot.mouseClick(dialog.page_list.viewport(), Qt.MouseButton.LeftButton,
                         pos=dialog.page_list.visualItemRect(item).center())
        field = dialog.fields["language"]
        assert field.isVisible() and "next time Liaison starts" in field.help.text()
        field.editor.setFocus()
        qtbot.keyClick(field.editor, Qt.Key.Key_End)  # the last choice: 简体中文
        assert field.editor.currentText() == "简体中文"
        qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: dialog.result() == QDialog.DialogCode.Accepted, timeout=10000)
        assert get(None, "language") == CHINESE
    finally:
        ops.shutdown()
        machine.use_file(None)
