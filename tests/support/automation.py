"""Helpers for tests of rules and cases: mail that arrives now, a profile with a customer."""

from __future__ import annotations

import json
import time
from email.message import EmailMessage
from email.utils import formatdate

from sqlalchemy import select


def arriving(sender: str, subject: str, message_id: str, *, to: str = "sales@example.com", body: str = "hello",
             headers: dict[str, str] | None = None, in_reply_to: str | None = None, attachment: bytes | None = None,
             at: float | None = None) -> bytes:
    """A message dated now (or ``at``): mail that arrives after the rules were made."""
    message = EmailMessage()
    message["From"] = sender
    message["To"] = to
    message["Subject"] = subject
    message["Date"] = formatdate(at if at is not None else time.time())
    message["Message-ID"] = message_id
    if in_reply_to:
        message["In-Reply-To"] = in_reply_to
        message["References"] = in_reply_to
    for name, value in (headers or {}).items():
        message[name] = value
    message.set_content(body)
    if attachment is not None:
        message.add_attachment(attachment, maintype="application", subtype="pdf", filename="quote.pdf")
    return message.as_bytes()


def rules(store, *definitions: dict) -> None:
    from app.automation.rule_book import import_rules

    import_rules(store, {"rules": list(definitions)})


def runs(store) -> list[dict]:
    from app.automation.rule_book import run_log

    return [entry.as_json() for entry in reversed(run_log(store, 1000))]


def outbox(store) -> list[tuple[str, list[str], bytes]]:
    from app.store.models import OutboxMessage

    with store.read() as session:
        return [(row.subject, json.loads(row.recipients), row.raw)
                for row in session.scalars(select(OutboxMessage).order_by(OutboxMessage.id))]
