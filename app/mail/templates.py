"""Markdown templates with merge fields, and mail merge through the outbox.

Fields are ``{{ contact.first_name }}``, ``{{ company.name }}``, ``{{ deal.amount }}``,
``{{ sender.name }}``… (see :data:`FIELDS`).  A field that is unknown, or empty for this
recipient, is reported before anything is queued: a message never goes out with a blank
where a name should be.

A mail merge queues one message per contact, spaced ``interval`` seconds apart through the
outbox's ``next_attempt_at`` (throttled, and it survives a restart: the outbox is the
progress), under one ``merge_batch`` id; running the same merge again skips contacts
already queued in it (resumable).
"""

from __future__ import annotations

import re
import time
import uuid as uuid_module
from dataclasses import dataclass, field

from sqlalchemy import select

from app.errors import UserFacingError
from app.store.database import Store
from app.store.models import MailTemplate

FIELDS = {
    "contact": ("name", "first_name", "last_name", "title", "email", "phone"),
    "company": ("name", "industry"),
    "deal": ("title", "amount", "currency", "stage", "expected_close"),
    "sender": ("name", "email"),
}
_FIELD = re.compile(r"\{\{\s*([A-Za-z_]+)\.([A-Za-z_]+)\s*\}\}")


@dataclass
class Rendered:
    subject: str
    body: str
    missing: list[str] = field(default_factory=list)  # "contact.first_name", …


def save_template(store: Store, name: str, subject: str, body: str) -> None:
    unknown = [f"{g}.{f}" for text in (subject, body) for g, f in _FIELD.findall(text)
               if f not in FIELDS.get(g, ())]
    if unknown:
        raise UserFacingError(f"Unknown field(s) {', '.join(sorted(set(unknown)))}; fields are "
                              + ", ".join(f"{g}.{f}" for g, fs in FIELDS.items() for f in fs) + ".")
    with store.write() as session:
        row = session.scalar(select(MailTemplate).where(MailTemplate.name == name))
        if row is None:
            row = MailTemplate(uuid=str(uuid_module.uuid4()), name=name)
            session.add(row)
        row.subject, row.body, row.updated_at = subject, body, int(time.time())


def get_template(store: Store, name: str) -> MailTemplate:
    with store.read() as session:
        row = session.scalar(select(MailTemplate).where(MailTemplate.name == name))
    if row is None:
        raise UserFacingError(f"No template called {name}.")
    return row


def list_templates(store: Store) -> list[MailTemplate]:
    with store.read() as session:
        return list(session.scalars(select(MailTemplate).order_by(MailTemplate.name)))


def render(subject: str, body: str, context: dict[str, dict[str, str]]) -> Rendered:
    missing: list[str] = []

    def fill(match: re.Match) -> str:
        group, name = match.group(1), match.group(2)
        value = context.get(group, {}).get(name, "")
        if value in ("", None):
            missing.append(f"{group}.{name}")
            return match.group(0)
        return str(value)

    result = Rendered(_FIELD.sub(fill, subject), _FIELD.sub(fill, body))
    result.missing = list(dict.fromkeys(missing))
    return result


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
        raise UserFacingError(f"Not sent: {email} has no value for {', '.join(rendered.missing)}; fill it in "
                              "first or change the template.")
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

    from app.mail.outbox import enqueue_many
    from app.mail.outgoing import Outgoing
    from app.store.models import OutboxMessage

    template = get_template(store, template_name)
    report = MergeReport(batch=batch or str(uuid_module.uuid4()))
    with store.read() as session:
        already = {addr for (recipients,) in session.execute(select(OutboxMessage.recipients).where(
            OutboxMessage.merge_batch == report.batch)) for addr in json.loads(recipients)}
    start = start_at if start_at is not None else int(time.time())
    signature = f"\n\n-- \n{account.signature}" if account.signature else ""
    html_template, tokens = _render_once(template.body.rstrip() + signature)
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


def _render_once(body: str) -> tuple[str, dict[str, tuple[str, str]]]:
    """The template's HTML rendered once, fields left as tokens Markdown cannot touch.

    Values are then put into the HTML escaped, so a value is never read as Markdown or HTML.
    """
    from app.mail.markdown_html import markdown_to_html

    tokens: dict[str, tuple[str, str]] = {}

    def protect(match: re.Match) -> str:
        token = f"LIAISONFIELD{len(tokens)}X{uuid_module.uuid4().hex[:8]}"
        tokens[token] = (match.group(1), match.group(2))
        return token

    return markdown_to_html(_FIELD.sub(protect, body)), tokens
