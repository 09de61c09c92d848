"""Sending through a real SMTP server (aiosmtpd, STARTTLS/implicit TLS, AUTH) and Dovecot:
structure and encodings as received, offline then reconnect, a crash mid-send, injection."""

from __future__ import annotations

import email
import json
import signal
import sqlite3
import time
from email.policy import default

import pytest

from tests.integration.test_cli import PASSWORD
from tests.support.smtp_server import SmtpServer

pytestmark = pytest.mark.integration


def add_sending_account(cli, dovecot, smtp_port, security="starttls", name="work"):
    cli("account", "add", "--name", name, "--email", "sales@example.com", "--display-name", "李雷 Li Lei",
        "--username", "sales", "--imap-host", "localhost", "--imap-port", str(dovecot.ssl_port),
        "--imap-security", "ssl", "--smtp-host", "localhost", "--smtp-port", str(smtp_port),
        "--smtp-security", security, "--ca-file", str(dovecot.ca_file), "--password-stdin",
        stdin=PASSWORD + "\n")


def outbox(cli) -> list[dict]:
    return [json.loads(line) for line in cli("outbox", "list", "--json").stdout.splitlines()]


def test_markdown_message_with_chinese_names_and_attachment_as_received(cli, dovecot, smtp, tmp_path):
    add_sending_account(cli, dovecot, smtp.port)
    body = tmp_path / "body.md"
    body.write_text("张经理您好：\n\n附件是**报价单**。\n\n| 型号 | 单价 |\n|---|---|\n| A | ¥386 |\n", encoding="utf-8")
    attachment = tmp_path / "报价单 2026.pdf"
    attachment.write_bytes(b"%PDF-1.4 quote")
    result = cli("send", "--account", "work", "--to", "张伟 <zhang.wei@huaxin-trade.cn>", "--cc", "anna@nordwind.de",
                 "--bcc", "boss@example.com", "--subject", "关于报价（第二版）", "--body-file", str(body),
                 "--attach", str(attachment))
    assert result.stdout.strip() == "sent"
    (received,) = smtp.received
    assert received.mail_from == "sales@example.com"
    assert sorted(received.rcpt_tos) == ["anna@nordwind.de", "boss@example.com", "zhang.wei@huaxin-trade.cn"]
    assert b"boss@example.com" not in received.content  # Bcc is never a header
    message = email.message_from_bytes(received.content, policy=default)
    assert str(message["Subject"]) == "关于报价（第二版）" and message["From"].addresses[0].display_name == "李雷 Li Lei"
    assert message["To"].addresses[0].display_name == "张伟"
    assert all(line.isascii() for line in received.content.split(b"\r\n")[:12])  # headers are encoded
    plain = message.get_body(("plain",)).get_content()
    html = message.get_body(("html",)).get_content()
    assert "| 型号 | 单价 |" in plain and "<strong>报价单</strong>" in html and "<table" in html
    (part,) = list(message.iter_attachments())
    assert part.get_filename() == "报价单 2026.pdf" and part.get_content() == b"%PDF-1.4 quote"
    assert [m["state"] for m in outbox(cli)] == ["sent"]
    imap = dovecot.client("sales", PASSWORD)  # a copy was filed in Sent, once
    imap.select_folder("Sent")
    assert len(imap.search(["HEADER", "Message-ID", message["Message-ID"]])) == 1
    imap.logout()
    cli("sync")
    assert [m["state"] for m in outbox(cli)] == ["sent"] and len(smtp.received) == 1


def test_offline_send_is_queued_and_goes_out_when_the_server_is_back(cli, dovecot, tmp_path):
    from tests.support.ports import free_port

    port = free_port()
    add_sending_account(cli, dovecot, port)
    body = tmp_path / "b.md"
    body.write_text("hello", encoding="utf-8")
    queued = cli("send", "--account", "work", "--to", "x@example.org", "--subject", "offline", "--body-file", str(body))
    assert queued.stdout.startswith("queued: ") and "refused the connection" in queued.stdout
    (entry,) = outbox(cli)
    assert entry["state"] == "queued" and entry["attempts"] == 1 and entry["error"]
    server = SmtpServer(tmp_path / "later", {"sales": PASSWORD})
    server.port = port
    server.controller.port = port
    server.start()
    try:
        with sqlite3.connect(cli.profile / "liaison.sqlite3") as db:  # the backoff has passed
            db.execute("UPDATE mail_outbox SET next_attempt_at = 0")
        assert "outbox: 1 sent" in cli("sync").stdout
        assert [m["state"] for m in outbox(cli)] == ["sent"] and len(server.received) == 1
    finally:
        server.stop()


def test_refused_recipient_fails_and_keeps_the_message_with_the_reason(cli, dovecot, smtp, tmp_path):
    add_sending_account(cli, dovecot, smtp.port)
    body = tmp_path / "b.md"
    body.write_text("hello", encoding="utf-8")
    result = cli("send", "--account", "work", "--to", "nobody@example.org", "--subject", "x", "--body-file",
                 str(body), check=False)
    assert result.returncode == 6 and "No such user here" in result.stdout
    (entry,) = outbox(cli)
    assert entry["state"] == "failed" and "nobody@example.org" in entry["error"] and not smtp.received


@pytest.mark.parametrize("stage", ["before-data", "after-accept"])
def test_a_crash_during_send_never_sends_twice(cli, dovecot, smtp, tmp_path, stage):
    add_sending_account(cli, dovecot, smtp.port)
    body = tmp_path / "b.md"
    body.write_text("exactly once", encoding="utf-8")
    if stage == "after-accept":
        smtp.hold_after_accept = 30  # stored by the server, the 250 answer comes late
    else:
        smtp.hold_in_rcpt = 30  # the client is killed while naming the recipients, before DATA
    process = cli.popen("send", "--account", "work", "--to", "x@example.org", "--subject", "once",
                        "--body-file", str(body))
    database = cli.profile / "liaison.sqlite3"
    wanted_phase = "data" if stage == "after-accept" else "connect"
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline:
        try:
            with sqlite3.connect(database) as db:
                row = db.execute("SELECT phase FROM mail_outbox").fetchone()
        except sqlite3.OperationalError:
            row = None
        if row and row[0] == wanted_phase and (smtp.received if stage == "after-accept" else smtp.rcpt_seen.is_set()):
            break
        time.sleep(0.01)
    process.send_signal(signal.SIGKILL)
    process.wait()
    smtp.hold_after_accept = smtp.hold_in_rcpt = 0
    smtp.release.set()
    cli("sync")
    cli("sync")
    states = [m["state"] for m in outbox(cli)]
    if stage == "after-accept":
        assert states == ["unconfirmed"] and len(smtp.received) == 1
    else:
        assert states == ["sent"] and len(smtp.received) == 1


@pytest.mark.parametrize("args", [
    ["--subject", "hello\r\nBcc: victim@example.org"],
    ["--subject", "ok", "--to", "Evil\r\nBcc: victim@example.org <x@example.org>"],
    ["--subject", "ok", "--cc", "a@example.org\nBcc: victim@example.org"],
])
def test_header_injection_is_refused(cli, dovecot, smtp, tmp_path, args):
    add_sending_account(cli, dovecot, smtp.port)
    body = tmp_path / "b.md"
    body.write_text("x", encoding="utf-8")
    to = [] if "--to" in args else ["--to", "x@example.org"]
    result = cli("send", "--account", "work", *to, "--body-file", str(body), *args, check=False)
    assert result.returncode == 2 and "line break or a NUL" in result.stderr
    assert not smtp.received and outbox(cli) == []


def test_a_subject_with_pasted_line_separators_is_sent_on_one_line(cli, dovecot, smtp, tmp_path):
    # VT, FF, FS, NEL, U+2028, U+2029: what pasting from a PDF, Word or a web page brings along
    add_sending_account(cli, dovecot, smtp.port)
    body = tmp_path / "b.md"
    body.write_text("x", encoding="utf-8")
    subject = "报价\x0b第二版\x0cQ3\x1cA\x85B\u2028C\u2029D"
    result = cli("send", "--account", "work", "--to", "x@example.org", "--subject", subject,
                 "--body-file", str(body), check=False)
    assert (result.returncode, result.stdout.strip(), result.stderr) == (0, "sent", "")
    (received,) = smtp.received
    assert str(email.message_from_bytes(received.content, policy=default)["Subject"]) == "报价 第二版 Q3 A B C D"
    assert [m["subject"] for m in outbox(cli)] == ["报价 第二版 Q3 A B C D"]


def test_implicit_tls_and_no_downgrade_when_starttls_is_missing(cli, dovecot, tmp_path):
    body = tmp_path / "b.md"
    body.write_text("x", encoding="utf-8")
    implicit = SmtpServer(tmp_path / "ssl", {"sales": PASSWORD}, mode="ssl").start()
    plain = SmtpServer(tmp_path / "plain", {"sales": PASSWORD}, mode="plain").start()
    try:
        add_sending_account(cli, dovecot, implicit.port, security="ssl")
        assert cli("send", "--account", "work", "--to", "x@example.org", "--subject", "tls",
                   "--body-file", str(body)).stdout.strip() == "sent"
        assert len(implicit.received) == 1
        # A server that does not offer STARTTLS: the message waits; it is never sent in plaintext.
        add_sending_account(cli, dovecot, plain.port, security="starttls", name="plain")
        result = cli("send", "--account", "plain", "--to", "x@example.org", "--subject", "tls",
                     "--body-file", str(body))
        assert result.stdout.startswith("queued: ") and "does not offer STARTTLS" in result.stdout
        assert not plain.received
    finally:
        implicit.stop()
        plain.stop()


def test_a_sent_message_lands_on_the_customer_timeline(cli, dovecot, smtp, tmp_path):
    add_sending_account(cli, dovecot, smtp.port)
    cli("contacts", "add", "--email", "zhang.wei@huaxin-trade.cn", "--name", "张伟", "--company", "华信贸易")
    body = tmp_path / "b.md"
    body.write_text("您好", encoding="utf-8")
    cli("templates", "add", "quote", "--subject", "{{ company.name }} 报价", "--body-file", str(body))
    preview = cli("templates", "preview", "quote", "--contact", "zhang.wei@huaxin-trade.cn", "--account", "work")
    assert preview.stdout.startswith("Subject: 华信贸易 报价")
    assert cli("send", "--account", "work", "--template", "quote", "--contact",
               "zhang.wei@huaxin-trade.cn").stdout.strip() == "sent"
    cli("sync")
    shown = json.loads(cli("customer", "show", "zhang.wei@huaxin-trade.cn", "--json").stdout)
    assert [(e["subject"], e["detail"].split(" · ")[1]) for e in shown["timeline"] if e["kind"] == "email"] == [
        ("华信贸易 报价", "Sent")]
    missing = cli("send", "--account", "work", "--template", "quote", "--contact", "nobody@nowhere.example",
                  check=False)
    assert missing.returncode == 2 and "No contact" in missing.stderr
