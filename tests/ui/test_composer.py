"""The composer against a real SMTP server and Dovecot, driven through its controls (pytest-qt).

Every control is used the way a person uses it: toolbar buttons clicked, shortcuts typed,
dialogs answered by the test.  The GUI thread is declared never to wait on a write before
each window-level test, so a composer that saved or queued on the GUI thread fails.
"""

from __future__ import annotations

import email
from email.policy import default

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox, QInputDialog, QMessageBox, QToolButton

from app.mail.sending.drafts import inline_cid, list_drafts
from app.store.accounts import NewAccount, create_account, list_accounts, mark_sample
from app.secrets import SecretStore
from tests.integration.conftest import PASSWORD
from tests.ui.dialogs import answer_modal, back_to, click_box_button, click_message_box, type_text
from tests.ui.waiting import wait_for

pytestmark = pytest.mark.integration

PNG = (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00\x1f\x15\xc4\x89"
       b"\x00\x00\x00\rIDATx\x9cc\xf8\xcf\xc0\xf0\x1f\x00\x05\x00\x01\xff\x89\x99=\x1d\x00\x00\x00\x00IEND\xaeB`\x82")


# -- helpers --------------------------------------------------------------------------------------
def tool_button(toolbar, action) -> QToolButton:
    return toolbar.widgetForAction(action)


def click(qtbot, toolbar, action) -> None:
    qtbot.mouseClick(tool_button(toolbar, action), Qt.MouseButton.LeftButton)


def select(editor, start: int, end: int) -> None:
    cursor = editor.textCursor()
    cursor.setPosition(start)
    cursor.setPosition(end, cursor.MoveMode.KeepAnchor)
    editor.setTextCursor(cursor)


def select_text(editor, text: str) -> None:
    start = editor.toPlainText().index(text)
    select(editor, start, start + len(text))


def settled(window, service, qtbot) -> None:
    """Deliveries and uploads have finished (nothing reaches the window after the test)."""
    lanes = service.services.lanes
    for account in list_accounts(window.store):
        qtbot.waitUntil(lambda a=account.id: not lanes.busy(a, "smtp") and not lanes.busy(a, "imap"),
                        timeout=20_000)
    qtbot.wait(100)  # their events, queued to the GUI thread


def _quietly(composer) -> None:
    """Before a test's end closes it: nothing left to ask about (nobody would answer)."""
    composer._kept_state = composer._saved_state = composer._state()
    composer._autosave.stop()


def own(qtbot, composer):
    """Let the test's end close ``composer`` without its Keep this draft? question."""
    qtbot.addWidget(composer, before_close_func=_quietly)
    return composer


def received(smtp, index: int = 0):
    return email.message_from_bytes(smtp.received[index].content, policy=default)


# -- fixtures -------------------------------------------------------------------------------------
@pytest.fixture
def sending_window(open_window, store, dovecot, smtp):
    account = create_account(store, NewAccount(
        name="work", email="sales@example.com", display_name="李雷", username="sales", imap_host="localhost",
        imap_port=dovecot.ssl_port, imap_security="ssl", smtp_host="localhost", smtp_port=smtp.port,
        smtp_security="starttls", ca_file=str(dovecot.ca_file)))
    SecretStore().set_password(account.uuid, PASSWORD)
    window, service = open_window(start=True)
    return window, service


@pytest.fixture
def composer_alone(qtbot, store):
    """A composer on its own (no window, no services): formatting and the local draft only."""
    from app.ui.composer import Composer

    create_account(store, NewAccount(
        name="work", email="sales@example.com", display_name="李雷", imap_host="imap.invalid", imap_port=993,
        imap_security="ssl", smtp_host="smtp.invalid", smtp_port=465, smtp_security="ssl"))
    composer = Composer(store)
    own(qtbot, composer)
    composer.show()
    yield composer
    composer._autosave.stop()


def synced(window, service, qtbot):
    """The first sync has run: the account's folders (Drafts among them) are known."""
    from app.store.accounts import account_folders

    service.sync_all()
    account = list_accounts(window.store)[0]
    qtbot.waitUntil(lambda: any(f.role == "drafts" for f in account_folders(window.store, account.id)),
                    timeout=20_000)


# -- sending --------------------------------------------------------------------------------------
def test_compose_attach_and_send_by_clicking_send(qtbot, sending_window, smtp, tmp_path):
    window, _service = sending_window
    window.store.writer.never_wait_on()  # from here on the GUI thread must not wait on a write
    composer = window.compose()
    own(qtbot, composer)
    composer.to.setText("张伟 <zhang.wei@huaxin-trade.cn>")
    composer.subject.setText("报价单")
    composer.editor.setPlainText("张经理您好：\n\n| 型号 | 单价 |\n|---|---|\n| A | ¥386 |")
    qtbot.waitUntil(lambda: "¥386" in composer.preview.toPlainText())
    assert composer.preview.document().toHtml().count("<td") >= 2  # the table is rendered in the preview
    attachment = tmp_path / "报价单.pdf"
    attachment.write_bytes(b"%PDF-1.4")
    composer.add_attachment(attachment)
    assert composer.attachments.count() == 1 and composer.attachments.isVisible()
    qtbot.mouseClick(composer.send_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: len(smtp.received) == 1, timeout=20_000)
    message = received(smtp)
    assert str(message["Subject"]) == "报价单" and message["From"].addresses[0].display_name == "李雷"
    assert next(message.iter_attachments()).get_filename() == "报价单.pdf"
    assert composer.isHidden() and list_drafts(window.store) == []
    settled(window, _service, qtbot)


def test_the_gui_thread_never_writes_while_typing_autosaving_and_sending(qtbot, sending_window, smtp, monkeypatch):
    import app.ui.composer as composer_module

    monkeypatch.setattr(composer_module, "AUTOSAVE_MS", 150)
    window, _service = sending_window
    window.store.writer.never_wait_on()
    composer = window.compose()
    own(qtbot, composer)
    composer.to.setFocus()
    qtbot.keyClicks(composer.to, "anna@nordwind.de")
    type_text(composer.subject, "报价 Angebot")
    composer.editor.setFocus()
    type_text(composer.editor, "您好，张经理：\nHere is the offer.")
    qtbot.waitUntil(lambda: [d.subject for d in list_drafts(window.store)] == ["报价 Angebot"], timeout=5000)
    # The draft is in the store as the writer commits it; the composer says so when the op's
    # answer reaches the GUI thread, an event later.
    qtbot.waitUntil(lambda: "Draft saved" in composer.status.text(), timeout=5000)
    type_text(composer.editor, " More.")
    qtbot.waitUntil(lambda: list_drafts(window.store)[0].body.endswith("More."), timeout=5000)
    qtbot.keyClick(composer.editor, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)  # Ctrl+Enter sends
    qtbot.waitUntil(lambda: len(smtp.received) == 1, timeout=20_000)
    assert "您好，张经理：\r\nHere is the offer. More." in received(smtp).get_body(("plain",)).get_content()
    qtbot.waitUntil(lambda: list_drafts(window.store) == [])
    settled(window, _service, qtbot)


def test_a_message_without_recipient_is_not_queued(qtbot, composer_alone):
    composer = composer_alone
    composer.subject.setText("no one")
    qtbot.keyClick(composer.editor, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert composer.isVisible() and composer.status.text() == "Add a recipient first."
    assert composer.to.hasFocus()


# -- drafts on the server -------------------------------------------------------------------------
def drafts_on_server(imap) -> list[bytes]:
    """The drafts on the server now.  One FETCH for all: the app replaces its draft while the
    test looks, and a draft expunged between SEARCH and FETCH is simply no longer there."""
    imap.select_folder("Drafts")
    uids = imap.search(["NOT", "DELETED"])
    fetched = imap.fetch(uids, ["BODY[]", "FLAGS"]) if uids else {}
    return [fetched[uid][b"BODY[]"] for uid in sorted(fetched) if b"\\Deleted" not in fetched[uid][b"FLAGS"]]


def test_drafts_reach_the_server_once_and_go_when_sent(qtbot, sending_window, imap, smtp, monkeypatch):
    import app.ui.composer as composer_module

    window, service = sending_window
    synced(window, service, qtbot)
    window.store.writer.never_wait_on()
    composer = window.compose()
    own(qtbot, composer)
    composer.to.setText("anna@nordwind.de")
    composer.subject.setText("草稿 draft")
    composer.editor.setPlainText("first version")
    with qtbot.waitSignal(composer.draft_uploaded, timeout=20_000):
        qtbot.mouseClick(composer.top_bar.widgetForAction(composer.save_action), Qt.MouseButton.LeftButton)
    assert "server's Drafts" in composer.status.text()
    monkeypatch.setattr(composer_module, "SERVER_DRAFT_EVERY_S", 0)  # as if 30 s had passed
    composer.editor.setPlainText("second version")
    with qtbot.waitSignal(composer.draft_uploaded, timeout=20_000):
        composer._autosave.timeout.emit()  # the autosave timer's tick
    (copy,) = drafts_on_server(imap)
    assert b"second version" in copy
    qtbot.mouseClick(composer.send_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: len(smtp.received) == 1, timeout=20_000)
    qtbot.waitUntil(lambda: drafts_on_server(imap) == [], timeout=20_000)
    settled(window, service, qtbot)


def test_a_failed_upload_is_told_in_one_sentence_and_retried_at_the_next_autosave(qtbot, sending_window, imap,
                                                                                  monkeypatch):
    import app.ui.composer as composer_module
    from app.errors import NetworkError

    window, service = sending_window
    synced(window, service, qtbot)
    window.store.writer.never_wait_on()
    real_upload = composer_module.upload_draft
    attempts = []

    def flaky(store, account, credential, draft_uuid):
        attempts.append(draft_uuid)
        if len(attempts) == 1:
            raise NetworkError("localhost cannot be reached.")
        return real_upload(store, account, credential, draft_uuid)
    monkeypatch.setattr(composer_module, "upload_draft", flaky)
    composer = window.compose()
    own(qtbot, composer)
    composer.to.setText("anna@nordwind.de")
    composer.editor.setPlainText("kept here")
    qtbot.mouseClick(composer.top_bar.widgetForAction(composer.save_action), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "could not be reached" in composer.status.text(), timeout=20_000)
    assert composer.status.text().count(".") == 2  # one sentence and "Trying again shortly."
    assert len(list_drafts(window.store)) == 1  # the local copy is safe
    with qtbot.waitSignal(composer.draft_uploaded, timeout=20_000):
        composer._autosave.timeout.emit()  # the next autosave, nothing typed meanwhile
    assert len(attempts) == 2 and b"kept here" in drafts_on_server(imap)[0]
    assert "server's Drafts" in composer.status.text()


# -- keys and closing -----------------------------------------------------------------------------
def test_escape_asks_to_keep_a_changed_draft_and_cancel_keeps_the_window(qtbot, composer_alone):
    composer = composer_alone
    composer.editor.setFocus()
    qtbot.keyClicks(composer.editor, "half written")
    seen = click_message_box(qtbot, QMessageBox.StandardButton.Cancel)
    qtbot.keyClick(composer.editor, Qt.Key.Key_Escape)
    assert seen == ["Keep this draft?"] and composer.isVisible()
    seen = click_message_box(qtbot, QMessageBox.StandardButton.Save)
    back_to(qtbot, composer)
    qtbot.keyClick(composer.editor, Qt.Key.Key_W, Qt.KeyboardModifier.ControlModifier)
    assert seen == ["Keep this draft?"] and composer.isHidden()
    wait_for(lambda: [d.body for d in list_drafts(composer.store)] == ["half written"])


def test_closing_without_changes_asks_nothing(qtbot, composer_alone):
    composer = composer_alone
    qtbot.keyClick(composer.editor, Qt.Key.Key_Escape)
    assert composer.isHidden() and list_drafts(composer.store) == []


def test_discard_deletes_the_local_draft_and_its_server_copy(qtbot, sending_window, imap):
    window, service = sending_window
    synced(window, service, qtbot)
    window.store.writer.never_wait_on()
    composer = window.compose()
    own(qtbot, composer)
    composer.to.setText("anna@nordwind.de")
    composer.editor.setPlainText("to be thrown away")
    with qtbot.waitSignal(composer.draft_uploaded, timeout=20_000):
        composer._autosave.timeout.emit()
    assert len(drafts_on_server(imap)) == 1 and len(list_drafts(window.store)) == 1
    composer.editor.setPlainText("to be thrown away, really")
    seen = click_message_box(qtbot, QMessageBox.StandardButton.Discard)
    qtbot.keyClick(composer.editor, Qt.Key.Key_W, Qt.KeyboardModifier.ControlModifier)
    assert seen == ["Keep this draft?"] and composer.isHidden()
    qtbot.waitUntil(lambda: list_drafts(window.store) == [], timeout=10_000)
    qtbot.waitUntil(lambda: drafts_on_server(imap) == [], timeout=20_000)


def test_discarding_changes_to_a_reopened_draft_restores_it(qtbot, composer_alone):
    from app.ui.composer import Composer

    first = composer_alone
    first.to.setText("anna@nordwind.de")
    first.editor.setPlainText("the kept version")
    click_message_box(qtbot, QMessageBox.StandardButton.Save)
    qtbot.keyClick(first.editor, Qt.Key.Key_Escape)
    wait_for(lambda: len(list_drafts(first.store)) == 1)
    (draft,) = list_drafts(first.store)
    again = Composer(first.store, draft)
    own(qtbot, again)
    again.show()
    again.editor.setPlainText("an edit I regret")
    again.save_draft()  # an autosave happened meanwhile
    wait_for(lambda: list_drafts(first.store)[0].body == "an edit I regret")
    click_message_box(qtbot, QMessageBox.StandardButton.Discard)
    back_to(qtbot, again)
    qtbot.keyClick(again.editor, Qt.Key.Key_Escape)
    wait_for(lambda: list_drafts(first.store)[0].body == "the kept version")


def test_a_draft_survives_closing_and_reopens(qtbot, sending_window):
    window, _service = sending_window
    window.store.writer.never_wait_on()
    composer = own(qtbot, window.compose())
    composer.to.setText("anna@nordwind.de")
    composer.subject.setText("Draft")
    composer.editor.setPlainText("half written")
    click_message_box(qtbot, QMessageBox.StandardButton.Save)
    composer.close()
    qtbot.waitUntil(lambda: len(list_drafts(window.store)) == 1)
    (draft,) = list_drafts(window.store)
    assert (draft.to, draft.subject, draft.body) == ("anna@nordwind.de", "Draft", "half written")
    again = window.open_draft(draft.uuid)  # Message → Open Draft…
    own(qtbot, again)
    assert again.editor.toPlainText() == "half written" and again.to.text() == "anna@nordwind.de"
    assert again.windowTitle() == "Draft"


# -- the formatting bar ---------------------------------------------------------------------------
def test_bold_and_italic_wrap_the_selection_toggle_and_undo(qtbot, composer_alone):
    composer, bar = composer_alone, composer_alone.format_bar
    composer.editor.setPlainText("请查收报价单 today")
    select_text(composer.editor, "报价单")
    click(qtbot, bar, bar.bold)
    assert composer.editor.toPlainText() == "请查收**报价单** today"
    assert composer.editor.textCursor().selectedText() == "报价单"
    click(qtbot, bar, bar.italic)
    assert composer.editor.toPlainText() == "请查收***报价单*** today"
    click(qtbot, bar, bar.bold)  # bold off again, italic stays
    assert composer.editor.toPlainText() == "请查收*报价单* today"
    composer.editor.undo()
    assert composer.editor.toPlainText() == "请查收***报价单*** today"  # one step per button
    composer.editor.setPlainText("say hello there")
    cursor = composer.editor.textCursor()
    cursor.setPosition(6)  # inside "hello"
    composer.editor.setTextCursor(cursor)
    qtbot.keyClick(composer.editor, Qt.Key.Key_B, Qt.KeyboardModifier.ControlModifier)
    assert composer.editor.toPlainText() == "say **hello** there"
    composer.editor.setPlainText("")
    qtbot.keyClick(composer.editor, Qt.Key.Key_I, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(composer.editor, "new")
    assert composer.editor.toPlainText() == "*new*"


def test_lists_quotes_and_blank_lines_that_markdown_needs(qtbot, composer_alone):
    composer, bar = composer_alone, composer_alone.format_bar
    composer.editor.setPlainText("Items:\n交货期 4 周\n含税单价\nThanks")
    select_text(composer.editor, "交货期 4 周\n含税单价")
    click(qtbot, bar, bar.bullets)
    assert composer.editor.toPlainText() == "Items:\n\n- 交货期 4 周\n- 含税单价\n\nThanks"
    click(qtbot, bar, bar.numbers)  # bullets become numbers
    assert composer.editor.toPlainText() == "Items:\n\n1. 交货期 4 周\n2. 含税单价\n\nThanks"
    click(qtbot, bar, bar.numbers)  # and go again
    assert composer.editor.toPlainText() == "Items:\n\n交货期 4 周\n含税单价\n\nThanks"
    composer.editor.undo()
    assert "1. 交货期" in composer.editor.toPlainText()
    composer.editor.setPlainText("He wrote:\nthe price is fine\n\nok")
    select_text(composer.editor, "the price")
    click(qtbot, bar, bar.quote)  # the cursor's line
    assert composer.editor.toPlainText() == "He wrote:\n\n> the price is fine\n\nok"
    click(qtbot, bar, bar.quote)
    assert composer.editor.toPlainText() == "He wrote:\n\nthe price is fine\n\nok"
    composer.update_preview()
    composer.editor.setPlainText("- a\n- b\n\n1. one\n\n> said")
    composer.update_preview()
    html = composer.preview.document().toHtml()
    assert html.count("<li") == 3


def test_link_asks_for_the_address_and_uses_the_selection(qtbot, composer_alone):
    composer, bar = composer_alone, composer_alone.format_bar

    def answer(address):
        def fill(dialog: QInputDialog):
            dialog.setTextValue(address)
            click_box_button(qtbot, dialog, QDialogButtonBox.StandardButton.Ok)
        answer_modal(fill, QInputDialog)

    composer.editor.setPlainText("See our price list here.")
    select_text(composer.editor, "price list")
    answer("www.huaxin-trade.cn/价格 (2026)")
    click(qtbot, bar, bar.link)
    assert composer.editor.toPlainText() == "See our [price list](https://www.huaxin-trade.cn/价格%20%282026%29) here."
    select_text(composer.editor, "[price list](https://www.huaxin-trade.cn/价格%20%282026%29)")
    click(qtbot, bar, bar.link)  # a selected link is taken away, its text kept
    assert composer.editor.toPlainText() == "See our price list here."
    composer.editor.moveCursor(composer.editor.textCursor().MoveOperation.End)
    answer("zw@huaxin.cn")
    back_to(qtbot, composer)
    qtbot.keyClick(composer.editor, Qt.Key.Key_K, Qt.KeyboardModifier.ControlModifier)
    assert composer.editor.toPlainText().endswith("here.[zw@huaxin.cn](mailto:zw@huaxin.cn)")


def test_table_asks_rows_and_columns_and_inserts_a_table_of_its_own(qtbot, composer_alone):
    from app.ui.markdown_toolbar import TableSizeDialog

    composer, bar = composer_alone, composer_alone.format_bar
    composer.editor.setPlainText("Prices:\nthanks")
    select(composer.editor, 3, 3)

    def size(dialog: TableSizeDialog):
        dialog.rows.setValue(1)
        dialog.columns.setValue(2)
        click_box_button(qtbot, dialog, QDialogButtonBox.StandardButton.Ok)
    answer_modal(size, TableSizeDialog)
    click(qtbot, bar, bar.table)
    assert composer.editor.toPlainText() == ("Prices:\n\n| Column 1 | Column 2 |\n| --- | --- |\n|   |   |\n\nthanks")
    assert composer.editor.textCursor().selectedText() == "Column 1"  # ready to type the heading
    type_text(composer.editor, "型号")
    composer.update_preview()
    assert "型号" in composer.preview.toPlainText() and composer.preview.document().toHtml().count("<td") >= 2


def test_image_is_attached_and_shown_in_the_text(qtbot, composer_alone, tmp_path, monkeypatch):
    composer, bar = composer_alone, composer_alone.format_bar
    picture = tmp_path / "样品.png"
    picture.write_bytes(PNG)
    monkeypatch.setattr("app.ui.markdown_toolbar.QFileDialog.getOpenFileName",
                        lambda *args, **kwargs: (str(picture), ""))
    composer.editor.setPlainText("Sample: ")
    composer.editor.moveCursor(composer.editor.textCursor().MoveOperation.End)
    click(qtbot, bar, bar.image)
    assert composer.editor.toPlainText() == f"Sample: ![样品.png](cid:{inline_cid(picture)})"
    assert composer._attached == [picture]
    composer.update_preview()
    assert composer.preview.images[inline_cid(picture)].width() == 1
    assert composer.attachments.item(0).toolTip() == "Shown in the text"


def test_formatting_bar_output_arrives_rendered_with_the_inline_image(qtbot, sending_window, smtp, tmp_path,
                                                                      monkeypatch):
    window, _service = sending_window
    window.store.writer.never_wait_on()
    composer = window.compose()
    own(qtbot, composer)
    bar = composer.format_bar
    picture = tmp_path / "样品 图.png"
    picture.write_bytes(PNG)
    monkeypatch.setattr("app.ui.markdown_toolbar.QFileDialog.getOpenFileName",
                        lambda *args, **kwargs: (str(picture), ""))
    composer.to.setText("张伟 <zw@huaxin.cn>")
    composer.subject.setText("样品")
    composer.editor.setPlainText("您好 important\n\nfirst\nsecond\n\nquoted\n\nlook: ")
    select_text(composer.editor, "important")
    click(qtbot, bar, bar.bold)
    select_text(composer.editor, "您好")
    click(qtbot, bar, bar.italic)
    select_text(composer.editor, "first\nsecond")
    click(qtbot, bar, bar.bullets)
    select_text(composer.editor, "quoted")
    click(qtbot, bar, bar.quote)
    composer.editor.moveCursor(composer.editor.textCursor().MoveOperation.End)
    click(qtbot, bar, bar.image)
    qtbot.mouseClick(composer.send_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: len(smtp.received) == 1, timeout=20_000)
    message = received(smtp)
    html = message.get_body(("html",)).get_content()
    assert "<em>您好</em>" in html and "<strong>important</strong>" in html
    assert "<li>first</li>" in html and "<blockquote" in html
    cid = inline_cid(picture)
    assert f'src="cid:{cid}"' in html
    related = next(p for p in message.walk() if p.get_content_type() == "multipart/related")
    image = next(p for p in related.iter_parts() if p.get_content_type() == "image/png")
    assert image["Content-ID"] == f"<{cid}>" and image.get_content() == PNG
    assert list(message.iter_attachments()) == []  # shown, not attached for download
    settled(window, _service, qtbot)


# -- sample mode ----------------------------------------------------------------------------------
def test_with_only_the_sample_account_writing_works_and_sending_is_off(qtbot, store):
    from app.ui.composer import Composer

    account = create_account(store, NewAccount(
        name="Sample", email="li.lei@liaison-demo.example", display_name="李雷", imap_host="sample.invalid",
        imap_port=993, imap_security="ssl", smtp_host="sample.invalid", smtp_port=465, smtp_security="ssl"))
    mark_sample(store, account.id)
    store.writer.never_wait_on()
    composer = Composer(store)
    own(qtbot, composer)
    composer.show()
    assert composer.sample_banner.isVisible() and "sending is off" in composer.sample_banner.text()
    assert not composer.send_button.isEnabled()
    assert composer.send_button.toolTip() == "Sending is off in sample data: add your own mail account to send."
    composer.to.setText("zw@huaxin.cn")
    composer.editor.setPlainText("写好了")
    qtbot.keyClick(composer.editor, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert composer.isVisible()  # nothing sent, nothing closed
    qtbot.mouseClick(composer.top_bar.widgetForAction(composer.save_action), Qt.MouseButton.LeftButton)
    wait_for(lambda: [d.body for d in list_drafts(store)] == ["写好了"])
    composer._autosave.stop()


# -- Cc, Bcc, attachments -------------------------------------------------------------------------
def test_cc_and_bcc_rows_show_when_asked_and_attachments_can_be_removed(qtbot, composer_alone, tmp_path):
    composer = composer_alone
    assert composer.cc.isHidden() and composer.bcc.isHidden()
    qtbot.mouseClick(composer.cc_button, Qt.MouseButton.LeftButton)
    assert composer.cc.isVisible() and composer.cc.hasFocus() and composer.cc_button.isHidden()
    qtbot.mouseClick(composer.bcc_button, Qt.MouseButton.LeftButton)
    assert composer.bcc.isVisible()
    for name in ("a.txt", "b.txt"):
        (tmp_path / name).write_text(name)
        composer.add_attachment(tmp_path / name)
    composer.attachments.setCurrentRow(0)
    composer.attachments.setFocus()
    qtbot.keyClick(composer.attachments, Qt.Key.Key_Delete)
    assert composer._attached == [tmp_path / "b.txt"]
    rect = composer.attachments.visualItemRect(composer.attachments.item(0))
    composer.attachments.customContextMenuRequested.emit(rect.center())  # what a right-click sends
    composer.attachment_menu.actions()[0].trigger()
    assert composer._attached == [] and composer.attachments.isHidden()
    qtbot.mouseClick(composer.format_bar.widgetForAction(composer.preview_action), Qt.MouseButton.LeftButton)
    assert composer.preview.isHidden()


# -- templates in the composer --------------------------------------------------------------------
def test_signature_and_template_chooser_in_the_composer(qtbot, sending_window):
    window, _service = sending_window
    from app.crm.customers import ContactInput, add_contact
    from app.mail.sending.templates import save_template
    from app.store.models import Account

    with window.store.writer.waiting_allowed():  # the test's own setup
        window.store.write_with(lambda session: session.query(Account).update({"signature": "李雷 · Liaison Demo"}))
        add_contact(window.store, ContactInput(name="张伟", emails=["zw@huaxin.cn"], company="华信贸易"))
        add_contact(window.store, ContactInput(name="Anna", emails=["anna@x.de"]))
        save_template(window.store, "quote", "{{ company.name }} 报价", "{{ contact.name }}您好")
    composer = window.compose()
    own(qtbot, composer)
    assert composer.editor.toPlainText().endswith("-- \n李雷 · Liaison Demo")
    qtbot.waitUntil(lambda: composer.template_box.count() == 1)
    composer.template_box.setFocus()
    seen = click_message_box(qtbot, QMessageBox.StandardButton.Ok)
    qtbot.keyClick(composer.template_box, Qt.Key.Key_Down)  # choosing "quote" with no recipient yet
    qtbot.waitUntil(lambda: seen == ["Choose the recipient first: a template is filled in from their contact record."])
    composer.to.setText("anna@x.de")
    seen = click_message_box(qtbot, QMessageBox.StandardButton.Ok)
    composer.template_box.setFocus()
    qtbot.keyClick(composer.template_box, Qt.Key.Key_Down)
    qtbot.waitUntil(lambda: bool(seen), timeout=5000)
    assert seen == ["Anna has no value for {{ company.name }}: fill it in on their record first, or change the "
                    "template."]
    composer.to.setText("张伟 <zw@huaxin.cn>")
    composer.template_box.setFocus()
    qtbot.keyClick(composer.template_box, Qt.Key.Key_Down)
    qtbot.waitUntil(lambda: composer.subject.text() == "华信贸易 报价", timeout=5000)
    assert composer.editor.toPlainText() == "张伟您好\n\n-- \n李雷 · Liaison Demo"  # the signature stays
    composer.editor.undo()  # the template is one undo step
    assert composer.editor.toPlainText().endswith("-- \n李雷 · Liaison Demo")
    assert "张伟您好" not in composer.editor.toPlainText()


def test_reply_all_from_the_window_threads_and_quotes(qtbot, sending_window, imap, smtp):
    window, service = sending_window
    imap.append("INBOX", ("From: 张伟 <zw@huaxin.cn>\r\nTo: sales@example.com, chen@huaxin.cn\r\n"
                          "Subject: =?utf-8?b?5Zue5aSNOiDmiqXku7fljZU=?=\r\nMessage-ID: <q2@huaxin>\r\n"
                          "References: <q1@me>\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n"
                          "价格可以。\r\n").encode())
    service.sync_all()
    qtbot.waitUntil(lambda: window.messages.rowCount() == 1 or (window.reload_folders() or False), timeout=20_000)
    window.list_view.setCurrentIndex(window.messages.index(0, 0))
    with qtbot.waitSignal(window.composer_opened, timeout=10_000) as opened:
        window.compose_reply("all")  # the original is read off the GUI thread, then the composer opens
    composer = own(qtbot, opened.args[0])
    assert composer.subject.text() == "Re: 报价单"
    assert composer.to.text() == "张伟 <zw@huaxin.cn>" and composer.cc.text() == "chen@huaxin.cn"
    assert composer.cc.isVisible()  # a reply to all shows its Cc
    assert "> 价格可以。" in composer.editor.toPlainText()
    qtbot.keyClick(composer.editor, Qt.Key.Key_Enter, Qt.KeyboardModifier.ControlModifier)  # keypad Enter too
    qtbot.waitUntil(lambda: len(smtp.received) == 1, timeout=20_000)
    sent = received(smtp)
    assert sent["In-Reply-To"] == "<q2@huaxin>" and sent["References"] == "<q1@me> <q2@huaxin>"
    settled(window, service, qtbot)


def test_outbox_dialog_shows_why_and_sends_again(qtbot, sending_window, smtp):
    window, _service = sending_window
    from app.mail.sending.outbox import enqueue, list_outbox
    from app.mail.sending.outgoing import Outgoing
    from app.store.models import OutboxMessage

    account = list_accounts(window.store)[0]

    def unconfirm(session):
        stored = session.get(OutboxMessage, row.id)
        stored.state, stored.last_error = "unconfirmed", "Liaison stopped while the server was receiving this message"
    with window.store.writer.waiting_allowed():  # the test's own setup
        row = enqueue(window.store, account, Outgoing("李雷", "sales@example.com", [("", "x@example.org")], "unsure",
                                                      "b"))
        window.store.write_with(unconfirm)
    window.update_outbox_count()
    qtbot.waitUntil(lambda: window.outbox_button.text() == "Outbox: 1", timeout=5000)  # read off the GUI thread
    dialog = window.show_outbox()
    qtbot.addWidget(dialog)
    assert dialog.table.item(0, 0).text() == "Not confirmed" and "stopped" in dialog.table.item(0, 3).text()
    dialog.table.selectRow(0)
    qtbot.mouseClick(dialog.again, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: [m.state for m in list_outbox(window.store)] == ["sent"], timeout=20_000)
    assert len(smtp.received) == 1
    settled(window, _service, qtbot)


def test_a_mailto_link_opens_the_composer(qtbot, sending_window):
    from PySide6.QtCore import QUrl

    window, _service = sending_window
    with qtbot.waitSignal(window.composer_opened) as opened:
        window.reader.browser.link_clicked.emit(QUrl("mailto:zhang.wei@huaxin-trade.cn"))
    composer = own(qtbot, opened.args[0])
    assert composer.to.text() == "zhang.wei@huaxin-trade.cn" and composer.focusWidget() is composer.editor
