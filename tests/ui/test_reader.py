"""The reader over mail synced from a real Dovecot: no leaks, inline images, attachments,
links, conversations, source (pytest-qt)."""

from __future__ import annotations

import base64
from contextlib import closing

import pytest
from PySide6.QtCore import QUrl
from PySide6.QtGui import QTextDocument

from app.store import cipher
from app.ui.attachment_list import WARNED_ROLE
from tests.support.canary import PIXEL, Canary
from tests.support.message_factory import make_message
from tests.ui.waiting import select_row_where

pytestmark = pytest.mark.integration


def html_message(subject: str, html: str, sender: str = "news@shop.example", extra_headers: str = "",
                 charset: str = "utf-8") -> bytes:
    return (f"From: Shop <{sender}>\r\nTo: sales@example.com\r\nSubject: {subject}\r\n"
            f"Date: Mon, 02 Nov 2026 09:00:00 +0000\r\nMessage-ID: <{subject.replace(' ', '-')}@shop>\r\n"
            f"{extra_headers}MIME-Version: 1.0\r\nContent-Type: text/html; charset={charset}\r\n"
            "Content-Transfer-Encoding: base64\r\n\r\n").encode() + base64.encodebytes(html.encode(charset))


def tricks(base: str) -> str:
    """Every way a message tries to make the reader fetch something."""
    return f"""<html><head>
<meta http-equiv="refresh" content="0;url={base}/refresh">
<link rel="stylesheet" href="{base}/link.css"><link rel="preload" href="{base}/preload.png">
<style>@import url("{base}/import.css"); @import '{base}/import2.css';
body {{ background: url({base}/bg.png); }} @font-face {{ font-family: x; src: url({base}/font.woff); }}
p.t {{ background-image: url('{base}/class-bg.png') }}</style>
<script src="{base}/script.js"></script></head>
<body background="{base}/body-bg.png">
<p class="t">Visible text 可见文字</p>
<img src="{base}/pixel.gif" width="1" height="1"><img src="//{base[7:]}/scheme-relative.gif">
<img srcset="{base}/srcset.png 2x" src="cid:missing"><picture><source srcset="{base}/source.png"></picture>
<div style="background-image:url({base}/inline-style.png)">styled</div>
<table background="{base}/table-bg.png"><tr><td background="{base}/td-bg.png">cell</td></tr></table>
<svg><image href="{base}/svg.png"/><image xlink:href="{base}/svg2.png"/></svg>
<iframe src="{base}/iframe"></iframe><object data="{base}/object"></object><embed src="{base}/embed">
<video poster="{base}/poster.png" src="{base}/video.mp4"></video><audio src="{base}/audio.mp3"></audio>
<input type="image" src="{base}/input.png"><form action="{base}/form"><input name="q"></form>
<a href="{base}/link">a link is fine, it is not loaded</a>
</body></html>"""


def select_subject(window, subject: str) -> None:
    """Select the message and wait until the reader shows it (it is prepared off the GUI thread)."""
    select_row_where(window, 1, subject, exact=False)


@pytest.fixture
def reader_window(open_window, account, run_sync):
    window, _service = open_window(start=False)

    def deliver(imap, *messages, folder="INBOX"):
        for raw in messages:
            imap.append(folder, raw)
        run_sync()
        window.reload_folders()
        window.messages.refresh()

    return window, deliver


def test_rendering_makes_no_network_request(qtbot, reader_window, imap):
    window, deliver = reader_window
    with Canary() as canary:
        deliver(imap, html_message("Tricks", tricks(canary.base)),
                html_message("Tricks GBK", tricks(canary.base).replace("Visible text", "正文"), charset="gbk"))
        for subject in ("Tricks", "Tricks GBK", "Tricks"):
            select_subject(window, subject)
            qtbot.wait(300)
        assert "可见文字" in window.body.toPlainText()
        assert window.body.refused_remote, "the loader was asked for remote content and refused it"
        assert (not window.reader.remote_bar.isHidden())
        assert canary.hits == 0, canary.paths


def test_remote_content_loads_for_this_message_or_always_for_the_sender(qtbot, reader_window, imap, store):
    window, deliver = reader_window
    with Canary() as canary:
        page = f'<p>Hello</p><img src="{canary.base}/pixel.gif">'
        deliver(imap, html_message("First", page), html_message("Second", page))
        select_subject(window, "First")
        assert (not window.reader.remote_bar.isHidden()) and canary.hits == 0

        window.reader.load_remote_button.click()
        qtbot.waitUntil(lambda: canary.paths == ["/pixel.gif"], timeout=5000)
        qtbot.waitUntil(lambda: not window.body.refused_remote, timeout=5000)
        image = window.body.document().resource(QTextDocument.ResourceType.ImageResource,
                                                QUrl(f"{canary.base}/pixel.gif"))
        assert image is not None and not (not window.reader.remote_bar.isHidden())

        select_subject(window, "Second")  # "for this message" did not cover the next one
        assert (not window.reader.remote_bar.isHidden()) and canary.hits == 1

        window.reader.trust_sender_button.click()
        qtbot.waitUntil(lambda: canary.hits == 2, timeout=5000)
        with closing(cipher.connect(store.path, None)) as db:
            assert db.execute("SELECT addr FROM remote_content_senders").fetchall() == [("news@shop.example",)]


def related_message() -> bytes:
    png = base64.encodebytes(PIXEL).decode()
    return ("From: Zhang <zw@huaxin.cn>\r\nTo: sales@example.com\r\nSubject: Logo\r\n"
            "Date: Mon, 02 Nov 2026 09:00:00 +0000\r\nMIME-Version: 1.0\r\n"
            "Content-Type: multipart/mixed; boundary=M\r\n\r\n--M\r\n"
            "Content-Type: multipart/related; boundary=R\r\n\r\n--R\r\nContent-Type: text/html; charset=utf-8\r\n\r\n"
            '<p>报价见附件 <img src="cid:logo@huaxin"></p>\r\n--R\r\nContent-Type: image/gif\r\n'
            f"Content-ID: <logo@huaxin>\r\nContent-Transfer-Encoding: base64\r\n\r\n{png}--R--\r\n"
            "--M\r\nContent-Type: application/pdf\r\nContent-Disposition: attachment; filename=\"报价单.pdf\"\r\n"
            "Content-Transfer-Encoding: base64\r\n\r\nJVBERi0xLjQgcXVvdGU=\r\n"
            "--M\r\nContent-Type: application/octet-stream\r\nContent-Disposition: attachment; "
            "filename=\"invoice.pdf.exe\"\r\nContent-Transfer-Encoding: base64\r\n\r\nTVqQAA==\r\n--M--\r\n").encode()


def test_inline_images_and_attachments(qtbot, reader_window, imap, tmp_path, monkeypatch):
    window, deliver = reader_window
    deliver(imap, related_message())
    select_subject(window, "Logo")
    image = window.body.document().resource(QTextDocument.ResourceType.ImageResource, QUrl("cid:logo@huaxin"))
    assert image is not None and not image.isNull()
    assert "报价见附件" in window.body.toPlainText()

    listing = window.reader.attachments
    assert (not listing.isHidden()) and listing.count() == 2
    assert "报价单.pdf" in listing.item(0).text() and listing.item(1).data(WARNED_ROLE)

    saved = listing.save_all(str(tmp_path))
    assert sorted(p.name for p in saved) == ["invoice.pdf.exe", "报价单.pdf"]
    assert (tmp_path / "报价单.pdf").read_bytes() == b"%PDF-1.4 quote"

    opened, warned = [], []
    monkeypatch.setattr("app.ui.attachment_list.QDesktopServices.openUrl", lambda url: opened.append(url))
    monkeypatch.setattr("app.ui.attachment_list.QMessageBox.warning", lambda *a, **k: warned.append(a))
    pdf, program = window.reader.view_attachments()
    assert listing.open_attachment(program) is None and warned and not opened
    path = listing.open_attachment(pdf)
    assert path.read_bytes() == b"%PDF-1.4 quote" and opened == [QUrl.fromLocalFile(str(path))]


def test_links_show_their_target_and_deceptive_ones_ask(qtbot, reader_window, imap, monkeypatch):
    window, deliver = reader_window
    deliver(imap, html_message("Links", '<a href="https://icbc-secure.example.ru/login">https://www.icbc.com.cn</a>'
                               ' <a href="https://shop.example/offer">our offer</a>'))
    select_subject(window, "Links")
    opened, asked = [], []
    monkeypatch.setattr("app.ui.reader_pane.QDesktopServices.openUrl", lambda url: opened.append(url.toString()))
    monkeypatch.setattr(window.reader, "confirm_deceptive_link", lambda shown, target: asked.append(shown) or False)

    window.body.link_clicked.emit(QUrl("https://icbc-secure.example.ru/login"))
    assert asked == ["www.icbc.com.cn"] and opened == []
    window.body.link_clicked.emit(QUrl("https://shop.example/offer"))
    assert opened == ["https://shop.example/offer"] and len(asked) == 1

    with qtbot.waitSignal(window.body.link_hovered) as hovered:
        window.body.highlighted.emit(QUrl("https://icbc-secure.example.ru/login"))
    assert hovered.args == ["https://icbc-secure.example.ru/login"]


def test_conversation_mode_groups_the_list_and_shows_the_exchange(qtbot, reader_window, imap):
    window, deliver = reader_window

    def message(mid, sender, subject, date, body, refs=""):
        extra = f"In-Reply-To: {refs.split()[-1]}\r\nReferences: {refs}\r\n" if refs else ""
        return (f"From: {sender}\r\nTo: sales@example.com\r\nSubject: {subject}\r\nDate: {date}\r\n"
                f"Message-ID: {mid}\r\n{extra}Content-Type: text/plain; charset=utf-8\r\n\r\n{body}").encode()

    quoted = "\r\n".join(f"> earlier line {n}" for n in range(8))
    deliver(imap,
            message("<a@x>", "张伟 <zw@huaxin.cn>", "报价单", "Mon, 02 Nov 2026 09:00:00 +0000", "请查收报价。"),
            message("<b@x>", "李娜 <li@qq.com>", "回复: 报价单", "Mon, 02 Nov 2026 11:00:00 +0000",
                    f"收到，谢谢。\r\n{quoted}\r\n", refs="<a@x>"),
            make_message(1))
    deliver(imap, message("<c@x>", "Me <sales@example.com>", "Re: 报价单", "Mon, 02 Nov 2026 10:00:00 +0000",
                          "Sent from the other side", refs="<a@x>"), folder="Sent")
    assert window.messages.rowCount() == 3
    window.conversation_action.trigger()
    assert window.messages.rowCount() == 2
    select_subject(window, "报价单")
    qtbot.waitUntil(lambda: "Sent from the other side" in window.body.toPlainText(), timeout=5000)
    assert window.messages.index(window.list_view.currentIndex().row(), 1).data().endswith("(3)")
    shown = window.body.toPlainText()
    assert shown.index("请查收报价。") < shown.index("Sent from the other side") < shown.index("收到，谢谢。")
    assert "earlier line 3" not in shown and "8 quoted lines" in shown
    link = next(href for href in window.reader._links if href.startswith("liaison:quote/"))
    window.body.link_clicked.emit(QUrl(link))
    assert "earlier line 3" in window.body.toPlainText()
    window.conversation_action.trigger()
    assert window.messages.rowCount() == 3


def test_view_source_shows_the_original_bytes(qtbot, reader_window, imap):
    window, deliver = reader_window
    raw = ("From: a@b.c\r\nSubject: Source\r\nContent-Type: text/plain; charset=gbk\r\n\r\n").encode() \
        + "原文".encode("gbk")
    deliver(imap, raw)
    select_subject(window, "Source")
    assert window.body.toPlainText() == "原文"
    dialog = window.reader.source_dialog()
    qtbot.addWidget(dialog)
    from PySide6.QtWidgets import QPlainTextEdit

    text = dialog.findChild(QPlainTextEdit).toPlainText()
    assert text.startswith("From: a@b.c\nSubject: Source") or text.startswith("From: a@b.c\r\nSubject: Source")
    assert "\\xd4\\xad\\xce\\xc4" in text  # GBK bytes shown as they are, not decoded


def test_a_long_message_appears_at_once_and_completes_without_freezing(qtbot, reader_window, imap):
    window, deliver = reader_window
    rows = "".join(f"<tr><td>第 {n} 行</td><td>row {n}</td></tr>" for n in range(6000))
    deliver(imap, html_message("Long", f"<h1>Catalogue</h1><table>{rows}</table><p>THE END</p>"),
            html_message("Short", "<p>short one</p>"))
    select_subject(window, "Long")
    assert window.body.loading and "Catalogue" in window.body.toPlainText()
    assert "THE END" not in window.body.toPlainText()
    qtbot.waitUntil(lambda: not window.body.loading, timeout=20_000)
    text = window.body.toPlainText()
    assert "第 5999 行" in text and text.rstrip().endswith("THE END")

    select_subject(window, "Short")
    select_subject(window, "Long")
    assert window.body.loading
    select_subject(window, "Short")  # switching away stops appending the long one
    qtbot.wait(200)
    assert window.body.toPlainText().strip() == "short one" and not window.body.loading
