"""Everything about one customer in one structure: the CLI's ``customer show`` and exports,
and the views of the window's 360° panels (a person, a company, the people of a message)."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import datetime, timezone

from sqlalchemy import select

from app.crm.customers import require_contact
from app.crm.deals import deal_json
from app.crm.records import RECORD_TYPES, read_state
from app.crm.timeline import whole_timeline
from app.store.crm_models import Company, Contact, ContactEmail, Deal, Task
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
                 **({"message_id": e.message_id, "subject": e.title} if e.kind in ("email", "team_email")
                    else {"uuid": e.uuid}),
                 **({"shared_by": e.shared_by, "who": e.who, "body": e.body} if e.kind == "team_email" else {}),
                 **({"automatic": e.auto_kind} if e.auto_kind else {})}
                for e in whole_timeline(store, contact_id=contact_id)]
    return {"contact": record, "company": company_record, "deals": deals, "tasks": tasks, "timeline": timeline}


# -- what the 360° views show (the customer panel, the company view) ------------------------------
# Short indexed reads, each a handful of queries: the panel runs them on the GUI thread.

@dataclass(frozen=True)
class DealRow:
    id: int
    uuid: str
    title: str
    stage: str
    status: str  # open | won | lost
    amount: str  # a decimal string, "" when not known
    currency: str
    expected_close: str  # ISO date or ""
    contact: str
    company: str


@dataclass(frozen=True)
class TaskRow:
    uuid: str
    title: str
    due_at: int | None
    done: bool
    kind: str  # task | follow_up
    who: str = ""  # whose task, in a company's view: the person's name


@dataclass(frozen=True)
class PersonRow:
    id: int
    uuid: str
    name: str
    email: str
    title: str


@dataclass
class ContactCard:
    id: int
    uuid: str
    name: str
    title: str
    emails: list[str]
    phones: list[str]  # E.164
    tags: list[str]
    company_id: int | None
    company_name: str


@dataclass
class CompanyCard:
    id: int
    uuid: str
    name: str
    industry: str
    owner: str
    domains: list[str]
    tags: list[str]


@dataclass
class PersonView:
    """Everything the panel shows about one person."""

    kind: str  # contact | unknown | teammate | self
    name: str  # the contact's name, else the name in the header, else the address
    address: str
    domain: str
    free_mail: bool
    contact: ContactCard | None = None
    company: CompanyCard | None = None  # the contact's company, or the company of the address's domain
    deals: list[DealRow] = field(default_factory=list)
    tasks: list[TaskRow] = field(default_factory=list)


@dataclass
class CompanyView:
    card: CompanyCard
    people: list[PersonRow]
    deals: list[DealRow]  # open ones first, then won and lost
    tasks: list[TaskRow]  # open tasks of the company and of its people


def _contact_card(session, contact: Contact) -> ContactCard:
    state = read_state(session, RECORD_TYPES["contact"], contact)
    company = session.get(Company, contact.company_id) if contact.company_id else None
    if company is not None and company.deleted_at is not None:
        company = None
    return ContactCard(contact.id, contact.uuid, contact.name, contact.title, state["emails"], state["phones"],
                       state["tags"], company.id if company else None, company.name if company else "")


def _company_card(session, company: Company) -> CompanyCard:
    state = read_state(session, RECORD_TYPES["company"], company)
    return CompanyCard(company.id, company.uuid, company.name, company.industry, company.owner,
                       state["domains"], state["tags"])


def deal_rows(session, contact_id: int | None = None, company_id: int | None = None,
              open_only: bool = True) -> list[DealRow]:
    from sqlalchemy import case, or_

    from app.store.crm_models import Stage

    conditions = []
    if contact_id:
        conditions.append(Deal.contact_id == contact_id)
    if company_id:
        conditions.append(Deal.company_id == company_id)
    if not conditions:
        return []
    query = (select(Deal, Stage.name, Contact.name, Company.name)
             .outerjoin(Stage, Stage.id == Deal.stage_id).outerjoin(Contact, Contact.id == Deal.contact_id)
             .outerjoin(Company, Company.id == Deal.company_id)
             .where(or_(*conditions), Deal.deleted_at.is_(None)))
    if open_only:
        query = query.where(Deal.status == "open")
    query = query.order_by(case((Deal.status == "open", 0), else_=1), Deal.updated_at.desc())
    return [DealRow(deal.id, deal.uuid, deal.title, stage or "", deal.status, deal.amount or "", deal.currency or "",
                    deal.expected_close or "", contact or "", company or "")
            for deal, stage, contact, company in session.execute(query)]


def task_rows(session, contact_ids: list[int] = (), company_id: int | None = None) -> list[TaskRow]:
    """Open tasks of these contacts and this company, the soonest due first (undated last)."""
    from sqlalchemy import case, or_

    conditions = [Task.contact_id.in_(list(contact_ids))] if contact_ids else []
    if company_id:
        conditions.append(Task.company_id == company_id)
    if not conditions:
        return []
    query = (select(Task, Contact.name).outerjoin(Contact, Contact.id == Task.contact_id)
             .where(or_(*conditions), Task.done_at.is_(None), Task.deleted_at.is_(None))
             .order_by(case((Task.due_at.is_(None), 1), else_=0), Task.due_at, Task.id))
    return [TaskRow(task.uuid, task.title, task.due_at, False, task.kind or "task", who or "")
            for task, who in session.execute(query)]


def person_view(store: Store, name: str, address: str, we=None) -> PersonView:
    """The panel's view of ``address``: a contact, someone unknown, a teammate or yourself."""
    from app.crm.customers import company_by_domain, contact_by_email
    from app.crm.teammates import SELF, TEAMMATE, us

    we = we or us(store)
    address = (address or "").strip().lower()
    domain = address.rpartition("@")[2]
    free = domain in we.free
    kind = we.kind_of(address)
    if kind in (SELF, TEAMMATE):
        return PersonView(kind, name or address, address, domain, free)
    with store.read() as session:
        contact = contact_by_email(session, address)
        if contact is not None:
            return _contact_view(session, contact, address, free)
        company = None if free or not domain else company_by_domain(session, domain)
        view = PersonView("unknown", name or address, address, domain, free,
                          company=_company_card(session, company) if company else None)
        if company is not None:
            view.deals = deal_rows(session, company_id=company.id)
            view.tasks = task_rows(session, company_id=company.id)
        return view


def _contact_view(session, contact: Contact, address: str, free: bool) -> PersonView:
    card = _contact_card(session, contact)
    company = session.get(Company, card.company_id) if card.company_id else None
    address = address or (card.emails[0] if card.emails else "")
    view = PersonView("contact", card.name or address, address, address.rpartition("@")[2], free, card,
                      _company_card(session, company) if company else None)
    view.deals = deal_rows(session, contact_id=contact.id, company_id=card.company_id)
    view.tasks = task_rows(session, [contact.id], card.company_id)
    return view


def contact_view(store: Store, contact_id: int) -> PersonView | None:
    """The panel's view of a contact chosen in a list (it may have no address at all)."""
    from app.crm.settings import free_mail_domains

    with store.read() as session:
        contact = session.get(Contact, contact_id)
        while contact is not None and contact.merged_into_id is not None:
            contact = session.get(Contact, contact.merged_into_id)
        if contact is None or contact.deleted_at is not None:
            return None
        card_emails = read_state(session, RECORD_TYPES["contact"], contact)["emails"]
        address = card_emails[0] if card_emails else ""
        free = address.rpartition("@")[2] in free_mail_domains(store) if address else False
        return _contact_view(session, contact, address, free)


def company_view(store: Store, company_id: int) -> CompanyView | None:
    with store.read() as session:
        company = session.get(Company, company_id)
        if company is None or company.deleted_at is not None:
            return None
        people = []
        for contact in session.scalars(select(Contact).where(
                Contact.company_id == company_id, Contact.deleted_at.is_(None),
                Contact.merged_into_id.is_(None)).order_by(Contact.name)):
            emails = read_state(session, RECORD_TYPES["contact"], contact)["emails"]
            people.append(PersonRow(contact.id, contact.uuid, contact.name, emails[0] if emails else "",
                                    contact.title))
        return CompanyView(_company_card(session, company), people,
                           deal_rows(session, company_id=company_id, open_only=False),
                           task_rows(session, [p.id for p in people], company_id))


def message_linked_to(store: Store, message_pk: int, contact_id: int) -> bool:
    from app.store.crm_models import MessageLink

    with store.read() as session:
        return session.scalar(select(MessageLink.id).where(MessageLink.message_id == message_pk,
                                                           MessageLink.contact_id == contact_id)
                              .limit(1)) is not None


# -- who a message is about ---------------------------------------------------------------------
@dataclass(frozen=True)
class Party:
    name: str  # as the header gives it
    address: str
    role: str  # from | to | cc
    kind: str  # contact | unknown | teammate
    contact_name: str = ""

    @property
    def label(self) -> str:
        return self.contact_name or self.name or self.address


@dataclass(frozen=True)
class MessageParties:
    """The people a message is about, you left out: the sender of mail you received, the
    recipients of mail you sent (Sent, Drafts, or anywhere from one of your addresses)."""

    outgoing: bool
    parties: tuple[Party, ...]
    primary: int | None  # the one to show first: a customer when there is one


def message_parties(store: Store, message_pk: int, we=None) -> MessageParties:
    from app.crm.teammates import SELF, TEAMMATE, us
    from app.store.models import Folder, Message, MessageAddress

    we = we or us(store)
    with store.read() as session:
        role = session.scalar(select(Folder.role).join(Message, Message.folder_id == Folder.id)
                              .where(Message.id == message_pk))
        rows = session.execute(select(MessageAddress.name, MessageAddress.addr, MessageAddress.role)
                               .where(MessageAddress.message_id == message_pk,
                                      MessageAddress.role.in_(("from", "to", "cc")))
                               .order_by(MessageAddress.id)).all()
        addresses = {addr for _name, addr, _role in rows}
        contacts = {email: name for email, name in session.execute(
            select(ContactEmail.email, Contact.name).join(Contact, Contact.id == ContactEmail.contact_id)
            .where(ContactEmail.email.in_(addresses), Contact.deleted_at.is_(None),
                   Contact.merged_into_id.is_(None)))} if addresses else {}
    senders = [addr for _n, addr, r in rows if r == "from"]
    outgoing = role in ("sent", "drafts") or any(we.is_own(a) for a in senders)
    order = {"from": 0, "to": 1, "cc": 2}
    rows = sorted(rows, key=lambda r: order[r[2]])  # stable: header order within a role
    if outgoing:
        rows = [r for r in rows if r[2] != "from"]
    parties: list[Party] = []
    seen: set[str] = set()
    for name, addr, where in rows:
        if not addr or addr in seen or we.kind_of(addr) == SELF:
            continue
        seen.add(addr)
        kind = "contact" if addr in contacts else ("teammate" if we.kind_of(addr) == TEAMMATE else "unknown")
        parties.append(Party(name or "", addr, where, kind, contacts.get(addr) or ""))
    return MessageParties(outgoing, tuple(parties), _primary(parties, outgoing))


def _primary(parties: list[Party], outgoing: bool) -> int | None:
    if not parties:
        return None
    if not outgoing and parties[0].role == "from" and parties[0].kind != "teammate":
        return 0  # mail from a customer (or a stranger): them
    for wanted in ("contact", "unknown", "teammate"):
        for index, party in enumerate(parties):
            if party.kind == wanted:
                return index
    return 0
