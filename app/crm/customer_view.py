"""Everything about one customer in one structure: the CLI's ``customer show`` and exports."""

from __future__ import annotations

import json
from datetime import datetime, timezone

from sqlalchemy import select

from app.crm.customers import require_contact
from app.crm.deals import deal_json
from app.crm.records import RECORD_TYPES, read_state
from app.crm.timeline import whole_timeline
from app.store.crm_models import Company, Deal, Task
from app.store.database import Store


def iso(stamp: int | None) -> str | None:
    return datetime.fromtimestamp(stamp, timezone.utc).isoformat() if stamp else None


def contact_json(session, contact) -> dict:
    state = read_state(session, RECORD_TYPES["contact"], contact)
    company = session.get(Company, contact.company_id) if contact.company_id else None
    return {"uuid": contact.uuid, "name": contact.name, "first_name": contact.first_name,
            "last_name": contact.last_name, "title": contact.title, "emails": state["emails"],
            "phones": state["phones"], "tags": state["tags"], "owner": contact.owner,
            "company": company.name if company else None,
            "custom": json.loads(contact.custom or "{}"),
            "created": iso(contact.created_at), "updated": iso(contact.updated_at)}


def company_json(session, company) -> dict:
    state = read_state(session, RECORD_TYPES["company"], company)
    return {"uuid": company.uuid, "name": company.name, "domains": state["domains"], "industry": company.industry,
            "owner": company.owner, "tags": state["tags"]}


def customer_json(store: Store, email: str) -> dict:
    with store.read() as session:
        contact = require_contact(session, email)
        record = contact_json(session, contact)
        company = session.get(Company, contact.company_id) if contact.company_id else None
        deal_filter = Deal.contact_id == contact.id
        if company is not None:
            deal_filter = deal_filter | (Deal.company_id == company.id)
        deals = [deal_json(session, d) for d in session.scalars(select(Deal).where(deal_filter,
                                                                                  Deal.deleted_at.is_(None)))]
        tasks = [{"uuid": t.uuid, "title": t.title, "due": iso(t.due_at), "done": t.done_at is not None}
                 for t in session.scalars(select(Task).where(Task.contact_id == contact.id, Task.deleted_at.is_(None))
                                          .order_by(Task.due_at))]
        contact_id = contact.id
        company_record = company_json(session, company) if company else None
    timeline = [{"kind": e.kind, "at": iso(e.at), "title": e.title, "detail": e.detail,
                 **({"message_id": e.message_id, "subject": e.title} if e.kind == "email" else {"uuid": e.uuid}),
                 **({"automatic": e.auto_kind} if e.auto_kind else {})}
                for e in whole_timeline(store, contact_id=contact_id)]
    return {"contact": record, "company": company_record, "deals": deals, "tasks": tasks, "timeline": timeline}
