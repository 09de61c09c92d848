"""Decoding that must agree with established parsers on the corpus (issue 23, item 8).

The expectations are what the Hunnysoft samples and Dovecot's MIME set obviously say (the
German text of "Die Hasen und die Frösche", the names Jürgen Schmürgen and Heinz Müller),
which is also what zbateson/mail-mime-parser's own test suite expects of them.
"""

from __future__ import annotations

from pathlib import Path

from app.mail.reading.body_charset import decode_body
from app.mail.reading.envelope import parse_addresses, parse_envelope
from app.mail.reading.message_view import build_view
from app.mail.reading.transfer_decoding import decode_base64

CORPUS = Path(__file__).resolve().parent.parent / "data" / "mime"
HUNNYSOFT = CORPUS / "zbateson-mail-mime-parser" / "emails"
DOVECOT = CORPUS / "stalwart-mail-parser" / "eml"


def _view(path: Path):
    return build_view(path.read_bytes())


def test_display_name_mixing_plain_and_encoded_words_is_decoded_once():
    # m2007: "To: Heinz =?iso-8859-1?Q?M\xfcller?=" (a raw 8-bit byte inside the encoded word)
    assert _view(HUNNYSOFT / "m2007.txt").envelope.to == [("Heinz Müller", "mueller@example.com")]
    assert parse_addresses(b"Heinz =?iso-8859-1?Q?M=FCller?= <m@x.de>") == [("Heinz Müller", "m@x.de")]
    assert parse_addresses(b"Zhang =?utf-8?b?5byg5LiJ?= <z@a.cn>") == [("Zhang 张三", "z@a.cn")]


def test_raw_8bit_headers_use_the_charset_the_message_declares():
    # m0001: raw "Fr\xf6sche" and "J\xfcrgen Schm\xfcrgen" in a message whose body is iso-8859-1
    envelope = _view(HUNNYSOFT / "m0001.txt").envelope
    assert envelope.subject == "Die Hasen und die Frösche (Microsoft Outlook 00)"
    assert envelope.to == [("Jürgen Schmürgen", "schmuergen@example.com")]
    # m2012: a raw 8-bit attachment name, in the message list (sync) and in the reader alike
    raw = (HUNNYSOFT / "m2012.txt").read_bytes()
    assert "HasenundFrösche.txt" in [a.filename for a in parse_envelope(raw).attachments]
    assert "HasenundFrösche.txt" in [a.name for a in build_view(raw).attachments]


def test_raw_8bit_chinese_headers_in_gbk_mail_keep_working():
    raw = ("From: 王芳 <w@163.com>\r\nTo: 李娜 <l@qq.com>\r\nSubject: 报价单\r\n"
           'Content-Type: multipart/mixed; boundary="b"\r\n\r\n'
           '--b\r\nContent-Type: text/plain; charset="gb2312"\r\n\r\n你好\r\n'
           '--b\r\nContent-Type: text/plain; charset="iso-8859-1"; name="客户.txt"\r\n\r\nx\r\n'
           "--b--\r\n").encode("gbk")
    view = build_view(raw)
    assert (view.envelope.subject, view.envelope.from_name) == ("报价单", "王芳")
    assert view.envelope.to == [("李娜", "l@qq.com")]
    assert [a.name for a in view.attachments] == ["客户.txt"]
    assert [a.filename for a in parse_envelope(raw).attachments] == ["客户.txt"]


def test_declared_windows_1252_that_decodes_cleanly_is_trusted():
    # Dovecot malformed/018: charset="Windows-1252", "BlackBerry=AE" is the registered sign
    assert "BlackBerry® de Vodafone" in _view(DOVECOT / "malformed" / "018.eml").text
    german = "Sehr geehrte Damen und Herren, anbei das Angebot für Größe und Qualität. Grüße ®"
    assert decode_body(german.encode("cp1252"), "windows-1252").text == german
    # Chinese mislabelled with a single-byte label is still recognised (test_decoding has more)
    chinese = "您好，请查收报价单。采购合同已签署，谢谢！如有问题请随时联系我们。"
    assert decode_body(chinese.encode("gbk"), "iso-8859-1").text == chinese


def test_part_with_two_content_types_still_shows_its_text_and_html():
    # Dovecot malformed/020 and 021: "Content-Type: multipart/alternative" then
    # "Content-Type: text/plain" in one part; the first field wins, as in Dovecot and Python,
    # and the empty part before the unclosed final delimiter must not hide the HTML's text.
    for name, words in (("020.eml", "HTML Body"), ("021.eml", "áóúäöüß")):
        view = _view(DOVECOT / "malformed" / name)
        assert view.has_html and words in view.segments[0].html
        assert words in view.text


def test_base64_stops_at_the_padding_of_its_line():
    # Dovecot thirdparty/002: "ecO2dMOkIHZhYW4uCg== ignored"
    assert decode_base64(b"ecO2dMOkIHZhYW4uCg== ignored\r\n") == "yötä vaan.\n".encode()
    assert "yötä vaan." in _view(DOVECOT / "thirdparty" / "002.eml").text
    # a run padded on every line is still several runs, each decoded
    assert decode_base64(b"YQ==\r\nYg==\r\n") == b"ab"


def test_boundary_parameter_folded_across_lines():
    # Dovecot thirdparty/012: boundary="foo<CRLF> bar" is the boundary "foo bar" (RFC 5322 unfolding)
    raw = (DOVECOT / "thirdparty" / "012.eml").read_bytes()
    parts = ["text/x-myown", "message/rfc822"]
    view = build_view(raw)
    assert [(a.content_type, a.name) for a in view.attachments] == list(zip(parts, ["", "submsg.eml"]))
    assert "Root MIME prologue" not in view.text
    assert [a.content_type for a in parse_envelope(raw).attachments] == parts


def test_raw_latin_1_headers_without_any_declared_charset_are_not_read_as_chinese():
    # m2010 declares only us-ascii, m0009 nothing at all: "J\xfcrgen" and "M\xfcller" are latin-1
    assert _view(HUNNYSOFT / "m2010.txt").envelope.to == [("Jürgen Schmürgen", "jschmuergen@example.com")]
    envelope = _view(HUNNYSOFT / "m0009.txt").envelope
    assert (envelope.subject, envelope.to) == ("Die Hasen und die Frösche (Microsoft Outlook 00)",
                                               [("Heinz Müller", "mueller@example.com")])
    # undeclared raw GBK still reads as Chinese, a rare (GBK-only) character included
    assert parse_addresses("朱镕基 <z@gov.cn>".encode("gbk")) == [("朱镕基", "z@gov.cn")]
