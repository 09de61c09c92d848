"""Body decoding: charsets (declared, mislabelled, undeclared), transfer encodings, format=flowed."""

from __future__ import annotations

import base64

import pytest

from app.mail.reading.body_charset import decode_body
from app.mail.reading.flowed import unflow
from app.mail.reading.transfer_decoding import canonical_encoding, decode_base64, decode_transfer

ZH = "您好，请查收报价单。采购合同已签署，谢谢！如有问题请随时联系我们，我们会尽快答复。"
ZH_TRADITIONAL = "您好，請查收報價單。採購合同已簽署，謝謝！如有問題請隨時聯繫我們，我們會盡快答覆。"
JA = "こんにちは、見積書をご確認ください。契約書は署名済みです。よろしくお願いいたします。"
KO = "안녕하세요, 견적서를 확인해 주세요. 계약서에 서명했습니다. 감사합니다."
RU = "Здравствуйте, пожалуйста, посмотрите наше коммерческое предложение и договор."
DE = "Sehr geehrte Damen und Herren, anbei das Angebot für Größe und Qualität. Grüße"


@pytest.mark.parametrize("text, codec, label", [
    (ZH, "gbk", "gbk"),
    (ZH, "gb18030", "gb2312"),  # GB18030-only bytes under a GB2312 label
    ("䶮 ㈠ €" + ZH, "gb18030", "gb2312"),
    (ZH, "gbk", None),  # undeclared
    (ZH, "gbk", "iso-8859-1"),  # a weak label that "decodes" anything
    (ZH, "utf-8", "gb2312"),  # UTF-8 mislabelled as GB2312
    (ZH_TRADITIONAL, "big5", "big5"),
    (ZH_TRADITIONAL, "big5hkscs", "big5-hkscs"),
    (ZH_TRADITIONAL, "big5", "us-ascii"),  # undeclared Big5 labelled us-ascii
    (JA, "iso2022_jp", "iso-2022-jp"),
    (JA, "iso2022_jp", None),
    (JA, "shift_jis", "shift_jis"),
    (JA, "euc_jp", "euc-jp"),
    (KO, "euc_kr", "ks_c_5601-1987"),
    (KO, "euc_kr", "euc-kr"),
    (RU, "koi8_r", "koi8-r"),
    (RU, "cp1251", "windows-1251"),
    (DE, "cp1252", "windows-1252"),
    (DE, "latin-1", "iso-8859-1"),
    (ZH, "utf-7", "utf-7"),
    (ZH, "utf-16", "utf-16"),
    (ZH, "utf-8-sig", None),
])
def test_body_charsets_decode_to_the_text(text, codec, label):
    assert decode_body(text.encode(codec), label).text == text


def test_undeclared_gbk_is_detected_not_mojibake():
    decoded = decode_body(ZH.encode("gbk"), None)
    assert decoded.detected and decoded.charset == "gb18030"


def test_truly_broken_bytes_become_replacement_characters_not_errors():
    decoded = decode_body(b"\xfa\x00 ok \x81\xff", "utf-8")
    assert "ok" in decoded.text


@pytest.mark.parametrize("label, expected", [
    ("base64", "base64"), ("BASE64;", "base64"), ("base-64", "base64"),
    ("Quoted-Printable", "quoted-printable"), ("7-bit", "8bit"), ("plain", "8bit"),
    ("x-uuencode", "uuencode"), (None, "7bit"),
])
def test_sloppy_transfer_encoding_labels(label, expected):
    assert canonical_encoding(label) == expected


def test_broken_base64_keeps_what_is_there():
    encoded = base64.b64encode(ZH.encode("utf-8"))
    damaged = encoded[:40] + b"!!\r\n\t" + encoded[40:-3]  # junk inside, truncated end
    decoded = decode_base64(damaged).decode("utf-8", "replace")
    assert decoded.startswith(ZH[:20])


def test_base64_runs_padded_line_by_line():
    assert decode_base64(b"QQ==\r\nQkM=\r\n") == b"ABC"


def test_quoted_printable_with_stray_equals_signs():
    assert decode_transfer(b"caf=C3=A9 costs =20 5=EUR=\r\nok", "quoted-printable") == \
        "café costs   5=EURok".encode("utf-8")


def test_uuencoded_body():
    import binascii

    encoded = b"begin 644 a.txt\n" + binascii.b2a_uu(b"hello uuencode") + b"`\nend\n"
    assert decode_transfer(encoded, "x-uuencode") == b"hello uuencode"


def test_format_flowed_joins_soft_breaks_and_keeps_quotes_and_signature():
    text = "Hello there, this is \r\na flowed paragraph.\r\n\r\n> quoted soft \r\n> line\r\n>> deeper\r\n-- \r\nSig"
    assert unflow(text) == "Hello there, this is a flowed paragraph.\n\n> quoted soft line\n>> deeper\n-- \nSig"


def test_format_flowed_delsp_for_chinese():
    assert unflow("您好， \r\n世界 \r\n。", delsp=True) == "您好，世界。"


def test_format_flowed_space_stuffing_is_undone():
    assert unflow(" From the start\r\n >not a quote") == "From the start\n>not a quote"
