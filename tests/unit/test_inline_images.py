"""Images shown in the text of an outgoing message: inline related parts with their Content-ID."""

from __future__ import annotations

import email
from email.policy import default

from app.mail.sending.drafts import DraftData, inline_cid, outgoing_from_draft
from app.mail.sending.outgoing import Outgoing, OutgoingAttachment, build_message

PNG = (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00\x1f\x15\xc4\x89"
       b"\x00\x00\x00\rIDATx\x9cc\xf8\xcf\xc0\xf0\x1f\x00\x05\x00\x01\xff\x89\x99=\x1d\x00\x00\x00\x00IEND\xaeB`\x82")


def test_an_image_with_a_content_id_travels_as_a_related_part_beside_the_html():
    message = Outgoing("李雷", "li@example.com", [("", "zw@huaxin.cn")], "样品", "看图：\n\n![样品 图.png](cid:img-1@liaison)",
                       attachments=[OutgoingAttachment("样品 图.png", PNG, content_id="img-1@liaison"),
                                    OutgoingAttachment("报价单.pdf", b"%PDF")])
    parsed = email.message_from_bytes(build_message(message), policy=default)
    assert [p.get_content_type() for p in parsed.walk()] == [
        "multipart/mixed", "multipart/alternative", "text/plain", "multipart/related", "text/html", "image/png",
        "application/pdf"]
    html = parsed.get_body(("html",)).get_content()
    assert 'src="cid:img-1@liaison"' in html
    image = next(p for p in parsed.walk() if p.get_content_type() == "image/png")
    assert image["Content-ID"] == "<img-1@liaison>" and image.get_content_disposition() == "inline"
    assert image.get_content() == PNG and image.get_filename() == "样品 图.png"
    assert [a.get_filename() for a in parsed.iter_attachments()] == ["报价单.pdf"]


def test_a_draft_sends_the_images_its_text_shows_inline_and_the_others_attached(tmp_path):
    shown, attached = tmp_path / "shown.png", tmp_path / "other.png"
    shown.write_bytes(PNG)
    attached.write_bytes(PNG)
    account = type("Account", (), {"display_name": "李雷", "email": "li@example.com"})()
    draft = DraftData(1, to="zw@huaxin.cn", subject="s", body=f"![shown](cid:{inline_cid(shown)})",
                      attachments=[str(shown), str(attached)], message_id="<d1@liaison.draft>")
    message = outgoing_from_draft(account, draft)
    assert [(a.filename, a.content_id) for a in message.attachments] == [
        ("shown.png", inline_cid(shown)), ("other.png", "")]
    assert message.message_id == "<d1@liaison.draft>"
    lenient = outgoing_from_draft(account, DraftData(1, body="x"), lenient=True)
    assert lenient.to == [("", "li@example.com")]  # a draft for the server needs no recipient yet
