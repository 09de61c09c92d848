"""Mail merge: one message per contact, its template filled from the customer record.

The template is rendered once (:func:`app.mail.sending.templates.render_once`) and each
contact's values are escaped into it.  Messages are queued through the outbox, spaced
``interval`` seconds apart through ``next_attempt_at`` (throttled, and it survives a restart:
the outbox is the progress), under one ``merge_batch`` id; running the same merge again skips
contacts already queued in it (resumable).  A field that is unknown, or empty for a
recipient, is reported and that contact skipped: nothing goes out with a blank where a name
should be.
"""

from __future__ import annotations

import time
import uuid as uuid_module
from dataclasses import dataclass, field

from sqlalchemy import select

from app.errors import UserFacingError
from app.mail.sending.templates import get_template, render, render_once
from app.store.database import Store


def context_for_contact(store: Store, email: str, account) -> dict[str, dict[str, str]]:
    """The merge fields for one contact (a few indexed reads: mail merges call it per contact)."""
    from app.crm.customers import require_contact
    from app.crm.deals import deal_json
    from app.crm.records import RECORD_TYPES, read_state
    from app.store.crm_models import Company, Deal

    with store.read() as session:
        contact = require_contact(session, email)
        state = read_state(session, RECORD_TYPES["contact"], contact)
        company = session.get(Company, contact.company_id) if contact.company_id else None
        deal_row = session.scalar(select(Deal).where(Deal.contact_id == contact.id, Deal.status == "open",
                                                     Deal.deleted_at.is_(None)).order_by(Deal.updated_at.desc()))
        deal = deal_json(session, deal_row) if deal_row is not None else {}
        return {
            "contact": {"name": contact.name, "first_name": contact.first_name, "last_name": contact.last_name,
                        "title": contact.title, "email": state["emails"][0] if state["emails"] else "",
                        "phone": state["phones"][0] if state["phones"] else ""},
            "company": {"name": company.name if company else "", "industry": company.industry if company else ""},
            "deal": {"title": deal.get("title", ""), "amount": deal.get("amount", ""),
                     "currency": deal.get("currency", ""), "stage": deal.get("stage") or "",
                     "expected_close": deal.get("expected_close") or ""},
            "sender": {"name": account.display_name, "email": account.email},
        }


def render_for_contact(store: Store, template_name: str, email: str, account) -> tuple[str, str]:
    template = get_template(store, template_name)
    rendered = render(template.subject, template.body, context_for_contact(store, email, account))
    if rendered.missing:
        raise UserFacingError("Not sent: {email} has no value for {items}; fill it in first or change the template.", email=email, items=list(rendered.missing))
    return rendered.subject, rendered.body


@dataclass
class MergeReport:
    batch: str
    queued: list[str] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)  # already queued in this batch
    problems: dict[str, str] = field(default_factory=dict)  # email → what is missing


def mail_merge(store: Store, account, template_name: str, emails: list[str], batch: str | None = None,
               interval: float = 2.0, start_at: int | None = None) -> MergeReport:
    """Queue one message per contact (see the module docstring)."""
    import json
    from html import escape

    from app.mail.sending.outbox import enqueue_many
    from app.mail.sending.outgoing import Outgoing
    from app.store.models import OutboxMessage

    template = get_template(store, template_name)
    report = MergeReport(batch=batch or str(uuid_module.uuid4()))
    with store.read() as session:
        already = {addr for (recipients,) in session.execute(select(OutboxMessage.recipients).where(
            OutboxMessage.merge_batch == report.batch)) for addr in json.loads(recipients)}
    start = start_at if start_at is not None else int(time.time())
    signature = f"\n\n-- \n{account.signature}" if account.signature else ""
    html_template, tokens = render_once(template.body.rstrip() + signature)
    queue: list[tuple[Outgoing, int]] = []
    for email in dict.fromkeys(e.strip().lower() for e in emails if e.strip()):
        if email in already:
            report.skipped.append(email)
            continue
        try:
            context = context_for_contact(store, email, account)
        except UserFacingError as exc:
            report.problems[email] = str(exc)
            continue
        rendered = render(template.subject, template.body, context)
        if rendered.missing:
            report.problems[email] = "missing " + ", ".join(rendered.missing)
            continue
        html = html_template
        for token, (group, name) in tokens.items():
            html = html.replace(token, escape(str(context[group][name])))
        message = Outgoing(account.display_name, account.email, [(context["contact"]["name"], email)],
                           rendered.subject, rendered.body.rstrip() + signature, html=html)
        queue.append((message, start + int(len(queue) * interval)))
        report.queued.append(email)
    enqueue_many(store, account, queue, merge_batch=report.batch)
    return report
