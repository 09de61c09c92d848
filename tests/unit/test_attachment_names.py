"""Attachment names: the true extension is always visible; what is written to disk is safe."""

from __future__ import annotations

import pytest

from app.mail.reading.attachment_names import name_warnings, revealed_name, safe_filename


@pytest.mark.parametrize("name, shown, warnings", [
    ("报价单.pdf", "报价单.pdf", []),
    ("invoice\u202efdp.exe", "invoicefdp.exe", ["bidi", "executable"]),
    ("invoice.pdf.exe", "invoice.pdf.exe", ["double-extension", "executable"]),
    ("invoice.pdf" + " " * 80 + ".exe", "invoice.pdf … .exe", ["padding", "double-extension", "executable"]),
    ("invoice.pdf" + "\u3000" * 20 + ".scr", "invoice.pdf … .scr", ["padding", "double-extension", "executable"]),
    ("a\u200bb\u2066c.js", "abc.js", ["bidi", "executable"]),
    ("report.docx", "report.docx", []),
])
def test_revealed_names_and_warnings(name, shown, warnings):
    assert revealed_name(name) == shown
    assert name_warnings(name) == warnings


@pytest.mark.parametrize("name, head, warning", [
    ("invoice.pdf", b"PK\x03\x04", "content-mismatch:zip"),
    ("photo.jpg", b"MZ\x90\x00", "content-mismatch:exe"),
])
def test_content_that_contradicts_the_name(name, head, warning):
    assert warning in name_warnings(name, head)


def test_matching_content_is_not_flagged():
    assert name_warnings("合同.docx", b"PK\x03\x04") == []
    assert name_warnings("scan.pdf", b"%PDF-1.7") == []


@pytest.mark.parametrize("name, expected", [
    ("../../etc/passwd", "_.._etc_passwd"),
    ("C:\\Windows\\evil.dll", "C__Windows_evil.dll"),
    ("CON.txt", "attachment_CON.txt"),
    ("nul", "attachment_nul"),
    ("", "attachment"),
    ("...", "attachment"),
    ("-rf", "rf"),
    ("a\x00b\x1fc.txt", "a b c.txt"),  # control characters shown as spaces
    ("invoice\u202efdp.exe", "invoicefdp.exe"),
])
def test_safe_filenames(name, expected):
    assert safe_filename(name) == expected


def test_long_names_are_cut_keeping_the_extension():
    name = "报价" * 200 + ".pdf"
    safe = safe_filename(name)
    assert safe.endswith(".pdf") and len(safe.encode("utf-8")) <= 200
