"""The composer against a real SMTP server and Dovecot: send, drafts, replies (pytest-qt)."""

from __future__ import annotations

import email
from email.policy import default

import pytest

from app.mail.sending.drafts import list_drafts
from app.store.accounts import NewAccount, create_account, list_accounts
from app.secrets import SecretStore
from tests.integration.conftest import PASSWORD

pytestmark = pytest.mark.integration


@pytest.fixture
def sending_window(open_window, store, dovecot, smtp):
    account = create_account(store, NewAccount(
        name="work", email="sales@example.com", display_name="李雷", username="sales", imap_host="localhost",
        imap_port=dovecot.ssl_port, imap_security="ssl", smtp_host="localhost", smtp_port=smtp.port,
        smtp_security="starttls", ca_file=str(dovecot.ca_file)))
    SecretStore().set_password(account.uuid, PASSWORD)
    window, service = open_window(start=True)
    return window, service


def test_compose_attach_and_send(qtbot, sending_window, smtp, tmp_path):
    window, _service = sending_window
    composer = window.compose()
    qtbot.addWidget(composer)
    composer.to.setText("张伟 <zhang.wei@huaxin-trade.cn>")
    composer.subject.setText("报价单")
    composer.editor.setPlainText("张经理您好：\n\n| 型号 | 单价 |\n|---|---|\n| A | ¥386 |")
    qtbot.waitUntil(lambda: "¥386" in composer.preview.toPlainText())
    assert composer.preview.document().toHtml().count("<td") >= 2  # the table is rendered in the preview
    attachment = tmp_path / "报价单.pdf"
    attachment.write_bytes(b"%PDF-1.4")
    composer.add_attachment(attachment)
    assert composer.send()
    qtbot.waitUntil(lambda: len(smtp.received) == 1, timeout=20_000)
    message = email.message_from_bytes(smtp.received[0].content, policy=default)
    assert str(message["Subject"]) == "报价单" and message["From"].addresses[0].display_name == "李雷"
    assert next(message.iter_attachments()).get_filename() == "报价单.pdf"
    assert list_drafts(window.store) == []


def test_a_draft_survives_closing_and_reopens(qtbot, sending_window):
    window, _service = sending_window
    composer = window.compose()
    composer.to.setText("anna@nordwind.de")
    composer.subject.setText("Draft")
    composer.editor.setPlainText("half written")
    composer.close()  # or a crash after the last autosave
    (draft,) = list_drafts(window.store)
    assert (draft.to, draft.subject, draft.body) == ("anna@nordwind.de", "Draft", "half written")
    again = window.open_draft(draft.uuid)  # Message → Open Draft…
    qtbot.addWidget(again)
    assert again.editor.toPlainText() == "half written" and again.to.text() == "anna@nordwind.de"


def test_reply_all_from_the_window_threads_and_quotes(qtbot, sending_window, imap, smtp):
    window, service = sending_window
    imap.append("INBOX", ("From: 张伟 <zw@huaxin.cn>\r\nTo: sales@example.com, chen@huaxin.cn\r\n"
                          "Subject: =?utf-8?b?5Zue5aSNOiDmiqXku7fljZU=?=\r\nMessage-ID: <q2@huaxin>\r\n"
                          "References: <q1@me>\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n"
                          "价格可以。\r\n").encode())
    service.sync_all()
    qtbot.waitUntil(lambda: window.messages.rowCount() == 1 or (window.reload_folders() or False), timeout=20_000)
    window.list_view.setCurrentIndex(window.messages.index(0, 0))
    composer = window.compose_reply("all")
    qtbot.addWidget(composer)
    assert composer.subject.text() == "Re: 报价单"
    assert composer.to.text() == "张伟 <zw@huaxin.cn>" and composer.cc.text() == "chen@huaxin.cn"
    assert "> 价格可以。" in composer.editor.toPlainText()
    composer.send()
    qtbot.waitUntil(lambda: len(smtp.received) == 1, timeout=20_000)
    sent = email.message_from_bytes(smtp.received[0].content, policy=default)
    assert sent["In-Reply-To"] == "<q2@huaxin>" and sent["References"] == "<q1@me> <q2@huaxin>"
    assert list_accounts(window.store)


def test_drafts_reach_the_server_once_and_go_when_sent(qtbot, sending_window, imap, smtp):
    window, service = sending_window
    service.sync_all()  # learn the folders (Drafts)
    qtbot.waitUntil(lambda: window.folders.topLevelItem(0) is not None and
                    window.folders.topLevelItem(0).childCount() > 1 or (window.reload_folders() or False),
                    timeout=20_000)
    composer = window.compose()
    qtbot.addWidget(composer)
    composer.to.setText("anna@nordwind.de")
    composer.subject.setText("草稿 draft")
    composer.editor.setPlainText("first version")

    def drafts_on_server():
        imap.select_folder("Drafts")
        return [imap.fetch([uid], ["BODY[]"])[uid][b"BODY[]"] for uid in imap.search(["NOT", "DELETED"])]

    with qtbot.waitSignal(composer.draft_uploaded, timeout=20_000):
        composer.save_draft()
    composer.editor.setPlainText("second version")
    composer._last_upload = 0  # as if 30 s had passed
    with qtbot.waitSignal(composer.draft_uploaded, timeout=20_000):
        composer.save_draft()
    (copy,) = drafts_on_server()
    assert b"second version" in copy
    composer.send()
    qtbot.waitUntil(lambda: len(smtp.received) == 1, timeout=20_000)
    qtbot.waitUntil(lambda: drafts_on_server() == [], timeout=20_000)
    qtbot.waitUntil(lambda: window.outbox_button.isHidden(), timeout=20_000)


def test_outbox_dialog_shows_why_and_sends_again(qtbot, sending_window, smtp):
    window, _service = sending_window
    from app.mail.sending.outbox import enqueue, list_outbox
    from app.mail.sending.outgoing import Outgoing
    from app.store.models import OutboxMessage

    account = list_accounts(window.store)[0]
    row = enqueue(window.store, account, Outgoing("李雷", "sales@example.com", [("", "x@example.org")], "unsure", "b"))
    def unconfirm(session):
        stored = session.get(OutboxMessage, row.id)
        stored.state, stored.last_error = "unconfirmed", "Liaison stopped while the server was receiving this message"
    window.store.write_with(unconfirm)
    window.update_outbox_count()
    assert window.outbox_button.text() == "Outbox: 1"
    dialog = window.show_outbox()
    qtbot.addWidget(dialog)
    assert dialog.table.item(0, 0).text() == "Not confirmed" and "stopped" in dialog.table.item(0, 3).text()
    dialog.table.selectRow(0)
    dialog.send_again()
    qtbot.waitUntil(lambda: [m.state for m in list_outbox(window.store)] == ["sent"], timeout=20_000)
    assert len(smtp.received) == 1


def test_signature_and_template_in_the_composer(qtbot, sending_window, cli, monkeypatch, tmp_path):
    window, _service = sending_window
    from app.crm.customers import ContactInput, add_contact
    from app.mail.sending.templates import save_template
    from app.store.models import Account

    window.store.write_with(lambda session: session.query(Account).update({"signature": "李雷 · Liaison Demo"}))
    add_contact(window.store, ContactInput(name="张伟", emails=["zw@huaxin.cn"], company="华信贸易"))
    add_contact(window.store, ContactInput(name="Anna", emails=["anna@x.de"]))
    save_template(window.store, "quote", "{{ company.name }} 报价", "{{ contact.name }}您好")
    composer = window.compose()
    qtbot.addWidget(composer)
    assert composer.editor.toPlainText().endswith("-- \n李雷 · Liaison Demo")
    warnings = []
    monkeypatch.setattr("app.ui.composer.QMessageBox.warning", lambda *args: warnings.append(args[2]))
    composer.to.setText("anna@x.de")
    assert not composer.apply_template("quote") and "no value for company.name" in warnings[0]
    composer.to.setText("张伟 <zw@huaxin.cn>")
    assert composer.apply_template("quote")
    assert (composer.subject.text(), composer.editor.toPlainText()) == ("华信贸易 报价", "张伟您好")


def test_a_mailto_link_opens_the_composer(qtbot, sending_window):
    from PySide6.QtCore import QUrl

    window, _service = sending_window
    opened = []
    original = window.compose
    window.compose = lambda draft=None: opened.append(draft) or original(draft)
    window.reader.browser.link_clicked.emit(QUrl("mailto:zhang.wei@huaxin-trade.cn"))
    assert opened and opened[0].to == "zhang.wei@huaxin-trade.cn"
    for composer in window._composers:
        qtbot.addWidget(composer)
