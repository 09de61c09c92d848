"""Envelope extraction: addresses, dates, attachments, and agreement with Python's parser."""

from __future__ import annotations

import email
from email.policy import compat32
from pathlib import Path

import pytest

from app.mail.reading.envelope import parse_addresses, parse_envelope
from tests.support.message_factory import make_message

CORPUS = Path(__file__).resolve().parent.parent / "data" / "mime"


@pytest.mark.parametrize("header, expected", [
    (b"a@example.com", [("", "a@example.com")]),
    (b"Zhang Wei <Zhang.Wei@Example.CN>", [("Zhang Wei", "zhang.wei@example.cn")]),
    (b"=?utf-8?b?5byg5LiJ?= <z@a.cn>, b@c.com", [("张三", "z@a.cn"), ("", "b@c.com")]),
    (b'"Doe, Jane" <jane@x.com>, bob@y.org', [("Doe, Jane", "jane@x.com"), ("", "bob@y.org")]),
    ("李娜 <li@qq.com>".encode("utf-8"), [("李娜", "li@qq.com")]),
    ("王芳 <w@163.com>".encode("gbk"), [("王芳", "w@163.com")]),
    (b"undisclosed-recipients:;", []),
    (b"jim@z.org (Jim Smith)", [("Jim Smith", "jim@z.org")]),  # RFC 822 comment form
])
def test_addresses(header, expected):
    assert parse_addresses(header) == expected


def test_broken_date_falls_back_to_internal_date():
    raw = b"From: a@b.c\r\nDate: Blursday, 45 Smarch 20x6\r\nSubject: x\r\n\r\nbody"
    assert parse_envelope(raw, internal_date=1_700_000_000).date == 1_700_000_000


def test_header_without_blank_line_before_body():
    raw = b"From: a@b.c\r\nSubject: hi\r\nthis line is body text\r\nmore"
    envelope = parse_envelope(raw, internal_date=0)
    assert envelope.subject == "hi" and envelope.from_addr == "a@b.c"


def _reference_attachments(raw: bytes):
    """What Python's full parser says are the attachments (name, type), for comparison."""
    found = []
    for part in email.message_from_bytes(raw, policy=compat32).walk():
        if part.is_multipart():
            continue
        ctype = part.get_content_type()
        name = part.get_filename()
        disposition = str(part.get("Content-Disposition") or "").split(";")[0].strip().lower()
        if ctype in ("text/plain", "text/html") and not name and disposition != "attachment":
            continue
        found.append((name or "", ctype))
    return found


@pytest.mark.parametrize("n", range(0, 60, 3))
def test_fast_attachment_walk_matches_the_full_parser(n):
    raw = make_message(n, attachment_every=3)
    fast = [(a.filename, a.content_type) for a in parse_envelope(raw).attachments]
    assert fast == _reference_attachments(raw)
    assert parse_envelope(raw).has_attachments == (n % 3 == 0)


def test_inline_cid_image_is_not_counted_as_an_attachment():
    raw = (b"Content-Type: multipart/related; boundary=XX\r\nFrom: a@b.c\r\n\r\n--XX\r\n"
           b"Content-Type: text/html\r\n\r\n<img src=cid:logo>\r\n--XX\r\n"
           b"Content-Type: image/png\r\nContent-ID: <logo>\r\nContent-Transfer-Encoding: base64\r\n\r\n"
           b"iVBORw0KGgo=\r\n--XX--\r\n")
    envelope = parse_envelope(raw)
    assert [(a.content_type, a.content_id, a.inline) for a in envelope.attachments] == [
        ("image/png", "logo", True)]
    assert not envelope.has_attachments


def test_deep_nesting_is_bounded():
    depth = 5000
    head = b"".join(b"Content-Type: multipart/mixed; boundary=b%d\r\n\r\n--b%d\r\n" % (i, i)
                    for i in range(depth))
    raw = b"From: a@b.c\r\n" + head + b"Content-Type: application/pdf; name=x.pdf\r\n\r\nxx\r\n"
    envelope = parse_envelope(raw)  # must not recurse or hang
    assert envelope.from_addr == "a@b.c"


def test_every_corpus_message_yields_an_envelope():
    files = [p for p in CORPUS.rglob("*") if p.is_file() and p.suffix not in (".tsv", ".md")
             and "LICENSE" not in p.name and "COPYING" not in p.name]
    assert len(files) > 400
    for path in files:
        envelope = parse_envelope(path.read_bytes(), internal_date=0)
        assert isinstance(envelope.subject, str)
