"""Building outgoing messages: encodings, structure, header injection, Markdown, replies."""

from __future__ import annotations

import email
from email.policy import default

import pytest

from app.mail.sending.markdown_html import markdown_to_html
from app.mail.sending.outgoing import HeaderInjection, Outgoing, OutgoingAttachment, build_message, parse_recipients


def message(**changes) -> Outgoing:
    values = dict(from_name="李雷", from_addr="li.lei@example.com", to=[("张伟", "zw@huaxin.cn")],
                  subject="报价", body="**hi**")
    values.update(changes)
    return Outgoing(**values)


@pytest.mark.parametrize("changes", [
    {"subject": "a\r\nBcc: x@y.z"}, {"subject": "nul\x00"}, {"from_name": "Me\nBcc: x@y.z"},
    {"to": [("Evil\rX", "a@b.cn")]}, {"attachments": [OutgoingAttachment("a\r\nb.pdf", b"")]},
    {"in_reply_to": "<a@b>\r\nBcc: x@y.z"}, {"references": ["<a@b>", "<c@d>\nX: y"]},
])
def test_line_breaks_and_nul_in_any_header_are_refused(changes):
    with pytest.raises(HeaderInjection):
        build_message(message(**changes))


def test_recipients_are_validated_with_the_reason():
    assert parse_recipients("张伟 <ZW@Huaxin.cn>, a@b.cn") == [("张伟", "zw@huaxin.cn"), ("", "a@b.cn")]
    with pytest.raises(Exception, match="has no @"):
        parse_recipients("zw.huaxin.cn")


def test_structure_and_encodings():
    raw = build_message(message(cc=[("Anna Schmidt", "anna@x.de")], bcc=[("", "boss@x.cn")],
                                attachments=[OutgoingAttachment("报价单 2026.pdf", b"%PDF")],
                                in_reply_to="<q1@x>", references=["<q0@x>", "<q1@x>"]))
    parsed = email.message_from_bytes(raw, policy=default)
    assert parsed.get_content_type() == "multipart/mixed"
    assert [p.get_content_type() for p in parsed.walk()][:4] == [
        "multipart/mixed", "multipart/alternative", "text/plain", "text/html"]
    assert str(parsed["Subject"]) == "报价" and parsed["In-Reply-To"] == "<q1@x>"
    assert parsed["References"] == "<q0@x> <q1@x>" and "boss@x.cn" not in raw.decode("ascii")
    assert b"filename*=utf-8''" in raw or b'filename="=?utf-8?' in raw
    assert next(parsed.iter_attachments()).get_filename() == "报价单 2026.pdf"


def test_markdown_html_escapes_raw_html_and_styles_inline():
    html = markdown_to_html("| a | b |\n|---|---|\n| 1 | 2 |\n\n<img src=x onerror=alert(1)>\n\n> quoted")
    assert "<table style=" in html and "<td style=" in html and "<blockquote style=" in html
    assert "<img" not in html and "&lt;img" in html


def test_incremental_preview_matches_the_sent_html_and_reuses_blocks():
    import re

    from app.mail.sending.markdown_html import PreviewRenderer

    source = ("# 报价\n\n第一段\n第二行\n\n| 型号 | 单价 |\n|---|---|\n| A | ¥386 |\n\n```\ncode\n\nmore code\n```\n\n"
              "- one\n- two\n\n> quoted")

    def inner(html):
        return re.sub(r"\s+", "", re.sub(r"<!DOCTYPE.*?<body>|</body></html>", "", html))

    renderer = PreviewRenderer()
    assert inner(renderer.render(source)) == inner(markdown_to_html(source))
    cached = dict(renderer._cache)
    renderer.render(source.replace("第一段", "第一段（改）"))
    assert sum(1 for block in renderer._cache if block not in cached) == 1  # one block converted again


PASTED_SEPARATORS = ["\x0b", "\x0c", "\x1c", "\x85", "\u2028", "\u2029"]  # VT FF FS NEL LS PS


@pytest.mark.parametrize("separator", PASTED_SEPARATORS)
def test_pasted_line_separators_in_a_subject_become_spaces(separator):
    sent = email.message_from_bytes(build_message(message(subject=f"报价{separator}第二版 Q3")), policy=default)
    assert str(sent["Subject"]) == "报价 第二版 Q3"


@pytest.mark.parametrize("separator", PASTED_SEPARATORS)
def test_pasted_line_separators_elsewhere_are_one_clear_refusal(separator):
    with pytest.raises(HeaderInjection, match="line break"):
        build_message(message(from_name=f"Li{separator}Lei"))
    with pytest.raises(HeaderInjection, match="attachment name"):
        build_message(message(attachments=[OutgoingAttachment(f"a{separator}b.pdf", b"")]))


def test_the_composer_sends_a_pasted_subject_on_one_line():
    from types import SimpleNamespace

    from app.mail.sending.drafts import DraftData, outgoing_from_draft

    account = SimpleNamespace(display_name="李雷", email="li.lei@example.com")
    draft = DraftData(account_id=1, to="zw@huaxin.cn", subject="Angebot\u2028Q3\x0bfinal", body="hi")
    outgoing = outgoing_from_draft(account, draft)
    assert outgoing.subject == "Angebot Q3 final"
    sent = email.message_from_bytes(build_message(outgoing), policy=default)
    assert str(sent["Subject"]) == "Angebot Q3 final"
