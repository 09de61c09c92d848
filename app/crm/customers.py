"""Contacts and companies: the operations the panel, the CLI and imports share.

Every write validates first (email syntax, phone numbers in E.164), goes through
:func:`app.crm.records.apply_changes` (history, no-empty-overwrite) and then re-links the
mail the change concerns, so a contact created today shows last year's mail at once.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.crm import linking
from app.crm.records import RECORD_TYPES, apply_changes, by_uuid, create, new_uuid, record_event, soft_delete
from app.crm.settings import free_mail_domains, get_setting
from app.crm.validation import InvalidValue, normalise_email, normalise_phone
from app.errors import UserFacingError
from app.store.crm_models import Company, CompanyDomain, Contact, ContactEmail
from app.store.database import Store
from app.store.writer import writes

CONTACT = RECORD_TYPES["contact"]
COMPANY = RECORD_TYPES["company"]
CONTACT_FIELDS = ("name", "first_name", "last_name", "title", "owner", "emails", "phones", "tags", "company")
COMPANY_FIELDS = ("name", "industry", "owner", "domains", "tags")


@dataclass
class ContactInput:
    """What a person or an import gives for a contact; empty values mean "not given"."""

    name: str = ""
    emails: list[str] = field(default_factory=list)
    phones: list[str] = field(default_factory=list)
    company: str = ""  # a company name
    title: str = ""
    first_name: str = ""
    last_name: str = ""
    owner: str = ""
    tags: list[str] = field(default_factory=list)
    custom: dict[str, Any] = field(default_factory=dict)


def split_name(name: str) -> tuple[str, str]:
    """(first, last) for templates: "Anna Schmidt" → Anna/Schmidt; "张伟" → 伟/张 (family name first)."""
    text = " ".join((name or "").split())
    if not text:
        return "", ""
    if any("\u4e00" <= ch <= "\u9fff" for ch in text) and " " not in text:
        # Chinese names: a one-character family name is the norm; two-character ones exist
        # (欧阳, 司马…) but cannot be told apart reliably, so the common case is taken.
        return text[1:] or text, text[:1]
    if "," in text:  # "Schmidt, Anna"
        last, _, first = text.partition(",")
        return first.strip(), last.strip()
    first, _, last = text.rpartition(" ")
    return (first, last) if first else (text, "")


def checked_custom(store: Store, record_type: str, values: dict[str, Any]) -> dict[str, Any]:
    """Custom values parsed by their field's type; an undefined field is refused."""
    from app.crm.custom_fields import fields_of, parse_value

    if not values:
        return {}
    defined = fields_of(store, record_type)
    result = {}
    for key, value in values.items():
        if key not in defined:
            known = ", ".join(defined) or "none yet"
            raise InvalidValue("there is no custom field '{key}' for a {record_type} (defined: {known})", key=key, record_type=record_type, known=known)
        result[key] = parse_value(defined[key], str(value)) if value not in ("", None) else ""
    return result


def validated(data: ContactInput, default_country: str) -> tuple[list[str], list[str]]:
    """(emails, phones) normalised; raises InvalidValue naming the first bad one."""
    emails = []
    for raw in data.emails:
        if raw and raw.strip():
            email = normalise_email(raw)
            if email not in emails:
                emails.append(email)
    phones = []
    for raw in data.phones:
        if raw and raw.strip():
            phone = normalise_phone(raw, default_country)
            if phone not in phones:
                phones.append(phone)
    return emails, phones


def contact_by_email(session: Session, email: str) -> Contact | None:
    contact = session.scalar(select(Contact).join(ContactEmail).where(ContactEmail.email == email.strip().lower()))
    while contact is not None and contact.merged_into_id is not None:
        contact = session.get(Contact, contact.merged_into_id)  # a merged contact's address lives on
    return contact if contact is not None and contact.deleted_at is None else None


def require_contact(session: Session, email: str) -> Contact:
    contact = contact_by_email(session, email)
    if contact is None:
        raise UserFacingError("No contact with the address {email}.", email=email)
    return contact


def company_by_name(session: Session, name: str) -> Company | None:
    return session.scalar(select(Company).where(func.lower(Company.name) == name.strip().lower(),
                                                Company.deleted_at.is_(None)))


def company_by_domain(session: Session, domain: str) -> Company | None:
    return session.scalar(select(Company).join(CompanyDomain).where(CompanyDomain.domain == domain.lower(),
                                                                    Company.deleted_at.is_(None)))


def _resolve_company(session: Session, name: str, emails: list[str], free: frozenset[str],
                     origin: str, batch: str) -> Company | None:
    """The named company, created if new, with the contact's business domain when it has none."""
    if not name.strip():
        return None
    company = company_by_name(session, name)
    domains = [e.rpartition("@")[2] for e in emails if e.rpartition("@")[2] not in free]
    if company is None:
        unclaimed = [d for d in dict.fromkeys(domains) if company_by_domain(session, d) is None]
        company = create(session, COMPANY, {"name": name.strip(), "domains": unclaimed}, origin, batch)
    return company


def _check_emails_free(session: Session, emails: list[str], contact_id: int | None) -> None:
    for email in emails:
        owner = session.scalar(select(ContactEmail.contact_id).where(ContactEmail.email == email))
        if owner is not None and owner != contact_id:
            other = session.get(Contact, owner)
            raise InvalidValue("{email} already belongs to the contact {contact}", email=email, contact=other.name or email)


def _prepared(store: Store, data: ContactInput) -> tuple[list[str], list[str], frozenset[str], str]:
    """Validate before any write: (emails, phones, free-mail domains, a batch id for history)."""
    emails, phones = validated(data, get_setting(store, "default_country"))
    data.custom = checked_custom(store, "contact", data.custom)
    return emails, phones, free_mail_domains(store), new_uuid()


@writes
def add_contact(store: Store, data: ContactInput, origin: str = "local") -> str:
    """Create a contact (and its company when named); returns its uuid."""
    emails, phones, free, batch = _prepared(store, data)
    with store.write() as session:
        _check_emails_free(session, emails, None)
        company = _resolve_company(session, data.company, emails, free, origin, batch)
        first, last = split_name(data.name)
        values = {"name": data.name.strip(), "first_name": data.first_name or first,
                  "last_name": data.last_name or last, "title": data.title, "owner": data.owner,
                  "emails": emails, "phones": phones, "tags": data.tags,
                  "company_id": company.id if company else None}
        values.update({f"custom.{k}": v for k, v in data.custom.items()})
        contact = create(session, CONTACT, values, origin, batch)
        contact_id, company_id = contact.id, company.id if company else None
        uuid = contact.uuid
    linking.relink_contact(store, contact_id)
    if company_id is not None:
        linking.relink_company(store, company_id)
    return uuid


@writes
def update_contact(store: Store, email: str, data: ContactInput, cleared: set[str] = frozenset(),
                   origin: str = "local") -> dict[str, tuple]:
    """Apply what ``data`` gives to the contact with ``email``; empty values keep what is there."""
    with store.read() as session:
        uuid = require_contact(session, email).uuid
    return update_contact_record(store, uuid, data, cleared, origin, fallback_email=email)


@writes
def update_contact_record(store: Store, contact_uuid: str, data: ContactInput, cleared: set[str] = frozenset(),
                          origin: str = "local", fallback_email: str = "") -> dict[str, tuple]:
    """Apply what ``data`` gives to the contact ``contact_uuid``; empty values keep what is there."""
    emails, phones, free, batch = _prepared(store, data)
    with store.write() as session:
        contact = by_uuid(session, CONTACT, contact_uuid)
        _check_emails_free(session, emails, contact.id)
        known = emails or list(session.scalars(select(ContactEmail.email).where(
            ContactEmail.contact_id == contact.id))) or ([fallback_email] if fallback_email else [])
        company = _resolve_company(session, data.company, known, free, origin, batch)
        values: dict[str, Any] = {"name": data.name.strip(), "first_name": data.first_name,
                                  "last_name": data.last_name, "title": data.title, "owner": data.owner,
                                  "tags": data.tags, "phones": phones}
        if emails or "emails" in cleared:
            values["emails"] = emails
        if company is not None or "company" in cleared:
            values["company_id"] = company.id if company else None
        values.update({f"custom.{k}": v for k, v in data.custom.items()})
        old_company = contact.company_id
        changed = apply_changes(session, CONTACT, contact, values, origin,
                                cleared={"company_id" if c == "company" else c for c in cleared}, batch=batch)
        contact_id, new_company = contact.id, contact.company_id
    if changed:
        linking.relink_contact(store, contact_id)
        for company_id in {old_company, new_company} - {None}:
            linking.relink_company(store, company_id)
    return changed


@writes
def add_company(store: Store, name: str, domains: list[str], industry: str = "", origin: str = "local") -> str:
    if not name.strip():
        raise InvalidValue("a company needs a name")
    clean = _clean_domains(domains)
    with store.write() as session:
        for domain in clean:
            if company_by_domain(session, domain) is not None:
                raise InvalidValue("the domain {domain} already belongs to another company", domain=domain)
        company = create(session, COMPANY, {"name": name.strip(), "domains": clean, "industry": industry}, origin)
        company_id, uuid = company.id, company.uuid
    linking.relink_company(store, company_id)
    return uuid


@writes
def restore_contact(store: Store, email: str, version: int) -> list[str]:
    """Bring a contact back to an earlier version (itself a new version); returns the fields changed."""
    from app.crm.history import restore
    from app.crm.linking import relink_contact

    with store.write() as session:
        contact = require_contact(session, email)
        changed = restore(session, RECORD_TYPES["contact"], contact, version)
        contact_id = contact.id
    relink_contact(store, contact_id)
    return changed


@writes
def delete_contact(store: Store, email: str, origin: str = "local") -> None:
    with store.write() as session:
        contact = require_contact(session, email)
        soft_delete(session, CONTACT, contact, origin)
        contact_id = contact.id
    linking.relink_contact(store, contact_id)


def _clean_domains(domains: list[str]) -> list[str]:
    clean = []
    for domain in domains:
        value = domain.strip().lower().lstrip("@")
        if value and value not in clean:
            normalise_email(f"x@{value}")  # the same domain rules as addresses
            clean.append(value)
    return clean


@writes
def update_company(store: Store, company_uuid: str, name: str | None = None, industry: str | None = None,
                   domains: list[str] | None = None, cleared: set[str] = frozenset(),
                   origin: str = "local") -> dict[str, tuple]:
    """Change a company's name, industry or domains (``None`` leaves a field as it is)."""
    clean = _clean_domains(domains) if domains is not None else None
    with store.write() as session:
        company = by_uuid(session, COMPANY, company_uuid)
        values: dict[str, Any] = {}
        if name is not None:
            if not name.strip():
                raise InvalidValue("a company needs a name")
            values["name"] = name.strip()
        if industry is not None:
            values["industry"] = industry.strip()
        if clean is not None:
            for domain in clean:
                owner = company_by_domain(session, domain)
                if owner is not None and owner.id != company.id:
                    raise InvalidValue("the domain {domain} already belongs to another company", domain=domain)
            values["domains"] = clean
        changed = apply_changes(session, COMPANY, company, values, origin, cleared=cleared)
        company_id = company.id
    if "domains" in changed:
        linking.relink_company(store, company_id)
    return changed


@writes
def delete_record(store: Store, kind: str, record_uuid: str, origin: str = "local") -> None:
    """Delete a contact or a company (a tombstone; :func:`restore_record` undoes it)."""
    record_type = {"contact": CONTACT, "company": COMPANY}[kind]
    with store.write() as session:
        record = by_uuid(session, record_type, record_uuid)
        soft_delete(session, record_type, record, origin)
        record_id = record.id
    (linking.relink_contact if kind == "contact" else linking.relink_company)(store, record_id)


@writes
def restore_record(store: Store, kind: str, record_uuid: str, origin: str = "local") -> None:
    """Bring back a contact or company deleted with :func:`delete_record`."""
    record_type = {"contact": CONTACT, "company": COMPANY}[kind]
    with store.write() as session:
        record = by_uuid(session, record_type, record_uuid)
        if record.deleted_at is None:
            return
        if kind == "contact":
            emails = list(session.scalars(select(ContactEmail.email).where(ContactEmail.contact_id == record.id)))
            _check_emails_free(session, emails, record.id)
        record.deleted_at = None
        record_event(session, record_type, record, "restored", None, origin)
        record_id = record.id
    (linking.relink_contact if kind == "contact" else linking.relink_company)(store, record_id)
