"""Recognising mail no person wrote: auto-replies (out of office), bounces and bulk mail.

Such messages are linked to the customer like any other (the timeline should show that the
quote bounced), but they never create a contact, never appear among unknown senders and never
count as the customer's reply to a follow-up.  Decided from the header block alone.
"""

from __future__ import annotations

import re

AUTO_REPLY = "auto-reply"
BOUNCE = "bounce"
BULK = "bulk"  # Precedence: bulk / junk / list (newsletters, list traffic): never answered by a rule

_BOUNCE_SENDERS = re.compile(r"^(mailer-daemon|postmaster|mail-daemon|mailerdaemon)@", re.IGNORECASE)
_AUTO_REPLY_SUBJECT = re.compile(
    r"^\s*(auto(matic)?[ -]?(reply|response|antwort)|out of (the )?office|自动回复|自動回覆|自动答复|"
    r"abwesenheitsnotiz|réponse automatique)", re.IGNORECASE)
_BOUNCE_SUBJECT = re.compile(
    r"^\s*(undeliverable|undelivered mail|delivery status notification|mail delivery (failed|failure)|"
    r"returned mail|failure notice|退信|系统退信|邮件投递失败|無法投遞)", re.IGNORECASE)


def automatic_kind(headers: dict[str, list[bytes]], from_addr: str, subject: str) -> str:
    """"" for mail a person wrote, else ``auto-reply``, ``bounce`` or ``bulk``."""
    def first(name: str) -> str:
        values = headers.get(name)
        return values[0].decode("ascii", "replace").strip().lower() if values else ""

    content_type = first("content-type")
    if (content_type.startswith("multipart/report") and "delivery-status" in content_type) \
            or _BOUNCE_SENDERS.match(from_addr or "") or "x-failed-recipients" in headers \
            or _BOUNCE_SUBJECT.match(subject or ""):
        return BOUNCE
    submitted = first("auto-submitted")
    if (submitted and submitted != "no") or "x-autoreply" in headers or "x-autorespond" in headers \
            or first("precedence") in ("auto_reply", "auto-reply") or _AUTO_REPLY_SUBJECT.match(subject or ""):
        return AUTO_REPLY
    if first("precedence") in ("bulk", "junk", "list"):
        return BULK
    return ""
