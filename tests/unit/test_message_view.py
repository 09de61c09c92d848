"""The reader's view of a message: body choice, attachments, hostile structure, the corpus."""

from __future__ import annotations

import base64
import mailbox
import tracemalloc
from email.message import EmailMessage
from pathlib import Path

import pytest

from app.mail.reading.message_view import attachment_by_number, build_view
from tests.support.tnef_builder import build_tnef

CORPUS = Path(__file__).resolve().parent.parent / "data" / "mime"
_NOT_MESSAGES = {"MANIFEST.tsv", ".gitattributes"}


def corpus_messages():
    """(label, raw bytes) of every message in the hostile corpus, mbox files split."""
    for path in sorted(CORPUS.rglob("*")):
        if not path.is_file() or path.name in _NOT_MESSAGES or path.suffix == ".md" \
                or path.name.upper().startswith(("LICENSE", "COPYING", "AUTHORS", "README")):
            continue
        if path.suffix == ".mbox":
            for number, message in enumerate(mailbox.mbox(str(path))):
                yield f"{path.relative_to(CORPUS)}#{number}", message.as_bytes()
        else:
            yield str(path.relative_to(CORPUS)), path.read_bytes()


def crlf(text: str) -> bytes:
    return text.replace("\n", "\r\n").encode("utf-8")


def test_alternative_keeps_plain_for_text_and_html_for_the_reader():
    msg = EmailMessage()
    msg["Subject"] = "hi"
    msg.set_content("plain 你好")
    msg.add_alternative("<p>rich <b>你好</b></p>", subtype="html")
    view = build_view(msg.as_bytes())
    assert view.text == "plain 你好"
    assert view.has_html and "<b>你好</b>" in view.segments[0].html


def test_html_only_message_reads_as_text():
    msg = EmailMessage()
    msg.set_content("<html><body><p>Only <i>HTML</i></p><script>x()</script></body></html>", subtype="html")
    assert build_view(msg.as_bytes()).text == "Only HTML"


def test_related_images_are_resources_not_body():
    msg = EmailMessage()
    msg.set_content("text")
    msg.add_alternative('<p>logo: <img src="cid:logo@x"></p>', subtype="html")
    msg.get_payload()[1].add_related(b"\x89PNG\r\n\x1a\nfake", "image", "png", cid="<logo@x>")
    msg.add_attachment("名单".encode("utf-8"), maintype="text", subtype="csv", filename="客户名单.csv")
    view = build_view(msg.as_bytes())
    logo = view.resource("logo@x")
    assert logo is not None and logo.inline and logo.data().startswith(b"\x89PNG")
    assert [a.name for a in view.attachments if not a.inline] == ["客户名单.csv"]
    assert view.text == "text"


def test_attachments_numbered_with_names_types_and_sizes():
    msg = EmailMessage()
    msg.set_content("see attached")
    msg.add_attachment(b"%PDF-1.4" + b"x" * 10_000, maintype="application", subtype="pdf",
                       filename="报价单 2026.pdf")
    msg.add_attachment(b"PK\x03\x04zip", maintype="application", subtype="octet-stream",
                       filename="invoice.pdf")
    view = build_view(msg.as_bytes())
    first, second = view.attachments
    assert (first.number, first.name, first.content_type) == (1, "报价单 2026.pdf", "application/pdf")
    assert abs(first.size - 10_008) <= 3 and first.warnings == []
    assert second.warnings == ["content-mismatch:zip"]
    assert attachment_by_number(view, 2).data() == b"PK\x03\x04zip"
    assert attachment_by_number(view, 3) is None


@pytest.mark.parametrize("disposition, expected", [
    # RFC 2231 with a charset and continuations
    ("attachment; filename*0*=UTF-8''%E6%8A%A5%E4%BB%B7; filename*1*=%E5%8D%95.pdf", "报价单.pdf"),
    # RFC 2231 in GBK, labelled gb2312
    ("attachment; filename*=gb2312''%B1%A8%BC%DB%B5%A5.xlsx", "报价单.xlsx"),
    # RFC 2047 inside the quoted string (not allowed, sent by everyone)
    ('attachment; filename="=?GBK?B?' + base64.b64encode("合同.docx".encode("gbk")).decode() + '?="',
     "合同.docx"),
])
def test_attachment_filename_encodings(disposition, expected):
    raw = crlf("From: a@b.c\nSubject: f\nMIME-Version: 1.0\nContent-Type: multipart/mixed; boundary=XX\n\n"
               "--XX\nContent-Type: text/plain\n\nbody\n--XX\nContent-Type: application/octet-stream\n"
               f"Content-Disposition: {disposition}\nContent-Transfer-Encoding: base64\n\nAAAA\n--XX--\n")
    assert [a.name for a in build_view(raw).attachments] == [expected]


def test_raw_8bit_gbk_filename():
    head = b"From: a@b.c\r\nContent-Type: multipart/mixed; boundary=XX\r\n\r\n--XX\r\n"
    part = b'Content-Type: application/pdf; name="' + "报价单.pdf".encode("gbk") + b'"\r\n\r\n%PDF\r\n--XX--\r\n'
    assert [a.name for a in build_view(head + part).attachments] == ["报价单.pdf"]


def test_gbk_message_with_encoded_words_and_body_labelled_gb2312():
    subject = base64.b64encode("关于采购合同的报价（€计价）".encode("gb18030")).decode()
    body = base64.b64encode("张经理您好：\n附件是最新报价，请查收。".encode("gb18030")).decode()
    raw = (f"From: =?gb2312?B?{base64.b64encode('张伟'.encode('gbk')).decode()}?= <zw@huaxin.cn>\r\n"
           f"Subject: =?gb2312?B?{subject}?=\r\nContent-Type: text/plain; charset=gb2312\r\n"
           f"Content-Transfer-Encoding: base64\r\n\r\n{body}\r\n").encode("ascii")
    view = build_view(raw)
    assert view.envelope.subject == "关于采购合同的报价（€计价）"
    assert view.envelope.from_name == "张伟"
    assert view.text == "张经理您好：\n附件是最新报价，请查收。"


def test_winmail_dat_is_replaced_by_the_files_inside():
    msg = EmailMessage()
    msg.set_content("Outlook rich text")
    blob = build_tnef([("quote.pdf", b"%PDF-1.4 q"), ("notes.txt", b"remember")])
    msg.add_attachment(blob, maintype="application", subtype="ms-tnef", filename="winmail.dat")
    view = build_view(msg.as_bytes())
    assert [(a.name, a.data()) for a in view.attachments] == [("quote.pdf", b"%PDF-1.4 q"),
                                                              ("notes.txt", b"remember")]


def test_unreadable_winmail_dat_stays_as_is():
    msg = EmailMessage()
    msg.set_content("x")
    msg.add_attachment(b"\x78\x9f\x3e\x22broken", maintype="application", subtype="ms-tnef",
                       filename="winmail.dat")
    assert [a.name for a in build_view(msg.as_bytes()).attachments] == ["winmail.dat"]


def test_forwarded_message_is_an_eml_attachment_and_bounce_report_is_readable():
    inner = crlf("From: x@y.z\nSubject: 原始邮件\n\ninner body\n")
    raw = crlf("From: MAILER-DAEMON@b.c\nSubject: Undelivered\nContent-Type: multipart/report; "
               "report-type=delivery-status; boundary=R\n\n--R\nContent-Type: text/plain\n\nCould not deliver.\n"
               "--R\nContent-Type: message/delivery-status\n\nStatus: 5.1.1\nAction: failed\n"
               "--R\nContent-Type: message/rfc822\n\n") + inner + b"\r\n--R--\r\n"
    view = build_view(raw)
    assert "Could not deliver." in view.text and "Status: 5.1.1" in view.text
    assert [a.name for a in view.attachments] == ["原始邮件.eml"]


def test_bidi_and_double_extension_names_are_revealed():
    msg = EmailMessage()
    msg.set_content("x")
    msg.add_attachment(b"MZ\x90\x00", maintype="application", subtype="octet-stream",
                       filename="invoice\u202efdp.exe")
    attachment = build_view(msg.as_bytes()).attachments[0]
    assert attachment.shown_name == "invoicefdp.exe"
    assert {"bidi", "executable"} <= set(attachment.warnings)


def test_deep_nesting_stops_at_the_depth_limit():
    depth = 5000
    raw = b"From: a@b.c\r\nSubject: deep\r\n"
    for level in range(depth):
        raw += b"Content-Type: multipart/mixed; boundary=b%d\r\n\r\n--b%d\r\n" % (level, level)
    raw += b"Content-Type: text/plain\r\n\r\nthe bottom\r\n"
    view = build_view(raw)  # must neither recurse out of stack nor take long
    assert view.envelope.subject == "deep"


def test_header_bomb_still_finds_subject_and_body():
    raw = b"From: a@b.c\r\n" + b"X-Spam: " + b"a" * 50 + b"\r\n" * 0
    raw += b"".join(b"X-Filler-%d: %s\r\n" % (n, b"v" * 60) for n in range(50_000))
    raw += b"Subject: =?utf-8?b?5rWL6K+V?=\r\n\r\nbody after the bomb\r\n"
    view = build_view(raw)
    assert view.envelope.subject == "测试" and view.text == "body after the bomb"


def test_thousands_of_parts_are_capped():
    raw = b"From: a@b.c\r\nContent-Type: multipart/mixed; boundary=P\r\n\r\n"
    raw += b"".join(b"--P\r\nContent-Type: application/x-a; name=f%d.bin\r\n\r\nxx\r\n" % n for n in range(20_000))
    raw += b"--P--\r\n"
    assert 900 <= len(build_view(raw).attachments) < 1000


def test_unparsable_message_still_shows_headers_and_raw_text(monkeypatch):
    import app.mail.reading.message_view as message_view

    def broken(_raw):
        raise ValueError("simulated parser failure")

    monkeypatch.setattr(message_view, "parse_tree", broken)
    view = build_view(crlf("From: Zhang <z@a.cn>\nSubject: still here\n\nraw 正文 text\n"))
    assert view.problems == ["unparsable"]
    assert view.envelope.subject == "still here" and "raw 正文 text" in view.text


CHARSET_CASES = {
    "mikel-mail/multi_charset/japanese_shift_jis.eml": ("test", "あいうえお"),
    "mikel-mail/multi_charset/japanese_iso_2022.eml": ("まみむめも", "すみません。"),
    "mikel-mail/multi_charset/ks_c_5601-1987.eml": ("test", "스티해"),
    "spamscope-mail-parser/mail_test_12": ("代开各地增值税发票", "我公司可代开各类增值税发票"),
    "enmime/parts/chardet-success-big-5.raw": ("", "顏之推"),
    "enmime/parts/chardet-success-iso-8859-1.raw": ("", "Drachenköpfe"),
    "enmime/parts/chardet-fail-not-long-enough.raw": ("", "和弟弟"),
}


@pytest.mark.parametrize("path", sorted(CHARSET_CASES))
def test_corpus_charset_cases_read_as_expected(path):
    subject, fragment = CHARSET_CASES[path]
    view = build_view((CORPUS / path).read_bytes())
    assert view.envelope.subject == subject
    assert fragment in view.text


def test_whole_hostile_corpus_parses_with_bounded_memory():
    """Every corpus message through parse, text, attachments and HTML preparation."""
    from app.mail.reading.html_sanitise import sanitise_html

    count = 0
    tracemalloc.start()
    try:
        for label, raw in corpus_messages():
            tracemalloc.reset_peak()
            view = build_view(raw)
            assert isinstance(view.text, str), label
            for attachment in view.attachments:
                attachment.data()
            for segment in view.segments:
                if segment.html is not None:
                    sanitise_html(segment.html)
            peak = tracemalloc.get_traced_memory()[1]
            assert peak < 200 * 1024 * 1024, (label, peak)
            count += 1
    finally:
        tracemalloc.stop()
    assert count >= 580
