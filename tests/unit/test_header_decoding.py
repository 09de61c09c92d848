"""RFC 2047 and raw 8-bit header decoding, with the mislabelled charsets real mail uses."""

from __future__ import annotations

import base64

import pytest

from app.mail.reading.header_decoding import decode_bytes, decode_header_bytes, normalise_charset


def b64(text: str, codec: str) -> str:
    return base64.b64encode(text.encode(codec)).decode()


@pytest.mark.parametrize("raw, expected", [
    (b"plain ascii", "plain ascii"),
    (b"=?utf-8?q?caf=C3=A9?=", "café"),
    (b"=?UTF-8?B?" + b64("你好", "utf-8").encode() + b"?=", "你好"),
    # GB18030-only character (the euro sign is cp936, 'ㄦ' etc.) under a gb2312 label
    (b"=?gb2312?B?" + b64("報價 €", "gb18030").encode() + b"?=", "報價 €"),
    (b"=?GBK?B?" + b64("客户关系", "gbk").encode() + b"?=", "客户关系"),
    # adjacent encoded-words: the whitespace between them is not text
    (b"=?utf-8?q?a?= =?utf-8?q?b?=", "ab"),
    (b"=?utf-8?q?a?=\r\n =?utf-8?q?b?= c", "ab c"),
    # base64 without padding, and an unknown charset label
    (b"=?utf-8?b?5L2g5aW9?=", "你好"),
    (b"=?x-unknown-thing?q?hello?=", "hello"),
    ("原始 UTF-8 主题".encode("utf-8"), "原始 UTF-8 主题"),
    ("原始 GBK 主题".encode("gbk"), "原始 GBK 主题"),
    (b"=?ks_c_5601-1987?B?" + b64("한국어", "cp949").encode() + b"?=", "한국어"),
    (b"=?iso-2022-jp?B?" + b64("日本語", "iso-2022-jp").encode() + b"?=", "日本語"),
    (b"=?big5?B?" + b64("繁體中文", "big5").encode() + b"?=", "繁體中文"),
    (b"nul\x00and\x07bell", "nul and bell"),
])
def test_decode_header_bytes(raw, expected):
    assert decode_header_bytes(raw) == expected


def test_multibyte_character_split_across_words_is_rejoined():
    data = "报价单".encode("utf-8")
    raw = (b"=?utf-8?b?" + base64.b64encode(data[:4]) + b"?= =?utf-8?b?"
           + base64.b64encode(data[4:]) + b"?=")
    assert decode_header_bytes(raw) == "报价单"


def test_gb_labels_map_to_gb18030():
    assert normalise_charset("GB2312") == normalise_charset("gbk") == "gb18030"
    assert normalise_charset("utf-8*en") == "utf-8"
    assert normalise_charset("no-such-charset") is None


def test_undecodable_bytes_never_raise():
    assert isinstance(decode_bytes(bytes(range(256))), str)
