"""Service cases: a customer's request (a complaint, a question) followed until it is solved.

A case is a record like a deal (versioned, tombstoned, synced with the team).  Its mail is the
set of RFC Message-IDs filed on it, so it survives a rebuild of the mail cache and means the
same on a colleague's laptop.  A customer's reply attaches itself: a new message whose
``In-Reply-To``/``References`` names a message of an open case is filed on that case, and a
solved case the customer writes back to opens again (a closed one stays closed: the next
request is a new case).
"""

from __future__ import annotations

import json
import re
import time
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.crm.records import RECORD_TYPES, apply_changes, by_uuid, create
from app.crm.validation import InvalidValue
from app.store.automation_models import Case
from app.store.crm_models import Company, Contact, Deal, MessageLink
from app.store.database import Store
from app.store.models import Message
from app.store.writer import writes

CASE = RECORD_TYPES["case"]
STATUSES = ("new", "open", "waiting", "solved", "closed")
OPEN_STATUSES = ("new", "open", "waiting")
PRIORITIES = ("low", "normal", "high", "urgent")
_MESSAGE_IDS = re.compile(r"<[^<>\s]+>")


def check_values(values: dict[str, Any]) -> dict[str, Any]:
    """The values, or InvalidValue naming the one that cannot be a case's."""
    if "title" in values and not str(values["title"] or "").strip():
        raise InvalidValue("a case needs a title")
    if values.get("status") not in (None, *STATUSES):
        raise InvalidValue("'{status}' is not a case status ({choices})", status=values["status"],
                           choices=", ".join(STATUSES))
    if values.get("priority") not in (None, *PRIORITIES):
        raise InvalidValue("'{priority}' is not a priority ({choices})", priority=values["priority"],
                           choices=", ".join(PRIORITIES))
    return values


def customer_of_message(session: Session, message_pk: int) -> dict[str, int | None]:
    """The contact, company and deal a message is linked to (the newest link of each kind)."""
    found: dict[str, int | None] = {"contact_id": None, "company_id": None, "deal_id": None}
    for contact_id, company_id, deal_id in session.execute(
            select(MessageLink.contact_id, MessageLink.company_id, MessageLink.deal_id)
            .where(MessageLink.message_id == message_pk).order_by(MessageLink.id)):
        for name, value in (("contact_id", contact_id), ("company_id", company_id), ("deal_id", deal_id)):
            if value is not None and found[name] is None:
                found[name] = value
    if found["contact_id"] is not None and found["company_id"] is None:
        found["company_id"] = session.scalar(select(Contact.company_id).where(Contact.id == found["contact_id"]))
    return found


def open_case_in(session: Session, values: dict[str, Any], origin: str = "local", batch: str | None = None,
                 record_uuid: str | None = None) -> Case:
    """A new case in the caller's transaction (the automation engine writes it with its run)."""
    values = check_values({"status": "new", "priority": "normal", **values})
    return create(session, CASE, values, origin, batch=batch, record_uuid=record_uuid)


@writes
def open_case(store: Store, title: str, *, priority: str = "normal", assignee: str = "", due_at: int | None = None,
              description: str = "", contact_id: int | None = None, company_id: int | None = None,
              deal_id: int | None = None, messages: list[str] = (), origin: str = "local") -> str:
    with store.write() as session:
        if contact_id is not None and company_id is None:  # a contact's case is its company's too
            company_id = session.scalar(select(Contact.company_id).where(Contact.id == contact_id))
        return open_case_in(session, {
            "title": title.strip(), "priority": priority, "assignee": assignee, "due_at": due_at,
            "description": description, "contact_id": contact_id, "company_id": company_id, "deal_id": deal_id,
            "messages": list(dict.fromkeys(messages))}, origin).uuid


@writes
def update_case(store: Store, case_uuid: str, changes: dict[str, Any], cleared: set[str] = frozenset(),
                origin: str = "local") -> dict[str, tuple]:
    with store.write() as session:
        case = by_uuid(session, CASE, case_uuid)
        return apply_changes(session, CASE, case, check_values(dict(changes)), origin, cleared=cleared)


def file_message_in(session: Session, case: Case, message_key: str, origin: str, batch: str | None = None,
                    reopen: bool = False) -> bool:
    """Put a message on the case (once); ``reopen`` opens a solved case again.  True if it changed."""
    keys = json.loads(case.messages or "[]")
    changes: dict[str, Any] = {}
    if message_key not in keys:
        changes["messages"] = [*keys, message_key]
    if reopen and case.status == "solved":
        changes["status"] = "open"
    return bool(changes) and bool(apply_changes(session, CASE, case, changes, origin, batch=batch))


@writes
def file_message(store: Store, case_uuid: str, message_key: str, origin: str = "local") -> bool:
    with store.write() as session:
        return file_message_in(session, by_uuid(session, CASE, case_uuid), message_key, origin)


@writes
def unfile_message(store: Store, case_uuid: str, message_key: str, origin: str = "local") -> bool:
    with store.write() as session:
        case = by_uuid(session, CASE, case_uuid)
        keys = json.loads(case.messages or "[]")
        if message_key not in keys:
            return False
        keys.remove(message_key)
        return bool(apply_changes(session, CASE, case, {"messages": keys}, origin, cleared={"messages"}))


def _thread_keys(message: Message) -> list[str]:
    return _MESSAGE_IDS.findall(" ".join(filter(None, (message.in_reply_to, message.references))))


def open_cases_by_message(session: Session) -> dict[str, Case]:
    """Message-ID → the live case it is filed on, for cases still open or solved (not closed)."""
    cases = session.scalars(select(Case).where(Case.deleted_at.is_(None), Case.status != "closed")
                            .order_by(Case.updated_at))
    return {key: case for case in cases for key in json.loads(case.messages or "[]")}


@writes
def attach_replies(store: Store, message_pks: list[int], own_addresses: frozenset[str] = frozenset()) -> list[str]:
    """File each of these new messages on the open case its thread belongs to; returns the cases
    changed.  A solved case opens again when the customer (not one of us, not an auto-reply)
    writes back."""
    changed: list[str] = []
    with store.write() as session:
        by_key = open_cases_by_message(session)
        if not by_key:
            return changed
        for start in range(0, len(message_pks), 500):
            chunk = message_pks[start:start + 500]
            for message in session.scalars(select(Message).where(Message.id.in_(chunk))):
                if not message.message_id or message.message_id in by_key:
                    continue
                case = next((by_key[key] for key in reversed(_thread_keys(message)) if key in by_key), None)
                if case is None:
                    continue
                # The customer wrote back (not us, not their auto-responder): a solved case opens again.
                from_customer = (message.from_addr or "").lower() not in own_addresses and not message.auto_kind
                if file_message_in(session, case, message.message_id, "auto", reopen=from_customer):
                    changed.append(case.uuid)
                by_key[message.message_id] = case
    return list(dict.fromkeys(changed))


# -- reading ------------------------------------------------------------------------------
@dataclass
class CaseSummary:
    uuid: str
    title: str
    status: str
    priority: str
    assignee: str
    due_at: int | None
    customer: str
    contact_id: int | None
    company_id: int | None
    deal_id: int | None
    messages: list[str] = field(default_factory=list)
    created_at: int = 0
    updated_at: int = 0

    def overdue(self, at: int | None = None) -> bool:
        return self.due_at is not None and self.status in OPEN_STATUSES and self.due_at < (at or time.time())

    def as_json(self) -> dict[str, Any]:
        return {"id": self.uuid, "title": self.title, "status": self.status, "priority": self.priority,
                "assignee": self.assignee, "due_at": self.due_at, "customer": self.customer,
                "messages": self.messages, "created_at": self.created_at, "updated_at": self.updated_at}


def _customer_name(session: Session, case: Case) -> str:
    if case.contact_id is not None:
        contact = session.get(Contact, case.contact_id)
        if contact is not None:
            return contact.name
    if case.company_id is not None:
        company = session.get(Company, case.company_id)
        if company is not None:
            return company.name
    return ""


def _summary(session: Session, case: Case) -> CaseSummary:
    return CaseSummary(case.uuid, case.title, case.status, case.priority, case.assignee, case.due_at,
                       _customer_name(session, case), case.contact_id, case.company_id, case.deal_id,
                       json.loads(case.messages or "[]"), case.created_at, case.updated_at)


_PRIORITY_ORDER = {name: number for number, name in enumerate(reversed(PRIORITIES))}


def list_cases(store: Store, status: str | None = None, *, open_only: bool = False, contact_id: int | None = None,
               company_id: int | None = None, search: str = "") -> list[CaseSummary]:
    """Live cases: open ones first, most urgent first, then the newest.

    ``search`` keeps the cases whose title, customer or assignee contains it (any case)."""
    query = select(Case).where(Case.deleted_at.is_(None))
    if status:
        query = query.where(Case.status == status)
    if open_only:
        query = query.where(Case.status.in_(OPEN_STATUSES))
    if contact_id is not None and company_id is not None:
        query = query.where((Case.contact_id == contact_id) | (Case.company_id == company_id))
    elif contact_id is not None:
        query = query.where(Case.contact_id == contact_id)
    elif company_id is not None:
        query = query.where(Case.company_id == company_id)
    with store.read() as session:
        found = [_summary(session, case) for case in session.scalars(query)]
    needle = search.strip().casefold()
    if needle:
        found = [c for c in found if needle in f"{c.title}\n{c.customer}\n{c.assignee}".casefold()]
    return sorted(found, key=lambda c: (c.status not in OPEN_STATUSES, _PRIORITY_ORDER.get(c.priority, 9),
                                        -c.updated_at))


@dataclass
class CaseMessage:
    key: str
    pk: int | None  # the stored message, when this profile has it
    subject: str
    from_addr: str
    date: int | None


@dataclass
class CaseDetail:
    case: CaseSummary
    description: str
    deal_title: str
    messages: list[CaseMessage]


def case_detail(store: Store, case_uuid: str) -> CaseDetail:
    with store.read() as session:
        case = by_uuid(session, CASE, case_uuid)
        summary = _summary(session, case)
        stored = {}
        if summary.messages:
            for pk, key, subject, sender, date in session.execute(
                    select(Message.id, Message.message_id, Message.subject, Message.from_addr, Message.date)
                    .where(Message.message_id.in_(summary.messages)).order_by(Message.id)):
                stored.setdefault(key, CaseMessage(key, pk, subject, sender, date))
        messages = [stored.get(key) or CaseMessage(key, None, "", "", None) for key in summary.messages]
        messages.sort(key=lambda m: (m.date is None, m.date or 0))
        deal = session.get(Deal, case.deal_id) if case.deal_id else None
        return CaseDetail(summary, case.description, deal.title if deal else "", messages)


@dataclass
class CaseEvent:
    """One line of a case's timeline: a message filed on it, or one version of its fields."""

    kind: str  # message | change
    at: int | None  # None: a message this profile does not have (its date is unknown)
    message: CaseMessage | None = None
    origin: str = ""  # of a change: local, auto (a rule, a reply filed), sync, restore…
    changes: list[dict] = field(default_factory=list)  # {field, old, new}; references as names


def _named(session: Session, name: str, value: Any) -> Any:
    """A reference in the history (a UUID) as the record's name; a list of Message-IDs as subjects."""
    model = {"contact_id": Contact, "company_id": Company, "deal_id": Deal}.get(name)
    if model is not None and isinstance(value, str):
        record = session.scalar(select(model).where(model.uuid == value))
        return (record.title if model is Deal else record.name) if record is not None else ""
    return value


def case_timeline(store: Store, case_uuid: str) -> list[CaseEvent]:
    """The case's messages and its changes, oldest first (messages not on this computer last).

    A change of the filed messages is shown by its message in the timeline: a version that only
    filed or removed messages is left out, and a version's ``messages`` change is dropped."""
    from app.crm.history import versions

    detail = case_detail(store, case_uuid)
    events = [CaseEvent("message", m.date, m) for m in detail.messages]
    with store.read() as session:
        case = by_uuid(session, CASE, case_uuid)
        for version in versions(session, CASE, case):
            changes = [{"field": c["field"], "old": _named(session, c["field"], c["old"]),
                        "new": _named(session, c["field"], c["new"])}
                       for c in version.changes if c["field"] != "messages"]
            if changes:
                events.append(CaseEvent("change", version.at, origin=version.origin, changes=changes))
    return sorted(events, key=lambda e: (e.at is None, e.at or 0, e.kind != "change"))


def message_key(store: Store, message_pk: int) -> str:
    """The RFC Message-ID of a stored message ("" when it has none: it cannot be filed)."""
    with store.read() as session:
        return session.scalar(select(Message.message_id).where(Message.id == message_pk)) or ""


def resolve_case(store: Store, text: str) -> str:
    """A case's UUID from its UUID or the start of it (as the CLI takes it)."""
    text = text.strip()
    with store.read() as session:
        found = list(session.scalars(select(Case.uuid).where(Case.uuid.startswith(text)).limit(2))) if text else []
    if len(found) != 1:
        raise InvalidValue("no case with id '{id}'" if not found else "more than one case starts with '{id}'",
                           id=text)
    return found[0]
