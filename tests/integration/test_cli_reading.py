"""`show`, `save-attachment` and `threads` as subprocesses, on mail synced from a real Dovecot."""

from __future__ import annotations

import base64
import json

import pytest

from tests.integration.test_cli import PASSWORD, add_account, assert_one_line_error
from tests.support.tnef_builder import build_tnef

pytestmark = pytest.mark.integration


def gbk_message_with_attachments() -> bytes:
    """What a Chinese Outlook/Foxmail user sends: GBK everywhere, labelled gb2312, RFC 2231 names."""
    subject = base64.b64encode("关于采购合同的报价（€计价）".encode("gb18030")).decode()
    name = base64.b64encode("张伟".encode("gbk")).decode()
    body = base64.b64encode("张经理您好：\r\n附件是最新报价，请查收。".encode("gb18030")).decode()
    pdf = base64.b64encode(b"%PDF-1.4 quote").decode()
    winmail = base64.b64encode(build_tnef([("spec.txt", b"specification")])).decode()
    return (
        f"From: =?gb2312?B?{name}?= <zw@huaxin-trade.cn>\r\nTo: sales@example.com\r\n"
        f"Subject: =?gb2312?B?{subject}?=\r\nDate: Mon, 02 Nov 2026 09:00:00 +0800\r\n"
        "Message-ID: <gbk-1@huaxin-trade.cn>\r\nMIME-Version: 1.0\r\n"
        "Content-Type: multipart/mixed; boundary=\"==B==\"\r\n\r\n"
        "--==B==\r\nContent-Type: text/plain; charset=gb2312\r\nContent-Transfer-Encoding: base64\r\n\r\n"
        f"{body}\r\n"
        "--==B==\r\nContent-Type: application/pdf\r\n"
        "Content-Disposition: attachment; filename*=gb2312''%B1%A8%BC%DB%B5%A5.pdf\r\n"
        f"Content-Transfer-Encoding: base64\r\n\r\n{pdf}\r\n"
        "--==B==\r\nContent-Type: application/ms-tnef; name=winmail.dat\r\n"
        f"Content-Transfer-Encoding: base64\r\n\r\n{winmail}\r\n"
        "--==B==\r\nContent-Type: application/octet-stream; name=\"../../invoice\u202efdp.exe\"\r\n"
        "Content-Transfer-Encoding: base64\r\n\r\nTVqQAA==\r\n--==B==--\r\n"
    ).encode("utf-8")


@pytest.fixture
def synced(cli, dovecot):
    imap = dovecot.client("sales", PASSWORD)
    imap.append("INBOX", gbk_message_with_attachments())
    imap.logout()
    add_account(cli, dovecot, "--ca-file", str(dovecot.ca_file))
    cli("sync")
    return cli


def test_show_prints_decoded_headers_text_and_attachments(synced):
    shown = json.loads(synced("show", "--account", "work", "--uid", "1", "--json").stdout)
    assert shown["subject"] == "关于采购合同的报价（€计价）"
    assert shown["from"] == {"name": "张伟", "address": "zw@huaxin-trade.cn"}
    assert shown["text"] == "张经理您好：\n附件是最新报价，请查收。"
    assert [(a["index"], a["name"], a["content_type"]) for a in shown["attachments"]] == [
        (1, "报价单.pdf", "application/pdf"), (2, "spec.txt", "text/plain"),
        (3, "../../invoice\u202efdp.exe", "application/octet-stream")]
    assert shown["attachments"][2]["shown_name"] == "../../invoicefdp.exe"
    assert "executable" in shown["attachments"][2]["warnings"]

    text = synced("show", "--account", "work", "--uid", "1").stdout
    assert "Subject: 关于采购合同的报价（€计价）" in text and "From: 张伟 <zw@huaxin-trade.cn>" in text
    assert "1. 报价单.pdf  application/pdf" in text and "WARNING: " in text


def test_show_source_is_the_original_bytes(synced):
    import subprocess
    import sys

    from tests.conftest import REPO

    result = subprocess.run([sys.executable, str(REPO / "main.py"), "--profile", str(synced.profile),
                             "show", "--account", "work", "--uid", "1", "--source"],
                            env=synced.env, capture_output=True, check=True)
    assert result.stdout == gbk_message_with_attachments()


def test_save_attachment_writes_a_safe_name_and_never_overwrites(synced, tmp_path):
    tmp_path = tmp_path / "out"
    tmp_path.mkdir()
    first = synced("save-attachment", "--account", "work", "--uid", "1", "--index", "1",
                   "--out", str(tmp_path)).stdout.strip()
    assert first == str(tmp_path / "报价单.pdf")
    assert (tmp_path / "报价单.pdf").read_bytes() == b"%PDF-1.4 quote"
    second = synced("save-attachment", "--account", "work", "--uid", "1", "--index", "1",
                    "--out", str(tmp_path)).stdout.strip()
    assert second == str(tmp_path / "报价单 (2).pdf")

    inner = synced("save-attachment", "--account", "work", "--uid", "1", "--index", "2", "--out", str(tmp_path))
    assert (tmp_path / "spec.txt").read_bytes() == b"specification" and inner.returncode == 0

    hostile = synced("save-attachment", "--account", "work", "--uid", "1", "--index", "3", "--out", str(tmp_path))
    saved = hostile.stdout.strip()
    assert saved == str(tmp_path / "_.._invoicefdp.exe")
    assert "runs code when opened" in hostile.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == ["_.._invoicefdp.exe", "spec.txt",
                                                          "报价单 (2).pdf", "报价单.pdf"]


@pytest.mark.parametrize("args, phrase", [
    (["--index", "9"], "--index must be 1 to 3"),
    (["--index", "1", "--out", "/nonexistent/dir"], "is not a directory"),
])
def test_save_attachment_mistakes_are_one_line(synced, tmp_path, args, phrase):
    if "--out" not in args:
        args = args + ["--out", str(tmp_path)]
    result = synced("save-attachment", "--account", "work", "--uid", "1", *args, check=False)
    assert_one_line_error(result, 2, phrase)


def test_show_unknown_uid_is_one_line(synced):
    result = synced("show", "--account", "work", "--uid", "99", check=False)
    assert_one_line_error(result, 2, "No stored message with UID 99")


def test_threads_groups_replies_across_folders_and_by_chinese_subject(cli, dovecot):
    def message(mid, subject, date, refs=""):
        extra = f"In-Reply-To: {refs.split()[-1]}\r\nReferences: {refs}\r\n" if refs else ""
        return (f"From: Zhang <zw@huaxin-trade.cn>\r\nTo: sales@example.com\r\nSubject: {subject}\r\n"
                f"Date: {date}\r\nMessage-ID: {mid}\r\n{extra}Content-Type: text/plain; charset=utf-8\r\n"
                "\r\nbody\r\n").encode("utf-8")

    imap = dovecot.client("sales", PASSWORD)
    imap.append("INBOX", message("<q1@x>", "报价单", "Mon, 02 Nov 2026 09:00:00 +0000"))
    imap.append("Sent", message("<q2@x>", "Re: 报价单", "Mon, 02 Nov 2026 10:00:00 +0000", "<q1@x>"))
    imap.append("INBOX", message("<q3@x>", "回复: 报价单", "Tue, 03 Nov 2026 09:00:00 +0000"))  # no refs
    imap.append("INBOX", message("<w1@x>", "Weekly report", "Wed, 04 Nov 2026 09:00:00 +0000"))
    imap.logout()
    add_account(cli, dovecot, "--ca-file", str(dovecot.ca_file))
    cli("sync")
    threads = [json.loads(line) for line in cli("threads", "--folder", "INBOX", "--json").stdout.splitlines()]
    assert [(t["subject"], t["count"]) for t in threads] == [("Weekly report", 1), ("报价单", 3)]
    quote = threads[1]["messages"]
    assert [(m["folder"], m["message_id"], m["parent_message_id"]) for m in quote] == [
        ("INBOX", "<q1@x>", None), ("Sent", "<q2@x>", "<q1@x>"), ("INBOX", "<q3@x>", None)]
    # sync stored each message's conversation for the desktop list
    import sqlite3

    with sqlite3.connect(cli.profile / "liaison.sqlite3") as db:
        groups = db.execute("SELECT count(DISTINCT thread_id), count(*) FROM mail_messages "
                            "WHERE thread_id IS NOT NULL").fetchone()
    assert groups == (2, 4)
